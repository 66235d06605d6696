"""Model metadata is checked when a model is loaded: bad files give one clear error naming the file and field."""

from __future__ import annotations

import json
import math
import zipfile
from pathlib import Path
from unittest import mock

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.metadata import MetadataError, validate_metadata
from models.model_file import load_metadata, metadata_path

FACE = {
    "kind": "recognizer",
    "backbone": "face",
    "classes": ["alice", "bob"],
    "input_size": [128],
    "feature_size": 128,
    "confidence_threshold": 0.0,
    "distance_threshold": 0.46,
    "references": {"alice": [[0.1] * 128], "bob": [[-0.1] * 128, [0.0] * 128]},
    "val_accuracy": 0.9,
}


def face_head(classes: int = 2):
    import keras

    inputs = keras.Input((128,))
    return keras.Model(inputs, keras.layers.Dense(classes, activation="softmax")(inputs))


@pytest.fixture(scope="module")
def face_model_file(tmp_path_factory):
    """A face head saved the old way (metadata only beside it), so each test writes the ``.json`` it needs."""
    path = tmp_path_factory.mktemp("face") / "head.keras"
    face_head().save(path)
    return path


def with_json(path, meta) -> None:
    metadata_path(path).write_text(json.dumps(meta))


def load_recognizer(path):
    from models.recognizer import Recognizer

    with mock.patch("models.face_features.FaceFeatures", lambda: object()):  # no dlib needed to check metadata
        return Recognizer.load(path)


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        ({"distance_threshold": float("nan")}, "distance_threshold", "finite"),
        ({"distance_threshold": -0.2}, "distance_threshold", r"must lie in \(0, 2\]"),
        ({"distance_threshold": 0}, "distance_threshold", r"must lie in \(0, 2\]"),
        ({"confidence_threshold": float("inf")}, "confidence_threshold", "finite"),
        ({"confidence_threshold": 1.5}, "confidence_threshold", r"\[0, 1\]"),
        ({"confidence_threshold": "0.5"}, "confidence_threshold", "must be a number"),
        ({"classes": None}, "classes", "list of at least two"),
        ({"classes": ["alice", "alice"]}, "classes", "twice"),
        ({"backbone": "resnet"}, "backbone", "must be one of face, imagenet, scratch"),
        ({"kind": None}, "kind", "must be one of digits, recognizer"),
        ({"input_size": [128.5]}, "input_size", "whole numbers"),
        ({"references": {"alice": [[0.1] * 128]}}, "references", "no enrolled face for bob"),
        ({"references": {"alice": [[0.1] * 127], "bob": [[0.1] * 128]}}, "references.alice", "128 numbers"),
        ({"references": {"alice": [[math.nan] * 128], "bob": [[0.1] * 128]}}, "references.alice", "finite"),
        ({"references": {"carol": [[0.1] * 128], "alice": [[0.1] * 128]}}, "references.carol", "not one of"),
        ({"val_accuracy": "high"}, "val_accuracy", "must be a number"),
        ({"config": {"label_smoothing": "0.1"}}, "config.label_smoothing", "must be a number"),
        ({"config": []}, "config", "must be an object"),
        # An enrolled person named like the strangers' answer would be printed as a stranger.
        (
            {"classes": ["alice", "Unknown"], "references": {"alice": [[0.1] * 128], "Unknown": [[-0.1] * 128]}},
            "classes",
            "'Unknown', which is what the recogniser answers for strangers",
        ),
    ],
)
def test_bad_fields_are_named(face_model_file, change, field, problem):
    with_json(face_model_file, {**FACE, **change})
    with pytest.raises(MetadataError, match=rf"head\.json: field '{field}': .*{problem}"):
        load_recognizer(face_model_file)


