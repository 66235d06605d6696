"""A perceptron you design: built, trained, saved, inspected, stopped when it diverges, gradient flow measured."""

from __future__ import annotations

import numpy as np
import pytest

from models.digit_inspect import DigitInspector
from models.digit_model import DigitPredictor, build_digit_mlp, parse_hidden
from models.digit_preprocess import preprocess_digit
from models.model_file import load_metadata
from training.cli import build_parser, main, train_settings
from training.configs import MLP_DEFAULTS, DigitTrainConfig, digit_config
from training.digit_training import evaluate_model, train_digits
from training.divergence import Diverged

QUICK = dict(limit=6000, epochs=2)


@pytest.fixture(scope="module")
def trained_mlp(tmp_path_factory):
    out = tmp_path_factory.mktemp("mlp") / "digit_mlp.keras"
    result = train_digits(digit_config("mlp", **QUICK), out=out, evaluate_test=False)
    return out, result


def test_the_lectures_network_has_the_lectures_shape():
    model = build_digit_mlp((16, 16), "sigmoid")
    assert [layer.name for layer in model.layers] == [
        "image",
        "pixels",
        "hidden_1",
        "hidden_2",
        "logits",
        "probabilities",
    ]
    assert model.count_params() == 784 * 16 + 16 + 16 * 16 + 16 + 16 * 10 + 10
    assert len(build_digit_mlp((8, 8, 8, 8), "relu").layers) == 8  # any number of layers


@pytest.mark.parametrize("text", ["16,x", "16,0", "-3"])
def test_bad_hidden_sizes_are_refused_with_the_text(text):
    with pytest.raises(ValueError, match="hidden|neuron"):
        parse_hidden(text)
    assert parse_hidden(" 32, 16 ") == (32, 16) and parse_hidden("") == ()


def test_a_saved_mlp_works_where_the_cnn_does(trained_mlp, mnist_test):
    out, result = trained_mlp
    assert load_metadata(out)["network"] == "mlp" and load_metadata(out)["config"]["hidden"] == [16, 16]
    predictor = DigitPredictor.load(out)
    assert predictor.predict_image(mnist_test.images[0]).digit is not None
    assert evaluate_model(predictor, limit=1000) > 0.5  # 6,000 images, two epochs: far above chance (0.1)
    assert result.model.loss.label_smoothing == MLP_DEFAULTS["label_smoothing"]


def test_the_inspector_shows_each_hidden_neuron_and_the_first_layer_weights(trained_mlp, mnist_test):
    out, _ = trained_mlp
    predictor = DigitPredictor.load(out)
    inspector = DigitInspector(predictor.model)
    assert [s.title for s in inspector.stages] == ["hidden 1", "hidden 2"]
    x = preprocess_digit(mnist_test.images[1])
    result = inspector.inspect(x)
    assert [o.shape for o in result.outputs] == [(16,), (16,)]
    assert all(0 < o.min() and o.max() < 1 for o in result.outputs)  # sigmoid activations
    np.testing.assert_allclose(result.probabilities, predictor.probabilities(x[None, :, :, None])[0], atol=1e-5)
    # By hand: neuron 5 of the first layer is sigmoid(pixels · its 784 weights + bias).
    kernel, bias = (np.asarray(w) for w in predictor.model.get_layer("hidden_1").weights)
    assert result.outputs[0][5] == pytest.approx(1 / (1 + np.exp(-(x.reshape(-1) @ kernel[:, 5] + bias[5]))), abs=1e-5)
    picture = inspector.input_weights(5)
    assert picture.shape == (28, 28) and picture[3, 7] == kernel[3 * 28 + 7, 5]
    maps = inspector.input_weight_maps()
    assert maps.shape == (28, 28, 16) and maps[20, 9, 11] == kernel[20 * 28 + 9, 11]
    assert result.cam.shape == (28, 28) and result.cam.max() == pytest.approx(1.0)
    assert result.cam[x == 0].sum() == 0  # gradient × input: only inked pixels can push the score up


def test_the_cnn_has_no_per_pixel_weights(predictor):
    with pytest.raises(ValueError, match="perceptron"):
        DigitInspector(predictor.model).input_weights(0)


