"""The Training tab: retrain a model with the lectures' hyperparameters and watch it learn.

The tab only composes views over :class:`training.run_state.RunState`: the
settings form, the learning curves, the run report and a run controller. A new
tab built over the same state (after a language switch) shows the same
settings, folder, curves, report and comparison.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.follow import follow
from gui.i18n import core_text, decimal, error_text, number, percent, tr_plural
from gui.lr_finder_view import LRFinderView
from gui.tooltip import wrapped
from gui.training_controller import Plan, RunController
from gui.training_curves import LearningCurves
from gui.training_report import RunReport
from gui.training_run import TrainingRun
from gui.training_settings import TrainingSettings
from models.model_file import copy_model
from models.paths import digits_in_use, faces_in_use
from training.backbone_choice import backbone_word
from training.configs import (
    DEFAULT_EPOCHS,
    HEAD_LEARNING_RATE,
    SCRATCH_LEARNING_RATE,
    DigitTrainConfig,
    RecognizerTrainConfig,
)
from training.progress import Progress
from training.run_state import Run, RunState


def _wrapping_label(style: str = "") -> QLabel:
    """A label that wraps long text and never widens the window (a long "Finished: …" line once did)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if style:
        label.setStyleSheet(style)
    return label


class TrainingTab(QWidget):
    """Settings on the left (scrolling); curves, progress and the report on the right (split).

    Parameters
    ----------
    state
        The runs and settings to show; a new one (with the saved runs) when ``None``.
        Pass the same object to the tab built after a language switch.
    """

    modelAccepted = Signal(str, str)  # kind ("digits" | "folder"), path of the model now in use

    def __init__(self, state: RunState | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state if state is not None else RunState()
        self.controller = RunController(self.state, self)
        self.form = TrainingSettings(self.state)
        self.curves = LearningCurves(self.state)
        self.report = RunReport(self.state)
        self.finder = LRFinderView(self.state, self._finder_config)

        self.train_button = QPushButton(self.tr("T&rain"))  # not "&Train": Alt+T is the Training tab's own
        self.train_button.setToolTip(wrapped(self.tr("Train with these settings, in a separate process")))
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        self.cancel_button.setToolTip(
            wrapped(self.tr("Stop the run within a second, whatever it is doing; the model in use stays"))
        )
        self.compare_button = QPushButton(self.tr("Transfer vs &scratch"))
        self.compare_button.setToolTip(
            wrapped(
                self.tr(
                    "Train twice on the same images with the same epochs: a head on a pretrained backbone, "
                    "then a CNN from scratch. Both curves and accuracies side by side."
                )
            )
        )
        self.model_box = QComboBox()
        self.model_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model_box.setMinimumContentsLength(10)
        self.use_button = QPushButton(self.tr("&Use this model"))
        self.use_button.setToolTip(wrapped(self.tr("Put the chosen run's model to work in the Digits or Faces tab")))
        buttons = QHBoxLayout()
        buttons.addWidget(self.train_button)
        buttons.addWidget(self.cancel_button)

        settings = QGroupBox(self.tr("What to train, and how"))
        form_layout = QVBoxLayout(settings)
        form_layout.addWidget(self.form)
        form_layout.addStretch(1)
        scroll = self.form_scroll = QScrollArea()
        scroll.setWidget(settings)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(settings.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width() + 4)
        # Train and Cancel stay below the scrolling form: at 800×600 they were under the fold, out of sight.
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(scroll, 1)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.compare_button)

        self.progress = QProgressBar()
        self._bar_reading = False  # whether the bar shows pictures being read (a folder run's first phase)
        self.progress.setRange(0, 1000)
        self.progress_label = _wrapping_label()
        self.error_label = _wrapping_label("color: #b00020")
        self.compare_label = _wrapping_label()
        # The run to use sits under the line that says a run finished, where a person looks next.
        use_row = QHBoxLayout()
        use_row.addWidget(QLabel(self.tr("Model to use")))
        use_row.addWidget(self.model_box, 1)
        use_row.addWidget(self.use_button)
        status = QWidget()
        status_layout = QVBoxLayout(status)
        status_layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.progress, self.progress_label, self.error_label, self.compare_label):
            status_layout.addWidget(w)
        status_layout.addLayout(use_row)
        # Three tabs, the report's own three inside the last: five side by side were cut to "P…" and "Mi…"
        # at 800×600. Each view still gets the full height, so the plots are readable and the per-class
        # table shows all ten digits.
        self.views = QTabWidget()
        self.views.addTab(self.curves, self.tr("Learning curves"))
        self.views.addTab(self.finder, self.tr("Learning-rate finder"))
        self.views.addTab(self.report, self.tr("Results"))
        self.report.tabs.setDocumentMode(True)  # tabs in a tab: no second frame
        for bar in (self.views.tabBar(), self.report.tabs.tabBar()):
            bar.setUsesScrollButtons(False)
            bar.setElideMode(Qt.TextElideMode.ElideRight)  # a long translation is shortened, never hidden
            for i in range(bar.count()):
                bar.setTabToolTip(i, bar.tabText(i).replace("&", ""))  # the whole name, when shortened
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.views, 1)
        right_layout.addWidget(status)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        # The form at its natural width where it fits; it wraps its rows and scrolls where it does not.
        self.splitter.setSizes([settings.sizeHint().width() + scroll.verticalScrollBar().sizeHint().width(), 10_000])
        layout = QHBoxLayout(self)
        layout.addWidget(self.splitter)

        self.train_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.compare_button.clicked.connect(self.start_comparison)
        self.use_button.clicked.connect(self.accept_model)
        self.model_box.activated.connect(lambda i: self.state.chosen.set(self.model_box.itemData(i)))
        self.controller.busyChanged.connect(self._busy)
        self.finder.busyChanged.connect(self._finder_busy)
        self.finder.rateChosen.connect(self._use_rate)
        self.form.validityChanged.connect(lambda _: self._busy(self.controller.is_running()))
        follow(self, self.state.kind.changed, self._kind_changed)
        follow(self, self.state.run_added, self._run_added)
        follow(self, self.state.progressed, self._progressed)
        follow(self, self.state.lr_progressed, self._lr_progressed)
        follow(self, self.state.run_ended, self._run_ended)
        follow(self, self.state.chosen.changed, lambda _: self._list_models())
        follow(self, self.state.comparison.changed, lambda _: self._show_comparison())
        self._busy(False)
        self._show_status(self._status_run())
        self._show_comparison()

    # --- what the window asks ---------------------------------------------------------
    @property
    def run(self) -> TrainingRun | None:
        """The training process while a run is going, else ``None``."""
        return self.controller.run

    def cancel(self) -> None:
        """Ask the run (and a learning-rate sweep) to stop, in whatever phase it is."""
        self.finder.cancel()
        if self.controller.is_running():
            self.controller.cancel()
            self.progress_label.setText(self.tr("Cancelling…"))
            self.cancel_button.setEnabled(False)

    def model_replaced(self, kind: str) -> None:
        """Another model of ``kind`` went to work outside this tab: no run of it is "in use" any more.

        Model ▸ Back to the shipped model left the status line saying "Now in use: #7 …".
        """
        if self.state.in_use.pop(kind, None) is not None:
            self._show_status(self._status_run())
            self._list_models()

    def wait(self, ms: int = 30000) -> bool:
        """Wait for the training process and the learning-rate sweep to end (used when the window closes)."""
        return self.finder.wait(ms) and self.controller.wait(ms)

    # --- starting ---------------------------------------------------------------------
    def start(self) -> None:
        """Start a run with the form's settings."""
        plan = self._plan()
        if plan is not None:
            self.controller.start([plan])

    def start_comparison(self) -> None:
        """Transfer learning vs a CNN from scratch: two runs, same images, same epochs."""
        plan = self._plan()
        if plan is None or not isinstance(plan.config, RecognizerTrainConfig):
            return
        chosen = plan.config.backbone
        # Same epochs for both, so the comparison is fair; "auto" epochs would differ per backbone.
        config = replace(plan.config, epochs=plan.config.epochs or DEFAULT_EPOCHS["imagenet"])
        transfer = replace(config, backbone=chosen if chosen != "scratch" else "auto")
        scratch = replace(config, backbone="scratch")
        if chosen == "scratch":  # the rate set is the scratch CNN's; the head gets its own default
            transfer = replace(transfer, learning_rate=HEAD_LEARNING_RATE)
        else:
            scratch = replace(scratch, learning_rate=SCRATCH_LEARNING_RATE)
        self.controller.start(
            [
                Plan("folder", transfer, plan.folder, compared=True),
                Plan("folder", scratch, plan.folder, compared=True),
            ]
        )

    def _finder_config(self) -> DigitTrainConfig | None:
        """The form's digit settings for a learning-rate sweep; ``None`` in folder mode or with bad settings."""
        config = self.form.config()
        if self.controller.is_running() or not self.form.valid or not isinstance(config, DigitTrainConfig):
            return None
        self.state.configs["digits"].set(config)
        self.views.setCurrentWidget(self.finder)
        return config

    def _use_rate(self, rate: float) -> None:
        """The finder's suggestion goes into the form, as if typed."""
        self.form.lr.setValue(rate)
        said = self.tr("Learning rate set to {0}, as the finder suggests.")
        self.progress_label.setText(said.format(number(rate, 2)))

    def _plan(self) -> Plan | None:
        if self.controller.is_running() or self.finder.is_running() or not self.form.valid:
            return None
        kind = self.state.kind.value
        config = self.form.config()
        self.state.configs[kind].set(config)
        if kind == "digits":
            return Plan(kind, config)
        folder = self.state.data_folder.value.strip()
        if not folder:
            self.error_label.setText(self.tr("Choose a folder to train on first."))
            return None
        return Plan(kind, config, folder)

    # --- following the state ----------------------------------------------------------
    def _busy(self, busy: bool) -> None:
        finding = self.finder.is_running()
        self.train_button.setEnabled(not busy and not finding and self.form.valid)
        self.cancel_button.setEnabled(busy or finding)
        self.compare_button.setEnabled(
            not busy and not finding and self.form.valid and self.state.kind.value == "folder"
        )
        self.finder.find_button.setEnabled(
            not busy and not finding and self.form.valid and self.state.kind.value == "digits"
        )
        self.form.setEnabled(not busy and not finding)
        self._list_models()

    def _finder_busy(self, finding: bool) -> None:
        # The bar and the line under it speak of the sweep while it runs and when it ends: a sweep that
        # stopped at its overshoot once left the bar at 69% under the last run's "Finished: …".
        self.error_label.setText("")
        if finding:
            self.progress.setValue(0)  # the sweep drives the bar from here, never the last run's 100%
            self.progress_label.setText(self.tr("Finding a learning rate…"))
        else:
            found = self.state.lr_found.value
            self.progress.setValue(1000 if found is not None else 0)
            self.progress_label.setText(
                self.tr("Learning-rate sweep done: suggested rate {0}.").format(number(found.suggested, 2))
                if found is not None
                else self.finder.status.text()  # cancelled, or failed and why
            )
        self._busy(self.controller.is_running())

    def _lr_progressed(self, p: Progress) -> None:
        if p.kind == "lr":
            self.progress.setValue(round(1000 * p.fraction))

    def _kind_changed(self, kind: str) -> None:
        self._busy(self.controller.is_running())
        self._list_models()
        self._show_status(self._status_run())

    def _run_added(self, run: Run) -> None:
        self.views.setCurrentWidget(self.curves)  # a run started from another view is watched where it draws
        self.progress.setValue(0)  # never the last run's 100%
        self._bar_reading = False
        self.error_label.setText("")
        self.progress_label.setText(self.tr("Starting the training process…"))
        self._list_models()

    def _progressed(self, run: Run, p: Progress) -> None:
        if run is self.state.current.value:
            self._show_progress(p)

    def _show_progress(self, p: Progress) -> None:
        if p.kind in ("message", "features"):
            self.progress_label.setText(core_text(p.message).splitlines()[0] if p.message else "")
            if p.kind == "features" and p.batches:
                self.progress.setValue(round(1000 * p.batch / p.batches))
            elif self._bar_reading:  # the pictures are read: the next phase (training) starts from 0, not at 100%
                self.progress.setValue(0)
            self._bar_reading = p.kind == "features"
            return
        self._bar_reading = False
        self.progress.setValue(round(1000 * p.fraction))
        eta = f"{int(p.eta_s) // 60}:{int(p.eta_s) % 60:02d}"
        self.progress_label.setText(
            self.tr("epoch {0}/{1}, batch {2}/{3}, {4} examples/s, ETA {5}").format(
                p.epoch, p.epochs, p.batch, p.batches, decimal(p.examples_per_s, 0), eta
            )
        )

    def _run_ended(self, run: Run) -> None:
        if run is self.state.current.value:
            self._show_status(run)
        self._list_models()
        self._show_comparison()

    def _status_run(self) -> Run | None:
        """The run the status line is about: the current one, if it is of the kind shown."""
        current = self.state.current.value
        return current if current is not None and current.kind == self.state.kind.value else None

    def _show_status(self, run: Run | None) -> None:
        """The status line of ``run`` (also when a new tab is built over an earlier state)."""
        self.error_label.setText("")
        if run is None:
            self.progress.setValue(0)
            self.progress_label.setText(self.tr("Ready."))
        elif run.status == "running":
            if run.last_progress is not None:
                self._show_progress(run.last_progress)
        elif run.status == "finished" and self.state.in_use.get(run.kind) == run.run_id:
            self.progress.setValue(1000)
            self.progress_label.setText(self.tr("Now in use: {0}.").format(core_text(run.label())))
        elif run.status == "finished":
            self.progress.setValue(1000)
            self.progress_label.setText(
                self.tr("Finished: {0}. The model in use is unchanged until you accept this one.").format(
                    self._final_text(run)
                )
            )
        elif run.status == "cancelled":
            self.progress.setValue(0)  # not the share it had reached: nothing of it is kept
            self.progress_label.setText(self.tr("Cancelled. The model in use is unchanged."))
        else:
            self.error_label.setText(self.tr("Training failed: {0}").format(core_text(run.record.final.get("error"))))
            self.progress.setValue(0)
            self.progress_label.setText(self.tr("Failed. The model in use is unchanged."))

    def _final_text(self, run: Run) -> str:
        names = {
            "train_accuracy": self.tr("training accuracy {0}"),
            "val_accuracy": self.tr("validation accuracy {0}"),
            "test_accuracy": self.tr("test accuracy {0}"),
        }
        final = run.record.final
        parts = [names[k].format(percent(v, 2)) for k, v in final.items() if k in names and v is not None]
        parts.append(self.tr("took {0} s").format(decimal(final.get("seconds", 0.0), 1)))
        return ", ".join(parts)

    def _list_models(self) -> None:
        """Offer the finished runs of the kind being trained; the chosen one (newest by default) first picked."""
        runs = list(reversed(self.state.usable(self.state.kind.value)))
        self.model_box.clear()
        for run in runs:
            val = run.record.final.get("val_accuracy")
            score = self.tr("validation {0}").format(percent(val, 1)) if val is not None else ""
            self.model_box.addItem(f"{core_text(run.label())} {score}".strip(), run.run_id)
        index = self.model_box.findData(self.state.chosen.value)
        self.model_box.setCurrentIndex(max(index, 0) if runs else -1)
        self.use_button.setEnabled(bool(runs))
        # The box is narrow at 800×600 and a run's name long: the tooltip holds the whole name.
        tip = self.tr("The finished runs of this kind whose model can be used")
        chosen = self.model_box.currentText()
        self.model_box.setToolTip(wrapped(f"{chosen}. {tip}" if chosen else tip))

    def _show_comparison(self) -> None:
        runs = [r for r in map(self.state.run, self.state.comparison.value) if r is not None]
        if not runs or any(r.status in ("cancelled", "failed") for r in runs):
            self.compare_label.setText("")
        elif len(runs) == 2 and all(r.status == "finished" for r in runs):
            self.compare_label.setText(self._comparison_text(runs))
        else:
            epochs = runs[0].config.epochs
            text = tr_plural(
                epochs,
                self.tr("Transfer vs scratch: {0} epoch each on the same images…"),
                self.tr("Transfer vs scratch: {0} epochs each on the same images…"),
            )
            self.compare_label.setText(text.format(epochs))

    def _comparison_text(self, runs: list[Run]) -> str:
        """One line comparing the runs of a transfer-vs-scratch comparison."""
        parts = []
        for r in runs:
            backbone = r.record.final.get("backbone", r.record.settings.get("backbone"))
            if backbone != "scratch":
                name = self.tr("transfer ({0})").format(core_text(backbone_word(backbone)))
            elif r.record.settings.get("backbone") != "scratch":  # no pretrained weights here (offline)
                name = self.tr("transfer unavailable, so from scratch too")
            else:
                name = self.tr("from scratch (CNN)")
            val = r.record.final.get("val_accuracy")
            score = (
                self.tr("validation {0}").format(percent(val, 1)) if val is not None else self.tr("no validation split")
            )
            parts.append(f"{core_text(r.label())} {name}: {score}, {decimal(r.record.final.get('seconds', 0), 0)} s")
        epochs = runs[0].config.epochs
        text = tr_plural(
            epochs,
            self.tr("Transfer vs scratch, {0} epoch each on the same images: {1}"),
            self.tr("Transfer vs scratch, {0} epochs each on the same images: {1}"),
        )
        return text.format(epochs, " · ".join(parts))

    # --- using a model ----------------------------------------------------------------
    def accept_model(self) -> None:
        """Copy the chosen run's model over the one in use (atomically) and hand it to its tab."""
        run = self.state.run(self.model_box.currentData())
        source = run.model_file() if run is not None else None
        if run is None or source is None:
            return
        target = digits_in_use() if run.kind == "digits" else faces_in_use()
        try:
            copy_model(source, target)  # model and labels in one rename: never one without the other
        except (OSError, ValueError) as exc:
            logging.getLogger("digitface").exception("could not install the model of run %s", run.run_id)
            self.error_label.setText(self.tr("Could not use this model: {0}").format(error_text(exc)))
            return
        self.state.chosen.set(run.run_id)
        self.state.in_use[run.kind] = run.run_id  # the status line says so, in a rebuilt tab too
        self.progress_label.setText(self.tr("Now in use: {0}.").format(core_text(run.label())))
        self.modelAccepted.emit(run.kind, str(target))
