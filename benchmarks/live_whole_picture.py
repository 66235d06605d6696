"""Live whole-picture recognition (pets and things) in the Faces tab, on a 640×480, 30 fps video.

Runs the real window (offscreen) on a video made from two shipped photos
(scikit-image's cat and coffee cup, taking turns every two seconds and moving
a little each frame), with a recogniser trained on variations of them: the
compact CNN from scratch, or the ImageNet MobileNetV2 backbone with a head
(real weights from ../shared/weights/keras, copied into a temporary Keras
cache; nothing downloads). Prints displayed frames per second, label updates
per second and how often the label named what was on screen.

    python benchmarks/live_whole_picture.py [--backbone scratch|imagenet] [--seconds 15]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]  # this checkout, not an installed copy

import cv2  # noqa: E402
import numpy as np  # noqa: E402
from faces_data import shipped, variants, write_folder  # noqa: E402

SHARED_WEIGHTS = REPO.parent / "shared" / "weights" / "keras"
SWITCH_S = 2.0  # the subject changes every two seconds


def scene(photo: np.ndarray, x: int) -> np.ndarray:
    """A 640×480 frame: the photo (400×300) in front of a grey wall, ``x`` px from the left."""
    frame = np.full((480, 640, 3), 90, np.uint8)
    frame[90:390, x : x + 400] = cv2.resize(photo, (400, 300))
    return frame


def make_clip(path: Path, seconds: float = 12.0, fps: int = 30) -> Path:
    """A 640×480 clip where the cat and the cup take turns, drifting sideways."""
    photos = [shipped("chelsea"), shipped("coffee")]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (640, 480))
    for i in range(int(seconds * fps)):
        frame = scene(photos[int(i / fps / SWITCH_S) % 2], int(120 + 60 * np.sin(i / 20)))
        writer.write(cv2.cvtColor(frame, cv2.COLOR_RGB2BGR))
    writer.release()
    return path


def recorded(name: str, n: int, seed: int) -> list[np.ndarray]:
    """What *Add class…* would record of it: varied views at other places in front of the wall."""
    rng = np.random.default_rng(seed)
    return [scene(v, int(rng.integers(40, 200))) for v in variants(shipped(name), n, seed)]


def use_shared_weights(tmp: Path) -> None:
    """Point Keras at a temporary cache holding the real no-top weights (no download)."""
    from models.image_features import IMAGENET_SIZE, weights_name

    source = SHARED_WEIGHTS / weights_name(224)
    if not source.is_file():
        sys.exit(f"{source} is absent: the ImageNet figures need it")
    (tmp / "keras" / "models").mkdir(parents=True)
    shutil.copyfile(source, tmp / "keras" / "models" / weights_name(IMAGENET_SIZE))
    os.environ["KERAS_HOME"] = str(tmp / "keras")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backbone", choices=("scratch", "imagenet"), default="scratch")
    parser.add_argument("--seconds", type=float, default=15.0)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if args.backbone == "imagenet":
            use_shared_weights(tmp)
        from PySide6.QtWidgets import QApplication

        from gui.main_window import MainWindow
        from models.recognizer import Recognizer
        from training.recognizer_training import RecognizerTrainConfig, train_recognizer

        things = write_folder(tmp / "things", {"cat": recorded("chelsea", 15, 1), "coffee": recorded("coffee", 15, 2)})
        out = tmp / "things.keras"
        started = time.perf_counter()
        train_recognizer(things, RecognizerTrainConfig(backbone=args.backbone), out=out, cache_dir=tmp / "cache")
        trained_s = time.perf_counter() - started
        clip = make_clip(tmp / "clip.avi")

        app = QApplication.instance() or QApplication([])
        window = MainWindow()
        window.show()
        tab = window.faces_tab
        window.tabs.setCurrentWidget(tab)
        tab.set_recognizer(Recognizer.load(out))
        tab.set_source(str(clip))
        tab.start()
        tab.capture.source.loop = True
        right = seen = 0
        last = None
        labels_seen: dict[str, int] = {}
        took: list[float] = []

        def check(found: list, seconds: float) -> None:  # is the label what the video shows now?
            nonlocal right, seen, last
            if found is last or not found:
                return
            took.append(seconds)
            last = found
            shown_s = tab.view.frames_shown / 30.0
            truth = ("cat", "coffee")[int(shown_s / SWITCH_S) % 2]
            seen += 1
            right += found[0].label == truth
            labels_seen[found[0].label] = labels_seen.get(found[0].label, 0) + 1

        tab.recognition.recognized.connect(check)
        deadline = time.perf_counter() + 3.0  # warm up (the first call traces the model), then measure
        while time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.002)
        frames0, labels0, t0 = tab.view.frames_shown, tab.label_updates, time.perf_counter()
        right = seen = 0
        labels_seen.clear()
        took.clear()
        while time.perf_counter() - t0 < args.seconds:
            app.processEvents()
            time.sleep(0.002)
        dt = time.perf_counter() - t0
        frames, labels = tab.view.frames_shown - frames0, tab.label_updates - labels0
        traces = tab.recognizer.traces
        tab.stop()
        window.close()

    print(f"video                      640x480, 30 fps; a cat and a coffee cup taking turns every {SWITCH_S:.0f} s")
    print(f"backbone                   {args.backbone} (trained on 30 pictures in {trained_s:.1f} s)")
    print(f"measured over              {dt:.1f} s")
    print(f"displayed frames/s         {frames / dt:.1f}")
    print(f"label updates/s            {labels / dt:.1f}")
    p50, p95 = 1000 * np.median(took), 1000 * np.percentile(took, 95)
    print(f"recognition per frame      {p50:.1f} ms median, {p95:.1f} ms p95")
    print(f"labels naming the subject  {100 * right / max(seen, 1):.0f}% (of {seen}; switches count against)")
    print(f"labels shown               {', '.join(f'{k} {v}' for k, v in sorted(labels_seen.items()))}")
    print(f"tracings of the live call  {traces}")


if __name__ == "__main__":
    main()
