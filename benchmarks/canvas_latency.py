"""Canvas latency: preprocessing + inference for one drawing, as the Digits tab does it.

Drawings are MNIST test digits enlarged to random sizes and pasted at random
places on a 420×420 paper-coloured canvas (dark ink), the size of the app's
canvas. Prints p50/p95 over the drawings, and for reference the cost of
``model.predict`` on one image, which the app avoids.

    python benchmarks/canvas_latency.py [--drawings 300]
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from models.digit_model import DigitPredictor  # noqa: E402
from models.digit_preprocess import preprocess_digit  # noqa: E402
from training.mnist import load_split  # noqa: E402

CANVAS = 420


def drawings(n: int, seed: int = 0) -> tuple[list[np.ndarray], np.ndarray]:
    test = load_split("test")
    rng = np.random.default_rng(seed)
    pictures = []
    for i in range(n):
        size = int(rng.integers(80, CANVAS - 10))
        top, left = (int(v) for v in rng.integers(0, CANVAS - size, 2))
        big = cv2.resize(test.images[i], (size, size), interpolation=cv2.INTER_CUBIC)
        canvas = np.zeros((CANVAS, CANVAS), np.uint8)
        canvas[top : top + size, left : left + size] = big
        pictures.append(253 - (canvas.astype(np.int16) * 226 // 255).astype(np.uint8))  # ink #1b.. on #fd paper
    return pictures, test.labels[:n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drawings", type=int, default=300)
    args = parser.parse_args()

    predictor = DigitPredictor.load()
    pictures, labels = drawings(args.drawings)
    for picture in pictures[:20]:  # warm caches and the traced call
        predictor.predict_image(picture)

    total, prep = [], []
    correct = 0
    for picture, label in zip(pictures, labels):
        t0 = time.perf_counter()
        x = preprocess_digit(picture)
        t1 = time.perf_counter()
        predictor.probabilities(x[None, :, :, None])
        t2 = time.perf_counter()
        prep.append(t1 - t0)
        total.append(t2 - t0)
        correct += predictor.predict_image(picture).digit == label
    total_ms, prep_ms = 1000 * np.array(total), 1000 * np.array(prep)

    one = np.zeros((1, 28, 28, 1), np.float32)
    predictor.model.predict(one, verbose=0)
    t0 = time.perf_counter()
    for _ in range(20):
        predictor.model.predict(one, verbose=0)
    predict_ms = 1000 * (time.perf_counter() - t0) / 20

    print(f"drawings                      {len(pictures)} on a {CANVAS}x{CANVAS} canvas")
    print(f"preprocess+inference p50      {np.percentile(total_ms, 50):.2f} ms")
    print(f"preprocess+inference p95      {np.percentile(total_ms, 95):.2f} ms")
    print(f"  of which preprocessing p50  {np.percentile(prep_ms, 50):.2f} ms")
    print(f"reference: model.predict      {predict_ms:.1f} ms per image")
    print(f"digits read correctly         {correct}/{len(pictures)}")


if __name__ == "__main__":
    main()
