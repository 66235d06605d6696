"""The Training tab: retrain a model with the lectures' hyperparameters and watch it learn."""

from __future__ import annotations

import shutil
from dataclasses import fields
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt, Signal
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

from gui.training_thread import TrainingThread
from models.paths import digits_in_use, faces_in_use
from training.run_store import RunRecord, load_runs, runs_dir

SMOOTHING = 0.9  # exponential moving average of batch metrics: readable, still live
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
        self.thread: TrainingThread | None = None
        self.record: RunRecord | None = None
        self.finished_record: RunRecord | None = None
        self.points_received = 0
        self._ema: dict[str, float] = {}
        self._batch_curve: dict[str, list[tuple[float, float]]] = {"loss": [], "accuracy": []}
        self._val_curve: dict[str, list[tuple[float, float]]] = {"val_loss": [], "val_accuracy": []}

        # --- what to train ---
        self.dataset_box = QComboBox()
        self.dataset_box.addItems(["Digits (MNIST)", "Folder of images (one sub-folder per class)"])
        self.dataset_box.currentIndexChanged.connect(self._dataset_changed)
        self.folder_edit = QLineEdit()
        self.folder_edit.setPlaceholderText("choose a folder…")
        browse = QPushButton("…")
        browse.clicked.connect(self._pick_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        self.summary = QLabel("MNIST: 60,000 training images of 10 digits (5,000 held out for validation).")
        self.summary.setWordWrap(True)

        # --- hyperparameters (the lectures' knobs) ---
        self.epochs = _spin(1, 200, 14, 1, tip="Passes over the whole training set. More can learn more, or overfit.")
        self.batch = _spin(
            1, 4096, 128, 16, tip="Examples per gradient step. Small: noisy steps; large: smooth but fewer."
        )
        self.lr = _spin(
            1e-5, 1.0, 0.002, 0.0005, 5, "Step size of gradient descent. Too high diverges, too low crawls."
        )
        self.optimizer = QComboBox()
        for label, key in (("Adam", "adam"), ("SGD", "sgd"), ("SGD with momentum", "momentum"), ("Adagrad", "adagrad")):
            self.optimizer.addItem(label, key)
        self.optimizer.setToolTip("How the gradient becomes a step: plain SGD, SGD with momentum, Adagrad or Adam.")
        self.decay = QCheckBox("warm-up, then cosine decay")
        self.decay.setChecked(True)
        self.decay.setToolTip("Learning-rate decay: start gently, then shrink the steps so training settles.")
        self.dropout = _spin(0.0, 0.9, 0.3, 0.05, 2, "Dropout: randomly silence this share of neurons while training.")
        self.l2 = _spin(0.0, 0.1, 0.0, 0.0001, 5, "L2 weight decay: penalise large weights to fight overfitting.")
        self.val_split = _spin(
            0.02, 0.45, 0.083, 0.01, 3, "Share of the training images held out to measure overfitting."
        )
        self.augment = QCheckBox("augmentation")
        self.augment.setChecked(True)
        self.augment.setToolTip("Show the network varied copies (rotated, shifted, thicker strokes) of each image.")
        self.seed = _spin(0, 999999, 1, 1, tip="Random seed: the same seed and settings give the same run.")
        self.backbone = QComboBox()
        self.backbone.addItems(["auto", "face", "imagenet", "scratch"])
        self.backbone.setToolTip(
            "Transfer learning: start from a pretrained feature extractor (face, imagenet) "
            "or train a small CNN from scratch."
        )
        self.fine_tune = _spin(0, 150, 0, 5, tip="Transfer learning: also retrain the backbone's top N layers.")
        self.limit = _spin(0, 60000, 0, 1000, tip="Use only the first N training images (0: all). For quick tries.")

        form = QFormLayout()
        form.addRow("Train", self.dataset_box)
        form.addRow("Folder", folder_row)
        form.addRow(self.summary)
        form.addRow("Epochs", self.epochs)
        form.addRow("Batch size", self.batch)
        form.addRow("Learning rate", self.lr)
        form.addRow("Optimizer", self.optimizer)
        form.addRow("Learning-rate decay", self.decay)
        form.addRow("Dropout", self.dropout)
        form.addRow("L2 weight decay", self.l2)
        form.addRow("Validation split", self.val_split)
        form.addRow("Augmentation", self.augment)
        form.addRow("Random seed", self.seed)
        form.addRow("Backbone", self.backbone)
        form.addRow("Fine-tune top layers", self.fine_tune)
        form.addRow("Training images", self.limit)
        self.folder_widgets = [self.folder_edit, browse, self.backbone, self.fine_tune]
        self.digits_widgets = [self.optimizer, self.decay, self.dropout, self.l2, self.augment, self.limit]

        self.train_button = QPushButton("Train")
        self.train_button.clicked.connect(self.start)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.use_button = QPushButton("Use this model")
        self.use_button.setEnabled(False)
        self.use_button.setToolTip("Put the finished run's model to work in the Digits or Faces tab")
        self.use_button.clicked.connect(self.accept_model)
        buttons = QHBoxLayout()
        for b in (self.train_button, self.cancel_button, self.use_button):
            buttons.addWidget(b)
        settings = QGroupBox("What to train, and how")
        left = QVBoxLayout(settings)
        left.addLayout(form)
        left.addLayout(buttons)
        left.addStretch(1)

        # --- curves and progress ---
        pg.setConfigOptions(antialias=True, background="w", foreground="k")
        self.loss_plot = pg.PlotWidget(title="Loss")
        self.acc_plot = pg.PlotWidget(title="Accuracy")
        for plot in (self.loss_plot, self.acc_plot):
            plot.setLabel("bottom", "epoch")
            plot.showGrid(x=True, y=True, alpha=0.2)
            plot.addLegend(offset=(-10, 10))
        self.show_earlier = QCheckBox("Show earlier runs")
        self.show_earlier.setChecked(True)
        self.show_earlier.toggled.connect(self._draw_earlier)
        self._earlier_items: list[Any] = []
        self._live_items: dict[str, Any] = {}
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress_label = QLabel("Ready.")
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.setWordWrap(True)

        # --- after training ---
        self.per_class = QTableWidget(0, 2)
        self.per_class.setHorizontalHeaderLabels(["class", "accuracy"])
        self.confusion = QTableWidget()
        self.confusion.setToolTip("Rows: the true class. Columns: what the model said.")
        self.gallery = QListWidget()
        self.gallery.setViewMode(QListWidget.ViewMode.IconMode)
        self.gallery.setIconSize(QSize(84, 84))
        self.gallery.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.report_tabs = QTabWidget()
        self.report_tabs.addTab(self.per_class, "Per class")
        self.report_tabs.addTab(self.confusion, "Confusion matrix")
        self.report_tabs.addTab(self.gallery, "Mistakes")

        plots = QHBoxLayout()
        plots.addWidget(self.loss_plot)
        plots.addWidget(self.acc_plot)
        right = QVBoxLayout()
        right.addLayout(plots, 3)
        right.addWidget(self.show_earlier)
        right.addWidget(self.progress)
        right.addWidget(self.progress_label)
        right.addWidget(self.error_label)
        right.addWidget(self.report_tabs, 2)
        layout = QHBoxLayout(self)
        layout.addWidget(settings)
        layout.addLayout(right, 1)

        self.earlier: list[RunRecord] = [r for r in load_runs() if r.status == "finished"][-6:]
        self._dataset_changed(0)
        self._draw_earlier()

    # --- settings ---------------------------------------------------------------------
    def _dataset_changed(self, index: int) -> None:
        digits = index == 0
        for w in self.folder_widgets:
            w.setEnabled(not digits)
        for w in self.digits_widgets:
            w.setEnabled(digits)
        if digits:
            self.summary.setText("MNIST: 60,000 training images of 10 digits (a share held out for validation).")
            self.epochs.setValue(14)
            self.lr.setValue(0.002)
        else:
            self.epochs.setValue(150 if self.backbone.currentText() in ("auto", "face") else 40)
            self.lr.setValue(0.01)
            self._summarise_folder()

    def _pick_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Folder with one sub-folder per class")
        if path:
            self.folder_edit.setText(path)
            self._summarise_folder()

    def _summarise_folder(self) -> None:
        from training.folder_dataset import scan_folder

        text = self.folder_edit.text().strip()
        if not text:
            self.summary.setText("Choose a folder with one sub-folder of images per class.")
            return
        try:
            dataset = scan_folder(text)
        except (OSError, ValueError) as exc:
            self.summary.setText(f"Not usable: {exc}")
            return
        warnings = "".join(f"\nwarning: {w}" for w in dataset.warnings())
        self.summary.setText(dataset.summary() + warnings)

    def settings(self) -> dict[str, Any]:
        """The chosen hyperparameters."""
        return {
            "epochs": self.epochs.value(),
            "batch_size": self.batch.value(),
            "learning_rate": self.lr.value(),
            "optimizer": self.optimizer.currentData(),
            "lr_decay": self.decay.isChecked(),
            "dropout": self.dropout.value(),
            "l2": self.l2.value(),
            "validation_split": self.val_split.value(),
            "augment": self.augment.isChecked(),
            "seed": self.seed.value(),
            "backbone": self.backbone.currentText(),
            "fine_tune_layers": self.fine_tune.value(),
            "limit": self.limit.value() or None,
        }

    # --- running ----------------------------------------------------------------------
    def start(self) -> None:
        """Start a run with the current settings in a worker thread."""
        if self.thread is not None:
            return
        s = self.settings()
        digits = self.dataset_box.currentIndex() == 0
        kind = "digits" if digits else "folder"
        if not digits:
            folder = self.folder_edit.text().strip()
            if not folder:
                self.error_label.setText("Choose a folder to train on first.")
                return
            s["folder"] = folder
        self.record = RunRecord.new(kind, s)
        out = runs_dir() / f"{self.record.run_id}.keras"
        self.record.model_path = str(out)
        self.record.save()
        job = _digits_job(s, out) if digits else _folder_job(s, out)

        self._reset_live()
        self.error_label.setText("")
        self.progress_label.setText("Starting…")
        self.use_button.setEnabled(False)
        self.train_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.thread = TrainingThread(job)
        self.thread.progress.connect(self._progress)
        self.thread.succeeded.connect(self._succeeded)
        self.thread.cancelled.connect(self._cancelled)
        self.thread.failed.connect(self._failed)
        self.thread.finished.connect(self._thread_done)
        self.thread.start()

    def cancel(self) -> None:
        """Ask the run to stop; it ends at the next batch."""
        if self.thread is not None:
            self.thread.cancel()
            self.progress_label.setText("Cancelling…")
            self.cancel_button.setEnabled(False)

    def wait(self, ms: int = 30000) -> bool:
        """Wait for the worker to end (used when the window closes)."""
        return self.thread.wait(ms) if self.thread is not None else True

    def _thread_done(self) -> None:
        self.thread = None
        self.train_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _progress(self, p: Any) -> None:
        if p.kind in ("message", "features"):
            self.progress_label.setText(p.message.splitlines()[0])
            if p.kind == "features" and p.batches:
                self.progress.setValue(round(1000 * p.batch / p.batches))
            return
        x = p.epoch - 1 + p.batch / max(p.batches, 1)
        self.progress.setValue(round(1000 * p.fraction))
        eta = f"{int(p.eta_s) // 60}:{int(p.eta_s) % 60:02d}"
        self.progress_label.setText(
            f"epoch {p.epoch}/{p.epochs}, batch {p.batch}/{p.batches}, {p.examples_per_s:.0f} examples/s, ETA {eta}"
        )
        for key in ("loss", "accuracy"):
            if key in p.logs and p.kind == "batch":
                previous = self._ema.get(key, p.logs[key])
                self._ema[key] = SMOOTHING * previous + (1 - SMOOTHING) * p.logs[key]
                self._batch_curve[key].append((x, self._ema[key]))
                self.points_received += 1
        if p.kind == "epoch":
            assert self.record is not None
            self.record.epochs.append(p.logs)
            for key in ("val_loss", "val_accuracy"):
                if key in p.logs:
                    self._val_curve[key].append((float(p.epoch), p.logs[key]))
                    self.points_received += 1
        self._redraw_live()

    def _succeeded(self, result: Any) -> None:
        record = self.record
        assert record is not None
        record.status = "finished"
        record.final = _final_metrics(result)
        record.save()
        self.finished_record = record
        self.earlier = (self.earlier + [record])[-6:]
        self.progress.setValue(1000)
        summary = ", ".join(
            f"took {v:.1f} s" if k == "seconds" else f"{k.replace('_', ' ')} {100 * v:.2f}%"
            for k, v in record.final.items()
            if isinstance(v, float)
        )
        self.progress_label.setText(f"Finished: {summary}. The model in use is unchanged until you accept this one.")
        self.use_button.setEnabled(True)
        self._show_report(result)
        self._draw_earlier()

    def _cancelled(self) -> None:
        self._end_record("cancelled")
        self.progress_label.setText("Cancelled. The model in use is unchanged.")

    def _failed(self, message: str) -> None:
        self._end_record("failed", message)
        self.error_label.setText(f"Training failed: {message}")
        self.progress_label.setText("Failed. The model in use is unchanged.")

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
        target.parent.mkdir(parents=True, exist_ok=True)
        for src, dst in ((source.with_suffix(".json"), target.with_suffix(".json")), (source, target)):
            tmp = dst.with_name(f".{dst.name}.tmp")
            shutil.copyfile(src, tmp)
            tmp.replace(dst)
        self.progress_label.setText(f"Now in use: {record.label() or record.run_id}.")
        self.modelAccepted.emit(record.kind, str(target))

    # --- drawing ----------------------------------------------------------------------
    def _reset_live(self) -> None:
        self._ema.clear()
        self.points_received = 0
        for curve in (*self._batch_curve.values(), *self._val_curve.values()):
            curve.clear()
        for item in self._live_items.values():
            item.getViewBox().removeItem(item) if item.getViewBox() else None
        for plot in (self.loss_plot, self.acc_plot):
            plot.plotItem.legend.clear()
        self._live_items = {
            "loss": self.loss_plot.plot(pen=pg.mkPen("#1b1f3b", width=2), name="training (this run)"),
            "val_loss": self.loss_plot.plot(
                pen=pg.mkPen("#e03131", width=2),
                symbol="o",
                symbolSize=6,
                symbolBrush="#e03131",
                name="validation (this run)",
            ),
            "accuracy": self.acc_plot.plot(pen=pg.mkPen("#1b1f3b", width=2), name="training (this run)"),
            "val_accuracy": self.acc_plot.plot(
                pen=pg.mkPen("#e03131", width=2),
                symbol="o",
                symbolSize=6,
                symbolBrush="#e03131",
                name="validation (this run)",
            ),
        }
        self._draw_earlier()

    def _redraw_live(self) -> None:
        for key, points in (*self._batch_curve.items(), *self._val_curve.items()):
            if points and key in self._live_items:
                xs, ys = zip(*points)
                self._live_items[key].setData(xs, ys)

    def _draw_earlier(self) -> None:
        for plot, item in self._earlier_items:
            plot.removeItem(item)  # the curve and its legend entry
        self._earlier_items.clear()
        if not self.show_earlier.isChecked():
            return
        shown = [r for r in self.earlier if r is not self.record]  # the live curves show this run
        for i, run in enumerate(shown):
            if not run.epochs:
                continue
            colour = QColor(RUN_COLOURS[i % len(RUN_COLOURS)])
            epochs = np.arange(1, len(run.epochs) + 1)
            name = f"earlier: {run.label()}"
            for plot, key in ((self.loss_plot, "val_loss"), (self.acc_plot, "val_accuracy")):
                ys = [e.get(key, np.nan) for e in run.epochs]
                item = plot.plot(epochs, ys, pen=pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine), name=name)
                self._earlier_items.append((plot, item))

    def _show_report(self, result: Any) -> None:
        from training.evaluation import class_report

        probabilities = getattr(result, "val_probabilities", None)
        if probabilities is None:
            self.per_class.setRowCount(0)
            return
        classes = [str(d) for d in range(10)]
        report = class_report(result.y_val, probabilities, classes)
        self.per_class.setRowCount(len(classes))
        for i, (name, acc) in enumerate(report.per_class_accuracy.items()):
            self.per_class.setItem(i, 0, QTableWidgetItem(name))
            self.per_class.setItem(i, 1, QTableWidgetItem("-" if acc is None else f"{100 * acc:.2f}%"))
        n = len(classes)
        self.confusion.setRowCount(n)
        self.confusion.setColumnCount(n)
        self.confusion.setHorizontalHeaderLabels([f"said {c}" for c in classes])
        self.confusion.setVerticalHeaderLabels([f"is {c}" for c in classes])
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
        self.gallery.clear()
        for index in report.misclassified[:60]:
            pixels = np.ascontiguousarray((result.x_val[index, :, :, 0] * 255).astype(np.uint8))
            image = QImage(pixels.data, 28, 28, 28, QImage.Format.Format_Grayscale8).copy()
            icon = QIcon(QPixmap.fromImage(image).scaled(84, 84))
            text = f"is {result.y_val[index]}, said {report.predicted[index]} ({100 * report.confidence[index]:.0f}%)"
            self.gallery.addItem(QListWidgetItem(icon, text))


