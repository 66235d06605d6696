"""The CLI's ``--out`` and ``--model``: refused before any work, errors that name the user's files."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from models.model_file import load_metadata, metadata_path, save_model
from training.cli import main

RECOGNIZER = {"kind": "recognizer", "backbone": "scratch", "classes": ["cat", "dog"], "input_size": [4]}


def tiny_model():
    import keras

    inputs = keras.Input((4,))
    return keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(inputs))


@pytest.fixture()
def no_training(monkeypatch):
    """Training that fails the test if it starts: a bad ``--out`` must be refused first."""
    import training.digit_training
    import training.recognizer_training

    def started(*args, **kwargs):
        raise AssertionError("training started before --out was checked")

    monkeypatch.setattr(training.digit_training, "train_digits", started)
    monkeypatch.setattr(training.recognizer_training, "train_recognizer", started)


def bad_places(tmp_path) -> list[tuple[str, str]]:
    (tmp_path / "folder.keras").mkdir()
    (tmp_path / "file.txt").write_text("x")
    places = [
        (str(tmp_path / "model.h5"), "model files end in .keras"),
        (str(tmp_path / "folder.keras"), "is a folder"),
        (str(tmp_path / "file.txt" / "m.keras"), "is a file, not a folder"),
    ]
    if os.path.isdir("/proc/self"):  # read-only for everyone, root included
        places.append(("/proc/self/m.keras", "cannot save /proc/self/m.keras"))
    return places


@pytest.mark.parametrize("area", ["digits", "faces"])
def test_a_bad_out_is_refused_before_training(tmp_path, capsys, no_training, area):
    for out, message in bad_places(tmp_path):
        argv = (
            ["digits", "train", "--out", out] if area == "digits" else ["faces", "train", str(tmp_path), "--out", out]
        )
        assert main(argv) == 1, out
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err, err


@pytest.mark.parametrize("area", ["digits", "faces"])
def test_a_bad_out_is_refused_at_once_without_loading_tensorflow(tmp_path, area):
    """Refused before any work: not after the seconds ``import tensorflow`` takes (4–5 s here)."""
    argv = ["digits", "train"] if area == "digits" else ["faces", "train", str(tmp_path)]
    code = (
        "import sys; from training.cli import main; "
        f"code = main({[*argv, '--out', str(tmp_path / 'model.h5')]!r}); "
        "print(code, 'tensorflow' in sys.modules, 'keras' in sys.modules)"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["1", "False", "False"], done.stderr
    assert "model files end in .keras" in done.stderr


def fake_training(monkeypatch, then):
    """``digits train`` whose run saves a tiny model to ``--out`` through the real save, then does ``then``."""
    import training.digit_training

    def train(config, out, on_progress):
        save_model(tiny_model(), out, {**RECOGNIZER, "classes": ["new", "one"]})
        then()

    monkeypatch.setattr(training.digit_training, "train_digits", train)


def test_a_signal_between_the_renames_is_reported_as_saved(tmp_path, capsys, monkeypatch):
    out = save_model(tiny_model(), tmp_path / "m.keras", RECOGNIZER)
    real_replace = os.replace

    def replace_then_signal(src, dst):
        real_replace(src, dst)
        if str(dst) == str(out):  # Ctrl+C lands just after the model's rename
            raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", replace_then_signal)
    fake_training(monkeypatch, lambda: None)
    assert main(["digits", "train", "--out", str(out)]) == 130
    monkeypatch.setattr(os, "replace", real_replace)
    assert f"training stopped after saving {out}" in capsys.readouterr().err
    assert load_metadata(out)["classes"] == ["new", "one"]  # true: and labels and model agree
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.keras"]  # the old readable copy is not left to mislead


def test_a_run_stopped_before_saving_says_nothing_was_saved(tmp_path, capsys, monkeypatch):
    import training.digit_training

    out = save_model(tiny_model(), tmp_path / "m.keras", RECOGNIZER)

    def interrupted(config, out, on_progress):
        raise KeyboardInterrupt

    monkeypatch.setattr(training.digit_training, "train_digits", interrupted)
    assert main(["digits", "train", "--out", str(out)]) == 130
    assert "training stopped; nothing was saved" in capsys.readouterr().err
    assert load_metadata(out) == RECOGNIZER


def test_a_full_disk_names_the_out_path(tmp_path, capsys, monkeypatch):
    out = tmp_path / "m.keras"

    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device", str(src))

    monkeypatch.setattr(os, "replace", full)
    fake_training(monkeypatch, lambda: None)
    assert main(["digits", "train", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"could not save {out}: No space left on device" in err and ".tmp" not in err
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


@pytest.fixture()
def photo(tmp_path):
    """An ordinary picture to predict on: the model is refused before it is read."""
    from PIL import Image

    path = tmp_path / "photo.png"
    Image.new("RGB", (32, 32), "white").save(path)
    return str(path)


@pytest.fixture()
def face_model(tmp_path):
    path = tmp_path / "pets.keras"
    save_model(tiny_model(), path, RECOGNIZER)
    return path


@pytest.mark.parametrize("verb", ["predict", "evaluate"])
def test_a_face_model_given_to_digits_is_named_as_such(face_model, photo, capsys, verb):
    argv = ["digits", verb, "--model", str(face_model)] + ([photo] if verb == "predict" else [])
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert f"{face_model} is a face/pet recognizer (scratch backbone), not a digit model" in err
    assert "Traceback" not in err


def test_faces_with_a_missing_or_wrong_model_say_what_is_needed(tmp_path, photo, capsys):
    from models.digit_model import default_model_path

    absent = tmp_path / "absent.keras"
    assert main(["faces", "predict", "--model", str(absent), photo]) == 1
    assert f"no recognizer at {absent}: train one with 'digitface faces train DIR --out" in capsys.readouterr().err
    assert main(["faces", "evaluate", "--model", str(default_model_path()), str(tmp_path)]) == 1
    assert "digit_cnn.keras is a digit model, not a face/pet recognizer" in capsys.readouterr().err


def test_a_corrupt_metadata_file_is_named(tmp_path, photo, capsys):
    legacy = tmp_path / "legacy.keras"
    tiny_model().save(legacy)
    metadata_path(legacy).write_text('{"kind": "recognizer", "classes": ["a", "b"],, }')
    assert main(["faces", "predict", "--model", str(legacy), photo]) == 1
    err = capsys.readouterr().err
    assert f"{metadata_path(legacy)}: is not valid JSON" in err and "Traceback" not in err
    metadata_path(legacy).write_text(json.dumps({**RECOGNIZER, "confidence_threshold": -1}))
    assert main(["faces", "predict", "--model", str(legacy), photo]) == 1
    assert "legacy.json: field 'confidence_threshold': must lie in [0, 1]" in capsys.readouterr().err


@pytest.mark.parametrize("which", ["digits_in_use", "faces_in_use", "things_in_use"])
def test_the_windows_own_models_are_never_written_by_the_command_line(tmp_path, capsys, no_training, which):
    """Only *Use this model* replaces them: a run on the command line would swap the window's model behind it."""
    import models.paths

    out = getattr(models.paths, which)()
    for argv in (
        ["digits", "train", "--out", str(out)],
        ["digits", "train", "--out", str(out.parent.parent / "settings.keras")],  # its copy: settings.json
        ["faces", "train", str(tmp_path), "--out", str(out)],
        ["digits", "teach", "--out", str(out)],
    ):
        assert main(argv) == 1, argv
        assert "is a model the window uses" in capsys.readouterr().err
    assert not out.exists()


