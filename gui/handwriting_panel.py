"""Under the Digits tab's canvas: correct a misread drawing, and *Teach it my handwriting*.

A click on the right digit keeps the drawing (a PNG in ``corrections/<digit>/`` in the
data folder) and clears the canvas for the next one. *Teach it my handwriting* fine-tunes
the model in use on the kept drawings mixed with MNIST in a child process
(:func:`training.handwriting.teach_handwriting`, the CLI's ``digits teach``), with progress
and Cancel, says how it reads the drawings before and after, and offers the new model.
"""

from __future__ import annotations

import logging
import weakref
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QProgressBar, QPushButton, QVBoxLayout, QWidget

from gui.follow import follow
from gui.i18n import core_text, error_text, percent, tr_plural
from gui.model_loading import load_digits_into
from gui.training_run import TrainingRun
from gui.worker import run_in_worker
from models.app_state import AppState, LoadedModel
from models.corrections import clear_corrections, count_corrections, save_correction
from models.model_file import copy_model
from models.paths import corrections_dir, digits_in_use
from training.handwriting import (
    HOLD_OUT_FROM,
    MIN_CORRECTIONS,
    TeachConfig,
    TeachResult,
    forgetting_floor,
    needed_message,
    teach_handwriting,
)
from training.progress import Progress

log = logging.getLogger("digitface")
DIGITS = [str(d) for d in range(10)]
GREY, RED = "color: #6b6b6b", "color: #b00020"
# The newest panel per state: a panel built over the same state (a language switch builds the new window before
# closing the old one) takes over the old panel's teaching run instead of letting the old one's closing cancel it.
_PANELS: weakref.WeakKeyDictionary[AppState, weakref.ref[HandwritingPanel]] = weakref.WeakKeyDictionary()


def localised(text: object) -> str:
    """A core message in the UI's language, its counts and decimals written the language's way ("6.000")."""
    return core_text(text, whole_numbers=True)


