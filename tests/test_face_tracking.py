"""Faces followed between detections: names stay with their faces, are held through a bad frame, and are renewed."""

from __future__ import annotations

from functools import partial
from types import SimpleNamespace

import pytest

from models.face_features import Box
from models.face_tracking import (
    CONFIRM,
    FORGET_MISSES,
    FORGET_S,
    REEMBED_S,
    YOUNG_REEMBED_S,
    YOUNG_VOTES,
    Decision,
    FaceTracker,
    TrackedFace,
)
from models.recognizer import Recognizer

FPS = 30
# The recogniser's own open-set rule, at its usual thresholds.
LABEL_FOR = partial(Recognizer.label_for, SimpleNamespace(distance_threshold=0.6, confidence_threshold=0.5))


def box(x: float, y: float = 100, size: int = 90) -> Box:
    return Box(round(x), round(y), round(x) + size, round(y) + size)


def named(name: str) -> Decision:
    return Decision(name, 0.95, 0.35)


def stranger() -> Decision:
    return Decision("alice", 0.8, 0.9)  # the nearest enrolled face is far: the rule says unknown


def label_at(faces: list[TrackedFace], b: Box) -> str | None:
    """The label drawn on the face whose box is ``b`` (the one nearest it)."""
    if not faces:
        return None
    cx = (b.left + b.right) / 2
    nearest = min(faces, key=lambda f: abs((f.box.left + f.box.right) / 2 - cx))
    return nearest.label


def run(tracker: FaceTracker, scenes: list[dict[str, Box]], embed=None, t0: float = 0.0) -> list[list[TrackedFace]]:
    """Play ``scenes`` (per frame: true name → detected box) at 30 fps, embedding whatever is due at once.

    ``embed(name, t)`` is the decision an embedding of ``name``'s face gives (the truth by default).
    """
    embed = embed or (lambda name, t: named(name))
    shown = []
    for n, scene in enumerate(scenes):
        t = t0 + n / FPS
        ids = tracker.update(list(scene.values()), t)
        owner = dict(zip(ids, scene))  # the ground truth: which person each box shows
        due = tracker.due(t)
        tracker.sent(due, t)
        for i in due:
            tracker.named(i, embed(owner[i], t))
        shown.append(tracker.faces(LABEL_FOR))
    return shown


def test_names_stay_with_their_faces_when_two_people_cross():
    # Ann walks right, Bob left; Ann passes in front and hides Bob for a few frames.
    scenes = []
    for n in range(60):
        ann, bob = box(40 + 8 * n), box(520 - 8 * n, y=110)
        overlap = abs(ann.left - bob.left) < 70
        scenes.append({"ann": ann} if overlap else {"ann": ann, "bob": bob})
    tracker = FaceTracker()
    shown = run(tracker, scenes)
    assert any(len(s) == 2 for s in shown[:5]) and any(len(sc) == 1 for sc in scenes)  # both named, then hidden
    for scene, faces in zip(scenes, shown, strict=True):
        for name, b in scene.items():
            assert label_at(faces, b) in (name, None), f"{name}'s face was called {label_at(faces, b)}"
    assert sorted(f.label for f in shown[-1]) == ["ann", "bob"]
    # Bob came back on his own track, where he was heading: not as a new face that must be named again.
    assert {f.track for faces in shown for f in faces} == {1, 2}


def test_a_crossing_without_velocity_would_swap_names_so_the_embeddings_after_it_decide():
    # Two faces meet, stop together, and leave back the way they came: overlap alone cannot tell them apart.
    scenes = []
    for n in range(50):
        step = min(n, 25) - max(0, n - 25)  # in, then out
        scenes.append({"ann": box(100 + 7 * step), "bob": box(450 - 7 * step)})
    tracker = FaceTracker()
    shown = run(tracker, scenes)
    faces = shown[-1]
    assert label_at(faces, scenes[-1]["ann"]) == "ann" and label_at(faces, scenes[-1]["bob"]) == "bob"


def test_a_face_that_appears_is_named_and_one_that_leaves_is_forgotten():
    tracker = FaceTracker()
    frames = int(FORGET_S * FPS) + 3
    scenes = [{"ann": box(100)}] * 10 + [{"ann": box(100), "cy": box(400)}] * 10 + [{"cy": box(400)}] * frames
    shown = run(tracker, scenes)
    assert [f.label for f in shown[9]] == ["ann"]
    assert [f.label for f in shown[10]] == ["ann"]  # found once: maybe a pattern that looks like a face
    assert sorted(f.label for f in shown[11]) == ["ann", "cy"]  # found again: embedded at once
    assert [f.label for f in shown[-1]] == ["cy"] and len(tracker.tracks) == 1
    assert shown[-1][0].detections == len(scenes) - 10


def test_an_unknown_face_stays_unknown_and_a_new_face_waits_for_its_name():
    tracker = FaceTracker()
    tracker.update([box(100)], 0.0)
    assert tracker.due(0.0) == []  # found once: not yet worth an embedding
    (i,) = tracker.update([box(102)], 0.05)
    assert tracker.faces(LABEL_FOR) == []  # found, not yet named: nothing to draw
    assert tracker.due(0.05) == [i]
    tracker.sent([i], 0.05)
    assert tracker.due(0.05) == []  # its embedding is on its way
    tracker.named(i, stranger())
    (face,) = tracker.faces(LABEL_FOR)
    assert face.label == "unknown" and not face.known and face.candidate == "alice"


