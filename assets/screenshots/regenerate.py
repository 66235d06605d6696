"""Regenerate the README's screenshots from the real window, driven with mouse events.

Run it on a desktop or a virtual screen, from the repository root::

    xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python assets/screenshots/regenerate.py [--faces DIR]

``--faces DIR`` (one sub-folder of photos per person, e.g. the Yale faces) trains a recogniser on all
but one photo of each person and shows the held-out folder of the first person in the Faces tab.
User data goes to a temporary folder, so the shipped digit model is the one shown.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
FOUR = [[(0.58, 0.12), (0.22, 0.6), (0.8, 0.6)], [(0.6, 0.35), (0.6, 0.9)]]


def wait(app, seconds: float, until=lambda: False) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and not until():
        app.processEvents()
        time.sleep(0.02)


def draw(app, canvas, strokes, steps: int = 8) -> None:
    """Press, move and release the mouse along each stroke, as a person draws."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    side = min(canvas.width(), canvas.height())
    x0, y0 = (canvas.width() - side) / 2, (canvas.height() - side) / 2

    def at(p):
        return QPoint(round(x0 + p[0] * side), round(y0 + p[1] * side))

    for stroke in strokes:
        QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(stroke[0]))
        for a, b in zip(stroke, stroke[1:]):
            for i in range(1, steps + 1):
                QTest.mouseMove(canvas, at((a[0] + (b[0] - a[0]) * i / steps, a[1] + (b[1] - a[1]) * i / steps)))
                wait(app, 0.01)
        QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(stroke[-1]))
    wait(app, 1.0)


def train_faces(folder: Path, work: Path) -> tuple[Path, Path]:
    """A recogniser on all but the last photo of each person, and the held-out photos of the first."""
    train, shown = work / "train", work / "shown"
    people = sorted(p for p in folder.iterdir() if p.is_dir())[:6]
    for person in people:
        photos = sorted(p for p in person.iterdir() if p.is_file())
        (train / person.name).mkdir(parents=True)
        for photo in photos[:-2]:
            shutil.copy(photo, train / person.name)
    shown.mkdir()
    for photo in sorted(p for p in people[0].iterdir() if p.is_file())[-2:]:
        shutil.copy(photo, shown)
    model = work / "faces.keras"
    command = [sys.executable, "-m", "gui", "faces", "train", str(train), "--backbone", "face", "--out", str(model)]
    subprocess.run(command, cwd=REPO, check=True)
    return model, shown


def shoot(language: str, faces: Path | None) -> None:
    from PySide6.QtWidgets import QApplication

    from gui import i18n
    from gui.app import make_training_state, open_window, start_model_loading
    from models.app_state import AppState

    app = QApplication.instance() or QApplication(["digitface"])
    i18n.save_language(language)
    state = AppState(language)
    window = open_window(state, make_training_state())
    window.resize(1100, 720)
    start_model_loading(state)
    wait(app, 60, lambda: state.digits.value.status == "ready")
    suffix = "" if language == "en" else f"-{language}"
    draw(app, window.digits_tab.canvas, FOUR)
    window.grab().save(str(OUT / f"digits-tab{suffix}.png"))
    if language != "en":
        window.close()
        return
    window.tabs.setCurrentWidget(window.network_tab)
    wait(app, 3.0)
    window.grab().save(str(OUT / "network-tab.png"))
    if faces is not None:
        model, shown = train_faces(faces, Path(tempfile.mkdtemp()))
        tab = window.faces_tab
        window.tabs.setCurrentWidget(tab)
        tab.load_model_in_background(model)
        wait(app, 60, lambda: state.faces.value.status == "ready")
        tab.set_source(str(shown))
        tab.start()
        wait(app, 30, lambda: bool(tab.last_found))
        window.grab().save(str(OUT / "faces-tab.png"))
        tab.stop()
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faces", type=Path, help="a folder with one sub-folder of photos per person")
    args = parser.parse_args()
    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp()  # no accepted models, no saved language
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp()
    sys.path.insert(0, str(REPO))
    shoot("en", args.faces)
    shoot("pt_BR", None)
    print(f"wrote screenshots to {OUT}")


if __name__ == "__main__":
    main()