def _final_metrics(result: Any) -> dict[str, Any]:
    if hasattr(result, "val_accuracy") and hasattr(result, "test_accuracy"):
        return {"val_accuracy": result.val_accuracy, "test_accuracy": result.test_accuracy, "seconds": result.seconds}
    meta = result.metadata
    return {
        "train_accuracy": meta["train_accuracy"],
        "val_accuracy": meta["val_accuracy"],
        "seconds": result.seconds,
        "backbone": result.backbone,
    }


def _config(cls: type, settings: dict[str, Any]) -> Any:
    """A training config dataclass filled from the tab's settings (the fields both know)."""
    return cls(**{f.name: settings[f.name] for f in fields(cls) if f.name in settings})


def _digits_job(s: dict[str, Any], out: Path):
    def job(on_progress, cancel):
        from training.digit_training import DigitTrainConfig, train_digits

        return train_digits(_config(DigitTrainConfig, s), out=out, on_progress=on_progress, cancel=cancel)

    return job


def _folder_job(s: dict[str, Any], out: Path):
    def job(on_progress, cancel):
        from training.recognizer_training import RecognizerTrainConfig, train_recognizer

        config = _config(RecognizerTrainConfig, s)
        return train_recognizer(s["folder"], config, out=out, on_progress=on_progress, cancel=cancel)

    return job
