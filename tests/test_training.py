"""The digit training function: progress, cancel, atomic output (tiny runs on real MNIST)."""

from __future__ import annotations

import threading

import pytest

from models.model_file import load_metadata, load_model
from training.digit_training import DigitTrainConfig, evaluate_model, train_digits
from training.optimizers import make_optimizer
from training.progress import Cancelled, CancelToken

TINY = dict(epochs=2, limit=1200, batch_size=64, validation_split=0.1)


def test_tiny_run_reports_progress_and_saves(tmp_path):
    reports = []
    out = tmp_path / "digits.keras"
    result = train_digits(DigitTrainConfig(**TINY), out=out, on_progress=reports.append, evaluate_test=False)
    kinds = [r.kind for r in reports]
    assert kinds[0] == "message" and "batch" in kinds
    epochs = [r for r in reports if r.kind == "epoch"]
    assert [r.epoch for r in epochs] == [1, 2]
    assert [r.val_examples for r in epochs] == [120, 120]  # what the validation metrics stand on
    assert {"loss", "accuracy", "val_loss", "val_accuracy"} <= set(epochs[-1].logs)
    assert epochs[-1].fraction == 1.0
    assert result.saved_to == out and len(result.history["loss"]) == 2
    meta = load_metadata(out)
    assert meta["config"]["epochs"] == 2 and meta["val_images"] == 120
    assert result.model.loss.label_smoothing == meta["config"]["label_smoothing"] == 0.1
    # The saved model reads real digits better than chance after a tiny run.
    assert evaluate_model(load_model(out), limit=500) > 0.5


def test_cancel_stops_soon_and_keeps_the_old_model(tmp_path):
    out = tmp_path / "digits.keras"
    out.write_bytes(b"the model in use")
    cancel = CancelToken()
    batches = []

    def on_progress(p):
        if p.kind == "batch":
            batches.append(p)
            cancel.cancel()

    with pytest.raises(Cancelled):
        train_digits(DigitTrainConfig(**TINY), out=out, on_progress=on_progress, cancel=cancel)
    assert len(batches) == 1  # stopped at the next batch, not at the end of the run
    assert out.read_bytes() == b"the model in use"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["digits.keras"]


def test_cancel_from_another_thread_before_start(tmp_path):
    cancel = CancelToken()
    threading.Thread(target=cancel.cancel).start()
    with pytest.raises(Cancelled):
        train_digits(DigitTrainConfig(**TINY), out=tmp_path / "m.keras", cancel=cancel)
    assert not (tmp_path / "m.keras").exists()


@pytest.mark.parametrize("name", ["adam", "sgd", "momentum", "adagrad"])
def test_lecture_optimizers(name):
    assert make_optimizer(name, 0.01) is not None


def test_bad_settings_are_clear_errors():
    with pytest.raises(ValueError, match="optimizer"):
        train_digits(DigitTrainConfig(optimizer="rmsprop"))
    with pytest.raises(ValueError, match="epochs"):
        train_digits(DigitTrainConfig(epochs=0))
    with pytest.raises(ValueError, match="validation"):
        train_digits(DigitTrainConfig(validation_split=0.9))
    with pytest.raises(ValueError, match="label smoothing"):
        train_digits(DigitTrainConfig(label_smoothing=1.0))


def test_the_same_seed_gives_the_same_run():
    import numpy as np

    runs = [train_digits(DigitTrainConfig(**TINY, seed=seed), evaluate_test=False) for seed in (7, 7, 8)]
    same, again, other = ([np.asarray(w) for w in r.model.get_weights()] for r in runs)
    assert runs[0].history["loss"] == runs[1].history["loss"]
    assert all(np.array_equal(a, b) for a, b in zip(same, again))
    assert not all(np.array_equal(a, b) for a, b in zip(same, other))


def test_a_digit_run_gives_no_keras_shuffle_warning():
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        train_digits(DigitTrainConfig(**TINY), evaluate_test=False)
    assert not [w for w in caught if "shuffle" in str(w.message)]  # the dataset shuffles itself


def test_canvas_like_digits_join_training_never_validation(tmp_path, monkeypatch):
    import training.digit_training as digit_training

    splits = []
    real = digit_training.canvas_digit_batch

    def recording(n, rng, split, families):
        splits.append((split, families))
        return real(n, rng, split, families)

    monkeypatch.setattr(digit_training, "canvas_digit_batch", recording)
    out = tmp_path / "digits.keras"
    drawn = train_digits(DigitTrainConfig(**{**TINY, "epochs": 1}), out=out, evaluate_test=False)
    meta = load_metadata(out)
    # 1,080 MNIST images and up to 15% as many drawings (one a blank reading is left out).
    assert 1080 + 150 <= meta["train_images"] <= 1080 + 162 and meta["val_images"] == 120
    assert splits and {s for s, _ in splits} == {"train"}  # the benchmark's held-out fonts are never drawn
    plain = train_digits(DigitTrainConfig(**{**TINY, "epochs": 1, "canvas_share": 0}), evaluate_test=False)
    assert plain.model is not None and len(splits) == 1  # share 0: none drawn
    assert (drawn.x_val == plain.x_val).all()  # validation: the same MNIST images, never a drawing
    with pytest.raises(ValueError, match="canvas"):
        train_digits(DigitTrainConfig(canvas_share=2.0))


def test_drawing_canvas_digits_stops_when_cancelled():
    from training.digit_training import canvas_digits

    x, y = canvas_digits(30, seed=3, cancel=CancelToken())
    assert (
        25 <= len(x) <= 30
        and x.shape[1:] == (28, 28, 1)
        and len(y) == len(x)
        and set(y) <= set(range(10))
        and len(set(y)) > 3
    )
    cancel = CancelToken()
    cancel.cancel()
    with pytest.raises(Cancelled):
        canvas_digits(30, seed=3, cancel=cancel)


def test_a_run_can_learn_not_a_digit_and_refuses_few_held_out_digits(tmp_path, monkeypatch):
    import numpy as np

    import training.digit_training as digit_training
    from models.digit_model import NOT_A_DIGIT, DigitPredictor
    from training.reject_offset import SCALES

    calls = []
    real = digit_training.calibrate

    def spy(model, x_val, y_val=None, x_non=None):
        calls.append((len(x_val), None if y_val is None else len(y_val), None if x_non is None else len(x_non)))
        return real(model, x_val, y_val, x_non)

    monkeypatch.setattr(digit_training, "calibrate", spy)
    out = tmp_path / "digits.keras"
    config = DigitTrainConfig(**{**TINY, "non_digit_share": 0.3})
    result = train_digits(config, out=out, evaluate_test=False)
    meta = load_metadata(out)
    assert meta["classes"][-1] == "not a digit" and len(meta["classes"]) == 11
    assert meta["train_images"] >= 1080 + 150 + 324 and meta["not_a_digit"]["non_digits"] == 324
    # Set on the 120 held-out digits with their labels and as many fresh non-digits: none of them refused.
    assert calls == [(120, 120, 120)]
    predictor = DigitPredictor(load_model(out))
    answers = predictor.probabilities(result.x_val).argmax(axis=1)
    assert not np.any(answers == NOT_A_DIGIT)
    assert meta["not_a_digit"]["scale"] in SCALES
    with pytest.raises(ValueError, match="only the CNN"):
        train_digits(DigitTrainConfig(network="mlp", non_digit_share=0.3))
