"""Bad pictures and paths in ``faces train`` and ``faces predict``: skipped with one line, never a crash."""

from __future__ import annotations

import contextlib
import io

import numpy as np
import pytest
from bad_inputs import (
    APPLE_DOUBLE,
    BAD,
    exif_jpeg,
    lock,
    stderr_lines_about,
    unlock,
    write_bad_inputs,
    write_good_variants,
)
from faces_data import shipped, variants, write_folder
from PIL import Image

pytest.importorskip("dlib")
pytest.importorskip("skimage")

from training.cli import main  # noqa: E402

# Named to sort last: when the last files of a run are skipped, the counter line still ends.
TRAIN_BAD = {"zz_truncated.jpg": "damaged", "zz_tiny.png": "too small", "zz_strip.png": "too elongated"}


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    root = write_folder(tmp_path_factory.mktemp("people"), {"grace": variants(shipped("grace_hopper"), 5, 2)})
    (root / "eileen").mkdir()
    for i, picture in enumerate(variants(shipped("astronaut"), 5, 1)):  # phone photos, stored sideways
        exif_jpeg(picture, root / "eileen" / f"{i:02d}.jpg", (3, 6, 8)[i % 3])
    jpeg = (root / "grace" / "00.jpg").read_bytes()
    (root / "grace" / "zz_truncated.jpg").write_bytes(jpeg[: len(jpeg) // 2])
    Image.new("RGB", (1, 1)).save(root / "grace" / "zz_tiny.png")
    Image.new("RGB", (2000, 20)).save(root / "grace" / "zz_strip.png")
    out = tmp_path_factory.mktemp("model") / "faces.keras"
    return out, run(["faces", "train", str(root), "--backbone", "face", "--epochs", "40", "--out", str(out)])


def test_training_says_which_pictures_it_skipped_on_lines_of_their_own(trained):
    _, (code, _, err) = trained
    assert code == 0, err
    assert "\nskipped 3 pictures that could not be used:\n" in err  # after the counter, not glued to it
    for name, why in TRAIN_BAD.items():
        (line,) = [line for line in err.splitlines() if f"grace/{name}:" in line]
        assert why in line
    assert "Traceback" not in err
    assert "faces found in 100% of the images" in err  # the sideways photos were read upright


def test_a_folder_of_bad_inputs_gets_one_line_each_and_every_face_named(trained, tmp_path, monkeypatch):
    model = trained[0]
    folder = tmp_path / "inbox"
    folder.mkdir()
    grace = variants(shipped("grace_hopper"), 1, 12)[0]
    Image.fromarray(variants(shipped("astronaut"), 1, 11)[0]).save(folder / "eileen.jpg", quality=95)
    exif_jpeg(grace, folder / "grace.jpg", 1)
    for orientation in (3, 6, 8):  # as phones store photos: turned, with a tag saying how to show them
        exif_jpeg(grace, folder / f"grace_turned{orientation}.jpg", orientation)
    good = write_good_variants(folder, grace)
    locked = write_bad_inputs(folder, grace)
    lock(locked, monkeypatch)
    try:
        code, out, err = run(["faces", "predict", "--model", str(model), str(folder)])
    finally:
        unlock(locked)
    assert code == 1
    answers: dict[str, list[str]] = {}
    for line in out.strip().splitlines():
        path, *fields = line.split("\t")
        answers.setdefault(path.rsplit("/", 1)[1], fields)  # the surest face of each picture
    turned = ["grace_turned3.jpg", "grace_turned6.jpg", "grace_turned8.jpg"]
    assert set(answers) == {"eileen.jpg", "grace.jpg", *turned, *good}
    assert answers["eileen.jpg"][0] == "eileen"
    upright_box = np.array(answers["grace.jpg"][2:], int)
    for name in ("grace.jpg", *turned, "cmyk.jpg", "anim.gif"):
        assert answers[name][0] == "grace", name
        assert np.abs(np.array(answers[name][2:], int) - upright_box).max() <= 12, name  # the same face, upright
    for name, why in BAD.items():
        (line,) = stderr_lines_about(err, name)
        assert why in line, line
    assert APPLE_DOUBLE not in err + out and "Traceback" not in err


def test_evaluate_names_each_skipped_picture_and_scores_the_rest(trained, tmp_path):
    root = write_folder(
        tmp_path / "labelled",
        {"eileen": variants(shipped("astronaut"), 1, 21), "grace": variants(shipped("grace_hopper"), 1, 22)},
    )
    Image.new("RGB", (300, 5)).save(root / "grace" / "thin.png")
    (root / "eileen" / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really")
    code, out, err = run(["faces", "evaluate", "--model", str(trained[0]), str(root)])
    assert code == 0 and out.strip().splitlines()[-1] == "accuracy 1.0000"
    assert "grace/thin.png: skipped: picture too small" in err
    assert "eileen/broken.jpg: skipped: " in err and "skipped 2 unreadable files" in err


def test_a_large_photo_is_read_reduced_and_its_face_box_given_in_its_own_pixels(trained, tmp_path):
    from models.image_io import FACE_MAX_SIDE

    grace = variants(shipped("grace_hopper"), 1, 12)[0]
    Image.fromarray(grace).save(tmp_path / "small.jpg", quality=95)
    h, w = grace.shape[:2]
    factor = 6  # 3072×3600: read at most 2000 px, boxes scaled back
    assert max(h, w) * factor > FACE_MAX_SIDE
    Image.fromarray(grace).resize((w * factor, h * factor), Image.Resampling.BICUBIC).save(
        tmp_path / "large.jpg", quality=90
    )
    code, out, err = run(["faces", "predict", "--model", str(trained[0]), str(tmp_path)])
    assert code == 0, err
    boxes = {}
    for line in out.strip().splitlines():
        path, label, _, *box = line.split("\t")
        assert label == "grace"
        boxes.setdefault(path.rsplit("/", 1)[1], np.array(box, float))
    # HOG's boxes vary a little with scale; read unscaled, the large box would be 1.8× too small.
    small, large = factor * boxes["small.jpg"], boxes["large.jpg"]
    width = small[2] - small[0]
    assert 0.85 <= (large[2] - large[0]) / width <= 1.15
    centre = lambda box: np.array([box[0] + box[2], box[1] + box[3]]) / 2  # noqa: E731
    assert np.abs(centre(large) - centre(small)).max() <= 0.1 * width


def test_training_on_a_dataset_gives_no_keras_shuffle_warning(tmp_path):
    import warnings

    from training.recognizer_training import RecognizerTrainConfig, train_recognizer

    root = write_folder(
        tmp_path / "pets", {"cat": variants(shipped("chelsea"), 5, 1), "mug": variants(shipped("coffee"), 5, 2)}
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        train_recognizer(root, RecognizerTrainConfig(backbone="scratch", epochs=1), cache_dir=tmp_path / "c")
    assert not [w for w in caught if "shuffle" in str(w.message)]
