"""Whole-picture models for pets and things: an ImageNet backbone plus head, or a compact CNN from scratch."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import cv2
import numpy as np

IMAGENET_SIZE = 160  # MobileNetV2 works at 96–224 px; 160 keeps a laptop CPU fast
SCRATCH_SIZE = 96
IMAGENET_FEATURES = 1280
FEATURE_BATCH = 32  # pictures per backbone call
PREPROCESS_VERSION = 1  # bump when prepare() changes: cached features then recompute
WEIGHTS_PATTERN = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_*_no_top.h5"
WEIGHTS_URL = "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v2/"


class BackboneUnavailable(RuntimeError):
    """The ImageNet weights are not on this machine and cannot be downloaded (offline)."""


class BackboneDamaged(RuntimeError):
    """A cached ImageNet weights file cannot be read (e.g. a saved web page): the user must delete it."""


def prepare(rgb: np.ndarray, size: int) -> np.ndarray:
    """Centre-crop an RGB uint8 picture to a square and resize: (size, size, 3) float32 in [0, 255]."""
    h, w = rgb.shape[:2]
    side = min(h, w)
    top, left = (h - side) // 2, (w - side) // 2
    crop = rgb[top : top + side, left : left + side]
    return cv2.resize(crop, (size, size), interpolation=cv2.INTER_AREA).astype(np.float32)


def keras_models_dir() -> Path:
    """Keras' weights cache: ``$KERAS_HOME/models``, else ``~/.keras/models`` (read now, not at import)."""
    return Path(os.environ.get("KERAS_HOME") or Path.home() / ".keras") / "models"


def weights_name(size: int) -> str:
    """The file name Keras gives MobileNetV2's no-top ImageNet weights for one input size."""
    return WEIGHTS_PATTERN.replace("*", str(size))


def imagenet_weights_file(size: int = IMAGENET_SIZE, download: bool = True) -> Path:
    """A readable MobileNetV2 no-top ImageNet weights file, from Keras' cache or downloaded.

    No-top weights do not depend on the input size, so a file cached for any
    size is used (the one for ``size`` first). Only when none is cached is the
    file for ``size`` downloaded.

    Raises
    ------
    BackboneDamaged
        A cached (or just downloaded) file is not a weights file; the message names it.
    BackboneUnavailable
        None is cached and it could not be downloaded (offline?).
    """
    folder = keras_models_dir()
    wanted = folder / weights_name(size)
    cached = sorted(folder.glob(WEIGHTS_PATTERN), key=lambda p: (p != wanted, p.name)) if folder.is_dir() else []
    if cached:
        return _checked(cached[0])
    if not download:
        raise BackboneUnavailable(f"the ImageNet weights for MobileNetV2 are not cached in {folder}")
    import keras

    try:
        path = Path(
            keras.utils.get_file(
                wanted.name, WEIGHTS_URL + wanted.name, cache_subdir="models", cache_dir=str(folder.parent)
            )
        )
    except Exception as exc:  # urllib/HTTP/OS errors differ by platform; all mean "could not download"
        raise BackboneUnavailable(
            f"the ImageNet weights for MobileNetV2 are not cached in {folder} and could not be downloaded "
            f"(offline?): {exc}"
        ) from exc
    return _checked(path)


def _checked(path: Path) -> Path:
    """``path`` if it opens as a Keras HDF5 weights file, else :class:`BackboneDamaged` naming it."""
    import h5py

    try:
        with h5py.File(path, "r") as f:
            if "layer_names" not in f.attrs:
                raise OSError("it holds no Keras layer weights")
    except OSError as exc:
        raise BackboneDamaged(
            f"the cached ImageNet weights file {path} is damaged ({_first_line(exc)}); delete it so that "
            "DigitFace can download it again"
        ) from exc
    return path


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]


def imagenet_backbone(size: int = IMAGENET_SIZE, weights: str | Path | None = "imagenet") -> Any:
    """Frozen MobileNetV2 without its top, taking [0, 255] pixels, average-pooled to 1280 features.

    ``weights="imagenet"`` takes them from the Keras cache (see
    :func:`imagenet_weights_file`) or downloads them on first use; a path
    names a weights file; ``None`` leaves them random (tests).

    Raises
    ------
    BackboneUnavailable
        Not cached and offline.
    BackboneDamaged
        The weights file cannot be loaded; the message names the file to delete.
    """
    import keras
    from keras import layers

    path = imagenet_weights_file(size) if weights == "imagenet" else weights
    base = keras.applications.MobileNetV2(input_shape=(size, size, 3), include_top=False, weights=None, pooling="avg")
    if path is not None:
        try:
            base.load_weights(str(path))
        except Exception as exc:  # noqa: BLE001 - h5py and Keras raise many kinds for a wrong file
            raise BackboneDamaged(
                f"the ImageNet weights file {path} does not fit MobileNetV2 ({_first_line(exc)}); delete it so "
                "that DigitFace can download it again"
            ) from exc
    base.trainable = False
    inputs = keras.Input((size, size, 3), name="image")
    x = layers.Rescaling(1 / 127.5, offset=-1)(inputs)  # MobileNetV2's own input scaling
    return keras.Model(inputs, base(x, training=False), name="imagenet_features")


def batch_features(base: Any, pictures: np.ndarray) -> np.ndarray:
    """Backbone features (N, F) of prepared pictures (N, size, size, 3), in one traced call.

    One picture per call costs ~8× more per picture than a batch of 32 on a
    laptop CPU (``benchmarks/imagenet_features.py``).
    """
    return np.asarray(base.predict_on_batch(pictures), np.float32)


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
