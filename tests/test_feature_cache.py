"""Feature caches are only a speed-up: damaged, misplaced or stale ones are set aside, never fatal."""

from __future__ import annotations

import errno
import os

import numpy as np
import pytest
from faces_data import shipped, variants, write_folder

from training.feature_cache import FeatureCache, fingerprint
from training.progress import CancelToken

pytest.importorskip("dlib")
pytest.importorskip("skimage")


def _valid(folder, identity="id", size=4, n=3):
    cache = FeatureCache("demo", folder, size, identity)
    for i in range(n):
        cache.put(f"k{i}", np.full(size, i, np.float32), np.array([-1, -1, -1, -1]))
    assert cache.save() is None
    return cache.path


def _npz(path, **arrays):
    with open(path, "wb") as f:
        np.savez(f, **arrays)


def truncated(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def zero_bytes(path):
    path.write_bytes(b"")


def garbage(path):
    path.write_bytes(b"<html><body>502 Bad Gateway</body></html>" * 10)


def wrong_shapes(path):
    keys = np.array(["k0", "k1"])
    _npz(path, identity=np.array("id"), keys=keys, features=np.zeros((2, 7), np.float32), boxes=np.zeros((2, 4)))


def mismatched_lengths(path):
    keys = np.array(["k0", "k1", "k2"])
    _npz(path, identity=np.array("id"), keys=keys, features=np.zeros((2, 4), np.float32), boxes=np.zeros((2, 4)))


def nan_features(path):
    features = np.zeros((2, 4), np.float32)
    features[1, 2] = np.nan
    _npz(path, identity=np.array("id"), keys=np.array(["k0", "k1"]), features=features, boxes=np.zeros((2, 4)))


def a_folder(path):
    path.unlink()
    path.mkdir()
    (path / "something.txt").write_text("mine")


DAMAGE = [truncated, zero_bytes, garbage, wrong_shapes, mismatched_lengths, nan_features, a_folder]


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_cache_is_set_aside_with_one_reason_and_rewritten(tmp_path, damage):
    path = _valid(tmp_path)
    damage(path)
    cache = FeatureCache("demo", tmp_path, 4, "id")
    assert len(cache) == 0 and cache.problem and str(path) in cache.problem
    cache.put("new", np.ones(4), np.array([-1, -1, -1, -1]))
    assert cache.save() is None  # never raises, even where the path is a folder
    again = FeatureCache("demo", tmp_path, 4, "id")
    if damage is a_folder:
        assert (path / "something.txt").read_text() == "mine"  # a folder is nobody's cache: left alone
        assert "is a folder" in again.problem
    else:
        assert again.problem is None and again.get("new") is not None  # the next run is fast again


def test_a_cache_from_another_extractor_is_not_served(tmp_path):
    _valid(tmp_path, identity=fingerprint(weights="aaa", size=160))
    assert len(FeatureCache("demo", tmp_path, 4, fingerprint(weights="aaa", size=160))) == 3
    other = FeatureCache("demo", tmp_path, 4, fingerprint(weights="bbb", size=160))
    assert len(other) == 0 and "another model or version" in other.problem
    assert len(FeatureCache("demo", tmp_path, 4, fingerprint(weights="aaa", size=224))) == 0


@pytest.mark.parametrize("step", ["fsync", "replace"])
@pytest.mark.parametrize("fault", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()])
def test_a_failed_save_leaves_the_old_cache_whole(tmp_path, monkeypatch, step, fault):
    path = _valid(tmp_path)
    before = path.read_bytes()
    cache = FeatureCache("demo", tmp_path, 4, "id")
    cache.put("more", np.ones(4), np.array([-1, -1, -1, -1]))

    def broken(*args, **kwargs):
        raise fault

    monkeypatch.setattr(os, step, broken)
    if isinstance(fault, OSError):
        problem = cache.save()  # a full disk costs only the cache
        assert "could not write the feature cache" in problem and "No space left" in problem
    else:
        with pytest.raises(KeyboardInterrupt):  # Ctrl+C still stops the run
            cache.save()
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(FeatureCache("demo", tmp_path, 4, "id")) == 3


