"""Runs a training function in a QThread and forwards its progress as signals."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, Signal

from training.progress import Cancelled, CancelToken


class TrainingThread(QThread):
    """Calls ``job(on_progress, cancel)``; reports progress, the result, a cancel or an error.

    Cancelling sets the token the training loop checks every batch; the
    thread then ends by itself (never ``terminate()``).
    """

    progress = Signal(object)  # training.progress.Progress
    succeeded = Signal(object)  # whatever the job returned
    cancelled = Signal()
    failed = Signal(str)

    def __init__(self, job: Callable[[Callable, CancelToken], Any]) -> None:
        super().__init__()
        self.job = job
        self.token = CancelToken()

    def cancel(self) -> None:
        self.token.cancel()

    def run(self) -> None:
        try:
            result = self.job(self.progress.emit, self.token)
        except Cancelled:
            self.cancelled.emit()
        except MemoryError:
            self.failed.emit("out of memory: try a smaller batch size")
        except Exception as exc:  # shown in the tab; the app keeps running
            traceback.print_exc()
            self.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.succeeded.emit(result)
