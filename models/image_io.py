"""Reading image files of any common format into numpy arrays."""

from __future__ import annotations

from pathlib import Path

import numpy as np

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".pgm", ".ppm", ".pbm", ".tif", ".tiff", ".webp"}


def read_image(path: Path | str) -> np.ndarray:
    """Read an image file as (H, W) grayscale or (H, W, 3|4) RGB(A), keeping its bit depth.

    Uses Pillow, which reads PNG, JPEG, GIF, BMP, PGM/PPM, TIFF and WebP alike.

    Raises
    ------
    ValueError
        If the file is not a readable image.
    OSError
        If the file cannot be opened.
    """
    from PIL import Image, UnidentifiedImageError

    path = Path(path)
    try:
        with Image.open(path) as img:
            img.seek(0)  # first frame of an animated GIF
            if img.mode in ("P", "PA", "CMYK", "YCbCr", "LAB", "HSV", "1", "LA"):
                img = img.convert("RGBA" if "A" in img.mode or "transparency" in img.info else "RGB")
            elif img.mode in ("I;16", "I;16B", "I;16L"):
                return np.asarray(img, dtype=np.uint16)
            elif img.mode == "I":
                return np.clip(np.asarray(img), 0, 65535).astype(np.uint16)
            elif img.mode == "F":
                return np.asarray(img, dtype=np.float32)
            return np.asarray(img)
    except UnidentifiedImageError as exc:
        raise ValueError("not an image file (or an unsupported format)") from exc
    except (SyntaxError, Image.DecompressionBombError) as exc:  # Pillow's word for corrupt files
        raise ValueError(f"cannot read image: {exc}") from exc


def as_rgb(image: np.ndarray) -> np.ndarray:
    """Any image from :func:`models.image_io.read_image` as (H, W, 3) uint8 RGB."""
    if image.dtype == np.uint16:
        image = (image >> 8).astype(np.uint8)
    elif image.dtype != np.uint8:
        image = (np.clip(image, 0, 1) * 255).astype(np.uint8) if image.max(initial=0) <= 1 else image.astype(np.uint8)
    if image.ndim == 2:
        return np.repeat(image[:, :, None], 3, axis=2)
    if image.shape[2] == 4:
        return image[:, :, :3]
    return image
