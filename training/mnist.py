"""MNIST from the canonical idx files, read offline from the vendored copy in ``assets/``."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path
from typing import NamedTuple

import numpy as np

from models.paths import asset_path

FILES = {
    "train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
    "test": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
}


class MnistSplit(NamedTuple):
    """Images (N, 28, 28) uint8, white digit on black, and labels (N,) uint8."""

    images: np.ndarray
    labels: np.ndarray


def default_dir() -> Path:
    """Folder of the vendored MNIST idx files."""
    return asset_path("mnist")


def read_idx(path: Path) -> np.ndarray:
    """Read an idx file (gzipped or not) into a numpy array.

    Raises
    ------
    ValueError
        If the file is not a valid idx file of unsigned bytes.
    """
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as f:
        data = f.read()
    if len(data) < 4:
        raise ValueError(f"{path}: too short to be an idx file")
    zero, dtype_code, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype_code != 0x08:
        raise ValueError(f"{path}: not an idx file of unsigned bytes")
    shape = struct.unpack(f">{ndim}I", data[4 : 4 + 4 * ndim])
    body = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim)
    if body.size != int(np.prod(shape)):
        raise ValueError(f"{path}: expected {np.prod(shape)} values, found {body.size}")
    return body.reshape(shape)


def _find(folder: Path, name: str) -> Path:
    # Accept both the gzipped originals and unpacked copies a user may have.
    for candidate in (folder / name, folder / name.removesuffix(".gz")):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"MNIST file {name} not found in {folder}")


def load_split(split: str = "train", folder: Path | str | None = None) -> MnistSplit:
    """Load the ``"train"`` (60k) or ``"test"`` (10k) split.

    Parameters
    ----------
    split
        ``"train"`` or ``"test"``.
    folder
        Folder holding the idx files; the vendored copy when ``None``.
    """
    if split not in FILES:
        raise ValueError(f"unknown MNIST split {split!r}; use 'train' or 'test'")
    folder = Path(folder) if folder is not None else default_dir()
    image_file, label_file = FILES[split]
    images = read_idx(_find(folder, image_file))
    labels = read_idx(_find(folder, label_file))
    if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels):
        raise ValueError(f"{folder}: MNIST {split} images and labels do not match")
    return MnistSplit(images, labels)
