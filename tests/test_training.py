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
