"""Run a plain function on the model-work thread and get its result back on the GUI thread."""

from __future__ import annotations

import queue
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from models.tf_lock import TF_LOCK


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str, str)  # message, traceback


class _Receiver(QObject):
    """Lives on the GUI thread; its decorated slots receive the worker's signals as queued calls."""

    def __init__(self, on_done: Callable[[Any], None], on_error: Callable[[str, str], None]) -> None:
        super().__init__()
        self.on_done, self.on_error = on_done, on_error
        self.signals = _Signals()

    @Slot(object)
    def done(self, result: Any) -> None:
        _running.discard(self)
        self.on_done(result)

    @Slot(str, str)
    def failed(self, message: str, tb: str) -> None:
        _running.discard(self)
        self.on_error(message, tb)


_running: set[_Receiver] = set()  # kept alive until they report
_jobs: queue.Queue[tuple[Callable[[], Any], _Signals]] = queue.Queue()
_thread: threading.Thread | None = None


def _work() -> None:
    # One long-lived Python thread for all model work, in order. A thread from Qt's pool loses its
    # Python thread state between jobs, and TensorFlow then crashed tracing in the next job.
    while True:
        fn, signals = _jobs.get()
        try:
            with TF_LOCK:  # TensorFlow: one thread at a time (see models.tf_lock)
                result = fn()
        except BaseException as exc:  # report every failure; never let the worker die silently
            from gui.i18n import error_text

            signals.failed.emit(error_text(exc), traceback.format_exc())
        else:
            signals.done.emit(result)


def run_in_worker(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[str, str], None],
) -> None:
    """Call ``fn()`` on the model-work thread; ``on_done(result)`` or ``on_error(message, tb)`` runs on the GUI thread.

    Jobs run one after another, in order. Signals cross threads as queued
    connections, so the callbacks may touch widgets.
    """
    global _thread
    if _thread is None:
        _thread = threading.Thread(target=_work, name="model-work", daemon=True)
        _thread.start()
    receiver = _Receiver(on_done, on_error)
    _running.add(receiver)
    receiver.signals.done.connect(receiver.done)
    receiver.signals.failed.connect(receiver.failed)
    _jobs.put((fn, receiver.signals))
