"""How well gradients reach each layer while a network learns: the data behind a gradient-flow plot.

Every N batches :class:`GradientFlowMonitor` measures, for each layer with
weights, the norm of the loss gradient with respect to its kernel (on a fixed
probe batch, so measurements are comparable over time) and the size of the
last update relative to the weights (‖ΔW‖ / ‖W‖; about 1e-3 is healthy, far
less means the layer has stopped learning). It reports them as
``Progress("gradients", gradients=GradientFlow(...))``, beside the usual
batch and epoch reports. Deep sigmoid networks show the vanishing gradient:
the first layers' norms are orders of magnitude below the last ones'.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import keras
import numpy as np

from training.progress import Progress, ProgressCallback


@dataclass(frozen=True)
class LayerFlow:
    """One layer's figures at one measurement."""

    layer: str  # the Keras layer's name
    gradient_norm: float  # ‖∂loss/∂kernel‖ on the probe batch
    update_ratio: float  # ‖ΔW‖ / ‖W‖ of the kernel over the last batch


@dataclass(frozen=True)
class GradientFlow:
    """All layers with weights, input side first, measured after ``batch`` of ``epoch``."""

    epoch: int
    batch: int
    step: int  # batches since the run began
    layers: tuple[LayerFlow, ...]


def kernel_layers(model: keras.Model) -> list[keras.layers.Layer]:
    """The layers that hold a kernel (Dense, Conv2D), input side first."""
    return [layer for layer in model.layers if getattr(layer, "kernel", None) is not None]


def gradient_norms(model: keras.Model, x: np.ndarray, y: np.ndarray, loss: Any) -> dict[str, float]:
    """‖∂loss/∂kernel‖ of every layer with a kernel, for inputs ``x`` and targets ``y`` (no training step)."""
    return GradientProbe(model, loss)(x, y)


class GradientProbe:
    """Kernel gradient norms of a model on a batch, through one traced function."""

    def __init__(self, model: keras.Model, loss: Any) -> None:
        import tensorflow as tf

        self.layers = kernel_layers(model)
        kernels = [layer.kernel for layer in self.layers]
        loss_fn = keras.losses.get(loss)

        def norms(x: Any, y: Any) -> Any:
            with tf.GradientTape() as tape:
                value = loss_fn(y, model(x, training=False))
            return [tf.norm(g) for g in tape.gradient(value, kernels)]

        self._norms = tf.function(norms)

    def __call__(self, x: np.ndarray, y: np.ndarray) -> dict[str, float]:
        values = self._norms(np.asarray(x, np.float32), np.asarray(y, np.float32))
        return {layer.name: float(v) for layer, v in zip(self.layers, values)}


class GradientFlowMonitor(keras.callbacks.Callback):
    """Reports each layer's gradient norm and update/weight ratio every ``every`` batches.

    Parameters
    ----------
    report
        Receives ``Progress("gradients", ...)``.
    probe_x, probe_y
        A fixed batch (inputs and the targets the loss expects) to measure gradients on.
    loss
        The loss the model trains with (a Keras loss object or name).
    every
        Measure after every N-th batch (the first batch included).
    """

    def __init__(self, report: ProgressCallback, probe_x: np.ndarray, probe_y: np.ndarray, loss: Any, every: int):
        super().__init__()
        if every < 1:
            raise ValueError("gradient flow is measured every N batches, N at least 1")
        self.report, self.loss, self.every = report, loss, every
        self.probe_x, self.probe_y = probe_x, probe_y
        self.history: list[GradientFlow] = []
        self._probe: GradientProbe | None = None
        self._before: list[np.ndarray] | None = None
        self._epoch = self._step = 0
        self._epochs = self._batches = 0

    def on_train_begin(self, logs: dict | None = None) -> None:
        self._probe = GradientProbe(self.model, self.loss)
        self._epochs = int(self.params.get("epochs") or 0)
        self._batches = int(self.params.get("steps") or 0)

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self._epoch = epoch + 1

    def on_train_batch_begin(self, batch: int, logs: dict | None = None) -> None:
        if self._step % self.every == 0:  # keep the weights to measure this batch's update
            self._before = [np.array(layer.kernel.numpy()) for layer in self._probe.layers]

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        self._step += 1
        if self._before is None:
            return
        norms = self._probe(self.probe_x, self.probe_y)
        layers = []
        for layer, before in zip(self._probe.layers, self._before):
            after = layer.kernel.numpy()
            size = float(np.linalg.norm(before))
            ratio = float(np.linalg.norm(after - before)) / size if size > 0 else float("inf")
            layers.append(LayerFlow(layer.name, norms[layer.name], ratio))
        self._before = None
        flow = GradientFlow(self._epoch, batch + 1, self._step, tuple(layers))
        self.history.append(flow)
        self.report(
            Progress(
                "gradients",
                epoch=self._epoch,
                epochs=self._epochs,
                batch=batch + 1,
                batches=self._batches,
                gradients=flow,
            )
        )
