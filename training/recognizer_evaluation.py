"""Accuracy of a recognizer on a labelled folder per class."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from models.image_io import FACE_MAX_SIDE, read_image
from models.recognizer import UNKNOWN, Recognizer
from training.folder_dataset import as_rgb, scan_folder


@dataclass
class EvaluationReport:
    """Overall and per-class accuracy; ``per_class`` maps a class to (right, total)."""

    accuracy: float
    per_class: dict[str, tuple[int, int]]
    skipped: int
    skipped_files: list[tuple[Path, str]] = field(default_factory=list)  # (file, why), for the user


def predict_label(recognizer: Recognizer, path: Path) -> str:
    """The label of a picture: its surest face's (face backbone) or the whole picture's."""
    found = recognizer.recognize(as_rgb(read_image(path, FACE_MAX_SIDE)))
    return found[0].label if found else UNKNOWN


def evaluate_recognizer(recognizer: Recognizer, root: Path | str) -> EvaluationReport:
    """Score every image under ``root``; a folder named ``unknown`` holds strangers that should be rejected.

    Class folders the model does not know count their images as strangers too.
    """
    root = Path(root)
    dataset = scan_folder(root, min_classes=1)
    per_class: dict[str, list[int]] = {name: [0, 0] for name in dataset.classes}
    skipped: list[tuple[Path, str]] = []
    for path, label in zip(dataset.paths, dataset.labels):
        truth = dataset.classes[label]
        expected = truth if truth in recognizer.classes else UNKNOWN
        try:
            predicted = predict_label(recognizer, path)
        except (OSError, ValueError) as exc:
            skipped.append((path, getattr(exc, "strerror", None) or str(exc)))
            continue
        per_class[truth][1] += 1
        per_class[truth][0] += predicted == expected
    right = sum(r for r, _ in per_class.values())
    total = sum(t for _, t in per_class.values())
    if total == 0:
        raise ValueError(f"no readable images in {root}")
    return EvaluationReport(right / total, {k: (r, t) for k, (r, t) in per_class.items()}, len(skipped), skipped)
