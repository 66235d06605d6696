"""Whole-picture recognition of live frames: one compiled call, traced once, answering as the eager path does."""

from __future__ import annotations

import numpy as np
import pytest
from faces_data import shipped, train_things, variants, write_folder

pytest.importorskip("skimage")

from models.recognizer import UNKNOWN, Recognizer  # noqa: E402
from training.recognizer_training import RecognizerTrainConfig, train_recognizer  # noqa: E402


@pytest.fixture(scope="module")
def things_model(tmp_path_factory):
    """A tiny scratch recogniser of a cat and a coffee cup, trained in seconds."""
    return train_things(tmp_path_factory)


def test_live_frames_answer_as_single_pictures_do_with_one_tracing(things_model):
    recognizer = Recognizer.load(things_model)
    assert recognizer.uses_distance  # trained now: references and a distance threshold
    frames = [*variants(shipped("chelsea"), 3, 5), *variants(shipped("coffee"), 3, 6)]
    frames = [np.ascontiguousarray(f[:, : f.shape[1] - 7 * i]) for i, f in enumerate(frames)]  # sizes differ
    for frame in frames:
        live, still = recognizer.recognize(frame, live=True)[0], recognizer.recognize(frame)[0]
        assert live.candidate == still.candidate and live.label == still.label
        assert live.confidence == pytest.approx(still.confidence, abs=1e-4)
        assert live.distance == pytest.approx(still.distance, abs=1e-4)
        assert len(live.probabilities) == 2 and sum(live.probabilities) == pytest.approx(1, abs=1e-4)
        assert live.probabilities[recognizer.classes.index(live.candidate)] == pytest.approx(live.confidence)
    assert recognizer.traces == 1  # every frame size went through the same concrete function


def test_live_frames_of_a_model_without_references_use_the_confidence_rule(things_model):
    recognizer = Recognizer.load(things_model)
    del recognizer.metadata["references"]  # as a model saved before the open set
    assert not recognizer.uses_distance
    recognizer.confidence_threshold = 1.01  # nothing is that sure
    found = recognizer.recognize(shipped("chelsea"), live=True)
    assert [r.label for r in found] == [UNKNOWN] and found[0].distance is None
    assert len(found[0].probabilities) == 2
    recognizer.confidence_threshold = 0.0
    assert recognizer.relabel(found)[0].label == found[0].candidate
    assert recognizer.relabel(found)[0].probabilities == found[0].probabilities


def test_live_frames_with_the_real_imagenet_backbone(tmp_path, monkeypatch):
    """The MobileNetV2 path as a user with cached weights has it (skipped without ../shared/weights)."""
    import shutil

    import keras
    from conftest import REPO

    from models import image_features

    shared = REPO.parent / "shared" / "weights" / "keras" / image_features.weights_name(224)
    if not shared.is_file():
        pytest.skip("../shared/weights/keras is absent")
    (tmp_path / "keras" / "models").mkdir(parents=True)
    shutil.copyfile(shared, tmp_path / "keras" / "models" / shared.name)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.setattr(keras.utils, "get_file", lambda *a, **k: pytest.fail("tests never download"))
    root = write_folder(
        tmp_path / "things", {"cat": variants(shipped("chelsea"), 8, 1), "coffee": variants(shipped("coffee"), 8, 2)}
    )
    out = tmp_path / "things.keras"
    train_recognizer(root, RecognizerTrainConfig(backbone="imagenet"), out=out, cache_dir=tmp_path / "cache")
    recognizer = Recognizer.load(out)
    assert recognizer.backbone == "imagenet" and recognizer.uses_distance
    for name, photo in (("cat", "chelsea"), ("coffee", "coffee")):
        frame = variants(shipped(photo), 1, 9)[0]
        live, still = recognizer.recognize(frame, live=True)[0], recognizer.recognize(frame)[0]
        assert live.label == still.label == name
        assert live.distance == pytest.approx(still.distance, abs=1e-3)
        assert live.confidence == pytest.approx(still.confidence, abs=1e-3)
    assert recognizer.traces == 1
