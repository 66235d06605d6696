"""numpy arrays as Qt pictures: colour tables, array → QImage, and a pixel-exact view of small pictures."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRect, QSize, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from models.digit_inspect import tile_index

GRAY = np.repeat(np.arange(256, dtype=np.uint8)[:, None], 3, axis=1)
VIRIDIS = pg.colormap.get("viridis").getLookupTable(nPts=256)
HEAT = pg.colormap.get("inferno").getLookupTable(nPts=256)
DIVERGING = pg.colormap.get("CET-D1").getLookupTable(nPts=256)  # blue < 0 < red, for weights
GAP_COLOUR = (245, 245, 240)


def rgb_to_qimage(rgb: np.ndarray) -> QImage:
    """An (H, W, 3) uint8 RGB array as a QImage (copied, so the array may be reused)."""
    rgb = np.ascontiguousarray(rgb)
    h, w = rgb.shape[:2]
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def to_qimage(values: np.ndarray, lut: np.ndarray) -> QImage:
    """Values in [0, 1] (NaN: background) as an RGB image through a colour lookup table."""
    finite = np.nan_to_num(values, nan=0.0)
    rgb = lut[np.clip(finite * 255, 0, 255).astype(np.uint8)]
    rgb[np.isnan(values)] = GAP_COLOUR
    rgb = np.ascontiguousarray(rgb, dtype=np.uint8)
    h, w = values.shape
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def cam_overlay(image: np.ndarray, cam: np.ndarray) -> QImage:
    """The input in grey with the Grad-CAM heat laid over it where it is strong."""
    base = np.repeat((0.55 * image)[:, :, None] * 255, 3, axis=2)
    heat = HEAT[np.clip(cam * 255, 0, 255).astype(np.uint8)].astype(np.float32)
    alpha = (0.85 * cam)[:, :, None]
    rgb = np.ascontiguousarray(((1 - alpha) * base + alpha * heat).astype(np.uint8))
    return QImage(rgb.data, 28, 28, 3 * 28, QImage.Format.Format_RGB888).copy()


class PixelView(QWidget):
    """A small picture shown enlarged with visible pixels; optionally a grid of maps that can be clicked."""

    clicked = Signal(int)  # index of the clicked map

    def __init__(self, scale: int, tip: str = "", parent: QWidget | None = None, fit: QSize | None = None) -> None:
        super().__init__(parent)
        self.scale = scale
        self.fit = fit  # a fixed size to draw into (no re-layout when the picture changes), or None
        self._image: QImage | None = None
        self._grid: tuple[tuple[int, int], int, int] | None = None  # (map shape, count, columns)
        self.selected: int | None = None
        self.setToolTip(tip)
        self.setFixedSize(fit or QSize(28 * scale, 28 * scale))

    def set_image(self, image: QImage | None, grid: tuple[tuple[int, int], int, int] | None = None) -> None:
        self._image, self._grid = image, grid
        if image is not None and self.fit is None:
            self.setFixedSize(image.width() * self.scale, image.height() * self.scale)
        elif image is not None:  # the largest whole-pixel scale that fits
            self.scale = max(1, min(self.fit.width() // image.width(), self.fit.height() // image.height()))
        self.update()

    def sizeHint(self) -> QSize:
        return self.size()

    def _target(self) -> QRect:
        if self.fit is None or self._image is None:
            return self.rect()
        return QRect(0, 0, self._image.width() * self.scale, self._image.height() * self.scale)

    def map_rect(self, index: int) -> QRect:
        """Where map ``index`` of the grid is drawn, in widget pixels."""
        assert self._grid is not None
        (h, w), _, columns = self._grid
        row, col = divmod(index, columns)
        s = self.scale
        return QRect(col * (w + 1) * s, row * (h + 1) * s, w * s, h * s)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._grid is None:
            return
        shape, count, columns = self._grid
        pos = event.position()
        index = tile_index(pos.x() / self.scale, pos.y() / self.scale, shape, count, columns)
        if index is not None:
            self.clicked.emit(index)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self._image is None:
            painter.fillRect(self.rect(), QColor(*GAP_COLOUR))
        else:
            painter.drawImage(self._target(), self._image)  # no smoothing: pixels stay pixels
            if self._grid is not None and self.selected is not None and self.selected < self._grid[1]:
                painter.setPen(QPen(QColor("#e03131"), 2))
                painter.drawRect(self.map_rect(self.selected).adjusted(-1, -1, 1, 1))
        painter.end()
