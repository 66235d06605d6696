"""The Faces tab's source chooser: camera numbers and the files or folders picked, long paths elided in the middle."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter, QWidget

CAMERAS = ["0", "1", "2", "3"]


class SourceBox(QComboBox):
    """Items are sources (``source()``: a camera number or the full path); the box shows the end of a long path.

    Cameras read "Camera 0" in the closed box and in the open list alike; their number is the item's data.

    A line edit would show the start of a long path and cut off its end, where
    the file name is; here the middle is elided and the tooltip holds it all.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for camera in CAMERAS:
            self.addItem(self.tr("Camera {0}").format(camera), camera)
        self.help = ""  # a general explanation, shown under the full path in the tooltip
        self.currentIndexChanged.connect(self._update_tip)

    def source(self) -> str:
        """The chosen source: a camera number or a path."""
        data = self.currentData()
        return str(data) if data is not None else self.currentText()

    def sources(self) -> list[str]:
        """Every source in the list, cameras first, then the files and folders, most recent first."""
        return [str(self.itemData(i)) for i in range(self.count())]

    def set_source(self, text: str) -> None:
        """Select ``text``, adding it (most recent first after the cameras) when new."""
        text = str(text)
        if self.findData(text) < 0:
            self.insertItem(len(CAMERAS), text, text)
            self.setItemData(len(CAMERAS), text, Qt.ItemDataRole.ToolTipRole)
        self.setCurrentIndex(self.findData(text))
        self._update_tip()

    def displayed_text(self) -> str:
        """What the closed box shows: "camera 0", or the path elided in the middle to fit."""
        text = self.source()
        if text.isdigit():
            return self.tr("Camera {0}").format(text)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        return self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, max(field.width() - 4, 20))

    def set_help(self, text: str) -> None:
        """The general explanation under the current source in the tooltip."""
        self.help = text
        self._update_tip()

    def _update_tip(self, *_: object) -> None:
        text = self.source()
        tip = self.tr("Camera {0}").format(text) if text.isdigit() else f"{Path(text).name}\n{text}"
        self.setToolTip(f"{tip}\n\n{self.help}" if self.help else tip)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.currentText = self.displayed_text()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