def test_a_killed_cache_saves_temp_file_is_swept_by_a_later_save(tmp_path):
    """A run killed while writing its cache (Cancel, a closed window) left a hidden temp file of many MB for good."""
    import time

    from models import model_file

    path = _valid(tmp_path)
    left = tmp_path / f".{path.name}.k3x_9a2b.tmp"  # as mkstemp names it
    left.write_bytes(path.read_bytes()[:100])
    running = tmp_path / f".{path.name}.q8w7e6r5.tmp"  # another process's save, under way now
    running.write_bytes(b"")
    old = time.time() - 2 * model_file.LEFTOVER_AGE_S
    os.utime(left, (old, old))
    cache = FeatureCache("demo", tmp_path, 4, "id")
    cache.put("more", np.ones(4), np.array([-1, -1, -1, -1]))
    assert cache.save() is None
    assert sorted(p.name for p in tmp_path.iterdir()) == [running.name, path.name]


def test_non_finite_features_are_never_cached(tmp_path):
    cache = FeatureCache("demo", tmp_path, 4, "id")
    cache.put("bad", np.array([0, np.inf, 0, 0]), np.array([-1, -1, -1, -1]))
    assert cache.get("bad") is None


# --- through a real training run -------------------------------------------------------------
@pytest.fixture(scope="module")
def faces_folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("people")
    return write_folder(
        root, {"eileen": variants(shipped("astronaut"), 3, 1), "grace": variants(shipped("grace_hopper"), 3, 2)}
    )


@pytest.mark.parametrize("damage", DAMAGE)
def test_training_survives_every_kind_of_damaged_face_cache(faces_folder, tmp_path, damage):
    from training.feature_extraction import FACE_CACHE
    from training.recognizer_training import RecognizerTrainConfig, train_recognizer

    config = RecognizerTrainConfig(backbone="face", epochs=3)
    first = train_recognizer(faces_folder, config, cache_dir=tmp_path)
    assert first.metadata["features_computed"] == 6
    damage(tmp_path / f"{FACE_CACHE}.npz")
    second = train_recognizer(faces_folder, config, cache_dir=tmp_path)
    warnings = [m for m in second.messages if "feature cache" in m]
    assert len(warnings) == 1, second.messages  # said once, not once per picture
    assert second.metadata["features_computed"] == 6  # recomputed, and the model is as good
    third = train_recognizer(faces_folder, config, cache_dir=tmp_path)
    if damage is not a_folder:
        assert third.metadata["features_computed"] == 0  # the damaged file was replaced
        assert not [m for m in third.messages if "feature cache" in m]


def test_face_features_recompute_when_the_embedder_changes(faces_folder, tmp_path, monkeypatch):
    from training import feature_extraction

    def quiet(_):
        return None

    assert feature_extraction.face_features(scan(faces_folder), quiet, CancelToken(), tmp_path).computed == 6
    assert feature_extraction.face_features(scan(faces_folder), quiet, CancelToken(), tmp_path).computed == 0
    monkeypatch.setattr(feature_extraction, "face_identity", lambda: fingerprint(dlib="99.0"))
    assert feature_extraction.face_features(scan(faces_folder), quiet, CancelToken(), tmp_path).computed == 6


def test_the_face_cache_key_follows_the_content_of_dlibs_model_files(tmp_path, monkeypatch):
    """A model file swapped for another of the same size (another ResNet, a damaged copy) makes other embeddings."""
    from models import face_features
    from training import feature_extraction

    for name in feature_extraction.FACE_MODEL_FILES:
        (tmp_path / name).write_bytes(b"a" * 64)
    monkeypatch.setattr(face_features, "model_file", lambda name: tmp_path / name)
    before = feature_extraction.face_identity()
    assert feature_extraction.face_identity() == before  # the same files: the cache is served
    for name in feature_extraction.FACE_MODEL_FILES:
        (tmp_path / name).write_bytes(b"b" * 64)
        assert feature_extraction.face_identity() != before, name
        (tmp_path / name).write_bytes(b"a" * 64)


def scan(root):
    from training.folder_dataset import scan_folder

    return scan_folder(root)
