"""Face/pet recognizer core: training from folders, open set, caching, files — on shipped photos."""

from __future__ import annotations

import json

import numpy as np
import pytest
from faces_data import shipped, variants, write_folder

pytest.importorskip("dlib")
pytest.importorskip("skimage")

from models.face_features import FaceFeatures  # noqa: E402
from models.recognizer import UNKNOWN, Recognizer, nearest_distances  # noqa: E402
from training.folder_dataset import scan_folder  # noqa: E402
from training.recognizer_evaluation import evaluate_recognizer  # noqa: E402
from training.recognizer_training import (  # noqa: E402
    DEFAULT_DISTANCE,
    FACE_CACHE,
    MAX_DISTANCE,
    RecognizerTrainConfig,
    calibrate_distance,
    train_recognizer,
)


@pytest.fixture(scope="module")
def people(tmp_path_factory):
    root = tmp_path_factory.mktemp("people")
    return write_folder(
        root, {"eileen": variants(shipped("astronaut"), 6, 1), "grace": variants(shipped("grace_hopper"), 6, 2)}
    )


@pytest.fixture(scope="module")
def trained(people, tmp_path_factory):
    out = tmp_path_factory.mktemp("model") / "faces.keras"
    cache = tmp_path_factory.mktemp("cache")
    result = train_recognizer(people, RecognizerTrainConfig(backbone="auto"), out=out, cache_dir=cache)
    return result, out, cache


def test_auto_picks_the_face_backbone_and_saves_json_metadata(trained):
    result, out, _ = trained
    assert result.backbone == "face"
    meta = json.loads(out.with_suffix(".json").read_text())
    assert meta["classes"] == ["eileen", "grace"] and meta["backbone"] == "face"
    assert meta["faces_found"] == 1.0
    assert 0.4 <= meta["distance_threshold"] <= 0.5
    assert len(meta["references"]["grace"]) == 6 and len(meta["references"]["grace"][0]) == 128


def test_recognizes_new_photos_of_enrolled_people(trained):
    recognizer = Recognizer.load(trained[1])
    for name, photo, seed in (("eileen", "astronaut", 11), ("grace", "grace_hopper", 12)):
        for picture in variants(shipped(photo), 3, seed):
            (found,) = recognizer.recognize(picture)
            assert found.label == name and found.box is not None


def test_strangers_and_non_faces_are_unknown(trained):
    recognizer = Recognizer.load(trained[1])
    for picture in (shipped("camera"), shipped("chelsea"), np.full((200, 200, 3), 128, np.uint8)):
        found = recognizer.recognize(picture)
        assert [r.label for r in found] == [UNKNOWN]
    assert recognizer.recognize(shipped("chelsea"), live=True) == []


def test_threshold_slider_relabels(trained):
    recognizer = Recognizer.load(trained[1])
    found = recognizer.recognize(variants(shipped("astronaut"), 1, 5)[0])
    assert found[0].label == "eileen"
    recognizer.distance_threshold = 0.0
    assert recognizer.relabel(found)[0].label == UNKNOWN
    recognizer.distance_threshold = 1.0
    assert recognizer.relabel(found)[0].label == "eileen"


def test_two_faces_in_one_picture_give_two_lines(trained):
    recognizer = Recognizer.load(trained[1])
    a, g = shipped("astronaut"), shipped("grace_hopper")
    h = max(a.shape[0], g.shape[0])
    both = np.zeros((h, a.shape[1] + g.shape[1], 3), np.uint8)
    both[: a.shape[0], : a.shape[1]], both[: g.shape[0], a.shape[1] :] = a, g
    found = recognizer.recognize(both)
    assert sorted(r.label for r in found) == ["eileen", "grace"]


@pytest.mark.parametrize("found_order", ["as found", "reversed"])
def test_faces_predict_lists_faces_left_to_right(trained, tmp_path, capsys, monkeypatch, found_order):
    """Two faces side by side were printed right face first when dlib found that one first (the likelier face)."""
    from PIL import Image

    from training.cli import main

    if found_order == "reversed":
        real = Recognizer.recognize
        monkeypatch.setattr(Recognizer, "recognize", lambda self, rgb, live=False: real(self, rgb, live)[::-1])

    a, g = shipped("astronaut"), shipped("grace_hopper")
    for order, names in (((a, g), ["eileen", "grace"]), ((g, a), ["grace", "eileen"])):
        h = max(p.shape[0] for p in order)
        both = np.zeros((h, order[0].shape[1] + order[1].shape[1], 3), np.uint8)
        both[: order[0].shape[0], : order[0].shape[1]] = order[0]
        both[: order[1].shape[0], order[0].shape[1] :] = order[1]
        Image.fromarray(both).save(tmp_path / "both.png")
        assert main(["faces", "predict", "--model", str(trained[1]), str(tmp_path / "both.png")]) == 0
        lines = [line.split("\t") for line in capsys.readouterr().out.strip().splitlines()]
        assert [fields[1] for fields in lines] == names
        assert int(lines[0][3]) < int(lines[1][3])  # left edges, in order


