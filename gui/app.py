"""Start the DigitFace window fast: show it first, load TensorFlow and the models in a worker."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from gui.i18n import install_language, preferred_language, save_language
from gui.main_window import MainWindow
from gui.worker import run_in_worker
from models.paths import faces_in_use

# Set by benchmarks/launch_time.py: print when the window shows and the model is ready, then quit.
STARTUP_REPORT_ENV = "DIGITFACE_STARTUP_REPORT"


def load_digit_predictor(path: str | None = None):
    """Import TensorFlow and load the digit model (runs in a worker thread).

    Without a path: the model accepted in the Training tab if there is one, else the shipped model.
    """
    # Keras imports matplotlib.pyplot, when installed, only for a plotting helper the app never
    # uses: about 0.8 s of start-up. Marking it absent makes Keras skip it (as without matplotlib).
    sys.modules.setdefault("matplotlib.pyplot", None)
    from models.digit_model import DigitPredictor
    from models.paths import digits_in_use

    if path is None and digits_in_use().exists():
        path = str(digits_in_use())
    return DigitPredictor.load(path)


def load_recognizer(path):
    """Load a face/pet recogniser (runs in a worker thread)."""
    from models.recognizer import Recognizer

    return Recognizer.load(path)


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


def start_model_loading(window: MainWindow, report: bool = False) -> None:
    """Load the digit model in the background and hand it to the Digits tab."""

    def done(predictor) -> None:
        target = _windows[-1] if _windows else window  # the window now open: the language may have changed
        target.digits_tab.set_predictor(predictor)
        target.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Digit model ready."), 5000)
        if report:
            print(f"model-ready {time.time():.4f}", flush=True)
            QApplication.quit()

    def failed(message: str, tb: str) -> None:
        target = _windows[-1] if _windows else window  # as in done()
        target.digits_tab.set_load_error(message)
        target.statusBar().showMessage(QCoreApplication.translate("MainWindow", "The digit model could not be loaded."))
        print(tb, file=sys.stderr)
        if report:
            print("model-failed", flush=True)
            QApplication.quit()

    run_in_worker(load_digit_predictor, done, failed)


_windows: list[MainWindow] = []  # the open window; Qt does not keep Python windows alive by itself


def open_window(language: str, previous: MainWindow | None = None) -> MainWindow:
    """Show a main window in ``language``; with ``previous``, take over its state and close it."""
    install_language(language)
    window = MainWindow(language)
    window.languageChosen.connect(lambda code: switch_language(window, code))
    if previous is not None:
        window.take_over(previous)
    window.show()
    if previous is not None:
        previous.close()
        _windows.remove(previous)
    _windows.append(window)
    return window


def switch_language(window: MainWindow, code: str) -> None:
    """Rebuild the window in another language (texts are set when widgets are made) and remember it."""
    save_language(code)
    open_window(code, previous=window)


def main(argv: list[str] | None = None) -> int:
    """Open the DigitFace window."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    argv = list(argv or [])
    args = parse_args(argv)
    report = bool(os.environ.get(STARTUP_REPORT_ENV))
    skip_pyside_import_scan()
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationName("DigitFace")
    window = open_window(preferred_language())
    if report:
        app.processEvents()
        print(f"window-shown {time.time():.4f}", flush=True)
    # Start the heavy imports once the window has had its first paint.
    QTimer.singleShot(0, lambda: start_model_loading(window, report))
    if not report:
        faces = window.faces_tab
        model = Path(args.faces_model) if args.faces_model else faces_in_use()
        if args.faces_model or model.exists():
            QTimer.singleShot(0, lambda: faces.load_model_in_background(model))
        if args.camera is not None:
            window.tabs.setCurrentWidget(faces)
            faces.set_source(args.camera)
            QTimer.singleShot(0, faces.start)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
