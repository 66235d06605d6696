"""Synthetic drawings that are not digits: letters, symbols, shapes and scribbles.

They teach the digit network its 11th answer, "not a digit", and measure it.
Each is drawn as the Digits tab's canvas would show it (:mod:`training.canvas_drawing`)
and passed through the app's one preprocessing function.

Letters that people also write as digits are left out on purpose (O and o are 0, I and l
are 1, S is 5, Z is 2, B is 8, b and G are 6, g and q are 9…), and so are a lone circle
and a near-vertical line (a 0 and a 1): the network must never learn to reject those.

Families are split in two. ``"train"`` is what a model may learn from; ``"heldout"``
holds whole families training never sees (other font designs, other shape kinds,
other letters drawn by hand, another scribble style), so a benchmark on it measures
how rejection carries over to drawings of a new kind, not how well it remembers.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from training.canvas_drawing import (
    Stroke,
    arc,
    fonts_for,
    has_glyph,
    line,
    render_glyph,
    render_strokes,
    to_inputs,
)

NOT_A_DIGIT = 10  # the label of the 11th class
# Letters and symbols that do not read as a digit in any common hand.
TYPED = "ACEFHKMNPRUVWXYacdefhkmnprvwx#%&@*+=?<>{}[]~^"  # no / \\ ! |: a slanted or upright 1
HELD_OUT_SHAPES = ("star", "heart", "spiral", "house", "smiley")
HELD_OUT_LETTERS = "KYPem"
HELD_OUT_SCRIBBLES = ("hatch",)


def _letters() -> dict[str, list[Stroke]]:
    """Capital and small letters as a hand draws them with a mouse: one polyline per pen stroke."""
    return {
        "A": [line((0.1, 1), (0.5, 0), (0.9, 1)), line((0.27, 0.6), (0.73, 0.6))],
        "E": [line((0.8, 0), (0.2, 0), (0.2, 1), (0.8, 1)), line((0.2, 0.5), (0.7, 0.5))],
        "F": [line((0.8, 0), (0.2, 0), (0.2, 1)), line((0.2, 0.48), (0.65, 0.48))],
        "H": [line((0.2, 0), (0.2, 1)), line((0.8, 0), (0.8, 1)), line((0.2, 0.5), (0.8, 0.5))],
        "K": [line((0.2, 0), (0.2, 1)), line((0.8, 0), (0.2, 0.55)), line((0.38, 0.42), (0.85, 1))],
        "M": [line((0.1, 1), (0.15, 0), (0.5, 0.6), (0.85, 0), (0.9, 1))],
        "N": [line((0.2, 1), (0.2, 0), (0.8, 1), (0.8, 0))],
        "P": [
            np.concatenate(
                [line((0.25, 1), (0.25, 0)), arc(0.35, 0.25, 0.4, 0.25, -90, 90), line((0.35, 0.5), (0.25, 0.5))]
            )
        ],
        "R": [
            np.concatenate(
                [line((0.25, 1), (0.25, 0)), arc(0.35, 0.25, 0.4, 0.25, -90, 90), line((0.35, 0.5), (0.25, 0.5))]
            ),
            line((0.4, 0.5), (0.85, 1)),
        ],
        "U": [
            np.concatenate(
                [line((0.15, 0), (0.15, 0.6)), arc(0.5, 0.6, 0.35, 0.4, 180, 0)[1:], line((0.85, 0.6), (0.85, 0))]
            )
        ],
        "V": [line((0.1, 0), (0.5, 1), (0.9, 0))],
        "W": [line((0.0, 0), (0.25, 1), (0.5, 0.3), (0.75, 1), (1.0, 0))],
        "X": [line((0.15, 0), (0.85, 1)), line((0.85, 0), (0.15, 1))],
        "Y": [line((0.15, 0), (0.5, 0.5), (0.85, 0)), line((0.5, 0.5), (0.5, 1))],
        "C": [arc(0.55, 0.5, 0.45, 0.5, -50, -310)],
        "a": [arc(0.45, 0.65, 0.35, 0.35, -30, -390), line((0.8, 0.3), (0.8, 1.0))],
        "e": [np.concatenate([line((0.15, 0.55), (0.85, 0.55)), arc(0.5, 0.55, 0.35, 0.45, 0, -310)])],
        "h": [
            line((0.2, 0), (0.2, 1)),
            np.concatenate([arc(0.5, 0.65, 0.3, 0.3, 180, 360), line((0.8, 0.65), (0.8, 1))]),
        ],
        "m": [
            line((0.1, 0.35), (0.1, 1)),
            np.concatenate([arc(0.3, 0.55, 0.2, 0.2, 180, 360), line((0.5, 0.55), (0.5, 1))]),
            np.concatenate([arc(0.7, 0.55, 0.2, 0.2, 180, 360), line((0.9, 0.55), (0.9, 1))]),
        ],
        "n": [
            line((0.2, 0.3), (0.2, 1)),
            np.concatenate([arc(0.5, 0.6, 0.3, 0.3, 180, 360), line((0.8, 0.6), (0.8, 1))]),
        ],
        "r": [line((0.3, 0.3), (0.3, 1)), arc(0.6, 0.6, 0.3, 0.3, 190, 290)],
        "w": [line((0.0, 0.3), (0.25, 1), (0.5, 0.5), (0.75, 1), (1.0, 0.3))],
        "x": [line((0.2, 0.3), (0.8, 1)), line((0.8, 0.3), (0.2, 1))],
    }


LETTERS = _letters()


def _polygon(n: int, rng: np.random.Generator, star: bool = False) -> list[Stroke]:
    turn = rng.uniform(0, 2 * np.pi)
    k = 2 * n if star else n
    radius = np.where(np.arange(k) % 2 == 1, rng.uniform(0.35, 0.5), 1.0) if star else np.ones(k)
    t = turn + 2 * np.pi * np.arange(k + 1) / k
    r = np.append(radius, radius[0])
    return [np.column_stack([0.5 + 0.5 * r * np.cos(t), 0.5 + 0.5 * r * np.sin(t)])]


def _shape(kind: str, rng: np.random.Generator) -> list[Stroke]:
    """One geometric shape of a kind, in unit coordinates."""
    if kind == "triangle":
        return _polygon(3, rng)
    if kind == "square":
        w, h = 1.0, rng.uniform(0.3, 1.0)
        return [line((0, 0), (w, 0), (w, h), (0, h), (0, 0))]
    if kind == "polygon":
        return _polygon(int(rng.integers(5, 9)), rng)
    if kind == "diamond":
        return [line((0.5, 0), (1, 0.5), (0.5, 1), (0, 0.5), (0.5, 0))]
    if kind == "cross":
        return [line((0.5, 0), (0.5, 1)), line((0, 0.5), (1, 0.5))]
    if kind == "arrow":
        return [line((0, 0.5), (1, 0.5)), line((0.7, 0.2), (1, 0.5), (0.7, 0.8))]
    if kind == "zigzag":
        n = int(rng.integers(3, 7))
        return [np.column_stack([np.linspace(0, 1, n + 1), np.tile([0.0, 1.0], n + 1)[: n + 1] * 0.5])]
    if kind == "wave":
        t = np.linspace(0, 2 * np.pi * rng.uniform(1.5, 3), 60)
        return [np.column_stack([t / t[-1], 0.5 + 0.2 * np.sin(t)])]
    if kind == "hash":
        return [
            line((0.33, 0), (0.33, 1)),
            line((0.66, 0), (0.66, 1)),
            line((0, 0.33), (1, 0.33)),
            line((0, 0.66), (1, 0.66)),
        ]
    if kind == "check":
        return [line((0, 0.6), (0.35, 1), (1, 0))]
    if kind == "lines":  # a few parallel strokes, no single one a "1"
        n = int(rng.integers(2, 5))
        return [line((0, i / n), (1, i / n + rng.uniform(-0.1, 0.1))) for i in range(n)]
    if kind == "blob":  # a random polygon, dented and pointed at random places
        k = int(rng.integers(5, 10))
        t = np.sort(rng.uniform(0, 2 * np.pi, k))
        r = rng.uniform(0.35, 1.0, k)
        pts = np.column_stack([0.5 + 0.5 * r * np.cos(t), 0.5 + 0.5 * r * np.sin(t)])
        return [np.vstack([pts, pts[:1]])]
    if kind == "strokes":  # several unrelated marks: lines and arcs here and there
        marks = []
        for _ in range(int(rng.integers(3, 6))):
            if rng.random() < 0.5:
                marks.append(rng.uniform(0, 1, (2, 2)))
            else:
                c, r = rng.uniform(0.2, 0.8, 2), rng.uniform(0.1, 0.3)
                a = rng.uniform(0, 360)
                marks.append(arc(c[0], c[1], r, r, a, a + rng.uniform(90, 200), 12))
        return marks
    if kind == "doodle":  # an outline with marks inside: dots, dashes (a face, a window, a box of things)
        outline = (
            _shape(str(rng.choice(["blob", "square", "polygon"])), rng)
            if rng.random() < 0.6
            else [arc(0.5, 0.5, 0.5, rng.uniform(0.3, 0.5), 0, 360, 40)]
        )
        marks = []
        for _ in range(int(rng.integers(2, 5))):
            c = rng.uniform(0.3, 0.7, 2)
            marks.append(c[None, :] if rng.random() < 0.4 else np.vstack([c, c + rng.uniform(-0.15, 0.15, 2)]))
        return outline + marks
    if kind == "star":
        return _polygon(5, rng, star=True)
    if kind == "heart":
        t = np.linspace(0, 2 * np.pi, 60)
        x, y = 16 * np.sin(t) ** 3, -(13 * np.cos(t) - 5 * np.cos(2 * t) - 2 * np.cos(3 * t) - np.cos(4 * t))
        return [np.column_stack([(x + 17) / 34, (y + 17) / 34])]
    if kind == "spiral":
        t = np.linspace(0, 2 * np.pi * rng.uniform(2, 3.5), 120)
        r = t / t[-1] * 0.5
        return [np.column_stack([0.5 + r * np.cos(t), 0.5 + r * np.sin(t)])]
    if kind == "house":
        return [
            line((0, 1), (0, 0.45), (0.5, 0), (1, 0.45), (1, 1), (0, 1)),
            line((0.4, 1), (0.4, 0.7), (0.6, 0.7), (0.6, 1)),
        ]
    if kind == "smiley":
        return [
            arc(0.5, 0.5, 0.5, 0.5, 0, 360, 48),
            line((0.35, 0.35)),
            line((0.65, 0.35)),
            arc(0.5, 0.55, 0.25, 0.2, 20, 160),
        ]
    raise ValueError(f"unknown shape {kind!r}")


SHAPES = (
    "triangle", "square", "polygon", "diamond", "cross", "arrow", "zigzag", "wave", "hash", "check", "lines",
    "blob", "strokes", "doodle", *HELD_OUT_SHAPES,
)  # fmt: skip


def _scribble(style: str, rng: np.random.Generator) -> list[Stroke]:
    """A scribble: a tangled random walk, a row of loops, or back-and-forth hatching."""
    if style == "walk":
        n = int(rng.integers(8, 20))
        control = np.cumsum(rng.normal(0, 0.25, (n, 2)), axis=0)
        t = np.linspace(0, n - 1, 20 * n)
        return [np.column_stack([np.interp(t, np.arange(n), control[:, 0]), np.interp(t, np.arange(n), control[:, 1])])]
    if style == "loops":
        loops = rng.uniform(3, 7)
        t = np.linspace(0, 2 * np.pi * loops, 50 * int(loops + 1))
        return [np.column_stack([t / t[-1] * loops * 0.5 + 0.3 * np.cos(t), 0.5 + 0.4 * np.sin(t)])]
    if style == "hatch":
        n = int(rng.integers(4, 10))
        xs = np.linspace(0, 1, n)
        ys = np.where(np.arange(n) % 2 == 0, 0.0, 1.0) + rng.uniform(-0.1, 0.1, n)
        return [np.column_stack([xs + rng.uniform(-0.05, 0.05, n), ys])]
    raise ValueError(f"unknown scribble style {style!r}")


SCRIBBLES = ("walk", "loops", *HELD_OUT_SCRIBBLES)
FAMILIES = ("typed", "hand letters", "shapes", "scribbles")


def _split_of(split: str) -> tuple[tuple, dict[str, list[Stroke]], tuple[str, ...], tuple[str, ...]]:
    """Fonts, hand-drawn letters, shape kinds and scribble styles of a split."""
    if split not in ("train", "heldout"):
        raise ValueError(f"split must be 'train' or 'heldout', not {split!r}")
    held = split == "heldout"
    letters = {k: v for k, v in LETTERS.items() if (k in HELD_OUT_LETTERS) == held}
    shapes = tuple(s for s in SHAPES if (s in HELD_OUT_SHAPES) == held)
    scribbles = tuple(s for s in SCRIBBLES if (s in HELD_OUT_SCRIBBLES) == held)
    return fonts_for(split), letters, shapes, scribbles


def non_digit_canvases(
    n: int, rng: np.random.Generator, split: str = "train", families: tuple[str, ...] = FAMILIES
) -> tuple[list[np.ndarray], list[str]]:
    """``n`` canvases of non-digits and what each shows ("typed A", "shape star"…), families in turn."""
    fonts, letters, shapes, scribbles = _split_of(split)
    makers: dict[str, Callable[[], tuple[np.ndarray, str]]] = {}
    if fonts:

        def typed() -> tuple[np.ndarray, str]:
            font = fonts[int(rng.integers(len(fonts)))]
            for _ in range(20):  # a font may lack a symbol: pick another
                char = TYPED[int(rng.integers(len(TYPED)))]
                if has_glyph(char, font):
                    break
            return render_glyph(char, font, rng), f"typed {char}"

        makers["typed"] = typed
    names = sorted(letters)
    makers["hand letters"] = lambda: (lambda k: (render_strokes(letters[k], rng), f"hand {k}"))(
        names[int(rng.integers(len(names)))]
    )
    makers["shapes"] = lambda: (lambda k: (render_strokes(_shape(k, rng), rng), f"shape {k}"))(
        shapes[int(rng.integers(len(shapes)))]
    )
    makers["scribbles"] = lambda: (lambda k: (render_strokes(_scribble(k, rng), rng), f"scribble {k}"))(
        scribbles[int(rng.integers(len(scribbles)))]
    )
    chosen = [makers[f] for f in families if f in makers]
    if not chosen:
        raise ValueError(f"no family to draw from among {families}")
    pairs = [chosen[i % len(chosen)]() for i in range(n)]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def non_digit_batch(
    n: int, rng: np.random.Generator, split: str = "train", families: tuple[str, ...] = FAMILIES
) -> tuple[np.ndarray, np.ndarray]:
    """``n`` preprocessed non-digits (N, 28, 28, 1) float32 and their labels (all :data:`NOT_A_DIGIT`).

    Drawings the preprocessing reads as "no digit" (too small, a dot) are drawn
    again, so exactly ``n`` come back. Fine-tuning can mix them into MNIST batches.
    """
    parts, total = [], 0
    while total < n:
        canvases, _ = non_digit_canvases(n - total, rng, split, families)
        x, found = to_inputs(canvases)
        parts.append(x[found])
        total += int(found.sum())
    x = np.concatenate(parts)[:n]
    return x, np.full(len(x), NOT_A_DIGIT, np.int32)
