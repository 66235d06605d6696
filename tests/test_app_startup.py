"""The real app starts: window first, TensorFlow later, in a worker."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys

import pytest
from conftest import REPO

SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import gui.app as app

qapp = QApplication([])

seen = {}
def check():
    seen['tf_at_show'] = 'tensorflow' in sys.modules
    w = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    seen['window'] = bool(w)
QTimer.singleShot(0, check)
code = app.main([])
print('TF_AT_SHOW', seen['tf_at_show'], 'WINDOW', seen['window'], 'TF_LATER', 'tensorflow' in sys.modules, 'EXIT', code)
"""


def test_window_appears_before_tensorflow_and_model_loads():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DIGITFACE_STARTUP_REPORT="1")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=REPO, env=env, capture_output=True, text=True, timeout=180
    )
    out = result.stdout
    assert "window-shown" in out and "model-ready" in out, out + result.stderr[-2000:]
    assert "TF_AT_SHOW False WINDOW True TF_LATER True EXIT 0" in out, out


def test_pyside_stops_reading_the_source_of_every_import(tmp_path, monkeypatch):
    pytest.importorskip("PySide6.QtCore")
    from gui.app import skip_pyside_import_scan

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not hasattr(feature, "_mod_uses_pyside"):
        pytest.skip("this PySide has no import scan")
    monkeypatch.setattr(feature, "_mod_uses_pyside", feature._mod_uses_pyside)  # put back afterwards
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("scanned_before", "skipped_after"):
        (tmp_path / f"{name}.py").write_text("X = 1\n")
    read = []
    real = inspect.getsource
    monkeypatch.setattr(inspect, "getsource", lambda obj: read.append(obj.__name__) or real(obj))

    __import__("scanned_before")
    assert read == ["scanned_before"]  # PySide read the new module's source
    skip_pyside_import_scan()
    __import__("skipped_after")
    assert read == ["scanned_before"]


def test_the_digitface_command_lives_in_gui_and_hands_commands_to_the_cli(capsys):
    import tomllib

    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["digitface"] == "gui.app:main"  # so training/ never needs to import gui/
    from gui.app import main

    with pytest.raises(SystemExit) as done:
        main(["digits", "predict", "--help"])
    assert done.value.code == 0
    assert "usage: digitface digits predict" in capsys.readouterr().out


PICK = """
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import gui.app as app
import gui.faces_tab as faces_tab

asked = []
faces_tab.FacesTab.load_model_in_background = lambda self, path, on_error=None: asked.append(Path(path).name)
qapp = QApplication([])
QTimer.singleShot(300, qapp.quit)
app.main([])
print("ASKED", asked[0] if asked else None)
"""


def test_the_faces_tab_opens_with_the_recogniser_retrained_last(tmp_path):
    """A pet model retrained after the face model: the next start loaded the face model all the same."""
    models = tmp_path / "data" / "DigitFace" / "models"
    models.mkdir(parents=True)
    for name, when in (("faces.keras", 1_700_000_000), ("things.keras", 1_700_000_100)):
        (models / name).write_bytes(b"a model")
        os.utime(models / name, (when, when))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"))
    result = subprocess.run(
        [sys.executable, "-c", PICK], cwd=REPO, env=env, capture_output=True, text=True, timeout=180
    )
    assert "ASKED things.keras" in result.stdout, result.stdout + result.stderr[-2000:]
