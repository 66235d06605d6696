"""Progress from Keras: per-batch metrics (not Keras' running means), and cancel in every phase."""

from __future__ import annotations

import numpy as np
import pytest

from training.progress import Cancelled, CancelToken


def test_batch_means_undo_keras_running_average():
    from training.keras_progress import batch_means

    losses = [1.0, 2.0, 3.0, 4.0]
    running = np.cumsum(losses) / np.arange(1, 5)  # what Keras logs after each batch
    got = batch_means({"loss": running[3]}, {"loss": running[1]}, 4, 2)
    assert got["loss"] == pytest.approx(3.5)  # the mean of batches 3 and 4 alone
    assert batch_means({"loss": running[0]}, {}, 1, 0)["loss"] == pytest.approx(1.0)


def _reporter(monkeypatch, cancel: CancelToken):
    import keras

    from training import keras_progress

    monkeypatch.setattr(keras_progress, "BATCH_REPORT_EVERY_S", 0.0)
    reports: list = []
    reporter = keras_progress.ProgressReporter(reports.append, cancel, epochs=2, steps=4, batch_size=8)
    reporter.set_model(keras.Sequential())
    reporter.on_train_begin()
    return reporter, reports


def test_reported_batch_loss_does_not_drop_at_an_epoch_boundary(monkeypatch):
    reporter, reports = _reporter(monkeypatch, CancelToken())
    # The true per-batch loss falls slowly and steadily across both epochs.
    batch_loss = np.linspace(1.0, 0.8, 8)
    for epoch in range(2):
        reporter.on_epoch_begin(epoch)
        seen = batch_loss[4 * epoch : 4 * epoch + 4]
        for b in range(4):
            reporter.on_train_batch_end(b, {"loss": float(np.mean(seen[: b + 1]))})
        reporter.on_epoch_end(epoch, {"loss": float(np.mean(seen)), "val_loss": 0.9})
    plotted = [p.logs["loss"] for p in reports if p.kind == "batch"]
    assert plotted == pytest.approx(list(batch_loss))


def test_a_cancelled_run_reports_no_epoch_it_did_not_finish(monkeypatch):
    cancel = CancelToken()
    reporter, reports = _reporter(monkeypatch, cancel)
    reporter.on_epoch_begin(0)
    reporter.on_train_batch_end(0, {"loss": 1.0})
    cancel.cancel()
    with pytest.raises(Cancelled):
        reporter.on_train_batch_end(1, {"loss": 1.0})
    with pytest.raises(Cancelled):  # Keras ends the epoch even when a callback stops it
        reporter.on_epoch_end(0, {"loss": 1.0, "val_loss": 1.0})
    assert [p.kind for p in reports] == ["batch"] and reports[0].fraction < 0.5


def test_cancel_while_preprocessing_mnist_stops_at_the_next_chunk(monkeypatch):
    from training import digit_training

    cancel = CancelToken()
    calls = []

    def slow_preprocess(images):
        calls.append(len(images))
        cancel.cancel()  # the person presses Cancel while the first chunk is being preprocessed
        return np.zeros((len(images), 28, 28, 1), np.float32), np.ones(len(images), bool)

    monkeypatch.setattr(digit_training, "preprocess_batch", slow_preprocess)
    with pytest.raises(Cancelled):
        digit_training.train_digits(digit_training.DigitTrainConfig(epochs=1), cancel=cancel)
    assert calls == [digit_training.PREPROCESS_CHUNK]  # not all 60,000 images
