"""Digits as people put them on the Digits tab's canvas: typed in many fonts, drawn by hand, any size and place.

The counterpart of :mod:`training.non_digits`: rejection must not cost these. Three
families: ``typed`` (digits in the system's fonts, slanted and bold at random),
``hand`` (pen strokes of the common ways to write each digit, with a hand's slant and
wobble) and ``mnist`` (real handwriting: MNIST digits enlarged onto the canvas, blurred
as a big marker would be). Each goes through the app's one preprocessing function.
``split="heldout"`` uses font families training never sees and MNIST's test set.
"""

from __future__ import annotations

import cv2
import numpy as np

from training.canvas_drawing import (
    CANVAS,
    INK,
    PAPER,
    Stroke,
    arc,
    fonts_for,
    line,
    render_glyph,
    render_strokes,
    to_inputs,
)


def _digits() -> dict[int, list[list[Stroke]]]:
    """The usual ways to write each digit, one list of pen strokes per way."""
    zero = [[arc(0.5, 0.5, 0.35, 0.5, -90, 270)]]
    one = [
        [line((0.5, 0), (0.5, 1))],
        [line((0.3, 0.2), (0.55, 0), (0.55, 1))],
        [line((0.3, 0.2), (0.55, 0), (0.55, 1)), line((0.3, 1), (0.8, 1))],
    ]
    two = [
        [np.concatenate([arc(0.5, 0.3, 0.35, 0.3, 200, 380), line((0.85, 0.3), (0.15, 1), (0.9, 1))])],
        [
            np.concatenate(
                [arc(0.5, 0.3, 0.35, 0.3, 180, 400), arc(0.5, 1.0, 0.4, 0.35, 300, 230)[:1], line((0.1, 1), (0.9, 1))]
            )
        ],
    ]
    three = [
        [np.concatenate([arc(0.45, 0.25, 0.35, 0.25, 200, 450), arc(0.45, 0.75, 0.4, 0.25, -90, 160)])],
        [line((0.15, 0), (0.8, 0), (0.45, 0.4)), arc(0.45, 0.7, 0.4, 0.3, -90, 160)],
    ]
    four = [
        [line((0.65, 0), (0.1, 0.65), (0.9, 0.65)), line((0.65, 0.3), (0.65, 1))],
        [line((0.2, 0), (0.15, 0.6), (0.85, 0.6)), line((0.75, 0), (0.75, 1))],
    ]
    five = [
        [line((0.8, 0), (0.25, 0), (0.2, 0.45)), arc(0.45, 0.7, 0.4, 0.3, 230, 500)],
        [
            np.concatenate([line((0.25, 0), (0.2, 0.45)), arc(0.45, 0.7, 0.4, 0.3, 230, 500)]),
            line((0.25, 0), (0.85, 0)),
        ],
    ]
    six = [[np.concatenate([arc(0.9, 0.6, 0.75, 0.6, 250, 180), arc(0.5, 0.72, 0.35, 0.28, 180, 540)])]]
    seven = [
        [line((0.1, 0), (0.9, 0), (0.4, 1))],
        [line((0.1, 0), (0.9, 0), (0.4, 1)), line((0.35, 0.5), (0.85, 0.5))],
    ]
    eight = [[np.concatenate([arc(0.5, 0.25, 0.3, 0.25, 90, -270), arc(0.5, 0.75, 0.38, 0.25, -90, 270)])]]
    nine = [
        [np.concatenate([arc(0.5, 0.3, 0.35, 0.3, 0, 360), line((0.85, 0.3), (0.8, 1))])],
        [np.concatenate([arc(0.5, 0.3, 0.35, 0.3, 0, 360), arc(0.1, 0.3, 0.75, 0.7, 0, 80)])],
    ]
    return dict(enumerate([zero, one, two, three, four, five, six, seven, eight, nine]))


HAND_DIGITS = _digits()
FAMILIES = ("typed", "hand", "mnist")


def mnist_on_canvas(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """An MNIST digit (28×28, white on black) enlarged to any size and place on a canvas, dark on paper."""
    side = int(rng.integers(int(0.25 * CANVAS), int(0.95 * CANVAS)))
    big = cv2.resize(np.asarray(image, np.float32) / 255.0, (side, side), interpolation=cv2.INTER_CUBIC)
    big = np.clip(big, 0, 1)
    canvas = np.full((CANVAS, CANVAS), PAPER, np.float32)
    y, x = int(rng.integers(0, CANVAS - side + 1)), int(rng.integers(0, CANVAS - side + 1))
    canvas[y : y + side, x : x + side] += big * (INK - PAPER)
    return canvas.astype(np.uint8)


def canvas_digit_canvases(
    n: int,
    rng: np.random.Generator,
    split: str = "heldout",
    families: tuple[str, ...] = FAMILIES,
    mnist: tuple[np.ndarray, np.ndarray] | None = None,
) -> tuple[list[np.ndarray], np.ndarray, list[str]]:
    """``n`` canvases of digits, their labels and family names, families in turn.

    Parameters
    ----------
    mnist
        Raw MNIST images (N, 28, 28) uint8 and labels for the ``mnist`` family
        (left out when ``None``).
    """
    fonts = fonts_for(split)
    chosen = [f for f in families if (f != "typed" or fonts) and (f != "mnist" or mnist is not None)]
    if not chosen:
        raise ValueError(f"no family to draw from among {families}")
    canvases, labels, names = [], np.zeros(n, np.int32), []
    for i in range(n):
        family = chosen[i % len(chosen)]
        if family == "mnist":
            k = int(rng.integers(len(mnist[0])))
            digit, canvas = int(mnist[1][k]), mnist_on_canvas(mnist[0][k], rng)
        else:
            digit = int(rng.integers(10))
            if family == "typed":
                canvas = render_glyph(str(digit), fonts[int(rng.integers(len(fonts)))], rng)
            else:
                ways = HAND_DIGITS[digit]
                canvas = render_strokes(ways[int(rng.integers(len(ways)))], rng)
        canvases.append(canvas)
        labels[i] = digit
        names.append(family)
    return canvases, labels, names


def canvas_digit_batch(
    n: int,
    rng: np.random.Generator,
    split: str = "heldout",
    families: tuple[str, ...] = FAMILIES,
    mnist: tuple[np.ndarray, np.ndarray] | None = None,
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Preprocessed canvas-like digits (N, 28, 28, 1), their labels and families (drawings read as blank dropped)."""
    canvases, labels, names = canvas_digit_canvases(n, rng, split, families, mnist)
    x, found = to_inputs(canvases)
    return x[found], labels[found], [name for name, f in zip(names, found) if f]
