"""The backbone step of a recognizer run: resolve ``auto``, check the ImageNet weights, give the defaults.

``auto`` becomes ``face`` when faces are found in most images, else
``imagenet`` when its weights are cached (or can be downloaded), else
``scratch``. The epochs and learning rate a run should use depend on the
backbone it ends up with, so the window asks :func:`resolve_backbone` before it
fills in its defaults, rather than guessing from ``auto``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from models.messages import QT_TRANSLATE_NOOP, Message
from training.configs import DEFAULT_EPOCHS, HEAD_LEARNING_RATE, SCRATCH_LEARNING_RATE
from training.progress import CancelToken, Progress, ProgressCallback

if TYPE_CHECKING:  # the window imports this module for backbone_defaults: keep it light (no cv2, dlib)
    from training.feature_extraction import Features
    from training.folder_dataset import FolderDataset

BACKBONES = tuple(DEFAULT_EPOCHS)  # face, imagenet, scratch: as models.recognizer.BACKBONES
# The command line's words for them; the window shows each in its own language.
BACKBONE_WORDS = {
    "auto": QT_TRANSLATE_NOOP("core", "auto"),
    "face": QT_TRANSLATE_NOOP("core", "face"),
    "imagenet": QT_TRANSLATE_NOOP("core", "imagenet"),
    "scratch": QT_TRANSLATE_NOOP("core", "scratch"),
}


def backbone_word(backbone: str) -> Message | str:
    """A backbone's name as a message the window translates (an unknown name, from a damaged file, as it is)."""
    return Message(BACKBONE_WORDS[backbone]) if backbone in BACKBONE_WORDS else backbone


@dataclass(frozen=True)
class BackboneDefaults:
    """The hyperparameters a backbone trains with when the user leaves them at their defaults."""

    epochs: int
    learning_rate: float
    batch_size: int | None  # None: every example in one batch (face embeddings)


def backbone_defaults(backbone: str) -> BackboneDefaults:
    """Defaults of a resolved backbone (``face``, ``imagenet`` or ``scratch``; never ``auto``)."""
    if backbone not in BACKBONES:
        raise ValueError(f"defaults are per resolved backbone ({', '.join(BACKBONES)}), not {backbone!r}")
    rate = SCRATCH_LEARNING_RATE if backbone == "scratch" else HEAD_LEARNING_RATE
    return BackboneDefaults(DEFAULT_EPOCHS[backbone], rate, None if backbone == "face" else 32)


@dataclass
class BackboneChoice:
    """The backbone a run uses, why, and what deciding it already computed."""

    backbone: str
    requested: str
    defaults: BackboneDefaults
    face_data: Features | None = None  # face embeddings (computed to decide ``auto``, or for ``face``)
    weights: Path | None = None  # the ImageNet weights file (imagenet with real weights)
    messages: list[str] = field(default_factory=list)


def choose_backbone(
    dataset: FolderDataset,
    requested: str,
    report: ProgressCallback,
    cancel: CancelToken,
    cache_dir: Path | None = None,
    imagenet_weights: str | None = "imagenet",
) -> BackboneChoice:
    """Resolve ``requested`` for ``dataset``.

    Raises
    ------
    ValueError
        An unknown backbone name.
    models.image_features.BackboneUnavailable
        ``imagenet`` asked for by name, with no weights cached and no network.
    models.image_features.BackboneDamaged
        A cached weights file is damaged; the message names the file to delete.
    """
    from training.feature_extraction import face_features

    if requested not in ("auto", *BACKBONES):
        raise ValueError(f"unknown backbone {requested!r}; choose auto, face, imagenet or scratch")
    messages: list[str] = []

    def say(message: str) -> None:
        messages.append(message)
        report(Progress("message", message))

    backbone, face_data, weights = requested, None, None
    if backbone in ("auto", "face"):
        face_data = face_features(dataset, report, cancel, cache_dir, auto=backbone == "auto")
        share = float(face_data.faces_found.mean()) if len(face_data.labels) else 0.0
        say(Message(QT_TRANSLATE_NOOP("core", "faces found in {0:.0f}% of the images"), 100 * share))
        if backbone == "auto":
            backbone = "face" if share > 0.5 else "imagenet"
            say(Message(QT_TRANSLATE_NOOP("core", "backbone: {0} (auto)"), backbone_word(backbone)))
    if backbone == "imagenet" and imagenet_weights == "imagenet":
        from models.image_features import IMAGENET_SIZE, BackboneUnavailable, imagenet_weights_file

        try:
            weights = imagenet_weights_file(IMAGENET_SIZE)  # BackboneDamaged is never a reason to fall back
        except BackboneUnavailable as exc:
            if requested == "imagenet":
                raise
            say(Message(QT_TRANSLATE_NOOP("core", "{0}\nFalling back to a compact CNN trained from scratch."), exc))
            backbone = "scratch"
    return BackboneChoice(
        backbone, requested, backbone_defaults(backbone), face_data if backbone == "face" else None, weights, messages
    )


def resolve_backbone(
    root: Path | str,
    requested: str = "auto",
    cache_dir: Path | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> BackboneChoice:
    """The backbone a run on ``root`` would use, with its defaults (for the window, before a run).

    Looks for faces like a run does (their embeddings land in the feature
    cache, so the run that follows reuses them) and checks the ImageNet
    weights. Slow on a large folder: call it off the GUI thread.
    """
    from training.folder_dataset import scan_folder

    return choose_backbone(
        scan_folder(root), requested, on_progress or (lambda _: None), cancel or CancelToken(), cache_dir
    )
