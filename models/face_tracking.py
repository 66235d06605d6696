"""Follow faces between detections and hold a name per face, so groups are named without embedding every frame.

Embedding a face costs ~80 ms on a laptop core and finding all faces of a 640×480
frame ~25 ms, so embedding every face of every frame updated each of a group of
four 1.5 to 3 times a second on two cores. A :class:`FaceTracker` keeps one track per face instead:
each detection moves the boxes (matched to tracks by overlap with where each
track was heading), a face is embedded when its track appears and again now and
then, and its name is a vote over its last few embeddings, so one bad frame does
not rename anyone and names stay with their faces when two people cross.

Qt-free and clock-free: every call takes the time it is about (seconds, any
monotonic clock), so tests drive it with made-up times.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from models.face_features import Box
from models.recognizer import Recognition

# A detection continues a track when it overlaps where the track was heading by at least this much.
MIN_IOU = 0.25
# Two tracks overlapping this much may have swapped faces: both are embedded again once apart.
CROSSING_IOU = 0.1
REEMBED_S = 0.7  # a named face is embedded again this often (it may have turned, or been mislabelled)
YOUNG_REEMBED_S = 0.25  # until it has YOUNG_VOTES embeddings: a name from one frame is a guess
YOUNG_VOTES = 3
# A track missed in this many frames in a row, for this long, has left (HOG misses a face in a frame or
# two). Counting frames too keeps faces through a stall of the finders (a busy machine): no frame, no miss.
FORGET_S = 0.6
FORGET_MISSES = 3
# A face is real once found in this many frames in a row: HOG now and then takes a pattern for a face
# (seen: a badge on a space suit) in a single frame, which would otherwise be embedded and shown as
# "Unknown" for FORGET_S. Found 20 times a second, a real face waits ~50 ms for it.
CONFIRM = 2
VOTES = 5  # the name is the most frequent label of this many last embeddings
VELOCITY_SMOOTHING = 0.4  # weight of the newest measurement: HOG boxes jitter by a few pixels
MAX_EXTRAPOLATION_S = 0.2  # boxes are moved ahead at most this far past their last detection


@dataclass(frozen=True)
class Decision:
    """What one embedding said about a face: the recogniser's best class, confidence and distance."""

    candidate: str
    confidence: float
    distance: float | None


@dataclass(frozen=True)
class TrackedFace(Recognition):
    """A named face with its track: where it was detected (``box`` at ``seen``) and how it moves.

    ``box_at(t)`` moves the box on along its velocity, so a view can draw it on
    every frame between detections.
    """

    track: int = 0
    seen: float = 0.0  # the time of the frame ``box`` was detected in
    velocity: tuple[float, float] = (0.0, 0.0)  # of the box's centre, pixels per second
    detections: int = 0  # how often this face was detected (box updates)
    embeddings: int = 0  # how often it was embedded (name updates)

    def box_at(self, t: float) -> Box | None:
        """The box moved on to time ``t`` (at most ``MAX_EXTRAPOLATION_S`` past its detection)."""
        if self.box is None:
            return None
        dt = min(max(t - self.seen, 0.0), MAX_EXTRAPOLATION_S)
        dx, dy = round(self.velocity[0] * dt), round(self.velocity[1] * dt)
        b = self.box
        return Box(b.left + dx, b.top + dy, b.right + dx, b.bottom + dy)


@dataclass
class Track:
    """One face followed over frames (mutable; owned by one :class:`FaceTracker`)."""

    id: int
    box: Box
    seen: float
    velocity: np.ndarray = field(default_factory=lambda: np.zeros(2))
    detections: int = 1
    embeddings: int = 0
    votes: deque[Decision] = field(default_factory=lambda: deque(maxlen=VOTES))
    embedded_at: float = -np.inf  # the time of the frame last sent to be embedded
    pending: bool = False  # an embedding is on its way
    crossed: bool = False  # overlapped another track since its last embedding: its identity needs checking
    misses: int = 0  # frames in a row it was not found in
    shown: str = ""  # the label shown last: kept on a tied vote

    def predicted(self, t: float) -> Box:
        """Where the box should be at ``t``, moving on as it did."""
        dt = min(max(t - self.seen, 0.0), FORGET_S)
        dx, dy = (self.velocity * dt).round().astype(int)
        b = self.box
        return Box(b.left + dx, b.top + dy, b.right + dx, b.bottom + dy)


def iou(a: Box, b: Box) -> float:
    """Intersection over union of two boxes (0 when apart, 1 when equal)."""
    w = min(a.right, b.right) - max(a.left, b.left)
    h = min(a.bottom, b.bottom) - max(a.top, b.top)
    if w <= 0 or h <= 0:
        return 0.0
    inter = w * h
    return inter / (a.width * a.height + b.width * b.height - inter)


def centre(b: Box) -> np.ndarray:
    return np.array([(b.left + b.right) / 2, (b.top + b.bottom) / 2])


