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


def make_video(path: Path, frames: list[np.ndarray], fps: int = 15) -> Path:
    """An MJPG video of RGB ``frames`` at ``path``."""
    h, w = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (w, h))
    for frame in frames:
        writer.write(cv2.cvtColor(frame, cv2.COLOR_RGB2BGR))
    writer.release()
    return path


def write_folder(root: Path, classes: dict[str, list[np.ndarray]], suffix: str = ".jpg") -> Path:
    """Save pictures as ``root/<class>/<n><suffix>``; returns root."""
    for name, pictures in classes.items():
        (root / name).mkdir(parents=True, exist_ok=True)
        for i, picture in enumerate(pictures):
            Image.fromarray(picture).save(root / name / f"{i:02d}{suffix}")
    return root


# A group video: one person in each quarter of a 640×480 frame (up to four), each moving a little.
GROUP_CELLS = [(0, 0), (320, 0), (0, 240), (320, 240)]
TILE = (280, 210)  # a person's crop: (width, height), room to move inside a 320×240 quarter


def face_tile(rgb: np.ndarray, face_px: int = 110) -> np.ndarray:
    """A ``TILE``-sized crop of a photo around its surest face, scaled so that face is ``face_px`` wide."""
    from models.face_features import FaceFeatures

    b = FaceFeatures().detect(rgb)[0]
    scale = face_px / b.width
    small = cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    w, h = TILE
    pad = max(w, h)
    padded = cv2.copyMakeBorder(small, pad, pad, pad, pad, cv2.BORDER_REPLICATE)
    x0 = round((b.left + b.right) / 2 * scale - w / 2) + pad
    y0 = round((b.top + b.bottom) / 2 * scale - h / 2) + pad
    return np.ascontiguousarray(padded[y0 : y0 + h, x0 : x0 + w])


def group_frame(tiles: list[np.ndarray], i: int) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """Frame ``i`` of a group video and where each person's tile is in it (left, top, right, bottom)."""
    frame = np.full((480, 640, 3), 90, np.uint8)
    where = []
    w, h = TILE
    for k, tile in enumerate(tiles):
        cx, cy = GROUP_CELLS[k]
        x = cx + round((320 - w) / 2 + 15 * np.sin(i / 15 + k))
        y = cy + round((240 - h) / 2 + 10 * np.cos(i / 20 + 2 * k))
        frame[y : y + h, x : x + w] = tile
        where.append((x, y, x + w, y + h))
    return frame, where


def quarter(box: object) -> int:
    """Which person of ``group_frame`` a face box shows: the quarter of the frame its centre lies in."""
    cx, cy = (box.left + box.right) / 2, (box.top + box.bottom) / 2
    return int(cx >= 320) + 2 * int(cy >= 240)


def train_things(tmp_path_factory) -> Path:
    """A tiny scratch recogniser of a cat and a coffee cup (references: "unknown" by distance), trained in seconds."""
    from training.recognizer_training import RecognizerTrainConfig, train_recognizer

    root = write_folder(
        tmp_path_factory.mktemp("things"),
        {"cat": variants(shipped("chelsea"), 8, 1), "coffee": variants(shipped("coffee"), 8, 2)},
    )
    out = tmp_path_factory.mktemp("model") / "things.keras"
    config = RecognizerTrainConfig(backbone="scratch", epochs=4, validation_split=0.0)
    train_recognizer(root, config, out=out, cache_dir=tmp_path_factory.mktemp("cache"))
    return out


def train_faces(tmp_path_factory) -> Path:
    """A face recogniser of two people, Eileen (the astronaut) and Grace (Grace Hopper), from five photos each."""
    from training.recognizer_training import RecognizerTrainConfig, train_recognizer

    root = write_folder(
        tmp_path_factory.mktemp("people"),
        {"eileen": variants(shipped("astronaut"), 5, 1), "grace": variants(shipped("grace_hopper"), 5, 2)},
    )
    out = tmp_path_factory.mktemp("model") / "faces.keras"
    train_recognizer(root, RecognizerTrainConfig(backbone="face", epochs=60), out=out)
    return out
