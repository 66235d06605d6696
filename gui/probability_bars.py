"""Horizontal bars for softmax probabilities: the ten digits, or the classes of a pet/thing recogniser."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.i18n import percent

BAR = QColor("#8ea3c9")
TOP = QColor("#2d6cdf")
MIN_LABEL_W = 24.0  # a digit's column


class ProbabilityBars(QWidget):
    """One bar per class, labelled, with the winning class highlighted.

    Labels are any text: their column widens to the longest (up to 40% of the
    width, longer names are elided), so class names fit as well as digits do.
    """

    def __init__(
        self, labels: list[str], parent: QWidget | None = None, tip: str | None = None, decimals: int = 1
    ) -> None:
        super().__init__(parent)
        self.labels = list(labels)
        self.decimals = decimals  # of the percentages written beside the bars
        self.values = np.zeros(len(labels), np.float32)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setToolTip(
            tip or self.tr("Softmax output: the network's probability for each digit (they add up to 100%)")
        )

    def sizeHint(self) -> QSize:
        return QSize(260, 22 * max(len(self.labels), 1))

    def set_values(self, values: np.ndarray, labels: list[str] | None = None) -> None:
        """Show new probabilities (all zeros shows empty bars), for new ``labels`` if given."""
        if labels is not None and list(labels) != self.labels:
            self.labels = list(labels)
            self.updateGeometry()
        self.values = np.asarray(values, np.float32)
        self.update()

    def value_texts(self) -> list[str]:
        """The percentages written beside the bars, top to bottom."""
        return [percent(value, self.decimals) for value in self.values]

    def label_width(self) -> float:
        """The label column: the longest label, at most 40% of the width."""
        widest = max((self.fontMetrics().horizontalAdvance(t) for t in self.labels), default=0) + 8.0
        return min(max(MIN_LABEL_W, widest), 0.4 * self.width())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rows = max(len(self.labels), 1)
        row_h = self.height() / rows
        label_w, value_w = self.label_width(), 52.0
        bar_w = max(10.0, self.width() - label_w - value_w - 8)
        top = int(np.argmax(self.values)) if self.values.any() else -1
        metrics = self.fontMetrics()
        for i, (label, value, value_text) in enumerate(zip(self.labels, self.values, self.value_texts())):
            y = i * row_h
            painter.setPen(self.palette().text().color())
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(label_w) - 4)
            painter.drawText(QRectF(0, y, label_w, row_h), Qt.AlignmentFlag.AlignCenter, text)
            track = QRectF(label_w + 4, y + row_h * 0.2, bar_w, row_h * 0.6)
            painter.fillRect(track, QColor(0, 0, 0, 18))
            painter.fillRect(
                QRectF(track.x(), track.y(), bar_w * float(value), track.height()), TOP if i == top else BAR
            )
            painter.drawText(
                QRectF(label_w + bar_w + 8, y, value_w, row_h),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                value_text,
            )
        painter.end()
