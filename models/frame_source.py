"""Where live frames come from: a camera, a video file or a folder of images.

Qt-free: the Faces tab runs :meth:`FrameSource.frames` in a worker thread; the
benchmarks run it directly.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from models.image_io import FACE_MAX_SIDE, IMAGE_SUFFIXES, as_rgb, read_image
from models.messages import QT_TRANSLATE_NOOP, Message

FOLDER_FPS = 2.0  # an image folder is shown as a slow slide show at most this fast
CaughtUp = Callable[[int], bool]  # caught_up(n): has the n-th frame handed out (from 1) been dealt with?


class SourceError(RuntimeError):
    """The source cannot be opened or stopped delivering frames (a clear message for the user)."""


def parse_source(text: str | int) -> int | Path:
    """``"0"`` → camera 0; anything else → a path to a video file or an image folder."""
    if isinstance(text, int):
        return text
    text = str(text).strip()
    return int(text) if text.isdigit() else Path(text).expanduser()


def describe(source: int | Path) -> str:
    """A short name for the source, for the UI: "camera 0", "video file clip.mp4", "image folder shots"."""
    if isinstance(source, int):
        return Message(QT_TRANSLATE_NOOP("core", "camera {0}"), source)
    if Path(source).is_dir():
        return Message(QT_TRANSLATE_NOOP("core", "image folder {0}"), Path(source).name)
    return Message(QT_TRANSLATE_NOOP("core", "video file {0}"), Path(source).name)


class FrameSource:
    """Yields RGB uint8 frames from a camera index, a video file or an image folder.

    Video files are paced to their own frame rate, so a demo clip plays at real
    speed; cameras deliver at their own pace.
    """

    def __init__(self, source: int | str | Path, loop: bool = False) -> None:
        self.source = parse_source(source) if isinstance(source, str) else source
        self.loop = loop
        self.fps = 0.0

    def frames(self, should_stop=lambda: False, caught_up: CaughtUp | None = None) -> Iterator[np.ndarray]:
        """Frames until the source ends or ``should_stop()`` is true.

        ``caught_up(n)`` keeps a file source from running ahead of whoever reads
        it (the recogniser): a folder slide show shows its next picture only once
        the previous one was dealt with, and a video file starts playing once its
        first frame was. Cameras never wait: their frames are live.

        Raises
        ------
        SourceError
            If the source cannot be opened, or a camera stops sending frames
            (unplugged).
        """
        if isinstance(self.source, Path) and self.source.is_dir():
            yield from self._folder(should_stop, caught_up)
        else:
            yield from self._capture(should_stop, caught_up)

    def _folder(self, should_stop, caught_up: CaughtUp | None) -> Iterator[np.ndarray]:
        paths = sorted(p for p in self.source.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        if not paths:
            raise SourceError(Message(QT_TRANSLATE_NOOP("core", "no images in the folder {0}"), self.source))
        self.fps = FOLDER_FPS
        shown = 0
        while True:
            for path in paths:
                if should_stop():
                    return
                try:
                    frame = as_rgb(read_image(path, FACE_MAX_SIDE))
                except (OSError, ValueError):
                    continue  # one bad file does not end the slide show
                yield frame
                shown += 1
                _sleep_until(time.perf_counter() + 1 / FOLDER_FPS, should_stop)
                if caught_up is not None:
                    _wait_for(lambda n=shown: caught_up(n), should_stop)
            if not self.loop:
                return

    def _capture(self, should_stop, caught_up: CaughtUp | None) -> Iterator[np.ndarray]:
        import cv2

        if isinstance(self.source, Path) and not self.source.exists():
            raise SourceError(Message(QT_TRANSLATE_NOOP("core", "no such video file: {0}"), self.source))
        capture = cv2.VideoCapture(str(self.source) if isinstance(self.source, Path) else self.source)
        if not capture.isOpened():
            raise SourceError(Message(QT_TRANSLATE_NOOP("core", "cannot open {0}"), describe(self.source)))
        is_file = isinstance(self.source, Path)
        self.fps = capture.get(cv2.CAP_PROP_FPS) or 30.0
        period = 1 / self.fps if is_file else 0.0
        failures = 0
        started = False
        try:
            next_due = time.perf_counter()
            while not should_stop():
                ok, bgr = capture.read()
                if not ok:
                    if is_file:
                        if self.loop and capture.set(cv2.CAP_PROP_POS_FRAMES, 0):
                            continue
                        return  # the video ended
                    failures += 1
                    if failures > 20:  # about a second without frames: unplugged or taken by another app
                        raise SourceError(
                            Message(
                                QT_TRANSLATE_NOOP("core", "{0} stopped sending frames (unplugged?)"),
                                describe(self.source),
                            )
                        )
                    time.sleep(0.05)
                    continue
                failures = 0
                yield cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
                if is_file and caught_up is not None and not started:
                    _wait_for(lambda: caught_up(1), should_stop)  # play once the recogniser is ready
                    next_due, started = time.perf_counter(), True
                if period:
                    next_due += period
                    _sleep_until(next_due, should_stop)
        finally:
            capture.release()


def _sleep_until(deadline: float, should_stop) -> None:
    while not should_stop():
        left = deadline - time.perf_counter()
        if left <= 0:
            return
        time.sleep(min(left, 0.05))


def _wait_for(condition: Callable[[], bool], should_stop) -> None:
    while not should_stop() and not condition():
        time.sleep(0.02)
