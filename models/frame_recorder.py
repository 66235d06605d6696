"""Save live frames into a class folder on a thread of their own: the caller (the GUI) never waits on the disk.

Each picture is written to a hidden temporary file and renamed into place, so
training (in another process, perhaps at the same time) never reads half a
picture, and a full disk leaves only whole pictures behind.
"""

from __future__ import annotations

import os
import queue
import threading
from pathlib import Path

import numpy as np

from models.image_io import IMAGE_SUFFIXES
from models.people import free_photo_name

QUEUE_FRAMES = 16  # frames waiting for the disk; more are dropped, never queued without end
JPEG_QUALITY = 90


class FrameRecorder:
    """Writes the frames handed to :meth:`put` as ``folder/<stem>_NNNN.jpg``, in order, on a worker thread.

    Read :attr:`saved` (pictures on disk) and :attr:`error` (the first failure,
    after which nothing more is written) from any thread. :meth:`stop` lets the
    frames already handed over be written, then ends the thread; :attr:`busy`
    says whether it is still at work.
    """

    def __init__(self, folder: Path, stem: str) -> None:
        self.folder = Path(folder)
        self.stem = stem
        self.saved = 0
        self.dropped = 0
        self.error: OSError | None = None
        self._next = 1 + (
            sum(1 for p in self.folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES) if self.folder.is_dir() else 0
        )
        self._queue: queue.Queue[np.ndarray | None] = queue.Queue(QUEUE_FRAMES)
        self._thread = threading.Thread(target=self._run, name="frame-recorder", daemon=True)
        self._thread.start()

    def put(self, frame: np.ndarray) -> bool:
        """Hand over an RGB uint8 frame to save (never blocks); ``False`` when it was dropped."""
        if self.error is not None:
            return False
        try:
            self._queue.put_nowait(frame)
        except queue.Full:  # the disk is slower than the camera: keep the GUI live, lose this frame
            self.dropped += 1
            return False
        return True

    def stop(self) -> None:
        """Write what was handed over, then end (never blocks)."""
        while True:
            try:
                self._queue.put_nowait(None)
                return
            except queue.Full:  # make room for the end mark: the newest frames are the ones to lose
                try:
                    self._queue.get_nowait()
                    self.dropped += 1
                except queue.Empty:
                    pass

    @property
    def busy(self) -> bool:
        return self._thread.is_alive()

    def join(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            frame = self._queue.get()
            if frame is None:
                return
            if self.error is not None:
                continue  # drain: after a failure nothing more is written
            try:
                self._save(frame)
            except OSError as exc:
                self.error = exc

    def _save(self, frame: np.ndarray) -> None:
        from PIL import Image

        self.folder.mkdir(parents=True, exist_ok=True)  # with the first picture: no empty class is left
        path = free_photo_name(self.folder, f"{self.stem}_{self._next:04d}", ".jpg")
        tmp = path.with_name(f".{path.name}.tmp")  # hidden: training never sees half a picture
        try:
            Image.fromarray(frame).save(tmp, format="JPEG", quality=JPEG_QUALITY)
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        self._next += 1
        self.saved += 1
