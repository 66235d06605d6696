"""Time one training step of the digit CNN against the previous (BatchNorm) network.

This host's speed drifts by up to a factor of two from hour to hour, so the two
networks are timed batch by batch in turn: both always see the same speed.

    python benchmarks/digit_step_time.py [--steps 150]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def previous_digit_cnn(width: int = 48):
    """The network shipped before: Conv/BatchNorm/ReLU blocks, 32 → 48 → 48 → 96 filters."""
    import keras
    from keras import layers

    def block(x, filters, kernel, padding="same"):
        x = layers.Conv2D(filters, kernel, padding=padding, use_bias=False)(x)
        x = layers.BatchNormalization(momentum=0.9)(x)
        return layers.Activation("relu")(x)

    inputs = keras.Input((28, 28, 1))
    x = layers.MaxPooling2D()(block(inputs, 32, 5, "valid"))
    x = layers.MaxPooling2D()(block(block(x, width, 3), width, 3))
    x = layers.Flatten()(block(x, 2 * width, 3))
    outputs = layers.Activation("softmax")(layers.Dense(10)(layers.Dropout(0.3)(x)))
    return keras.Model(inputs, outputs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=150)
    parser.add_argument("--batch-size", type=int, default=128)
    args = parser.parse_args()

    import keras

    from models.digit_model import build_digit_cnn

    models = {"shipped": build_digit_cnn(), "previous (BatchNorm)": previous_digit_cnn()}
    for model in models.values():
        model.compile(keras.optimizers.Adam(1e-3), keras.losses.CategoricalCrossentropy(label_smoothing=0.1))
    rng = np.random.default_rng(0)
    x = rng.random((args.batch_size, 28, 28, 1), np.float32)
    y = np.eye(10, dtype=np.float32)[rng.integers(0, 10, args.batch_size)]
    for model in models.values():
        for _ in range(5):  # trace and warm up
            model.train_on_batch(x, y)
    times = {name: [] for name in models}
    for _ in range(args.steps):
        for name, model in models.items():
            start = time.perf_counter()
            model.train_on_batch(x, y)
            times[name].append(time.perf_counter() - start)
    medians = {name: float(np.median(t)) for name, t in times.items()}
    for name, median in medians.items():
        print(
            f"{name:22s} {median * 1e3:6.1f} ms per batch of {args.batch_size}  "
            f"({args.batch_size / median:,.0f} images/s, {models[name].count_params():,} parameters)"
        )
    ratio = medians["previous (BatchNorm)"] / medians["shipped"]
    print(f"shipped network: {ratio:.2f}x less time per batch than the previous one")


if __name__ == "__main__":
    main()
