"""'Not a digit': the 11th answer of the digit model, in the predictor, the metadata and the CLI."""

from __future__ import annotations

import json

import cv2
import numpy as np
import pytest
from conftest import paste_digit

from models.digit_model import NOT_A_DIGIT, DigitPredictor, build_digit_cnn
from models.metadata import DIGIT_CLASSES, NOT_A_DIGIT_CLASS, MetadataError, validate_metadata
from models.model_file import save_model
from training.canvas_drawing import render_strokes
from training.cli import main
from training.non_digits import LETTERS, non_digit_canvases
from training.rejection import feature_model, features_of, head_of, learn_not_digit, set_offset, widened


def letter_canvases(letter: str, n: int, seed: int = 0) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [render_strokes(LETTERS[letter], rng) for _ in range(n)]


def test_the_shipped_model_can_say_not_a_digit(predictor):
    assert predictor.rejects and predictor.model.output_shape[-1] == 11
    assert predictor.metadata["classes"] == [*DIGIT_CLASSES, NOT_A_DIGIT_CLASS]


def test_a_drawn_letter_a_is_not_a_digit(predictor):
    answers = [predictor.predict_image(canvas) for canvas in letter_canvases("A", 20)]
    rejected = [a for a in answers if a.not_digit]
    assert len(rejected) >= 18, [(a.digit, round(a.confidence, 2)) for a in answers]
    assert not any(a.sure for a in answers)  # never "It's a 4"
    assert np.median([a.confidence for a in rejected]) > 0.5  # the answer's score is scaled, not only lowered
    a = rejected[0]
    assert a.digit is None and not a.sure and a.image is not None
    assert a.confidence == pytest.approx(a.not_digit_probability)
    assert a.probabilities.shape == (10,) and a.probabilities.sum() == pytest.approx(1 - a.confidence, abs=1e-5)


def test_most_non_digits_are_not_named_as_digits(predictor):
    canvases, kinds = non_digit_canvases(120, np.random.default_rng(7), "train")
    answers = [predictor.predict_image(c) for c in canvases]
    named = [k for k, a in zip(kinds, answers) if a.sure]  # the tab would say "It's a …"
    assert len(named) <= 12, named


def test_clear_digits_stay_named_and_sure(predictor, mnist_test):
    for i in range(40):
        canvas = paste_digit(mnist_test.images[i], 300, 120 + 3 * i, 10 + i, 60 - i)  # many sizes and places
        answer = predictor.predict_image(canvas)
        assert answer.digit == mnist_test.labels[i] and answer.sure, (i, answer.digit, answer.confidence)


def test_ten_class_models_never_say_not_a_digit():
    model = build_digit_cnn()
    predictor = DigitPredictor(model)
    assert not predictor.rejects
    answer = predictor.predict_image(letter_canvases("X", 1)[0])
    assert answer.digit is not None and not answer.not_digit and answer.not_digit_probability == 0


def test_learning_not_a_digit_keeps_the_ten_digit_scores_exactly():
    model = build_digit_cnn()
    grown, held = widened(model, extra=8)
    convs = [layer for layer in grown.layers if type(layer).__name__ == "Conv2D"]
    assert grown.output_shape[-1] == 11 and [c.filters for c in convs] == [32, 48, 96, 96 + 8]
    assert tuple(grown.input.shape) == (None, 28, 28, 1)  # one input tensor, as exports and tf.function expect
    x = np.random.default_rng(1).random((64, 28, 28, 1)).astype(np.float32)
    _, before = features_of(feature_model(model), x)
    frozen, head, scores = head_of(grown)
    labels = np.random.default_rng(2).integers(0, 11, 64).astype(np.int32)
    learn_not_digit(head, held, features_of(frozen, x), labels, epochs=2, rate=0.05)
    _, after = features_of(feature_model(grown), x)
    np.testing.assert_allclose(after[:, :10], before, rtol=1e-5, atol=1e-5)  # the digits' scores: untouched
    assert np.abs(after[:, NOT_A_DIGIT]).max() > 0  # the new score learned something
    assert all(variable.constraint is None for variable, _, _ in held)  # nothing custom is saved with it


