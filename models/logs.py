"""Where errors keep their tracebacks: a rotating log file in the user's data folder (Qt-free).

The console and the window show one clear line per problem; the details a bug report needs go to
``<data folder>/logs/digitface.log``. Use::

    from models.logs import log_error, setup_logging

    setup_logging(verbose=False)  # once, at start-up (the CLI's --verbose passes True)
    try:
        ...
    except (OSError, ValueError) as exc:
        show_one_clear_line(f"{path}: {exc}")
        log_error(f"{path}: {exc}", exc)  # the traceback goes to the file (and stderr when verbose)

Python warnings (Keras', Pillow's) go to the file too, never to the console.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path
from typing import TextIO

LOGGER_NAME = "digitface"
LOG_BYTES = 1_000_000  # per file; with 3 old files kept, the log never passes 4 MB
LOG_BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

logger = logging.getLogger(LOGGER_NAME)


class _TracebackOnly(logging.Formatter):
    """For the verbose console: the message was already shown as one line; add only its traceback."""

    def format(self, record: logging.LogRecord) -> str:
        return self.formatException(record.exc_info) if record.exc_info else ""


class _HasTraceback(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return bool(record.exc_info)


_handlers: list[logging.Handler] = []


def log_path() -> Path:
    """The log file, ``logs/digitface.log`` in the user's DigitFace data folder."""
    from models.paths import user_data_dir

    return user_data_dir() / "logs" / "digitface.log"


def setup_logging(verbose: bool = False, stream: TextIO | None = None) -> Path | None:
    """Send the app's log records and Python warnings to the rotating log file; returns its path.

    Safe to call again (the handlers of an earlier call are replaced). When the data folder cannot
    be written (read-only home, full disk), logging goes nowhere rather than stopping the app, and
    ``None`` is returned.

    Parameters
    ----------
    verbose
        Also print the traceback of each logged error on ``stream``.
    stream
        Where verbose tracebacks go (default: ``sys.stderr`` at the time of each message).
    """
    for handler in _handlers:
        for name in (LOGGER_NAME, "py.warnings"):
            logging.getLogger(name).removeHandler(handler)
        handler.close()
    _handlers.clear()
    path: Path | None = None
    try:
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        file_handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError:
        path, file_handler = None, logging.NullHandler()
    file_handler.setFormatter(logging.Formatter(_FORMAT))
    _handlers.append(file_handler)
    if verbose:
        console = _StderrHandler(stream)
        console.setFormatter(_TracebackOnly())
        console.addFilter(_HasTraceback())
        _handlers.append(console)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # a host's root handlers (pytest's, Qt's) do not print it a second time
    for handler in _handlers:
        logger.addHandler(handler)
    warnings_logger = logging.getLogger("py.warnings")
    warnings_logger.addHandler(file_handler)
    warnings_logger.propagate = False  # without this, the root logger's last-resort handler prints them
    logging.captureWarnings(False)  # re-capture: a host (pytest) may have swapped showwarning since
    logging.captureWarnings(True)
    return path


class _StderrHandler(logging.StreamHandler):
    """A stream handler that looks up ``sys.stderr`` at each message (tests and hosts swap it)."""

    def __init__(self, stream: TextIO | None) -> None:
        super().__init__(stream)
        self._fixed = stream

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = self._fixed or sys.stderr
        super().emit(record)


def log_error(message: str, exc: BaseException | None = None) -> None:
    """Record an error and, when ``exc`` is given, its traceback (file; stderr too when verbose)."""
    info = (type(exc), exc, exc.__traceback__) if exc is not None else None
    logger.error(message, exc_info=info)
