"""The main window: one tab per part of the app."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QTabWidget

from gui.digits_tab import DigitsTab
from gui.faces_tab import FacesTab


class MainWindow(QMainWindow):
    """DigitFace's main window."""

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("DigitFace")
        self.tabs = QTabWidget()
        self.digits_tab = DigitsTab()
        self.faces_tab = FacesTab()
        self.tabs.addTab(self.digits_tab, "Digits")
        self.tabs.addTab(self.faces_tab, "Faces")
        self.setCentralWidget(self.tabs)
        self.resize(980, 640)
        self.statusBar().showMessage("Loading the digit model in the background…")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.faces_tab.stop()  # join the video threads before Qt tears the widgets down
        super().closeEvent(event)