def test_retrain_uses_the_embedding_cache(trained, people, tmp_path):
    _, _, cache = trained
    result = train_recognizer(
        people, RecognizerTrainConfig(backbone="face", epochs=20), out=tmp_path / "m.keras", cache_dir=cache
    )
    assert trained[0].metadata["features_computed"] == 12
    assert result.metadata["features_computed"] == 0  # every embedding came from the cache
    assert (cache / f"{FACE_CACHE}.npz").exists()


def test_evaluate_on_a_labelled_folder(trained, tmp_path):
    recognizer = Recognizer.load(trained[1])
    root = write_folder(
        tmp_path,
        {
            "eileen": variants(shipped("astronaut"), 2, 21),
            "grace": variants(shipped("grace_hopper"), 2, 22),
            "unknown": [shipped("camera")],
        },
    )
    report = evaluate_recognizer(recognizer, root)
    assert report.per_class == {"eileen": (2, 2), "grace": (2, 2), "unknown": (1, 1)}
    assert report.accuracy == 1.0


def test_evaluate_asks_about_one_class_alone(trained, tmp_path):
    """Are strangers refused? Is Grace named? One folder is a question evaluation can answer."""
    recognizer = Recognizer.load(trained[1])
    strangers = write_folder(tmp_path / "s", {"unknown": [shipped("camera")]})
    assert evaluate_recognizer(recognizer, strangers).per_class == {"unknown": (1, 1)}
    grace = write_folder(tmp_path / "g", {"grace": variants(shipped("grace_hopper"), 2, 22)})
    assert evaluate_recognizer(recognizer, grace).per_class == {"grace": (2, 2)}
    with pytest.raises(ValueError, match="has no class folders"):
        evaluate_recognizer(recognizer, tmp_path / "s" / "unknown")


def test_bad_folders_are_clear_errors(tmp_path):
    (tmp_path / "only").mkdir()
    (tmp_path / "only" / "a.png").write_bytes(b"x")
    with pytest.raises(ValueError, match="at least two class folders"):
        scan_folder(tmp_path)
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match="has no images"):
        scan_folder(tmp_path)
    with pytest.raises(FileNotFoundError):
        scan_folder(tmp_path / "nowhere")


def test_unreadable_files_are_skipped_and_counted(tmp_path):
    root = write_folder(
        tmp_path, {"eileen": variants(shipped("astronaut"), 3, 1), "grace": variants(shipped("grace_hopper"), 3, 2)}
    )
    (root / "grace" / "broken.jpg").write_bytes(b"not a jpeg")
    (root / "grace" / "notes.txt").write_text("hello")
    result = train_recognizer(root, RecognizerTrainConfig(backbone="face", epochs=10), cache_dir=tmp_path / "c")
    assert result.metadata["skipped"] == 2
    assert any("only 3 images;" in m for m in result.messages)


def _clusters(noise: float, per_class: int = 5) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    centres = rng.normal(0, 1, (3, 128))
    centres = centres / np.linalg.norm(centres, axis=1, keepdims=True)
    emb = np.concatenate([c + rng.normal(0, noise, (per_class, 128)) for c in centres]).astype(np.float32)
    return emb, np.repeat(np.arange(3), per_class)


def test_calibration_follows_the_spread_of_enrolled_photos():
    tight = calibrate_distance(*_clusters(0.01))  # photos of one person ~0.16 apart
    assert tight == DEFAULT_DISTANCE
    emb, labels = _clusters(0.03)  # ~0.48 apart: the threshold must accept them
    same = [
        nearest_distances(emb[i : i + 1], emb[(labels == labels[i]) & (np.arange(len(labels)) != i)])[0]
        for i in range(len(labels))
    ]
    spread = calibrate_distance(emb, labels)
    assert DEFAULT_DISTANCE < spread < MAX_DISTANCE
    assert spread == pytest.approx(np.percentile(same, 90), abs=1e-4)
    assert calibrate_distance(*_clusters(0.1)) == MAX_DISTANCE  # never wider than this
    assert calibrate_distance(emb[:2], labels[:2]) == DEFAULT_DISTANCE  # too little data


