"""Exported models give the app's answers in each format's own runtime, and the example beside them runs."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys

import numpy as np
import pytest
from conftest import paste_digit
from PIL import Image

from models.digit_preprocess import preprocess_batch
from models.model_file import save_model
from training.canvas_drawing import render_strokes
from training.cli import main
from training.export import export_digits, export_faces
from training.non_digits import LETTERS

pytestmark = pytest.mark.slow
OUT_NAME = {"onnx": "digits.onnx", "tflite": "digits.tflite", "savedmodel": "digits_savedmodel"}


def runtime(fmt: str, path):
    """The exported model in its own runtime, as a function (N, ...) → probabilities; no Keras involved."""
    if fmt == "onnx":
        onnxruntime = pytest.importorskip("onnxruntime")
        session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        name = session.get_inputs()[0].name
        return lambda x: session.run(None, {name: x})[0]
    import tensorflow as tf

    if fmt == "savedmodel":
        loaded = tf.saved_model.load(str(path))
        return lambda x: loaded.serve(tf.constant(x)).numpy()
    try:
        from ai_edge_litert.interpreter import Interpreter
    except ImportError:
        Interpreter = tf.lite.Interpreter  # noqa: N806
    interpreter = Interpreter(model_path=str(path))

    def run(x):
        index = interpreter.get_input_details()[0]["index"]
        interpreter.resize_tensor_input(index, x.shape)
        interpreter.allocate_tensors()
        interpreter.set_tensor(index, x)
        interpreter.invoke()
        return interpreter.get_tensor(interpreter.get_output_details()[0]["index"])

    return run


def run_example(example, *args) -> str:
    """Run an example as a user would: its own folder, a fresh interpreter, no DigitFace on the path."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, example.name, *map(str, args)],
        cwd=example.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def mnist_inputs(mnist_test):
    x, found = preprocess_batch(mnist_test.images)
    return x[found]


@pytest.mark.parametrize("fmt", ["onnx", "tflite", "savedmodel"])
def test_exported_digit_model_agrees_with_the_app(fmt, tmp_path, predictor, mnist_inputs, mnist_test):
    if fmt == "onnx":
        pytest.importorskip("tf2onnx")
    result = export_digits(None, fmt, tmp_path / OUT_NAME[fmt])
    assert result.model.exists() and result.input_shape == (None, 28, 28, 1)
    exported = runtime(fmt, result.model)
    app = np.concatenate(
        [predictor.probabilities(mnist_inputs[i : i + 2000]) for i in range(0, len(mnist_inputs), 2000)]
    )
    ours = np.concatenate([exported(mnist_inputs[i : i + 2000]) for i in range(0, len(mnist_inputs), 2000)])
    assert ours.shape == app.shape
    assert np.mean(ours.argmax(1) == app.argmax(1)) >= 0.998
    # The example beside it reads a big drawing of the first test digit just as the app does.
    picture = tmp_path / "drawing.png"
    Image.fromarray(paste_digit(mnist_test.images[0], 300, 200, 40, 60)).save(picture)
    expected = predictor.predict_image(np.asarray(Image.open(picture)))
    path, digit, confidence = run_example(result.example, picture).strip().split("\t")
    assert (int(digit), float(confidence)) == (expected.digit, pytest.approx(expected.confidence, abs=1e-3))
    # …and says "-" for a drawn letter, as the app says "not a digit".
    letter = tmp_path / "letter.png"
    Image.fromarray(render_strokes(LETTERS["A"], np.random.default_rng(3))).save(letter)
    refused = predictor.predict_image(np.asarray(Image.open(letter)))
    assert refused.not_digit
    path, digit, confidence = run_example(result.example, letter).strip().split("\t")
    assert digit == "-" and float(confidence) == pytest.approx(refused.confidence, abs=1e-3)
    # A phone's photo is stored sideways with an EXIF tag: the example turns it upright, as the app does.
    sideways = tmp_path / "sideways.png"
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: turn 90° clockwise to view
    Image.open(picture).rotate(90, expand=True).save(sideways, exif=exif)
    assert predictor.predict_image(np.asarray(Image.open(sideways))) != expected  # as stored, it reads otherwise
    path, digit, confidence = run_example(result.example, sideways).strip().split("\t")
    assert (int(digit), float(confidence)) == (expected.digit, pytest.approx(expected.confidence, abs=1e-3))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [OUT_NAME[fmt], result.example.name, "digit_preprocess.py", "drawing.png", "letter.png", "sideways.png"]
    )


