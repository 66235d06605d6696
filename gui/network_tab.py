"""The "Inside the network" tab: every layer of the digit CNN, live while you draw."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gui.canvas import LIVE_INTERVAL_MS, DrawingCanvas
from gui.i18n import decimal, percent, tr_plural
from gui.pixels import DIVERGING, GRAY, VIRIDIS, PixelView, cam_overlay, to_qimage
from gui.plot_axes import locale_axes
from gui.worker import run_in_worker
from models.app_state import AppState, LoadedModel
from models.digit_inspect import tile_maps
from models.digit_preprocess import preprocess_digit
from models.tf_lock import TF_LOCK

# What each convolution block sees, in the lectures' words (first to fourth), and the dense layer's input.
EXPLAIN_CONV = [
    QT_TRANSLATE_NOOP("NetworkTab", "first filters: edges and stroke directions"),
    QT_TRANSLATE_NOOP("NetworkTab", "combinations of edges: corners, curves, line ends"),
    QT_TRANSLATE_NOOP("NetworkTab", "motifs: loops, crossings, stroke endings"),
    QT_TRANSLATE_NOOP("NetworkTab", "parts of digits, each map a small summary of the picture"),
]
DETAIL = 112  # px: the enlarged map and its filter are drawn into squares this size
EXPLAIN_DENSE = QT_TRANSLATE_NOOP("NetworkTab", "every number of the last maps in a row: what the dense layer reads")
EXPLAIN_HIDDEN = QT_TRANSLATE_NOOP(
    "NetworkTab",
    "each neuron multiplies every number of the layer before by its own weight, adds them up with a bias and "
    "squashes the sum: a bright cell is a neuron whose pattern is in your drawing",
)
NEURON = 6  # a neuron's cell in the grid: NEURON × NEURON picture pixels…
NEURON_SCALE = 3  # …each drawn this many screen pixels wide


class ScoreBars(pg.PlotWidget):
    """Ten bars, one per digit: raw scores (may be negative) or probabilities."""

    def __init__(self, probabilities: bool) -> None:
        super().__init__(axisItems=locale_axes())
        self.setFixedHeight(110)
        self.setMinimumWidth(220)
        self.setMouseEnabled(False, False)
        self.hideButtons()
        self.getAxis("bottom").setTicks([[(d, str(d)) for d in range(10)]])
        if probabilities:
            self.setYRange(0, 1, padding=0.02)
        self._bars = pg.BarGraphItem(x=np.arange(10), height=np.zeros(10), width=0.7, brush="#adb5bd")
        self.addItem(self._bars)
        self._fixed = probabilities

    def set_values(self, values: np.ndarray | None) -> None:
        values = np.zeros(10) if values is None else np.asarray(values, float)
        brushes = ["#adb5bd"] * len(values)
        if values.any():
            brushes[int(np.argmax(values))] = "#2d6cdf"
        # A model that can say "not a digit" has an 11th bar, marked ✗.
        self.getAxis("bottom").setTicks([[(d, answer_name(d)) for d in range(len(values))]])
        self._bars.setOpts(x=np.arange(len(values)), height=values, brushes=brushes)
        if not self._fixed:
            span = max(1.0, float(np.abs(values).max()))
            self.setYRange(min(0.0, values.min()) if values.min() < 0 else 0, span, padding=0.05)


def answer_name(index: int) -> str:
    """A digit, or ✗ for the 11th answer, "not a digit"."""
    return "✗" if index == 10 else str(index)


def _arrow(text: str = "") -> QLabel:
    label = QLabel(f"↓  {text}" if text else "↓")
    label.setStyleSheet("color: #868e96; font-size: 15px")
    label.setWordWrap(True)  # a long explanation wraps rather than widen the flow past its scroll area
    return label


class NetworkTab(QWidget):
    """Input, feature maps, dense input, scores and probabilities as a top-to-bottom flow.

    Its canvas draws on ``state.strokes``, the same drawing as the Digits tab;
    every change is preprocessed as for a prediction and run once more through
    a model that returns every layer's output (``state.digits``). Only computed
    while the tab is on screen.
    """

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.inspector: Any = None
        self._model: Any = None
        self._building: Any = None  # the model whose inspector is being built
        self.last_inspection: Any = None
        self._stage_views: list[PixelView] = []
        self._selected: tuple[int, int] | None = None

        # Left: the canvas over the shared drawing, and the selected map's details (fixed size, so
        # clicking a map never takes room from the canvas).
        self.canvas = DrawingCanvas(state)
        self.clear_button = QPushButton(self.tr("&Clear"))
        self.clear_button.setToolTip(self.tr("Erase the drawing (Esc or Ctrl+L)"))
        self.clear_button.clicked.connect(state.clear_drawing)
        self.undo_button = QPushButton(self.tr("&Undo stroke"))
        self.undo_button.setToolTip(self.tr("Remove the last stroke (Ctrl+Z)"))
        self.undo_button.clicked.connect(state.undo_stroke)
        buttons = QHBoxLayout()
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        self.detail_title = QLabel(self.tr("Click any feature map to enlarge it and see its filter."))
        self.detail_title.setWordWrap(True)
        self.detail_map = PixelView(6, self.tr("The selected feature map, enlarged"), fit=QSize(DETAIL, DETAIL))
        self.detail_kernel = PixelView(
            6,
            self.tr("The filter's weights (blue: negative, red: positive), one small square per input map"),
            fit=QSize(DETAIL, DETAIL),
        )
        self.detail_kernel_label = QLabel()
        self.detail_kernel_label.setWordWrap(True)
        # Room for the longest texts up front: a text that grows when a map is clicked would take
        # the height from the canvas.
        for label, lines in ((self.detail_title, 2), (self.detail_kernel_label, 3)):
            label.setFixedHeight(lines * label.fontMetrics().lineSpacing() + 4)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail_box = detail = QGroupBox(self.tr("Selected feature map"))
        d = QVBoxLayout(detail)
        d.addWidget(self.detail_title)
        row = QHBoxLayout()
        row.addWidget(self.detail_map)
        row.addWidget(self.detail_kernel)
        row.addStretch(1)
        d.addLayout(row)
        d.addWidget(self.detail_kernel_label)
        left = QVBoxLayout()
        left.addWidget(self.canvas, 1)
        left.addLayout(buttons)
        left.addWidget(detail)

        # Right: the flow, input at the top, probabilities at the bottom.
        self.status = QLabel(self.tr("Loading the model…"))
        self.status.setStyleSheet("color: #6b6b6b")
        self.status.setWordWrap(True)
        self.input_view = PixelView(4, self.tr("The 28×28 input the network sees"))
        self.cam_view = PixelView(4, self.tr("Grad-CAM: where the picture pushed the top digit's score up"))
        self.cam_label = QLabel(self.tr("Why this digit: Grad-CAM"))
        self.flow = QVBoxLayout()
        top = QGridLayout()
        top.addWidget(QLabel(self.tr("Input (28×28)")), 0, 0)
        top.addWidget(self.cam_label, 0, 1)
        top.addWidget(self.input_view, 1, 0)
        top.addWidget(self.cam_view, 1, 1)
        top.setColumnStretch(2, 1)
        self.flow.addWidget(self.status)
        self.flow.addLayout(top)
        self.stage_box = QVBoxLayout()
        self.flow.addLayout(self.stage_box)
        self.flow.addWidget(_arrow(self.tr("dense layer: one weighted sum per digit")))
        self.flow.addWidget(QLabel(self.tr("Raw scores (logits)")))
        self.logit_bars = ScoreBars(probabilities=False)
        self.flow.addWidget(self.logit_bars)
        self.flow.addWidget(_arrow(self.tr("softmax: e^score, divided by the sum: probabilities that add up to 1")))
        self.prob_label = QLabel(self.tr("Probabilities"))
        self.flow.addWidget(self.prob_label)
        self.prob_bars = ScoreBars(probabilities=True)
        self.flow.addWidget(self.prob_bars)
        self.flow.addStretch(1)
        inner = QWidget()
        inner.setLayout(self.flow)
        # The flow is as wide as the scroll area: map grids wrap to its width (see _flow_width), so
        # only vertical scrolling is ever needed.
        self.scroll = QScrollArea()
        self.scroll.setWidget(inner)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.viewport().installEventFilter(self)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addWidget(self.scroll, 3)

        self._live_timer = QTimer(self, singleShot=True, interval=LIVE_INTERVAL_MS)
        self._live_timer.timeout.connect(self.update_from_canvas)
        self.canvas.drawing.connect(lambda: self._live_timer.isActive() or self._live_timer.start())
        self.canvas.strokeFinished.connect(self.update_from_canvas)
        self._subscriptions = [(state.digits, state.digits.subscribe(self._slot_changed))]

    def unsubscribe(self) -> None:
        """Stop following the state (the window is going away; the state stays)."""
        self.canvas.unsubscribe()
        for observable, callback in self._subscriptions:
            observable.changed.disconnect(callback)
        self._subscriptions.clear()

    # --- model ------------------------------------------------------------------------
    def _slot_changed(self, slot: LoadedModel) -> None:
        predictor = slot.model
        if predictor is not None and getattr(predictor, "model", None) is not self._model:
            self.set_model(predictor.model)

    def set_model(self, model: Any) -> None:
        """Follow a new digit model; its inspector is built when the tab is first shown."""
        self._model = model
        self.inspector = None
        if self.isVisible():
            self._build_inspector()

    def _build_inspector(self) -> None:
        from models.digit_inspect import DigitInspector

        model = self._model
        if model is None or self._building is model:
            return
        self._building = model
        self.status.setText(self.tr("Preparing the view of the model's layers…"))
        run_in_worker(lambda: DigitInspector(model), self._inspector_ready, self._inspector_failed)

    def _inspector_ready(self, inspector: Any) -> None:
        self._building = None
        if not self._subscriptions:  # this view was closed (a language switch) while the job ran
            return
        if inspector.model is not self._model:  # a newer model arrived meanwhile
            if self.isVisible():
                self._build_inspector()
            return
        self.inspector = inspector
        self._build_stage_rows()
        self.status.setText(self.tr("Draw on the canvas: every layer updates as you draw."))
        self.update_from_canvas()

    def _inspector_failed(self, message: str, tb: str) -> None:
        self._building = None
        if not self._subscriptions:
            return
        self.status.setText(self.tr("This model's layers can't be shown: {0}").format(message))

    def _build_stage_rows(self) -> None:
        while self.stage_box.count():
            item = self.stage_box.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self._stage_views.clear()
        self._selected = None
        mlp = self.inspector.is_mlp
        self.detail_box.setTitle(self.tr("Selected neuron") if mlp else self.tr("Selected feature map"))
        self.detail_kernel.setVisible(not mlp)  # a neuron's weights are one picture: the enlarged view shows them
        self._reset_detail()
        for i, stage in enumerate(self.inspector.stages):
            layer = self.inspector.model.get_layer(stage.layer)
            shape = layer.output.shape[1:]
            self.stage_box.addWidget(_arrow())
            if mlp:
                activation = getattr(layer.activation, "__name__", "linear")
                neurons = shape[-1]
                text = tr_plural(neurons, self.tr("{0} neuron, {1}"), self.tr("{0} neurons, {1}"))
                text = text.format(neurons, activation)
            else:
                text = " × ".join(str(n) for n in shape)
            title = QLabel(f"<b>{self._stage_title(i)}</b> ({text}): {self._explain(i)}")
            title.setWordWrap(True)
            self.stage_box.addWidget(title)
            if mlp:
                view = PixelView(NEURON_SCALE)
                view.setToolTip(self.tr("Each cell is one neuron, coloured by its activation"))
                if i == 0:
                    view.setToolTip(self.tr("Click a neuron to see its 784 input weights as a 28×28 picture"))
                    view.clicked.connect(self.select_neuron)
            else:
                view = PixelView(1 if stage.kind == "vector" else _scale(shape[0]))
            if stage.kind == "maps":
                view.setToolTip(self.tr("Click a map to enlarge it and see the filter that made it"))
                view.clicked.connect(lambda index, i=i: self.select_map(i, index))
            self._stage_views.append(view)
            self.stage_box.addWidget(view)

    def _reset_detail(self) -> None:
        """Nothing selected: the detail area says what a click shows."""
        self.detail_map.set_image(None)
        self.detail_kernel.set_image(None)
        self.detail_kernel_label.clear()
        mlp = self.inspector is not None and self.inspector.is_mlp
        if mlp:
            self.detail_title.setText(self.tr("Click a neuron of hidden 1 to see its weights."))
        else:
            self.detail_title.setText(self.tr("Click any feature map to enlarge it and see its filter."))

    # --- updates ----------------------------------------------------------------------
    def update_from_canvas(self) -> None:
        """Preprocess the drawing as a prediction does and show every layer (only while on screen)."""
        self._live_timer.stop()
        if self.inspector is None or not self.isVisible():
            return
        self.show_input(preprocess_digit(self.canvas.to_array()))

    def show_input(self, image: np.ndarray | None) -> None:
        """Run a preprocessed 28×28 input through the network and redraw every stage (or clear)."""
        if self.inspector is None or not self.isVisible():
            return
        if image is None:
            self.last_inspection = None
            self.input_view.set_image(None)
            self.cam_view.set_image(None)
            for view in self._stage_views:
                view.set_image(None)
            self.logit_bars.set_values(None)
            self.prob_bars.set_values(None)
            self.prob_label.setText(self.tr("Probabilities"))
            # Nothing drawn: no answer to explain, and no map to enlarge (the choice is kept for later).
            self.cam_label.setText(self._cam_title())
            self._reset_detail()
            return
        if not TF_LOCK.acquire(blocking=False):  # a model is loading in the background: try again shortly
            self._live_timer.start()
            return
        try:
            result = self.inspector.inspect(image)
        finally:
            TF_LOCK.release()
        self.last_inspection = result
        self.input_view.set_image(to_qimage(result.image, GRAY))
        self.cam_view.set_image(cam_overlay(result.image, result.cam))
        self.cam_label.setText(self._cam_title(answer_name(result.top)))
        self._draw_stages()
        self.logit_bars.set_values(result.logits)
        self.prob_bars.set_values(result.probabilities)
        self.prob_label.setText(
            self.tr("Probabilities: {0} at {1}").format(
                answer_name(result.top), percent(result.probabilities[result.top])
            )
        )
        if self._selected is not None:
            self._select(*self._selected)

    def _cam_title(self, top: int | str | None = None) -> str:
        """The map's title: Grad-CAM for a CNN, gradient × input for a perceptron."""
        if self.inspector is not None and self.inspector.is_mlp:
            if top is None:
                return self.tr("Why this digit: gradient × input")
            return self.tr("Why a {0}: gradient × input").format(top)
        return self.tr("Why this digit: Grad-CAM") if top is None else self.tr("Why a {0}: Grad-CAM").format(top)

    def _select(self, stage_index: int, index: int) -> None:
        if self.inspector.is_mlp:
            self.select_neuron(index)
        else:
            self.select_map(stage_index, index)

    def _flow_width(self) -> int:
        """Pixels a row of maps may take: the scroll area's width less the flow's margins."""
        margins = self.flow.contentsMargins()
        return max(120, self.scroll.viewport().width() - margins.left() - margins.right() - 4)

    def _draw_stages(self) -> None:
        """Tile each stage's maps in as many columns as the flow's width holds."""
        result = self.last_inspection
        if result is None:
            return
        width = self._flow_width()
        for stage, view, values in zip(self.inspector.stages, self._stage_views, result.outputs):
            if stage.kind == "maps":
                columns = _columns(values.shape[2], values.shape[1], view.scale, width)
                grid = tile_maps(values, columns)
                view.set_image(to_qimage(grid, VIRIDIS), (values.shape[:2], values.shape[2], columns))
            elif self.inspector.is_mlp:
                view.set_image(*_neuron_grid(values, width))
            else:
                view.set_image(to_qimage(_strip(values, max(16, width // 3)), VIRIDIS))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            # Re-wrap on the next turn: re-tiling inside the resize would resize the flow again.
            QTimer.singleShot(0, self._draw_stages)
        return super().eventFilter(watched, event)

    def select_map(self, stage_index: int, channel: int) -> None:
        """Enlarge one feature map and show the weights of the filter that made it."""
        result = self.last_inspection
        if result is None or self.inspector is None:
            return
        self._selected = (stage_index, channel)
        for i, view in enumerate(self._stage_views):
            view.selected = channel if i == stage_index else None
            view.update()
        stage = self.inspector.stages[stage_index]
        values = result.outputs[stage_index][:, :, channel]
        span = values.max() - values.min()
        scaled = (values - values.min()) / span if span > 0 else np.zeros_like(values)
        self.detail_map.set_image(to_qimage(scaled, VIRIDIS))
        kernel = self.inspector.kernel(stage, channel)
        limit = float(np.abs(kernel).max()) or 1.0
        # Weights keep their sign: one colour scale for all, centred on zero.
        image = (
            tile_maps(kernel, _columns(kernel.shape[2], kernel.shape[1], 1, width=32), scale_each=False) / limit + 1
        ) / 2
        self.detail_kernel.set_image(to_qimage(image, DIVERGING))
        kh, kw, inputs = kernel.shape
        count = result.outputs[stage_index].shape[2]
        self.detail_title.setText(
            self.tr("{0}, map {1} of {2}: strongest {3}").format(
                self._stage_title(stage_index), channel + 1, count, decimal(values.max(), 2)
            )
        )
        if stage.normalised:
            then = self.tr("then batch normalisation and ReLU.")
        else:
            then = self.tr("plus a bias, then ReLU.")
        if inputs == 1:
            text = self.tr("Its filter: {0}×{1} weights for the input picture, {3}")
        else:
            text = self.tr("Its filter: {0}×{1} weights for each of the {2} maps of the layer before, {3}")
        self.detail_kernel_label.setText(text.format(kh, kw, inputs, then))

    def select_neuron(self, neuron: int) -> None:
        """Show a first-hidden-layer neuron's 784 input weights as a 28×28 picture (perceptrons only)."""
        result = self.last_inspection
        if result is None or self.inspector is None or not self.inspector.is_mlp:
            return
        self._selected = (0, neuron)
        for i, view in enumerate(self._stage_views):
            view.selected = neuron if i == 0 else None
            view.update()
        weights = self.inspector.input_weights(neuron)
        limit = float(np.abs(weights).max()) or 1.0
        self.detail_map.set_image(to_qimage((weights / limit + 1) / 2, DIVERGING))  # signs kept, 0 in the middle
        count = result.outputs[0].shape[0]
        self.detail_title.setText(
            self.tr("hidden 1, neuron {0} of {1}: activation {2}").format(
                neuron + 1, count, decimal(result.outputs[0][neuron], 2)
            )
        )
        self.detail_kernel_label.setText(
            self.tr(
                "Its 784 weights, one per pixel: ink on red raises its sum, on blue lowers it. "
                "This is the pattern it looks for."
            )
        )

    def _stage_title(self, index: int) -> str:
        stage = self.inspector.stages[index]
        if self.inspector.is_mlp:
            return self.tr("hidden {0}").format(index + 1)
        return self.tr("conv {0}").format(index + 1) if stage.kind == "maps" else self.tr("dense input")

    def _explain(self, index: int) -> str:
        if self.inspector.is_mlp:
            return self.tr(EXPLAIN_HIDDEN)
        if self.inspector.stages[index].kind == "vector":
            return self.tr(EXPLAIN_DENSE)
        return self.tr(EXPLAIN_CONV[min(index, len(EXPLAIN_CONV) - 1)])

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.inspector is None:
            self._build_inspector()
        self.update_from_canvas()


def _scale(side: int) -> int:
    """Pixel size of a map of ``side`` pixels: small maps are drawn bigger."""
    return {24: 2, 12: 3, 6: 5}.get(side, max(1, 48 // max(side, 1)))


def _columns(count: int, side: int = 3, scale: int = 1, width: int = 620) -> int:
    """How many maps of ``side`` px drawn ``scale`` times fit in a row ``width`` px wide."""
    return max(1, min(count, width // ((side + 1) * scale)))


def _strip(values: np.ndarray, width: int = 144) -> np.ndarray:
    """A long vector as a strip image, scaled to [0, 1]."""
    n = len(values)
    rows = -(-n // width)
    padded = np.full(rows * width, np.nan, np.float32)
    span = values.max() - values.min()
    padded[:n] = (values - values.min()) / span if span > 0 else 0
    strip = padded.reshape(rows, width)
    return np.repeat(np.repeat(strip, 3, axis=0), 3, axis=1)


def _neuron_grid(values: np.ndarray, width: int) -> tuple[Any, tuple[tuple[int, int], int, int]]:
    """A hidden layer's activations as a grid of cells, one per neuron, and its clickable layout.

    Cells keep the activation's own scale (a sigmoid's 0.2 is dim whatever the
    others do), stretched only where values leave [0, 1] (ReLU, tanh).
    """
    low, high = min(0.0, float(values.min())), max(1.0, float(values.max()))
    scaled = (values - low) / (high - low)
    cells = np.broadcast_to(scaled, (NEURON, NEURON, len(values))).astype(np.float32)
    columns = _columns(len(values), NEURON, NEURON_SCALE, width)
    grid = tile_maps(cells, columns, scale_each=False)
    return to_qimage(grid, VIRIDIS), ((NEURON, NEURON), len(values), columns)
