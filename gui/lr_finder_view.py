"""The learning-rate finder in the Training tab: sweep, watch loss against rate, use the suggested rate."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from gui.follow import follow
from gui.i18n import core_text, number, percent
from gui.plot_axes import locale_axes
from gui.tooltip import wrapped
from gui.training_run import TrainingRun
from training.configs import DigitTrainConfig
from training.lr_finder import END_RATE, START_RATE, LRFinderResult, lr_finder_job
from training.progress import Progress
from training.run_state import RunState

REDRAW_MS = 300
FLAT = 0.15  # a sweep whose loss fell less than this share barely learned at any rate
REGIONS = (("too_low", (134, 142, 150, 60)), ("good", (47, 158, 68, 55)), ("overshoot", (224, 49, 49, 45)))  # RGBA


class LRFinderView(QWidget):
    """A button that runs the sweep in a child process, its plot (log x) and "Use this rate".

    Parameters
    ----------
    state
        Where the sweep's points and result are kept (they survive a language switch).
    config
        Gives the form's digit settings when the sweep starts (network, optimizer, batch size).
    """

    rateChosen = Signal(float)
    busyChanged = Signal(bool)

    def __init__(
        self, state: RunState, config: Callable[[], DigitTrainConfig | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self._config = config
        self.run: TrainingRun | None = None
        self.find_button = QPushButton(self.tr("Fi&nd a learning rate"))
        self.find_button.setToolTip(
            wrapped(
                self.tr(
                    "Train a fresh copy of the network for about 150 batches while the learning rate grows from "
                    "0.000001 to 10, and plot the loss against the rate. Where the loss falls fastest, the rate "
                    "is good; where it shoots up, the steps overshoot. Takes well under a minute."
                )
            )
        )
        self.use_button = QPushButton(self.tr("Use this r&ate"))
        self.use_button.setToolTip(wrapped(self.tr("Put the suggested learning rate into the settings form")))
        # No title: the tab and the axes say what it is, and "Perda em função da taxa de aprendizado" was cut
        # at 800×600.
        self.plot = pg.PlotWidget(axisItems=locale_axes())
        self.plot.setLogMode(x=True, y=False)
        self.plot.setLabel("bottom", self.tr("learning rate (log scale)"))
        self.plot.setLabel("left", self.tr("loss (smoothed)"))
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.plot.setMinimumSize(160, 120)
        self.plot.setXRange(math.log10(START_RATE), math.log10(END_RATE))  # the sweep's span, before it runs
        self.plot.setToolTip(
            wrapped(
                self.tr(
                    "Grey: the rate is too low, the loss hardly moves. Green: good rates, the loss falls. "
                    "Red: too high, the loss rises again (overshoot). The dashed line is the suggestion."
                )
            )
        )
        self.curve = self.plot.plot(pen=pg.mkPen("#2d6cdf", width=2))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.find_button)
        buttons.addWidget(self.use_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.status)
        self._marks: list[Any] = []
        self._dirty = False
        self._timer = QTimer(self, interval=REDRAW_MS)
        self._timer.timeout.connect(self._redraw)
        self._timer.start()
        self.find_button.clicked.connect(self.start)
        self.use_button.clicked.connect(self._use)
        follow(self, state.lr_found.changed, lambda _: self._show_result())
        follow(self, state.lr_progressed, lambda _: self._progressed())
        follow(self, state.configs["digits"].changed, lambda _: self._settings_changed())
        follow(self, state.kind.changed, lambda _: self._settings_changed())
        self._dirty = True
        self._redraw()
        self._show_result()

    # --- running ----------------------------------------------------------------------
    def is_running(self) -> bool:
        return self.run is not None

    def start(self) -> None:
        config = self._config()
        if self.run is not None or config is None:
            return
        self.state.lr_points.clear()
        self.state.lr_found.set(None)
        self.state.lr_config = config
        self.status.setText(self.tr("Starting the learning-rate sweep…"))
        process = TrainingRun(lr_finder_job, config)
        process.progress.connect(self._report)
        process.succeeded.connect(self.state.lr_found.set)
        process.cancelled.connect(lambda: self.status.setText(self.tr("Learning-rate sweep cancelled.")))
        process.failed.connect(
            lambda message: self.status.setText(
                self.tr("The learning-rate sweep failed: {0}").format(core_text(message))
            )
        )
        process.finished.connect(self._finished)
        self.run = process
        self.find_button.setEnabled(False)
        self.use_button.setEnabled(False)
        self.busyChanged.emit(True)
        process.start()

    def cancel(self) -> None:
        if self.run is not None:
            self.run.cancel()

    def wait(self, ms: int = 30000) -> bool:
        return self.run.wait(ms) if self.run is not None else True

    def _report(self, p: Progress) -> None:
        if p.kind == "lr":
            smoothed = p.logs.get("smoothed", math.nan)
            self.state.lr_points.append((p.logs["lr"], smoothed))
            self.status.setText(
                self.tr("Batch {0} of at most {1}: rate {2}, loss {3}").format(
                    p.batch, p.batches, number(p.logs["lr"], 2), number(p.logs.get("loss", math.nan), 3)
                )
            )
        elif p.message:
            self.status.setText(core_text(p.message).splitlines()[0])
        self.state.lr_progressed.emit(p)

    def _finished(self) -> None:
        self.run = None
        self.find_button.setEnabled(True)
        self.use_button.setEnabled(self.state.lr_found.value is not None)
        self.busyChanged.emit(False)

    def _settings_changed(self) -> None:
        """Forget a sweep made for other settings (network, optimizer, kind…): its rate would mislead."""
        swept = self.state.lr_config
        if self.run is not None or swept is None:
            return
        if self.state.kind.value == "digits" and _sweep_settings(self.state.configs["digits"].value) == _sweep_settings(
            swept
        ):
            return  # e.g. "Use this rate" itself, or more epochs: the sweep still holds
        self.state.lr_config = None
        self.state.lr_points.clear()
        self.state.lr_found.set(None)  # clears marks, "Suggested rate…" and disables "Use this rate"
        self._dirty = True
        self._redraw()

    def _use(self) -> None:
        found = self.state.lr_found.value
        if found is not None:
            self.rateChosen.emit(float(f"{found.suggested:.2g}"))  # the rate the view shows, not more digits

    # --- drawing ----------------------------------------------------------------------
    def _progressed(self) -> None:
        self._dirty = True

    def _redraw(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        points = [(r, s) for r, s in self.state.lr_points if math.isfinite(s)]
        if not points:
            self.curve.setData([], [])
            return
        xy = np.asarray(points, float)
        self.curve.setData(xy[:, 0], xy[:, 1])
        top = min(float(xy[:, 1].max()), 1.5 * float(xy[0, 1]))  # the overshoot's blow-up would flatten the rest
        low = float(xy[:, 1].min())
        self.plot.setYRange(low - 0.1 * (top - low), top + 0.05 * (top - low) + 1e-6, padding=0)

    def _show_result(self) -> None:
        for item in self._marks:
            self.plot.removeItem(item)
        self._marks.clear()
        found: LRFinderResult | None = self.state.lr_found.value
        self.use_button.setEnabled(found is not None and self.run is None)
        if found is None:
            if self.run is None:
                self.status.setText(
                    self.tr("Find a learning rate for the network and optimizer chosen on the left (digits only).")
                )
            return
        self._dirty = True
        self._redraw()
        lo, hi = math.log10(found.rates[0]), math.log10(found.rates[-1])
        bounds = {
            "too_low": (lo, math.log10(found.too_low)),
            "good": (math.log10(found.too_low), math.log10(found.overshoot)),
            "overshoot": (math.log10(found.overshoot), hi),
        }
        for name, colour in REGIONS:
            a, b = bounds[name]
            if b <= a:
                continue
            region = pg.LinearRegionItem((a, b), movable=False, brush=pg.mkBrush(*colour), pen=pg.mkPen(None))
            region.setZValue(-10)
            self.plot.addItem(region)
            self._marks.append(region)
        line = pg.InfiniteLine(
            pos=math.log10(found.suggested),
            angle=90,
            pen=pg.mkPen("#2b2b2b", width=2, style=Qt.PenStyle.DashLine),
            label=self.tr("suggested {0}").format(number(found.suggested, 2)),
            labelOpts={"position": 0.08, "color": "#2b2b2b"},
        )
        self.plot.addItem(line)
        self._marks.append(line)
        self.status.setText(
            self.tr(
                "Too low below {0} (the loss hardly moves), overshoots above {1}. "
                "Suggested rate: {2} ({3}); the loss fell fastest at {4}."
            ).format(
                number(found.too_low, 2),
                number(found.overshoot, 2),
                number(found.suggested, 2),
                found.optimizer,
                number(found.steepest, 2),
            )
        )
        if found.capped_from > 0:
            self.status.setText(
                self.status.text()
                + " "
                + self.tr(
                    "The curve alone points at {0}, but {1} usually overshoots above {2} in a whole run, "
                    "so the suggestion stops there."
                ).format(number(found.capped_from, 2), found.optimizer, number(found.suggested))
            )
        if found.drop < FLAT:
            self.status.setText(
                self.status.text()
                + " "
                + self.tr(
                    "But the loss fell only {0} at any rate: this network hardly learns whatever the rate. "
                    "Look at its gradient flow: in a deep sigmoid network the first layers' gradients vanish."
                ).format(percent(found.drop))
            )

    def suggestion_line(self) -> Any:
        """The dashed line at the suggested rate, once the sweep is done."""
        return next((m for m in self._marks if isinstance(m, pg.InfiniteLine)), None)


def _sweep_settings(config: Any) -> dict[str, Any]:
    """The settings a sweep's result depends on: all but the rate it chose and how long a run trains."""
    return {k: v for k, v in vars(config).items() if k not in ("learning_rate", "epochs")}
