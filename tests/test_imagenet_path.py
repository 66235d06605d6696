"""The ImageNet path with real MobileNetV2 weights in a Keras cache, as every online user has them.

The weights come from ../shared/weights/keras (tests that need them skip
cleanly without it); Keras is pointed at a temporary cache with ``KERAS_HOME``
and no test ever downloads anything.
"""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from conftest import REPO
from faces_data import shipped, variants, write_folder

pytest.importorskip("dlib")
pytest.importorskip("skimage")

from models import image_features  # noqa: E402
from models.recognizer import Recognizer  # noqa: E402
from training.backbone_choice import backbone_defaults, resolve_backbone  # noqa: E402
from training.recognizer_training import RecognizerTrainConfig, train_recognizer  # noqa: E402

SHARED_WEIGHTS = REPO.parent / "shared" / "weights" / "keras" / image_features.weights_name(224)


@pytest.fixture()
def keras_cache(tmp_path, monkeypatch):
    """An empty Keras cache (``$KERAS_HOME/models``) where any download attempt fails the test."""
    import keras

    def no_download(*args, **kwargs):
        raise OSError("tests never download: <urlopen error [Errno -3] Temporary failure in name resolution>")

    monkeypatch.setattr(keras.utils, "get_file", no_download)
    home = tmp_path / "keras_home"
    (home / "models").mkdir(parents=True)
    monkeypatch.setenv("KERAS_HOME", str(home))
    return home / "models"


@pytest.fixture()
def real_weights(keras_cache):
    """The real no-top weights, cached under the 224-px name only (the code asks for 160)."""
    if not SHARED_WEIGHTS.is_file():
        pytest.skip("../shared/weights/keras is absent")
    cached = keras_cache / SHARED_WEIGHTS.name
    shutil.copyfile(SHARED_WEIGHTS, cached)  # a copy: one test changes it
    return cached


@pytest.fixture(scope="module")
def pets(tmp_path_factory):
    root = tmp_path_factory.mktemp("pets")
    return write_folder(
        root, {"cat": variants(shipped("chelsea"), 10, 1), "coffee": variants(shipped("coffee"), 10, 2)}
    )


def test_real_weights_train_save_load_predict(real_weights, pets, tmp_path, monkeypatch):
    calls = []
    batched = image_features.batch_features

    def counting(base, pictures):
        calls.append(len(pictures))
        return batched(base, pictures)

    monkeypatch.setattr(image_features, "batch_features", counting)
    monkeypatch.setattr(image_features, "FEATURE_BATCH", 8)
    cache = tmp_path / "cache"
    choice = resolve_backbone(pets, "auto", cache_dir=cache)
    assert choice.backbone == "imagenet" and choice.weights == real_weights  # any cached size will do
    assert choice.defaults == backbone_defaults("imagenet") and choice.defaults.epochs == 60

    progress = []
    out = tmp_path / "pets.keras"
    result = train_recognizer(
        pets, RecognizerTrainConfig(backbone="auto"), out=out, on_progress=progress.append, cache_dir=cache
    )
    assert result.backbone == "imagenet"
    assert result.metadata["epochs"] == 60  # ImageNet's defaults, not the face head's 150
    assert result.metadata["features_computed"] == 20  # was 0 even when all were computed
    assert calls == [8, 8, 4]  # in batches, not one picture per call
    rates = [p for p in progress if p.kind == "features" and "images/s" in p.message]
    assert rates and rates[-1].examples_per_s > 0 and rates[-1].batch == 20
    assert result.metadata["val_accuracy"] == 1.0

    assert result.metadata["feature_size"] == 1280 and len(result.metadata["references"]["cat"]) == 10
    recognizer = Recognizer.load(out)
    for name, photo, seed in (("cat", "chelsea", 31), ("coffee", "coffee", 32)):
        labels = [recognizer.recognize(p)[0].label for p in variants(shipped(photo), 3, seed)]
        assert labels == [name] * 3
    # Strangers (a person, a camera man, a woman in uniform) were named as the cat or the cup at 0.9+.
    strangers = [recognizer.recognize(shipped(photo))[0] for photo in ("astronaut", "camera", "grace_hopper")]
    assert [s.label for s in strangers] == ["unknown"] * 3
    assert all(s.distance > recognizer.distance_threshold for s in strangers)

    again = train_recognizer(pets, RecognizerTrainConfig(backbone="imagenet", epochs=2), cache_dir=cache)
    assert again.metadata["features_computed"] == 0  # a warm cache


def test_swapped_weights_recompute_the_cached_features(real_weights, pets, tmp_path):
    import h5py

    cache = tmp_path / "cache"
    config = RecognizerTrainConfig(backbone="imagenet", epochs=2)
    assert train_recognizer(pets, config, cache_dir=cache).metadata["features_computed"] == 20
    assert train_recognizer(pets, config, cache_dir=cache).metadata["features_computed"] == 0
    with h5py.File(real_weights, "r+") as f:  # other weights under the same name: e.g. a re-download
        kernel = f["Conv1/Conv1/kernel"]
        kernel[...] = kernel[...] * 0.5
    assert train_recognizer(pets, config, cache_dir=cache).metadata["features_computed"] == 20


def test_any_cached_size_is_used_and_the_exact_one_first(keras_cache):
    import h5py

    with h5py.File(keras_cache / image_features.weights_name(224), "w") as f:
        f.attrs["layer_names"] = np.array([b"Conv1"])
    assert image_features.imagenet_weights_file(160).name == image_features.weights_name(224)  # no download
    shutil.copyfile(keras_cache / image_features.weights_name(224), keras_cache / image_features.weights_name(160))
    assert image_features.imagenet_weights_file(160).name == image_features.weights_name(160)


def test_a_damaged_weights_file_is_named_never_silently_replaced(keras_cache, pets, tmp_path, capsys):
    from training.cli import main

    damaged = keras_cache / image_features.weights_name(160)
    damaged.write_text("<!DOCTYPE html><html><body>Sign in to the hotel Wi-Fi</body></html>")
    with pytest.raises(image_features.BackboneDamaged, match="delete it") as failure:
        train_recognizer(pets, RecognizerTrainConfig(backbone="auto", epochs=2), cache_dir=tmp_path / "c")
    assert str(damaged) in str(failure.value) and "offline" not in str(failure.value)
    assert main(["faces", "train", str(pets), "--backbone", "imagenet", "--out", str(tmp_path / "m.keras")]) == 1
    err = capsys.readouterr().err
    assert str(damaged) in err and "damaged" in err and "Traceback" not in err
    assert damaged.exists() and not (tmp_path / "m.keras").exists()


def test_offline_without_weights_auto_falls_back_to_scratch_with_its_defaults(keras_cache, pets, tmp_path):
    choice = resolve_backbone(pets, "auto", cache_dir=tmp_path / "c")
    assert choice.backbone == "scratch" and choice.defaults == backbone_defaults("scratch")
    assert (choice.defaults.epochs, choice.defaults.learning_rate) == (40, 2e-3)
    assert any("not cached" in m and "offline?" in m for m in choice.messages)
    with pytest.raises(image_features.BackboneUnavailable):
        resolve_backbone(pets, "imagenet")


def test_the_window_can_ask_for_defaults_without_loading_the_heavy_libraries():
    import subprocess
    import sys

    script = (
        "import sys; from training.backbone_choice import backbone_defaults; backbone_defaults('scratch'); "
        "print(sorted({'cv2', 'dlib', 'keras', 'tensorflow'} & set(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.strip() == "[]", result.stderr
