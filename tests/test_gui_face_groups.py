"""A group in front of the camera: every face boxed and named, each name staying with its face."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from conftest import SHARED
from faces_data import face_tile, group_frame, quarter, shipped, train_faces

pytest.importorskip("pytestqt")
pytest.importorskip("dlib")
pytest.importorskip("skimage")

from gui_helpers import open_main_window  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from models.face_tracking import TrackedFace  # noqa: E402
from models.recognizer import Recognizer  # noqa: E402

YALE = SHARED / "yalefaces"


@pytest.fixture(scope="module")
def recognizer_file(tmp_path_factory):
    return train_faces(tmp_path_factory)


def group_video(path, photos, frames=300, fps=30):
    tiles = [face_tile(p) for p in photos]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (640, 480))
    for i in range(frames):
        writer.write(cv2.cvtColor(group_frame(tiles, i)[0], cv2.COLOR_RGB2BGR))
    writer.release()
    return path


def stranger() -> np.ndarray:
    from PIL import Image

    return np.asarray(Image.open(YALE / "subject01" / "normal.gif").convert("RGB"))


@pytest.mark.parametrize("with_stranger", [False, True], ids=["two-people", "two-and-a-stranger"])
def test_every_face_of_a_group_is_boxed_and_keeps_its_name(qtbot, recognizer_file, tmp_path, with_stranger):
    if with_stranger and not YALE.is_dir():
        pytest.skip(f"no Yale faces at {YALE}")
    expected = ["eileen", "grace"] + (["unknown"] if with_stranger else [])
    photos = [shipped("astronaut"), shipped("grace_hopper")] + ([stranger()] if with_stranger else [])
    window = open_main_window(qtbot, tab="faces_tab")
    tab = window.faces_tab
    tab.set_recognizer(Recognizer.load(recognizer_file))
    tab.set_source(str(group_video(tmp_path / "group.avi", photos)))
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    try:

        def everyone_named() -> bool:
            return sorted(r.label for r in tab.last_found) == sorted(expected)

        qtbot.waitUntil(everyone_named, timeout=90000)
        assert tab.recognition.use_processes  # the child processes did the work, no fallback
        start = {f.track: (f.detections, f.embeddings) for f in tab.last_found}
        wrong = []

        def check(found, _seconds) -> None:  # every update, while the faces move: each name on its own face
            for face in found:
                if face.label != expected[quarter(face.box)]:
                    wrong.append((face.track, face.label, quarter(face.box)))

        tab.recognition.recognized.connect(check)
        qtbot.wait(2000)
        found = tab.last_found
        assert not wrong, wrong
        assert sorted(quarter(f.box) for f in found) == list(range(len(expected)))  # one box on each face
        assert len(tab.view.box_rects()) == len(expected)
        assert all(isinstance(f, TrackedFace) for f in found)
        assert {f.track for f in found} == set(start)  # the same tracks: nobody was lost and found again
        # Boxes follow every face between embeddings: found more often than embedded.
        detections = sum(f.detections - start[f.track][0] for f in found)
        embeddings = sum(f.embeddings - start[f.track][1] for f in found)
        assert detections > embeddings >= 0 and detections > 0
    finally:
        tab.stop()


def test_the_view_moves_a_tracked_box_on_between_detections(qtbot, monkeypatch):
    from gui import camera_view
    from gui.camera_view import CameraView
    from models.face_features import Box

    view = CameraView()
    qtbot.addWidget(view)
    view.resize(640, 480)
    view.show_frame(np.zeros((480, 640, 3), np.uint8))
    face = TrackedFace("ann", 0.9, Box(100, 100, 200, 200), 0.3, "ann", track=1, seen=50.0, velocity=(200.0, 0.0))
    view.show_recognitions([face])
    clock = [50.0]
    monkeypatch.setattr(camera_view.time, "monotonic", lambda: clock[0])
    at_detection = view.box_rects()[0]
    clock[0] = 50.1  # three frames later, before the next detection
    later = view.box_rects()[0]
    scale = at_detection.width() / 100
    assert later.x() - at_detection.x() == pytest.approx(20 * scale) and later.y() == at_detection.y()
