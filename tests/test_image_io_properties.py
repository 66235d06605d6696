"""Property-based tests of the one picture reader: whatever a file holds, an array or a ValueError."""

from __future__ import annotations

import io

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from PIL import Image

from models.image_io import IMAGE_SUFFIXES, MAX_ASPECT, MIN_SIDE, read_image

FORMATS = {"PNG": ".png", "JPEG": ".jpg", "BMP": ".bmp", "GIF": ".gif", "TIFF": ".tif", "WEBP": ".webp", "PPM": ".ppm"}
COMMON = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def read_or_value_error(path) -> np.ndarray | None:
    """The contract: an image array, or a ValueError. Any other exception fails the test."""
    try:
        image = read_image(path)
    except ValueError as exc:
        assert str(exc), "a ValueError must say what is wrong"
        return None
    assert isinstance(image, np.ndarray) and image.ndim in (2, 3)
    assert min(image.shape[:2]) >= MIN_SIDE
    if image.ndim == 3:
        assert image.shape[2] in (3, 4)
    return image


def pictures():
    """Small arrays a person could save: grayscale or RGB(A), 8 or 16 bits, any size from 1 px."""
    shapes = st.tuples(st.integers(1, 48), st.integers(1, 48)).flatmap(
        lambda hw: st.sampled_from([hw, (*hw, 3), (*hw, 4)])
    )
    return st.one_of(arrays(np.uint8, shapes), arrays(np.uint16, st.tuples(st.integers(1, 48), st.integers(1, 48))))


def encode(picture: np.ndarray, fmt: str) -> bytes | None:
    """The picture saved in ``fmt`` by Pillow, or None where Pillow cannot write it in that format."""
    buffer = io.BytesIO()
    try:
        image = Image.fromarray(picture)
        if fmt in ("JPEG", "PPM", "BMP") and image.mode == "RGBA":
            image = image.convert("RGB")
        image.save(buffer, format=fmt)
    except (OSError, ValueError, KeyError):
        return None
    return buffer.getvalue()


@COMMON
@given(data=st.binary(max_size=2048), suffix=st.sampled_from(sorted(IMAGE_SUFFIXES)))
def test_any_bytes_give_an_array_or_a_value_error(tmp_path, data, suffix):
    path = tmp_path / f"x{suffix}"
    path.write_bytes(data)
    read_or_value_error(path)


@COMMON
@given(picture=pictures(), fmt=st.sampled_from(sorted(FORMATS)))
def test_any_small_picture_in_any_format_reads_back_or_is_refused_clearly(tmp_path, picture, fmt):
    data = encode(picture, fmt)
    if data is None:
        return
    path = tmp_path / f"x{FORMATS[fmt]}"
    path.write_bytes(data)
    image = read_or_value_error(path)
    h, w = picture.shape[:2]
    usable = min(h, w) >= MIN_SIDE and max(h, w) <= MAX_ASPECT * min(h, w)
    assert (image is not None) == usable  # refused exactly when too small or too thin
    if image is not None:
        assert image.shape[:2] == (h, w)
        if fmt == "PNG":  # lossless: the very same values come back
            np.testing.assert_array_equal(image, picture)


@COMMON
@given(
    picture=pictures(),
    fmt=st.sampled_from(sorted(FORMATS)),
    cut=st.floats(0, 1),
    flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=8),
)
def test_damaged_pictures_give_an_array_or_a_value_error(tmp_path, picture, fmt, cut, flips):
    data = encode(picture, fmt)
    if data is None:
        return
    damaged = bytearray(data[: max(1, round(len(data) * cut))] if cut < 0.9 else data)
    for where, value in flips:
        damaged[min(int(where * len(damaged)), len(damaged) - 1)] = value
    path = tmp_path / f"x{FORMATS[fmt]}"
    path.write_bytes(bytes(damaged))
    read_or_value_error(path)
