"""The user's corrected drawings: one PNG per drawing in a folder per class (``corrections/7/….png``).

The layout is Keras' ``image_dataset_from_directory`` one, so the folder can be
used (or inspected, or trimmed by hand) with ordinary tools. Each PNG is the
canvas picture as drawn, not the 28×28 input: teaching passes it through the
one preprocessing function, so a better preprocessing later improves old
corrections too. A drawing is written through a temp file and a rename, so a
full disk or a killed app never leaves half a PNG among them.
"""

from __future__ import annotations

import datetime as dt
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from models.digit_preprocess import SIZE, preprocess_digit
from models.image_io import read_image
from models.model_file import atomic_write_bytes

SUFFIX = ".png"


@dataclass
class Corrections:
    """Drawings read back for teaching: preprocessed inputs, class indices and where they came from.

    ``skipped`` holds (file, why) for every file that could not be used; ``unknown_classes``
    the folders whose name is none of the model's classes.
    """

    x: np.ndarray  # (N, 28, 28, 1) float32, as the network sees them
    y: np.ndarray  # (N,) int32: indices into the model's classes
    files: list[Path]
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    unknown_classes: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.y)


def _class_folders(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def _drawings(folder: Path) -> list[Path]:
    # Hidden files are a save's temp files (or a desktop's own); never drawings.
    return sorted(f for f in folder.iterdir() if f.suffix.lower() == SUFFIX and not f.name.startswith("."))


def save_correction(root: Path, image: np.ndarray, label: str) -> Path:
    """Keep a drawing as ``root/label/<time>-<random>.png``; return the file written.

    Parameters
    ----------
    root
        The corrections folder (:func:`models.paths.corrections_dir`).
    image
        The canvas picture, (H, W) uint8 grayscale (dark ink on light paper).
    label
        The class the user says it is, as the model's metadata names it ("7").

    Raises
    ------
    ValueError
        If ``label`` cannot be a folder name or the picture cannot be encoded.
    OSError
        Naming the file when it cannot be written; nothing partial is left behind.
    """
    import cv2

    if not label or label in (".", "..") or any(c in label for c in "/\\\0") or label.startswith("."):
        raise ValueError(f"{label!r} cannot name a corrections folder")
    ok, encoded = cv2.imencode(SUFFIX, np.asarray(image))
    if not ok:
        raise ValueError(f"the drawing ({np.asarray(image).shape}) could not be encoded as PNG")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = root / label / f"{stamp}-{uuid.uuid4().hex[:8]}{SUFFIX}"
    try:
        atomic_write_bytes(path, encoded.tobytes())
    except OSError as exc:
        raise OSError(exc.errno, f"could not keep the drawing in {path}: {exc.strerror or exc}") from exc
    return path


def count_corrections(root: Path) -> dict[str, int]:
    """How many drawings each class folder holds (folders with none are left out)."""
    counts = {folder.name: len(_drawings(folder)) for folder in _class_folders(root)}
    return {name: n for name, n in counts.items() if n}


def clear_corrections(root: Path) -> int:
    """Delete every kept drawing (the class folders go too); return how many drawings there were.

    Files other than drawings that a person put there are left alone, and so are their folders.
    """
    removed = 0
    for folder in _class_folders(root):
        for file in _drawings(folder):
            file.unlink(missing_ok=True)
            removed += 1
        if not any(folder.iterdir()):
            shutil.rmtree(folder, ignore_errors=True)
    return removed


def load_corrections(root: Path, classes: list[str]) -> Corrections:
    """Read every kept drawing through the model's preprocessing, labelled by its folder.

    Parameters
    ----------
    root
        The corrections folder.
    classes
        The model's classes from its metadata; a folder's name is looked up there, so a
        model with more outputs (say, a "not a digit" class) gets the right indices.

    Unreadable files and drawings in which preprocessing finds no digit are skipped and
    listed in ``skipped`` with the reason; nothing is deleted.
    """
    index = {name: i for i, name in enumerate(classes)}
    images: list[np.ndarray] = []
    labels: list[int] = []
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    unknown: list[str] = []
    for folder in _class_folders(root):
        drawings = _drawings(folder)
        if folder.name not in index:
            if drawings:
                unknown.append(folder.name)
            continue
        for file in drawings:
            try:
                x = preprocess_digit(read_image(file))
            except (OSError, ValueError) as exc:
                skipped.append((file, exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)))
                continue
            if x is None:
                skipped.append((file, "no digit found in it"))
                continue
            images.append(x)
            labels.append(index[folder.name])
            files.append(file)
    x = np.stack(images)[..., None] if images else np.zeros((0, SIZE, SIZE, 1), np.float32)
    return Corrections(x.astype(np.float32), np.asarray(labels, np.int32), files, skipped, unknown)