def test_one_bad_embedding_does_not_rename_a_face():
    tracker = FaceTracker()
    t = 0.0
    bad_at = 2.0
    scenes = [{"ann": box(100 + n)} for n in range(90)]  # three seconds, moving slowly

    def embed(name: str, at: float) -> Decision:
        return named("bob") if abs(at - bad_at) < 0.5 / FPS else named(name)

    for n, scene in enumerate(scenes):
        t = n / FPS
        (i,) = tracker.update(list(scene.values()), t)
        if t >= bad_at and tracker.tracks[i].embedded_at < bad_at:  # force an embedding at the bad moment
            tracker.tracks[i].embedded_at = -1.0
        due = tracker.due(t)
        tracker.sent(due, t)
        for j in due:
            tracker.named(j, embed("ann", t))
        if n >= CONFIRM - 1:  # named from the frame it is confirmed in
            assert [f.label for f in tracker.faces(LABEL_FOR)] == ["ann"], f"at {t:.2f} s"
    assert any(d.candidate == "bob" for d in tracker.tracks[i].votes)  # the bad one did vote


def test_a_tie_keeps_the_name_shown():
    tracker = FaceTracker()
    (i,) = tracker.update([box(100)], 0.0)
    tracker.named(i, named("ann"))
    assert tracker.faces(LABEL_FOR)[0].label == "ann"
    tracker.named(i, named("bob"))  # one against one
    assert tracker.faces(LABEL_FOR)[0].label == "ann"
    tracker.named(i, named("bob"))
    assert tracker.faces(LABEL_FOR)[0].label == "bob"  # now the evidence says bob


def test_faces_are_embedded_when_they_appear_then_now_and_then():
    tracker = FaceTracker()
    embedded = []
    for n in range(int(3 * FPS)):
        t = n / FPS
        (i,) = tracker.update([box(100)], t)
        due = tracker.due(t)
        tracker.sent(due, t)
        for j in due:
            tracker.named(j, named("ann"))
            embedded.append(t)
    gaps = [b - a for a, b in zip(embedded, embedded[1:])]
    young = gaps[: YOUNG_VOTES - 1]
    assert embedded[0] == (CONFIRM - 1) / FPS  # as soon as it was found in CONFIRM frames
    assert all(YOUNG_REEMBED_S <= g < YOUNG_REEMBED_S + 1.5 / FPS for g in young)
    assert all(REEMBED_S <= g < REEMBED_S + 1.5 / FPS for g in gaps[YOUNG_VOTES - 1 :])
    assert 4 <= len(embedded) <= 7  # not every frame: 90 frames, a handful of embeddings
    assert tracker.faces(LABEL_FOR)[0].embeddings == len(embedded)


def test_boxes_move_on_between_detections():
    tracker = FaceTracker()
    for n in range(5):
        (i,) = tracker.update([box(100 + 6 * n)], n / FPS)  # 180 px/s to the right
        tracker.named(i, named("ann"))
    (face,) = tracker.faces(LABEL_FOR)
    later = face.box_at(face.seen + 0.1)
    assert later.left - face.box.left == pytest.approx(18, abs=2) and later.top == face.box.top
    assert face.box_at(face.seen + 5).left - face.box.left < 40  # never carried far past the last detection


def test_an_answer_for_a_face_that_left_is_ignored():
    tracker = FaceTracker()
    tracker.update([box(100)], 0.0)
    (i,) = tracker.update([box(100)], 0.05)
    tracker.sent([i], 0.05)
    for n in range(FORGET_MISSES):  # the face left while its embedding was on its way
        tracker.update([], FORGET_S + 0.1 + n / FPS)
    tracker.named(i, named("ann"))
    assert tracker.faces(LABEL_FOR) == [] and tracker.tracks == {}


def test_a_pattern_taken_for_a_face_in_single_frames_is_never_embedded_nor_shown():
    tracker = FaceTracker()
    scenes = [
        {"ann": box(100), "badge": box(300, y=300, size=80)} if n % 4 == 0 else {"ann": box(100)} for n in range(60)
    ]
    embedded = []
    shown = run(tracker, scenes, embed=lambda name, t: embedded.append(name) or named(name))
    assert set(embedded) == {"ann"}
    assert all([f.label for f in faces] in ([], ["ann"]) for faces in shown)
    assert len(tracker.tracks) == 1


def test_faces_are_kept_through_a_stall_of_the_finders():
    """A busy machine may hold back the face finders for a second: no frame was searched, no face was missed."""
    tracker = FaceTracker()
    shown = run(tracker, [{"ann": box(100), "bob": box(400)}] * 10)
    assert len(shown[-1]) == 2
    t = 9 / FPS + 1.5  # the next frame whose faces come back: HOG misses Bob in it, as it does now and then
    assert tracker.update([box(104)], t) == [1]
    ids = tracker.update([box(105), box(404)], t + 1 / FPS)
    assert ids == [1, 2] and sorted(f.label for f in tracker.faces(LABEL_FOR)) == ["ann", "bob"]
    t += 1 / FPS
    for n in range(1, 4):  # then both leave: gone after a few frames without them
        tracker.update([], t + FORGET_S + n / FPS)
    assert tracker.tracks == {}
