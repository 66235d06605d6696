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
    root = write_folder(
        tmp_path_factory.mktemp("people"),
        {"eileen": variants(shipped("astronaut"), 5, 1), "grace": variants(shipped("grace_hopper"), 5, 2)},
    )
    jpeg = (root / "grace" / "00.jpg").read_bytes()
    (root / "grace" / "zz_truncated.jpg").write_bytes(jpeg[: len(jpeg) // 2])
    Image.new("RGB", (1, 1)).save(root / "grace" / "zz_tiny.png")
    Image.new("RGB", (2000, 20)).save(root / "grace" / "zz_strip.png")
    out = tmp_path_factory.mktemp("model") / "faces.keras"
    return out, run(["faces", "train", str(root), "--backbone", "face", "--epochs", "40", "--out", str(out)])


def test_training_says_which_pictures_it_skipped_on_lines_of_their_own(trained):
    _, (code, _, err) = trained
    assert code == 0, err
    assert "\nskipped 3 picture(s) that could not be used:\n" in err  # after the counter, not glued to it
    for name, why in TRAIN_BAD.items():
        (line,) = [line for line in err.splitlines() if f"grace/{name}:" in line]
        assert why in line
    assert "Traceback" not in err


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
