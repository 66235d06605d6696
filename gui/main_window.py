"""The main window: one tab per part of the app, menus, and the status bar, all over one AppState."""

from __future__ import annotations

import platform
import sys
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QTimer, Signal, qVersion
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTabWidget

from gui.digits_tab import DigitsTab
from gui.faces_tab import FacesTab
from gui.file_dialogs import open_file
from gui.follow import follow
from gui.i18n import LANGUAGES, core_text, percent, ui_locale
from gui.model_loading import forget_accepted_digit_model, load_digits_into
from gui.network_tab import NetworkTab
from gui.training_tab import TrainingTab
from models.app_state import AppState, LoadedModel
from models.model_file import load_metadata
from models.paths import asset_path, digits_in_use
from training.run_state import RunState

# The window fits a classroom laptop or projector at 800×600, title bar and task bar included.
MINIMUM_SIZE = (760, 540)


def app_version() -> str:
    """DigitFace's installed version ("unknown" when run from a source tree that was never installed)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("digitface")
    except PackageNotFoundError:
        return "unknown"


class MainWindow(QMainWindow):
    """DigitFace's main window: a view over ``state``, rebuilt (never copied) on a language switch.

    Parameters
    ----------
    state
        The app's state; a language code (or nothing) makes a fresh one, as tests and tools do.
    training_state
        The Training tab's run state (``training.run_state``), handed to every new Training
        tab so a language switch keeps settings, folder and results; ``None`` lets the tab
        make its own.
    """

    languageChosen = Signal(str)  # a language code from the Language menu

    def __init__(self, state: AppState | str | None = None, training_state: RunState | None = None) -> None:
        super().__init__()
        self.state = state if isinstance(state, AppState) else AppState(state or "en")
        self.language = self.state.language.value
        self.setWindowTitle("DigitFace")
        # Every plot alike, set before any tab makes one: the network tab's bars were black in the first
        # window and white after a language switch (the Training tab set these options when it was built).
        # Antialiased thick lines cost tens of milliseconds a paint on a busy 2-core CPU; plain ones a few.
        pg.setConfigOptions(antialias=False, background="w", foreground="k")
        self.tabs = QTabWidget()
        self.digits_tab = DigitsTab(self.state)
        self.network_tab = NetworkTab(self.state)
        self.faces_tab = FacesTab(self.state)
        self.training_tab = TrainingTab(training_state)
        self.tabs.addTab(self.digits_tab, self.tr("&Digits"))
        self.tabs.addTab(self.network_tab, self.tr("&Inside the network"))
        self.tabs.addTab(self.faces_tab, self.tr("&Faces"))
        self.tabs.addTab(self.training_tab, self.tr("&Training"))
        self.training_tab.modelAccepted.connect(self.use_model)
        self.setCentralWidget(self.tabs)
        self.help_box: QMessageBox | None = None  # the open Help or error box (non-blocking)
        self.close_box: QMessageBox | None = None  # "stop the run and close?", while it is asked
        self.close_without_asking = False  # the person chose to stop the run and close

        self._build_menus()
        self.tabs.currentChanged.connect(self._tab_changed)
        for started_or_ended in (
            self.training_tab.controller.busyChanged,
            self.training_tab.finder.busyChanged,
            self.digits_tab.handwriting.busyChanged,
        ):
            started_or_ended.connect(self._refresh_close_box_soon)
        follow(self, self.training_tab.state.run_added, self._refresh_close_box_soon)
        self._tab_changed(self.tabs.currentIndex())
        self._digits_callback = self.state.digits.subscribe(self._digit_slot_changed)
        self._faces_from_training = False  # the recogniser loading is the run accepted in the Training tab
        follow(self, self.state.faces.changed, self._faces_slot_changed)
        self.setMinimumSize(*MINIMUM_SIZE)
        self.resize(1000, 680)

    # --- menus ------------------------------------------------------------------------
    def _action(self, text: str, slot: Any, keys: Any = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcuts(keys if isinstance(keys, list) else [QKeySequence(keys)])
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)  # window-wide: works whatever has the focus, on every tab
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        model = bar.addMenu(self.tr("&Model"))
        self.open_model_action = self._action(
            self.tr("&Open digit model…"),
            self.open_digit_model,
            QKeySequence.StandardKey.Open,
            self.tr("Use a digit model (.keras) trained here or elsewhere, for this session"),
        )
        self.shipped_model_action = self._action(
            self.tr("&Back to the shipped model"),
            self.back_to_shipped_model,
            tip=self.tr("Forget the model accepted in the Training tab and use the one DigitFace came with"),
        )
        model.addAction(self.open_model_action)
        model.addAction(self.shipped_model_action)
        self.export_action = self._action(
            self.tr("&Export…"),
            self.show_export_dialog,
            tip=self.tr("Write the digit model or the face/pet recogniser in use as TFLite, ONNX or a SavedModel"),
        )
        model.addSeparator()
        model.addAction(self.export_action)
        # Ctrl+Q where the platform has no Quit key of its own (Windows has none).
        quit_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")]
        self.quit_action = self._action(
            self.tr("&Quit"), self.close, quit_keys, self.tr("Close DigitFace, as the window's close button does")
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        model.addSeparator()
        model.addAction(self.quit_action)

        edit = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self._action(
            self.tr("&Undo stroke"),
            self.state.undo_stroke,
            QKeySequence.StandardKey.Undo,
            self.tr("Remove the last stroke"),
        )
        self.clear_action = self._action(
            self.tr("&Clear drawing"),
            self.state.clear_drawing,
            [QKeySequence("Esc"), QKeySequence("Ctrl+L")],
            self.tr("Erase the drawing"),
        )
        edit.addAction(self.undo_action)
        edit.addAction(self.clear_action)

        menu = bar.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            # "&English", "&Português (Brasil)": a mnemonic on each name, in every language.
            action = QAction(f"&{name}", self, checkable=True, checked=code == self.language)
            action.triggered.connect(lambda checked, code=code: self._language_picked(code))
            group.addAction(action)
            menu.addAction(action)
            self.language_actions[code] = action

        help_menu = bar.addMenu(self.tr("&Help"))
        self.getting_started_action = self._action(
            self.tr("&Getting started"), self.show_getting_started, QKeySequence.StandardKey.HelpContents
        )
        self.about_action = self._action(self.tr("&About DigitFace"), self.show_about)
        help_menu.addAction(self.getting_started_action)
        help_menu.addAction(self.about_action)

    def _tab_changed(self, index: int) -> None:
        # Undo and Clear act on the drawing: on where it is shown, and nowhere else (Esc and
        # Ctrl+Z keep their usual meaning in the Faces and Training tabs).
        drawing = self.tabs.widget(index) in (self.digits_tab, self.network_tab)
        self.undo_action.setEnabled(drawing)
        self.clear_action.setEnabled(drawing)

    # --- language ---------------------------------------------------------------------
    def _language_picked(self, code: str) -> None:
        if code == self.language:
            return
        if self.training_tab.run is not None or self.training_tab.finder.is_running():
            self._show_box(  # not blocking: the run's curves go on drawing behind it
                QMessageBox.Icon.Information,
                self.tr("Language"),
                self.tr(
                    "The language changes when no training run or learning-rate sweep is active. "
                    "Finish or cancel it first."
                ),
            )
            self.language_actions[self.language].setChecked(True)
            return
        self.languageChosen.emit(code)

    # --- the digit model --------------------------------------------------------------
    def _digit_slot_changed(self, slot: LoadedModel) -> None:
        status = self.statusBar()
        # The shipped model needs no way back to it; an opened or accepted one does.
        self.shipped_model_action.setEnabled(slot.path is not None or digits_in_use().exists())
        if slot.status == "loading":
            status.showMessage(self.tr("Loading the digit model in the background…"))
        elif slot.error and slot.model is not None:  # a failed open: said in a box, the model in use stays
            why = slot.error.rstrip(".")  # the error's own sentence ends here
            status.showMessage(self.tr("Not opened: {0}. The model in use stays.").format(why), 10000)
        elif slot.error:
            status.showMessage(self.tr("The digit model could not be loaded: {0}").format(slot.error))
        elif slot.status == "ready":
            status.showMessage(self.tr("Digit model ready."), 5000)
            if slot.path is None or Path(slot.path) != digits_in_use():  # the shipped model, or one opened
                self.training_tab.model_replaced("digits")
        else:
            status.clearMessage()

    def _faces_slot_changed(self, slot: LoadedModel) -> None:
        if slot.status != "ready" or slot.error:
            return
        if self._faces_from_training:
            self._faces_from_training = False
        else:  # Load model…, Retrain or Add person: the Training tab's run is no longer the one in use
            self.training_tab.model_replaced("folder")

    def use_model(self, kind: str, path: str) -> None:
        """Swap a model accepted in the Training tab into the app (loaded in a worker)."""
        if kind == "folder":
            self._faces_from_training = True
            self.faces_tab.load_model_in_background(path)
            return
        load_digits_into(self.state, path)

    def open_digit_model(self) -> None:
        """Ask for a .keras digit model and use it; a bad file says why and the model in use stays."""
        path = open_file(self, "digit model", self.tr("Open a digit model"), self.tr("Keras models (*.keras)"))
        if path:
            load_digits_into(
                self.state,
                path,
                lambda message: self._show_box(
                    QMessageBox.Icon.Warning,
                    self.tr("Open digit model"),
                    self.tr("This file can't be used; the model in use stays.\n\n{0}").format(message),
                ),
            )

    def back_to_shipped_model(self) -> None:
        """Forget the accepted digit model (also for later starts) and load the shipped one."""
        try:
            forget_accepted_digit_model()
        except OSError as exc:
            self._show_box(
                QMessageBox.Icon.Warning,
                self.tr("Back to the shipped model"),
                self.tr("{0} could not be removed: {1}").format(digits_in_use(), exc.strerror or exc),
            )
            return
        load_digits_into(self.state, None)

    def show_export_dialog(self) -> None:
        """Open Model ▸ Export… (not blocking: the export runs in the background)."""
        from gui.export_dialog import ExportDialog

        current = getattr(self, "export_dialog", None)
        if current is not None:
            if current.running:  # an export is under way: show it rather than start a second dialog
                current.open()
                current.raise_()
                return
            current.deleteLater()
        self.export_dialog = ExportDialog(self.state, self)
        self.export_dialog.open()

    def unfinished_work(self) -> str | None:
        """What closing the window now would stop, in a sentence; ``None`` when nothing is learning."""
        if self.training_tab.run is not None:
            run = self.training_tab.state.current.value
            return self.tr("{0} is still training.").format(core_text(run.label()) if run is not None else "")
        if self.training_tab.finder.is_running():
            return self.tr("The learning-rate sweep is still running.")
        if self.digits_tab.handwriting.run is not None:
            return self.tr("Teaching it your handwriting is still going.")
        return None

    def _close_question(self, work: str) -> str:
        return " ".join(
            [
                work,
                self.tr(
                    "Stop it and close DigitFace? What it learned so far is not kept; the model in use stays as it is."
                ),
            ]
        )

    def _refresh_close_box_soon(self, *_: object) -> None:
        # Deferred: between two runs of a comparison the next one is only under way once the event is handled.
        QTimer.singleShot(0, self._refresh_close_box)

    def _refresh_close_box(self) -> None:
        """Once asked, the question follows the work: the next run of a comparison is named, and once
        nothing is learning any more the box goes (closing then loses nothing, so it is not asked)."""
        if self.close_box is None:
            return
        work = self.unfinished_work()
        if work is None:
            self.close_box.done(0)
        else:
            self.close_box.setText(self._close_question(work))

    def _ask_to_stop_the_run(self, work: str) -> None:
        """Ask (without blocking: the work goes on meanwhile) whether to stop it and close."""
        if self.close_box is not None:
            self.close_box.raise_()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Still learning"),
            self._close_question(work),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        stop = box.addButton(self.tr("&Stop and close"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("&Keep training"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)

        def answered(button: object) -> None:  # then the box finishes, and forgets itself
            if button is stop:
                self.close_without_asking = True
                self.close()

        box.buttonClicked.connect(answered)
        box.finished.connect(lambda _: setattr(self, "close_box", None))
        box.open()
        self.close_box = box

    # --- help -------------------------------------------------------------------------
    def _show_box(self, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        """A message box that does not block (the window stays usable; tests can read it)."""
        if self.help_box is not None:
            self.help_box.close()
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Close, self)
        box.open()
        self.help_box = box
        return box

    def show_getting_started(self) -> None:
        """What to do first on each tab."""
        steps = [
            (
                self.tr("Digits"),
                self.tr(
                    "Draw a digit with the mouse, as big as you like. The network reads it while you draw. "
                    "Ctrl+Z undoes a stroke, Esc clears. Read wrong? Click the digit you meant under "
                    "“Wrong? It's a:” to keep your drawing; with five kept, Teach it my handwriting "
                    "teaches the network your way of writing."
                ),
            ),
            (
                self.tr("Inside the network"),
                self.tr(
                    "Draw again and watch every layer change, from edges to the ten probabilities. "
                    "Click a feature map to see the filter that made it."
                ),
            ),
            (
                self.tr("Faces"),
                self.tr(
                    "Choose a camera, a video or a folder of images and press Start. "
                    "Add person… teaches it a new face from six photos. For pets and things, Add class… "
                    "names one: hold the record button while it is in view, do the same for a second one, "
                    "then press Retrain now."
                ),
            ),
            (
                self.tr("Training"),
                self.tr(
                    "Pick the settings (each has a tooltip) and press Train. Watch the loss fall; "
                    "Use this model puts the result to work. To build your own perceptron, choose "
                    "Network: MLP, type the hidden neurons per layer (16,16 is two layers of 16) and pick an "
                    "activation; once it is in use, Inside the network shows its neurons while you draw."
                ),
            ),
        ]
        text = "".join(f"<p><b>{tab}</b> — {what}</p>" for tab, what in steps)
        self._show_box(QMessageBox.Icon.Information, self.tr("Getting started"), text)

    def show_about(self) -> None:
        """Versions, the shipped model's accuracy and the data credits."""
        tf = sys.modules.get("tensorflow")
        tf_text = getattr(tf, "__version__", "?") if tf is not None else self.tr("not loaded yet")
        try:
            accuracy = load_metadata(asset_path("digit_cnn.keras")).get("test_accuracy")
        except (OSError, ValueError):
            accuracy = None
        if accuracy:
            model_text = self.tr("The shipped digit model reads {0} of the {1} MNIST test digits right.")
            model_text = model_text.format(percent(accuracy, 2), ui_locale().toString(10000))
        else:
            model_text = self.tr("The shipped digit model's accuracy is not recorded.")
        python = platform.python_version()
        versions = f"Python {python} · TensorFlow {tf_text} · Qt {qVersion()} (PySide6 {pyside_version})"
        paragraphs = [
            f"<b>DigitFace {app_version()}</b>",
            versions,
            model_text,
            "<b>{}</b>".format(self.tr("Data and models")),  # not in an f-string: lupdate must see it
            self.tr("MNIST handwritten digits: Yann LeCun, Corinna Cortes and Christopher J. C. Burges, CC BY-SA 3.0."),
            self.tr("Face detection and face embedding models: dlib, by Davis E. King."),
            self.tr("Yale face database (in tests and figures): Yale University."),
        ]
        text = "".join(f"<p>{p}</p>" for p in paragraphs)
        self._show_box(QMessageBox.Icon.Information, self.tr("About DigitFace"), text)

    # --- closing ----------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        work = None if self.close_without_asking else self.unfinished_work()
        if work is not None:
            event.ignore()  # minutes of training are not thrown away by a stray click: ask first
            self._ask_to_stop_the_run(work)
            return
        # Join worker threads before Qt tears the widgets down; a run is cancelled, never killed.
        self.faces_tab.stop()
        self.training_tab.cancel()
        self.training_tab.wait()
        self.unsubscribe()
        super().closeEvent(event)

    def unsubscribe(self) -> None:
        """Stop every view of this window following the state (the state lives on)."""
        self.state.digits.changed.disconnect(self._digits_callback)
        for tab in (self.digits_tab, self.network_tab):
            tab.unsubscribe()