@pytest.mark.parametrize("missing", ["kind", "classes", "backbone", "input_size", "references"])
def test_missing_keys_are_named(face_model_file, missing):
    with_json(face_model_file, {k: v for k, v in FACE.items() if k != missing})
    with pytest.raises(MetadataError, match=rf"head\.json: field '{missing}': is missing"):
        load_recognizer(face_model_file)


def test_nan_thresholds_written_by_hand_are_refused(face_model_file):
    """Python's JSON reader takes NaN and Infinity: with them everyone or no one would be named."""
    metadata_path(face_model_file).write_text(json.dumps(FACE).replace("0.46", "NaN"))
    with pytest.raises(MetadataError, match="distance_threshold"):
        load_recognizer(face_model_file)


@pytest.mark.parametrize("classes", [["alice", "bob", "carol"], ["alice", "bob", "carol", "dan"]])
def test_a_class_list_that_does_not_match_the_outputs_is_refused(face_model_file, classes):
    refs = {c: [[0.0] * 128] for c in classes}
    with_json(face_model_file, {**FACE, "classes": classes, "references": refs})
    with pytest.raises(MetadataError, match=rf"field 'classes': lists {len(classes)} classes but the model gives 2"):
        load_recognizer(face_model_file)


def test_an_input_size_that_does_not_match_the_model_is_refused(face_model_file):
    with_json(face_model_file, {**FACE, "backbone": "scratch", "input_size": [96, 96, 3]})
    with pytest.raises(MetadataError, match=r"field 'input_size': says \[96, 96, 3\] but the model reads \[128\]"):
        load_recognizer(face_model_file)


def test_valid_metadata_loads_and_names(face_model_file):
    with_json(face_model_file, FACE)
    recognizer = load_recognizer(face_model_file)
    assert recognizer.classes == ["alice", "bob"] and recognizer.distance_threshold == 0.46
    candidate, _, distance = recognizer.decide(np.array([[0.9, 0.1]]), np.full((1, 128), 0.1, np.float32))[0]
    assert candidate == "alice" and distance == pytest.approx(0.0, abs=1e-5)


def test_a_missing_recognizer_says_what_is_needed(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"no recognizer at .*absent\.keras: train one with 'digitface faces"):
        load_recognizer(tmp_path / "absent.keras")


def test_a_model_without_metadata_is_not_a_recognizer(tmp_path):
    path = tmp_path / "bare.keras"
    face_head().save(path)
    with pytest.raises(ValueError, match=r"bare\.keras has no DigitFace metadata .*bare\.json.*train one with"):
        load_recognizer(path)


def test_the_digit_model_is_not_a_recognizer():
    from models.digit_model import default_model_path

    with pytest.raises(ValueError, match=r"digit_cnn\.keras is a digit model, not a face/pet recognizer") as refused:
        load_recognizer(default_model_path())
    assert f"--out {default_model_path()}" not in str(refused.value)  # its advice must not train over the digit model


def test_a_face_model_is_not_a_digit_model(face_model_file, tmp_path):
    from models.digit_model import DigitPredictor

    with_json(face_model_file, FACE)
    with pytest.raises(ValueError, match=r"head\.keras is a face/pet recognizer \(face backbone\), not a digit model"):
        DigitPredictor.load(face_model_file)
    bare = tmp_path / "bare.keras"  # no metadata at all: its shape gives it away
    face_head().save(bare)
    with pytest.raises(ValueError, match=r"bare\.keras is not a digit model: it reads \(128,\) inputs"):
        DigitPredictor.load(bare)


def test_a_digit_model_with_other_classes_is_refused(tmp_path):
    import shutil

    from models.digit_model import DigitPredictor, default_model_path

    path = tmp_path / "digits.keras"
    meta = json.loads(metadata_path(default_model_path()).read_text())
    # The shipped model carries its metadata inside the archive: write a copy whose classes were edited.
    with zipfile.ZipFile(default_model_path()) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            if item.filename != "digitface.json":
                target.writestr(item, source.read(item))
        target.writestr("digitface.json", json.dumps({**meta, "classes": list("0123456789")[::-1]}))
    shutil.copyfile(metadata_path(default_model_path()), metadata_path(path))
    with pytest.raises(MetadataError, match=r"digits\.keras \(digitface\.json inside it\): field 'classes': a digit"):
        DigitPredictor.load(path)


