"""Load models off the GUI thread into the app state's slots; what *Open model…* and friends do."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from gui.worker import run_in_worker
from models.app_state import AppState
from models.model_file import load_metadata, metadata_path
from models.paths import digits_in_use

log = logging.getLogger("digitface")
# The window's words for a recogniser opened as a digit model: the core's point to the command line.
NOT_DIGITS = QT_TRANSLATE_NOOP(
    "ModelLoading", "{0} is a face/pet recogniser, not a digit model: use it in the Faces tab ({1})"
)


def load_digit_predictor(path: str | Path | None = None) -> Any:
    """Import TensorFlow and load a digit model (runs in a worker thread).

    Without a path: the model accepted in the Training tab if there is one, else the shipped model.
    Any other file must be a digit model (a 28×28×1 input and ten outputs); a face/pet
    recogniser or a damaged file raises ``ValueError`` naming the file.
    """
    # Keras imports matplotlib.pyplot, when installed, only for a plotting helper the app never
    # uses: about 0.8 s of start-up. Marking it absent makes Keras skip it (as without matplotlib).
    sys.modules.setdefault("matplotlib.pyplot", None)
    from models.digit_model import DigitPredictor

    if path is None and digits_in_use().exists():
        path = digits_in_use()
    try:
        return DigitPredictor.load(path)  # names the file: damaged, a face/pet model, or another shape
    except ValueError as exc:
        if path is not None and _is_recognizer(path):  # the core's text names a command; the window has a button
            pick = QCoreApplication.translate("FacesTab", "Pic&k model…").replace("&", "")
            raise ValueError(QCoreApplication.translate("ModelLoading", NOT_DIGITS).format(path, pick)) from exc
        raise


def _is_recognizer(path: str | Path) -> bool:
    """Whether ``path``'s metadata says it is a face/pet recogniser (``False`` when it cannot be read)."""
    try:
        return load_metadata(Path(path)).get("kind", "digits") != "digits"
    except (OSError, ValueError):
        return False


def load_recognizer(path: str | Path) -> Any:
    """Load a face/pet recogniser (runs in a worker thread)."""
    from models.recognizer import Recognizer

    return Recognizer.load(path)


def load_digits_into(
    state: AppState, path: str | Path | None = None, on_error: Callable[[str], None] | None = None
) -> None:
    """Load a digit model in the background into ``state.digits``; a failure keeps the model in use.

    ``on_error(message)`` runs on the GUI thread after a failure (the slot says why as well).
    """
    state.digits.set(state.digits.value.loading())

    def done(predictor: Any) -> None:
        state.digits.set(state.digits.value.ready(predictor, None if path is None else str(path)))

    def failed(message: str, tb: str) -> None:
        # The worker has logged the traceback already; the slot keeps the model in use.
        state.digits.set(state.digits.value.failed(message))
        if on_error is not None:
            on_error(message)

    run_in_worker(lambda: load_digit_predictor(path), done, failed)


def forget_accepted_digit_model() -> None:
    """Delete the digit model accepted in the Training tab, so the shipped one is used from now on.

    Raises ``OSError`` when a file cannot be removed (the next start would use it again).
    """
    for file in (digits_in_use(), metadata_path(digits_in_use())):
        file.unlink(missing_ok=True)
    log.info("forgot the accepted digit model %s", digits_in_use())
