"""Kept drawings and *Teach it my handwriting*, without Qt: the store, the teaching and its guards."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import numpy as np
import pytest

from models.corrections import clear_corrections, count_corrections, load_corrections, save_correction
from training.handwriting import (
    REJECTION_SLACK,
    NotEnoughDrawings,
    TeachConfig,
    split_held_out,
    teach_handwriting,
)
from training.progress import Cancelled, CancelToken

DIGITS = [str(d) for d in range(10)]
# Seconds, not a minute: a few MNIST digits, a part of the test set, few steps.
QUICK = TeachConfig(steps=60, mnist_images=1000, test_images=500)


def cross(rng: np.random.Generator, side: int = 280) -> np.ndarray:
    """A hand-drawn-looking "X" as a canvas gives it (dark ink on light paper), a little different each time.

    The shipped model reads it as an 8 or a 2, never a 5: the "handwriting" the tests teach is an X meaning 5.
    """
    import cv2

    img = np.full((side, side), 255, np.uint8)

    def jitter(x: float, y: float) -> tuple[int, int]:
        return int(x * side / 280 + rng.uniform(-15, 15)), int(y * side / 280 + rng.uniform(-15, 15))

    cv2.line(img, jitter(70, 60), jitter(210, 220), 0, 18)
    cv2.line(img, jitter(210, 60), jitter(70, 220), 0, 18)
    return img


def keep_crosses(root: Path, n: int, seed: int = 0, label: str = "5") -> None:
    rng = np.random.default_rng(seed)
    for _ in range(n):
        save_correction(root, cross(rng), label)


def test_a_drawing_is_kept_as_a_png_in_its_class_folder_and_read_back(tmp_path):
    from models.image_io import read_image

    image = cross(np.random.default_rng(1))
    path = save_correction(tmp_path, image, "7")
    assert path.parent == tmp_path / "7" and path.suffix == ".png"
    assert np.array_equal(read_image(path), image)  # the canvas picture itself, losslessly
    save_correction(tmp_path, image, "7")
    save_correction(tmp_path, image, "3")
    assert count_corrections(tmp_path) == {"3": 1, "7": 2}
    kept = load_corrections(tmp_path, DIGITS)
    assert sorted(kept.y.tolist()) == [3, 7, 7] and kept.x.shape == (3, 28, 28, 1)


def test_a_full_disk_keeps_no_half_written_drawing(tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    save_correction(tmp_path, cross(np.random.default_rng(1)), "7")
    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OSError, match="could not keep the drawing in .*7.*No space left"):
        save_correction(tmp_path, cross(np.random.default_rng(2)), "7")
    assert [p.name.startswith(".") for p in (tmp_path / "7").iterdir()] == [False]  # the first one, no temp file
    assert count_corrections(tmp_path) == {"7": 1}


def test_labels_follow_the_models_classes_and_bad_files_are_named_not_fatal(tmp_path):
    keep_crosses(tmp_path, 2, label="7")
    keep_crosses(tmp_path, 1, label="not a digit")
    (tmp_path / "7" / "broken.png").write_bytes(b"not a png")
    (tmp_path / "zebra").mkdir()
    save_correction(tmp_path, cross(np.random.default_rng(3)), "zebra")
    blank = np.full((100, 100), 255, np.uint8)
    save_correction(tmp_path, blank, "3")

    eleven = [*DIGITS, "not a digit"]  # a model with an 11th output: its index, not a digit's
    kept = load_corrections(tmp_path, eleven)
    assert sorted(kept.y.tolist()) == [7, 7, 10]
    assert kept.unknown_classes == ["zebra"]
    reasons = {p.name: why for p, why in kept.skipped}
    assert "broken.png" in reasons and any("no digit" in why for why in reasons.values())
    assert (tmp_path / "7" / "broken.png").exists()  # reading never deletes
    reordered = load_corrections(tmp_path, list(reversed(DIGITS)))
    assert sorted(reordered.y.tolist()) == [2, 2]


def test_clearing_removes_the_drawings_and_leaves_other_files(tmp_path):
    keep_crosses(tmp_path, 3, label="1")
    keep_crosses(tmp_path, 2, label="2")
    (tmp_path / "2" / "notes.txt").write_text("mine")
    assert clear_corrections(tmp_path) == 5
    assert count_corrections(tmp_path) == {}
    assert not (tmp_path / "1").exists() and (tmp_path / "2" / "notes.txt").read_text() == "mine"


def test_held_out_drawings_only_from_ten_on_and_never_leaving_fewer_than_five_to_teach():
    taught, held = split_held_out(9, 0.25, 1)
    assert len(held) == 0 and len(taught) == 9
    taught, held = split_held_out(12, 0.25, 1)
    assert len(held) == 3 and len(taught) == 9 and not set(taught) & set(held)
    assert len(split_held_out(10, 0.9, 1)[0]) == 5


def test_too_few_drawings_say_how_many_more(tmp_path):
    keep_crosses(tmp_path, 3)
    with pytest.raises(NotEnoughDrawings, match="at least 5 .* 3 kept .* correct 2 more"):
        teach_handwriting(None, tmp_path / "out.keras", tmp_path, QUICK)
    assert not (tmp_path / "out.keras").exists()


def test_the_shipped_model_is_never_overwritten(tmp_path):
    from models.digit_model import default_model_path

    keep_crosses(tmp_path, 5)
    with pytest.raises(ValueError, match="ships with"):
        teach_handwriting(None, default_model_path(), tmp_path, QUICK)


def test_teaching_learns_the_users_style_and_checks_it_on_drawings_it_did_not_see(tmp_path):
    from models.digit_model import DigitPredictor, default_model_path

    keep_crosses(tmp_path, 14)
    out = tmp_path / "models" / "taught.keras"
    result = teach_handwriting(None, out, tmp_path, QUICK)
    assert (result.drawings, result.held_out, result.taught) == (14, 4, 10)
    assert result.before_right == 0 and result.held_before_right == 0  # an X is no 5 to the shipped model
    assert result.held_after_right == 4 and result.after_right == 14
    assert result.test_after >= 0.98 and not result.forgot and result.offered
    # The shipped model's "not a digit" saw non-digits all along: unseen kinds are still rejected.
    assert result.rejected_before > 0.5 and result.rejected_after >= result.rejected_before - REJECTION_SLACK
    taught = DigitPredictor.load(out)
    assert taught.predict_image(cross(np.random.default_rng(99))).digit == 5
    # Only the last convolution and the head learned; the first layers are the shipped model's own.
    shipped = DigitPredictor.load(default_model_path()).model
    same = [np.array_equal(a, b) for a, b in zip(shipped.get_weights(), taught.model.get_weights())]
    assert same[:6] == [True] * 6 and not all(same[6:])
    assert all(layer.trainable for layer in taught.model.layers)  # saved whole, to be trained further
    meta = taught.metadata
    assert meta["handwriting"]["held_after_right"] == 4 and "test_accuracy" not in meta  # only 500 test digits


def test_a_model_that_forgets_mnist_is_not_offered(tmp_path):
    keep_crosses(tmp_path, 6)
    reckless = TeachConfig(steps=30, mnist_images=300, test_images=300, learning_rate=0.05, own_per_batch=48)
    result = teach_handwriting(None, tmp_path / "reckless.keras", tmp_path, reckless)
    assert result.test_after < 0.995 and result.forgot and not result.offered


def test_cancel_stops_teaching_and_saves_nothing(tmp_path):
    keep_crosses(tmp_path, 5)
    token = CancelToken()
    seen = []

    def progress(p):
        seen.append(p.kind)
        if p.kind == "batch" and p.batch == 3:
            token.cancel()

    with pytest.raises(Cancelled):
        teach_handwriting(None, tmp_path / "out.keras", tmp_path, QUICK, progress, token)
    assert seen.count("batch") == 3 and not (tmp_path / "out.keras").exists()


def test_cli_teach_says_before_and_after_and_saves_a_new_model(tmp_path, capsys):
    from training.cli import main

    keep_crosses(tmp_path / "mine", 12)
    out = tmp_path / "taught.keras"
    quick = ["--steps", "60", "--mnist-images", "1000", "--test-images", "500"]
    assert main(["digits", "teach", "--corrections", str(tmp_path / "mine"), "--out", str(out), *quick]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"saved {out}") and out.exists()
    assert lines[1].startswith("your 12 drawings: before 0 right, after 12")
    assert lines[2] == "3 drawings kept out of teaching: before 0 right, after 3"
    assert lines[3].startswith("MNIST test accuracy (500 digits): before ")


def test_cli_teach_with_too_few_drawings_is_one_clear_line(tmp_path, capsys):
    from training.cli import main

    keep_crosses(tmp_path, 4)
    assert main(["digits", "teach", "--corrections", str(tmp_path), "--out", str(tmp_path / "t.keras")]) == 1
    err = capsys.readouterr().err
    assert (
        err.strip().splitlines()[-1]
        == "error: Teaching needs at least 5 drawings of yours; 4 kept so far: correct 1 more first."
    )


def test_a_missing_corrections_folder_given_by_name_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match=f"no folder of drawings at {tmp_path / 'nowhere'}"):
        teach_handwriting(None, tmp_path / "out.keras", tmp_path / "nowhere", QUICK)


def test_a_model_with_an_eleventh_class_keeps_its_outputs_and_learns_it(tmp_path):
    """Generic over the outputs: a "not a digit" 11th class (another engineer's plan) is taught by its index."""
    import keras

    from models.digit_model import build_digit_mlp
    from models.model_file import load_model, save_model

    eleven = [*DIGITS, "not a digit"]
    inputs = keras.Input((28, 28, 1))
    base = build_digit_mlp((32,), "relu")
    hidden = base.get_layer("hidden_1")(base.get_layer("pixels")(inputs))
    model = keras.Model(inputs, keras.layers.Dense(11, activation="softmax")(hidden))
    start = save_model(model, tmp_path / "eleven.keras", {"kind": "digits", "classes": eleven})
    keep_crosses(tmp_path / "mine", 6, label="not a digit")

    config = TeachConfig(steps=60, mnist_images=1000, test_images=300, learning_rate=3e-3)
    result = teach_handwriting(start, tmp_path / "taught.keras", tmp_path / "mine", config)
    taught = load_model(tmp_path / "taught.keras")
    assert taught.output_shape[-1] == 11
    assert result.after_right == 6  # every X read as index 10, "not a digit"
