"""The Digits tab: draw a digit, watch the CNN read it live."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gui.canvas import LIVE_INTERVAL_MS, DrawingCanvas
from gui.handwriting_panel import HandwritingPanel
from gui.i18n import number, percent
from gui.network_input_view import NetworkInputView
from gui.probability_bars import ProbabilityBars
from models.app_state import PEN_WIDTHS, AppState, LoadedModel
from models.tf_lock import TF_LOCK


def smoothing_target(metadata: dict[str, Any]) -> tuple[float, float] | None:
    """The label smoothing in a model's metadata and the training target it gives the right digit.

    With smoothing ``s`` over ``k`` classes the target is ``1 - s + s/k`` (91% for
    0.1, with ten answers or eleven). The model only learns to aim near it: clear digits
    often read a few points above, so the tab says "about … or more", never a ceiling.
    """
    smoothing = float((metadata.get("config") or {}).get("label_smoothing") or 0)
    classes = len(metadata.get("classes") or range(10))
    return (smoothing, 1 - smoothing + smoothing / classes) if smoothing > 0 else None


class DigitsTab(QWidget):
    """Canvas on the left; the network's answer, probabilities and input on the right.

    Follows ``state.digits`` (the model slot, filled in the background) and
    draws on ``state.strokes`` through its canvas; until a model is ready the
    canvas works and the tab says the model is loading.
    """

    predicted = Signal(object)  # DigitPrediction, for views and tests that follow the canvas

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.predictor: Any = None
        self.last_prediction: Any = None
        self.last_latency_ms = 0.0

        self.canvas = DrawingCanvas(state)
        # Mnemonics: Alt+U, Alt+C. The keys without Alt (Ctrl+Z, Esc, Ctrl+L) are window-wide actions.
        self.clear_button = QPushButton(self.tr("&Clear"))
        self.clear_button.setToolTip(self.tr("Erase the drawing (Esc or Ctrl+L)"))
        self.undo_button = QPushButton(self.tr("&Undo stroke"))
        self.undo_button.setToolTip(self.tr("Remove the last stroke (Ctrl+Z)"))
        self.clear_button.clicked.connect(state.clear_drawing)
        self.undo_button.clicked.connect(state.undo_stroke)
        self.pen_box = QComboBox()
        for width, name in zip(
            PEN_WIDTHS,
            [self.tr("Very thin"), self.tr("Thin"), self.tr("Normal"), self.tr("Thick"), self.tr("Very thick")],
        ):
            self.pen_box.addItem(name, width)
        self.pen_box.setToolTip(
            self.tr("How thick the pen draws. The network sees any width: its input is rescaled to 20 px.")
        )
        pen_label = QLabel(self.tr("&Pen:"))
        pen_label.setBuddy(self.pen_box)
        self.pen_box.currentIndexChanged.connect(lambda i: state.pen_width.set(self.pen_box.itemData(i)))

        self.digit_label = QLabel()  # empty until there is a reading: a lone "·" looked like a missing glyph
        font = QFont()
        font.setPointSize(64)
        font.setBold(True)
        self.digit_label.setFont(font)
        self.digit_label.setMinimumHeight(self.digit_label.fontMetrics().height())  # no jump when a digit shows
        self.digit_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.digit_label.setMinimumWidth(100)
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
        buttons.addStretch(1)
        buttons.addWidget(pen_label)
        buttons.addWidget(self.pen_box)
        # "Wrong? It's a…" and *Teach it my handwriting*, under the drawing they act on.
        self.handwriting = HandwritingPanel(state, self.canvas)
        self.predicted.connect(self.handwriting.reading_changed)
        left = QVBoxLayout()
        left.addWidget(self.canvas, 1)
        left.addLayout(buttons)
        left.addWidget(self.handwriting)

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
        self._subscriptions = [
            (state.pen_width, state.pen_width.subscribe(self._pen_changed)),
            (state.digits, state.digits.subscribe(self._model_changed)),  # predicts what is drawn
        ]

    def unsubscribe(self) -> None:
        """Stop following the state (the window is going away; the state stays)."""
        self.handwriting.stop()
        self.canvas.unsubscribe()
        for observable, callback in self._subscriptions:
            observable.changed.disconnect(callback)
        self._subscriptions.clear()

    def set_predictor(self, predictor: Any) -> None:
        """Put a loaded ``DigitPredictor`` in the app's digit slot (every view follows it)."""
        self.state.digits.set(self.state.digits.value.ready(predictor, None))

    def _pen_changed(self, width: float) -> None:
        index = self.pen_box.findData(width)
        if index >= 0:
            self.pen_box.setCurrentIndex(index)

    def _model_changed(self, slot: LoadedModel) -> None:
        if slot.status == "failed":  # no model at all; a failed open keeps the one in use and its text
            self.status_label.setText(self.tr("The digit model could not be loaded: {0}").format(slot.error))
            self.status_label.setStyleSheet("color: #b00020")
            return
        if slot.model is None or slot.model is self.predictor:
            return
        self.predictor = slot.model
        meta = getattr(slot.model, "metadata", {}) or {}
        accuracy = meta.get("test_accuracy")
        if accuracy:
            text = self.tr("Model ready: {0} on the MNIST test set.").format(percent(accuracy, 2))
        else:
            text = self.tr("Model ready.")
        smoothing = smoothing_target(meta)
        if smoothing:  # why even a perfect digit is not "100% sure"
            text += " " + self.tr(
                "Trained with label smoothing {0}, so even a perfect digit reads about {1} or more, not 100%."
            ).format(number(smoothing[0]), percent(smoothing[1]))
        if getattr(slot.model, "rejects", False):  # what the 11th answer is, in one sentence
            text += " " + self.tr(
                'Besides the ten digits it has an 11th answer, "not a digit", learned from letters, '
                "shapes and scribbles, so it can tell you when your drawing is none of the ten."
            )
        self.status_label.setText(text)
        self.status_label.setStyleSheet("color: #6b6b6b")
        self.predict_now()

    def _schedule_live(self) -> None:
        if not self._live_timer.isActive():
            self._live_timer.start()

    def predict_now(self) -> None:
        """Read the canvas and show what the network says (says "loading" until the model is ready)."""
        self._live_timer.stop()
        if self.predictor is None:
            self._show_verdict(None)
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
        if prediction is not None and prediction.not_digit:
            self._show_bars(prediction)
            self.input_view.set_image(prediction.image)
            self.digit_label.setText("✗")
            self.digit_label.setStyleSheet("color: #b00020")
            self.verdict_label.setText(
                self.tr("Not a digit: it looks like a letter, a shape or a scribble ({0} sure)").format(
                    percent(prediction.confidence)
                )
            )
            return
        if prediction is None or prediction.digit is None:
            self.digit_label.clear()  # the verdict line under it says why there is no digit
            if self.predictor is None and not self.canvas.is_empty():
                text = self.tr("Model loading… your digit is read as soon as it is ready.")
            elif prediction is None or self.canvas.is_empty():
                text = self.tr("No digit yet: draw one on the left.")
            else:
                text = self.tr("That doesn't look like a digit yet.")
            self.verdict_label.setText(text)
            self._show_bars(None)
            self.input_view.set_image(None)
            return
        self._show_bars(prediction)
        self.input_view.set_image(prediction.image)
        self.digit_label.setText(str(prediction.digit))
        sure = percent(prediction.confidence)
        if prediction.sure:
            self.digit_label.setStyleSheet("color: #1b1f3b")
            self.verdict_label.setText(self.tr("It's a {0} ({1} sure)").format(prediction.digit, sure))
        else:
            self.digit_label.setStyleSheet("color: #b07d00")
            self.verdict_label.setText(self.tr("Not sure — maybe a {0} ({1})").format(prediction.digit, sure))

    def _show_bars(self, prediction: Any) -> None:
        """The ten digits' bars, and an 11th, "✗", for a model that can say "not a digit".

        Without it a letter showed ten empty bars under "98% sure": the probabilities must add up to 100%.
        """
        labels = [str(d) for d in range(10)]
        rejects = getattr(self.predictor, "rejects", False)
        if rejects:
            labels.append("✗")
        if prediction is None or prediction.image is None:
            self.bars.set_values(np.zeros(len(labels), np.float32), labels)
            return
        values = np.asarray(prediction.probabilities, np.float32)
        if rejects:
            values = np.append(values, np.float32(prediction.not_digit_probability))
        self.bars.set_values(values, labels)
