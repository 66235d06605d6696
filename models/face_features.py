"""Human faces: dlib's HOG detector, 5-point alignment and ResNet face embedding.

The model files come from the ``face_recognition_models`` package and dlib from
``dlib-bin``; both install from PyPI and nothing is downloaded at run time.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from models.image_io import MAX_ASPECT, MIN_SIDE, UnusableImage

EMBEDDING_SIZE = 128
# Faces are found on a copy whose longer side is at most this many pixels: HOG on
# 640 px takes ~25 ms on a laptop core, and faces in webcam frames are large.
DETECT_MAX_SIDE = 640
STILL_MAX_SIDE = 1600
# HOG detections scoring below this are mostly patterns that look a little like a face
# (seen: a badge on a space suit at 0.1–0.25, while real faces score 0.5 and more).
MIN_SCORE = 0.3
# dlib's CNN (MMOD) detector finds faces HOG misses (harsh side light, turned heads) but
# costs ~0.6 s on a 320×240 picture: only a fallback for photos, on a copy this small.
CNN_MAX_SIDE = 480
# The CNN detector raises on a copy with a side under 10 px, and the next call may then abort the
# whole process ("double free or corruption"). Its smallest face is about 40 px: copies thinner than
# half that (a 2000×20 strip shrunk to 480 px) cannot hold a face and are not searched at all.
CNN_MIN_SIDE = 20
LIVE_ZOOM = 1.5


@dataclass(frozen=True)
class Box:
    """A face box in pixels of the original image."""

    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top

    def as_tuple(self) -> tuple[int, int, int, int]:
        return self.left, self.top, self.right, self.bottom


def _box(rect: object, scale: float, width: int, height: int) -> Box:
    """A dlib rectangle found on a copy scaled by ``scale``, in the original's pixels."""
    return Box(
        max(0, round(rect.left() / scale)),
        max(0, round(rect.top() / scale)),
        min(width, round(rect.right() / scale)),
        min(height, round(rect.bottom() / scale)),
    )


def model_file(name: str) -> Path:
    """Path of a model file shipped by ``face_recognition_models``.

    Found without importing the package, whose ``__init__`` needs the retired
    ``pkg_resources``.
    """
    spec = importlib.util.find_spec("face_recognition_models")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the face models are missing: pip install face_recognition_models")
    path = Path(next(iter(spec.submodule_search_locations))) / "models" / name
    if not path.is_file():
        raise FileNotFoundError(f"face model file missing: {path}")
    return path


def check_picture(rgb: np.ndarray) -> None:
    """Refuse what dlib cannot take, as the :class:`ValueError` every caller reports and skips.

    dlib raises a bare ``RuntimeError`` or aborts the process on these, which would end a whole
    ``faces train`` or ``faces predict`` over one bad picture.

    Raises
    ------
    models.image_io.UnusableImage
        Not (H, W, 3) uint8, a side under 10 px or more than 20 times longer than wide.
    """
    if rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8:
        raise UnusableImage(f"expected an RGB picture of 8-bit values, got an array {rgb.shape} of {rgb.dtype}")
    h, w = rgb.shape[:2]
    if min(h, w) < MIN_SIDE:
        raise UnusableImage(f"picture too small ({w}×{h} px; at least {MIN_SIDE} px a side is needed)")
    if max(h, w) > MAX_ASPECT * min(h, w):
        raise UnusableImage(f"picture too elongated ({w}×{h} px; at most {MAX_ASPECT}:1 is read)")


