"""Full webcam pipeline of the Faces tab on a 640×480, 30 fps video with one face, or a group of up to four.

Runs the real Faces tab (offscreen) on a video file made from shipped photos
(scikit-image's astronaut, moving a little each frame), with a recogniser
trained on photos of her and of Grace Hopper. ``--faces N`` puts N people in
the frame, one in each quarter, each moving a little: the astronaut, Grace
Hopper and, for three or four, people of the Yale faces
(../shared/datasets/yalefaces), enrolled from their other photos. Prints
displayed frames per second, label updates per second, and per face: box
updates (detections) and name updates (embeddings) per second, and how often
every face was boxed and named right.

``--cross``: two of them walk across each other and back, one hiding the
other's face as they pass; a name that jumped between faces would show as a
track whose name changed.

    python benchmarks/live_pipeline.py [--seconds 15] [--faces N | --cross | --distant] [--in-thread]
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
ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # this checkout's code, whatever is installed

import cv2  # noqa: E402
import numpy as np  # noqa: E402
from faces_data import face_tile, group_frame, quarter, shipped, variants, write_folder  # noqa: E402

YALE = ROOT.parent / "shared" / "datasets" / "yalefaces"
CLIP_PHOTO = "normal"  # the Yale photo in the video; the person is enrolled from the others


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


def group(n: int, yale: Path) -> tuple[list[str], list[np.ndarray], dict[str, list[np.ndarray]]]:
    """The names, clip photos and enrolment photos of ``n`` different people."""
    from PIL import Image

    names, photos = ["eileen", "grace"], [shipped("astronaut"), shipped("grace_hopper")]
    enrol = {"eileen": variants(photos[0], 5, 1), "grace": variants(photos[1], 5, 2)}
    if n > 2:
        if not yale.is_dir():
            sys.exit(f"{n} faces need the Yale faces at {yale} (the shipped photos hold two people)")
        for subject in sorted(p for p in yale.iterdir() if p.is_dir())[: n - 2]:
            read = {f.stem: np.asarray(Image.open(f).convert("RGB")) for f in sorted(subject.glob("*.gif"))}
            names.append(subject.name)
            photos.append(read.pop(CLIP_PHOTO))
            enrol[subject.name] = [p for stem, p in read.items() if "light" not in stem]  # side light: too dark
    return names[:n], photos[:n], enrol


def make_cross_clip(path: Path, seconds: float = 12.0, fps: int = 30) -> Path:
    """Two people walk across each other and back, Grace in front, hiding Eileen's face as they pass."""
    eileen, grace = (face_tile(shipped(name))[:, 40:240] for name in ("astronaut", "grace_hopper"))
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (640, 480))
    frames = int(seconds * fps)
    for i in range(frames):
        f = 1 - abs(1 - 2 * i / frames)  # 0 → 1 → 0: across and back
        frame = np.full((480, 640, 3), 90, np.uint8)
        x = round(20 + 400 * f)
        frame[120:330, x : x + 200] = eileen
        x = round(420 - 400 * f)
        frame[140:350, x : x + 200] = grace
        writer.write(cv2.cvtColor(frame, cv2.COLOR_RGB2BGR))
    writer.release()
    return path


