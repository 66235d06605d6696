"""Worker threads of the Faces tab: one reads frames, one recognises the newest frame.

Both stop through a flag checked in their loops and are joined with ``wait()``;
never ``QThread.terminate()``. Only the GUI thread touches widgets: results
travel as signals.
"""

from __future__ import annotations

import time
import traceback
from contextlib import nullcontext
from typing import Any

import numpy as np
from PySide6.QtCore import QThread, Signal

from gui.i18n import error_text
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
    """Recognises the newest frame, over and over; frames that arrive meanwhile are dropped."""

    recognized = Signal(object, float)  # list[Recognition], seconds it took
    failed = Signal(str)

    def __init__(self, mailbox: Latest[np.ndarray]) -> None:
        super().__init__()
        self.mailbox = mailbox
        self.recognizer: Any = None  # swapped from the GUI thread; read once per frame
        self._stop = False

    def stop(self) -> None:
        self._stop = True
        self.mailbox.close()

    def run(self) -> None:
        while not self._stop:
            frame = self.mailbox.take(timeout=0.2)
            recognizer = self.recognizer
            if frame is None or recognizer is None:
                continue
            start = time.perf_counter()
            try:
                # Whole-picture recognisers run Keras models; faces use dlib and numpy only.
                with TF_LOCK if recognizer.backbone != "face" else nullcontext():
                    found = recognizer.recognize(frame, live=True)
            except Exception as exc:  # keep the video running; show the error once
                traceback.print_exc()
                self.failed.emit(self.tr("recognition failed: {0}").format(error_text(exc)))
                self.recognizer = None
                continue
            self.recognized.emit(found, time.perf_counter() - start)
