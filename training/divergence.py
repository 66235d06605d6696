"""Stop a run the moment its loss stops being a number, with advice instead of garbage."""

from __future__ import annotations

import math

import keras

from models.messages import QT_TRANSLATE_NOOP, Message


class Diverged(RuntimeError):
    """The loss became NaN or infinite: training stopped and nothing was saved.

    ``args[0]`` is a translatable :class:`~models.messages.Message`, which is
    what a child process reports as the failure.
    """


def diverged_message(value: float, epoch: int, batch: int) -> Message:
    """The failure text: what happened, where, and what to do about it."""
    return Message(
        QT_TRANSLATE_NOOP(
            "core",
            "loss diverged (became {0} at epoch {1}, batch {2}): the learning rate is too high. "
            "Try one ten times lower; nothing was saved.",
        ),
        "NaN" if math.isnan(value) else "infinite",
        epoch,
        batch,
    )


class DivergenceGuard(keras.callbacks.Callback):
    """Stops ``fit`` after the first batch whose loss is NaN or infinite.

    Keras' own ``TerminateOnNaN`` stops too, but silently; this one keeps
    the error, and :meth:`raise_if_diverged` turns it into :class:`Diverged`
    once ``fit`` has returned, so the caller saves nothing.
    """

    def __init__(self) -> None:
        super().__init__()
        self.error: Message | None = None
        self._epoch = 0

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self._epoch = epoch + 1

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        loss = (logs or {}).get("loss")
        if loss is None or self.error is not None:
            return
        value = float(loss)
        if not math.isfinite(value):
            self.error = diverged_message(value, self._epoch, batch + 1)
            self.model.stop_training = True

    def raise_if_diverged(self) -> None:
        """Raise :class:`Diverged` if the loss went bad during the run."""
        if self.error is not None:
            raise Diverged(self.error)