def make_group_clip(path: Path, photos: list[np.ndarray], seconds: float = 10.0, fps: int = 30) -> Path:
    tiles = [face_tile(p) for p in photos]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (640, 480))
    for i in range(int(seconds * fps)):
        writer.write(cv2.cvtColor(group_frame(tiles, i)[0], cv2.COLOR_RGB2BGR))
    writer.release()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--distant", action="store_true", help="a face of ~50 px instead of ~90 px")
    parser.add_argument("--faces", type=int, default=0, help="a group of N people (1–4), one in each quarter")
    parser.add_argument("--cross", action="store_true", help="two people crossing: do names stay with faces?")
    parser.add_argument("--in-thread", action="store_true", help="recognise in the window's thread (no children)")
    parser.add_argument("--yale", type=Path, default=YALE)
    args = parser.parse_args()
    if not 0 <= args.faces <= 4:
        parser.error("--faces takes 1 to 4")

    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow
    from models.recognizer import Recognizer
    from training.recognizer_training import RecognizerTrainConfig, train_recognizer

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if args.faces:
            names, photos, enrol = group(args.faces, args.yale)
            clip = make_group_clip(tmp / "clip.avi", photos)
        elif args.cross:
            names, _, enrol = group(2, args.yale)
            clip = make_cross_clip(tmp / "clip.avi")
        else:
            names = ["eileen"]
            enrol = {"eileen": variants(shipped("astronaut"), 5, 1), "grace": variants(shipped("grace_hopper"), 5, 2)}
            clip = make_clip(tmp / "clip.avi", distant=args.distant)
        out = tmp / "faces.keras"
        train_recognizer(
            write_folder(tmp / "people", enrol), RecognizerTrainConfig(backbone="face"), out=out, cache_dir=tmp / "c"
        )

        app = QApplication.instance() or QApplication([])
        window = MainWindow()
        window.show()
        tab = window.faces_tab
        tab.recognize_in_processes = not args.in_thread
        tab.set_recognizer(Recognizer.load(out))
        tab.set_source(str(clip))
        tab.start()
        tab.capture.source.loop = True
        # Warm up until the first names (the face finders may still be starting) and 2 s more, then measure.
        started = time.perf_counter()
        while not tab.label_updates and time.perf_counter() - started < 120:
            app.processEvents()
            time.sleep(0.002)
        first = time.perf_counter() - started
        deadline = time.perf_counter() + 2.0
        while time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.002)

        def counts() -> dict[int, tuple[int, int]]:  # per track: detections, embeddings
            return {f.track: (f.detections, f.embeddings) for f in tab.last_found if hasattr(f, "track")}

        before = counts()
        frames0, labels0, t0 = tab.view.frames_shown, tab.label_updates, time.perf_counter()
        samples, boxed, named, next_sample = 0, 0, 0, t0
        label_of: dict[int, str] = {}  # per track, the name it showed last
        renamed = 0  # a track whose name changed: a name that jumped to another face, or a bad vote
        while time.perf_counter() - t0 < args.seconds:
            app.processEvents()
            time.sleep(0.002)
            for r in tab.last_found:
                if hasattr(r, "track"):
                    renamed += label_of.setdefault(r.track, r.label) != r.label
                    label_of[r.track] = r.label
            if args.faces and time.perf_counter() >= next_sample:  # who is boxed and named, 5 times a second
                next_sample += 0.2
                samples += 1
                for k, name in enumerate(names):
                    here = [r for r in tab.last_found if r.box is not None and quarter(r.box) == k]
                    boxed += len(here) == 1
                    named += len(here) == 1 and here[0].label == name
        dt = time.perf_counter() - t0
        frames, labels = tab.view.frames_shown - frames0, tab.label_updates - labels0
        after = counts()
        shown = sorted(r.label for r in tab.last_found)
        tab.stop()
        window.close()

    faces = args.faces or (2 if args.cross else 1)
    if args.faces:
        what = f"{faces} {'face' if faces == 1 else 'different faces'}, one a quarter, moving a little"
    elif args.cross:
        what = "two people crossing back and forth, one hiding the other"
    else:
        what = f"one {'distant' if args.distant else 'near'} face"
    print(f"video                      640x480, 30 fps, {what}")
    print(f"recognition                {'in the window thread' if args.in_thread else 'two child processes'}")
    print(f"first labels after Start   {first:.1f} s")
    print(f"measured over              {dt:.1f} s")
    print(f"displayed frames/s         {frames / dt:.1f}")
    print(f"label updates/s            {labels / dt:.1f}")
    if after:  # tracked faces: each box moves on every displayed frame between its detections
        detections = sum(d - before.get(i, (0, 0))[0] for i, (d, _) in after.items())
        embeddings = sum(e - before.get(i, (0, 0))[1] for i, (_, e) in after.items())
        print(f"box updates/s per face     {detections / dt / faces:.1f} (detections)")
        print(f"name updates/s per face    {embeddings / dt / faces:.2f} (embeddings)")
    if args.faces:
        print(f"faces boxed (samples)      {100 * boxed / max(samples * faces, 1):.1f}% of {samples} x {faces}")
        print(f"faces named right          {100 * named / max(samples * faces, 1):.1f}% of {samples} x {faces}")
    if label_of:
        print(f"faces followed (tracks)    {len(label_of)}; names changed on a track: {renamed}")
    print(f"labels on screen           {', '.join(shown) or '(none)'} (people: {', '.join(names)})")


if __name__ == "__main__":
    main()