# --- property: any JSON gives a valid model or one clear error naming the file --------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
FIELDS = [*FACE, "kind", "feature_size", "references.alice", "references.bob", "other"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=json_values)
def test_any_json_document_is_metadata_or_a_clear_error(tmp_path, value):
    path = tmp_path / "m.keras"
    path.write_bytes(b"not even a zip")  # only the metadata is read here
    metadata_path(path).write_text(json.dumps(value))
    try:
        meta = load_metadata(path)
    except MetadataError as exc:
        assert str(metadata_path(path)) in str(exc)
    else:
        assert validate_metadata(meta, "again") is meta


@settings(max_examples=60, deadline=None)
@given(field=st.sampled_from(FIELDS), value=json_values | st.just("<deleted>"))
def test_any_change_to_a_recognizers_metadata_loads_or_names_the_file(face_model_file, field, value):
    meta = json.loads(json.dumps(FACE))
    target, key = (meta["references"], field.split(".")[1]) if field.startswith("references.") else (meta, field)
    if value == "<deleted>":
        target.pop(key, None)
    else:
        target[key] = value
    metadata_path(face_model_file).write_text(json.dumps(meta))
    try:
        recognizer = load_recognizer(face_model_file)
    except ValueError as exc:  # MetadataError or "not a recognizer", never KeyError, TypeError, IndexError…
        assert str(face_model_file.with_suffix("")) in str(exc)
        return
    # What loaded can name a face: no IndexError from a class list of the wrong length, no NaN threshold.
    embedding = np.zeros((1, 128), np.float32)
    for probabilities in np.eye(2):
        candidate, confidence, distance = recognizer.decide(probabilities[None], embedding)[0]
        assert candidate in recognizer.classes
        recognizer.label_for(candidate, confidence, distance)
    assert math.isfinite(recognizer.distance_threshold) and math.isfinite(recognizer.confidence_threshold)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=64))
def test_any_bytes_are_metadata_or_a_clear_error(tmp_path, data):
    path = tmp_path / "m.keras"
    path.write_bytes(b"not even a zip")
    metadata_path(path).write_bytes(data)
    try:
        load_metadata(path)
    except MetadataError as exc:
        assert str(metadata_path(path)) in str(exc)


DIGITS = json.loads(metadata_path(Path(__file__).resolve().parent.parent / "assets" / "digit_cnn.keras").read_text())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from([*DIGITS, "config.label_smoothing"]), value=json_values | st.just("<deleted>"))
def test_any_change_to_a_digit_models_metadata_loads_or_names_the_file(tmp_path, field, value):
    meta = json.loads(json.dumps(DIGITS))
    target, key = (meta["config"], "label_smoothing") if field.startswith("config.") else (meta, field)
    if value == "<deleted>":
        target.pop(key, None)
    else:
        target[key] = value
    path = tmp_path / "digits.keras"
    path.write_bytes(b"the weights are not read here")
    metadata_path(path).write_text(json.dumps(meta))
    try:
        meta = load_metadata(path)
    except MetadataError as exc:
        assert str(metadata_path(path)) in str(exc)
        return
    # What the Digits tab does with a model's metadata works on whatever loaded.
    accuracy = meta.get("test_accuracy")
    smoothing = (meta.get("config") or {}).get("label_smoothing") or 0
    assert meta["classes"] in ([str(d) for d in range(10)], [*(str(d) for d in range(10)), "not a digit"])
    assert (accuracy is None or 0 <= 100 * accuracy <= 100) and 0 <= 1 - smoothing + smoothing / 10 <= 1
