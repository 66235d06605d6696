"""Reading image files of any common format into numpy arrays: the one reader every part of the app uses.

Pictures are turned upright from their EXIF orientation (phones store photos sideways with a tag),
large pictures can be read reduced (a JPEG decodes at 1/2, 1/4 or 1/8 of its size directly), and
anything that is not a usable picture is a :class:`ValueError` with a clear message.
"""

from __future__ import annotations

import errno
import os
import stat
import warnings
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".pgm", ".ppm", ".pbm", ".tif", ".tiff", ".webp"}
# Smaller or thinner pictures hold no digit or face to speak of, and dlib's CNN face detector
# crashes the process on them (a side under 10 px after its own resizing).
MIN_SIDE = 10
MAX_ASPECT = 20  # a 20:1 strip is already beyond any panorama a phone makes
# Longest side read for each use. Digits: preprocessing calls a mark under 2% of the longer side a
# stray speck, not a digit, and fits a digit's ink into the 20 px box the model sees; at 1000 px the
# smallest mark it accepts still has those 20 px, so nothing is lost, and a 4000×3000 photo costs
# ~25 MB instead of ~310 MB. (640 px would save another ~13 MB but blur the smallest digits.) Faces:
# dlib's HOG looks at a copy of at most 1600 px (face_features.STILL_MAX_SIDE); 2000 px keeps that
# copy as sharp as before and a face 1/20 of the picture at 100 px, above HOG's 80 px window.
DIGIT_MAX_SIDE = 1000
FACE_MAX_SIDE = 2000


class UnusableImage(ValueError):
    """A file that is a picture, but one nothing can be read from (too small, too thin, too large)."""


def _quiet_pillow() -> None:
    """Pillow warns (DecompressionBombWarning) on pictures over 89 Mpx; they are read reduced, so say nothing.

    Pictures over twice that still fail, as an :class:`UnusableImage` that says so. The filter is
    (re)installed only when it is not already the first one, since changing the filters resets
    Python's record of warnings already shown; ``warnings.catch_warnings`` per call would not be
    thread-safe (frames are read in a worker thread).
    """
    from PIL import Image

    first = warnings.filters[0] if warnings.filters else None
    if first is None or first[0] != "ignore" or first[2] is not Image.DecompressionBombWarning:
        warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)


def read_image(path: Path | str, max_side: int | None = None) -> np.ndarray:
    """Read an image file upright as (H, W) grayscale or (H, W, 3|4) RGB(A), keeping its bit depth.

    Uses Pillow, which reads PNG, JPEG, GIF, BMP, PGM/PPM, TIFF and WebP alike.

    Parameters
    ----------
    path
        The image file.
    max_side
        When given, a picture whose longer side is larger is read reduced to this size (a JPEG is
        decoded reduced, so a 10000×10000 photo never occupies its full 300 MB).

    Raises
    ------
    ValueError
        If the file is not a readable image (:class:`UnusableImage` when it is a picture under
        10 px, more than 20 times longer than wide, or too large to decode), or not a regular file
        at all (a named pipe or a device, refused without waiting on it).
    OSError
        If the file cannot be opened (missing, no permission, a folder).
    """
    return read_image_scaled(path, max_side)[0]


