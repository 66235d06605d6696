"""Retrain the Faces tab's pet/thing recogniser on the classes recorded with *Add class…* (a child-process job)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from training.configs import RecognizerTrainConfig
from training.progress import CancelToken, ProgressCallback


@dataclass(frozen=True)
class ThingsRetrained:
    """What a retrain produced: where the model went, on which backbone and classes, in how long."""

    path: str
    backbone: str
    classes: list[str]
    seconds: float
    val_accuracy: float | None


def things_backbone() -> str:
    """``imagenet`` when its weights are in the Keras cache, else ``scratch``; never downloads.

    A classroom offline gets the CNN from scratch at once instead of waiting for a
    download that cannot happen (``digitface faces fetch-weights`` caches the weights ahead).
    """
    from models.image_features import BackboneDamaged, BackboneUnavailable, imagenet_weights_file

    try:
        imagenet_weights_file(download=False)
    except (BackboneUnavailable, BackboneDamaged):  # a damaged file is named when the CLI or Training tab uses it
        return "scratch"
    return "imagenet"


def retrain_things(
    folder: str,
    out: str,
    backbone: str | None,
    epochs: int | None,
    on_progress: ProgressCallback,
    cancel: CancelToken,
) -> ThingsRetrained:
    """Train a whole-picture recogniser on ``folder`` (one sub-folder per class) and save it to ``out``.

    ``backbone`` ``None`` picks :func:`things_backbone`; never ``face``: the pictures are
    of things, and a person holding one is a thing too. ImageNet features are cached
    by file content, so after adding a class only its pictures are computed.
    """
    from training.recognizer_training import train_recognizer

    backbone = backbone or things_backbone()  # scratch says itself that a pretrained backbone does better
    config = RecognizerTrainConfig(backbone=backbone, epochs=epochs)
    result = train_recognizer(Path(folder), config, out=Path(out), on_progress=on_progress, cancel=cancel)
    accuracy = result.metadata.get("val_accuracy")
    return ThingsRetrained(
        str(result.saved_to), result.backbone, list(result.classes), round(result.seconds, 2), accuracy
    )
