"""Model files: atomic saves, JSON metadata, safe-mode loading."""

from __future__ import annotations

import json

import numpy as np
import pytest

from models.model_file import load_metadata, load_model, metadata_path, save_model


def tiny_model():
    import keras

    inputs = keras.Input((4,))
    return keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(inputs))


def test_save_and_load_round_trip(tmp_path):
    model = tiny_model()
    path = save_model(model, tmp_path / "m.keras", {"classes": ["a", "b"], "val_accuracy": 0.5})
    assert json.loads(metadata_path(path).read_text())["classes"] == ["a", "b"]
    assert load_metadata(path)["val_accuracy"] == 0.5
    x = np.ones((1, 4), np.float32)
    np.testing.assert_allclose(load_model(path)(x), model(x), rtol=1e-6)
    assert [p.name for p in tmp_path.iterdir()] == sorted(["m.keras", "m.json"]) or len(list(tmp_path.iterdir())) == 2


def test_failed_save_keeps_the_old_model(tmp_path):
    path = save_model(tiny_model(), tmp_path / "m.keras", {"version": 1})
    before = path.read_bytes()

    class Broken:
        def save(self, filename):
            with open(filename, "wb") as f:
                f.write(b"half a model")
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        save_model(Broken(), path, {"version": 2})
    assert path.read_bytes() == before
    assert load_metadata(path) == {"version": 1}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.json", "m.keras"]  # no temp files left


def test_bad_files_are_clear_errors(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_model(tmp_path / "absent.keras")
    junk = tmp_path / "junk.keras"
    junk.write_bytes(b"not a zip")
    with pytest.raises(ValueError, match="not a readable Keras model"):
        load_model(junk)
    with pytest.raises(ValueError, match=".keras"):
        save_model(tiny_model(), tmp_path / "m.h5", {})


def test_safe_mode_refuses_code_in_the_file(tmp_path):
    import keras

    inputs = keras.Input((2,))
    model = keras.Model(inputs, keras.layers.Lambda(lambda t: t * 2)(inputs))
    path = tmp_path / "lambda.keras"
    model.save(path)
    with pytest.raises(ValueError, match="not a readable Keras model"):
        load_model(path)