def test_scratch_backbone_on_pets(tmp_path):
    root = write_folder(
        tmp_path / "pets", {"cat": variants(shipped("chelsea"), 8, 1), "coffee": variants(shipped("coffee"), 8, 2)}
    )
    out = tmp_path / "pets.keras"
    reports = []
    result = train_recognizer(
        root, RecognizerTrainConfig(backbone="scratch", epochs=12), out=out, on_progress=reports.append
    )
    assert result.backbone == "scratch" and result.metadata["input_size"] == [96, 96, 3]
    # Each epoch says how few validation images its metrics stand on (the overfitting marker needs 30).
    epochs = [r for r in reports if r.kind == "epoch"]
    assert epochs and {r.val_examples for r in epochs} == {len(result.val_labels)} == {result.metadata["val_images"]}
    # The backbone is named in the command line's word, and as a message the window translates.
    said = next(r.message for r in reports if "classifier" in str(r.message))
    assert str(said).startswith("Training the scratch classifier on ") and said.args[0].template == "scratch"
    assert any("fetch-weights" in m for m in result.messages)  # told once how to get a better backbone
    refs = result.metadata["references"]
    assert result.metadata["feature_size"] == 96 and [len(refs[c]) for c in ("cat", "coffee")] == [8, 8]
    recognizer = Recognizer.load(out)
    assert recognizer.uses_distance and 0 < recognizer.distance_threshold <= 2
    recognizer.confidence_threshold = 0.0
    recognizer.distance_threshold = 2.0  # open set off: only the classifier's choice is tested here
    labels = [recognizer.recognize(p)[0].label for p in variants(shipped("chelsea"), 3, 9)]
    assert labels.count("cat") >= 2
    recognizer.distance_threshold = 1e-6  # nothing is that close to a training picture
    assert recognizer.recognize(shipped("chelsea"))[0].label == UNKNOWN


def test_imagenet_path_with_random_weights(tmp_path):
    # The real ImageNet weights download on first use; tests never touch the network.
    root = write_folder(
        tmp_path / "pets", {"cat": variants(shipped("chelsea"), 5, 1), "coffee": variants(shipped("coffee"), 5, 2)}
    )
    (root / "cat" / "broken.jpg").write_bytes(b"not a jpeg")
    out = tmp_path / "pets.keras"
    config = RecognizerTrainConfig(
        backbone="imagenet", epochs=5, imagenet_weights=None, fine_tune_layers=10, fine_tune_epochs=1
    )
    result = train_recognizer(root, config, out=out)
    assert result.backbone == "imagenet"
    assert result.metadata["skipped"] == 1  # read twice (features, then fine-tuning), counted once
    assert result.metadata["features_computed"] == 10
    assert any("Fine-tuning the top 10" in m for m in result.messages)
    recognizer = Recognizer.load(out)
    (found,) = recognizer.recognize(shipped("chelsea"))
    assert found.candidate in ("cat", "coffee") and found.distance is not None
    # A model saved before the open set (no references in its metadata) still names with the old rule.
    old = {
        k: v for k, v in recognizer.metadata.items() if k not in ("references", "feature_size", "distance_threshold")
    }
    before = Recognizer(recognizer.model, old)
    (found,) = before.recognize(shipped("chelsea"))
    assert not before.uses_distance and found.distance is None and found.label == found.candidate


def test_imagenet_offline_falls_back_to_scratch_and_says_so(tmp_path, monkeypatch):
    from models import image_features

    def offline(*args, **kwargs):
        raise image_features.BackboneUnavailable("the ImageNet weights are not cached (offline?)")

    def slow_second_look(*args, **kwargs):
        raise AssertionError("a folder of pets must not pay for the CNN face detector")

    monkeypatch.setattr(image_features, "imagenet_weights_file", offline)
    monkeypatch.setattr(FaceFeatures, "detect_cnn", slow_second_look)
    root = write_folder(
        tmp_path / "pets", {"cat": variants(shipped("chelsea"), 4, 1), "coffee": variants(shipped("coffee"), 4, 2)}
    )
    result = train_recognizer(root, RecognizerTrainConfig(backbone="auto", epochs=2), out=tmp_path / "p.keras")
    assert result.backbone == "scratch"
    assert any("Falling back" in m for m in result.messages)
    with pytest.raises(image_features.BackboneUnavailable):
        train_recognizer(root, RecognizerTrainConfig(backbone="imagenet", epochs=2))


