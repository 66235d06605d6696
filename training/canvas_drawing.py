"""Draw strokes and font glyphs the way the Digits tab's canvas shows them, without Qt.

The synthetic pictures of :mod:`training.non_digits` and :mod:`training.canvas_digits`
are drawn here on a square "canvas" (dark ink on the tab's off-white paper, a round
pen whose width is one of the tab's pen widths, anti-aliased), at any size and place,
and then go through the same :func:`models.digit_preprocess.preprocess_digit` as a
drawing, so the network is taught and measured on what it would really see.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from models.app_state import PEN_WIDTHS
from models.digit_preprocess import SIZE, preprocess_digit

CANVAS = 280  # px: the network sees a 20 px box whatever the canvas' size, so a small one is as good and cheaper
PAPER = 253  # the canvas' #fdfdf8 and #1b1f3b ink, as grey levels
INK = 33
FONT_DIRS = (Path("/usr/share/fonts"), Path("/Library/Fonts"), Path("C:/Windows/Fonts"))
# Symbol and picture fonts hold no letters and a CJK fallback draws boxes for Latin: not handwriting-like.
SKIP_FONTS = ("D050000L", "StandardSymbols", "DejaVuMathTeXGyre", "DroidSansFallback", "Symbol", "Wingding", "Webding")
# Whole font families kept out of training, so a benchmark can measure designs it never saw.
HELD_OUT_FONTS = ("C059", "URWBookman", "Z003", "Noto", "Georgia", "Courier")

MAX_PEN_SHARE = 0.15  # pen width / drawing size: MNIST's strokes are about a tenth of the digit's height
Stroke = np.ndarray  # (K, 2) points in unit coordinates: x right, y down, 0..1


@functools.cache
def font_files() -> tuple[Path, ...]:
    """The system's TrueType/OpenType fonts that can draw Latin letters, sorted (empty if there are none)."""
    found = []
    for folder in FONT_DIRS:
        if folder.is_dir():
            found += [p for p in folder.rglob("*") if p.suffix.lower() in (".ttf", ".otf")]
    return tuple(sorted({p for p in found if not any(skip in p.name for skip in SKIP_FONTS)}, key=lambda p: p.name))


def fonts_for(split: str) -> tuple[Path | None, ...]:
    """The fonts of a split: ``"train"`` or ``"heldout"`` (whole families never trained on).

    ``None`` stands for Pillow's own default font, so a machine without fonts
    still has one (it goes to training: a benchmark there has no unseen fonts).
    """
    if split not in ("train", "heldout"):
        raise ValueError(f"split must be 'train' or 'heldout', not {split!r}")
    held = tuple(p for p in font_files() if any(p.name.startswith(family) for family in HELD_OUT_FONTS))
    if split == "heldout":
        return held
    return (*(p for p in font_files() if p not in held), None)


