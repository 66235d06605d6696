"""The shipped model's ONNX twin: current, in agreement with Keras, and never used when it is not."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("onnxruntime")

from models.digit_model import default_model_path  # noqa: E402
from models.digit_onnx import OnnxDigitPredictor, current_twin, load_for_reading, twin_path  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def test_the_shipped_twin_was_made_from_the_shipped_model():
    assert current_twin() is not None, "assets/digit_cnn.onnx is stale or missing: run 'python -m assets.onnx_twin'"
    assert isinstance(load_for_reading(), OnnxDigitPredictor)


def test_the_twin_gives_the_keras_models_answers_on_mnist_test(predictor, mnist_test):
    from training.digit_training import preprocess_batch

    twin = load_for_reading()
    x, found = preprocess_batch(mnist_test.images)
    x = x[found]
    keras_probs = np.concatenate([predictor.probabilities(x[i : i + 1000]) for i in range(0, len(x), 1000)])
    twin_probs = np.concatenate([twin.probabilities(x[i : i + 1000]) for i in range(0, len(x), 1000)])
    assert np.mean(keras_probs.argmax(1) == twin_probs.argmax(1)) >= 0.999
    assert np.abs(keras_probs - twin_probs).max() < 1e-4
    # The same preprocessing: one picture read through either gives the same reading.
    picture = 255 - np.kron(mnist_test.images[0], np.ones((10, 10), np.uint8))
    a, b = predictor.predict_image(picture), twin.predict_image(picture)
    assert a.digit == b.digit and abs(a.confidence - b.confidence) < 1e-4
    # …and the same "not a digit" for a letter.
    from training.non_digits import non_digit_batch

    assert twin.rejects == predictor.rejects
    letters, _ = non_digit_batch(200, np.random.default_rng(0), "heldout")
    np.testing.assert_allclose(twin.probabilities(letters), predictor.probabilities(letters), atol=1e-4)


def test_a_twin_of_another_file_a_damaged_twin_or_no_runtime_is_not_used(tmp_path, monkeypatch):
    other = tmp_path / "other.keras"
    other.write_bytes(default_model_path().read_bytes() + b"\0")  # another file: another SHA-256
    assert current_twin(other) is None
    damaged = tmp_path / "digit_cnn.onnx"
    damaged.write_bytes(b"<html>not a model</html>")
    assert current_twin(default_model_path(), damaged) is None
    shutil.copyfile(twin_path(), tmp_path / "copy.onnx")
    assert current_twin(default_model_path(), tmp_path / "copy.onnx") is not None
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "onnxruntime" else real(name, *a))
    assert current_twin() is None


def test_a_stale_twin_falls_back_to_keras(monkeypatch):
    import models.digit_onnx as digit_onnx
    from models.digit_model import DigitPredictor

    monkeypatch.setattr(digit_onnx, "current_twin", lambda *a: None)
    predictor = load_for_reading()
    assert type(predictor) is DigitPredictor and predictor.model is not None


def test_digits_predict_reads_without_tensorflow(tmp_path, mnist_test):
    from PIL import Image

    for i in range(3):
        Image.fromarray(255 - np.kron(mnist_test.images[i], np.ones((10, 10), np.uint8))).save(tmp_path / f"{i}.png")
    code = (
        "import sys; from training.cli import main; code = main(['digits', 'predict', sys.argv[1]]); "
        "assert 'tensorflow' not in sys.modules, 'TensorFlow was imported'; sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    digits = [line.split("\t")[1] for line in done.stdout.splitlines()]
    assert digits == [str(d) for d in mnist_test.labels[:3]]
