"""The People dialog: see, rename and delete the enrolled people, and add photos to one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.file_dialogs import open_files
from gui.i18n import core_text, error_text, tr_plural
from models.people import PeopleError, add_photos, delete_person, list_people, rename_person


class PeopleDialog(QDialog):
    """Lists ``root/<name>/`` folders with their photo counts; every change is made on disk at once."""

    enrolFromCamera = Signal(str)  # add camera photos of this person
    retrainRequested = Signal()
    changed = Signal()  # someone was renamed, deleted or got photos: the recogniser is out of date

    def __init__(self, root: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.root = root
        self.setWindowTitle(self.tr("People"))
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._selection_changed)
        self.empty_label = QLabel(self.tr("Nobody is enrolled yet: use Add person… in the Faces tab."))
        self.empty_label.setWordWrap(True)

        self.rename_button = self._button(self.tr("&Rename…"), self.tr("Give the selected person another name"))
        self.rename_button.clicked.connect(lambda: self._rename())
        self.delete_button = self._button(self.tr("&Delete…"), self.tr("Delete the selected person and their photos"))
        self.delete_button.clicked.connect(lambda: self._delete())
        self.photos_button = self._button(
            self.tr("Add &photos…"), self.tr("Copy photo files of the selected person into their folder")
        )
        self.photos_button.clicked.connect(lambda: self._add_photos())
        self.camera_button = self._button(
            self.tr("Add from ca&mera"), self.tr("Take more photos of the selected person with the camera")
        )
        self.camera_button.clicked.connect(lambda: self._from_camera())
        self.retrain_button = self._button(
            self.tr("Re&train"), self.tr("Train the recogniser again on everyone listed here")
        )
        self.retrain_button.clicked.connect(lambda: self.retrainRequested.emit())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close_button = close.button(QDialogButtonBox.StandardButton.Close)
        close_button.setText(self.tr("&Close"))
        close_button.setToolTip(self.tr("Close this list"))

        buttons = QVBoxLayout()
        for button in (self.rename_button, self.delete_button, self.photos_button, self.camera_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.retrain_button)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addLayout(row)
        layout.addWidget(close)
        self.refresh()

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        return button

    def refresh(self, select: str | None = None) -> None:
        """Read the people folder again; keep (or move to) the selection."""
        select = select or self.current()
        self.list.clear()
        for person in list_people(self.root):
            text = tr_plural(person.photos, self.tr("{0} — {1} photo"), self.tr("{0} — {1} photos"))
            item = QListWidgetItem(text.format(person.name, person.photos))
            item.setData(Qt.ItemDataRole.UserRole, person.name)
            item.setToolTip(str(person.folder))
            self.list.addItem(item)
            if person.name == select:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self.empty_label.setVisible(self.list.count() == 0)
        self._selection_changed()

    def current(self) -> str | None:
        """The selected person's name."""
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _selection_changed(self, *_: object) -> None:
        selected = self.current() is not None
        for button in (self.rename_button, self.delete_button, self.photos_button, self.camera_button):
            button.setEnabled(selected)
        self.retrain_button.setEnabled(self.list.count() >= 2)

    def _warn(self, text: str) -> None:
        QMessageBox.warning(self, self.windowTitle(), text)

    def _rename(self) -> None:
        old = self.current()
        if old is None:
            return
        new, ok = QInputDialog.getText(self, self.tr("Rename {0}").format(old), self.tr("New name:"), text=old)
        if not ok:
            return
        try:
            folder = rename_person(self.root, old, new)
        except (PeopleError, OSError) as exc:
            self._warn(self.tr("{0} was not renamed: {1}.").format(old, error_text(exc)))
            return
        self.refresh(select=folder.name)
        self.changed.emit()

    def _delete(self) -> None:
        name = self.current()
        if name is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete {0}").format(name),
            self.tr("Delete {0} and all their photos? This cannot be undone.").format(name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_person(self.root, name)
        except (PeopleError, OSError) as exc:
            self._warn(self.tr("{0} was not deleted: {1}.").format(name, error_text(exc)))
            return
        self.refresh()
        self.changed.emit()

    def _add_photos(self) -> None:
        name = self.current()
        if name is None:
            return
        files = open_files(
            self,
            "image",  # photos of people are found where a photo to classify was, and the other way round
            self.tr("Photos of {0}").format(name),
            self.tr("Images (*.png *.jpg *.jpeg *.gif *.bmp *.pgm *.webp)"),
        )
        if not files:
            return
        try:
            added, skipped = add_photos(self.root, name, [Path(f) for f in files])
        except OSError as exc:
            self._warn(self.tr("Could not copy the photos of {0}: {1}.").format(name, error_text(exc)))
            self.refresh(select=name)
            return
        self.refresh(select=name)
        if added:
            self.changed.emit()
        if skipped:
            lines = "\n".join(f"{Path(f).name}: {core_text(why)}" for f, why in skipped)
            text = tr_plural(
                added,
                self.tr("Added {0} photo; these files were skipped:\n{1}"),
                self.tr("Added {0} photos; these files were skipped:\n{1}"),
            )
            self._warn(text.format(added, lines))

    def _from_camera(self) -> None:
        name = self.current()
        if name is not None:
            self.enrolFromCamera.emit(name)
            self.accept()