def test_offset_rejects_at_most_the_allowed_share_of_held_out_digits():
    rng = np.random.default_rng(0)
    score, best = rng.normal(0, 1, 5000), rng.normal(2, 1, 5000)
    shift = set_offset(score, best, 0.001)
    assert shift < 0 and np.sum(score + shift > best) <= 5
    assert set_offset(score - 100, best, 0.001) == 0.0  # already rejects none: leave it


def test_metadata_says_not_a_digit_last_or_not_at_all(tmp_path):
    meta = {"kind": "digits", "classes": [*DIGIT_CLASSES, NOT_A_DIGIT_CLASS]}
    assert validate_metadata(meta, "m.json") is meta
    with pytest.raises(MetadataError, match="'classes'"):
        validate_metadata({"kind": "digits", "classes": [NOT_A_DIGIT_CLASS, *DIGIT_CLASSES]}, "m.json")


def test_metadata_that_does_not_match_the_outputs_is_refused_naming_the_file(tmp_path):
    rejecting, _ = widened(build_digit_cnn(), extra=4)
    path = save_model(rejecting, tmp_path / "mixed.keras", {"kind": "digits", "classes": DIGIT_CLASSES})
    with pytest.raises(ValueError, match=r"mixed\.keras.*'classes'.*11 outputs"):
        DigitPredictor.load(path)


def test_predict_prints_a_dash_for_a_letter(tmp_path, mnist_test, capsys):
    letter, digit = tmp_path / "letter_a.png", tmp_path / "seven.png"
    cv2.imwrite(str(letter), letter_canvases("A", 1, seed=3)[0])
    cv2.imwrite(str(digit), paste_digit(mnist_test.images[0], 280, 200, 40, 40))  # a 7
    assert main(["digits", "predict", str(letter), str(digit)]) == 0
    lines = dict(line.split("\t", 1) for line in capsys.readouterr().out.splitlines())
    assert lines[str(letter)].split("\t")[0] == "-"
    assert lines[str(digit)].split("\t")[0] == str(mnist_test.labels[0])


def test_evaluate_says_how_many_test_digits_were_rejected(predictor, capsys):
    assert main(["digits", "evaluate"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1].startswith("accuracy ") and float(lines[-1].split()[1]) >= 0.996
    rejected = [line for line in lines if line.startswith("not a digit ")]
    assert len(rejected) == 1 and int(rejected[0].split()[3]) == predictor.metadata["test_rejected"]
    assert json.loads(json.dumps(predictor.metadata))["test_accuracy"] == pytest.approx(float(lines[-1].split()[1]))


def test_evaluate_of_a_ten_digit_model_has_no_rejection_line(tmp_path, capsys):
    path = save_model(build_digit_cnn(), tmp_path / "ten.keras", {"kind": "digits", "classes": DIGIT_CLASSES})
    assert main(["digits", "evaluate", "--model", str(path)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1].startswith("accuracy ") and not any(line.startswith("not a digit") for line in lines)


def test_calibration_refuses_no_held_out_digit_and_makes_not_a_digit_as_sure_as_it_is():
    """The offset alone leaves "not a digit" unsure of itself; the fitted scale makes it surer, and still
    refuses none of the held-out digits."""
    import keras

    from training.reject_offset import calibrate

    rng = np.random.default_rng(0)
    inputs = keras.Input((11,))
    logits = keras.layers.Dense(11, name="logits", kernel_initializer="identity")(inputs)
    model = keras.Model(inputs, keras.layers.Activation("softmax")(logits))
    # "Pictures" are their own scores: digits sure of their digit, non-digits with a high 11th score.
    y_val = rng.integers(0, 10, 400)
    x_val = rng.normal(0, 1, (400, 11)).astype(np.float32)
    x_val[np.arange(400), y_val] += 6
    x_val[:, 10] += 1.0
    x_non = rng.normal(0, 1, (400, 11)).astype(np.float32)
    x_non[:, 10] += 7

    plain = keras.models.clone_model(model)
    plain.set_weights(model.get_weights())
    scale_1, _ = calibrate(plain, x_val)  # the offset alone
    scale, shift = calibrate(model, x_val, y_val, x_non)
    assert scale_1 == 1.0 and scale > 1.0 and shift < 0
    for m in (plain, model):
        assert not np.any(m(x_val).numpy().argmax(1) == 10)  # no held-out digit refused
    sure_plain = np.median(plain(x_non).numpy()[:, 10])
    sure = np.median(model(x_non).numpy()[:, 10])
    assert sure > sure_plain
