"""Worker threads of the Faces tab: one reads frames, one recognises the newest frames.

Both stop through a flag checked in their loops and are joined with ``wait()``;
never ``QThread.terminate()``. Only the GUI thread touches widgets: results
travel as signals.
"""

from __future__ import annotations

import sys
import time
import traceback
from contextlib import nullcontext
from typing import Any

import numpy as np
from PySide6.QtCore import QThread, Signal

from gui.i18n import error_text
from models.face_processes import FaceProcessError, FaceProcesses
from models.frame_source import FrameSource, SourceError
from models.latest import Latest
from models.tf_lock import TF_LOCK


class CaptureThread(QThread):
    """Reads frames from a :class:`FrameSource`; every frame goes to the view, the newest to recognition."""

    frameReady = Signal(object)  # RGB ndarray
    failed = Signal(str)
    ended = Signal()

    def __init__(self, source: FrameSource, mailbox: Latest[np.ndarray]) -> None:
        super().__init__()
        self.source = source
        self.mailbox = mailbox
        self._stop = False

    def stop(self) -> None:
        self._stop = True

    def run(self) -> None:
        try:
            for frame in self.source.frames(lambda: self._stop):
                self.mailbox.put(frame)
                self.frameReady.emit(frame)
        except SourceError as exc:
            self.failed.emit(error_text(exc))  # translating only reads Qt's translators: safe here
            return
        except Exception as exc:  # OpenCV can raise odd errors for broken files
            self.failed.emit(self.tr("reading frames failed: {0}").format(exc))
            return
        if not self._stop:
            self.ended.emit()


class RecognitionThread(QThread):
    """Recognises the newest frame, over and over; frames that arrive meanwhile are dropped.

    Faces are found and embedded in child processes (:mod:`models.face_processes`),
    two frames at a time, since dlib holds the GIL while it embeds; this thread
    only hands them the newest frames and names the faces they return. Other
    recognisers (Keras models), or faces when the children cannot start, run here.
    """

    recognized = Signal(object, float)  # list[Recognition], seconds it took
    failed = Signal(str)

    def __init__(self, mailbox: Latest[np.ndarray], use_processes: bool = True) -> None:
        super().__init__()
        self.mailbox = mailbox
        self.recognizer: Any = None  # swapped from the GUI thread; read once per frame
        self.use_processes = use_processes
        self._stop = False

    def stop(self) -> None:
        self._stop = True
        self.mailbox.close()

    def run(self) -> None:
        processes: FaceProcesses | None = None
        sequence = shown = 0
        try:
            while not self._stop:
                recognizer = self.recognizer
                if recognizer is not None and recognizer.backbone == "face" and self.use_processes:
                    if processes is None:
                        processes = self._start_processes()
                        continue
                    sequence, shown = self._step_with_processes(processes, recognizer, sequence, shown)
                    if not self.use_processes:  # they failed: go on here
                        processes.close()
                        processes = None
                else:
                    self._step_here()
        finally:
            if processes is not None:
                processes.close()

    def _start_processes(self) -> FaceProcesses | None:
        try:
            processes = FaceProcesses()
            processes.wait_ready(stop=lambda: self._stop)
        except (FaceProcessError, OSError) as exc:
            self._without_processes(exc)
            return None
        return processes

    def _step_with_processes(
        self, processes: FaceProcesses, recognizer: Any, sequence: int, shown: int
    ) -> tuple[int, int]:
        """Hand the newest frame to an idle child, or name the faces of a finished one."""
        try:
            if processes.idle:
                frame = self.mailbox.take(timeout=0.005 if processes.in_flight else 0.2)
                if frame is not None:
                    sequence += 1
                    processes.submit(sequence, frame)
            for done in processes.collect(timeout=0.0 if processes.idle else 0.2):
                if done.sequence < shown:
                    continue  # a newer frame's faces are already on screen
                shown = done.sequence
                found = recognizer.recognize_embeddings(done.embeddings, done.boxes) if done.boxes else []
                self.recognized.emit(found, done.seconds)
        except FaceProcessError as exc:
            self._without_processes(exc)
        return sequence, shown

    def _without_processes(self, exc: Exception) -> None:
        """The children failed: say why on stderr and recognise in this thread from now on."""
        traceback.print_exc()
        print(f"recognising faces in this thread instead: {exc}", file=sys.stderr)
        self.use_processes = False

    def _step_here(self) -> None:
        frame = self.mailbox.take(timeout=0.2)
        recognizer = self.recognizer  # read after the wait: the GUI may have swapped it meanwhile
        if frame is None or recognizer is None:
            return
        start = time.perf_counter()
        try:
            # Whole-picture recognisers run Keras models; faces use dlib and numpy only.
            with TF_LOCK if recognizer.backbone != "face" else nullcontext():
                found = recognizer.recognize(frame, live=True)
        except Exception as exc:  # keep the video running; show the error once
            traceback.print_exc()
            self.failed.emit(self.tr("recognition failed: {0}").format(error_text(exc)))
            self.recognizer = None
            return
        self.recognized.emit(found, time.perf_counter() - start)
