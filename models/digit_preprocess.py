"""The one preprocessing function of the digit model: MNIST's own recipe.

Training, evaluation, the CLI and the canvas all call :func:`preprocess_digit`, so
the network always sees the same kind of 28×28 picture, whatever it was given.
"""

from __future__ import annotations

import cv2
import numpy as np

SIZE = 28  # side of the network's input
BOX = 20  # MNIST fits the digit's longer side to 20 px inside the 28×28 field
# Ink fainter than this (of the strongest ink) is paper texture or noise, not stroke.
INK_FLOOR = 0.2
# Less contrast than this between ink and background means there is nothing drawn.
MIN_CONTRAST = 0.15
MIN_INK_PIXELS = 4
# Ink filling more than this share of a roughly square box smaller than DOT_SIZE of the
# picture is a dot, not a digit.
BLOB_FILL = 0.7
BLOB_ASPECT = 1.6
DOT_SIZE = 0.15


def to_gray(image: np.ndarray) -> np.ndarray:
    """Any grayscale/RGB/RGBA image of any integer, float or bool dtype → float32 in [0, 1].

    An RGBA image whose alpha varies (ink on a transparent background) is read
    from its alpha channel: the ink is where the picture is opaque.
    """
    image = np.asarray(image)
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    if image.ndim not in (2, 3) or (image.ndim == 3 and image.shape[2] not in (3, 4)):
        raise ValueError(f"expected a grayscale, RGB or RGBA image, got shape {image.shape}")
    if image.size == 0:
        raise ValueError("the image is empty (zero pixels)")

    if image.dtype == bool:
        scaled = image.astype(np.float32)
    elif np.issubdtype(image.dtype, np.integer):
        scaled = image.astype(np.float32) / float(np.iinfo(image.dtype).max)
    else:
        scaled = np.nan_to_num(image.astype(np.float32))
        if scaled.max(initial=0.0) > 1.0:  # float data in 0..255
            scaled = scaled / 255.0

    if scaled.ndim == 2:
        return np.clip(scaled, 0.0, 1.0)
    if scaled.shape[2] == 4:
        alpha = scaled[:, :, 3]
        if alpha.max() - alpha.min() > MIN_CONTRAST:
            return np.clip(alpha, 0.0, 1.0)
        scaled = scaled[:, :, :3]
    gray = scaled @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    return np.clip(gray, 0.0, 1.0)


def _border_background(gray: np.ndarray) -> np.ndarray | float:
    """Background brightness, from the border pixels.

    On a canvas or a scan the border is even and this is the paper's colour;
    on a photographed page it is a plane fitted to the border, which follows
    light falling off across the page.
    """
    h, w = gray.shape
    border = np.concatenate([gray[0], gray[-1], gray[1:-1, 0], gray[1:-1, -1]])
    if float(border.std()) < 0.02:
        return float(np.median(border))
    ys = np.concatenate([np.zeros(w), np.full(w, h - 1), np.arange(1, h - 1), np.arange(1, h - 1)])
    xs = np.concatenate([np.arange(w), np.arange(w), np.zeros(h - 2), np.full(h - 2, w - 1)])
    design = np.column_stack([np.ones_like(ys), ys, xs])
    (c0, cy, cx), *_ = np.linalg.lstsq(design, border, rcond=None)
    return (c0 + cy * np.arange(h, dtype=np.float32)[:, None] + cx * np.arange(w, dtype=np.float32)[None, :]).astype(
        np.float32
    )


def ink_map(image: np.ndarray) -> np.ndarray | None:
    """Ink intensity in [0, 1] (1 = full ink) with the background at 0, or ``None`` if blank.

    A light background (paper, a white canvas) is detected from the image border
    and inverted, so black-on-white and white-on-black give the same result.
    """
    gray = to_gray(image)
    border = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
    light = np.median(border) > 0.5
    if light:
        gray = 1.0 - gray
    ink = gray - _border_background(gray)
    strongest = float(ink.max())
    if strongest < MIN_CONTRAST:
        return None
    ink = np.asarray(ink, np.float32)
    ink *= np.float32(1 / strongest)
    # Ink fainter than the floor (and the paper, now ≤ 0) is zero; ≥ the floor is kept.
    # One SIMD pass of OpenCV instead of a mask and an assignment: the canvas calls this per stroke.
    cv2.threshold(ink, float(np.nextafter(np.float32(INK_FLOOR), np.float32(0))), 0, cv2.THRESH_TOZERO, dst=ink)
    if cv2.countNonZero(ink) < MIN_INK_PIXELS:
        return None
    return ink


def preprocess_digit(image: np.ndarray) -> np.ndarray | None:
    """Turn a picture of one handwritten digit into the network's 28×28 input.

    MNIST's recipe: crop to the ink, fit the longer side to 20 px keeping the
    aspect ratio, place it in a 28×28 field so its centre of mass is in the
    middle, and scale to [0, 1] with white ink on black.

    Parameters
    ----------
    image
        Any size; grayscale (H, W) or (H, W, 1), RGB or RGBA; uint8, uint16,
        float or bool; dark ink on light paper or light ink on dark.

    Returns
    -------
    numpy.ndarray or None
        float32 array (28, 28) in [0, 1], or ``None`` when there is no digit
        (an empty or nearly empty image): never a forced guess.
    """
    ink = ink_map(image)
    if ink is None:
        return None
    # Bounding box of the ink: OpenCV's on a mask is ~4× cheaper than max-reducing the float map.
    left, top, width, height = cv2.boundingRect(cv2.compare(ink, 0, cv2.CMP_GT))
    crop = ink[top : top + height, left : left + width]
    h, w = crop.shape
    # A speck a few pixels across in a large picture is a stray mark, not a digit;
    # so is a small solid round blob (a dot of the pen). Bold 0s and 8s that fill
    # their picture are as solid, hence the size condition.
    if max(h, w) < max(3, 0.02 * max(ink.shape)):
        return None
    small = max(h, w) < DOT_SIZE * max(ink.shape)
    if small and max(h, w) < BLOB_ASPECT * min(h, w) and (crop > 0.5).mean() > BLOB_FILL:
        return None

    scale = BOX / max(h, w)
    new_w, new_h = max(1, round(w * scale)), max(1, round(h * scale))
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    box = cv2.resize(crop, (new_w, new_h), interpolation=interpolation)

    total = float(box.sum())
    if total <= 0:
        return None
    ys, xs = np.indices(box.shape)
    cy, cx = float((ys * box).sum() / total), float((xs * box).sum() / total)
    # Centre of mass to pixel (14, 14) as MNIST has it, but never push the digit out of the field.
    dx = float(np.clip(SIZE / 2 - cx, 0, SIZE - new_w))
    dy = float(np.clip(SIZE / 2 - cy, 0, SIZE - new_h))
    shift = np.float32([[1, 0, dx], [0, 1, dy]])
    out = cv2.warpAffine(box, shift, (SIZE, SIZE), flags=cv2.INTER_LINEAR, borderValue=0.0)
    peak = float(out.max())
    return (out / peak).astype(np.float32) if peak > 0 else None


def preprocess_batch(images: np.ndarray | list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Preprocess many images: returns (N, 28, 28, 1) float32 and a mask of which had a digit."""
    out = np.zeros((len(images), SIZE, SIZE, 1), dtype=np.float32)
    found = np.zeros(len(images), dtype=bool)
    for i, image in enumerate(images):
        x = preprocess_digit(image)
        if x is not None:
            out[i, :, :, 0] = x
            found[i] = True
    return out, found
