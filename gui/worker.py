"""Run a plain function in a worker thread and get its result back on the GUI thread."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


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
            self.signals.failed.emit(str(exc) or type(exc).__name__, traceback.format_exc())
        else:
            self.signals.done.emit(result)


_running: set[_Job] = set()


def run_in_worker(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[str, str], None],
) -> None:
    """Call ``fn()`` on a pool thread; ``on_done(result)`` or ``on_error(message, tb)`` runs on the GUI thread.

    Signals cross threads as queued connections, so the callbacks may touch widgets.
    """
    job = _Job(fn)
    _running.add(job)

    def finish(callback: Callable[..., None], *args: Any) -> None:
        _running.discard(job)
        callback(*args)

    job.signals.done.connect(lambda result: finish(on_done, result))
    job.signals.failed.connect(lambda message, tb: finish(on_error, message, tb))
    QThreadPool.globalInstance().start(job)
