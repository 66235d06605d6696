"""Gradient flow, live: each layer's gradient norm and update/weight ratio, on log scales, input side first."""

from __future__ import annotations

import html
import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from gui.follow import follow
from gui.i18n import number
from gui.plot_axes import locale_axes
from gui.tooltip import wrapped
from training.progress import Progress
from training.run_state import Run, RunState

REDRAW_MS = 500
MIN_DECADES = 3  # the least span of a log axis here
# Before the first measurement (and after a run cancelled before one) each plot shows these whole decades:
# pyqtgraph's default 0–1 on a log axis is a single decade, labelled at every minor tick, one over another.
EMPTY_DECADES = {"norm": (-4, 0), "ratio": (-5, -1)}  # 1e-4…1 for gradient norms; 1e-5…0.1 around a healthy 0.001
ABOUT_THE_SAME = 2.0  # first and last layers' gradients within this factor read "about the same", not "N times"


def layer_colour(index: int, count: int) -> QColor:
    """Input side dark blue, output side orange: the order of the layers reads off the colours."""
    t = index / max(count - 1, 1)
    return QColor.fromHsvF(0.62 - 0.55 * t, 0.85, 0.55 + 0.4 * t)


def _positive(values: list[float]) -> np.ndarray:
    """Positive finite values as they are, NaN elsewhere: on a log axis the line breaks there, never the plot."""
    a = np.asarray(values, float)
    return np.where(np.isfinite(a) & (a > 0), a, np.nan)


