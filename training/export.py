"""Export a trained model for use outside DigitFace: TFLite (LiteRT), ONNX or a TensorFlow SavedModel.

Keras' own ``model.export`` writes all three (``"litert"``, ``"onnx"`` through
tf2onnx, ``"tf_saved_model"``). Beside the export goes a short, runnable
Python example that prepares a picture the way the app does and calls the
exported model with that format's own runtime; a digit export also gets a
copy of the app's preprocessing (``digit_preprocess.py``, numpy and OpenCV
only), so the example needs nothing from DigitFace.

What the exported models take:

- digits: ``(N, 28, 28, 1)`` float32 in [0, 1], white digit on black, as
  ``preprocess_digit`` makes it; they give ``(N, 10)`` softmax probabilities,
  or ``(N, 11)`` for a model that can say "not a digit" (the 11th, last).
- faces (a recogniser from ``digitface faces train``): the Keras model inside
  the file. With the face backbone that is the head alone: ``(N, 128)``
  float32 dlib face embeddings (dlib's ResNet on a 5-point aligned face, as
  ``face_recognition.face_encodings`` gives them) → ``(N, classes)``
  probabilities; with ``imagenet`` or ``scratch`` it is the whole classifier
  on ``(N, S, S, 3)`` RGB pixels in [0, 255], the picture centre-cropped to a
  square and resized to S. The "unknown" rule (distance to the enrolled
  photos, thresholds) stays in the app: the export names the likeliest class.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from models.messages import QT_TRANSLATE_NOOP, Message

FORMATS = ("tflite", "onnx", "savedmodel")
_KERAS_FORMAT = {"tflite": "litert", "onnx": "onnx", "savedmodel": "tf_saved_model"}
_SUFFIX = {"tflite": ".tflite", "onnx": ".onnx", "savedmodel": ""}
_SAVEDMODEL_PARTS = {"saved_model.pb", "variables", "assets", "fingerprint.pb"}  # what tf_saved_model writes


@dataclass(frozen=True)
class ExportResult:
    """Where an export went."""

    model: Path  # the exported file (a folder for a SavedModel)
    example: Path  # the runnable example beside it
    input_shape: tuple[int | None, ...]  # what the exported model takes, batch first


def check_format(fmt: str) -> None:
    """Raise ``ValueError`` for an export format the app does not write."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")


def default_out(model_path: Path, fmt: str) -> Path:
    """``digit_mlp.keras`` → ``digit_mlp.onnx`` / ``.tflite`` / ``digit_mlp_savedmodel``, in the same folder."""
    if fmt == "savedmodel":
        return model_path.with_name(f"{model_path.stem}_savedmodel")
    return model_path.with_suffix(_SUFFIX[fmt])


def example_path(out: Path) -> Path:
    """The example written beside an export: ``digits.onnx`` → ``digits_onnx_example.py``."""
    return out.with_name(f"{out.name.replace('.', '_')}_example.py")


def where(out: Path | str) -> Path:
    """The place ``out`` names, as the system will find it once its folders exist.

    ``missing/../photos`` does not exist until the export makes ``missing``; checked as typed, a folder
    of photos passed for a new name and was replaced. Symbolic links are followed, ``..`` resolved.
    """
    return Path(os.path.realpath(Path(out).expanduser()))


def check_out(out: Path, fmt: str, source: Path | None = None) -> None:
    """Refuse a place to export to that holds something other than an earlier export in ``fmt``.

    An export replaces what is at ``out``: a SavedModel folder replaces a whole folder, so a folder of
    photos or the model being exported must never be taken for an earlier export.

    Raises
    ------
    ValueError
        ``out`` is the model being exported, lacks the format's ending, is a folder where a file goes,
        is not an earlier SavedModel, or lies under a file.
    """
    out = where(out)
    if source is not None and out.exists() and out.resolve() == Path(source).resolve():
        raise ValueError(
            Message(
                QT_TRANSLATE_NOOP("core", "{0} is the model being exported: choose another name for the export"), out
            )
        )
    if _SUFFIX[fmt] and out.suffix.lower() != _SUFFIX[fmt]:
        raise ValueError(
            Message(
                QT_TRANSLATE_NOOP("core", "a {0} export is a file whose name ends in {1}, not '{2}'"),
                fmt,
                _SUFFIX[fmt],
                out.name,
            )
        )
    if fmt == "savedmodel" and out.exists():
        earlier = out.is_dir() and (out / "saved_model.pb").is_file()
        if not earlier or any(p.name not in _SAVEDMODEL_PARTS for p in out.iterdir()):
            raise ValueError(
                Message(
                    QT_TRANSLATE_NOOP(
                        "core",
                        "{0} already exists and is not an earlier SavedModel export; "
                        "choose a new folder name (nothing was changed)",
                    ),
                    out,
                )
            )
    elif out.is_dir():
        raise ValueError(
            Message(
                QT_TRANSLATE_NOOP("core", "{0} is a folder; a {1} export is a file such as {2}"),
                out,
                fmt,
                out / f"model{_SUFFIX[fmt]}",
            )
        )
    for parent in out.parents:
        if parent.exists():
            if not parent.is_dir():
                raise ValueError(
                    Message(
                        QT_TRANSLATE_NOOP("core", "{0} is a file, not a folder, so nothing can be written under it"),
                        parent,
                    )
                )
            break


