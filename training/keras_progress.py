"""A Keras callback that turns ``fit`` into :class:`Progress` reports and honours cancel."""

from __future__ import annotations

import time

import keras
import numpy as np

from training.progress import Cancelled, CancelToken, Progress, ProgressCallback

BATCH_REPORT_EVERY_S = 0.1  # enough for smooth curves, without flooding the GUI
FILTERS_EVERY_S = 0.5  # the first layer's kernels, for the "filters as they learn" view


def first_conv_kernel(model: keras.Model) -> np.ndarray | None:
    """A copy of the first Conv2D layer's kernel (height, width, in, out), or ``None`` without one."""
    for layer in model.layers:
        if isinstance(layer, keras.layers.Conv2D):
            return np.array(layer.kernel.numpy())
    return None


def batch_means(
    running: dict[str, float], previous: dict[str, float], batch: int, previous_batch: int
) -> dict[str, float]:
    """The metrics of batches ``previous_batch + 1 … batch`` alone, from Keras' running means.

    Keras logs each batch with the mean over the epoch so far, which flattens as
    the epoch goes on and jumps back at every epoch boundary. ``n·mean_n − m·mean_m``
    undoes that average, so a curve shows what the last batches really scored.
    """
    count = batch - previous_batch
    if count <= 0:
        return dict(running)
    return {key: (batch * value - previous_batch * previous.get(key, value)) / count for key, value in running.items()}


class ProgressReporter(keras.callbacks.Callback):
    """Reports per-batch metrics (not Keras' running means) and epoch metrics; stops at once when cancelled."""

    def __init__(
        self,
        report: ProgressCallback,
        cancel: CancelToken,
        epochs: int,
        steps: int,
        batch_size: int,
        val_examples: int | None = None,
    ):
        super().__init__()
        self.report, self.cancel = report, cancel
        self.epochs, self.steps, self.batch_size = epochs, steps, batch_size
        self.val_examples = val_examples
        self._start = self._epoch_start = self._last = self._last_filters = 0.0
        self._epoch = 0
        self._reported_batch = 0  # the batch of the last report in this epoch…
        self._reported_means: dict[str, float] = {}  # …and Keras' running means then

    def on_train_begin(self, logs: dict | None = None) -> None:
        self._start = time.perf_counter()

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self._epoch = epoch + 1
        self._epoch_start = time.perf_counter()
        self._reported_batch, self._reported_means = 0, {}

    def _rates(self, batch: int) -> tuple[float, float]:
        now = time.perf_counter()
        done = (self._epoch - 1) * self.steps + batch
        per_step = (now - self._start) / max(done, 1)
        eps = batch * self.batch_size / max(now - self._epoch_start, 1e-9)
        return eps, per_step * (self.epochs * self.steps - done)

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        if self.cancel.cancelled:
            # Raised, not stop_training: Keras would still validate and end the epoch, and a
            # cancelled run would report a validation point and a progress bar at the epoch's end.
            raise Cancelled()
        now = time.perf_counter()
        # The last batch of an epoch is always reported: the curve reaches the epoch's end, even in a short run.
        if now - self._last < BATCH_REPORT_EVERY_S and batch + 1 < self.steps:
            return
        self._last = now
        running = {k: float(v) for k, v in (logs or {}).items()}
        per_batch = batch_means(running, self._reported_means, batch + 1, self._reported_batch)
        self._reported_batch, self._reported_means = batch + 1, running
        eps, eta = self._rates(batch + 1)
        filters = None
        if now - self._last_filters >= FILTERS_EVERY_S:
            self._last_filters = now
            filters = first_conv_kernel(self.model)
        self.report(
            Progress(
                "batch",
                epoch=self._epoch,
                epochs=self.epochs,
                batch=batch + 1,
                batches=self.steps,
                examples_per_s=eps,
                eta_s=eta,
                logs=per_batch,
                filters=filters,
            )
        )

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        self.cancel.raise_if_cancelled()  # a cancelled run reports no epoch it did not finish
        eps, eta = self._rates(self.steps)
        self.report(
            Progress(
                "epoch",
                epoch=epoch + 1,
                epochs=self.epochs,
                batch=self.steps,
                batches=self.steps,
                examples_per_s=eps,
                eta_s=eta,
                logs={k: float(v) for k, v in (logs or {}).items()},
                filters=first_conv_kernel(self.model),
                val_examples=self.val_examples,
            )
        )
