"""Run a plain function on the model-work thread and get its result back on the GUI thread."""

from __future__ import annotations

import gc
import itertools
import logging
import queue
import threading
import traceback
from collections.abc import Callable
from typing import Any

from pyqtgraph.util.garbage_collector import GarbageCollector
from PySide6.QtCore import QObject, Signal, Slot

from models.tf_lock import TF_LOCK

_gc_collect = gc.collect


def _collect_on_gui_thread_only(generation: int = 2) -> int:
    """``gc.collect`` for this process: collects on the GUI (main) thread, does nothing elsewhere."""
    if threading.current_thread() is threading.main_thread():
        return _gc_collect(generation)
    return 0


class _Relay(QObject):
    """Carries results from the worker to the GUI thread, where it lives; one for the whole app.

    The worker thread only emits; it never creates, owns or deletes a Qt
    object (Qt objects must be deleted on their own thread), and the callbacks
    are kept and released on the GUI thread.
    """

    done = Signal(int, object)
    failed = Signal(int, str, str)  # job, message, traceback

    def __init__(self) -> None:
        super().__init__()
        self.callbacks: dict[int, tuple[Callable[[Any], None], Callable[[str, str], None]]] = {}
        self.done.connect(self._done)
        self.failed.connect(self._failed)

    @Slot(int, object)
    def _done(self, job: int, result: Any) -> None:
        on_done, _ = self.callbacks.pop(job)
        on_done(result)

    @Slot(int, str, str)
    def _failed(self, job: int, message: str, tb: str) -> None:
        _, on_error = self.callbacks.pop(job)
        on_error(message, tb)


log = logging.getLogger("digitface")
_relay: _Relay | None = None
_collector: GarbageCollector | None = None
_jobs: queue.Queue[tuple[int, Callable[[], Any]]] = queue.Queue()
_ids = itertools.count()


def _work(relay: _Relay) -> None:
    # One long-lived Python thread for all model work, in order. A thread from Qt's pool loses its
    # Python thread state between jobs, and TensorFlow then crashed tracing in the next job.
    while True:
        job, fn = _jobs.get()
        try:
            with TF_LOCK:  # TensorFlow: one thread at a time (see models.tf_lock)
                result = fn()
        except BaseException as exc:  # report every failure; never let the worker die silently
            from gui.i18n import error_text

            # The window shows the message; the log keeps the traceback for whoever reads it later.
            log.error("background job failed: %s", exc, exc_info=True)
            relay.failed.emit(job, error_text(exc), traceback.format_exc())
        else:
            relay.done.emit(job, result)
        # Drop the job now rather than when the next one arrives.
        del fn
        result = None


def run_in_worker(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[str, str], None],
) -> None:
    """Call ``fn()`` on the model-work thread; ``on_done(result)`` or ``on_error(message, tb)`` runs on the GUI thread.

    Jobs run one after another, in order. Results cross threads as queued
    signals, so the callbacks may touch widgets. Call from the GUI thread.
    """
    global _relay, _collector
    if _relay is None:
        # Python's cyclic garbage collector runs in whichever thread happens to allocate. Run in
        # the worker, it deleted widgets of a closed window there (a language switch leaves one
        # in reference cycles) and the GUI thread and the worker then waited on each other for
        # good. Collect only on the GUI thread, on a timer (pyqtgraph's recipe for this).
        _collector = GarbageCollector(interval=1.0)
        # Libraries also call gc.collect() themselves (TensorFlow's TFLite converter does, on the
        # worker): off the GUI thread that call is skipped, and the timer collects soon after.
        gc.collect = _collect_on_gui_thread_only
        _relay = _Relay()
        threading.Thread(target=_work, args=(_relay,), name="model-work", daemon=True).start()
    job = next(_ids)
    _relay.callbacks[job] = (on_done, on_error)
    _jobs.put((job, fn))
