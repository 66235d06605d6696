"""The Digits tab: draw a digit, watch the CNN read it live."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gui.canvas import DrawingCanvas
from gui.network_input_view import NetworkInputView
from gui.probability_bars import ProbabilityBars
from models.tf_lock import TF_LOCK

# While the pen moves, predict at most this often: ~20 updates/s feels live and never lags the pen.
LIVE_INTERVAL_MS = 50


class DigitsTab(QWidget):
    """Canvas on the left; the network's answer, probabilities and input on the right.

    The predictor (``models.digit_model.DigitPredictor``) is handed in with
    :meth:`set_predictor` once it has loaded in the background; until then the
    canvas works and the tab says the model is loading.
    """

    predicted = Signal(object)  # DigitPrediction, for views that follow the canvas
    modelChanged = Signal(object)  # the Keras model of a newly set predictor

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.predictor: Any = None
        self.last_prediction: Any = None
        self.last_latency_ms = 0.0

        self.canvas = DrawingCanvas()
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Erase the drawing (Esc or Ctrl+L)"))
        self.undo_button = QPushButton(self.tr("Undo stroke"))
        self.undo_button.setToolTip(self.tr("Remove the last stroke (Ctrl+Z)"))
        self.clear_button.clicked.connect(self.canvas.clear)
        self.undo_button.clicked.connect(self.canvas.undo)
        shortcuts = [
            ("Esc", self.canvas.clear),
            ("Ctrl+L", self.canvas.clear),
            (QKeySequence.StandardKey.Undo, self.canvas.undo),
        ]
        for keys, slot in shortcuts:
            QShortcut(QKeySequence(keys), self, activated=slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.digit_label = QLabel("·")
        font = QFont()
        font.setPointSize(72)
        font.setBold(True)
        self.digit_label.setFont(font)
        self.digit_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.digit_label.setMinimumWidth(140)
        self.verdict_label = QLabel()
        self.verdict_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict_label.setWordWrap(True)
        self.status_label = QLabel(self.tr("Loading model…"))
        self.status_label.setStyleSheet("color: #6b6b6b")
        self.status_label.setWordWrap(True)
        self.bars = ProbabilityBars([str(d) for d in range(10)])
        self.input_view = NetworkInputView()

        buttons = QHBoxLayout()
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.clear_button)
        left = QVBoxLayout()
        left.addWidget(self.canvas, 1)
        left.addLayout(buttons)
        self._canvas_home = left

        right = QGridLayout()
        right.addWidget(self.digit_label, 0, 0)
        seen = QVBoxLayout()
        seen.addWidget(QLabel(self.tr("What the network sees:")))
        seen.addWidget(self.input_view, 1)
        right.addLayout(seen, 0, 1)
        right.addWidget(self.verdict_label, 1, 0, 1, 2)
        right.addWidget(QLabel(self.tr("Probabilities (softmax):")), 2, 0, 1, 2)
        right.addWidget(self.bars, 3, 0, 1, 2)
        right.setRowStretch(3, 1)
        right.addWidget(self.status_label, 4, 0, 1, 2)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

        # Throttle: the first movement starts the timer; later ones wait for it to fire.
        self._live_timer = QTimer(self, singleShot=True, interval=LIVE_INTERVAL_MS)
        self._live_timer.timeout.connect(self.predict_now)
        self.canvas.drawing.connect(self._schedule_live)
        self.canvas.strokeFinished.connect(self.predict_now)
        self._show_verdict(None)

    def reclaim_canvas(self) -> None:
        """Put the canvas back here (the "Inside the network" tab borrows it while it shows)."""
        if self.canvas.parent() is not self:
            self._canvas_home.insertWidget(0, self.canvas, 1)
            self.canvas.show()  # reparenting hides a widget until the next event loop turn

    def set_predictor(self, predictor: Any) -> None:
        """Use a loaded ``DigitPredictor``; predicts what is already drawn."""
        self.predictor = predictor
        meta = getattr(predictor, "metadata", {}) or {}
        accuracy = meta.get("test_accuracy")
        if accuracy:
            text = self.tr("Model ready: {0:.2f}% on the MNIST test set.").format(100 * accuracy)
        else:
            text = self.tr("Model ready.")
        smoothing = (meta.get("config") or {}).get("label_smoothing") or 0
        if smoothing > 0:  # why even a perfect digit is not "100% sure"
            most = 1 - smoothing + smoothing / 10
            text += " " + self.tr("Trained with label smoothing {0:g}: {1:.0f}% is its most certain.").format(
                smoothing, 100 * most
            )
        self.status_label.setText(text)
        self.modelChanged.emit(predictor.model)
        self.predict_now()

    def set_load_error(self, message: str) -> None:
        """Say that the model could not be loaded; the canvas keeps working."""
        self.status_label.setText(self.tr("The digit model could not be loaded: {0}").format(message))
        self.status_label.setStyleSheet("color: #b00020")

    def _schedule_live(self) -> None:
        if not self._live_timer.isActive():
            self._live_timer.start()

    def predict_now(self) -> None:
        """Read the canvas and show what the network says (no-op until the model is ready)."""
        self._live_timer.stop()
        if self.predictor is None:
            return
        if not TF_LOCK.acquire(blocking=False):  # a model is loading in the background: try again shortly
            self._live_timer.start()
            return
        try:
            start = time.perf_counter()
            prediction = self.predictor.predict_image(self.canvas.to_array())
            self.last_latency_ms = 1000 * (time.perf_counter() - start)
        finally:
            TF_LOCK.release()
        self.last_prediction = prediction
        self._show_verdict(prediction)
        self.predicted.emit(prediction)

    def _show_verdict(self, prediction: Any) -> None:
        if prediction is None or prediction.digit is None:
            self.digit_label.setText("·")
            self.digit_label.setStyleSheet("color: #9a9a90")
            empty = prediction is None or self.canvas.is_empty()
            self.verdict_label.setText(
                self.tr("No digit yet: draw one on the left.")
                if empty
                else self.tr("That doesn't look like a digit yet.")
            )
            self.bars.set_values([0.0] * 10)
            self.input_view.set_image(None)
            return
        self.bars.set_values(prediction.probabilities)
        self.input_view.set_image(prediction.image)
        self.digit_label.setText(str(prediction.digit))
        percent = 100 * prediction.confidence
        if prediction.sure:
            self.digit_label.setStyleSheet("color: #1b1f3b")
            self.verdict_label.setText(self.tr("It's a {0} ({1:.0f}% sure)").format(prediction.digit, percent))
        else:
            self.digit_label.setStyleSheet("color: #b07d00")
            self.verdict_label.setText(self.tr("Not sure — maybe a {0} ({1:.0f}%)").format(prediction.digit, percent))
