"""Looking inside the digit CNN: stage outputs match the model, Grad-CAM points at the ink."""

from __future__ import annotations

import numpy as np
import pytest

from models.digit_inspect import DigitInspector, cam_to_input, tile_index, tile_maps
from models.digit_preprocess import preprocess_digit


@pytest.fixture(scope="module")
def inspector(predictor):
    return DigitInspector(predictor.model)


def test_every_stage_has_the_shape_the_model_says(inspector, predictor, mnist_test):
    result = inspector.inspect(preprocess_digit(mnist_test.images[0]))
    model = predictor.model
    assert [s.title for s in inspector.stages] == ["conv 1", "conv 2", "conv 3", "conv 4", "dense input"]
    for stage, output in zip(inspector.stages, result.outputs):
        assert output.shape == tuple(model.get_layer(stage.layer).output.shape[1:]), stage
    answers = model.output_shape[-1]  # ten digits, and "not a digit" for the shipped model
    assert answers == 11 and result.logits.shape == (answers,) and result.probabilities.shape == (answers,)
    assert result.cam.shape == (28, 28) and result.cam.max() == pytest.approx(1.0)


def test_one_pass_agrees_with_the_model(inspector, predictor, mnist_test):
    for i in range(5):
        x = preprocess_digit(mnist_test.images[i])
        result = inspector.inspect(x)
        expected = predictor.probabilities(x[None, :, :, None])[0]
        np.testing.assert_allclose(result.probabilities, expected, atol=1e-5)
        softmax = np.exp(result.logits - result.logits.max())
        np.testing.assert_allclose(result.probabilities, softmax / softmax.sum(), atol=1e-5)
        assert result.top == mnist_test.labels[i]
        # ReLU outputs are never negative.
        assert all(o.min() >= 0 for o, s in zip(result.outputs, inspector.stages) if s.kind == "maps")


def test_grad_cam_lies_on_the_digit_not_the_empty_border(inspector, mnist_test):
    x = preprocess_digit(mnist_test.images[1])
    cam = inspector.inspect(x).cam
    near_ink = np.zeros_like(x, bool)
    near_ink[max(0, np.nonzero(x)[0].min() - 3) : np.nonzero(x)[0].max() + 4, :] = True
    assert cam[near_ink].sum() > 0.8 * cam.sum()
    assert cam[:2].sum() == 0 and cam[-2:].sum() == 0  # a valid 5×5 first layer never sees the outer 2 px


def test_kernels_are_the_conv_weights(inspector, predictor):
    first = inspector.stages[0]
    kernel = inspector.kernel(first, 3)
    np.testing.assert_array_equal(kernel, np.asarray(predictor.model.get_layer(first.conv).kernel)[:, :, :, 3])
    assert inspector.kernel(inspector.stages[1], 0).shape == (3, 3, 32)
    with pytest.raises(ValueError):
        inspector.kernel(inspector.stages[-1], 0)


def test_tiles_and_clicks_round_trip():
    maps = np.random.default_rng(0).random((6, 6, 10)).astype(np.float32)
    grid = tile_maps(maps, columns=4)
    assert grid.shape == (3 * 7 - 1, 4 * 7 - 1)
    assert np.isnan(grid[6, :]).all()  # the gap between rows
    np.testing.assert_allclose(np.nanmin(grid[:6, :6]), 0) and np.testing.assert_allclose(np.nanmax(grid[:6, :6]), 1)
    for index in range(10):
        row, col = divmod(index, 4)
        assert tile_index(col * 7 + 2, row * 7 + 5, (6, 6), 10, 4) == index
    assert tile_index(6, 0, (6, 6), 10, 4) is None  # on a gap
    assert tile_index(3 * 7 + 1, 2 * 7 + 1, (6, 6), 10, 4) is None  # past the last map
    raw = tile_maps(-maps, columns=4, scale_each=False)
    assert np.nanmax(raw) <= 0  # weights keep their sign


def test_cam_placement_needs_no_tensorflow_shape_tricks(predictor):
    cam = np.zeros((6, 6), np.float32)
    cam[0, 0] = 1
    out = cam_to_input(cam, predictor.model)
    assert out[:2].sum() == 0 and out[2, 2] == pytest.approx(1.0)


def test_maps_pooled_before_their_relu_are_shown_full_size(inspector, predictor, mnist_test):
    import keras

    x = preprocess_digit(mnist_test.images[2])
    first = inspector.stages[0]
    assert first.activation is not None and not first.normalised  # conv → pool → ReLU in the shipped model
    probe = keras.Model(
        predictor.model.inputs, [predictor.model.get_layer(n).output for n in (first.layer, first.activation)]
    )
    conv, after = (np.asarray(o)[0] for o in probe(x[None, :, :, None]))
    shown = inspector.inspect(x).outputs[0]
    assert shown.shape == (24, 24, 32)
    np.testing.assert_allclose(shown, np.maximum(conv, 0), atol=1e-6)
    # What the next layer reads is exactly these maps max-pooled.
    np.testing.assert_allclose(shown.reshape(12, 2, 12, 2, 32).max(axis=(1, 3)), after, atol=1e-6)


def test_an_older_batchnorm_model_is_still_understood():
    import keras
    from keras import layers

    inputs = keras.Input((28, 28, 1))
    x = layers.Conv2D(8, 5, padding="valid", use_bias=False)(inputs)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    x = layers.MaxPooling2D()(x)
    x = layers.Conv2D(16, 3, padding="same")(x)
    x = layers.Activation("relu")(x)
    x = layers.Flatten()(layers.MaxPooling2D()(x))
    model = keras.Model(inputs, layers.Activation("softmax")(layers.Dense(10)(x)))
    stages = DigitInspector(model).stages
    assert [(s.activation, s.normalised) for s in stages[:2]] == [(None, True), (None, False)]
    assert [tuple(model.get_layer(s.layer).output.shape[1:3]) for s in stages[:2]] == [(24, 24), (12, 12)]