class FaceTracker:
    """Tracks of the faces in a video: boxes from detections, names from a vote over embeddings.

    Use from one thread: :meth:`update` with each frame's detections,
    :meth:`due` to learn which faces to embed, :meth:`sent` when their frame
    goes to be embedded and :meth:`named` with each answer; :meth:`faces` gives
    what to draw.
    """

    def __init__(self) -> None:
        self.tracks: dict[int, Track] = {}
        self._next_id = 1

    def update(self, boxes: Sequence[Box], t: float) -> list[int]:
        """Match a frame's detected ``boxes`` (taken at time ``t``) to the tracks; returns each box's track id.

        Greedy on overlap with where each track was heading: with a few faces
        this is what an optimal assignment gives. Unmatched boxes start new
        tracks. Tracks missed in ``FORGET_MISSES`` frames in a row and for
        ``FORGET_S`` are dropped, and new ones missed in the very next frame at
        once (a pattern taken for a face).
        """
        predicted = {i: tr.predicted(t) for i, tr in self.tracks.items()}
        pairs = sorted(
            ((iou(box, p), k, i) for k, box in enumerate(boxes) for i, p in predicted.items()),
            reverse=True,
        )
        owner: dict[int, int] = {}  # box index → track id
        taken: set[int] = set()
        for overlap, k, i in pairs:
            if overlap < MIN_IOU:
                break
            if k in owner or i in taken:
                continue
            owner[k] = i
            taken.add(i)
        ids = []
        for k, box in enumerate(boxes):
            if k in owner:
                self._move(self.tracks[owner[k]], box, t)
                ids.append(owner[k])
            else:
                track = Track(self._next_id, box, t)
                self.tracks[track.id] = track
                self._next_id += 1
                ids.append(track.id)
        matched = set(ids)
        for tr in self.tracks.values():
            tr.misses = 0 if tr.id in matched else tr.misses + 1
        for i in [
            i
            for i, tr in self.tracks.items()
            if (tr.misses >= FORGET_MISSES and t - tr.seen > FORGET_S) or (tr.detections < CONFIRM and tr.misses)
        ]:
            del self.tracks[i]
        self._mark_crossings(t)
        return ids

    def _move(self, track: Track, box: Box, t: float) -> None:
        dt = t - track.seen
        if dt > 0:
            measured = (centre(box) - centre(track.box)) / dt
            first = track.detections == 1
            track.velocity = (
                measured if first else (1 - VELOCITY_SMOOTHING) * track.velocity + (VELOCITY_SMOOTHING * measured)
            )
        track.box, track.seen = box, t
        track.detections += 1

    def _mark_crossings(self, t: float) -> None:
        tracks = list(self.tracks.values())
        for n, a in enumerate(tracks):
            for b in tracks[n + 1 :]:
                if iou(a.predicted(t), b.predicted(t)) > CROSSING_IOU:
                    a.crossed = b.crossed = True

    def _apart(self, track: Track, t: float) -> bool:
        return all(
            iou(track.box, other.predicted(t)) <= CROSSING_IOU for other in self.tracks.values() if other is not track
        )

    def due(self, t: float) -> list[int]:
        """Tracks detected at ``t`` whose face should be embedded from that frame, the most needed first.

        Due, once found in ``CONFIRM`` frames in a row: never embedded; embedded
        fewer than ``YOUNG_VOTES`` times and not for ``YOUNG_REEMBED_S``; not for
        ``REEMBED_S``; or crossed by another face and now apart from every other
        (its face is seen whole again). Never while an embedding is on its way,
        nor while overlapping another face.
        """
        ready = []
        for tr in self.tracks.values():
            if tr.pending or tr.seen != t or tr.detections < CONFIRM or not self._apart(tr, t):
                continue
            age = t - tr.embedded_at
            wait = YOUNG_REEMBED_S if len(tr.votes) < YOUNG_VOTES else REEMBED_S
            if not tr.votes or tr.crossed or age >= wait:
                ready.append(tr)
        ready.sort(key=lambda tr: (bool(tr.votes), not tr.crossed, tr.embedded_at))
        return [tr.id for tr in ready]

    def sent(self, ids: Sequence[int], t: float) -> None:
        """The faces of ``ids`` in the frame of time ``t`` went to be embedded."""
        for i in ids:
            if i in self.tracks:
                self.tracks[i].pending, self.tracks[i].embedded_at = True, t

    def named(self, track_id: int, decision: Decision | None) -> None:
        """An embedding of the track's face came back (``None``: it was lost); a vote for its name.

        After a crossing the earlier votes may belong to the other face: this
        embedding, taken once the faces were apart, starts the vote afresh.
        """
        track = self.tracks.get(track_id)
        if track is None:  # the face left meanwhile
            return
        track.pending = False
        if decision is None:
            return
        if track.crossed:
            track.votes.clear()
            track.crossed = False
        track.votes.append(decision)
        track.embeddings += 1

    def box_of(self, track_id: int) -> Box | None:
        """The track's box in its last detection (``None`` when the track is gone)."""
        track = self.tracks.get(track_id)
        return None if track is None else track.box

    def faces(self, label_for: Callable[[str, float, float | None], str]) -> list[TrackedFace]:
        """The named faces, with their label by a vote over the last embeddings under the current rule.

        ``label_for(candidate, confidence, distance)`` is the recogniser's open-set
        rule (:meth:`models.recognizer.Recognizer.label_for`), applied now so a new
        threshold counts at once. Faces not embedded yet are left out.
        """
        out = []
        for tr in self.tracks.values():
            if not tr.votes:
                continue
            labels = [label_for(d.candidate, d.confidence, d.distance) for d in tr.votes]
            counts = Counter(labels)
            top = max(counts.values())
            tied = {label for label, n in counts.items() if n == top}
            # A tie keeps the label shown (one odd embedding does not flip it), else the newest wins.
            label = tr.shown if tr.shown in tied else next(lb for lb in reversed(labels) if lb in tied)
            tr.shown = label
            d = next(d for d, lb in zip(reversed(tr.votes), reversed(labels)) if lb == label)
            out.append(
                TrackedFace(
                    label,
                    d.confidence,
                    tr.box,
                    d.distance,
                    d.candidate,
                    track=tr.id,
                    seen=tr.seen,
                    velocity=(float(tr.velocity[0]), float(tr.velocity[1])),
                    detections=tr.detections,
                    embeddings=tr.embeddings,
                )
            )
        return out
