"""Run a long job in a child process and stream its progress back.

Training in a thread of the window's own interpreter holds the GIL for tens
of milliseconds at a time, which the window feels as stutter. A child
process (started with "spawn", so it inherits neither Qt nor a half-loaded
TensorFlow) leaves the window's interpreter free; it runs at a lower
priority so the window always comes first on a 2-core laptop.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import threading
import traceback
from collections.abc import Callable, Iterator
from typing import Any

from training.progress import Cancelled, CancelToken

# Events read from the child, as (kind, payload):
#   ("progress", Progress) · ("traceback", text: the child's traceback, just before "failed")
#   and one final event: ("done", result) · ("cancelled", None) · ("failed", message)
NOT_FINAL = ("progress", "traceback")
Event = tuple[str, Any]
PARENT_GONE_EXIT = 3  # the child's exit code when it ends because its parent died


def _end_with_parent() -> None:
    """End this process as soon as the process that started it is gone, however it died.

    multiprocessing gives a spawned child a sentinel of its parent that becomes
    ready when the parent ends, SIGKILL included; a daemon thread waits on it,
    so a window that crashed or was killed never leaves a training run behind.
    """
    parent = mp.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()  # waits on the parent's sentinel, not on a poll loop
        os._exit(PARENT_GONE_EXIT)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _child(target: Callable[..., Any], args: tuple, events: Any, cancel_event: Any) -> None:
    _end_with_parent()
    try:
        os.nice(15)
    except OSError:
        pass
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

    def report(p: Any) -> None:
        events.put(("progress", p))

    try:
        result = target(*args, report, CancelToken(cancel_event))
    except Cancelled:
        events.put(("cancelled", None))
    except MemoryError:
        events.put(("failed", "out of memory: try a smaller batch size"))
    except Exception as exc:  # reported to the window with its traceback (logged there); the child then ends
        trace = traceback.format_exc()
        first = exc.args[0] if exc.args else None  # a models.messages.Message stays translatable
        message = first if isinstance(first, str) and first else str(exc) or type(exc).__name__
        events.put(("traceback", trace))
        events.put(("failed", message))
    else:
        events.put(("done", result))


class ProcessJob:
    """``target(*args, on_progress, cancel)`` in a child process.

    ``target`` must be a module-level function and ``args`` picklable. Read
    what happens with :meth:`events`; :meth:`cancel` asks the job to stop at
    its next check, just as in a thread.

    A reader thread takes the child's messages off the pipe as they arrive,
    so :meth:`events` never waits for a half-written message: a caller on a
    GUI thread polls without blocking.
    """

    def __init__(self, target: Callable[..., Any], *args: Any) -> None:
        context = mp.get_context("spawn")
        self._pipe = context.Queue()
        self._cancel = context.Event()
        self._events: queue.Queue[Event] = queue.Queue()
        self.process = context.Process(target=_child, args=(target, args, self._pipe, self._cancel), daemon=True)
        self._reader = threading.Thread(target=self._read, name="training-events", daemon=True)
        self.finished = False

    def start(self) -> None:
        self.process.start()
        self._reader.start()

    def cancel(self) -> None:
        self._cancel.set()

    def _read(self) -> None:
        while True:
            try:
                event = self._pipe.get(timeout=0.5)
            except queue.Empty:
                if self.process.is_alive():
                    continue
                try:  # its last words may still be on the way
                    event = self._pipe.get(timeout=0.5)
                except queue.Empty:
                    code = self.process.exitcode
                    self._events.put(("failed", f"the training process stopped unexpectedly (exit code {code})"))
                    return
            self._events.put(event)
            if event[0] not in NOT_FINAL:
                return

    def events(self, timeout: float = 0.1) -> Iterator[Event]:
        """Events that arrived within ``timeout`` seconds; the last one is final ("done", "cancelled", "failed").

        A child that dies without a word (killed, out of memory) gives a "failed" event.
        """
        if self.finished:
            return
        try:
            event = self._events.get(timeout=timeout) if timeout > 0 else self._events.get_nowait()
        except queue.Empty:
            return
        while True:
            if event[0] not in NOT_FINAL:
                self.finished = True
            yield event
            if self.finished:
                return
            try:
                event = self._events.get_nowait()
            except queue.Empty:
                return

    def join(self, timeout: float | None = None) -> None:
        self.process.join(timeout)
