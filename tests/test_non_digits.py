"""The synthetic non-digits and canvas-like digits: what they draw, and that held-out families stay out."""

from __future__ import annotations

import numpy as np
import pytest

from training import canvas_drawing, non_digits
from training.canvas_digits import canvas_digit_batch
from training.canvas_drawing import fonts_for, render_strokes, to_inputs
from training.non_digits import (
    HELD_OUT_LETTERS,
    HELD_OUT_SHAPES,
    LETTERS,
    NOT_A_DIGIT,
    TYPED,
    non_digit_batch,
    non_digit_canvases,
)

# Letters and marks people also write as digits (O/0, I/l/1, S/5, Z/2, B/8, b/G/6, g/q/9): never "not a digit".
LOOK_LIKE_DIGITS = "OoIilSsZzBbGgq|/\\!"


def test_batch_is_n_preprocessed_pictures_labelled_not_a_digit():
    x, y = non_digit_batch(40, np.random.default_rng(0))
    assert x.shape == (40, 28, 28, 1) and x.dtype == np.float32
    assert (y == NOT_A_DIGIT).all() and NOT_A_DIGIT == 10
    assert 0 <= x.min() and x.max() <= 1
    assert all(img.sum() > 5 for img in x)  # every one holds a drawing, as the network would see it


def test_same_seed_same_drawings_other_seed_other_ones():
    a, _ = non_digit_batch(12, np.random.default_rng(3))
    b, _ = non_digit_batch(12, np.random.default_rng(3))
    c, _ = non_digit_batch(12, np.random.default_rng(4))
    assert np.array_equal(a, b) and not np.array_equal(a, c)


def test_every_family_is_drawn_in_turn():
    _, kinds = non_digit_canvases(40, np.random.default_rng(1))
    assert {k.split(" ")[0] for k in kinds} == {"typed", "hand", "shape", "scribble"}


def test_held_out_families_never_appear_in_training():
    _, train = non_digit_canvases(400, np.random.default_rng(2), "train")
    _, held = non_digit_canvases(400, np.random.default_rng(2), "heldout")
    train_kinds, held_kinds = set(train), set(held)
    assert not any(f"shape {s}" in train_kinds for s in HELD_OUT_SHAPES)
    assert not any(f"hand {k}" in train_kinds for k in HELD_OUT_LETTERS)
    assert "scribble hatch" not in train_kinds and "scribble hatch" in held_kinds
    assert {f"shape {s}" for s in HELD_OUT_SHAPES} <= held_kinds
    assert not set(fonts_for("train")) & set(fonts_for("heldout"))


def test_nothing_that_reads_as_a_digit_is_taught_as_not_a_digit():
    assert not set(LOOK_LIKE_DIGITS) & set(TYPED)
    assert not set(LOOK_LIKE_DIGITS) & set(LETTERS)
    assert "circle" not in non_digits.SHAPES  # a circle is a 0


def test_without_system_fonts_pillows_own_font_still_draws_letters(monkeypatch):
    monkeypatch.setattr(canvas_drawing, "font_files", lambda: ())
    assert fonts_for("train") == (None,) and fonts_for("heldout") == ()
    x, _ = non_digit_batch(8, np.random.default_rng(0), families=("typed",))
    assert len(x) == 8 and all(img.sum() > 5 for img in x)


def test_unknown_split_is_refused():
    with pytest.raises(ValueError, match="split"):
        non_digit_batch(2, np.random.default_rng(0), split="test")


def test_strokes_are_drawn_like_the_canvas_any_size_and_place():
    rng = np.random.default_rng(5)
    canvases = [render_strokes(LETTERS["A"], rng) for _ in range(30)]
    ink = [np.argwhere(c < 128) for c in canvases]
    assert all(c.dtype == np.uint8 and c.shape == (canvas_drawing.CANVAS,) * 2 for c in canvases)
    assert all(c.max() == canvas_drawing.PAPER for c in canvases)  # dark ink on the tab's paper
    heights = [np.ptp(i[:, 0]) for i in ink]
    centres = [i.mean(axis=0) for i in ink]
    assert max(heights) > 2 * min(heights)  # sizes vary…
    assert np.ptp([c[0] for c in centres]) > 60 and np.ptp([c[1] for c in centres]) > 60  # …and places too
    x, found = to_inputs(canvases)
    assert found.all()


def test_canvas_digits_have_their_labels_and_families():
    x, y, families = canvas_digit_batch(30, np.random.default_rng(0), "train", ("typed", "hand"))
    assert len(x) == len(y) == len(families) >= 28
    assert set(families) == {"typed", "hand"} and set(y) <= set(range(10))
