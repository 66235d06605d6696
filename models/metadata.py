"""The schema of a model's metadata, checked when a model is loaded.

Metadata comes from a file a person may have edited, copied half-way or
mixed up with another model's, so every field the app relies on is checked
here and a problem is reported as one :class:`MetadataError` naming the file
and the field, never as a ``KeyError`` or ``IndexError`` later on.

Fields the app does not read (``created``, ``counts``, ``train_seconds``…) are
informational and left alone, so newer files still load.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from models.messages import plural

KINDS = ("digits", "recognizer")
BACKBONES = ("face", "imagenet", "scratch")
DIGIT_CLASSES = [str(d) for d in range(10)]
NOT_A_DIGIT_CLASS = "not a digit"  # a digit model's optional 11th class (training/rejection.py)
# Calibration gives 0.46–0.5 and dlib's rule is 0.6 (different people lie farther apart than that);
# a threshold past 2, over three times dlib's, would name nearly every stranger: a damaged or edited file.
MAX_DISTANCE_THRESHOLD = 2.0
MAX_SIZE = 4096  # pixels per side or features per vector: far above any model DigitFace makes
# What a recognizer answers for strangers (models.recognizer.UNKNOWN): a class of that name, in any case,
# would be printed and shown as a stranger. Training refuses such a folder; a file made before that, or
# edited, is refused here.
STRANGERS = "unknown"


class MetadataError(ValueError):
    """Metadata that cannot describe a usable model; the message names the file and the field."""

    def __init__(self, source: str, field: str | None, problem: str) -> None:
        self.source, self.field, self.problem = source, field, problem
        where = f"{source}: field {field!r}" if field else source
        super().__init__(f"{where}: {problem}")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_finite(value: Any) -> bool:
    """A finite JSON number (Python's JSON reads NaN and Infinity, and ints of any size)."""
    if isinstance(value, float):
        return math.isfinite(value)
    return _is_number(value) and abs(value) < 1e300


def _finite_in(low: float, high: float, low_open: bool = False) -> Callable[[Any], str | None]:
    """A check for a finite number in [low, high] (or (low, high] when ``low_open``)."""
    bracket = "(" if low_open else "["

    def check(value: Any) -> str | None:
        if not _is_number(value):
            return f"must be a number, not {_describe(value)}"
        if not _is_finite(value):
            return f"must be a finite number, not {_describe(value)}"
        if value < low or (low_open and value == low) or value > high:
            return f"must lie in {bracket}{low:g}, {high:g}], not {_describe(value)}"
        return None

    return check


def _optional(check: Callable[[Any], str | None]) -> Callable[[Any], str | None]:
    return lambda value: None if value is None else check(value)


def _string(value: Any) -> str | None:
    return None if isinstance(value, str) else f"must be text, not {_describe(value)}"


def _object(value: Any) -> str | None:
    return None if isinstance(value, dict) else f"must be an object {{...}}, not {_describe(value)}"


def _sizes(value: Any) -> str | None:
    if not isinstance(value, list) or not value:
        return f"must be a non-empty list of sizes, not {_describe(value)}"
    if not all(isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= MAX_SIZE for v in value):
        return f"must hold whole numbers from 1 to {MAX_SIZE}, not {_describe(value)}"
    return None


def _classes(value: Any) -> str | None:
    if not isinstance(value, list) or len(value) < 2:
        return f"must be a list of at least two class names, not {_describe(value)}"
    if not all(isinstance(c, str) and c for c in value):
        return "must hold non-empty names (text)"
    if len(set(value)) != len(value):
        return "names a class twice"
    return None


def _one_of(choices: tuple[str, ...]) -> Callable[[Any], str | None]:
    return lambda value: None if value in choices else f"must be one of {', '.join(choices)}, not {_describe(value)}"


# What each field must hold, when present: (check, required).
COMMON_FIELDS: dict[str, tuple[Callable[[Any], str | None], bool]] = {
    "kind": (_one_of(KINDS), True),
    "classes": (_classes, True),
    "input_size": (_sizes, False),
    "val_accuracy": (_optional(_finite_in(0, 1)), False),
    "test_accuracy": (_optional(_finite_in(0, 1)), False),
    "test_rejected": (_optional(_finite_in(0, 1e9)), False),  # MNIST test digits called "not a digit"
    "train_accuracy": (_optional(_finite_in(0, 1)), False),
    "config": (_object, False),
    "created": (_string, False),
    "keras_version": (_string, False),
}
RECOGNIZER_FIELDS: dict[str, tuple[Callable[[Any], str | None], bool]] = {
    "backbone": (_one_of(BACKBONES), True),
    "input_size": (_sizes, True),
    "confidence_threshold": (_finite_in(0, 1), False),
    "distance_threshold": (_finite_in(0, MAX_DISTANCE_THRESHOLD, low_open=True), False),
    "feature_size": (lambda v: _sizes([v]), False),
    "best_epoch": (lambda v: _sizes([v]), False),  # informational: the epoch whose weights were kept
}


def validate_metadata(meta: Any, source: str) -> dict[str, Any]:
    """Check a model's metadata and return it.

    Parameters
    ----------
    meta
        The parsed JSON.
    source
        The file it came from, named in every error.

    Raises
    ------
    MetadataError
        Naming ``source`` and the field at fault.
    """
    if not isinstance(meta, dict):
        raise MetadataError(source, None, f"the metadata must be a JSON object {{...}}, not {_describe(meta)}")
    fields = dict(COMMON_FIELDS)
    if meta.get("kind") == "recognizer":
        fields.update(RECOGNIZER_FIELDS)
    for name, (check, required) in fields.items():
        if name not in meta:
            if required:
                raise MetadataError(source, name, "is missing")
            continue
        problem = check(meta[name])
        if problem:
            raise MetadataError(source, name, problem)
    smoothing = meta.get("config", {}).get("label_smoothing")  # the Digits tab explains it
    problem = _optional(_finite_in(0, 1))(smoothing) or (smoothing == 1 and "must be below 1") or None
    if problem:
        raise MetadataError(source, "config.label_smoothing", problem)
    if meta["kind"] == "digits" and meta["classes"] not in (DIGIT_CLASSES, [*DIGIT_CLASSES, NOT_A_DIGIT_CLASS]):
        problem = (
            f"a digit model's classes are {DIGIT_CLASSES} (and {NOT_A_DIGIT_CLASS!r} last, when it can say so), "
            f"not {_describe(meta['classes'])}"
        )
        raise MetadataError(source, "classes", problem)
    if meta["kind"] == "recognizer":
        reserved = [c for c in meta["classes"] if c.strip().casefold() == STRANGERS]
        if reserved:
            problem = (
                f"names a class {reserved[0]!r}, which is what the recogniser answers for strangers: "
                "retrain with that class folder renamed"
            )
            raise MetadataError(source, "classes", problem)
    if meta["kind"] == "recognizer" and meta["backbone"] == "face":
        _check_references(meta, source)
    elif meta["kind"] == "recognizer" and "references" in meta:
        _check_picture_open_set(meta, source)
    return meta


def _check_picture_open_set(meta: dict[str, Any], source: str) -> None:
    """A whole-picture model's open-set data: feature size, threshold and references must come together.

    Without ``references`` the model uses the old confidence rule, so they are
    optional; but a file that has them and lost the others is damaged.
    """
    for name in ("feature_size", "distance_threshold"):
        if name not in meta:
            raise MetadataError(source, name, "is missing (the model has open-set references)")
    _check_references(meta, source, check_input=False)


def _check_references(meta: dict[str, Any], source: str, check_input: bool = True) -> None:
    """Enrolled vectors (face embeddings, or whole-picture features): one or more of ``feature_size`` per class."""
    size = int(meta.get("feature_size", 128))
    if check_input and meta["input_size"] != [size]:
        problem = f"a face model reads [{size}] (one embedding), not {meta['input_size']}"
        raise MetadataError(source, "input_size", problem)
    if "references" not in meta:
        raise MetadataError(source, "references", "is missing")
    refs = meta["references"]
    if not isinstance(refs, dict):
        raise MetadataError(source, "references", f"must be an object {{class: [embeddings]}}, not {_describe(refs)}")
    for name, vectors in refs.items():
        field = f"references.{name}"
        if name not in meta["classes"]:
            raise MetadataError(source, field, "is not one of the model's classes")
        if not isinstance(vectors, list) or not all(isinstance(v, list) and len(v) == size for v in vectors):
            raise MetadataError(source, field, f"must be a list of embeddings of {size} numbers each")
        if not all(_is_finite(x) for v in vectors for x in v):
            raise MetadataError(source, field, "must hold finite numbers only")
    absent = [c for c in meta["classes"] if not refs.get(c)]
    what = "face" if meta["backbone"] == "face" else "picture"
    if absent:
        # Without an enrolled photo a class is always "unknown": the file lost part of itself.
        raise MetadataError(source, "references", f"holds no enrolled {what} for {', '.join(absent)}")


def check_model_shape(meta: dict[str, Any], inputs: tuple, outputs: int, source: str) -> None:
    """The metadata must describe this network: its input size, and one class per output."""
    size = meta.get("input_size")
    if size is not None and (len(size) != len(inputs) or any(d not in (None, s) for d, s in zip(inputs, size))):
        raise MetadataError(source, "input_size", f"says {size} but the model reads {list(inputs)}")
    if len(meta["classes"]) != outputs:
        listed = len(meta["classes"])
        classes = plural(listed, "lists {0} class", "lists {0} classes").format(listed)
        given = plural(outputs, "the model gives {0} output", "the model gives {0} outputs").format(outputs)
        raise MetadataError(source, "classes", f"{classes} but {given}")


def _describe(value: Any) -> str:
    """A short description of a JSON value for an error message."""
    if value is None:
        return "null"
    kind = {bool: "true/false", str: "text", list: "a list", dict: "an object"}.get(type(value), "a number")
    text = repr(value)
    return f"{kind} {text}" if len(text) <= 40 else kind