def read_image_scaled(path: Path | str, max_side: int | None = None) -> tuple[np.ndarray, float]:
    """Like :func:`read_image`, also returning the factor from the pixels read to the picture's own.

    Multiply a position in the returned array by the factor to get it in the upright picture's pixels
    (1.0 when the picture was read at full size).
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    _quiet_pillow()
    with _open_picture_file(path) as file:  # OSError here: the file itself cannot be opened
        try:
            try:
                opened, past_the_limit = Image.open(file), False
            except Image.DecompressionBombError:
                opened, past_the_limit = _huge_jpeg(file, max_side), True
                if opened is None:
                    raise
            with opened as img:
                img.seek(0)  # first frame of an animated GIF
                _check_size(*img.size)
                w, h = img.size
                full = max(w, h)
                if max_side and full > max_side and img.format == "JPEG":
                    img.draft(None, (max(1, w * max_side // full), max(1, h * max_side // full)))
                if past_the_limit and img.size[0] * img.size[1] > 2 * (Image.MAX_IMAGE_PIXELS or 0):
                    raise UnusableImage(f"picture too large to read safely ({w}×{h} px, even reduced)")
                img = _canonical_mode(img)
                if max_side and max(img.size) > max_side:
                    img.thumbnail((max_side, max_side), Image.Resampling.LANCZOS, reducing_gap=None)
                ImageOps.exif_transpose(img, in_place=True)
                return _as_array(img), full / max(img.size)
        except UnidentifiedImageError as exc:
            empty = Path(path).stat().st_size == 0
            raise ValueError("empty file" if empty else "not an image file (or an unsupported format)") from exc
        except Image.DecompressionBombError as exc:
            raise UnusableImage(f"picture too large to read safely ({exc})") from exc
        except MemoryError as exc:
            raise UnusableImage("picture too large for the memory available") from exc
        except ValueError:
            raise
        except Exception as exc:  # noqa: BLE001 — decoders fail in many ways on damaged files; all mean "damaged"
            raise ValueError(f"damaged or unreadable picture: {exc or type(exc).__name__}") from exc


def _huge_jpeg(file: BinaryIO, max_side: int | None) -> Any:
    """A JPEG over Pillow's decompression-bomb limit, opened to be decoded reduced; ``None`` for anything else.

    A 200 MP phone photo (16320×12240) is over the limit, and so refused by ``Image.open``, but a
    JPEG decodes at 1/8 of its size directly: 3 MP, about 10 MB. Only when it is read reduced
    (``max_side``); the caller still refuses it if the reduced picture is over the limit.
    """
    from PIL import JpegImagePlugin

    file.seek(0)
    if not max_side or file.read(3) != b"\xff\xd8\xff":
        return None
    file.seek(0)
    return JpegImagePlugin.JpegImageFile(file)  # the plugin itself: Image.open's bomb check is not in it


def _open_picture_file(path: Path | str) -> BinaryIO:
    """Open a file for reading, refusing anything but a regular file before reading a byte.

    A named pipe (FIFO) among the pictures would block ``open`` until something writes to it,
    forever, and a device never ends: the non-blocking open returns at once, and its kind is
    checked before any read.

    Raises
    ------
    IsADirectoryError
        If ``path`` is a folder.
    ValueError
        If ``path`` is a pipe, socket or device.
    OSError
        If it cannot be opened at all.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            kind = "a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a device or socket"
            raise ValueError(f"not a picture file: {kind}")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _check_size(width: int, height: int) -> None:
    if min(width, height) < MIN_SIDE:
        raise UnusableImage(f"picture too small ({width}×{height} px; at least {MIN_SIDE} px a side is needed)")
    if max(width, height) > MAX_ASPECT * min(width, height):
        raise UnusableImage(f"picture too elongated ({width}×{height} px; at most {MAX_ASPECT}:1 is read)")


def _canonical_mode(img):
    """Palette, CMYK, bilevel… as RGB(A); grayscale, RGB(A), 16-bit and float as they are."""
    if img.mode in ("P", "PA", "CMYK", "YCbCr", "LAB", "HSV", "1", "LA", "RGBX", "RGBa", "La"):
        return img.convert("RGBA" if "A" in img.mode or "a" in img.mode or "transparency" in img.info else "RGB")
    if img.mode in ("L", "RGB", "RGBA", "I;16", "I;16B", "I;16L", "I", "F"):
        return img
    return img.convert("RGB")


def _as_array(img) -> np.ndarray:
    if img.mode in ("I;16", "I;16B", "I;16L"):
        return np.asarray(img, dtype=np.uint16)
    if img.mode == "I":
        return np.clip(np.asarray(img), 0, 65535).astype(np.uint16)
    if img.mode == "F":
        return np.asarray(img, dtype=np.float32)
    return np.asarray(img)


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
