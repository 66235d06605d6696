"""The one preprocessing function: MNIST's recipe for any picture of a digit."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import paste_digit

from models.digit_preprocess import preprocess_digit, to_gray


def bbox(x: np.ndarray) -> tuple[int, int]:
    rows = np.flatnonzero(x.max(axis=1) > 0.05)
    cols = np.flatnonzero(x.max(axis=0) > 0.05)
    return rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1


def correlation(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a.ravel(), b.ravel())[0, 1])


def centre_of_mass(x: np.ndarray) -> tuple[float, float]:
    ys, xs = np.indices(x.shape)
    return float((ys * x).sum() / x.sum()), float((xs * x).sum() / x.sum())


@pytest.fixture(scope="module")
def seven(mnist_test):
    return mnist_test.images[0]  # the first test digit is a 7


def test_output_is_mnist_like(seven):
    x = preprocess_digit(seven)
    assert x.shape == (28, 28) and x.dtype == np.float32
    assert 0.0 <= x.min() and x.max() == pytest.approx(1.0)
    assert max(bbox(x)) in (20, 21)  # longer side fitted to 20 px (anti-aliased edge)
    cy, cx = centre_of_mass(x)
    assert abs(cy - 13.5) < 1.0 and abs(cx - 13.5) < 1.0


def test_mnist_digit_is_nearly_unchanged(seven):
    x = preprocess_digit(seven)
    # Re-fitting an already anti-aliased digit resamples it slightly, nothing more.
    assert correlation(x, seven / 255.0) > 0.9


def test_off_centre_tiny_and_huge_give_the_same_input(seven):
    centred = preprocess_digit(paste_digit(seven, 400, 300, 50, 50))
    corner = preprocess_digit(paste_digit(seven, 400, 120, 270, 5))
    tiny = preprocess_digit(paste_digit(seven, 600, 30, 10, 500))
    huge = preprocess_digit(paste_digit(seven, 2400, 2300, 40, 60))
    for other in (corner, tiny, huge):
        assert other is not None
        assert np.abs(other - centred).mean() < 0.05


def test_inverted_and_white_on_black_agree(seven):
    on_paper = preprocess_digit(paste_digit(seven, 300, 200, 40, 60, ink_on_paper=True))
    on_black = preprocess_digit(paste_digit(seven, 300, 200, 40, 60, ink_on_paper=False))
    np.testing.assert_allclose(on_paper, on_black, atol=0.01)


def test_photo_of_grey_paper_with_uneven_light(seven):
    img = paste_digit(seven, 300, 200, 50, 50).astype(np.float32)
    light = np.linspace(150, 230, 300)[None, :]  # a shadow across the page
    photo = np.clip(light * (img / 255.0) + np.random.default_rng(0).normal(0, 4, img.shape), 0, 255)
    x = preprocess_digit(photo.astype(np.uint8))
    reference = preprocess_digit(paste_digit(seven, 300, 200, 50, 50))
    assert x is not None and correlation(x, reference) > 0.95


def test_colour_formats(seven):
    gray = paste_digit(seven, 200, 150, 20, 30)
    reference = preprocess_digit(gray)
    rgb = np.stack([gray] * 3, axis=-1)
    rgba_opaque = np.dstack([rgb, np.full_like(gray, 255)])
    # Ink drawn on a transparent layer: colour is black everywhere, the ink is in alpha.
    rgba_transparent = np.dstack([np.zeros_like(rgb), 255 - gray])
    sixteen_bit = gray.astype(np.uint16) * 257
    floats = gray.astype(np.float32) / 255.0
    single_channel = gray[:, :, None]
    for img in (rgb, rgba_opaque, rgba_transparent, sixteen_bit, floats, single_channel):
        x = preprocess_digit(img)
        assert x is not None
        np.testing.assert_allclose(x, reference, atol=0.02)


def test_bool_image(seven):
    mask = paste_digit(seven, 200, 150, 20, 30, ink_on_paper=False) > 128
    assert preprocess_digit(mask) is not None


@pytest.mark.parametrize(
    "blank",
    [
        np.zeros((100, 100), np.uint8),
        np.full((100, 100), 255, np.uint8),
        np.full((50, 80, 3), 128, np.uint8),
        np.zeros((64, 64, 4), np.uint8),  # fully transparent
        np.random.default_rng(0).normal(200, 3, (120, 120)).clip(0, 255).astype(np.uint8),  # blank paper photo
    ],
    ids=["black", "white", "grey-rgb", "transparent", "paper-noise"],
)
def test_empty_images_have_no_digit(blank):
    assert preprocess_digit(blank) is None


def test_a_speck_is_not_a_digit():
    img = np.full((400, 400), 255, np.uint8)
    img[200:203, 100:103] = 0
    assert preprocess_digit(img) is None


def test_bad_shapes_are_clear_errors():
    with pytest.raises(ValueError, match="image"):
        preprocess_digit(np.zeros((10, 10, 2), np.uint8))
    with pytest.raises(ValueError, match="empty"):
        preprocess_digit(np.zeros((0, 10), np.uint8))


def test_to_gray_scales_dtypes():
    assert to_gray(np.array([[0, 65535]], np.uint16)).tolist() == [[0.0, 1.0]]
    assert to_gray(np.array([[0.0, 255.0]], np.float64)).tolist() == [[0.0, 1.0]]


def test_a_pen_dot_is_not_a_digit_but_a_bold_zero_is():
    import cv2

    img = np.full((420, 420), 255, np.uint8)
    cv2.circle(img, (200, 210), 14, 0, -1)  # one click of the marker
    assert preprocess_digit(img) is None
    bold_zero = np.full((420, 420), 255, np.uint8)
    cv2.ellipse(bold_zero, (210, 210), (110, 160), 0, 0, 360, 0, 90)
    assert preprocess_digit(bold_zero) is not None
