"""After a run: per-class accuracy, the confusion matrix and a gallery of the validation images it got wrong."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.follow import follow
from gui.i18n import core_text, percent
from gui.pixels import rgb_to_qimage
from gui.tooltip import wrapped
from training.jobs import RunSummary
from training.run_state import Run, RunState

ICON_PX = 84


class RunReport(QWidget):
    """The results of a finished run of the kind shown: per class, confusion matrix, mistakes (``tabs``).

    It shows the run chosen under *Model to use* when it has results, else the current run's, else
    the last finished run's; a line above says which run they are when that is not plain (after a
    cancelled or failed run, which has none, or for a run picked under *Model to use*). After a
    cancelled run it was blank with no word why, while a finished run was still offered.
    """

    def __init__(self, state: RunState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.shown: Run | None = None  # the run whose results are on screen
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget()
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
        self.tabs.addTab(self.per_class, self.tr("Per class"))
        self.tabs.addTab(self.confusion, self.tr("Confusion matrix"))
        self.tabs.addTab(self.gallery, self.tr("Mistakes"))
        # The pictures a folder run could not use (damaged, too small…), each with why: on the console
        # they are listed as they are met; here they stay after the run. Shown only when there are some.
        self.skipped = QListWidget()
        self.skipped.setWordWrap(True)
        self.tabs.addTab(self.skipped, "")
        self.tabs.setTabVisible(self.tabs.indexOf(self.skipped), False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.tabs, 1)
        follow(self, state.current.changed, lambda _: self._show())
        follow(self, state.run_ended, lambda _: self._show())
        follow(self, state.kind.changed, lambda _: self._show())
        follow(self, state.chosen.changed, lambda _: self._show())  # a run picked under "Model to use"
        self._show()

    def _with_results(self) -> list[Run]:
        """The runs of the kind shown whose results are known (finished in this session), oldest first."""
        return [r for r in self.state.runs if r.kind == self.state.kind.value and r.summary is not None]

    def _show(self) -> None:
        self.clear_report()
        # Only a report of the kind being trained: no MNIST table under a folder's settings.
        kind = self.state.kind.value
        current = self.state.current.value
        current = current if current is not None and current.kind == kind else None
        done = self._with_results()
        chosen = self.state.run(self.state.chosen.value)
        notes: list[str] = []
        if current is not None and current.status == "running":
            shown = None  # a run under way: its own results come when it finishes, nothing older in between
            notes.append(
                self.tr("{0} is training: its results appear here when it finishes.").format(core_text(current.label()))
            )
        else:
            shown = next((r for r in (chosen, current) if r in done), done[-1] if done else None)
            if current is not None and current.status in ("cancelled", "failed"):
                text = (
                    self.tr("{0} was cancelled, so it has no results.")
                    if current.status == "cancelled"
                    else self.tr("{0} failed, so it has no results.")
                )
                notes.append(text.format(core_text(current.label())))
            if shown is not None and shown is not current:
                notes.append(self.tr("These are the results of {0}.").format(core_text(shown.label())))
            if shown is not None and shown is not current and len(done) > 1:
                notes.append(self.tr("Choose another finished run under Model to use to see its results."))
            if shown is None and self.state.usable(kind):
                notes.append(self.tr("Results are kept for the runs finished since the app started."))
        self.shown = shown
        self.note.setText(" ".join(notes))
        self.note.setVisible(bool(notes))
        if shown is not None and shown.summary is not None:
            self.show_summary(shown.summary)

    def clear_report(self) -> None:
        """Nothing from an earlier run stays on screen."""
        self.gallery.clear()
        self.skipped.clear()
        self.tabs.setTabVisible(self.tabs.indexOf(self.skipped), False)
        self.per_class.setRowCount(0)
        self.confusion.setRowCount(0)
        self.confusion.setColumnCount(0)

    def show_summary(self, result: RunSummary) -> None:
        from training.evaluation import class_report

        self._show_skipped(result.skipped)
        classes = result.classes
        if len(result.val_labels) == 0:
            # Why, in the note above (it wraps): a table cell cut the reason short in an 800×600 window.
            why = self.tr("No validation images: every class needs at least 5 images for a split.")
            self.note.setText(" ".join(filter(None, [self.note.text(), why])))
            self.note.setVisible(True)
            self.per_class.setRowCount(1)
            for column, text in enumerate((self.tr("no validation images"), "-")):
                item = QTableWidgetItem(text)
                item.setToolTip(why)
                self.per_class.setItem(0, column, item)
            return
        report = class_report(result.val_labels, result.val_probabilities, classes)
        self.per_class.setRowCount(len(classes))
        for i, (name, acc) in enumerate(report.per_class_accuracy.items()):
            self.per_class.setItem(i, 0, QTableWidgetItem(name))
            self.per_class.setItem(i, 1, QTableWidgetItem("-" if acc is None else percent(acc, 2)))
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
            truth = classes[result.val_labels[index]]
            text = self.tr("is {0}, said {1} ({2})").format(truth, said, percent(confidence))
            self.gallery.addItem(QListWidgetItem(_icon(result, k), text))

    def _show_skipped(self, skipped: list[tuple[str, str]]) -> None:
        index = self.tabs.indexOf(self.skipped)
        self.tabs.setTabText(index, self.tr("Skipped ({0})").format(len(skipped)))
        self.tabs.setTabVisible(index, bool(skipped))
        for name, why in skipped:
            self.skipped.addItem(f"{name}: {core_text(why)}")


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