def test_a_huge_learning_rate_stops_at_once_with_advice_and_saves_nothing(tmp_path):
    out = tmp_path / "m.keras"
    reports = []
    config = digit_config("mlp", activation="relu", optimizer="sgd", learning_rate=1e20, epochs=3, limit=3000)
    with pytest.raises(Diverged, match="learning rate is too high") as caught:
        train_digits(config, out=out, on_progress=reports.append)
    assert "loss diverged" in str(caught.value) and "epoch 1" in str(caught.value)
    assert not [r for r in reports if r.kind == "epoch" and r.epoch > 1]  # not a whole run on garbage
    assert list(tmp_path.iterdir()) == []


def test_cli_diverged_run_fails_with_advice(tmp_path, capsys):
    out = tmp_path / "m.keras"
    args = ["digits", "train", "--network", "mlp", "--activation", "relu", "--optimizer", "sgd", "--lr", "1e20"]
    assert main([*args, "--limit", "2000", "--out", str(out)]) == 1
    assert "failed: loss diverged" in capsys.readouterr().err
    assert not out.exists()


def test_cli_trains_the_mlp_it_was_asked_for(tmp_path, capsys):
    out = tmp_path / "m.keras"
    args = ["digits", "train", "--network", "mlp", "--hidden", "20,12,8", "--activation", "tanh", "--epochs", "1"]
    assert main([*args, "--limit", "1500", "--out", str(out)]) == 0
    assert "test accuracy" in capsys.readouterr().out
    config = load_metadata(out)["config"]
    assert (config["hidden"], config["activation"], config["augment"]) == ([20, 12, 8], "tanh", False)
    assert config["batch_size"] == MLP_DEFAULTS["batch_size"]
    assert main(["digits", "train", "--network", "mlp", "--hidden", "16,zero", "--out", str(out)]) == 2
    assert "16,zero" in capsys.readouterr().err


def test_deep_sigmoid_gradients_vanish_where_relu_ones_do_not():
    first_layer = {}
    for activation in ("sigmoid", "relu"):
        reports = []
        config = digit_config("mlp", activation=activation, hidden=(32,) * 10, limit=2000, epochs=1, gradient_every=2)
        train_digits(config, on_progress=reports.append, evaluate_test=False)
        flows = [r.gradients for r in reports if r.kind == "gradients"]
        assert len(flows) == 4 and [f.step for f in flows] == [1, 3, 5, 7]  # 1,800 images in batches of 256
        assert [f.layers[0].layer for f in flows] == ["hidden_1"] * 4 and len(flows[0].layers) == 11
        assert all(0 < layer.update_ratio < 1 for f in flows for layer in f.layers)
        first_layer[activation] = np.mean([f.layers[0].gradient_norm for f in flows])
        last = np.mean([f.layers[-1].gradient_norm for f in flows])
        if activation == "sigmoid":  # the vanishing gradient: the first layer hears almost nothing
            assert first_layer[activation] < last / 1000
    assert first_layer["sigmoid"] < first_layer["relu"] / 1000


def test_a_diverged_run_in_the_training_process_ends_as_failed_with_advice(tmp_path):
    import time

    from training.jobs import run_job
    from training.process_job import ProcessJob

    out = tmp_path / "m.keras"
    settings = {"network": "mlp", "activation": "relu", "optimizer": "sgd", "learning_rate": 1e20, "limit": 2000}
    settings["hidden"] = [16, 16]
    job = ProcessJob(run_job, "digits", settings, None, str(out))
    job.start()
    events, deadline = [], time.monotonic() + 240
    while not job.finished and time.monotonic() < deadline:
        events.extend(job.events(timeout=0.5))
    job.join(10)
    kind, message = events[-1]
    assert kind == "failed" and message.startswith("loss diverged") and "learning rate is too high" in message
    assert message.template.startswith("loss diverged")  # the window can translate it
    assert not out.exists()


def test_cli_defaults_follow_the_network():
    def settings(*args):
        return train_settings(build_parser().parse_args(["digits", "train", *args]))

    assert settings() == DigitTrainConfig()  # the CNN keeps its recipe
    assert settings("--network", "mlp") == digit_config("mlp")
    assert settings("--network", "mlp", "--lr", "0.1", "--no-augment").learning_rate == 0.1
    with pytest.raises(ValueError, match="--network mlp"):
        settings("--hidden", "32")
    assert settings("--not-a-digit").non_digit_share > 0 and settings().non_digit_share == 0
    with pytest.raises(ValueError, match="--not-a-digit"):
        settings("--network", "mlp", "--not-a-digit")
