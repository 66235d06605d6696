"""How the recognition thread shares two face finders among a group: one embeds while the other keeps finding."""

from __future__ import annotations

import time
from collections import deque

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from gui.video_threads import RecognitionThread  # noqa: E402
from models.face_features import EMBEDDING_SIZE, Box  # noqa: E402
from models.face_processes import EmbeddedFrame  # noqa: E402
from models.latest import Latest  # noqa: E402

NAMES = ["ann", "bob", "cy", "dee"]
BOXES = [Box(40, 40, 140, 140), Box(360, 40, 460, 140), Box(40, 280, 140, 380), Box(360, 280, 460, 380)]
WORK_S = {"detect": 0.02, "embed": 0.06}  # a child's time per frame and per face: a fast laptop's, scaled down


class FakeRecognizer:
    """Names an embedding by the one-hot position it carries (what a good recogniser would say)."""

    backbone = "face"

    def classify_features(self, embeddings: np.ndarray) -> np.ndarray:
        return embeddings[:, : len(NAMES)]

    def decide(self, probabilities: np.ndarray, embeddings: np.ndarray) -> list:
        return [(NAMES[int(np.argmax(p))], 0.9, 0.3) for p in probabilities]

    def label_for(self, candidate: str, confidence: float, distance: float | None) -> str:
        return candidate


class FakeChildren:
    """Two face finders that take as long as real ones would, on a frame where four people sit still."""

    count = 2

    def __init__(self) -> None:
        self.jobs: deque = deque()  # (sequence, task, boxes, due time)
        self.busy_with: list[tuple[tuple[str, ...], bool]] = []  # after each submit: tasks in flight, all named
        self.thread: RecognitionThread | None = None

    @property
    def idle(self) -> int:
        return self.count - len(self.jobs)

    @property
    def in_flight(self) -> int:
        return len(self.jobs)

    def submit(self, sequence, frame, task="both", boxes=None) -> None:
        assert self.idle
        work = WORK_S["detect"] if task == "detect" else WORK_S["embed"] * len(boxes)
        self.jobs.append((sequence, task, boxes, time.monotonic() + work))
        tracks = self.thread.tracker.tracks.values()
        everyone_named = len(tracks) == len(BOXES) and all(t.votes for t in tracks)
        self.busy_with.append((tuple(j[1] for j in self.jobs), everyone_named))

    def collect(self, timeout: float = 0.0) -> list[EmbeddedFrame]:
        deadline = time.monotonic() + timeout
        while True:
            ready = [j for j in self.jobs if j[3] <= time.monotonic()]
            if ready or time.monotonic() >= deadline:
                break
            time.sleep(0.002)
        out = []
        for job in ready:
            self.jobs.remove(job)
            sequence, task, boxes, _ = job
            if task == "detect":
                out.append(EmbeddedFrame(sequence, list(BOXES), np.zeros((0, EMBEDDING_SIZE), np.float32), 0.0, task))
            else:
                embeddings = np.zeros((len(boxes), EMBEDDING_SIZE), np.float32)
                for row, b in enumerate(boxes):
                    embeddings[row, BOXES.index(b)] = 1.0
                out.append(EmbeddedFrame(sequence, boxes, embeddings, 0.0, task))
        return out


def test_four_faces_are_found_far_more_often_than_embedded_and_each_keeps_its_name(qapp):
    mailbox: Latest = Latest()
    thread = RecognitionThread(mailbox)
    shown = []
    thread.recognized.connect(lambda found, _: shown.append(found))
    children, recognizer = FakeChildren(), FakeRecognizer()
    children.thread = thread
    frame = np.zeros((480, 640, 3), np.uint8)
    number, start = 0, time.monotonic()
    while time.monotonic() - start < 3.0:
        number += 1
        mailbox.put((number, frame))  # a camera that always has a new frame
        thread._step_tracking(children, recognizer)
    faces = shown[-1]
    assert sorted((f.label, BOXES.index(f.box)) for f in faces) == [(n, i) for i, n in enumerate(NAMES)]
    # Once everyone has a name, both children never embed at once: one always keeps the boxes moving.
    assert sum(named for _, named in children.busy_with) > 20
    assert all(tasks.count("embed") <= 1 for tasks, named in children.busy_with if named)
    assert any(tasks.count("embed") == 2 for tasks, named in children.busy_with if not named)  # newcomers: both
    for face in faces:
        assert face.embeddings >= 3  # named when it appeared, then again now and then
        assert face.detections >= 5 * face.embeddings  # and its box moved many times in between
