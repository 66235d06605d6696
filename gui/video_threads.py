"""Worker threads of the Faces tab: one reads frames, one recognises the newest frames.

Both stop through a flag checked in their loops and are joined with ``wait()``;
never ``QThread.terminate()``. Only the GUI thread touches widgets: results
travel as signals.
"""

from __future__ import annotations

import time
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QThread, Signal

from gui.i18n import error_text
from models.face_processes import EmbeddedFrame, FaceProcessError, FaceProcesses, FaceProcessPool
from models.face_tracking import Decision, FaceTracker
from models.frame_source import FrameSource, SourceError
from models.latest import Latest
from models.logs import log_error
from models.tf_lock import TF_LOCK


class CaptureThread(QThread):
    """Reads frames from a :class:`FrameSource`; every frame goes to the view, the newest to recognition."""

    frameReady = Signal(object)  # RGB ndarray
    failed = Signal(str)
    ended = Signal()

    def __init__(self, source: FrameSource, mailbox: Latest[tuple[int, np.ndarray]], caught_up=None) -> None:
        super().__init__()
        self.source = source
        self.mailbox = mailbox
        self.caught_up = caught_up  # see FrameSource.frames: files wait for the recogniser
        self._stop = False

    def stop(self) -> None:
        self._stop = True

    def run(self) -> None:
        try:
            for number, frame in enumerate(self.source.frames(lambda: self._stop, self.caught_up), start=1):
                self.mailbox.put((number, frame))
                self.frameReady.emit(frame)
        except SourceError as exc:
            self.failed.emit(error_text(exc))  # translating only reads Qt's translators: safe here
            return
        except Exception as exc:  # OpenCV can raise odd errors for broken files
            log_error("reading frames failed", exc)  # the window shows one line; the log keeps the traceback
            self.failed.emit(self.tr("reading frames failed: {0}").format(exc))
            return
        if not self._stop:
            self.ended.emit()


# Faces embedded per job: four new faces go two to each child, and a job stays short enough
# (~25 ms + 2 × 80 ms) that the boxes of the other faces keep moving.
EMBED_PER_JOB = 2


@dataclass(frozen=True)
class _Job:
    """A frame handed to a child while tracking faces."""

    task: str  # "detect" or "embed"
    time: float  # when the frame was taken from the mailbox (about when it was captured)
    tracker: FaceTracker  # the tracks it is for: a new recogniser starts new ones
    number: int = 0  # the frame's number (detect)
    frame: Any = None  # the frame (detect): its faces may be embedded next
    tracks: tuple[int, ...] = ()  # whose faces (embed), in the order of the boxes sent


