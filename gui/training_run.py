"""Runs a training job in a child process and relays its progress as Qt signals, on the GUI thread."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from training.process_job import ProcessJob

POLL_MS = 50  # how often the window looks for news from the training process


class TrainingRun(QObject):
    """Starts ``target(*args, on_progress, cancel)`` in a child process and relays what it reports.

    A timer on the GUI thread reads the child's events, so no Python object
    crosses threads through Qt, and the window never shares an interpreter
    with TensorFlow's training loop. Cancelling sets a flag the training loop
    checks every batch; the child then ends by itself (never killed).
    """

    progress = Signal(object)  # training.progress.Progress
    succeeded = Signal(object)  # whatever the job returned
    cancelled = Signal()
    failed = Signal(object)  # a message: str, or a models.messages.Message to translate
    finished = Signal()

    def __init__(self, target: Callable[..., Any], *args: Any) -> None:
        super().__init__()
        self.job = ProcessJob(target, *args)
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._traced = False  # the child's traceback was logged

    def watch(self, slots: tuple[Callable[..., Any], ...], connect: bool = True) -> None:
        """Connect (or disconnect) ``slots`` to progress, succeeded, cancelled, failed and finished, in turn.

        A view built over the same state (a language switch) takes a run over: the old view
        disconnects, the new one connects. Pass bound methods, not lambdas: Qt also drops
        them when the view is deleted.
        """
        signals = (self.progress, self.succeeded, self.cancelled, self.failed, self.finished)
        for signal, slot in zip(signals, slots, strict=True):
            if connect:
                signal.connect(slot)
            else:
                signal.disconnect(slot)

    def start(self) -> None:
        try:
            self.job.start()
        except Exception as exc:  # e.g. no resources for a new process
            logging.getLogger("digitface").exception("could not start the training process")
            self.failed.emit(f"could not start the training process: {exc}")
            self.finished.emit()
            return
        self._timer.start()

    def cancel(self) -> None:
        self.job.cancel()

    def is_running(self) -> bool:
        return self._timer.isActive()

    def wait(self, ms: int) -> bool:
        """Keep relaying events until the run ends or ``ms`` pass; whether it ended."""
        deadline = time.monotonic() + ms / 1000
        while self.is_running() and time.monotonic() < deadline:
            self._poll(0.05)
            QCoreApplication.processEvents()
        return not self.is_running()

    def _poll(self, timeout: float = 0.0) -> None:
        for kind, payload in self.job.events(timeout):
            if kind == "progress":
                self.progress.emit(payload)
            elif kind == "done":
                self.succeeded.emit(payload)
            elif kind == "traceback":  # the child's, just before it reports the failure
                self._traced = True
                logging.getLogger("digitface").error("the training process failed:\n%s", payload)
            elif kind == "cancelled":
                self.cancelled.emit()
            else:
                if not self._traced:  # died without a word (killed, out of memory)
                    logging.getLogger("digitface").error("the training process failed: %s", payload)
                self.failed.emit(payload)
        if self.job.finished and self._timer.isActive():
            self._timer.stop()
            self.finished.emit()
