"""A drawing canvas that looks and feels like a marker on paper."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from models.app_state import AppState

PAPER = QColor("#fdfdf8")
INK = QColor("#1b1f3b")
# While the pen moves, views predict at most this often: ~20 updates/s feels live and never lags the pen.
LIVE_INTERVAL_MS = 50


class DrawingCanvas(QWidget):
    """Square canvas for drawing digits with mouse, pen tablet or touch, over the app's drawing.

    Tablet and touch input reach it as mouse events, which Qt synthesises for
    widgets that do not handle them. The drawing itself lives in
    ``state.strokes`` (unit coordinates, so any canvas size shows it): a stroke
    is added there when the pen lifts, and every canvas over the same state
    redraws from it, so two tabs (or a rebuilt window) show one drawing.

    Signals
    -------
    drawing
        Emitted while a stroke is being drawn (many times per second).
    strokeFinished
        Emitted once the canvas has redrawn a changed drawing (pen lifted, clear, undo).
    """

    drawing = Signal()
    strokeFinished = Signal()

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)  # a 800×600 screen leaves the Inside-the-network canvas little height
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setToolTip(self.tr("Draw one digit, 0 to 9, as big as you like"))
        self._strokes: list[list[QPointF]] = []  # in unit coordinates (0..1) of the square
        self._image = QImage()
        self._drawing = False
        self._subscriptions = [
            (state.strokes, state.strokes.subscribe(self._strokes_changed)),
            (state.pen_width, state.pen_width.changed.connect(lambda _: self._redraw())),
        ]

    def unsubscribe(self) -> None:
        """Stop following the state (the view is going away; the state stays)."""
        for observable, callback in self._subscriptions:
            observable.changed.disconnect(callback)
        self._subscriptions.clear()

    # --- public API -------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(420, 420)

    def is_empty(self) -> bool:
        """Whether nothing has been drawn."""
        return not self._strokes

    def stroke_count(self) -> int:
        """Number of strokes on the canvas."""
        return len(self._strokes)

    def clear(self) -> None:
        """Remove every stroke (from the app's drawing, so every view follows)."""
        self.state.clear_drawing()

    def undo(self) -> None:
        """Remove the last stroke."""
        self.state.undo_stroke()

    def to_array(self) -> np.ndarray:
        """The drawing as an (H, W) uint8 grayscale array: dark ink on light paper."""
        gray = self._image.convertToFormat(QImage.Format.Format_Grayscale8)
        width, height = gray.width(), gray.height()
        if width == 0 or height == 0:
            return np.full((1, 1), 255, np.uint8)
        buffer = np.frombuffer(gray.constBits(), np.uint8, gray.bytesPerLine() * height)
        return buffer.reshape(height, gray.bytesPerLine())[:, :width].copy()

    def _strokes_changed(self, strokes: tuple) -> None:
        self._drawing = False  # a change from elsewhere (undo, clear) ends a stroke in progress
        self._strokes = [[QPointF(x, y) for x, y in stroke] for stroke in strokes]
        self._redraw()
        self.strokeFinished.emit()

    # --- geometry ---------------------------------------------------------------------
    def _square(self) -> QRectF:
        side = min(self.width(), self.height())
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def _to_unit(self, pos: QPointF) -> QPointF:
        sq = self._square()
        return QPointF((pos.x() - sq.x()) / sq.width(), (pos.y() - sq.y()) / sq.height())

    # --- drawing ----------------------------------------------------------------------
    def _pen(self, side: float) -> QPen:
        pen = QPen(INK, max(2.0, side * self.state.pen_width.value))
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
        if self._strokes:  # the same drawing in new pixels (a new window's first layout): read it again
            self.strokeFinished.emit()

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
            self.state.add_stroke([(p.x(), p.y()) for p in self._strokes[-1]])

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
