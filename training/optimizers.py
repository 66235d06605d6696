"""The lectures' optimizers, learning-rate decay and L2 weight decay, shared by every trainer."""

from __future__ import annotations

from typing import Any

OPTIMIZERS = ("adam", "sgd", "momentum", "adagrad")


def check_optimizer(name: str) -> None:
    """Raise ``ValueError`` for an optimizer name the app does not know."""
    if name not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {name!r}; choose from {', '.join(OPTIMIZERS)}")


def make_optimizer(name: str, learning_rate: Any) -> Any:
    """The lectures' optimizers by name: SGD, SGD with momentum, Adagrad, Adam."""
    import keras

    check_optimizer(name)
    if name == "adam":
        return keras.optimizers.Adam(learning_rate)
    if name == "sgd":
        return keras.optimizers.SGD(learning_rate)
    if name == "momentum":
        return keras.optimizers.SGD(learning_rate, momentum=0.9, nesterov=True)
    return keras.optimizers.Adagrad(learning_rate)


def learning_rate(peak: float, decay: bool, steps_per_epoch: int, epochs: int) -> Any:
    """A constant rate, or one epoch of warm-up then cosine decay to zero."""
    import keras

    if not decay:
        return peak
    total = steps_per_epoch * epochs
    return keras.optimizers.schedules.CosineDecay(
        peak / 20, decay_steps=total, warmup_target=peak, warmup_steps=min(steps_per_epoch, total // 4)
    )


def with_l2(model: Any, l2: float) -> Any:
    """The same architecture with an L2 penalty on every kernel (weights are not kept: call before training)."""
    import keras

    if l2 <= 0:
        return model
    config = model.get_config()
    for layer in config["layers"]:
        if "kernel_regularizer" in layer["config"]:
            layer["config"]["kernel_regularizer"] = keras.regularizers.serialize(keras.regularizers.L2(l2))
    return keras.Model.from_config(config)
