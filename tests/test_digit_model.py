"""The shipped digit model: accuracy on the vendored test set, and predictions on pictures."""

from __future__ import annotations

import numpy as np
from conftest import paste_digit

from models.digit_model import NO_DIGIT, DigitPredictor, build_digit_cnn, default_model_path
from models.model_file import load_metadata
from training.digit_training import evaluate_model

# Issue 2 asks for 0.996 on the MNIST test set; the shipped model scores 0.9962. This guards
# against a worse model or a preprocessing change slipping in.
SHIPPED_ACCURACY_FLOOR = 0.996


def test_shipped_model_accuracy_on_mnist_test(predictor):
    assert evaluate_model(predictor) >= SHIPPED_ACCURACY_FLOOR


def test_shipped_model_metadata():
    meta = load_metadata(default_model_path())
    assert meta["classes"] == [*(str(d) for d in range(10)), "not a digit"]
    assert meta["input_size"] == [28, 28, 1]
    assert meta["test_accuracy"] >= SHIPPED_ACCURACY_FLOOR
    assert abs(meta["test_accuracy"] - evaluate_model(DigitPredictor.load())) < 1e-9  # metadata tells the truth


def test_big_off_centre_drawings_are_read(predictor, mnist_test):
    # Digits upscaled into a corner of a large white canvas, as a user might draw them.
    rng = np.random.default_rng(3)
    hits = 0
    for i in range(100):
        size = int(rng.integers(60, 380))
        top, left = (int(v) for v in rng.integers(0, 400 - size, 2))
        picture = paste_digit(mnist_test.images[i], 400, size, top, left)
        hits += predictor.predict_image(picture).digit == mnist_test.labels[i]
    assert hits >= 97


def test_blank_picture_is_no_digit(predictor):
    assert predictor.predict_image(np.full((300, 300, 3), 255, np.uint8)) is NO_DIGIT
    assert NO_DIGIT.digit is None and not NO_DIGIT.sure


def test_probabilities_are_a_distribution(predictor, mnist_test):
    prediction = predictor.predict_image(mnist_test.images[1])
    assert prediction.probabilities.shape == (10,)  # the digits'; the rest is "not a digit"
    assert abs(float(prediction.probabilities.sum()) + prediction.not_digit_probability - 1.0) < 1e-4
    assert prediction.confidence == prediction.probabilities.max()
    assert prediction.image.shape == (28, 28)


def test_architecture_is_small():
    model = build_digit_cnn()
    assert model.output_shape == (None, 10)
    assert model.count_params() < 400_000
    assert default_model_path().stat().st_size < 5_000_000