class FaceFeatures:
    """Finds faces and turns each into a 128-number embedding (same person → nearby points)."""

    def __init__(self) -> None:
        try:
            import dlib
        except ImportError as exc:
            raise ModuleNotFoundError("dlib is missing: pip install dlib-bin") from exc
        self._dlib = dlib
        self._detector = dlib.get_frontal_face_detector()
        self._landmarks = dlib.shape_predictor(str(model_file("shape_predictor_5_face_landmarks.dat")))
        self._embedder = dlib.face_recognition_model_v1(str(model_file("dlib_face_recognition_resnet_model_v1.dat")))
        self._cnn = None  # loaded on first use

    def detect(self, rgb: np.ndarray, live: bool = False, thorough: bool = False) -> list[Box]:
        """Face boxes in an (H, W, 3) uint8 RGB image, the most face-like first.

        ``live`` (video frames): fast, on a copy at most 640 px wide, and once
        more 1.5× larger when no face is found there. Otherwise (photos): up to
        1600 px and upsampled once, so faces down to about 40 px are found.
        ``thorough`` (a photo expected to hold a face): when HOG finds none,
        dlib's CNN detector looks again (slow, see ``CNN_MAX_SIDE``).
        """
        check_picture(rgb)
        boxes = self._detect_hog(rgb, live)
        if not boxes and live:
            # Faces under HOG's 80 px window (someone 1–2 m from a 640×480 webcam): look again on
            # a copy 1.5× larger. Only frames with no face pay for it (~2× the first look).
            boxes = self._detect_hog(rgb, live, zoom=LIVE_ZOOM)
        if not boxes and thorough and not live:
            boxes = self.detect_cnn(rgb)
        return boxes

    def detect_cnn(self, rgb: np.ndarray) -> list[Box]:
        """Face boxes found by dlib's CNN face detector, the surest first."""
        import cv2

        if self._cnn is None:
            self._cnn = self._dlib.cnn_face_detection_model_v1(str(model_file("mmod_human_face_detector.dat")))
        check_picture(rgb)
        h, w = rgb.shape[:2]
        scale = min(1.0, CNN_MAX_SIDE / max(h, w))
        if min(h, w) * scale < CNN_MIN_SIDE:  # no face fits, and dlib would crash on a sliver
            return []
        small = (
            cv2.resize(rgb, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA) if scale < 1 else rgb
        )
        found = sorted(self._cnn(np.ascontiguousarray(small), 0), key=lambda d: -d.confidence)
        return [_box(d.rect, scale, w, h) for d in found]

    def _detect_hog(self, rgb: np.ndarray, live: bool, zoom: float = 1.0) -> list[Box]:
        import cv2

        h, w = rgb.shape[:2]
        scale = min(1.0, (DETECT_MAX_SIDE if live else STILL_MAX_SIDE) / max(h, w)) * zoom
        interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
        small = (
            cv2.resize(rgb, (round(w * scale), round(h * scale)), interpolation=interpolation) if scale != 1 else rgb
        )
        # HOG's window is 80 px: small pictures (a 200 px face photo) need one upsampling.
        side = max(small.shape[:2]) / zoom
        upsample = 1 if side < 400 or (not live and side <= 1000) else 0
        rects, scores, _ = self._detector.run(np.ascontiguousarray(small), upsample, 0.0)
        # Most face-like first: "the" face of a photo is the detector's surest one.
        ranked = sorted((s, i) for i, s in enumerate(scores) if s >= MIN_SCORE)[::-1]
        return [_box(rects[i], scale, w, h) for _, i in ranked]

    def embed(self, rgb: np.ndarray, boxes: list[Box]) -> np.ndarray:
        """Embeddings (N, 128) for the given boxes, after 5-point alignment."""
        if not boxes:
            return np.zeros((0, EMBEDDING_SIZE), np.float32)
        check_picture(rgb)
        image = np.ascontiguousarray(rgb)
        shapes = self._dlib.full_object_detections()
        for b in boxes:
            shapes.append(self._landmarks(image, self._dlib.rectangle(b.left, b.top, b.right, b.bottom)))
        descriptors = self._embedder.compute_face_descriptor(image, shapes)
        return np.array([np.array(d) for d in descriptors], dtype=np.float32)

    def embed_whole(self, rgb: np.ndarray) -> np.ndarray:
        """Embedding (1, 128) of a picture that is already a face crop."""
        h, w = rgb.shape[:2]
        return self.embed(rgb, [Box(0, 0, w, h)])