def test_folder_runs_use_the_lectures_hyperparameters(tmp_path):
    import keras

    root = write_folder(
        tmp_path / "pets", {"cat": variants(shipped("chelsea"), 6, 1), "coffee": variants(shipped("coffee"), 6, 2)}
    )
    out = tmp_path / "pets.keras"
    config = RecognizerTrainConfig(
        backbone="scratch", epochs=2, optimizer="momentum", lr_decay=True, dropout=0.4, l2=1e-3, augment=False
    )
    result = train_recognizer(root, config, out=out)
    saved = keras.saving.load_model(out, safe_mode=True)  # with its optimizer
    convs = [layer for layer in saved.layers if isinstance(layer, keras.layers.Conv2D)]
    assert convs and all(layer.kernel_regularizer.l2 == pytest.approx(1e-3) for layer in convs)
    assert [layer.rate for layer in saved.layers if isinstance(layer, keras.layers.Dropout)] == [0.4]
    assert isinstance(saved.optimizer, keras.optimizers.SGD) and saved.optimizer.momentum == 0.9
    assert isinstance(saved.optimizer.learning_rate, keras.optimizers.schedules.LearningRateSchedule) or (
        saved.optimizer.learning_rate.numpy() < 0.002  # decayed by the end of the run
    )
    # The validation split comes back for the after-training report.
    assert len(result.val_labels) == 2 and result.val_probabilities.shape == (2, 2)  # a fifth of each class
    assert [p.parent.name for p in result.val_paths] == [result.classes[c] for c in result.val_labels]
    with pytest.raises(ValueError, match="unknown optimizer"):
        train_recognizer(root, RecognizerTrainConfig(backbone="scratch", optimizer="rmsprop"))


def _synthetic_people(counts: dict[str, int], seed: int = 0) -> dict[str, np.ndarray]:
    """Face-like embeddings: a shared offset (real embeddings are far from zero-mean), people ~0.6 apart."""
    rng = np.random.default_rng(seed)
    offset = rng.normal(0, 1, 128)
    offset /= np.linalg.norm(offset)
    out = {}
    for name, n in counts.items():
        centre = rng.normal(0, 1, 128)
        centre = offset + 0.4 * centre / np.linalg.norm(centre)
        out[name] = (centre + rng.normal(0, 0.03, (n, 128))).astype(np.float32)
    return out


def test_a_person_enrolled_from_one_photo_is_recognised(tmp_path, monkeypatch):
    from PIL import Image

    from training import feature_extraction
    from training.feature_extraction import Features

    counts = {"ada": 50, "bob": 1, "cy": 50}
    embeddings = _synthetic_people(counts)
    for name, n in counts.items():
        (tmp_path / "people" / name).mkdir(parents=True)
        for i in range(n):
            Image.fromarray(np.full((8, 8, 3), i, np.uint8)).save(tmp_path / "people" / name / f"{i:02d}.png")

    def synthetic_faces(dataset, report, cancel, cache_dir=None, auto=False):
        vectors = np.stack([embeddings[dataset.classes[c]][int(p.stem)] for p, c in zip(dataset.paths, dataset.labels)])
        n = len(dataset.paths)
        return Features(vectors, np.array(dataset.labels, np.int32), np.ones(n, bool), list(dataset.paths), n)

    monkeypatch.setattr(feature_extraction, "face_features", synthetic_faces)
    out = tmp_path / "faces.keras"
    result = train_recognizer(tmp_path / "people", RecognizerTrainConfig(backbone="face"), out=out)
    assert any(
        "class 'bob' has 1 training image and the largest 50: its image weighs more" in m for m in result.messages
    )
    assert any("only 1 image;" in m for m in result.messages)
    recognizer = Recognizer.load(out)
    recognizer.features = object()  # embeddings are given; no face finder needed
    (enrolled,) = recognizer.recognize_embeddings(embeddings["bob"], [None])
    assert enrolled.label == "bob"  # was "unknown": the head never predicted the rare class
    near = embeddings["bob"] + np.random.default_rng(1).normal(0, 0.02, (5, 128)).astype(np.float32)
    assert [r.label for r in recognizer.recognize_embeddings(near, [None] * 5)] == ["bob"] * 5
    assert [r.label for r in recognizer.recognize_embeddings(embeddings["ada"][:5], [None] * 5)] == ["ada"] * 5


def test_class_weights_make_every_class_count_the_same():
    from training.recognizer_training import class_weights

    weights = class_weights(np.array([0] * 50 + [1] + [2] * 25), 3)
    counts = np.array([50, 1, 25])
    assert np.allclose([weights[c] * counts[c] for c in range(3)], 76 / 3, rtol=1e-4)


def test_a_class_named_unknown_is_refused_for_training_only(tmp_path):
    from training.cli import main

    root = write_folder(
        tmp_path / "people",
        {"eileen": variants(shipped("astronaut"), 2, 1), "Unknown": variants(shipped("grace_hopper"), 2, 2)},
    )
    with pytest.raises(ValueError, match=r"people/Unknown is named 'Unknown'.*strangers.*rename it"):
        train_recognizer(root, RecognizerTrainConfig(backbone="face", epochs=1), out=tmp_path / "m.keras")
    assert not (tmp_path / "m.keras").exists()
    assert main(["faces", "train", str(root), "--out", str(tmp_path / "m.keras")]) == 1
    assert scan_folder(root).classes == ["Unknown", "eileen"]  # an evaluation folder may hold strangers
    assert any("'Unknown' cannot be trained" in w for w in scan_folder(root).warnings())
