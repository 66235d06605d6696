"""Whole-picture models for pets and things: an ImageNet backbone plus head, or a compact CNN from scratch."""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np

IMAGENET_SIZE = 160  # MobileNetV2 works at 96–224 px; 160 keeps a laptop CPU fast
SCRATCH_SIZE = 96


class BackboneUnavailable(RuntimeError):
    """The ImageNet weights are not on this machine and cannot be downloaded (offline)."""


def prepare(rgb: np.ndarray, size: int) -> np.ndarray:
    """Centre-crop an RGB uint8 picture to a square and resize: (size, size, 3) float32 in [0, 255]."""
    h, w = rgb.shape[:2]
    side = min(h, w)
    top, left = (h - side) // 2, (w - side) // 2
    crop = rgb[top : top + side, left : left + side]
    return cv2.resize(crop, (size, size), interpolation=cv2.INTER_AREA).astype(np.float32)


def imagenet_backbone(size: int = IMAGENET_SIZE, weights: str | None = "imagenet") -> Any:
    """Frozen MobileNetV2 without its top, taking [0, 255] pixels, average-pooled to 1280 features.

    ``weights="imagenet"`` takes them from the Keras cache (``~/.keras/models``)
    or downloads them on first use; offline and uncached this raises
    :class:`BackboneUnavailable`. Tests pass ``weights=None``.
    """
    import keras
    from keras import layers

    try:
        base = keras.applications.MobileNetV2(
            input_shape=(size, size, 3), include_top=False, weights=weights, pooling="avg"
        )
    except Exception as exc:  # urllib/HTTP/OS errors differ by platform; all mean "no weights"
        raise BackboneUnavailable(
            f"the ImageNet weights for MobileNetV2 are not cached and could not be downloaded (offline?): {exc}"
        ) from exc
    base.trainable = False
    inputs = keras.Input((size, size, 3), name="image")
    x = layers.Rescaling(1 / 127.5, offset=-1)(inputs)  # MobileNetV2's own input scaling
    return keras.Model(inputs, base(x, training=False), name="imagenet_features")


def compose(base: Any, head: Any) -> Any:
    """One model from picture to probabilities: the frozen backbone, then the trained head."""
    import keras

    inputs = keras.Input(base.input_shape[1:], name="image")
    return keras.Model(inputs, head(base(inputs)), name="recognizer")


def build_scratch_cnn(num_classes: int, size: int = SCRATCH_SIZE, dropout: float = 0.3) -> Any:
    """A compact CNN for small folder datasets, trained from scratch (with augmentation in the data)."""
    import keras
    from keras import layers

    inputs = keras.Input((size, size, 3), name="image")
    x = layers.Rescaling(1 / 255)(inputs)
    for filters in (16, 32, 64, 96):
        x = layers.Conv2D(filters, 3, padding="same", use_bias=False)(x)
        x = layers.BatchNormalization(momentum=0.9)(x)
        x = layers.Activation("relu")(x)
        x = layers.MaxPooling2D()(x)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dropout(dropout)(x)
    outputs = layers.Dense(num_classes, activation="softmax")(x)
    return keras.Model(inputs, outputs, name="scratch_cnn")
