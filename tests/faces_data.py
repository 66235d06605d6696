"""Face and pet pictures for tests, built from photos that dependencies ship (no network, no ../shared)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from PIL import Image


def shipped(name: str) -> np.ndarray:
    """An RGB sample photo: ``astronaut``, ``camera``, ``chelsea``, ``coffee`` (scikit-image), ``grace_hopper``."""
    if name == "grace_hopper":
        import matplotlib.cbook

        with matplotlib.cbook.get_sample_data("grace_hopper.jpg") as f:
            return np.asarray(Image.open(f).convert("RGB"))
    import skimage.data

    image = getattr(skimage.data, name)()
    return np.repeat(image[:, :, None], 3, axis=2) if image.ndim == 2 else image[:, :, :3]


def variants(rgb: np.ndarray, n: int, seed: int) -> list[np.ndarray]:
    """Camera-like variations of a photo: crops, scale, small rotations, light, flips."""
    rng = np.random.default_rng(seed)
    h, w = rgb.shape[:2]
    out = []
    for _ in range(n):
        angle, scale = rng.uniform(-8, 8), rng.uniform(0.9, 1.1)
        m = cv2.getRotationMatrix2D((w / 2 + rng.uniform(-15, 15), h / 2 + rng.uniform(-15, 15)), angle, scale)
        img = cv2.warpAffine(rgb, m, (w, h), borderMode=cv2.BORDER_REPLICATE)
        img = np.clip(img.astype(np.float32) * rng.uniform(0.75, 1.25) + rng.uniform(-20, 20), 0, 255)
        img = img.astype(np.uint8)
        out.append(img[:, ::-1] if rng.random() < 0.5 else img)
    return out


def write_folder(root: Path, classes: dict[str, list[np.ndarray]], suffix: str = ".jpg") -> Path:
    """Save pictures as ``root/<class>/<n><suffix>``; returns root."""
    for name, pictures in classes.items():
        (root / name).mkdir(parents=True, exist_ok=True)
        for i, picture in enumerate(pictures):
            Image.fromarray(picture).save(root / name / f"{i:02d}{suffix}")
    return root
