"""The Training tab: retrain a model with the lectures' hyperparameters and watch it learn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.i18n import core_text, error_text
from gui.pixels import DIVERGING, PixelView, to_qimage
from gui.training_run import TrainingRun
from models.digit_inspect import tile_maps
from models.model_file import copy_model
from models.paths import digits_in_use, faces_in_use
from training.configs import (
    DEFAULT_EPOCHS,
    HEAD_LEARNING_RATE,
    SCRATCH_LEARNING_RATE,
    DigitTrainConfig,
    RecognizerTrainConfig,
)
from training.curves import overfitting_epoch
from training.jobs import RunSummary, run_job
from training.run_store import RunRecord, load_runs, runs_dir

REDRAW_MS = 400
EARLIER_RUNS = 4  # kept on the plot: more and the legend hides the curves
SMOOTHING = 0.9  # exponential moving average of batch metrics: readable, still live
DIGITS = DigitTrainConfig()
FOLDER = RecognizerTrainConfig()
RUN_COLOURS = ["#2d6cdf", "#d9480f", "#2f9e44", "#ae3ec9", "#e67700", "#0c8599", "#c2255c"]


def _spin(lo: float, hi: float, value: float, step: float, decimals: int = 0, tip: str = "") -> QWidget:
    box: QSpinBox | QDoubleSpinBox
    if decimals:
        box = QDoubleSpinBox()
        box.setDecimals(decimals)
        box.setSingleStep(step)
    else:
        box = QSpinBox()
        box.setSingleStep(int(step))
    box.setRange(lo, hi)
    box.setValue(value)
    box.setToolTip(tip)
    return box


class TrainingTab(QWidget):
    """Settings on the left; live curves, progress and the after-training report on the right."""

    modelAccepted = Signal(str, str)  # kind ("digits" | "folder"), path of the model now in use

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run: TrainingRun | None = None
        self.record: RunRecord | None = None
        self.finished_record: RunRecord | None = None
        self.points_received = 0
        self._ema: dict[str, float] = {}
        self._batch_curve: dict[str, list[tuple[float, float]]] = {"loss": [], "accuracy": []}
        self._val_curve: dict[str, list[tuple[float, float]]] = {"val_loss": [], "val_accuracy": []}

        # --- what to train ---
        self.dataset_box = QComboBox()
        self.dataset_box.addItems([self.tr("Digits (MNIST)"), self.tr("Folder of images (one sub-folder per class)")])
        self.dataset_box.currentIndexChanged.connect(self._dataset_changed)
        self.folder_edit = QLineEdit()
        self.folder_edit.setPlaceholderText(self.tr("choose a folder…"))
        browse = QPushButton("…")
        browse.clicked.connect(self._pick_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        self.summary = QLabel(self.tr("MNIST: 60,000 training images of 10 digits (5,000 held out for validation)."))
        self.summary.setWordWrap(True)

        # --- hyperparameters (the lectures' knobs) ---
        self.epochs = _spin(
            1,
            500,
            DIGITS.epochs,
            1,
            tip=self.tr("Passes over the whole training set. More can learn more, or overfit."),
        )
        self.batch = _spin(
            0,
            4096,
            DIGITS.batch_size,
            16,
            tip=self.tr("Examples per gradient step. Small: noisy steps; large: smooth but fewer."),
        )
        self.batch.setSpecialValueText(self.tr("auto"))  # 0: the model's own default
        self.lr = _spin(
            1e-5,
            1.0,
            DIGITS.learning_rate,
            0.0005,
            5,
            self.tr("Step size of gradient descent. Too high diverges, too low crawls."),
        )
        self.optimizer = QComboBox()
        for label, key in (
            ("Adam", "adam"),
            ("SGD", "sgd"),
            (self.tr("SGD with momentum"), "momentum"),
            ("Adagrad", "adagrad"),
        ):
            self.optimizer.addItem(label, key)
        self.optimizer.setToolTip(
            self.tr("How the gradient becomes a step: plain SGD, SGD with momentum, Adagrad or Adam.")
        )
        self.decay = QCheckBox(self.tr("warm-up, then cosine decay"))
        self.decay.setChecked(True)
        self.decay.setToolTip(self.tr("Learning-rate decay: start gently, then shrink the steps so training settles."))
        self.dropout = _spin(
            0.0,
            0.9,
            DIGITS.dropout,
            0.05,
            2,
            self.tr("Dropout: randomly silence this share of neurons while training."),
        )
        self.l2 = _spin(
            0.0, 0.1, DIGITS.l2, 0.0001, 5, self.tr("L2 weight decay: penalise large weights to fight overfitting.")
        )
        self.smoothing = _spin(
            0.0,
            0.5,
            DIGITS.label_smoothing,
            0.05,
            2,
            self.tr(
                "Label smoothing: the target gives the true digit 1 − s and spreads s over all ten, "
                "so the network is not pushed to total certainty. The loss then cannot reach 0."
            ),
        )
        self.val_split = _spin(
            0.02,
            0.45,
            DIGITS.validation_split,
            0.01,
            3,
            self.tr("Share of the training images held out to measure overfitting."),
        )
        self.augment = QCheckBox(self.tr("augmentation"))
        self.augment.setChecked(True)
        self.augment.setToolTip(
            self.tr(
                "Show the network varied copies (rotated, shifted, thicker strokes) of each image. "
                "Folders: for CNNs that see pictures (scratch, fine-tuning), not frozen features."
            )
        )
        self.seed = _spin(
            0, 999999, DIGITS.seed, 1, tip=self.tr("Random seed: the same seed and settings give the same run.")
        )
        self.backbone = QComboBox()
        self.backbone.addItems(["auto", "face", "imagenet", "scratch"])  # as in the CLI
        self.backbone.currentTextChanged.connect(self._backbone_changed)
        self.backbone.setToolTip(
            self.tr(
                "Transfer learning: start from a pretrained feature extractor (face, imagenet) "
                "or train a small CNN from scratch."
            )
        )
        self.fine_tune = _spin(
            0, 150, 0, 5, tip=self.tr("Transfer learning: also retrain the backbone's top N layers.")
        )
        self.limit = _spin(
            0, 60000, 0, 1000, tip=self.tr("Use only the first N training images (0: all). For quick tries.")
        )

        form = QFormLayout()
        form.addRow(self.tr("Train"), self.dataset_box)
        form.addRow(self.tr("Folder"), folder_row)
        form.addRow(self.summary)
        form.addRow(self.tr("Epochs"), self.epochs)
        form.addRow(self.tr("Batch size"), self.batch)
        form.addRow(self.tr("Learning rate"), self.lr)
        form.addRow(self.tr("Optimizer"), self.optimizer)
        form.addRow(self.tr("Learning-rate decay"), self.decay)
        form.addRow(self.tr("Dropout"), self.dropout)
        form.addRow(self.tr("L2 weight decay"), self.l2)
        form.addRow(self.tr("Label smoothing"), self.smoothing)
        form.addRow(self.tr("Validation split"), self.val_split)
        form.addRow(self.tr("Augmentation"), self.augment)
        form.addRow(self.tr("Random seed"), self.seed)
        form.addRow(self.tr("Backbone"), self.backbone)
        form.addRow(self.tr("Fine-tune top layers"), self.fine_tune)
        form.addRow(self.tr("Training images"), self.limit)
        self.compare_button = QPushButton(self.tr("Transfer vs scratch"))
        self.compare_button.setToolTip(
            self.tr(
                "Train twice on the same images with the same epochs: a head on a pretrained backbone, "
                "then a CNN from scratch. Both curves and accuracies side by side."
            )
        )
        self.compare_button.clicked.connect(self.start_comparison)
        self.folder_widgets = [self.folder_edit, browse, self.backbone, self.fine_tune, self.compare_button]
        self.digits_widgets = [self.limit, self.smoothing]

        self.train_button = QPushButton(self.tr("Train"))
        self.train_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.use_button = QPushButton(self.tr("Use this model"))
        self.use_button.setEnabled(False)
        self.use_button.setToolTip(self.tr("Put the finished run's model to work in the Digits or Faces tab"))
        self.use_button.clicked.connect(self.accept_model)
        buttons = QHBoxLayout()
        for b in (self.train_button, self.cancel_button, self.use_button):
            buttons.addWidget(b)
        settings = QGroupBox(self.tr("What to train, and how"))
        left = QVBoxLayout(settings)
        left.addLayout(form)
        left.addLayout(buttons)
        left.addWidget(self.compare_button)
        left.addStretch(1)

        # --- curves and progress ---
        # Antialiased thick lines cost tens of milliseconds a paint on a busy 2-core CPU; plain ones a few.
        pg.setConfigOptions(antialias=False, background="w", foreground="k")
        self.loss_plot = pg.PlotWidget(title=self.tr("Loss"))
        self.acc_plot = pg.PlotWidget(title=self.tr("Accuracy"))
        for plot in (self.loss_plot, self.acc_plot):
            plot.setLabel("bottom", self.tr("epoch"))
            plot.showGrid(x=False, y=True, alpha=0.2)
            plot.addLegend(offset=(-5, 5), labelTextSize="8pt", brush=pg.mkBrush(255, 255, 255, 210))
        self.show_earlier = QCheckBox(self.tr("Show earlier runs"))
        self.show_earlier.setChecked(True)
        self.show_earlier.toggled.connect(self._draw_earlier)
        self._earlier_items: dict[str, list[tuple[Any, Any]]] = {}  # run id → its (plot, curve) pairs
        self._live_items: dict[str, Any] = {}
        self._overfit_items: list[Any] = []
        # Curves are redrawn at most this often: smooth to watch, and the window stays responsive.
        self._dirty = False
        self._redraw_timer = QTimer(self, interval=REDRAW_MS)
        self._redraw_timer.timeout.connect(self._redraw_live)
        self.overfit_label = QLabel()
        self.overfit_label.setWordWrap(True)
        self.overfit_label.setStyleSheet("color: #d9480f")
        self.filters_view = PixelView(
            4, self.tr("The first layer's filters (blue: negative, red: positive weights)"), fit=QSize(220, 160)
        )
        self.filters_view.set_image(None)
        self.filters_label = QLabel(self.tr("First-layer filters, as they learn"))
        self.filters_label.setWordWrap(True)
        self.filters_label.setMaximumWidth(230)
        self._queue: list[dict[str, Any]] = []  # runs still to start (transfer vs scratch)
        self._comparison: list[RunRecord] | None = None
        self.compare_label = QLabel()
        self.compare_label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress_label = QLabel(self.tr("Ready."))
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.setWordWrap(True)

        # --- after training ---
        self.per_class = QTableWidget(0, 2)
        self.per_class.setHorizontalHeaderLabels([self.tr("class"), self.tr("accuracy")])
        self.confusion = QTableWidget()
        self.confusion.setToolTip(self.tr("Rows: the true class. Columns: what the model said."))
        self.gallery = QListWidget()
        self.gallery.setViewMode(QListWidget.ViewMode.IconMode)
        self.gallery.setIconSize(QSize(84, 84))
        self.gallery.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.report_tabs = QTabWidget()
        self.report_tabs.addTab(self.per_class, self.tr("Per class"))
        self.report_tabs.addTab(self.confusion, self.tr("Confusion matrix"))
        self.report_tabs.addTab(self.gallery, self.tr("Mistakes"))

        filters = QVBoxLayout()
        filters.addWidget(self.filters_label)
        filters.addWidget(self.filters_view)
        filters.addStretch(1)
        plots = QHBoxLayout()
        plots.addWidget(self.loss_plot)
        plots.addWidget(self.acc_plot)
        plots.addLayout(filters)
        right = QVBoxLayout()
        right.addLayout(plots, 3)
        right.addWidget(self.overfit_label)
        right.addWidget(self.compare_label)
        right.addWidget(self.show_earlier)
        right.addWidget(self.progress)
        right.addWidget(self.progress_label)
        right.addWidget(self.error_label)
        right.addWidget(self.report_tabs, 2)
        layout = QHBoxLayout(self)
        layout.addWidget(settings)
        layout.addLayout(right, 1)

        self.earlier: list[RunRecord] = [r for r in load_runs() if r.status == "finished"][-EARLIER_RUNS:]
        self._dataset_changed(0)
        self._sync_earlier()

    # --- settings ---------------------------------------------------------------------
    def _dataset_changed(self, index: int) -> None:
        digits = index == 0
        for w in self.folder_widgets:
            w.setEnabled(not digits)
        for w in self.digits_widgets:
            w.setEnabled(digits)
        if digits:
            self.summary.setText(
                self.tr("MNIST: 60,000 training images of 10 digits (a share held out for validation).")
            )
            self._set_defaults(DIGITS)
        else:
            self._set_defaults(FOLDER)
            self._backbone_changed(self.backbone.currentText())
            self._summarise_folder()

    def _set_defaults(self, config: DigitTrainConfig | RecognizerTrainConfig) -> None:
        self.batch.setValue(config.batch_size or 0)
        self.optimizer.setCurrentIndex(self.optimizer.findData(config.optimizer))
        self.decay.setChecked(config.lr_decay)
        self.dropout.setValue(config.dropout)
        self.l2.setValue(config.l2)
        self.val_split.setValue(config.validation_split)
        self.augment.setChecked(config.augment)
        if isinstance(config, DigitTrainConfig):
            self.epochs.setValue(config.epochs)
            self.lr.setValue(config.learning_rate)
            self.smoothing.setValue(config.label_smoothing)

    def _backbone_changed(self, backbone: str) -> None:
        """A folder run's epochs and learning rate follow the backbone (see RecognizerTrainConfig)."""
        if self.dataset_box.currentIndex() == 0:
            return
        self.epochs.setValue(DEFAULT_EPOCHS["face" if backbone == "auto" else backbone])
        self.lr.setValue(SCRATCH_LEARNING_RATE if backbone == "scratch" else HEAD_LEARNING_RATE)

    def _pick_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Folder with one sub-folder per class"))
        if path:
            self.folder_edit.setText(path)
            self._summarise_folder()

    def _summarise_folder(self) -> None:
        from training.folder_dataset import scan_folder

        text = self.folder_edit.text().strip()
        if not text:
            self.summary.setText(self.tr("Choose a folder with one sub-folder of images per class."))
            return
        try:
            dataset = scan_folder(text)
        except (OSError, ValueError) as exc:
            self.summary.setText(self.tr("Not usable: {0}").format(error_text(exc)))
            return
        warnings = [self.tr("warning: {0}").format(core_text(w)) for w in dataset.warnings()]
        self.summary.setText("\n".join([dataset.summary(core_text), *warnings]))

    def settings(self) -> dict[str, Any]:
        """The chosen hyperparameters."""
        return {
            "epochs": self.epochs.value(),
            "batch_size": self.batch.value() or (DIGITS.batch_size if self.dataset_box.currentIndex() == 0 else None),
            "learning_rate": self.lr.value(),
            "optimizer": self.optimizer.currentData(),
            "lr_decay": self.decay.isChecked(),
            "dropout": self.dropout.value(),
            "l2": self.l2.value(),
            "label_smoothing": self.smoothing.value(),
            "validation_split": self.val_split.value(),
            "augment": self.augment.isChecked(),
            "seed": self.seed.value(),
            "backbone": self.backbone.currentText(),
            "fine_tune_layers": self.fine_tune.value(),
            "limit": self.limit.value() or None,
        }

    # --- running ----------------------------------------------------------------------
    def start(self) -> None:
        """Start a run with the current settings in a training process."""
        if self.run is not None:
            return
        self._queue.clear()
        self._comparison = None
        self.compare_label.setText("")
        s = self._settings_to_run()
        if s is not None:
            self._launch(s)

    def start_comparison(self) -> None:
        """Transfer learning vs a CNN from scratch: two runs, same images, same epochs."""
        if self.run is not None:
            return
        s = self._settings_to_run()
        if s is None:
            return
        chosen = s["backbone"]
        transfer = dict(s, backbone=chosen if chosen != "scratch" else "auto")
        scratch = dict(s, backbone="scratch")
        if chosen == "scratch":  # the rate set above is the scratch CNN's; the head gets its own default
            transfer["learning_rate"] = HEAD_LEARNING_RATE
        else:
            scratch["learning_rate"] = SCRATCH_LEARNING_RATE
        self._queue = [scratch]
        self._comparison = []
        self.compare_label.setText(
            self.tr("Transfer vs scratch: {0} epochs each on the same images…").format(s["epochs"])
        )
        self._launch(transfer)

    def _settings_to_run(self) -> dict[str, Any] | None:
        s = self.settings()
        if self.dataset_box.currentIndex() != 0:
            folder = self.folder_edit.text().strip()
            if not folder:
                self.error_label.setText(self.tr("Choose a folder to train on first."))
                return None
            s["folder"] = folder
        return s

    def _launch(self, s: dict[str, Any]) -> None:
        kind = "folder" if "folder" in s else "digits"
        self.record = RunRecord.new(kind, s)
        out = runs_dir() / f"{self.record.run_id}.keras"
        self.record.model_path = str(out)
        self.record.save()

        self._reset_live()
        self.error_label.setText("")
        self.progress_label.setText(self.tr("Starting the training process…"))
        self.use_button.setEnabled(False)
        self.train_button.setEnabled(False)
        self.compare_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.run = TrainingRun(run_job, kind, s, str(out))
        self.run.progress.connect(self._progress)
        self.run.succeeded.connect(self._succeeded)
        self.run.cancelled.connect(self._cancelled)
        self.run.failed.connect(self._failed)
        self.run.finished.connect(self._run_done)
        self.run.start()
        self._redraw_timer.start()

    def cancel(self) -> None:
        """Ask the run to stop; it ends at the next batch."""
        if self.run is not None:
            self.run.cancel()
            self.progress_label.setText(self.tr("Cancelling…"))
            self.cancel_button.setEnabled(False)

    def wait(self, ms: int = 30000) -> bool:
        """Wait for the training process to end (used when the window closes)."""
        return self.run.wait(ms) if self.run is not None else True

    def _run_done(self) -> None:
        self._redraw_live()  # the last points
        self._redraw_timer.stop()
        self.run = None
        if self._queue and self.record is not None and self.record.status == "finished":
            self._launch(self._queue.pop(0))  # the next run of a comparison
            return
        self._queue.clear()
        self.train_button.setEnabled(True)
        self.compare_button.setEnabled(self.dataset_box.currentIndex() != 0)
        self.cancel_button.setEnabled(False)

    def _progress(self, p: Any) -> None:
        if p.filters is not None:
            self._show_filters(p.filters)
        if p.kind in ("message", "features"):
            self.progress_label.setText(core_text(p.message).splitlines()[0])
            if p.kind == "features" and p.batches:
                self.progress.setValue(round(1000 * p.batch / p.batches))
            return
        x = p.epoch - 1 + p.batch / max(p.batches, 1)
        self.progress.setValue(round(1000 * p.fraction))
        eta = f"{int(p.eta_s) // 60}:{int(p.eta_s) % 60:02d}"
        self.progress_label.setText(
            self.tr("epoch {0}/{1}, batch {2}/{3}, {4:.0f} examples/s, ETA {5}").format(
                p.epoch, p.epochs, p.batch, p.batches, p.examples_per_s, eta
            )
        )
        for key in ("loss", "accuracy"):
            if key in p.logs and p.kind == "batch":
                previous = self._ema.get(key, p.logs[key])
                self._ema[key] = SMOOTHING * previous + (1 - SMOOTHING) * p.logs[key]
                self._batch_curve[key].append((x, self._ema[key]))
                self.points_received += 1
        if p.kind == "epoch":  # a protocol word from training.progress, never translated
            assert self.record is not None
            self.record.epochs.append(p.logs)
            for key in ("val_loss", "val_accuracy"):
                if key in p.logs:
                    self._val_curve[key].append((float(p.epoch), p.logs[key]))
                    self.points_received += 1
            self._mark_overfitting()
            self._fit_y(tighten=True)
        self._dirty = True  # drawn by the redraw timer, a few times a second

    def _show_filters(self, kernel: np.ndarray) -> None:
        """Redraw the first layer's filters (height, width, inputs, filters), colour inputs averaged."""
        maps = kernel.mean(axis=2)  # (h, w, filters)
        limit = float(np.abs(maps).max()) or 1.0
        columns = max(1, min(maps.shape[2], 8))
        grid = (tile_maps(maps, columns, scale_each=False) / limit + 1) / 2
        self.filters_view.set_image(to_qimage(grid, DIVERGING))
        h, w, inputs, count = kernel.shape
        self.filters_label.setText(self.tr("First-layer filters, as they learn: {0} of {1}×{2}").format(count, h, w))

    def _mark_overfitting(self) -> None:
        """A line where validation loss starts rising while training loss falls, and why it matters."""
        for plot, item in self._overfit_items:
            plot.removeItem(item)
        self._overfit_items.clear()
        epochs = self.record.epochs if self.record else []
        epoch = overfitting_epoch([e.get("loss", np.nan) for e in epochs], [e.get("val_loss", np.nan) for e in epochs])
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
            self._overfit_items.append((plot, line))
        self.overfit_label.setText(
            self.tr(
                "Overfitting after epoch {0}: validation loss rises while training loss keeps falling, so the "
                "network is memorising the training images instead of learning. Stop there, or add dropout, L2 or "
                "augmentation."
            ).format(epoch)
        )

    def _succeeded(self, result: RunSummary) -> None:
        record = self.record
        assert record is not None
        record.status = "finished"
        record.final = result.final
        record.save()
        self.finished_record = record
        self.earlier = (self.earlier + [record])[-EARLIER_RUNS:]
        self.progress.setValue(1000)
        names = {
            "train_accuracy": self.tr("training accuracy {0:.2f}%"),
            "val_accuracy": self.tr("validation accuracy {0:.2f}%"),
            "test_accuracy": self.tr("test accuracy {0:.2f}%"),
        }
        summary = [names[k].format(100 * v) for k, v in record.final.items() if k in names and v is not None]
        summary.append(self.tr("took {0:.1f} s").format(record.final.get("seconds", 0.0)))
        self.progress_label.setText(
            self.tr("Finished: {0}. The model in use is unchanged until you accept this one.").format(
                ", ".join(summary)
            )
        )
        self.use_button.setEnabled(True)
        self._show_report(result)
        self._sync_earlier()
        if self._comparison is not None:
            self._comparison.append(record)
            if not self._queue:
                self.compare_label.setText(self._comparison_text(self._comparison))

    def _cancelled(self) -> None:
        self._queue.clear()
        self._end_record("cancelled")
        self.progress_label.setText(self.tr("Cancelled. The model in use is unchanged."))

    def _failed(self, message: str) -> None:
        self._queue.clear()
        self._end_record("failed", str(message))
        self.error_label.setText(self.tr("Training failed: {0}").format(core_text(message)))
        self.progress_label.setText(self.tr("Failed. The model in use is unchanged."))

    def _end_record(self, status: str, error: str = "") -> None:
        if self.record is not None:
            self.record.status = status
            if error:
                self.record.final = {"error": error}
            self.record.save()

    def accept_model(self) -> None:
        """Copy the finished run's model over the one in use (atomically) and hand it to its tab."""
        record = self.finished_record
        if record is None or not record.model_path:
            return
        source = Path(record.model_path)
        target = digits_in_use() if record.kind == "digits" else faces_in_use()
        try:
            copy_model(source, target)  # model and labels in one rename: never one without the other
        except (OSError, ValueError) as exc:
            self.error_label.setText(self.tr("Could not use this model: {0}").format(error_text(exc)))
            return
        self.progress_label.setText(self.tr("Now in use: {0}.").format(record.label() or record.run_id))
        self.modelAccepted.emit(record.kind, str(target))

    def _comparison_text(self, records: list[RunRecord]) -> str:
        """One line comparing the runs of a transfer-vs-scratch comparison."""
        parts = []
        for r in records:
            backbone = r.final.get("backbone", r.settings.get("backbone"))
            if backbone != "scratch":
                name = self.tr("transfer ({0})").format(backbone)
            elif r.settings.get("backbone") != "scratch":  # no pretrained weights here (offline)
                name = self.tr("transfer unavailable, so from scratch too")
            else:
                name = self.tr("from scratch (CNN)")
            val = r.final.get("val_accuracy")
            score = (
                self.tr("validation {0:.1f}%").format(100 * val) if val is not None else self.tr("no validation split")
            )
            parts.append(f"{name}: {score}, {r.final.get('seconds', 0):.0f} s")
        epochs = records[0].settings.get("epochs") if records else "?"
        return self.tr("Transfer vs scratch, {0} epochs each on the same images: {1}").format(epochs, " · ".join(parts))

    # --- drawing ----------------------------------------------------------------------
    def _reset_live(self) -> None:
        self._ema.clear()
        self.overfit_label.setText("")
        for plot, item in self._overfit_items:
            plot.removeItem(item)
        self._overfit_items.clear()
        self.points_received = 0
        for curve in (*self._batch_curve.values(), *self._val_curve.values()):
            curve.clear()
        for key, item in self._live_items.items():
            (self.loss_plot if "loss" in key else self.acc_plot).removeItem(item)  # curve and legend entry
        # The whole run's epochs from the start: the x axis never re-lays out while curves grow.
        epochs = max(1, int((self.record.settings if self.record else {}).get("epochs") or 1))
        for plot in (self.loss_plot, self.acc_plot):
            plot.setXRange(0, epochs, padding=0.02)
            plot.enableAutoRange(x=False, y=False)  # y follows the data in steps: see _fit_y
        self._y_ranges: dict[str, tuple[float, float]] = {}
        self._live_items = {
            "loss": self.loss_plot.plot(pen=pg.mkPen("#1b1f3b", width=2), name=self.tr("training (this run)")),
            "val_loss": self.loss_plot.plot(
                pen=pg.mkPen("#e03131", width=2),
                symbol="o",
                symbolSize=6,
                symbolBrush="#e03131",
                name=self.tr("validation (this run)"),
            ),
            "accuracy": self.acc_plot.plot(pen=pg.mkPen("#1b1f3b", width=2), name=self.tr("training (this run)")),
            "val_accuracy": self.acc_plot.plot(
                pen=pg.mkPen("#e03131", width=2),
                symbol="o",
                symbolSize=6,
                symbolBrush="#e03131",
                name=self.tr("validation (this run)"),
            ),
        }
        self._sync_earlier()

    def _redraw_live(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        for key, points in (*self._batch_curve.items(), *self._val_curve.items()):
            if points and key in self._live_items:
                xy = np.asarray(points)
                self._live_items[key].setData(xy[:, 0], xy[:, 1])
        self._fit_y()

    def _fit_y(self, tighten: bool = False) -> None:
        """Widen a plot's y range when the data leaves it; tighten it only at the end of an epoch.

        Every range change re-lays out the axis, one of the costliest paints, so the
        range moves a few times per run instead of with every batch.
        """
        for name, plot, keys in (
            ("loss", self.loss_plot, ("loss", "val_loss")),
            ("accuracy", self.acc_plot, ("accuracy", "val_accuracy")),
        ):
            values = [v for key in keys for _, v in {**self._batch_curve, **self._val_curve}[key]]
            values = [v for v in values if np.isfinite(v)]
            if not values:
                continue
            low, high = min(values), max(values)
            if name == "accuracy":
                low, high = max(0.0, low - 0.02), min(1.0, high + 0.01)
            else:
                low, high = 0.0, high * 1.05
            current = self._y_ranges.get(name)
            if current is None or low < current[0] or high > current[1] or tighten:
                self._y_ranges[name] = (low, high)
                plot.setYRange(low, high, padding=0)

    def _draw_earlier(self) -> None:
        """Redraw every earlier run (the "Show earlier runs" box was toggled)."""
        for run_id in list(self._earlier_items):
            self._remove_earlier(run_id)
        self._sync_earlier()

    def _sync_earlier(self) -> None:
        """Add the earlier runs not drawn yet and remove those dropped; legend changes are slow, so only those."""
        shown = [r for r in self.earlier if r is not self.record and r.epochs] if self.show_earlier.isChecked() else []
        wanted = {r.run_id for r in shown}
        for run_id in [k for k in self._earlier_items if k not in wanted]:
            self._remove_earlier(run_id)
        for run in shown:
            if run.run_id in self._earlier_items:
                continue
            colour = QColor(RUN_COLOURS[self.earlier.index(run) % len(RUN_COLOURS)])
            epochs = np.arange(1, len(run.epochs) + 1)
            name = self.tr("earlier: {0}").format(run.label())
            items = []
            for plot, key in ((self.loss_plot, "val_loss"), (self.acc_plot, "val_accuracy")):
                ys = [e.get(key, np.nan) for e in run.epochs]
                item = plot.plot(epochs, ys, pen=pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine), name=name)
                items.append((plot, item))
            self._earlier_items[run.run_id] = items

    def _remove_earlier(self, run_id: str) -> None:
        for plot, item in self._earlier_items.pop(run_id, []):
            plot.removeItem(item)  # the curve and its legend entry

    def _show_report(self, result: RunSummary) -> None:
        from training.evaluation import class_report

        classes = result.classes
        self.gallery.clear()
        if len(result.val_labels) == 0:
            self.per_class.setRowCount(1)
            self.per_class.setItem(0, 0, QTableWidgetItem(self.tr("no validation images")))
            self.per_class.setItem(0, 1, QTableWidgetItem(self.tr("every class needs at least 5 images for a split")))
            self.confusion.setRowCount(0)
            self.confusion.setColumnCount(0)
            return
        report = class_report(result.val_labels, result.val_probabilities, classes)
        self.per_class.setRowCount(len(classes))
        for i, (name, acc) in enumerate(report.per_class_accuracy.items()):
            self.per_class.setItem(i, 0, QTableWidgetItem(name))
            self.per_class.setItem(i, 1, QTableWidgetItem("-" if acc is None else f"{100 * acc:.2f}%"))
        n = len(classes)
        self.confusion.setRowCount(n)
        self.confusion.setColumnCount(n)
        self.confusion.setHorizontalHeaderLabels([self.tr("said {0}").format(c) for c in classes])
        self.confusion.setVerticalHeaderLabels([self.tr("is {0}").format(c) for c in classes])
        peak = max(1, int(report.confusion.max()))
        for r in range(n):
            for c in range(n):
                value = int(report.confusion[r, c])
                item = QTableWidgetItem(str(value))
                strength = value / peak if r == c else min(1.0, 20 * value / peak)
                base = (47, 158, 68) if r == c else (224, 49, 49)
                item.setBackground(QColor(*base, int(30 + 170 * strength) if value else 0))
                self.confusion.setItem(r, c, item)
        self.confusion.resizeColumnsToContents()
        for k, index in enumerate(result.mistakes):
            if result.examples is not None:
                pixels = np.ascontiguousarray(result.examples[k])
                h, w = pixels.shape
                pixmap = QPixmap.fromImage(QImage(pixels.data, w, h, w, QImage.Format.Format_Grayscale8).copy())
            else:
                pixmap = QPixmap(result.example_paths[k])
            icon = QIcon(pixmap.scaled(84, 84, Qt.AspectRatioMode.KeepAspectRatio) if not pixmap.isNull() else pixmap)
            said, confidence = classes[report.predicted[index]], report.confidence[index]
            text = self.tr("is {0}, said {1} ({2:.0f}%)").format(
                classes[result.val_labels[index]], said, 100 * confidence
            )
            self.gallery.addItem(QListWidgetItem(icon, text))
