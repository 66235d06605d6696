"""The main window: one tab per part of the app."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTabWidget

from gui.digits_tab import DigitsTab
from gui.faces_tab import FacesTab
from gui.i18n import LANGUAGES
from gui.network_tab import NetworkTab
from gui.training_tab import TrainingTab
from gui.worker import run_in_worker


class MainWindow(QMainWindow):
    """DigitFace's main window."""

    languageChosen = Signal(str)  # a language code from the Language menu

    def __init__(self, language: str = "en") -> None:
        super().__init__()
        self.setWindowTitle("DigitFace")
        self.tabs = QTabWidget()
        self.digits_tab = DigitsTab()
        self.faces_tab = FacesTab()
        self.network_tab = NetworkTab()
        self.tabs.addTab(self.digits_tab, self.tr("Digits"))
        self.tabs.addTab(self.network_tab, self.tr("Inside the network"))
        self.tabs.addTab(self.faces_tab, self.tr("Faces"))
        self.digits_tab.predicted.connect(self.network_tab.show_prediction)
        self.digits_tab.modelChanged.connect(self.network_tab.set_model)
        self.network_tab.clear_button.clicked.connect(self.digits_tab.canvas.clear)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.training_tab = TrainingTab()
        self.tabs.addTab(self.training_tab, self.tr("Training"))
        self.training_tab.modelAccepted.connect(self.use_model)
        self.setCentralWidget(self.tabs)
        self.resize(980, 640)
        self.statusBar().showMessage(self.tr("Loading the digit model in the background…"))
        menu = self.menuBar().addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = QAction(name, self, checkable=True, checked=code == language)
            action.triggered.connect(lambda checked, code=code: self._language_picked(code))
            group.addAction(action)
            menu.addAction(action)
            self.language_actions[code] = action
        self.language = language

    def _language_picked(self, code: str) -> None:
        if code == self.language:
            return
        if self.training_tab.run is not None:
            QMessageBox.information(
                self,
                LANGUAGES[code],
                self.tr("The language changes when no training run is active. Finish or cancel the run first."),
            )
            self.language_actions[self.language].setChecked(True)
            return
        self.languageChosen.emit(code)

    def take_over(self, old: MainWindow) -> None:
        """Carry the loaded models, the drawing and the place in the window over from ``old``."""
        self.setGeometry(old.geometry())
        if old.digits_tab.predictor is not None:
            self.digits_tab.set_predictor(old.digits_tab.predictor)
        if old.faces_tab.recognizer is not None:
            self.faces_tab.set_recognizer(old.faces_tab.recognizer)
        self.faces_tab.set_source(old.faces_tab.source_box.currentText())
        self.digits_tab.canvas.set_strokes(old.digits_tab.canvas.strokes())
        self.tabs.setCurrentIndex(old.tabs.currentIndex())

    def _tab_changed(self, index: int) -> None:
        # One canvas, two tabs: it goes where the user is looking.
        if self.tabs.widget(index) is self.network_tab:
            self.network_tab.borrow_canvas(self.digits_tab.canvas)
        elif self.tabs.widget(index) is self.digits_tab:
            self.digits_tab.reclaim_canvas()

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
