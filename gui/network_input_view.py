"""Shows the 28×28 picture the network actually sees, enlarged with visible pixels."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget


class NetworkInputView(QWidget):
    """Nearest-neighbour view of a small grayscale image in [0, 1] (white ink on black)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self.setMinimumSize(112, 112)
        self.setToolTip(self.tr("The 28×28 input of the network: your drawing cropped, fitted to 20 px and centred"))

    def sizeHint(self) -> QSize:
        return QSize(140, 140)

    def set_image(self, image: np.ndarray | None) -> None:
        """Show a (28, 28) float image, or nothing."""
        if image is None:
            self._image = None
        else:
            pixels = np.ascontiguousarray(np.clip(image * 255, 0, 255).astype(np.uint8))
            h, w = pixels.shape
            self._image = QImage(pixels.data, w, h, w, QImage.Format.Format_Grayscale8).copy()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        side = min(self.width(), self.height())
        target = self.rect().adjusted(0, 0, side - self.width(), side - self.height())
        target.moveCenter(self.rect().center())
        painter.fillRect(target, Qt.GlobalColor.black)
        if self._image is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            painter.drawImage(target, self._image)
        painter.end()
