"""Full webcam pipeline of the Faces tab on a 640×480, 30 fps video with one face.

Runs the real Faces tab (offscreen) on a video file made from a shipped photo
(scikit-image's astronaut, moving a little each frame), with a recogniser
trained on photos of her and of Grace Hopper. Prints displayed frames per
second and label updates per second over the measuring window.

    python benchmarks/live_pipeline.py [--seconds 15]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import cv2  # noqa: E402
import numpy as np  # noqa: E402
from faces_data import shipped, variants, write_folder  # noqa: E402


def make_clip(path: Path, seconds: float = 10.0, fps: int = 30, distant: bool = False) -> Path:
    face = shipped("astronaut")
    # Near: her face ~90 px. Distant: ~50 px, someone 1–2 m from a 640×480 webcam.
    photo = cv2.resize(face, (282, 282)) if distant else cv2.resize(face, (512, 480))
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (640, 480))
    for i in range(int(seconds * fps)):
        frame = np.full((480, 640, 3), 90, np.uint8)
        x = int(64 + 40 * np.sin(i / 20))
        frame[480 - photo.shape[0] :, x : x + photo.shape[1]] = photo
        writer.write(cv2.cvtColor(frame, cv2.COLOR_RGB2BGR))
    writer.release()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--distant", action="store_true", help="a face of ~50 px instead of ~90 px")
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow
    from models.recognizer import Recognizer
    from training.recognizer_training import RecognizerTrainConfig, train_recognizer

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        people = write_folder(
            tmp / "people",
            {"eileen": variants(shipped("astronaut"), 5, 1), "grace": variants(shipped("grace_hopper"), 5, 2)},
        )
        out = tmp / "faces.keras"
        train_recognizer(people, RecognizerTrainConfig(backbone="face"), out=out, cache_dir=tmp / "cache")
        clip = make_clip(tmp / "clip.avi", distant=args.distant)

        app = QApplication.instance() or QApplication([])
        window = MainWindow()
        window.show()
        tab = window.faces_tab
        tab.set_recognizer(Recognizer.load(out))
        tab.set_source(str(clip))
        tab.start()
        tab.capture.source.loop = True
        # Warm up 2 s, then measure.
        deadline = time.perf_counter() + 2.0
        while time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.002)
        frames0, labels0, t0 = tab.view.frames_shown, tab.label_updates, time.perf_counter()
        while time.perf_counter() - t0 < args.seconds:
            app.processEvents()
            time.sleep(0.002)
        dt = time.perf_counter() - t0
        frames, labels = tab.view.frames_shown - frames0, tab.label_updates - labels0
        names = sorted({r.label for r in tab.last_found})
        tab.stop()
        window.close()

    print(f"video                      640x480, 30 fps, one {'distant' if args.distant else 'near'} face")
    print(f"measured over              {dt:.1f} s")
    print(f"displayed frames/s         {frames / dt:.1f}")
    print(f"label updates/s            {labels / dt:.1f}")
    print(f"labels on screen           {', '.join(names) or '(none)'}")


if __name__ == "__main__":
    main()
