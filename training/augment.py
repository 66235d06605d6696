"""Augmentation that looks like how people draw on a canvas.

Applied to preprocessed 28×28 digits while training (never inside the saved
model): small rotations, scale changes and shifts, and thinner or thicker
strokes, since a marker on a large canvas and a small digit on a small one
give very different stroke widths once fitted to 20 px. OpenCV per image is
about three times cheaper here than TensorFlow's image-transform ops, which
matters on a 2-core CPU.
"""

from __future__ import annotations

import cv2
import numpy as np

MAX_ROTATION_DEG = 10.0
MAX_ZOOM = 0.08
MAX_SHIFT_PX = 1.5
STROKE_RANGE = (-0.5, 0.8)  # < 0: thinner (toward an eroded copy), > 0: thicker (toward a dilated one)

_THICKER = np.ones((3, 3), np.uint8)
_THINNER = np.ones((2, 2), np.uint8)


def augment_digits(images: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Randomly varied copies of a batch of digits (N, 28, 28, 1) float32 in [0, 1]."""
    out = np.empty_like(images)
    n = len(images)
    strokes = rng.uniform(*STROKE_RANGE, n)
    angles = rng.uniform(-MAX_ROTATION_DEG, MAX_ROTATION_DEG, n)
    scales = 1 + rng.uniform(-MAX_ZOOM, MAX_ZOOM, n)
    shifts = rng.uniform(-MAX_SHIFT_PX, MAX_SHIFT_PX, (n, 2))
    for i in range(n):
        img = images[i, :, :, 0]
        t = strokes[i]
        if t > 0:
            img = img + t * (cv2.dilate(img, _THICKER) - img)
        else:
            img = img + t * (img - cv2.erode(img, _THINNER))
        m = cv2.getRotationMatrix2D((14.0, 14.0), angles[i], scales[i])
        m[:, 2] += shifts[i]
        img = cv2.warpAffine(img, m, (28, 28), flags=cv2.INTER_LINEAR, borderValue=0.0)
        peak = img.max()
        out[i, :, :, 0] = img / peak if peak > 0 else img
    return out


def digit_dataset(x: np.ndarray, y: np.ndarray, batch_size: int, augment: bool, seed: int):
    """A ``tf.data`` pipeline of shuffled (and augmented) batches, reproducible from ``seed``.

    The augmentation runs sequentially, so its random numbers follow the
    seeded shuffle order exactly.
    """
    import tensorflow as tf

    ds = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(len(x), seed=seed).batch(batch_size)
    if augment:
        rng = np.random.default_rng(seed)

        def vary(images: np.ndarray) -> np.ndarray:
            return augment_digits(images, rng)

        ds = ds.map(lambda a, b: (tf.ensure_shape(tf.numpy_function(vary, [a], tf.float32), a.shape), b))
    return ds.prefetch(tf.data.AUTOTUNE)
