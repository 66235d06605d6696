"""Live faces found and embedded in child processes: same answers as in-process, newest first, failures reported."""

from __future__ import annotations

import numpy as np
import pytest
from faces_data import shipped

pytest.importorskip("dlib")
pytest.importorskip("skimage")

from models.face_features import FaceFeatures  # noqa: E402
from models.face_processes import FaceProcessError, FaceProcesses  # noqa: E402


def frame_with(name: str) -> np.ndarray:
    import cv2

    frame = np.full((480, 640, 3), 90, np.uint8)
    frame[:, 64:576] = cv2.resize(shipped(name), (512, 480))
    return frame


@pytest.fixture(scope="module")
def processes():
    with FaceProcesses(2) as started:
        started.wait_ready()
        yield started


def collect_all(processes: FaceProcesses, expected: int) -> list:
    done = []
    for _ in range(100):
        done += processes.collect(timeout=0.5)
        if len(done) == expected:
            return done
    raise AssertionError(f"only {len(done)} of {expected} frames came back")


def test_children_answer_like_the_window_would(processes):
    faces = FaceFeatures()
    frames = {1: frame_with("astronaut"), 2: frame_with("coffee")}  # a face; no face
    assert processes.idle == 2
    for sequence, frame in frames.items():
        processes.submit(sequence, frame)
    assert processes.idle == 0 and processes.in_flight == 2
    done = {d.sequence: d for d in collect_all(processes, 2)}
    assert processes.idle == 2
    here = faces.detect(frames[1], live=True)
    assert done[1].boxes == here and len(here) == 1
    np.testing.assert_allclose(done[1].embeddings, faces.embed(frames[1], here), atol=1e-5)
    assert done[2].boxes == [] and done[2].embeddings.shape == (0, 128)
    assert all(d.seconds > 0 for d in done.values())


def test_non_contiguous_frames_are_sent_whole(processes):
    frame = frame_with("astronaut")
    processes.submit(7, frame[:, ::-1])  # a mirrored view, as a flipped camera gives
    (done,) = collect_all(processes, 1)
    assert done.sequence == 7 and len(done.boxes) == 1


def test_a_child_that_dies_is_an_error_not_a_hang():
    with FaceProcesses(1) as one:
        one.wait_ready()
        one._processes[0].kill()
        one._processes[0].join()
        with pytest.raises(FaceProcessError):
            one.submit(1, frame_with("astronaut"))
            one.collect(timeout=5.0)


def test_small_faces_in_live_frames_get_a_second_look():
    import cv2

    faces = FaceFeatures()
    photo = cv2.resize(shipped("astronaut"), None, fx=0.55, fy=0.55)  # her face ~50 px: under HOG's window
    frame = np.full((480, 640, 3), 90, np.uint8)
    frame[100 : 100 + photo.shape[0], 150 : 150 + photo.shape[1]] = photo
    assert faces._detect_hog(frame, live=True) == []  # the first look misses it
    (box,) = faces.detect(frame, live=True)
    assert 40 <= box.width <= 70 and 230 <= box.left <= 270 and 120 <= box.top <= 160


def test_children_only_find_faces_or_only_embed_given_boxes(processes):
    """Tracking faces needs both halves apart: finding (every frame) and embedding (now and then)."""
    faces = FaceFeatures()
    frame = frame_with("astronaut")
    here = faces.detect(frame, live=True)
    processes.submit(1, frame, "detect")
    processes.submit(2, frame, "embed", here)
    done = {d.sequence: d for d in collect_all(processes, 2)}
    assert done[1].task == "detect" and done[1].boxes == here and done[1].embeddings.shape == (0, 128)
    assert done[2].task == "embed" and done[2].boxes == here
    np.testing.assert_allclose(done[2].embeddings, faces.embed(frame, here), atol=1e-5)
    with pytest.raises(ValueError, match="unknown task"):
        processes.submit(3, frame, "guess")
    assert processes.idle == 2