@functools.cache
def _font(path: Path | None, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if path is None:
        try:
            return ImageFont.load_default(size=size)
        except TypeError:  # Pillow < 10.1: only its small bitmap font, enlarged by the preprocessing anyway
            return ImageFont.load_default()
    return ImageFont.truetype(str(path), size)


def blank_canvas() -> np.ndarray:
    """An empty canvas: paper grey, (CANVAS, CANVAS) uint8."""
    return np.full((CANVAS, CANVAS), PAPER, np.uint8)


def pen_width(rng: np.random.Generator) -> int:
    """One of the tab's pen widths (a share of the canvas' side), in canvas pixels."""
    return max(2, round(CANVAS * float(rng.choice(PEN_WIDTHS))))


def draw_strokes(canvas: np.ndarray, strokes: Sequence[Stroke], width: int) -> np.ndarray:
    """Draw polylines (unit coordinates) with a round, anti-aliased pen, as the canvas does."""
    for stroke in strokes:
        points = np.round(np.asarray(stroke, np.float64) * CANVAS * 16).astype(np.int32)  # 4 fractional bits
        if len(points) == 1:
            cv2.circle(canvas, tuple(points[0]), width * 8, INK, -1, cv2.LINE_AA, shift=4)
        else:
            cv2.polylines(canvas, [points], False, INK, width, cv2.LINE_AA, shift=4)
    return canvas


def hand_jitter(strokes: Sequence[Stroke], rng: np.random.Generator, wobble: float = 0.02) -> list[Stroke]:
    """Strokes as a hand draws them: slanted, stretched, a little wobbly, never quite straight.

    A random affine map (rotation up to 15°, shear, unequal scales) is applied to
    all strokes together, then each densified stroke gets a smooth random drift.
    """
    angle = np.deg2rad(rng.uniform(-15, 15))
    shear = rng.uniform(-0.25, 0.25)
    sx, sy = rng.uniform(0.75, 1.2), rng.uniform(0.85, 1.15)
    rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    affine = rot @ np.array([[sx, shear], [0.0, sy]])
    out = []
    for stroke in strokes:
        pts = densify(np.asarray(stroke, np.float64))
        pts = (pts - 0.5) @ affine.T + 0.5
        drift = np.cumsum(rng.normal(0, wobble / 3, (len(pts), 2)), axis=0)  # a random walk: slow, smooth drift
        out.append(pts + np.clip(drift - drift.mean(axis=0), -3 * wobble, 3 * wobble))
    return out


def densify(points: np.ndarray, step: float = 0.02) -> np.ndarray:
    """Points along a polyline no more than ``step`` apart (a mouse reports many small moves)."""
    if len(points) < 2:
        return points
    out = [points[:1]]
    for a, b in zip(points[:-1], points[1:]):
        n = max(1, int(np.ceil(np.linalg.norm(b - a) / step)))
        t = np.linspace(0, 1, n + 1)[1:, None]
        out.append(a + t * (b - a))
    return np.concatenate(out)


def place(strokes: Sequence[Stroke], rng: np.random.Generator, min_size: float = 0.2) -> list[Stroke]:
    """Scale strokes to a random size (``min_size``–0.9 of the canvas) and put them anywhere on it."""
    pts = np.concatenate(strokes)
    low, high = pts.min(axis=0), pts.max(axis=0)
    extent = float(max(high - low)) or 1.0
    scale = rng.uniform(min(min_size, 0.9), 0.9) / extent
    size = (high - low) * scale
    margin = 0.04
    offset = np.array([rng.uniform(margin, max(margin, 1 - margin - s)) for s in size])
    return [(s - low) * scale + offset for s in strokes]


def render_strokes(strokes: Sequence[Stroke], rng: np.random.Generator, jitter: bool = True) -> np.ndarray:
    """A canvas with these strokes drawn by hand at a random size, place and pen width.

    The drawing is at least ``1 / MAX_PEN_SHARE`` pen widths tall: smaller, a thick pen
    makes a blob that no one would call a digit or a letter (people draw bigger then).
    """
    if jitter:
        strokes = hand_jitter(strokes, rng)
    width = pen_width(rng)
    return draw_strokes(blank_canvas(), place(strokes, rng, max(0.2, width / CANVAS / MAX_PEN_SHARE)), width)


def render_glyph(text: str, font: Path | None, rng: np.random.Generator) -> np.ndarray:
    """A canvas with ``text`` typed in ``font``, at a random size, place, slant and boldness."""
    size = int(rng.integers(48, 200))
    face = _font(font, size)
    bold = int(rng.integers(0, max(1, size // 25))) if isinstance(face, ImageFont.FreeTypeFont) else 0
    left, top, right, bottom = face.getbbox(text, stroke_width=bold)
    glyph = Image.new("L", (right - left + 4, bottom - top + 4), 0)
    ImageDraw.Draw(glyph).text((2 - left, 2 - top), text, fill=255, font=face, stroke_width=bold, stroke_fill=255)
    glyph = glyph.rotate(float(rng.uniform(-12, 12)), resample=Image.Resampling.BILINEAR, expand=True)
    ink = np.asarray(glyph, np.float32) / 255
    scale = min(1.0, 0.9 * CANVAS / max(ink.shape))
    if scale < 1:
        ink = cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    canvas = blank_canvas().astype(np.float32)
    h, w = ink.shape
    y, x = int(rng.integers(0, CANVAS - h + 1)), int(rng.integers(0, CANVAS - w + 1))
    region = canvas[y : y + h, x : x + w]
    canvas[y : y + h, x : x + w] = region + ink * (INK - region)
    return canvas.astype(np.uint8)


def has_glyph(text: str, font: Path | None) -> bool:
    """Whether ``font`` draws ``text`` as something other than its empty-box "missing glyph"."""
    face = _font(font, 64)
    mask = np.asarray(face.getmask(text), np.uint8)
    missing = np.asarray(face.getmask("\uffff"), np.uint8)
    return mask.size > 0 and mask.any() and not (mask.shape == missing.shape and np.array_equal(mask, missing))


def to_inputs(canvases: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Canvases through the app's one preprocessing: (N, 28, 28, 1) inputs and which held a drawing."""
    x = np.zeros((len(canvases), SIZE, SIZE, 1), np.float32)
    found = np.zeros(len(canvases), bool)
    for i, canvas in enumerate(canvases):
        image = preprocess_digit(canvas)
        if image is not None:
            x[i, :, :, 0], found[i] = image, True
    return x, found


def arc(cx: float, cy: float, rx: float, ry: float, start_deg: float, end_deg: float, n: int = 24) -> Stroke:
    """Points along an ellipse's arc (angles in degrees, 0 = right, 90 = down, as on screen)."""
    t = np.deg2rad(np.linspace(start_deg, end_deg, n))
    return np.column_stack([cx + rx * np.cos(t), cy + ry * np.sin(t)])


def line(*points: tuple[float, float]) -> Stroke:
    """A polyline through the given (x, y) points."""
    return np.asarray(points, np.float64)
