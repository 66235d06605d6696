"""Progress reports and cancellation for long jobs, shared by the CLI and the GUI."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


class Cancelled(Exception):
    """Raised inside a job when its :class:`CancelToken` was set."""


class CancelToken:
    """A thread-safe flag a job checks between steps (the GUI sets it, the worker reads it)."""

    def __init__(self, event: Any = None) -> None:
        # Any object with set()/is_set(): a multiprocessing Event lets another process cancel.
        self._event = event if event is not None else threading.Event()

    def cancel(self) -> None:
        """Ask the job to stop at its next check."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """Whether cancellation was asked for."""
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        """Raise :class:`Cancelled` if cancellation was asked for."""
        if self.cancelled:
            raise Cancelled()


@dataclass
class Progress:
    """One report from a running job.

    ``kind`` is ``"message"`` (a phase starts), ``"batch"`` (within an epoch)
    or ``"epoch"`` (an epoch ended; ``logs`` then holds validation metrics too),
    or ``"gradients"`` (``gradients`` holds a
    :class:`training.gradient_flow.GradientFlow`: each layer's gradient norm
    and update/weight ratio, when the run was asked to measure them).
    ``filters`` is, now and then, a copy of the first convolution layer's
    kernels (height, width, in, out), so a view can show them as they learn.
    ``val_examples`` tells a view how far an epoch's validation metrics can be
    trusted (a handful of images make a noisy curve).
    """

    kind: str
    message: str = ""
    epoch: int = 0
    epochs: int = 0
    batch: int = 0
    batches: int = 0
    examples_per_s: float = 0.0
    eta_s: float = 0.0
    logs: dict[str, float] = field(default_factory=dict)
    filters: Any = None
    gradients: Any = None
    val_examples: int | None = None  # "epoch": how many validation images its metrics were measured on

    @property
    def fraction(self) -> float:
        """Fraction of the whole run done, 0..1."""
        if not self.epochs or not self.batches:
            return 0.0
        return min(1.0, ((self.epoch - 1) + self.batch / self.batches) / self.epochs)


ProgressCallback = Callable[[Progress], None]