def test_a_folder_named_like_the_windows_recogniser_trains_beside_it(tmp_path, monkeypatch, capsys):
    """``faces train photos/faces`` had written over ``models/faces.keras``, the Faces tab's recogniser."""
    import training.recognizer_training
    from models.paths import faces_in_use

    written = []
    monkeypatch.setattr(
        training.recognizer_training, "train_recognizer", lambda root, config, out, on_progress: written.append(out)
    )
    (tmp_path / "faces").mkdir()
    main(["faces", "train", str(tmp_path / "faces")])
    assert written and written[0] != faces_in_use() and written[0].name == "faces_recognizer.keras"
    main(["faces", "train", str(tmp_path)])  # any other name keeps its own
    assert written[1].name == f"{tmp_path.name}.keras"


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["digits", "train", "--lr", "0", "--epochs", "1", "--limit", "300"], "must be a number above 0"),
        (["digits", "train", "--lr", "-1", "--epochs", "1", "--limit", "300"], "must be a number above 0"),
        (["digits", "train", "--lr", "inf", "--epochs", "1", "--limit", "300"], "must be a number above 0"),
        (["digits", "train", "--limit", "0"], "at least 2"),
        (["digits", "train", "--limit", "1"], "at least 2"),
        (["digits", "train", "--limit", "-3", "--epochs", "1"], "at least 2"),
        (["faces", "train", ""], "an empty DIR"),
        (["faces", "evaluate", "--model", "m.keras", ""], "an empty DIR"),
        (["digits", "train", "--out", ""], "--out is empty"),
        (["faces", "train", ".", "--epochs", "0"], "--epochs must be at least 1"),
        (["faces", "train", ".", "--epochs", "-3"], "--epochs must be at least 1"),
        (["faces", "train", ".", "--backbone", "face", "--fine-tune", "5"], "--fine-tune is for the imagenet"),
        (["digits", "teach", "--test-images", "0"], "at least one of the MNIST test digits"),
        (["digits", "teach", "--mnist-images", "0"], "at least one of the MNIST training digits"),
        (["digits", "predict", ""], "an empty PATH"),
        (["faces", "predict", "--model", "m.keras", ""], "an empty PATH"),
    ],
)
def test_settings_that_cannot_work_are_refused_before_any_work(argv, said, capsys):
    assert main(argv) in (1, 2)
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err, err
    assert "Error" not in err.replace("error:", "")  # one line of ours, not an exception's class name


def test_the_teach_help_gives_its_real_default(capsys):
    from training.handwriting import TeachConfig

    with pytest.raises(SystemExit):
        main(["digits", "teach", "--help"])
    assert f"training steps (default: {TeachConfig().steps})" in " ".join(capsys.readouterr().out.split())
