"""The main window: one tab per part of the app."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QTabWidget

from gui.digits_tab import DigitsTab
from gui.faces_tab import FacesTab
from gui.training_tab import TrainingTab
from gui.worker import run_in_worker


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
        self.training_tab = TrainingTab()
        self.tabs.addTab(self.training_tab, "Training")
        self.training_tab.modelAccepted.connect(self.use_model)
        self.setCentralWidget(self.tabs)
        self.resize(980, 640)
        self.statusBar().showMessage("Loading the digit model in the background…")

    def use_model(self, kind: str, path: str) -> None:
        """Swap an accepted model into the Digits or Faces tab (loaded in a worker)."""
        if kind == "folder":
            self.faces_tab.load_model_in_background(path)
            return
        from gui.app import load_digit_predictor

        def failed(message: str, tb: str) -> None:
            self.digits_tab.set_load_error(message)

        run_in_worker(lambda: load_digit_predictor(path), self.digits_tab.set_predictor, failed)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Join worker threads before Qt tears the widgets down; a run is cancelled, never killed.
        self.faces_tab.stop()
        self.training_tab.cancel()
        self.training_tab.wait()
        super().closeEvent(event)
