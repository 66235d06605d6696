"""Whole-picture open set ("unknown" for things), best-validation weights, and ``faces fetch-weights``."""

from __future__ import annotations

import json

import numpy as np
import pytest

from models.metadata import MetadataError, validate_metadata
from models.recognizer import UNKNOWN, Recognition, Recognizer, unit_rows
from training.progress import CancelToken
from training.recognizer_training import (
    MAX_REFERENCES,
    OPEN_SET_FLOOR,
    RecognizerTrainConfig,
    calibrate_open_set,
    open_set_metadata,
    train_head,
)

FEATURES = 64


def _things(per_class: int = 12, noise: float = 0.15, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unit feature vectors of two enrolled things around two centres, and the centres."""
    rng = np.random.default_rng(seed)
    centres = unit_rows(rng.normal(0, 1, (2, FEATURES)))
    x = np.concatenate([c + rng.normal(0, noise / np.sqrt(FEATURES), (per_class, FEATURES)) for c in centres])
    return unit_rows(x), np.repeat(np.arange(2), per_class), centres


def _whole_picture_metadata(features: np.ndarray, labels: np.ndarray) -> dict:
    meta = {
        "kind": "recognizer",
        "backbone": "imagenet",
        "classes": ["cat", "cup"],
        "input_size": [160, 160, 3],
        "confidence_threshold": 0.5,
    }
    meta.update(open_set_metadata(features, labels, meta["classes"]))
    return meta


def _named(recognizer: Recognizer, features: np.ndarray) -> list[str]:
    """Labels for pictures whose head says 90% for the class of the nearest centre (as a trained head would)."""
    probabilities = np.full((len(features), 2), 0.1, np.float32)
    probabilities[np.arange(len(features)), np.argmax(features @ unit_rows(_things()[2]).T, axis=1)] = 0.9
    return [recognizer.label_for(*d) for d in recognizer.decide(probabilities, unit_rows(features))]


def test_strangers_far_from_both_things_are_unknown_and_enrolled_ones_named():
    x, y, centres = _things()
    recognizer = Recognizer(None, validate_metadata(_whole_picture_metadata(x, y), "things.json"))
    assert recognizer.uses_distance
    new_photos, new_labels, _ = _things(5, seed=0)  # the same centres, fresh noise
    new_photos = unit_rows(new_photos + np.random.default_rng(7).normal(0, 0.01, new_photos.shape))
    assert _named(recognizer, new_photos) == [["cat", "cup"][c] for c in new_labels]
    strangers = unit_rows(np.random.default_rng(3).normal(0, 1, (20, FEATURES)))  # nowhere near either
    assert _named(recognizer, strangers) == [UNKNOWN] * 20


def test_the_threshold_moves_the_boundary_and_relabels_at_once():
    x, y, centres = _things()
    recognizer = Recognizer(None, _whole_picture_metadata(x, y))
    between = unit_rows(centres[:1] + 0.8 * unit_rows(np.random.default_rng(5).normal(0, 1, (1, FEATURES))))
    probabilities = np.array([[0.9, 0.1]], np.float32)
    ((candidate, confidence, distance),) = recognizer.decide(probabilities, between)
    assert candidate == "cat" and distance > recognizer.distance_threshold
    found = [Recognition(recognizer.label_for(candidate, confidence, distance), confidence, None, distance, candidate)]
    assert found[0].label == UNKNOWN
    recognizer.distance_threshold = distance + 0.01  # the slider moved past it
    assert recognizer.relabel(found)[0].label == "cat"
    recognizer.distance_threshold = distance - 0.01
    assert recognizer.relabel(found)[0].label == UNKNOWN


def test_calibration_is_a_high_percentile_of_leave_one_out_distances_with_room():
    tight, y, _ = _things(noise=0.05)
    loose, _, _ = _things(noise=0.4)
    assert 0 < calibrate_open_set(tight, y) < calibrate_open_set(loose, y) <= 2
    same = [np.min(np.linalg.norm(loose[(y == y[i]) & (np.arange(len(y)) != i)] - loose[i], axis=1)) for i in range(24)]
    assert calibrate_open_set(loose, y) > np.percentile(same, 90)  # new photos get room past the spread
    assert calibrate_open_set(loose[:2], y[:2]) == 1.0  # one picture per class: no distance to learn from


def test_frames_recorded_in_a_burst_still_leave_room_for_a_new_view():
    """Frames a second apart lie almost on top of each other: their own spread named nothing new (0.003)."""
    burst, y, centres = _things(noise=0.001)
    threshold = calibrate_open_set(burst, y)
    apart = np.linalg.norm(centres[0] - centres[1])
    assert threshold >= OPEN_SET_FLOOR * apart * 0.99
    recognizer = Recognizer(None, _whole_picture_metadata(burst, y))
    moved = unit_rows(centres[:1] + np.random.default_rng(5).normal(0, 0.1 / np.sqrt(FEATURES), (1, FEATURES)))
    stranger = unit_rows(np.random.default_rng(6).normal(0, 1, (1, FEATURES)))  # far from both
    probs = np.array([[0.9, 0.1], [0.6, 0.4]], np.float32)
    labels = [recognizer.label_for(*d) for d in recognizer.decide(probs, np.concatenate([moved, stranger]))]
    assert labels == ["cat", UNKNOWN]


def test_references_are_capped_per_class():
    x, y, _ = _things(per_class=MAX_REFERENCES + 5)
    meta = open_set_metadata(x, y, ["cat", "cup"])
    assert [len(meta["references"][c]) for c in ("cat", "cup")] == [MAX_REFERENCES] * 2
    assert meta["feature_size"] == FEATURES


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        ({"distance_threshold": float("nan")}, "distance_threshold", "finite"),
        ({"distance_threshold": 0}, "distance_threshold", "must lie in (0, 2]"),
        ({"distance_threshold": None}, "distance_threshold", "must be a number"),
        ({"feature_size": 0}, "feature_size", "whole numbers"),
        ({"references": {"cat": [[0.1] * FEATURES]}}, "references", "no enrolled picture for cup"),
        ({"references": {"cat": [[0.1] * 3], "cup": [[0.1] * 3]}}, "references.cat", f"{FEATURES} numbers"),
        ({"references": {"cat": [[float("nan")] * FEATURES], "cup": [[0.1] * FEATURES]}}, "references.cat", "finite"),
        ({"references": {"dog": [[0.1] * FEATURES]}}, "references.dog", "not one of the model's classes"),
    ],
)
def test_damaged_open_set_fields_are_refused_naming_the_field(change, field, problem):
    meta = {**_whole_picture_metadata(*_things()[:2]), **change}
    with pytest.raises(MetadataError, match="things.json") as caught:
        validate_metadata(json.loads(json.dumps(meta)), "things.json")
    assert caught.value.field == field and problem in caught.value.problem


@pytest.mark.parametrize("lost", ["feature_size", "distance_threshold"])
def test_references_without_their_threshold_or_size_are_refused(lost):
    meta = _whole_picture_metadata(*_things()[:2])
    del meta[lost]
    with pytest.raises(MetadataError, match=f"'{lost}': is missing"):
        validate_metadata(meta, "things.json")


def test_open_set_metadata_survives_a_json_round_trip():
    x, y, _ = _things()
    meta = _whole_picture_metadata(x, y)
    again = Recognizer(None, validate_metadata(json.loads(json.dumps(meta)), "things.json"))
    assert again.distance_threshold == meta["distance_threshold"]
    np.testing.assert_allclose(again.references["cup"], x[y == 1], atol=1e-5)


def test_a_model_saved_before_the_open_set_keeps_the_old_rule():
    old = {"kind": "recognizer", "backbone": "imagenet", "classes": ["cat", "cup"], "input_size": [160, 160, 3]}
    recognizer = Recognizer(None, validate_metadata(old, "old.json"))
    assert not recognizer.uses_distance
    decisions = recognizer.decide(np.array([[0.9, 0.1], [0.45, 0.55], [0.6, 0.4]], np.float32), None)
    assert [recognizer.label_for(*d) for d in decisions] == ["cat", "cup", "cat"]
    recognizer.confidence_threshold = 0.7
    assert [recognizer.label_for(*d) for d in decisions] == ["cat", UNKNOWN, UNKNOWN]


def test_the_best_validation_epoch_is_kept_not_the_last(monkeypatch):
    """A run whose last epoch goes wrong (weights flipped by an injected fault) keeps the earlier weights."""
    import keras

    from training import recognizer_training

    x, y, _ = _things(per_class=20, noise=0.2)
    val_x, val_y, _ = _things(per_class=6, noise=0.2, seed=0)
    epochs = 6

    class Sabotage(recognizer_training.ProgressReporter):
        def on_epoch_begin(self, epoch, logs=None):
            super().on_epoch_begin(epoch, logs)
            if epoch == epochs - 1:  # the last epoch starts from weights that call everything the wrong thing
                dense = next(layer for layer in self.model.layers if isinstance(layer, keras.layers.Dense))
                kernel, bias = dense.get_weights()
                dense.set_weights([-20 * kernel, -bias])

    monkeypatch.setattr(recognizer_training, "ProgressReporter", Sabotage)
    config = RecognizerTrainConfig(epochs=epochs, learning_rate=0.05)
    head, history, _ = train_head(x, y, (val_x, val_y), 2, "imagenet", None, config, lambda p: None, CancelToken())
    assert history["val_accuracy"][-1] < 0.5 < max(history["val_accuracy"]) == 1.0
    predicted = np.argmax(np.asarray(head(val_x, training=False)), axis=1)
    assert (predicted == val_y).all()  # the best epoch's weights, not the sabotaged last ones
    assert recognizer_training.best_epoch(history) < epochs - 1


def test_tied_validation_accuracy_keeps_the_epoch_with_the_lowest_validation_loss(monkeypatch):
    """Three validation pictures: epoch 1 is already 100% right but barely; later epochs are surer."""
    import keras

    from training import recognizer_training

    x = np.random.default_rng(0).normal(size=(40, 8)).astype("float32")
    y = (x[:, 0] > 0).astype(int)
    val_x, val_y = x[:3], y[:3]
    keep = recognizer_training.keep_best_weights(5)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(2, activation="softmax")])
    model.compile(optimizer=keras.optimizers.SGD(0.5), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(
        x, y, validation_data=(val_x, val_y), epochs=6, verbose=0, callbacks=[keep], shuffle=False
    ).history
    best = recognizer_training.best_epoch(history)
    accuracy, loss = history["val_accuracy"], history["val_loss"]
    tied = [i for i, a in enumerate(accuracy) if a == max(accuracy)]
    assert best == min(tied, key=lambda i: loss[i])
    kept = model.evaluate(val_x, val_y, verbose=0, return_dict=True)["loss"]
    assert kept == pytest.approx(loss[best], rel=1e-4)  # the weights kept are that epoch's
    assert recognizer_training.best_epoch({"val_accuracy": [1.0, 1.0, 1.0], "val_loss": [0.6, 0.2, 0.3]}) == 1


# --- digitface faces fetch-weights ---------------------------------------------------------
@pytest.fixture()
def keras_home(tmp_path, monkeypatch):
    home = tmp_path / "keras_home"
    monkeypatch.setenv("KERAS_HOME", str(home))
    return home


def test_fetch_weights_offline_says_so_in_one_line(keras_home, monkeypatch, capsys):
    import keras

    from training import cli

    def offline(*args, **kwargs):
        raise OSError("<urlopen error [Errno -3] Temporary failure in name resolution>")

    monkeypatch.setattr(keras.utils, "get_file", offline)
    assert cli.main(["faces", "fetch-weights"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert err.startswith("error: ") and "could not be downloaded (offline?)" in err and str(keras_home) in err


def test_fetch_weights_puts_them_in_the_keras_cache(keras_home, monkeypatch, capsys):
    import h5py
    import keras

    from training import cli

    fetched = []

    def fake_get_file(fname, origin, cache_subdir, cache_dir):
        fetched.append(origin)
        path = keras_home / cache_subdir / fname
        path.parent.mkdir(parents=True, exist_ok=True)
        with h5py.File(path, "w") as f:
            f.attrs["layer_names"] = [b"Conv1"]
        return str(path)

    monkeypatch.setattr(keras.utils, "get_file", fake_get_file)
    assert cli.main(["faces", "fetch-weights"]) == 0
    assert len(fetched) == 1 and fetched[0].endswith("_160_no_top.h5")
    assert "ImageNet weights ready in" in capsys.readouterr().out
    assert cli.main(["faces", "fetch-weights"]) == 0 and len(fetched) == 1  # cached: nothing fetched again
