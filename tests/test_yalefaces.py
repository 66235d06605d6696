"""Face recognition on real photos: the Yale faces in ../shared (skipped cleanly where absent)."""

from __future__ import annotations

import shutil

import pytest
from conftest import SHARED

pytest.importorskip("dlib")
YALE = SHARED / "yalefaces"
pytestmark = pytest.mark.skipif(not YALE.is_dir(), reason="../shared/datasets/yalefaces is not here")

from models.recognizer import UNKNOWN, Recognizer  # noqa: E402
from training.cli import main  # noqa: E402
from training.recognizer_evaluation import predict_label  # noqa: E402

PEOPLE = ["subject01", "subject02", "subject03", "subject04", "subject05", "subject06"]
SHOTS = ["normal.gif", "happy.gif", "glasses.gif"]


@pytest.fixture(scope="module")
def enrolled(tmp_path_factory):
    root = tmp_path_factory.mktemp("yale")
    for person in PEOPLE[:4]:
        (root / person).mkdir()
        for shot in SHOTS:
            shutil.copy(YALE / person / shot, root / person / shot)
    out = root.parent / "yale.keras"
    assert main(["faces", "train", str(root), "--out", str(out)]) == 0
    return Recognizer.load(out), out


def test_three_photos_per_person_are_enough(enrolled):
    recognizer, _ = enrolled
    tests = [(p, path) for p in PEOPLE[:4] for path in sorted((YALE / p).iterdir()) if path.name not in SHOTS]
    right = sum(predict_label(recognizer, path) == person for person, path in tests)
    assert right / len(tests) >= 0.9


def test_people_never_enrolled_are_unknown(enrolled):
    recognizer, _ = enrolled
    strangers = [path for p in PEOPLE[4:] for path in sorted((YALE / p).iterdir())]
    rejected = sum(predict_label(recognizer, path) == UNKNOWN for path in strangers)
    assert rejected / len(strangers) >= 0.85


def test_cli_evaluate_with_strangers(enrolled, tmp_path, capsys):
    _, model = enrolled
    for person in ("subject01", "subject05"):  # one enrolled, one stranger
        shutil.copytree(YALE / person, tmp_path / person)
    assert main(["faces", "evaluate", "--model", str(model), str(tmp_path)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("subject01\t") and lines[1].startswith("subject05\t")
    assert lines[-1].startswith("accuracy ") and float(lines[-1].split()[1]) >= 0.85


def test_cli_predict_on_gifs(enrolled, capsys):
    _, model = enrolled
    assert main(["faces", "predict", "--model", str(model), str(YALE / "subject02")]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.strip().splitlines()]
    assert len(rows) >= 10 and all(len(r) in (3, 7) for r in rows)
    assert sum(r[1] == "subject02" for r in rows) >= 9


def test_side_lit_faces_are_found_by_the_cnn_detector(monkeypatch):
    from models.face_features import FaceFeatures
    from models.image_io import read_image
    from training.folder_dataset import as_rgb

    faces = FaceFeatures()
    # HOG finds no face in these harsh side-light photos; a photo expected to hold one gets a second look.
    for path in (YALE / "subject01" / "rightlight.gif", YALE / "subject13" / "leftlight.gif"):
        rgb = as_rgb(read_image(path))
        assert faces.detect(rgb) == []
        (box,) = faces.detect(rgb, thorough=True)
        assert 80 <= box.width <= 160 and 60 <= (box.left + box.right) / 2 <= 260  # the face, mid-picture

    def too_slow_for_video(*args, **kwargs):
        raise AssertionError("video frames must never pay for the CNN detector")

    monkeypatch.setattr(faces, "detect_cnn", too_slow_for_video)
    faces.detect(rgb, live=True, thorough=True)
