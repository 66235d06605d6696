"""Horizontal bars for the softmax probabilities of the ten digits."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR = QColor("#8ea3c9")
TOP = QColor("#2d6cdf")


class ProbabilityBars(QWidget):
    """One bar per class, labelled, with the winning class highlighted."""

    def __init__(self, labels: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels = labels
        self.values = np.zeros(len(labels), np.float32)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setToolTip(self.tr("Softmax output: the network's probability for each digit (they add up to 100%)"))

    def sizeHint(self) -> QSize:
        return QSize(260, 22 * len(self.labels))

    def set_values(self, values: np.ndarray) -> None:
        """Show new probabilities (all zeros shows empty bars)."""
        self.values = np.asarray(values, np.float32)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rows = len(self.labels)
        row_h = self.height() / rows
        label_w, value_w = 24.0, 52.0
        bar_w = max(10.0, self.width() - label_w - value_w - 8)
        top = int(np.argmax(self.values)) if self.values.any() else -1
        for i, (label, value) in enumerate(zip(self.labels, self.values)):
            y = i * row_h
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(0, y, label_w, row_h), Qt.AlignmentFlag.AlignCenter, label)
            track = QRectF(label_w + 4, y + row_h * 0.2, bar_w, row_h * 0.6)
            painter.fillRect(track, QColor(0, 0, 0, 18))
            painter.fillRect(
                QRectF(track.x(), track.y(), bar_w * float(value), track.height()), TOP if i == top else BAR
            )
            painter.drawText(
                QRectF(label_w + bar_w + 8, y, value_w, row_h),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                f"{100 * value:.1f}%",
            )
        painter.end()
