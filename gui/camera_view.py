"""Live video with the recogniser's boxes and names drawn over it."""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.i18n import percent
from gui.pixels import rgb_to_qimage

KNOWN = QColor("#2fbf71")
UNKNOWN = QColor("#e0a100")


class CameraView(QWidget):
    """Shows the newest frame, scaled to fit, with labelled boxes; or a message when there is no video."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)
        self._frame: QImage | None = None
        self._found: list = []
        self._message = self.tr("Choose a camera, a video file or an image folder, then press Start.")
        self.countdown = ""  # "3", "2", "1" before recording: big over the picture, kept while frames arrive
        self.frames_shown = 0

    def sizeHint(self) -> QSize:
        return QSize(640, 480)

    def show_frame(self, rgb: np.ndarray) -> None:
        """Display a new frame (boxes from the latest recognition stay until replaced)."""
        self._frame = rgb_to_qimage(rgb)
        self._message = ""
        self.frames_shown += 1
        self.update()

    def show_recognitions(self, found: list) -> None:
        """Boxes and labels to draw (``models.recognizer.Recognition`` items)."""
        self._found = list(found)
        self.update()

    def clear(self, message: str = "") -> None:
        """Drop the picture and its boxes (the source behind them is gone), showing ``message`` alone."""
        self._frame = None
        self._found = []
        self._message = message
        self.update()

    def show_message(self, text: str) -> None:
        """A message over the (dimmed) last frame, e.g. "the video ended"."""
        self._message = text
        self.update()

    def show_countdown(self, text: str) -> None:
        """A countdown step over the live picture ("" hides it); unlike a message, new frames keep it."""
        self.countdown = text
        self.update()

    def message_rect(self) -> QRectF:
        """Where the message goes: the whole view without a frame, else a band below the picture."""
        if self._frame is None or not self._message:
            return QRectF(self.rect()).adjusted(20, 20, -20, -20)
        lines = self.fontMetrics().boundingRect(
            self.rect().adjusted(20, 0, -20, 0), Qt.TextFlag.TextWordWrap, self._message
        )
        height = min(lines.height() + 16, self.height() / 3)
        return QRectF(0, self.height() - height, self.width(), height)

    def box_rects(self) -> list[QRectF]:
        """The on-screen rectangles of the boxes drawn now."""
        if self._frame is None:
            return []
        target = self._target()
        scale = target.width() / self._frame.width()
        now = time.monotonic()
        rects = []
        for r in self._found:
            if r.box is None:  # a whole-picture answer (pets, things, face crops)
                rects.append(QRectF(target.x() + 4, target.y() + 4, target.width() - 8, target.height() - 8))
            else:
                # A tracked face (models.face_tracking.TrackedFace) moves on between detections.
                box = r.box_at(now) if hasattr(r, "box_at") else r.box
                left, top, right, bottom = box.as_tuple()
                rects.append(
                    QRectF(
                        target.x() + left * scale,
                        target.y() + top * scale,
                        (right - left) * scale,
                        (bottom - top) * scale,
                    )
                )
        return rects

    def tags(self) -> list[str]:
        """The text over each box drawn now: a name and how sure (as the probability bars round it), or Unknown."""
        return [f"{r.label} {percent(r.confidence)}" if r.known else self.tr("Unknown") for r in self._found]

    def _target(self) -> QRectF:
        """The picture, scaled to fit above the message band (so a message never covers a face)."""
        assert self._frame is not None
        height = self.height() - (self.message_rect().height() if self._message else 0)
        scale = min(self.width() / self._frame.width(), max(height, 1) / self._frame.height())
        w, h = self._frame.width() * scale, self._frame.height() * scale
        return QRectF((self.width() - w) / 2, (height - h) / 2, w, h)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#202124"))
        if self._frame is not None:
            painter.drawImage(self._target(), self._frame)
            font = QFont()
            font.setPointSize(12)
            font.setBold(True)
            painter.setFont(font)
            target = self._target()
            for r, box, text in zip(self._found, self.box_rects(), self.tags(), strict=True):
                color = KNOWN if r.known else UNKNOWN
                painter.setPen(QPen(color, 3))
                painter.drawRect(box)
                metrics = painter.fontMetrics()
                tag = QRectF(
                    box.x(), box.y() - metrics.height() - 6, metrics.horizontalAdvance(text) + 12, metrics.height() + 6
                )
                if tag.y() < target.y():
                    tag.moveTop(box.y())
                painter.fillRect(tag, color)
                painter.setPen(QColor("#111111"))
                painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, text)
        if self.countdown:
            font = QFont()
            font.setPointSize(max(12, self.height() // 6))
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(QColor("#f1f1f1"))
            painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.countdown)
        if self._message:
            painter.setFont(self.font())
            area = self.message_rect()
            if self._frame is not None:
                painter.fillRect(area, QColor(0, 0, 0, 170))
            painter.setPen(QColor("#f1f1f1"))
            painter.drawText(
                area.adjusted(20, 8, -20, -8) if self._frame is not None else area,
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self._message,
            )
        painter.end()