class HandwritingPanel(QWidget):
    """The correction buttons, the kept-drawings count and the teaching flow for one canvas.

    ``config`` sets how teaching runs (tests make it tiny). ``taught`` is emitted with the
    result of a finished teaching run.
    """

    taught = Signal(object)  # training.handwriting.TeachResult
    busyChanged = Signal(bool)  # a teaching run started (True) or ended (False)

    def __init__(self, state: AppState, canvas: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.canvas = canvas
        self.config = TeachConfig()
        self.run: TrainingRun | None = None
        self.result: TeachResult | None = None
        self.confirm_box: QMessageBox | None = None
        self._progress_message: object = None  # the run's last phase, said again in a new language on a switch
        self._kept_said = False  # the line says "Kept as a …": the next reading replaces it
        self._taught_path: str | None = None  # the taught model being put in use, until the state holds it
        self._taught_model: Any = None  # the taught model in use, while "now in use" is said of it
        self._in_use_said = False  # the line says "now in use": a language switch says it again

        wrong = QLabel(self.tr("Wrong? It's a:"))
        wrong.setToolTip(self.tr("Click the digit you meant: your drawing is kept to teach the network"))
        self.digit_buttons: list[QPushButton] = []
        digits_row = QHBoxLayout()
        digits_row.addWidget(wrong)
        for digit in DIGITS:
            button = QPushButton(f"&{digit}")  # Alt+digit from the keyboard
            button.setMaximumWidth(34)
            button.setToolTip(self.tr("Keep this drawing as a {0} for Teach it my handwriting (Alt+{0})").format(digit))
            button.setEnabled(False)
            button.clicked.connect(lambda checked=False, d=digit: self.keep_drawing(d))
            digits_row.addWidget(button)
            self.digit_buttons.append(button)
        digits_row.addStretch(1)

        self.count_label = QLabel()
        self.count_label.setStyleSheet(GREY)
        self.open_button = QPushButton(self.tr("&Show them"))
        self.open_button.setToolTip(self.tr("Open the folder of your kept drawings (one folder per digit)"))
        self.open_button.clicked.connect(self.open_folder)
        self.forget_button = QPushButton(self.tr("Fo&rget them…"))
        self.forget_button.setToolTip(self.tr("Delete every kept drawing (after a confirmation)"))
        self.forget_button.clicked.connect(self.ask_forget)
        self.teach_button = QPushButton(self.tr("Teach it my hand&writing"))
        self.teach_button.setToolTip(
            self.tr(
                "Fine-tune the model in use on your kept drawings, mixed with MNIST digits so it does not "
                "forget the rest (about a minute). Some drawings are kept out of teaching to check it "
                "honestly. The result is saved as a new model; you choose whether to use it."
            )
        )
        self.teach_button.clicked.connect(self.teach)
        self.count_label.setWordWrap(True)
        kept_row = QHBoxLayout()
        kept_row.addWidget(self.count_label, 1)
        kept_row.addWidget(self.open_button)
        kept_row.addWidget(self.forget_button)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Ca&ncel"))
        self.cancel_button.setToolTip(self.tr("Stop teaching; nothing is saved"))
        self.cancel_button.clicked.connect(self.cancel)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.teach_button)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        progress_row.addStretch(0)
        self.progress.hide()
        self.cancel_button.hide()

        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(GREY)
        self.use_button = QPushButton(self.tr("Use the tau&ght model"))
        self.use_button.setToolTip(self.tr("Read your digits with the taught model from now on"))
        self.use_button.clicked.connect(self.use_taught_model)
        self.use_button.hide()
        result_row = QHBoxLayout()
        result_row.addWidget(self.message_label, 1)
        result_row.addWidget(self.use_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(digits_row)
        layout.addLayout(kept_row)
        layout.addLayout(progress_row)
        layout.addLayout(result_row)
        self.update_count()
        follow(self, state.digits.changed, self._model_changed)
        previous = _PANELS.get(state)
        _PANELS[state] = weakref.ref(self)
        old = previous() if previous is not None else None
        if old is not None and shiboken6.isValid(old):
            self._take_over(old)

    def _take_over(self, old: HandwritingPanel) -> None:
        """Go on with the teaching run (or its result) of ``old``, the panel this one replaces over the same state.

        A language switch builds the new window before closing the old one, whose closing would cancel
        the run: it reports here instead, with this panel's progress bar, Cancel and result.
        """
        self.config = old.config
        self._taught_path, self._taught_model = old._taught_path, old._taught_model
        run = old.run
        if run is not None:
            old._watch(run, watch=False)
            old.run = None  # closing the old window must not cancel it
            self.run = run
            self._watch(run, watch=True)
            self._busy(True)
            self.progress.setValue(old.progress.value())
            self.cancel_button.setEnabled(old.cancel_button.isEnabled())
            self._progress_message = old._progress_message
            self._say(localised(self._progress_message) if self._progress_message is not None else self.tr("Starting…"))
        elif old.result is not None and not old.use_button.isHidden():  # taught, not yet put in use: still offered
            self.result = old.result
            self._show_result(old.result)
        elif old._in_use_said:
            self._say_in_use()

    # --- keeping drawings -------------------------------------------------------------
    def reading_changed(self, prediction: Any) -> None:
        """Follow the tab's reading: a drawing can be kept once the network has read it.

        A drawing read as "not a digit" can be kept too: a digit the model refuses is a misreading to teach.
        """
        readable = prediction is not None and prediction.image is not None and not self.canvas.is_empty()
        for button in self.digit_buttons:
            button.setEnabled(readable)
        if readable and self._kept_said:  # the next drawing is being read: "Kept as a 7" was about the last one
            self._say("")

    def kept_count(self) -> int:
        try:
            return sum(count_corrections(corrections_dir()).values())
        except OSError:
            return 0

    def update_count(self) -> None:
        count = self.kept_count()
        self.count_label.setText(self.tr("Drawings of yours kept: {0}").format(count))
        self.forget_button.setEnabled(count > 0 and self.run is None)

    def keep_drawing(self, digit: str) -> None:
        """Keep the canvas picture as a drawing of ``digit`` and clear the canvas for the next one."""
        try:
            save_correction(corrections_dir(), self.canvas.to_array(), digit)
        except (OSError, ValueError) as exc:
            log.exception("could not keep a drawing")
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else error_text(exc)
            self._say(self.tr("Your drawing could not be kept: {0}").format(why), RED)
            return
        self.state.clear_drawing()
        self.update_count()
        count = self.kept_count()
        text = self.tr("Kept as a {0}. Draw the next one.").format(digit)
        if count < MIN_CORRECTIONS:
            text += " " + self.tr("{0} more before you can teach it.").format(MIN_CORRECTIONS - count)
        self._say(text)
        self._kept_said = True

    def open_folder(self) -> None:
        folder = corrections_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._say(self.tr("{0} could not be made: {1}").format(folder, exc.strerror or exc), RED)
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):  # no file manager on this desktop
            self._say(self.tr("No file manager could open the folder; your drawings are in {0}").format(folder))

    def ask_forget(self) -> None:
        """Ask before deleting every kept drawing (a box that does not block the window)."""
        count = self.kept_count()
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Forget your drawings"),
            tr_plural(
                count,
                self.tr(
                    "Delete the {0} drawing of yours kept for teaching? Models already taught keep what they learned."
                ),
                self.tr(
                    "Delete all {0} drawings of yours kept for teaching? Models already taught keep what they learned."
                ),
            ).format(count),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).clicked.connect(self.forget)
        box.open()
        self.confirm_box = box

    def forget(self) -> None:
        try:
            removed = clear_corrections(corrections_dir())
        except OSError as exc:
            self._say(self.tr("Your drawings could not all be deleted: {0}").format(exc.strerror or exc), RED)
        else:
            text = tr_plural(removed, self.tr("Forgot {0} drawing."), self.tr("Forgot {0} drawings."))
            self._say(text.format(removed))
        self.update_count()

    # --- teaching ---------------------------------------------------------------------
    def model_in_use(self) -> str | None:
        """The file of the model the Digits tab reads with (``None``: the shipped one)."""
        path = self.state.digits.value.path
        if path is None and digits_in_use().exists():  # what the window loads at start when there is one
            path = str(digits_in_use())
        return path

    def teach(self) -> None:
        """Start teaching in a child process, or say how many more drawings it needs."""
        if self.run is not None:
            return
        count = self.kept_count()
        if count < MIN_CORRECTIONS:
            self._say(core_text(needed_message(count)))
            return
        self.result = None
        self.use_button.hide()
        run = TrainingRun(teach_handwriting, self.model_in_use(), None, str(corrections_dir()), self.config)
        self._watch(run, watch=True)
        self.run = run
        self._progress_message = None
        self._busy(True)
        self._say(self.tr("Starting…"))
        run.start()

    def _watch(self, run: TrainingRun, watch: bool) -> None:
        """Follow a teaching run's signals, or stop following them (a panel built over the state takes it over)."""
        run.watch((self._progressed, self._succeeded, self._cancelled, self._failed, self._finished), connect=watch)

    def _cancelled(self) -> None:
        self._say(self.tr("Teaching cancelled; nothing was saved."))

    def _failed(self, message: object) -> None:
        self._say(self.tr("Teaching failed: {0}").format(core_text(message)), RED)

    def cancel(self) -> None:
        if self.run is not None:
            self.run.cancel()

    def stop(self) -> None:
        """Cancel a teaching run and wait for it to end (the window is closing; a panel that took it over has it)."""
        if self.run is not None:
            self.run.cancel()
            self.run.wait(10000)

    def _busy(self, busy: bool) -> None:
        self.teach_button.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.progress.setValue(0)
        self.update_count()
        self.busyChanged.emit(busy)

    def _progressed(self, p: Progress) -> None:
        if p.kind == "message":
            self._progress_message = p.message
            self._say(localised(p.message))
        elif p.kind == "batch":
            self.progress.setValue(round(1000 * p.fraction))

    def _finished(self) -> None:
        self.run = None
        self._busy(False)

    def _succeeded(self, result: TeachResult) -> None:
        self.result = result
        self._show_result(result)
        self.taught.emit(result)

    def _show_result(self, result: TeachResult) -> None:
        """Say how the taught model reads, and offer it unless it forgot too much."""
        lines = [
            self.tr("On your {0} drawings: before, {1} of {0} right; after, {2} of {0}.").format(
                result.drawings, result.before_right, result.after_right
            )
        ]
        if result.held_out:
            lines.append(
                self.tr(
                    "On the {0} kept out of teaching (it never saw them, so this is the honest figure): "
                    "before {1} of {0}, after {2} of {0}."
                ).format(result.held_out, result.held_before_right, result.held_after_right)
            )
        else:
            lines.append(
                self.tr(
                    'It learned from all of them, so "after" is partly memorised; '
                    "from {0} drawings on, some are kept out to check."
                ).format(HOLD_OUT_FROM)
            )
        lines.append(
            self.tr("MNIST test digits: {0} right before, {1} after.").format(
                percent(result.test_before, 2), percent(result.test_after, 2)
            )
        )
        if result.rejected_before is not None:
            lines.append(
                self.tr(
                    'Letters, shapes and scribbles of kinds it never learned from, called "not a digit": '
                    "{0} before, {1} after."
                ).format(percent(result.rejected_before), percent(result.rejected_after))
            )
        if result.skipped:  # named, so the person can look at them or delete them
            files = ", ".join(f"{path} ({why})" for path, why in result.skipped[:3])
            more = len(result.skipped) - 3
            lines.append(self.tr("Left out, unreadable: {0}").format(files + (f" +{more}" if more > 0 else "")))
        if result.unknown_classes:
            names = ", ".join(result.unknown_classes)
            lines.append(self.tr("Left out, folders the model has no class for: {0}").format(names))
        if result.forgot and result.test_after >= forgetting_floor(result.test_before):
            lines.append(
                self.tr(
                    'It forgot part of what "not a digit" means, so it is not offered as your model; '
                    "it is saved as {0}."
                ).format(result.saved_to)
            )
            self._say("\n".join(lines), RED)
        elif result.forgot:
            lines.append(
                self.tr(
                    "It forgot part of MNIST (under {0}), so it is not offered as your model; it is saved as {1}."
                ).format(percent(forgetting_floor(result.test_before), 1), result.saved_to)
            )
            self._say("\n".join(lines), RED)
        else:
            self._say("\n".join(lines))
            self.use_button.show()

    def use_taught_model(self) -> None:
        """Put the taught model in use, now and at later starts (*Back to the shipped model* undoes it)."""
        if self.result is None or self.result.forgot:
            return
        source, target = self.result.saved_to, digits_in_use()
        self.use_button.setEnabled(False)

        def installed(_: Any) -> None:
            panel = self._newest()
            panel.use_button.setEnabled(True)
            panel.use_button.hide()
            panel._taught_path, panel._taught_model = str(target), None  # "now in use" once the state holds it
            load_digits_into(panel.state, str(target), lambda message: failed(message, ""))

        def failed(message: str, tb: str) -> None:
            panel = self._newest()
            panel._taught_path = None
            panel.use_button.setEnabled(True)
            text = QCoreApplication.translate("HandwritingPanel", "Could not use the taught model: {0}")
            panel._say(text.format(message), RED)

        run_in_worker(lambda: copy_model(source, target), installed, failed)  # file work off the GUI thread

    def _newest(self) -> HandwritingPanel:
        """The panel over this state now: this one, or the one a language switch built meanwhile."""
        ref = _PANELS.get(self.state)
        panel = ref() if ref is not None else None
        return panel if panel is not None and shiboken6.isValid(panel) else self

    def _model_changed(self, slot: LoadedModel) -> None:
        """Say "now in use" when the taught model is the state's, and take it back when another replaces it."""
        if slot.status != "ready" or slot.error or slot.model is None:
            return
        if self._taught_path is not None and slot.path == self._taught_path:
            self._taught_path, self._taught_model = None, slot.model
            self._say_in_use()
        elif self._taught_model is not None and slot.model is not self._taught_model:
            self._taught_model = None  # Back to the shipped model, Open digit model…, the Training tab's model
            if self._in_use_said:
                self._say("")

    def _say_in_use(self) -> None:
        self._say(self.tr("The taught model is now in use."))
        self._in_use_said = True

    def _say(self, text: str, style: str = GREY) -> None:
        self._kept_said = self._in_use_said = False
        self.message_label.setText(text)
        self.message_label.setStyleSheet(style)
