"""Start the DigitFace window fast: show it first, load TensorFlow and the models in a worker.

Also the ``digitface`` command: with no arguments (or only window options) it opens the window;
``digitface <area> <verb> …`` runs the command line in :mod:`training.cli` (imports go gui → training).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from gui.i18n import install_language, preferred_language, save_language
from gui.main_window import MainWindow
from gui.model_loading import load_digit_predictor, load_digits_into, load_recognizer
from models.app_state import AppState, LoadedModel
from models.logs import setup_logging
from models.settings import recognizer_in_use
from training.run_state import RunState

__all__ = ["load_digit_predictor", "load_recognizer", "main", "open_window", "start_model_loading"]

# Set by benchmarks/launch_time.py: print when the window shows and the model is ready, then quit.
STARTUP_REPORT_ENV = "DIGITFACE_STARTUP_REPORT"
WINDOW_OPTIONS = ("--camera", "--faces-model")


def make_training_state() -> RunState:
    """The Training tab's run state, made once and handed to every window (a language switch keeps it)."""
    return RunState()


def skip_pyside_import_scan() -> None:
    """Stop PySide reading the source of every module imported after it.

    PySide replaces ``__import__`` to support ``from __feature__ import
    snake_case``, and after each import it scans the new module's source for
    PySide use: about a second more to import TensorFlow's thousands of
    modules. DigitFace uses no ``__feature__``, so every module can be
    answered "no" at once. Older or newer PySide versions without this hook
    are left alone.
    """
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = lambda module: False


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The window's own options; unknown ones are left for Qt."""
    parser = argparse.ArgumentParser(prog="digitface", description="Open the DigitFace window.")
    parser.add_argument("--camera", help="Faces tab source: a camera number, a video file or an image folder")
    parser.add_argument("--faces-model", help="recogniser to load in the Faces tab")
    args, _ = parser.parse_known_args(argv)
    return args


def start_model_loading(state: AppState, report: bool = False) -> None:
    """Load the digit model in the background into ``state.digits``; every view follows the slot."""
    if report:

        def reported(slot: LoadedModel) -> None:
            if slot.status in ("ready", "failed"):
                print("model-ready" if slot.error == "" else "model-failed", f"{time.time():.4f}", flush=True)
                QApplication.quit()

        state.digits.changed.connect(reported)
    load_digits_into(state)


_windows: list[MainWindow] = []  # the open window; Qt does not keep Python windows alive by itself


def open_window(
    state: AppState | str, training_state: RunState | None = None, previous: MainWindow | None = None
) -> MainWindow:
    """Show a main window over ``state`` in its language; with ``previous``, put it in its place and close it.

    A language code instead of a state starts a fresh state in that language.
    """
    if isinstance(state, str):
        state = AppState(state)
    install_language(state.language.value)
    window = MainWindow(state, training_state)
    window.languageChosen.connect(lambda code: switch_language(window, code, training_state))
    if previous is not None:
        window.setGeometry(previous.geometry())
        keep_places(previous, window)
    window.show()
    if previous is not None:
        previous.close_without_asking = (
            True  # a switch happens only when nothing would be lost (teaching is taken over)
        )
        previous.close()
        previous.deleteLater()  # deleted here, on the GUI thread, not whenever a collection finds it
        _windows.remove(previous)
        window.raise_()  # the keyboard goes on working (Alt keys, F1, Ctrl+O) without a click first
        window.activateWindow()
    _windows.append(window)
    return window


def keep_places(previous: MainWindow, window: MainWindow) -> None:
    """Open the new window's tabs where the old one's were: the main tab, and the Training tab's view and results."""
    pairs = [
        (previous.tabs, window.tabs),
        (previous.training_tab.views, window.training_tab.views),
        (previous.training_tab.report.tabs, window.training_tab.report.tabs),
    ]
    for old, new in pairs:
        index = old.currentIndex()
        if 0 <= index < new.count() and new.isTabVisible(index):  # "Skipped" shows only for a run that skipped files
            new.setCurrentIndex(index)


def switch_language(window: MainWindow, code: str, training_state: RunState | None = None) -> MainWindow:
    """Build new views over the same state in another language (texts are set when widgets are made)."""
    save_language(code)
    window.state.language.set(code)
    return open_window(window.state, training_state, previous=window)


def main(argv: list[str] | None = None) -> int:
    """The ``digitface`` command: the window, or the command line for ``digitface <area> <verb>``."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # TensorFlow's C++ start-up chatter
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and not argv[0].startswith(WINDOW_OPTIONS):
        from training.cli import main as cli_main

        return cli_main(argv)
    setup_logging(verbose=False)
    args = parse_args(argv)
    report = bool(os.environ.get(STARTUP_REPORT_ENV))
    skip_pyside_import_scan()
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationName("DigitFace")
    state = AppState(preferred_language())
    training_state = make_training_state()  # outlives every window, as the AppState does
    window = open_window(state, training_state)
    if report:
        app.processEvents()
        print(f"window-shown {time.time():.4f}", flush=True)
    # Start the heavy imports once the window has had its first paint.
    QTimer.singleShot(0, lambda: start_model_loading(state, report))
    if not report:
        faces = window.faces_tab
        model = Path(args.faces_model) if args.faces_model else recognizer_in_use()
        if args.faces_model or model.exists():
            QTimer.singleShot(0, lambda: faces.load_model_in_background(model))
        if args.camera is not None:
            window.tabs.setCurrentWidget(faces)
            faces.set_source(args.camera)
            QTimer.singleShot(0, faces.start)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
