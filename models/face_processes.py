"""Find and embed faces of live video frames in child processes, several frames at a time.

dlib's face embedding holds Python's GIL for its whole ~60–100 ms, so in a
thread of the window's interpreter it stalls the video and leaves the second
core idle. Each child here ("spawn": it inherits no Qt) holds its own dlib
models, takes a frame, and returns the face boxes and embeddings; the caller
keeps the Keras head and the open-set rule, so a new model or threshold needs
nothing from the children. Two children work on two recent frames at once.

A frame is sent for one of three tasks: find and embed all its faces
(``"both"``: a slide show, where each picture is new), only find them
(``"detect"``: ~25 ms, to move the boxes of tracked faces), or only embed the
faces in given boxes (``"embed"``: ~80 ms a face, for tracked faces due a name;
see :mod:`models.face_tracking`).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
import time
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

import numpy as np

from models.face_features import EMBEDDING_SIZE, Box

READY_TIMEOUT_S = 60.0  # loading dlib's models takes a second or two, far more on a busy machine
TASKS = ("both", "detect", "embed")


@dataclass(frozen=True)
class EmbeddedFrame:
    """What a child found in one frame."""

    sequence: int  # the caller's number for the frame: results may come back out of order
    boxes: list[Box]
    embeddings: np.ndarray  # (len(boxes), 128); (0, 128) for a "detect" task
    seconds: float  # the child's time for this frame
    task: str = "both"  # see TASKS


class FaceProcessError(RuntimeError):
    """A child could not start or failed on a frame."""


def _serve(conn: Connection) -> None:
    """The child: load the face models once, then answer frames until told to stop or orphaned."""
    try:
        os.nice(5)  # the window's own threads come first when both cores are busy
    except OSError:
        pass
    try:
        from models.face_features import FaceFeatures

        faces = FaceFeatures()
    except Exception as exc:
        _reply(conn, "error", f"{type(exc).__name__}: {exc}")
        return
    if not _reply(conn, "ready", None):
        return
    while True:
        try:
            message = conn.recv()
            if message is None:
                return
            sequence, shape, task, given = message
            data = conn.recv_bytes()
        except (EOFError, OSError):
            return  # the window went away
        try:
            start = time.perf_counter()
            frame = np.frombuffer(data, np.uint8).reshape(shape)
            boxes = [Box(*b) for b in given] if task == "embed" else faces.detect(frame, live=True)
            embeddings = faces.embed(frame, boxes) if task != "detect" else np.zeros((0, EMBEDDING_SIZE), np.float32)
            answer = (
                "done",
                (sequence, [b.as_tuple() for b in boxes], embeddings, time.perf_counter() - start, task),
            )
        except Exception as exc:  # reported; the child keeps serving
            traceback.print_exc()
            answer = ("error", f"{type(exc).__name__}: {exc}")
        if not _reply(conn, *answer):
            return


def _reply(conn: Connection, kind: str, payload: Any) -> bool:
    """Send to the window; ``False`` when it is gone (closed or killed): the child then ends quietly."""
    try:
        conn.send((kind, payload))
    except (OSError, ValueError):
        return False
    return True


class FaceProcesses:
    """A few child processes that find and embed the faces of frames.

    Use from one thread: :meth:`submit` a frame to an idle child, then
    :meth:`collect` whatever has finished. :meth:`close` ends the children.

    Parameters
    ----------
    count
        Children to start; by default one per core, at most two (a third
        would only take time from the window on a 2-core laptop).
    """

    def __init__(self, count: int | None = None) -> None:
        self.count = count or max(1, min(2, os.cpu_count() or 1))
        context = mp.get_context("spawn")
        self._conns: list[Connection] = []
        self._processes: list[Any] = []
        self._busy: dict[Connection, bool] = {}
        try:
            for _ in range(self.count):
                parent, child = context.Pipe()
                process = context.Process(target=_serve, args=(child,), daemon=True, name="face-embedder")
                process.start()
                child.close()
                self._conns.append(parent)
                self._processes.append(process)
                self._busy[parent] = True  # until it says it is ready
        except Exception:
            self.close()
            raise

    def wait_ready(self, timeout: float = READY_TIMEOUT_S, stop: Any = lambda: False) -> None:
        """Wait until every child has loaded its models.

        Raises
        ------
        FaceProcessError
            A child failed to load the models, died, or took longer than ``timeout``.
        """
        deadline = time.monotonic() + timeout
        waiting = [c for c in self._conns if self._busy[c]]
        while waiting and not stop():
            if time.monotonic() > deadline:
                raise FaceProcessError("the face recognition processes took too long to start")
            for conn in wait(waiting, timeout=0.2):
                kind, payload = self._receive(conn)
                if kind != "ready":
                    raise FaceProcessError(str(payload))
                self._busy[conn] = False
                waiting.remove(conn)

    @property
    def idle(self) -> int:
        """Children free to take a frame."""
        return sum(not busy for busy in self._busy.values())

    @property
    def in_flight(self) -> int:
        """Frames being worked on."""
        return self.count - self.idle

    def submit(self, sequence: int, frame: np.ndarray, task: str = "both", boxes: list[Box] | None = None) -> None:
        """Give an idle child an (H, W, 3) uint8 RGB frame (call only when :attr:`idle`).

        ``task``: ``"both"`` finds and embeds its faces, ``"detect"`` only finds
        them, ``"embed"`` embeds the faces in ``boxes`` (in the frame's pixels).
        """
        if task not in TASKS:
            raise ValueError(f"unknown task {task!r}: one of {', '.join(TASKS)}")
        conn = next(c for c in self._conns if not self._busy[c])
        frame = np.ascontiguousarray(frame, np.uint8)
        given = [b.as_tuple() for b in boxes or []] if task == "embed" else []
        try:
            conn.send((sequence, frame.shape, task, given))
            conn.send_bytes(frame.reshape(-1))  # the pixels as they are: no pickling
        except (OSError, ValueError) as exc:
            raise FaceProcessError(f"a face recognition process is gone: {exc}") from exc
        self._busy[conn] = True

    def collect(self, timeout: float = 0.0) -> list[EmbeddedFrame]:
        """Frames finished within ``timeout`` seconds (possibly none).

        Raises
        ------
        FaceProcessError
            A child failed on a frame or died.
        """
        busy = [c for c in self._conns if self._busy[c]]
        done = []
        for conn in wait(busy, timeout=timeout) if busy else []:
            kind, payload = self._receive(conn)
            self._busy[conn] = False
            if kind != "done":
                raise FaceProcessError(str(payload))
            sequence, boxes, embeddings, seconds, task = payload
            done.append(
                EmbeddedFrame(
                    sequence,
                    [Box(*b) for b in boxes],
                    np.asarray(embeddings, np.float32).reshape(-1, EMBEDDING_SIZE),
                    seconds,
                    task,
                )
            )
        return done

    def _receive(self, conn: Connection) -> tuple[str, Any]:
        try:
            return conn.recv()
        except (EOFError, OSError) as exc:
            raise FaceProcessError("a face recognition process ended unexpectedly") from exc

    def close(self) -> None:
        """Ask the children to stop and wait briefly for them; kill any that hang."""
        for conn in self._conns:
            try:
                conn.send(None)
            except (OSError, ValueError):
                pass
        for process in self._processes:
            process.join(timeout=2.0)
            if process.is_alive():
                process.kill()
                process.join(timeout=1.0)
        for conn in self._conns:
            conn.close()
        self._conns, self._processes, self._busy = [], [], {}

    def __enter__(self) -> FaceProcesses:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class FaceProcessPool:
    """Face finders started ahead of need and kept warm between runs.

    Starting the children and loading dlib's models takes seconds (far more on
    a busy machine); :meth:`warm_up` does it in a background thread as soon as
    faces are likely to be needed, so pressing *Start* finds them ready. One
    user at a time :meth:`acquire` s them and :meth:`release` s them when done.

    Parameters
    ----------
    factory
        Makes unstarted :class:`FaceProcesses` (tests pass a stand-in).
    """

    def __init__(self, factory: Any = FaceProcesses) -> None:
        self._factory = factory
        self._cond = threading.Condition()
        self._processes: FaceProcesses | None = None
        self._state = "idle"  # idle → starting → ready (or failed); "in use" while acquired
        self._error = ""

    @property
    def state(self) -> str:
        """``"idle"``, ``"starting"``, ``"ready"``, ``"in use"`` or ``"failed"``."""
        return self._state

    @property
    def error(self) -> str:
        """Why the last start failed (empty when it did not)."""
        return self._error

    def warm_up(self) -> None:
        """Start the children in the background unless they are starting, ready or in use."""
        with self._cond:
            if self._state not in ("idle", "failed"):
                return
            self._state, self._error = "starting", ""
        threading.Thread(target=self._start, name="face-finders-start", daemon=True).start()

    def _start(self) -> None:
        processes = None
        try:
            processes = self._factory()
            processes.wait_ready()
        except Exception as exc:  # FaceProcessError, OSError: recognition then runs in a thread
            if processes is not None:
                processes.close()
            with self._cond:
                self._state, self._error = "failed", str(exc)
                self._cond.notify_all()
            return
        with self._cond:
            if self._state == "starting":
                self._processes, self._state = processes, "ready"
                processes = None
            self._cond.notify_all()
        if processes is not None:  # closed while starting
            processes.close()

    def acquire(self, stop: Any = lambda: False) -> FaceProcesses | None:
        """Wait until the children are ready (and free) and take them; ``None`` when stopped first.

        Raises
        ------
        FaceProcessError
            They could not start.
        """
        self.warm_up()
        with self._cond:
            while self._state in ("starting", "in use") and not stop():  # in use: until the last user lets go
                self._cond.wait(0.1)
            if self._state == "failed":
                raise FaceProcessError(self._error)
            if self._state != "ready":
                return None
            self._state = "in use"
            return self._processes

    def release(self, processes: FaceProcesses, healthy: bool = True) -> None:
        """Give the children back; ones that failed or still hold a frame are closed (restarted on need)."""
        keep = healthy and processes.in_flight == 0
        with self._cond:
            ours = self._processes is processes and self._state == "in use"
            if ours:
                self._state = "ready" if keep else "idle"
                if not keep:
                    self._processes = None
            self._cond.notify_all()
        if not (ours and keep):  # also when the pool was closed while they were in use
            processes.close()

    def close(self) -> None:
        """End the children; ones in use end when released, ones still starting as soon as they are up."""
        with self._cond:
            processes, self._processes = self._processes, None
            in_use = self._state == "in use"
            self._state = "idle"
            self._cond.notify_all()
        if processes is not None and not in_use:
            processes.close()