class GradientFlowPlot(QWidget):
    """Two small plots of the current run's gradient flow: one line per layer, a legend by layer.

    Hidden while the run shown measures no gradients (the "Show gradient flow" box was off).
    """

    def __init__(self, state: RunState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.norm_plot = pg.PlotWidget(axisItems=locale_axes())
        self.ratio_plot = pg.PlotWidget(axisItems=locale_axes())
        # Titles are wrapping labels above the plots, not pyqtgraph titles: those are cut, never wrapped
        # ("Norma do gradiente por camad" at 1000×680).
        self.norm_title = _title(self.tr("Gradient norm"))
        self.ratio_title = _title(self.tr("Update / weight"))
        self.norm_plot.setToolTip(
            wrapped(
                self.tr(
                    "How strongly the loss pulls on each layer's weights (log scale). When the lines of the first "
                    "layers lie orders of magnitude below the last layer's, the gradient vanishes on its way back "
                    "through the network: typical of deep sigmoid networks, much less of relu."
                )
            )
        )
        self.ratio_plot.setToolTip(
            wrapped(
                self.tr(
                    "How much each step changes a layer's weights, relative to their size (log scale). "
                    "About 0.001 is healthy; far below, the layer has stopped learning; far above, steps are too big."
                )
            )
        )
        for plot in (self.norm_plot, self.ratio_plot):
            plot.setLogMode(x=False, y=True)
            plot.setLabel("bottom", self.tr("batch"))
            plot.showGrid(x=False, y=True, alpha=0.2)
            plot.setMinimumSize(140, 140)
        # The key by layer is a wrapping label under the plots: with ten layers a legend inside a plot
        # covered its lines, and in an 800×600 window it covered the whole plot.
        self.key = QLabel()
        self.key.setWordWrap(True)
        self.key.setTextFormat(Qt.TextFormat.RichText)
        self.key.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        plots = QHBoxLayout()
        for title, plot in ((self.norm_title, self.norm_plot), (self.ratio_title, self.ratio_plot)):
            column = QVBoxLayout()
            column.setSpacing(0)
            column.addWidget(title)
            column.addWidget(plot, 1)
            plots.addLayout(column, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(plots, 1)
        layout.addWidget(self.key)
        layout.addWidget(self.summary)
        # No fixed minimum height: plots, key and verdict ask what they need (a fixed 190 px left the verdict
        # drawn over the legend when the key and verdict took more).
        self._lines: dict[str, list[Any]] = {"norm": [], "ratio": []}
        self._shown: Run | None = None
        self._decades: dict[int, tuple[int, int]] = {}
        self._dirty = False
        self._timer = QTimer(self, interval=REDRAW_MS)
        self._timer.timeout.connect(self._redraw)
        self._timer.start()
        follow(self, state.current.changed, lambda _: self._rebuild())
        follow(self, state.kind.changed, lambda _: self._rebuild())
        follow(self, state.progressed, self._progressed)
        self._rebuild()

    def shown_run(self) -> Run | None:
        run = self.state.current.value
        if run is None or run.kind != self.state.kind.value or not getattr(run.config, "gradient_every", 0):
            return None
        return run

    def lines(self) -> list[Any]:
        """The gradient-norm lines, one per layer, input side first."""
        return list(self._lines["norm"])

    def _rebuild(self) -> None:
        for plot, key in ((self.norm_plot, "norm"), (self.ratio_plot, "ratio")):
            for item in self._lines[key]:
                plot.removeItem(item)
            self._lines[key] = []
        self.key.setText("")
        self.summary.setText("")
        self._decades.clear()
        for plot, key in ((self.norm_plot, "norm"), (self.ratio_plot, "ratio")):
            self._decades[id(plot)] = EMPTY_DECADES[key]
            plot.setYRange(*EMPTY_DECADES[key], padding=0.02)
        self._shown = self.shown_run()
        self.setVisible(self._shown is not None)
        self._dirty = True
        self._redraw()

    def _progressed(self, run: Run, p: Progress) -> None:
        if p.kind == "gradients" and run is self._shown:
            self._dirty = True

    def _redraw(self) -> None:
        run = self._shown
        if not self._dirty or run is None or not run.gradients:
            return
        self._dirty = False
        names = [layer.layer for layer in run.gradients[0].layers]
        if len(self._lines["norm"]) != len(names):
            self._rebuild_lines(names)
        steps = np.array([flow.step for flow in run.gradients], float)
        for plot, key, field in ((self.norm_plot, "norm", "gradient_norm"), (self.ratio_plot, "ratio", "update_ratio")):
            values = [_positive([getattr(flow.layers[i], field) for flow in run.gradients]) for i in range(len(names))]
            for line, v in zip(self._lines[key], values):
                line.setData(steps, v)  # setLogMode draws log10 of the data; NaN breaks the line
            self._fit_decades(plot, np.concatenate(values))
        ratio = first_to_last_ratio(run)
        if math.isfinite(ratio) and ratio > 0:
            if 1 / ABOUT_THE_SAME < ratio < ABOUT_THE_SAME:  # "1.01 times smaller" read oddly
                text = self.tr("The first layer's gradient is about the same as the last layer's.")
            elif ratio >= 1:
                text = self.tr("The first layer's gradient is {0} times smaller than the last layer's.").format(
                    number(ratio, 3)
                )
            else:
                text = self.tr("The first layer's gradient is {0} times larger than the last layer's.").format(
                    number(1 / ratio, 3)
                )
            self.summary.setText(text)

    def _fit_decades(self, plot: Any, values: np.ndarray) -> None:
        """Whole decades, at least three: labels 0.001, 0.01… instead of a crowd of minor ticks, and
        a run whose layers differ little does not look as spread out as one whose gradient vanishes."""
        finite = values[np.isfinite(values)]
        if not len(finite):
            return
        low, high = math.floor(np.log10(finite.min())), math.ceil(np.log10(finite.max()))
        low = min(low, high - MIN_DECADES)  # fewer and pyqtgraph labels every minor tick, one over another
        if self._decades.get(id(plot)) != (low, high):  # a range change re-lays out the axis: only when it moves
            self._decades[id(plot)] = (low, high)
            plot.setYRange(low, high, padding=0.02)

    def _rebuild_lines(self, names: list[str]) -> None:
        for plot, key in ((self.norm_plot, "norm"), (self.ratio_plot, "ratio")):
            for item in self._lines[key]:
                plot.removeItem(item)
            self._lines[key] = []
        key = []
        for i, name in enumerate(names):
            colour = layer_colour(i, len(names))
            pen = pg.mkPen(colour, width=2)
            self._lines["norm"].append(self.norm_plot.plot(pen=pen, name=name))
            self._lines["ratio"].append(self.ratio_plot.plot(pen=pen))
            key.append(f"<span style='color:{colour.name()}'><b>━</b></span>&nbsp;{html.escape(name)}")
        self.key.setText(" ".join(key))


def _title(text: str) -> QLabel:
    """A plot's title: centred, bold, and wrapped onto a second line where the plot is narrow."""
    label = QLabel(f"<b>{html.escape(text)}</b>")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
    return label


def first_to_last_ratio(run: Run) -> float:
    """How many times smaller the first layer's gradient norm is than the last one's (mean over the run)."""
    if not run.gradients:
        return math.nan
    first = np.mean([f.layers[0].gradient_norm for f in run.gradients])
    last = np.mean([f.layers[-1].gradient_norm for f in run.gradients])
    return float(last / first) if first > 0 else math.inf
