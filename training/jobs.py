"""Training runs as picklable jobs for the Training tab: settings in, a plain summary out.

The tab runs these in a child process (see :mod:`training.process_job`), so
what they return must cross a pipe: numbers, arrays and paths, never a Keras
model (the model itself is saved to ``out``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np

from training.configs import DigitTrainConfig, RecognizerTrainConfig, TrainConfig
from training.progress import CancelToken, ProgressCallback

GALLERY_SIZE = 60  # misclassified validation examples sent back for the gallery


@dataclass
class RunSummary:
    """What a finished run reports to the window.

    ``examples`` holds the most confidently misclassified validation inputs:
    28×28 uint8 digits for MNIST runs; for folder runs ``example_paths``
    names their image files instead.
    """

    kind: str  # "digits" | "folder"
    final: dict[str, Any]
    classes: list[str]
    saved_to: str | None
    val_labels: np.ndarray
    val_probabilities: np.ndarray
    mistakes: np.ndarray = field(default_factory=lambda: np.zeros(0, int))  # indices into the validation set
    examples: np.ndarray | None = None
    example_paths: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file under the folder, why) not used


def config_from(cls: type, settings: dict[str, Any]) -> Any:
    """A training config dataclass filled from a settings dict (the fields both know)."""
    return cls(**{f.name: settings[f.name] for f in fields(cls) if f.name in settings})


def _mistakes(labels: np.ndarray, probabilities: np.ndarray) -> np.ndarray:
    from training.evaluation import class_report

    if len(labels) == 0:
        return np.zeros(0, int)
    classes = [str(i) for i in range(probabilities.shape[1])]
    return class_report(labels, probabilities, classes).misclassified[:GALLERY_SIZE]


def train_digits_job(
    settings: dict[str, Any], out: str, on_progress: ProgressCallback, cancel: CancelToken
) -> RunSummary:
    """Train the digit CNN with the tab's settings and save it to ``out``."""
    from training.digit_training import train_digits

    result = train_digits(config_from(DigitTrainConfig, settings), out=out, on_progress=on_progress, cancel=cancel)
    assert result.x_val is not None and result.y_val is not None and result.val_probabilities is not None
    mistakes = _mistakes(result.y_val, result.val_probabilities)
    examples = (result.x_val[mistakes, :, :, 0] * 255).round().astype(np.uint8)
    return RunSummary(
        "digits",
        {"val_accuracy": result.val_accuracy, "test_accuracy": result.test_accuracy, "seconds": result.seconds},
        [str(d) for d in range(10)],
        str(result.saved_to) if result.saved_to else None,
        result.y_val,
        result.val_probabilities,
        mistakes,
        examples,
    )


def train_folder_job(
    settings: dict[str, Any], out: str, on_progress: ProgressCallback, cancel: CancelToken
) -> RunSummary:
    """Train a recognizer on ``settings["folder"]`` with the tab's settings and save it to ``out``."""
    from training.recognizer_training import train_recognizer

    config = config_from(RecognizerTrainConfig, settings)
    result = train_recognizer(settings["folder"], config, out=out, on_progress=on_progress, cancel=cancel)
    meta = result.metadata
    labels = result.val_labels if result.val_labels is not None else np.zeros(0, int)
    probabilities = result.val_probabilities
    if probabilities is None:
        probabilities = np.zeros((0, len(result.classes)), np.float32)
    mistakes = _mistakes(labels, probabilities)
    return RunSummary(
        "folder",
        {
            "train_accuracy": meta["train_accuracy"],
            "val_accuracy": meta["val_accuracy"],
            "seconds": result.seconds,
            "backbone": result.backbone,
        },
        result.classes,
        str(result.saved_to) if result.saved_to else None,
        labels,
        probabilities,
        mistakes,
        None,
        [str(result.val_paths[i]) for i in mistakes],
        result.messages,
        [(_under(path, settings["folder"]), why) for path, why in result.skipped],
    )


def _under(path: Path, folder: str) -> str:
    """``class/file`` for a file under the training folder (two classes may both hold ``01.jpg``)."""
    try:
        return str(Path(path).relative_to(folder))
    except ValueError:
        return str(path)


JOBS = {"digits": train_digits_job, "folder": train_folder_job}


def run_job(
    kind: str,
    config: TrainConfig | dict[str, Any],
    folder: str | None,
    out: Path | str,
    on_progress: ProgressCallback,
    cancel: CancelToken,
) -> RunSummary:
    """Run the job of ``kind`` ("digits" or "folder", on ``folder``) with a typed config (or a settings dict)."""
    settings = dict(config) if isinstance(config, dict) else asdict(config)
    if folder is not None:
        settings["folder"] = folder
    return JOBS[kind](settings, str(out), on_progress, cancel)