def test_an_mlp_exports_like_the_cnn(tmp_path, mnist_inputs):
    import keras

    from models.digit_model import DigitPredictor, build_digit_mlp

    keras.utils.set_random_seed(3)
    model_file = save_model(
        build_digit_mlp((16, 16), "tanh"),
        tmp_path / "mlp.keras",
        {"kind": "digits", "classes": [str(d) for d in range(10)]},
    )
    result = export_digits(model_file, "tflite", tmp_path / "mlp.tflite")
    x = mnist_inputs[:2000]
    app = DigitPredictor.load(model_file).probabilities(x)
    np.testing.assert_allclose(runtime("tflite", result.model)(x), app, atol=1e-5)


def test_cli_export_and_bad_model(tmp_path, capsys):
    out = tmp_path / "digits.tflite"
    assert main(["digits", "export", "--format", "tflite", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"exported {out}" in printed and "(N, 28, 28, 1)" in printed and "digits_tflite_example.py" in printed
    bad = tmp_path / "broken.keras"
    bad.write_bytes(b"not a model")
    assert main(["digits", "export", "--format", "onnx", "--model", str(bad), "--out", str(tmp_path / "b.onnx")]) == 1
    assert "broken.keras" in capsys.readouterr().err
    assert not (tmp_path / "b.onnx").exists()
    assert main(["faces", "export", "--format", "onnx", "--model", str(bad), "--out", str(tmp_path / "b.onnx")]) == 1
    assert "broken.keras" in capsys.readouterr().err
    recognizer = {"kind": "recognizer", "backbone": "scratch", "classes": ["a", "b"], "input_size": [28, 28, 1]}
    (tmp_path / "broken.json").write_text(json.dumps(recognizer))  # a face model is no digit model
    assert main(["digits", "export", "--format", "onnx", "--model", str(bad), "--out", str(tmp_path / "b.onnx")]) == 1
    assert "broken.keras is not a digit model" in capsys.readouterr().err


def _export_cli(area: str, fmt: str, out, model) -> int:
    return main([area, "export", "--format", fmt, "--out", str(out), "--model", str(model)])


def test_an_export_never_replaces_what_is_not_an_earlier_export(tmp_path, capsys):
    """A SavedModel export replaces a whole folder: a folder of photos, or the model itself, is refused."""
    from models.digit_model import default_model_path

    model = tmp_path / "mine.keras"
    model.write_bytes(default_model_path().read_bytes())
    (tmp_path / "mine.json").write_bytes(default_model_path().with_suffix(".json").read_bytes())
    kept = model.read_bytes()
    photos = tmp_path / "photos"
    (photos / "sub").mkdir(parents=True)
    (photos / "one.png").write_bytes(b"a photo")
    (photos / "sub" / "two.png").write_bytes(b"another")
    cases = [
        ("savedmodel", photos, "is not an earlier SavedModel export"),
        ("savedmodel", model, "is the model being exported"),
        ("onnx", model, "is the model being exported"),
        ("tflite", tmp_path / "mine.json", "ends in .tflite"),
        ("onnx", tmp_path / "other.keras", "ends in .onnx"),
        ("tflite", photos / "sub.tflite", None),  # a folder named like a file: said, not replaced
        ("onnx", tmp_path / "mine.json" / "x.onnx", "is a file, not a folder"),
        ("savedmodel", tmp_path / ".", "is not an earlier SavedModel export"),
        # A folder that does not exist yet, then "..": the path exists once the export has made the folder.
        ("savedmodel", tmp_path / "missing" / ".." / "photos", "is not an earlier SavedModel export"),
        ("savedmodel", tmp_path / "zz" / ".." / "mine.keras", "is the model being exported"),
    ]
    (photos / "sub.tflite").mkdir()
    for fmt, out, said in cases:
        assert _export_cli("digits", fmt, out, model) == 1, (fmt, out)
        err = capsys.readouterr().err
        assert said is None or said in err, err
        assert "Traceback" not in err
    assert "is a folder" in (_export_cli("digits", "tflite", photos / "sub.tflite", model), capsys.readouterr().err)[1]
    assert model.read_bytes() == kept
    assert sorted(str(p.relative_to(photos)) for p in photos.rglob("*")) == [
        "one.png",
        "sub",
        "sub.tflite",
        "sub/two.png",
    ]
    assert not list(tmp_path.glob(".*"))  # nothing half-made left behind
    assert not (tmp_path / "missing").exists() and not (tmp_path / "zz").exists()
    # An earlier SavedModel export is what may be replaced, and nothing beside it.
    earlier = tmp_path / "mine_savedmodel"
    assert _export_cli("digits", "savedmodel", earlier, model) == 0
    (tmp_path / ".mine_savedmodel.old").mkdir()  # the person's own folder, named as the old export once went
    (tmp_path / ".mine_savedmodel.old" / "keep.png").write_bytes(b"mine")
    assert _export_cli("digits", "savedmodel", earlier, model) == 0
    assert (earlier / "saved_model.pb").is_file()
    assert (tmp_path / ".mine_savedmodel.old" / "keep.png").read_bytes() == b"mine"


def test_a_digit_export_checks_the_model_is_a_digit_model(tmp_path, capsys):
    import keras

    inputs = keras.Input((32, 32, 3))
    outputs = keras.layers.Dense(10, activation="softmax")(keras.layers.Flatten()(inputs))
    meta = {"kind": "digits", "classes": [str(d) for d in range(10)]}
    model_file = save_model(keras.Model(inputs, outputs), tmp_path / "wrong.keras", meta)
    assert _export_cli("digits", "tflite", tmp_path / "wrong.tflite", model_file) == 1
    assert "wrong.keras is not a digit model" in capsys.readouterr().err
    assert not (tmp_path / "wrong.tflite").exists()


def test_a_full_disk_while_writing_the_example_keeps_the_earlier_export(tmp_path, monkeypatch):
    from pathlib import Path

    first = export_digits(None, "tflite", tmp_path / "digits.tflite")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    real_write = Path.write_text

    def full_disk(self, text, *args, **kwargs):
        if self.name.endswith("_example.py"):
            self.open("w").close()  # as a real full disk: the file is opened (emptied), then the write fails
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(self, text, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", full_disk)
    with pytest.raises(OSError):
        export_digits(None, "tflite", first.model)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_a_failed_export_keeps_the_previous_one(tmp_path, monkeypatch):
    out = tmp_path / "digits.tflite"
    out.write_bytes(b"the export in use")
    real_replace = os.replace

    def full_disk(src, dst):
        if str(dst) == str(out):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError):
        export_digits(None, "tflite", out)
    assert out.read_bytes() == b"the export in use"
    assert [p.name for p in tmp_path.iterdir()] == ["digits.tflite"]  # no temporary left behind


def test_a_face_head_exports_and_its_example_names_the_face(tmp_path):
    pytest.importorskip("skimage")
    import keras
    from faces_data import shipped

    from models.recognizer import Recognizer, build_head

    keras.utils.set_random_seed(5)
    head = build_head(128, 3)
    kernel, bias = head.layers[-1].get_weights()
    head.layers[-1].set_weights([kernel * 20, bias])  # decisive answers, so a tiny numeric difference cannot flip one
    meta = {"kind": "recognizer", "classes": ["ada", "bob", "eve"], "backbone": "face", "input_size": [128]}
    enrolled = np.random.default_rng(1).normal(0, 0.1, (3, 128)).round(4).tolist()  # one enrolled face each
    meta["references"] = {name: [vector] for name, vector in zip(meta["classes"], enrolled)}
    model_file = save_model(head, tmp_path / "people.keras", meta)
    result = export_faces(model_file, "onnx", tmp_path / "people.onnx")
    assert result.input_shape == (None, 128)
    info = json.loads((tmp_path / "people_onnx_classes.json").read_text())
    assert info == {"classes": ["ada", "bob", "eve"], "backbone": "face", "input_size": [128]}
    embeddings = np.random.default_rng(0).normal(0, 0.1, (50, 128)).astype(np.float32)
    np.testing.assert_allclose(runtime("onnx", result.model)(embeddings), head(embeddings).numpy(), atol=1e-5)
    picture = tmp_path / "astronaut.png"
    Image.fromarray(shipped("astronaut")).save(picture)
    app = Recognizer.load(model_file).recognize(shipped("astronaut"))
    lines = [line.split("\t") for line in run_example(result.example, picture).strip().splitlines()]
    assert [(label, pytest.approx(float(p), abs=0.02)) for _, label, p in lines] == [
        (r.candidate, r.confidence) for r in app
    ]


def test_a_whole_picture_classifier_exports_and_its_example_prepares_the_picture_as_the_app(tmp_path):
    pytest.importorskip("skimage")
    import keras
    from faces_data import shipped
    from keras import layers

    from models.recognizer import Recognizer

    keras.utils.set_random_seed(7)
    inputs = keras.Input((32, 32, 3))
    x = layers.Conv2D(4, 3, activation="relu")(layers.Rescaling(1 / 255)(inputs))
    outputs = layers.Dense(2, activation="softmax")(layers.Flatten()(x))
    meta = {"kind": "recognizer", "classes": ["cat", "mug"], "backbone": "scratch", "input_size": [32, 32, 3]}
    model_file = save_model(keras.Model(inputs, outputs), tmp_path / "pets.keras", meta)
    result = export_faces(model_file, "savedmodel", tmp_path / "pets_savedmodel")
    assert result.input_shape == (None, 32, 32, 3)
    picture = tmp_path / "chelsea.png"
    Image.fromarray(shipped("chelsea")).save(picture)
    (app,) = Recognizer.load(model_file).recognize(shipped("chelsea"))
    ((_, label, probability),) = [
        line.split("\t") for line in run_example(result.example, picture).strip().splitlines()
    ]
    assert (label, float(probability)) == (app.candidate, pytest.approx(app.confidence, abs=1e-4))


TERMINATED_EXPORT = """
import os, signal, sys, time
sys.path.insert(0, sys.argv[3])
import keras
from training.cli import main

real_export = keras.Model.export

def export(self, *args, **kwargs):  # SIGTERM arrives while the converter works
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(0.5)
    return real_export(self, *args, **kwargs)

keras.Model.export = export
sys.exit(main(["digits", "export", "--format", "tflite", "--out", sys.argv[1], "--model", sys.argv[2]]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_during_an_export_leaves_no_temporary_folder(tmp_path):
    """Killed with SIGTERM, an export left its hidden temporary folder behind for good."""
    from pathlib import Path

    from models.digit_model import default_model_path

    repo = str(Path(__file__).resolve().parent.parent)
    out = tmp_path / "digits.tflite"
    done = subprocess.run(
        [sys.executable, "-c", TERMINATED_EXPORT, str(out), str(default_model_path()), repo],
        capture_output=True,
        text=True,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
        timeout=300,
    )
    assert done.returncode == 130, done.stderr[-2000:]
    assert "stopped" in done.stderr
    assert list(tmp_path.iterdir()) == []
