"""Shared fixtures. Tests never touch the network, a GPU or a real display."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")  # tests run on the CPU everywhere

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "datasets"


@pytest.fixture(scope="session", autouse=True)
def private_user_folders(tmp_path_factory):
    """Tests never read or write the real user's DigitFace data or cache folders."""
    home = tmp_path_factory.mktemp("xdg")
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ["XDG_CACHE_HOME"] = str(home / "cache")
    return home


@pytest.fixture(scope="session")
def predictor():
    """The shipped digit model, loaded once."""
    from models.digit_model import DigitPredictor

    return DigitPredictor.load()


@pytest.fixture(scope="session")
def mnist_test():
    """The vendored MNIST test split."""
    from training.mnist import load_split

    return load_split("test")


def paste_digit(
    digit: np.ndarray, canvas: int, size: int, top: int, left: int, ink_on_paper: bool = True
) -> np.ndarray:
    """Upscale a 28×28 MNIST digit to ``size`` px and paste it on a blank ``canvas``-px square."""
    import cv2

    big = cv2.resize(digit, (size, size), interpolation=cv2.INTER_CUBIC)
    out = np.zeros((canvas, canvas), np.uint8)
    out[top : top + size, left : left + size] = big
    return 255 - out if ink_on_paper else out
