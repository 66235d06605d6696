"""A drawing canvas that looks and feels like a marker on paper."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

PAPER = QColor("#fdfdf8")
INK = QColor("#1b1f3b")
# Stroke width as a fraction of the canvas side: close to MNIST's stroke-to-digit ratio
# when a digit fills most of the canvas.
PEN_FRACTION = 1 / 15


class DrawingCanvas(QWidget):
    """Square canvas for drawing digits with mouse, pen tablet or touch.

    Tablet and touch input reach it as mouse events, which Qt synthesises for
    widgets that do not handle them. Strokes are kept as point lists so the
    last one can be undone; the picture is redrawn from them.

    Signals
    -------
    drawing
        Emitted while a stroke is being drawn (many times per second).
    strokeFinished
        Emitted when the pen is lifted, and after clear or undo.
    """

    drawing = Signal()
    strokeFinished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(220, 220)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setToolTip(self.tr("Draw one digit, 0 to 9, as big as you like"))
        self._strokes: list[list[QPointF]] = []  # in unit coordinates (0..1) of the square
        self._image = QImage()
        self._drawing = False

    # --- public API -------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(420, 420)

    def is_empty(self) -> bool:
        """Whether nothing has been drawn."""
        return not self._strokes

    def stroke_count(self) -> int:
        """Number of strokes on the canvas."""
        return len(self._strokes)

    def strokes(self) -> list[list[QPointF]]:
        """A copy of the strokes (unit coordinates), e.g. to carry a drawing into a new window."""
        return [list(stroke) for stroke in self._strokes]

    def set_strokes(self, strokes: list[list[QPointF]]) -> None:
        """Replace the drawing with ``strokes`` (as returned by :meth:`strokes`)."""
        self._strokes = [list(stroke) for stroke in strokes]
        self._redraw()
        self.strokeFinished.emit()

    def clear(self) -> None:
        """Remove every stroke."""
        self._strokes.clear()
        self._redraw()
        self.strokeFinished.emit()

    def undo(self) -> None:
        """Remove the last stroke."""
        if self._strokes:
            self._strokes.pop()
            self._redraw()
            self.strokeFinished.emit()

    def to_array(self) -> np.ndarray:
        """The drawing as an (H, W) uint8 grayscale array: dark ink on light paper."""
        gray = self._image.convertToFormat(QImage.Format.Format_Grayscale8)
        width, height = gray.width(), gray.height()
        if width == 0 or height == 0:
            return np.full((1, 1), 255, np.uint8)
        buffer = np.frombuffer(gray.constBits(), np.uint8, gray.bytesPerLine() * height)
        return buffer.reshape(height, gray.bytesPerLine())[:, :width].copy()

    # --- geometry ---------------------------------------------------------------------
    def _square(self) -> QRectF:
        side = min(self.width(), self.height())
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def _to_unit(self, pos: QPointF) -> QPointF:
        sq = self._square()
        return QPointF((pos.x() - sq.x()) / sq.width(), (pos.y() - sq.y()) / sq.height())

    # --- drawing ----------------------------------------------------------------------
    def _pen(self, side: float) -> QPen:
        pen = QPen(INK, max(2.0, side * PEN_FRACTION))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return pen

    def _paint_stroke(self, painter: QPainter, stroke: list[QPointF], side: float) -> None:
        painter.setPen(self._pen(side))
        if len(stroke) == 1:  # a dot
            painter.drawPoint(QPointF(stroke[0].x() * side, stroke[0].y() * side))
            return
        path = QPainterPath(QPointF(stroke[0].x() * side, stroke[0].y() * side))
        for p in stroke[1:]:
            path.lineTo(p.x() * side, p.y() * side)
        painter.drawPath(path)

    def _redraw(self) -> None:
        side = max(1, int(self._square().width()))
        self._image = QImage(side, side, QImage.Format.Format_RGB32)
        self._image.fill(PAPER)
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for stroke in self._strokes:
            self._paint_stroke(painter, stroke, side)
        painter.end()
        self.update()

    def _extend(self, pos: QPointF) -> None:
        stroke = self._strokes[-1]
        point = self._to_unit(pos)
        side = self._image.width()
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_stroke(painter, [stroke[-1], point], side)
        painter.end()
        stroke.append(point)
        self.update()

    # --- events -----------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        self._redraw()
        super().resizeEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self._drawing = True
        self._strokes.append([self._to_unit(event.position())])
        self._redraw()
        self.drawing.emit()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drawing and event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())
            self.drawing.emit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drawing and event.button() == Qt.MouseButton.LeftButton:
            self._drawing = False
            self._extend(event.position())
            self.strokeFinished.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        sq = self._square()
        painter.drawImage(sq.topLeft(), self._image)
        painter.setPen(QPen(QColor("#b8b8b0"), 1))
        painter.drawRect(sq.adjusted(0, 0, -1, -1))
        if not self._strokes:
            painter.setPen(QColor("#9a9a90"))
            painter.drawText(sq, Qt.AlignmentFlag.AlignCenter, self.tr("Draw a digit here"))
        painter.end()