class RecognitionThread(QThread):
    """Recognises the newest frame, over and over; frames that arrive meanwhile are dropped.

    Faces are found and embedded in child processes (:mod:`models.face_processes`),
    two frames at a time, since dlib holds the GIL while it embeds; this thread
    only hands them the newest frames and names the faces they return. Other
    recognisers (Keras models), or faces when the children cannot start, run here.
    Frames arrive numbered from 1; :meth:`caught_up` tells a file source whether
    it may go on (see :meth:`models.frame_source.FrameSource.frames`).

    With ``tracking`` (cameras and videos), faces are followed between frames
    (:mod:`models.face_tracking`): the children mostly only find faces, which
    moves every box many times a second, and embed a face when it appears and
    now and then, one child embedding while the other keeps finding faces. Its
    results are :class:`models.face_tracking.TrackedFace` items, named by a vote
    over each face's last embeddings. Without it (a slide show: every picture is
    new), every face of every frame is found and embedded afresh.
    """

    recognized = Signal(object, float)  # list[Recognition], seconds it took
    failed = Signal(str)
    phase = Signal(str)  # PHASE_MODEL, PHASE_FINDERS, PHASE_RUNNING or PHASE_IDLE, when it changes

    PHASE_IDLE = "idle"  # no recogniser and none coming: the video plays without names
    PHASE_MODEL = "model"  # waiting for the recogniser to load
    PHASE_FINDERS = "finders"  # waiting for the face-finding child processes to start
    PHASE_RUNNING = "running"

    def __init__(
        self, mailbox: Latest[tuple[int, np.ndarray]], use_processes: bool = True, pool: FaceProcessPool | None = None
    ) -> None:
        super().__init__()
        self.mailbox = mailbox
        self.recognizer: Any = None  # swapped from the GUI thread; read once per frame
        self.expecting_model = False  # set from the GUI thread while a recogniser loads
        self.use_processes = use_processes
        self.pool = pool
        self.done_upto = 0  # the number of the newest frame whose faces were named
        self.tracking = True  # follow faces between frames (set before start; off for slide shows)
        self.tracker = FaceTracker()
        self._tracked_for: Any = None  # the recogniser whose names the tracks hold
        self._jobs: dict[int, _Job] = {}
        self._job = 0
        self._detected: tuple[float, np.ndarray] | None = None  # the newest frame whose faces were found
        self._phase = ""
        self._stop = False

    def stop(self) -> None:
        self._stop = True
        self.mailbox.close()

    def caught_up(self, number: int) -> bool:
        """Whether frame ``number`` was recognised, or there is nothing to wait for (any thread)."""
        return self.done_upto >= number or (self.recognizer is None and not self.expecting_model)

    @property
    def current_phase(self) -> str:
        """The phase announced last ("" before the first): a view that takes the thread over shows it."""
        return self._phase

    def _set_phase(self, phase: str) -> None:
        if phase != self._phase:
            self._phase = phase
            self.phase.emit(phase)

    def run(self) -> None:
        own_pool = self.pool is None
        pool = self.pool or FaceProcessPool()
        processes: FaceProcesses | None = None
        shown = 0
        try:
            while not self._stop:
                recognizer = self.recognizer
                if recognizer is None:  # leave the frame in the mailbox for the recogniser to come
                    self._set_phase(self.PHASE_MODEL if self.expecting_model else self.PHASE_IDLE)
                    time.sleep(0.05)
                elif recognizer.backbone == "face" and self.use_processes:
                    if processes is None:
                        if pool.state != "ready":
                            self._set_phase(self.PHASE_FINDERS)
                        processes = self._acquire(pool)
                        continue
                    self._set_phase(self.PHASE_RUNNING)
                    if self.tracking:
                        self._step_tracking(processes, recognizer)
                    else:
                        shown = self._step_with_processes(processes, recognizer, shown)
                    if not self.use_processes:  # they failed: go on here
                        pool.release(processes, healthy=False)
                        processes = None
                else:
                    self._set_phase(self.PHASE_RUNNING)
                    self._step_here()
        finally:
            if processes is not None:
                pool.release(processes, healthy=self._drain(processes))
            if own_pool:
                pool.close()

    def _acquire(self, pool: FaceProcessPool) -> FaceProcesses | None:
        try:
            return pool.acquire(stop=lambda: self._stop)
        except (FaceProcessError, OSError) as exc:
            self._without_processes(exc)
            return None

    def _drain(self, processes: FaceProcesses, timeout: float = 3.0) -> bool:
        """Wait for frames still in the children, so the next run gets no stale faces; ``False`` if that failed."""
        deadline = time.monotonic() + timeout
        try:
            while processes.in_flight and time.monotonic() < deadline:
                processes.collect(timeout=0.1)
        except FaceProcessError:
            return False
        return processes.in_flight == 0

    def _step_with_processes(self, processes: FaceProcesses, recognizer: Any, shown: int) -> int:
        """Hand the newest frame to an idle child, or name the faces of a finished one."""
        submitted = 0
        try:
            if processes.idle:
                item = self.mailbox.take(timeout=0.005 if processes.in_flight else 0.2)
                if item is not None:
                    submitted, frame = item
                    processes.submit(submitted, frame)
            for done in processes.collect(timeout=0.0 if processes.idle else 0.2):
                if done.sequence < shown:
                    continue  # a newer frame's faces are already on screen
                shown = done.sequence
                found = recognizer.recognize_embeddings(done.embeddings, done.boxes) if done.boxes else []
                self.recognized.emit(found, done.seconds)
                self.done_upto = max(self.done_upto, done.sequence)
        except FaceProcessError as exc:
            self.done_upto = max(self.done_upto, submitted, shown)  # frames lost with the children: do not wait
            self._without_processes(exc)
        return shown

    def _step_tracking(self, processes: FaceProcesses, recognizer: Any) -> None:
        """Give an idle child the next job (embed faces due a name, else find the faces of the newest frame),
        and apply what came back to the tracks."""
        if recognizer is not self._tracked_for:  # names of another recogniser: start again
            self.tracker, self._tracked_for, self._detected = FaceTracker(), recognizer, None
        taken = 0
        try:
            if processes.idle:
                taken = self._submit_next(processes)
            for done in processes.collect(timeout=0.0 if processes.idle else 0.2):
                self._apply(done, recognizer)
        except FaceProcessError as exc:
            lost = [job.number for job in self._jobs.values()]
            self.done_upto = max([self.done_upto, taken, *lost])  # frames lost with the children: do not wait
            self._jobs.clear()
            self._without_processes(exc)

    def _submit_next(self, processes: FaceProcesses) -> int:
        """Submit one job to an idle child; the number of the frame taken from the mailbox (0: none)."""
        tracker = self.tracker
        if self._detected is not None:
            t, frame = self._detected
            due = tracker.due(t)
            unnamed = [i for i in due if not tracker.tracks[i].votes]
            embedding = any(job.task == "embed" for job in self._jobs.values())
            # One child embeds while the other keeps the boxes moving; both embed only for faces with no name yet.
            if due and (unnamed or not embedding):
                ids = tuple((unnamed or due)[:EMBED_PER_JOB])
                self._job += 1
                processes.submit(self._job, frame, "embed", [tracker.box_of(i) for i in ids])
                tracker.sent(ids, t)
                self._jobs[self._job] = _Job("embed", t, tracker, tracks=ids)
                return 0
        item = self.mailbox.take(timeout=0.005 if processes.in_flight else 0.2)
        if item is None:
            return 0
        number, frame = item
        self._job += 1
        processes.submit(self._job, frame, "detect")
        self._jobs[self._job] = _Job("detect", time.monotonic(), tracker, number=number, frame=frame)
        return number

    def _apply(self, done: EmbeddedFrame, recognizer: Any) -> None:
        """Move the tracks to a frame's faces, or vote with their embeddings; then show the named faces."""
        job = self._jobs.pop(done.sequence, None)
        if job is None:
            return
        if job.task == "detect":
            self.done_upto = max(self.done_upto, job.number)
        if job.tracker is not self.tracker:
            return  # for tracks dropped with an earlier recogniser
        tracker = self.tracker
        if job.task == "detect":
            if self._detected is not None and job.time <= self._detected[0]:
                return  # a newer frame's faces came back first
            tracker.update(done.boxes, job.time)
            self._detected = (job.time, job.frame)
        else:
            decisions = recognizer.decide(recognizer.classify_features(done.embeddings), done.embeddings)
            for track, (candidate, confidence, distance) in zip(job.tracks, decisions, strict=True):
                tracker.named(track, Decision(candidate, confidence, distance))
        self.recognized.emit(tracker.faces(recognizer.label_for), done.seconds)

    def _without_processes(self, exc: Exception) -> None:
        """The children failed: log why, with the traceback, and recognise in this thread from now on."""
        log_error(f"face processes failed; recognising faces in this thread instead: {exc}", exc)
        self.use_processes = False

    def _step_here(self) -> None:
        item = self.mailbox.take(timeout=0.2)
        recognizer = self.recognizer  # read after the wait: the GUI may have swapped it meanwhile
        if item is None or recognizer is None:
            return
        number, frame = item
        start = time.perf_counter()
        try:
            # Whole-picture recognisers run Keras models; faces use dlib and numpy only.
            with TF_LOCK if recognizer.backbone != "face" else nullcontext():
                found = recognizer.recognize(frame, live=True)
        except Exception as exc:  # keep the video running; show the error once, log its traceback
            log_error("recognition failed", exc)
            self.failed.emit(self.tr("recognition failed: {0}").format(error_text(exc)))
            self.recognizer = None
            return
        self.recognized.emit(found, time.perf_counter() - start)
        self.done_upto = max(self.done_upto, number)


_pool: FaceProcessPool | None = None


def shared_face_pool() -> FaceProcessPool:
    """The app's one set of face finders: kept warm across Start/Stop and language switches, closed on quit."""
    global _pool
    if _pool is None:
        from PySide6.QtCore import QCoreApplication

        _pool = FaceProcessPool()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(_pool.close)
    return _pool
