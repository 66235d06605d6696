"""After a run: per-class accuracy, the confusion matrix and a gallery of the validation images it got wrong."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QWidget,
)

from gui.follow import follow
from gui.pixels import rgb_to_qimage
from gui.tooltip import wrapped
from training.jobs import RunSummary
from training.run_state import Run, RunState

ICON_PX = 84


class RunReport(QTabWidget):
    """The report of the current run: empty while it trains, filled when it finishes, of the kind shown."""

    def __init__(self, state: RunState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.per_class = QTableWidget(0, 2)
        self.per_class.setHorizontalHeaderLabels([self.tr("class"), self.tr("accuracy")])
        self.per_class.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.per_class.verticalHeader().setDefaultSectionSize(22)
        self.per_class.verticalHeader().hide()  # row numbers 1–10 beside classes 0–9 only confuse
        self.confusion = QTableWidget()
        self.confusion.setToolTip(wrapped(self.tr("Rows: the true class. Columns: what the model said.")))
        self.confusion.verticalHeader().setDefaultSectionSize(22)
        # Columns share the width: with short headers ten classes fit an 800×600 window without scrolling.
        self.confusion.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.confusion.horizontalHeader().setMinimumSectionSize(24)
        self.gallery = QListWidget()
        self.gallery.setViewMode(QListWidget.ViewMode.IconMode)
        self.gallery.setIconSize(QSize(ICON_PX, ICON_PX))
        self.gallery.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.gallery.setWordWrap(True)
        self.addTab(self.per_class, self.tr("Per class"))
        self.addTab(self.confusion, self.tr("Confusion matrix"))
        self.addTab(self.gallery, self.tr("Mistakes"))
        follow(self, state.current.changed, self._show)
        follow(self, state.run_ended, lambda run: self._show(self.state.current.value))
        follow(self, state.kind.changed, lambda kind: self._show(self.state.current.value))
        self._show(state.current.value)

    def _show(self, run: Run | None) -> None:
        self.clear_report()
        # Only a report of the kind being trained: no MNIST table under a folder's settings.
        if run is not None and run.summary is not None and run.kind == self.state.kind.value:
            self.show_summary(run.summary)

    def clear_report(self) -> None:
        """Nothing from an earlier run stays on screen."""
        self.gallery.clear()
        self.per_class.setRowCount(0)
        self.confusion.setRowCount(0)
        self.confusion.setColumnCount(0)

    def show_summary(self, result: RunSummary) -> None:
        from training.evaluation import class_report

        classes = result.classes
        if len(result.val_labels) == 0:
            self.per_class.setRowCount(1)
            self.per_class.setItem(0, 0, QTableWidgetItem(self.tr("no validation images")))
            self.per_class.setItem(0, 1, QTableWidgetItem(self.tr("every class needs at least 5 images for a split")))
            return
        report = class_report(result.val_labels, result.val_probabilities, classes)
        self.per_class.setRowCount(len(classes))
        for i, (name, acc) in enumerate(report.per_class_accuracy.items()):
            self.per_class.setItem(i, 0, QTableWidgetItem(name))
            self.per_class.setItem(i, 1, QTableWidgetItem("-" if acc is None else f"{100 * acc:.2f}%"))
        n = len(classes)
        self.confusion.setRowCount(n)
        self.confusion.setColumnCount(n)
        # Column headers are the class alone (the tooltip says they are what the model said): "said 8" was cut.
        self.confusion.setHorizontalHeaderLabels(list(classes))
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
        for k, index in enumerate(result.mistakes):
            said, confidence = classes[report.predicted[index]], report.confidence[index]
            text = self.tr("is {0}, said {1} ({2:.0f}%)").format(
                classes[result.val_labels[index]], said, 100 * confidence
            )
            self.gallery.addItem(QListWidgetItem(_icon(result, k), text))


def _icon(result: RunSummary, k: int) -> QIcon:
    pixmap: Any
    if result.examples is not None:
        pixels = np.ascontiguousarray(result.examples[k])
        h, w = pixels.shape
        pixmap = QPixmap.fromImage(QImage(pixels.data, w, h, w, QImage.Format.Format_Grayscale8).copy())
    else:  # through the app's reader: EXIF-rotated phone photos show upright, as the model saw them
        from models.image_io import as_rgb, read_image

        try:
            pixmap = QPixmap.fromImage(rgb_to_qimage(as_rgb(read_image(result.example_paths[k], 4 * ICON_PX))))
        except (OSError, ValueError):
            pixmap = QPixmap()  # moved or deleted since the run: an empty icon, the text still says what it was
    if pixmap.isNull():
        return QIcon(pixmap)
    return QIcon(pixmap.scaled(ICON_PX, ICON_PX, Qt.AspectRatioMode.KeepAspectRatio))