def export_keras(
    model: Any, fmt: str, out: Path, source: Path | None = None, beside: dict[str, str] | None = None
) -> Path:
    """Write ``model`` in ``fmt`` to ``out``, and ``beside`` (file name → text) next to it, through renames.

    Everything is written in a temporary sibling folder first, so a full disk or a failed conversion
    leaves whatever was at ``out`` and beside it untouched. An ONNX file records the SHA-256 of
    ``source`` (the ``.keras`` it was made from), so a reader can tell whether it is still current.

    Raises
    ------
    ValueError
        If ``fmt`` is unknown, ``out`` is not a place for this export (:func:`check_out`), or the
        converter refuses the model.
    OSError
        If the folder cannot be written to (named in the message) or the disk is full.
    ModuleNotFoundError
        If the ONNX converter is not installed (``pip install "digitface[export]"``).
    """
    check_format(fmt)
    out = where(out)
    check_out(out, fmt, source)
    if fmt == "onnx":
        import importlib.util

        if importlib.util.find_spec("tf2onnx") is None:
            raise ModuleNotFoundError('ONNX export needs tf2onnx: pip install "digitface[export]"')
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    except OSError as exc:  # the temporary folder's own name would mean nothing to the person
        raise _unwritable(out, exc) from exc
    try:
        target = tmp / f"model{_SUFFIX[fmt]}"
        for name, text in (beside or {}).items():
            (tmp / name).write_text(text)
        # A loaded model has never been called, and the ONNX exporter wants one that has.
        model(np.zeros((1, *model.inputs[0].shape[1:]), np.float32), training=False)
        try:
            model.export(str(target), format=_KERAS_FORMAT[fmt], verbose=False)
        except (ImportError, OSError):
            raise  # a missing converter or a full disk: said as they are
        except Exception as exc:  # converters raise many types for a model they cannot take
            raise ValueError(f"could not export to {fmt}: {exc}") from exc
        if fmt == "onnx" and source is not None:
            _stamp_source(target, source)
        _replace(target, out)
        for name in beside or {}:  # after the model: a failed rename leaves the earlier export whole
            os.replace(tmp / name, out.with_name(name))
    except OSError as exc:  # a full disk: said with the folder's name, in the window's language
        raise _unwritable(out, exc) from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def _unwritable(out: Path, exc: OSError) -> OSError:
    """``exc`` said of the folder the person chose, as a core message; the earlier export is still there."""
    error = OSError(
        Message(QT_TRANSLATE_NOOP("core", "cannot write an export in {0}: {1}"), out.parent, exc.strerror or str(exc))
    )
    error.errno = exc.errno  # the message alone is the first argument, for the window's translation
    return error


def _stamp_source(onnx_file: Path, source: Path) -> None:
    import onnx

    from models.digit_onnx import SOURCE_KEY, file_sha256

    proto = onnx.load(str(onnx_file))
    kept = [p for p in proto.metadata_props if p.key != SOURCE_KEY]
    del proto.metadata_props[:]
    proto.metadata_props.extend(kept)
    proto.metadata_props.add(key=SOURCE_KEY, value=file_sha256(source))
    onnx.save(proto, str(onnx_file))


