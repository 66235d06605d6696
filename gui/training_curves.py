"""Learning curves of the current run and of earlier runs of the same kind, with the first layer's filters."""

from __future__ import annotations

import html
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gui.follow import follow
from gui.gradient_plot import GradientFlowPlot
from gui.i18n import core_text
from gui.pixels import DIVERGING, PixelView, to_qimage
from gui.plot_axes import locale_axes
from gui.tooltip import wrapped
from models.digit_inspect import tile_maps
from training.progress import Progress
from training.run_state import Run, RunState

REDRAW_MS = 400  # curves are redrawn at most this often: smooth to watch, the window stays responsive
RUN_COLOURS = ["#2d6cdf", "#d9480f", "#2f9e44", "#ae3ec9", "#e67700", "#0c8599", "#c2255c"]
METRICS = (("loss", "val_loss"), ("accuracy", "val_accuracy"))
EMPTY_RANGE = (0.0, 1.0)  # a plot with nothing to draw: never the y range of the kind shown before


def run_colour(run: Run) -> QColor:
    """A run's colour, from the run itself: the same in every view built over the same state."""
    return QColor(RUN_COLOURS[(run.number - 1) % len(RUN_COLOURS)])


class LearningCurves(QWidget):
    """Loss and accuracy per epoch: the current run (per batch, smoothed once, and validation
    per epoch) and the earlier runs of the kind being trained (validation, dashed, with markers).

    The legend is a label below the plots: it never covers a curve and wraps instead of being clipped.
    """

    def __init__(self, state: RunState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        # Antialiased thick lines cost tens of milliseconds a paint on a busy 2-core CPU; plain ones a few.
        pg.setConfigOptions(antialias=False, background="w", foreground="k")
        self.loss_plot = pg.PlotWidget(title=self.tr("Loss"), axisItems=locale_axes())
        self.acc_plot = pg.PlotWidget(title=self.tr("Accuracy"), axisItems=locale_axes())
        for plot in (self.loss_plot, self.acc_plot):
            plot.setLabel("bottom", self.tr("epoch"))
            plot.showGrid(x=False, y=True, alpha=0.2)
            plot.setMinimumSize(140, 170)  # title and axes take ~65 px: 120 left a strip of curve
            plot.enableAutoRange(x=False, y=False)  # ranges follow the data in steps: see _fit_ranges
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.show_earlier = QCheckBox(self.tr("Sh&ow earlier runs"))
        self.show_earlier.setToolTip(
            wrapped(self.tr("Draw the validation curves of the last few finished runs of the same kind, to compare."))
        )
        self.show_earlier.setChecked(state.show_earlier.value)
        self.show_earlier.toggled.connect(state.show_earlier.set)
        self.overfit_label = QLabel()
        self.overfit_label.setWordWrap(True)
        self.overfit_label.setStyleSheet("color: #d9480f")
        self.overfit_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.filters_view = PixelView(
            4, self.tr("The first layer's filters (blue: negative, red: positive weights)"), fit=QSize(160, 80)
        )
        self.filters_view.setToolTip(wrapped(self.filters_view.toolTip()))
        self.filters_label = QLabel()
        self.filters_label.setWordWrap(True)
        self.filters_label.setMaximumWidth(170)

        # The filters sit beside the legend, under the plots: the plots keep the whole width.
        filters = QVBoxLayout()
        filters.addWidget(self.filters_label)
        filters.addWidget(self.filters_view)
        filters.addStretch(1)
        notes = QVBoxLayout()
        notes.addWidget(self.legend)
        notes.addWidget(self.overfit_label)
        notes.addStretch(1)
        below = QWidget()
        below_layout = QHBoxLayout(below)
        below_layout.setContentsMargins(2, 2, 2, 2)
        below_layout.addLayout(notes, 1)
        below_layout.addLayout(filters)
        # Legend and filters scroll in their own pane: in a small window they never squeeze the plots.
        self.notes_scroll = QScrollArea()
        self.notes_scroll.setWidget(below)
        self.notes_scroll.setWidgetResizable(True)
        self.notes_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.notes_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.notes_scroll.setMinimumHeight(60)
        side_by_side = QHBoxLayout()
        side_by_side.addWidget(self.loss_plot, 1)
        side_by_side.addWidget(self.acc_plot, 1)
        plots = QWidget()
        plots_layout = QVBoxLayout(plots)
        plots_layout.setContentsMargins(0, 0, 0, 0)
        plots_layout.addLayout(side_by_side, 1)
        # A control, not a note: under the plots it draws on, never scrolled out of sight with the legend.
        plots_layout.addWidget(self.show_earlier)
        split = QSplitter(Qt.Orientation.Vertical)
        # Built with its parent: shown parentless (a rebuilt tab over an MLP run) it would be hidden when added.
        self.gradients = GradientFlowPlot(state, split)  # hidden unless the run measures its gradient flow
        split.addWidget(plots)
        split.addWidget(self.gradients)
        split.addWidget(self.notes_scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setStretchFactor(2, 1)
        split.setSizes([3000, 2000, 1000])  # the curves first, gradient flow under them, then the legend
        split.setChildrenCollapsible(False)
        # Where the curves, the gradient flow and the legend do not all fit at a readable size (800×600 with
        # gradient flow), the pane scrolls instead of squeezing four plots to strips with their labels piled up.
        self.pane_scroll = QScrollArea()
        self.pane_scroll.setWidget(split)
        self.pane_scroll.setWidgetResizable(True)
        self.pane_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.pane_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pane_scroll)

        self._items: list[tuple[Any, Any]] = []  # (plot, item) of everything drawn
        self._live: dict[str, Any] = {}  # metric key → the current run's curve
        self._ranges: dict[str, tuple[float, float]] = {}
        self._x_epochs = 0  # the epochs the x axis shows now
        self._dirty = False
        self._redraw_timer = QTimer(self, interval=REDRAW_MS)
        self._redraw_timer.timeout.connect(self._redraw_live)
        self._redraw_timer.start()
        follow(self, state.kind.changed, self._rebuild)
        follow(self, state.current.changed, self._rebuild)
        follow(self, state.show_earlier.changed, self._rebuild)
        follow(self, state.run_ended, self._rebuild)
        follow(self, state.progressed, self._progressed)
        self._rebuild()

    # --- what is shown ----------------------------------------------------------------
    def shown_current(self) -> Run | None:
        """The current run, if it is of the kind being trained (an MNIST run is not drawn over a folder's)."""
        run = self.state.current.value
        if run is None or run.kind != self.state.kind.value:
            return None
        if run.status == "failed" and not run.epochs:
            return None  # it failed before its first epoch: nothing to draw, so no empty legend entry
        return run

    def shown_earlier(self) -> list[Run]:
        return self.state.earlier(self.state.kind.value) if self.state.show_earlier.value else []

    # --- drawing ----------------------------------------------------------------------
    def _rebuild(self, *_: Any) -> None:
        """Draw everything again: runs appear or go, so colours, legend and x range may change."""
        for plot, item in self._items:
            plot.removeItem(item)
        self._items.clear()
        self._live.clear()
        self._ranges.clear()
        legend: list[str] = []
        earlier = self.shown_earlier()
        for run in earlier:
            colour = run_colour(run)
            for plot, (_, key) in zip((self.loss_plot, self.acc_plot), METRICS):
                xy = np.asarray(run.val_points(key), float).reshape(-1, 2)
                pen = pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine)
                item = plot.plot(xy[:, 0], xy[:, 1], pen=pen, symbol="t", symbolSize=7, symbolBrush=colour)
                self._items.append((plot, item))
            legend.append(self._legend_entry(colour, "╌▼", run))
        current = self.shown_current()
        if current is not None:
            colour = run_colour(current)
            for plot, (batch_key, val_key) in zip((self.loss_plot, self.acc_plot), METRICS):
                line = plot.plot(pen=pg.mkPen(colour, width=1))
                dots = plot.plot(pen=pg.mkPen(colour, width=2.5), symbol="o", symbolSize=8, symbolBrush=colour)
                self._live[batch_key], self._live[val_key] = line, dots
                self._items += [(plot, line), (plot, dots)]
            legend.append(self._legend_entry(colour, "━●", current))
        key = self.tr(
            "Solid: this run, training per batch (smoothed once) and ● validation per epoch. "
            "Dashed ▼: earlier runs, validation per epoch."
        )
        self.legend.setText("<br>".join([f"<i style='color:#555'>{html.escape(key)}</i>", *legend]))
        self.legend.setVisible(bool(legend))
        self._x_epochs = 0
        self._fit_x(current)
        self._draw_filters(current)
        if current is not None:
            self._mark_overfitting(current)
        else:
            self.overfit_label.setText("")
        self._dirty = True
        self._redraw_live()
        self._fit_ranges(tighten=True)

    def _fit_x(self, current: Run | None) -> None:
        """Show every epoch of the runs drawn, the current run's planned ones included (only when that changes)."""
        epochs = max([len(r.epochs) for r in self.shown_earlier()] + [current.planned_epochs if current else 1])
        if epochs != self._x_epochs:
            self._x_epochs = epochs
            for plot in (self.loss_plot, self.acc_plot):
                plot.setXRange(0, epochs, padding=0.04)  # the last marker whole, not cut in half

    def _legend_entry(self, colour: QColor, mark: str, run: Run) -> str:
        return f"<span style='color:{colour.name()}'><b>{mark}</b></span> " + html.escape(core_text(run.label()))

    def _progressed(self, run: Run, p: Progress) -> None:
        if run is not self.shown_current():
            return
        self._fit_x(run)  # an "auto" run tells how many epochs it plans only once it starts
        if p.filters is not None:
            self._draw_filters(run)
        if p.kind == "epoch":
            self._dirty = True
            self._redraw_live()
            self._mark_overfitting(run)
            self._fit_ranges(tighten=True)
        elif p.kind == "batch":
            self._dirty = True  # drawn by the redraw timer, a few times a second

    def _redraw_live(self) -> None:
        run = self.shown_current()
        if not self._dirty or run is None:
            return
        self._dirty = False
        for key, points in run.batch_points.items():
            if points and key in self._live:
                xy = np.asarray(points)
                self._live[key].setData(xy[:, 0], xy[:, 1])
        for _, key in METRICS:
            xy = np.asarray(run.val_points(key), float).reshape(-1, 2)
            self._live[key].setData(xy[:, 0], xy[:, 1])
        self._fit_ranges()

    def _fit_ranges(self, tighten: bool = False) -> None:
        """Widen a plot's y range when the data leaves it; tighten it only at the end of an epoch.

        Every range change re-lays out the axis, one of the costliest paints, so the
        range moves a few times per run instead of with every batch.
        """
        runs = [*self.shown_earlier(), *filter(None, [self.shown_current()])]
        for name, plot, (batch_key, val_key) in zip(("loss", "accuracy"), (self.loss_plot, self.acc_plot), METRICS):
            values = [v for r in runs for _, v in (*r.batch_points[batch_key], *r.val_points(val_key))]
            values = [v for v in values if np.isfinite(v)]
            if not values:
                # Nothing of this kind drawn (Train switched to a folder): forget MNIST's range.
                if tighten and self._ranges.get(name) != EMPTY_RANGE:
                    self._ranges[name] = EMPTY_RANGE
                    plot.setYRange(*EMPTY_RANGE, padding=0)
                continue
            low, high = min(values), max(values)
            if name == "accuracy":
                low, high = max(0.0, low - 0.02), min(1.0, high + 0.01)
            else:
                low, high = 0.0, high * 1.05 or 1.0
            current = self._ranges.get(name)
            if current is None or low < current[0] or high > current[1] or tighten:
                self._ranges[name] = (low, high)
                plot.setYRange(low, high, padding=0)

    def _draw_filters(self, run: Run | None) -> None:
        """The first layer's filters of the run shown, or nothing (never another run's)."""
        kernel = run.filters if run is not None else None
        shown = kernel is not None
        self.filters_view.setVisible(shown)  # no empty panel: the plots get its width
        self.filters_label.setVisible(shown)
        if kernel is None:
            self.filters_view.set_image(None)
            self.filters_label.setText(self.tr("First-layer filters, as they learn"))
            return
        maps = kernel.mean(axis=2)  # (h, w, filters): colour inputs averaged
        limit = float(np.abs(maps).max()) or 1.0
        columns = max(1, min(maps.shape[2], 8))
        grid = (tile_maps(maps, columns, scale_each=False) / limit + 1) / 2
        self.filters_view.set_image(to_qimage(grid, DIVERGING))
        h, w, _, count = kernel.shape
        self.filters_label.setText(self.tr("First-layer filters, as they learn: {0} of {1}×{2}").format(count, h, w))

    def _mark_overfitting(self, run: Run) -> None:
        """A line where validation loss starts a sustained rise while training loss falls, and what to do."""
        for plot, item in [(p, i) for p, i in self._items if isinstance(i, pg.InfiniteLine)]:
            plot.removeItem(item)
            self._items.remove((plot, item))
        epoch = run.overfitting_epoch()
        if epoch is None:
            self.overfit_label.setText("")
            return
        for plot in (self.loss_plot, self.acc_plot):
            line = pg.InfiniteLine(
                pos=epoch,
                angle=90,
                pen=pg.mkPen("#d9480f", width=2, style=Qt.PenStyle.DotLine),
                label=self.tr("overfitting starts"),
                labelOpts={"position": 0.9, "color": "#d9480f"},
            )
            plot.addItem(line)
            self._items.append((plot, line))
        self.overfit_label.setText(
            self.tr(
                "Overfitting after epoch {0}: validation loss rises while training loss keeps falling, so the "
                "network is memorising the training images instead of learning. Stop there, or add dropout, L2 or "
                "augmentation."
            ).format(epoch)
        )

    def overfit_lines(self) -> list[Any]:
        """The overfitting markers drawn on the loss plot."""
        return [i for p, i in self._items if p is self.loss_plot and isinstance(i, pg.InfiniteLine)]
