"""Run a plain function in a worker thread and get its result back on the GUI thread."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str, str)  # message, traceback


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self.setAutoDelete(False)  # the Python side owns it until the signals have fired

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # report every failure; never let a worker die silently
            from gui.i18n import error_text

            self.signals.failed.emit(error_text(exc), traceback.format_exc())
        else:
            self.signals.done.emit(result)


_running: dict[_Job, QObject] = {}  # jobs and their receivers, kept alive until they report
_pool: QThreadPool | None = None


def _model_pool() -> QThreadPool:
    # One thread for all model work: TensorFlow can crash when two threads trace functions at once.
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
    return _pool


class _Receiver(QObject):
    """Lives on the GUI thread; decorated slots make PySide6 queue the worker's signals safely."""

    def __init__(self, job: _Job, on_done: Callable[[Any], None], on_error: Callable[[str, str], None]) -> None:
        super().__init__()
        self.job, self.on_done, self.on_error = job, on_done, on_error

    @Slot(object)
    def done(self, result: Any) -> None:
        _running.pop(self.job, None)
        self.on_done(result)

    @Slot(str, str)
    def failed(self, message: str, tb: str) -> None:
        _running.pop(self.job, None)
        self.on_error(message, tb)


def run_in_worker(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[str, str], None],
) -> None:
    """Call ``fn()`` on the model-work thread; ``on_done(result)`` or ``on_error(message, tb)`` runs on the GUI thread.

    Jobs run one after another, in order. Signals cross threads as queued
    connections, so the callbacks may touch widgets.
    """
    job = _Job(fn)
    receiver = _Receiver(job, on_done, on_error)
    _running[job] = receiver
    job.signals.done.connect(receiver.done)
    job.signals.failed.connect(receiver.failed)
    _model_pool().start(job)