def _replace(new: Path, out: Path) -> None:
    """Put ``new`` at ``out``; an old folder there goes only once the new one is in place."""
    if new.is_dir() and out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))  # never a folder of the person's
        os.replace(out, old)
        os.replace(new, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(new, out)


def export_digits(model_path: Path | str | None, fmt: str, out: Path | str | None = None) -> ExportResult:
    """Export a digit model (the CNN or an MLP) and write an example and the preprocessing beside it."""
    from models.digit_model import DigitPredictor, default_model_path
    from models.digit_preprocess import SIZE
    from models.model_file import load_metadata

    check_format(fmt)
    model_path = Path(model_path) if model_path is not None else default_model_path()
    kind = load_metadata(model_path).get("kind", "digits")  # a model saved without metadata is taken as it is
    if kind != "digits":
        raise ValueError(f"{model_path} is not a digit model (its metadata says {kind!r})")
    out = where(out) if out is not None else default_out(model_path, fmt)
    check_out(out, fmt, model_path)  # before the model loads: a wrong place is said at once
    model = DigitPredictor.load(model_path).model  # the app's own checks: a digit model's shape
    preprocess = Path(__file__).resolve().parent.parent / "models" / "digit_preprocess.py"
    example = example_path(out)
    beside = {"digit_preprocess.py": preprocess.read_text(), example.name: _digits_example(out.name, fmt)}
    export_keras(model, fmt, out, source=model_path, beside=beside)
    return ExportResult(out, example, (None, SIZE, SIZE, 1))


def export_faces(model_path: Path | str, fmt: str, out: Path | str | None = None) -> ExportResult:
    """Export a recogniser's Keras model and write an example and its classes beside it."""
    from models.model_file import load_metadata, load_model

    check_format(fmt)
    model_path = Path(model_path)
    meta = load_metadata(model_path)
    if meta.get("kind") != "recognizer":
        raise ValueError(f"{model_path} is not a face/pet recognizer (its metadata says {meta.get('kind')!r})")
    out = where(out) if out is not None else default_out(model_path, fmt)
    check_out(out, fmt, model_path)
    model = load_model(model_path)
    info = {"classes": list(meta["classes"]), "backbone": meta["backbone"], "input_size": meta["input_size"]}
    classes = out.with_name(f"{out.name.replace('.', '_')}_classes.json")
    example = example_path(out)
    beside = {
        classes.name: json.dumps(info, indent=2) + "\n",
        example.name: _faces_example(out.name, classes.name, fmt),
    }
    export_keras(model, fmt, out, source=model_path, beside=beside)
    return ExportResult(out, example, (None, *meta["input_size"]))


# --- the examples ---------------------------------------------------------------------------------

_RUNNERS = {
    "onnx": '''def load_model(path):
    """The exported model as a function: (N, ...) float32 → (N, classes) probabilities."""
    import onnxruntime

    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    return lambda x: session.run(None, {name: x})[0]
''',
    "tflite": '''def load_model(path):
    """The exported model as a function: (N, ...) float32 → (N, classes) probabilities."""
    try:
        from ai_edge_litert.interpreter import Interpreter  # the LiteRT runtime alone
    except ImportError:
        import tensorflow as tf

        Interpreter = tf.lite.Interpreter  # noqa: N806 - the same interpreter, inside TensorFlow
    interpreter = Interpreter(model_path=str(path))

    def run(x):
        index = interpreter.get_input_details()[0]["index"]
        interpreter.resize_tensor_input(index, x.shape)
        interpreter.allocate_tensors()
        interpreter.set_tensor(index, x)
        interpreter.invoke()
        return interpreter.get_tensor(interpreter.get_output_details()[0]["index"])

    return run
''',
    "savedmodel": '''def load_model(path):
    """The exported model as a function: (N, ...) float32 → (N, classes) probabilities."""
    import tensorflow as tf

    loaded = tf.saved_model.load(str(path))  # kept: the function needs the object that holds its weights
    return lambda x: loaded.serve(tf.constant(x)).numpy()
''',
}

_NEEDS = {"onnx": "onnxruntime", "tflite": "ai-edge-litert (or tensorflow)", "savedmodel": "tensorflow"}


def _digits_example(model_name: str, fmt: str) -> str:
    return f'''"""Read the digit in a picture with the exported DigitFace model ({model_name}).

    python {example_path(Path(model_name)).name} PICTURE...

Needs numpy, opencv-python-headless, pillow and {_NEEDS[fmt]}. The
preprocessing is the app's own (digit_preprocess.py, copied beside this file):
the model takes (N, 28, 28, 1) float32 in [0, 1], a white digit centred on black,
and gives the ten digits' probabilities (an 11th, last, for "not a digit" when
the model was taught to say it: a letter, a shape, a scribble; "-" is printed).
"""

import sys
from pathlib import Path

import numpy as np
from digit_preprocess import preprocess_digit
from PIL import Image, ImageOps

MODEL = Path(__file__).with_name({model_name!r})


{_RUNNERS[fmt]}

def read_picture(path):
    """Any picture as a numpy array, as the app reads it (grayscale, RGB or RGBA), upright."""
    with Image.open(path) as image:
        if image.mode not in ("L", "RGB", "RGBA", "I;16"):
            image = image.convert("RGBA")
        return np.asarray(ImageOps.exif_transpose(image))  # a phone's photo stored sideways, as shot


def main():
    model = load_model(MODEL)
    for path in sys.argv[1:]:
        x = preprocess_digit(read_picture(path))
        if x is None:
            print(f"{{path}}\\t-\\t0.0000")  # nothing drawn: no digit
            continue
        probabilities = model(x[None, :, :, None].astype(np.float32))[0]
        best = int(np.argmax(probabilities))
        answer = "-" if best == 10 else best  # 10: "not a digit"
        print(f"{{path}}\\t{{answer}}\\t{{probabilities[best]:.4f}}")


if __name__ == "__main__":
    main()
'''


def _faces_example(model_name: str, classes_name: str, fmt: str) -> str:
    return f'''"""Name the person (or class) in a picture with an exported DigitFace recogniser ({model_name}).

    python {example_path(Path(model_name)).name} PICTURE...

Needs numpy, opencv-python-headless, pillow and {_NEEDS[fmt]}; a face-backbone
model also needs dlib (dlib-bin) and face_recognition_models. {classes_name}
holds the class names and what the model takes: with the face backbone, the
128-number dlib embedding of each face (found by dlib's HOG detector, aligned
on 5 landmarks); otherwise the whole picture, centre-cropped to a square,
resized to input_size, RGB in [0, 255]. The app's "unknown" rule is not part
of the export: this names the likeliest class and its probability.
"""

import json
import sys
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageOps

HERE = Path(__file__).parent
MODEL = HERE / {model_name!r}
INFO = json.loads((HERE / {classes_name!r}).read_text())


{_RUNNERS[fmt]}

def face_embeddings(rgb):
    """One 128-number dlib embedding per face found (the app's face features)."""
    import dlib
    import face_recognition_models as frm

    detector = dlib.get_frontal_face_detector()
    landmarks = dlib.shape_predictor(frm.pose_predictor_five_point_model_location())
    embedder = dlib.face_recognition_model_v1(frm.face_recognition_model_location())
    boxes, scores, _ = detector.run(rgb, 1, 0.0)  # upsampled once, as the app searches photos…
    faces = [landmarks(rgb, box) for box, score in zip(boxes, scores) if score >= 0.3]  # …and its score floor
    return np.array([embedder.compute_face_descriptor(rgb, face) for face in faces], np.float32).reshape(-1, 128)


def whole_picture(rgb):
    """The picture centre-cropped to a square and resized, as the app prepares it: (1, S, S, 3)."""
    size = INFO["input_size"][0]
    h, w = rgb.shape[:2]
    side = min(h, w)
    top, left = (h - side) // 2, (w - side) // 2
    crop = rgb[top : top + side, left : left + side]
    return cv2.resize(crop, (size, size), interpolation=cv2.INTER_AREA).astype(np.float32)[None]


def main():
    model = load_model(MODEL)
    for path in sys.argv[1:]:
        with Image.open(path) as image:  # upright, as the app reads it: a phone stores photos sideways
            rgb = np.ascontiguousarray(np.asarray(ImageOps.exif_transpose(image).convert("RGB")))
        x = face_embeddings(rgb) if INFO["backbone"] == "face" else whole_picture(rgb)
        if len(x) == 0:
            print(f"{{path}}\\tno face found")
        for probabilities in (model(x) if len(x) else []):
            best = int(np.argmax(probabilities))
            print(f"{{path}}\\t{{INFO['classes'][best]}}\\t{{probabilities[best]:.4f}}")


if __name__ == "__main__":
    main()
'''
