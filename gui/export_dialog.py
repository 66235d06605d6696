"""Model ▸ Export…: write the digit model or the face/pet recogniser in use as TFLite, ONNX or a SavedModel."""

from __future__ import annotations

import gc
import importlib.util
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.file_dialogs import documents_folder, remember, save_file, start_folder
from gui.worker import run_in_worker
from models.app_state import AppState
from models.paths import digits_in_use
from training.export import FORMATS, default_out

# What each format is called in the dialog (FORMATS is the order they are offered in).
FORMAT_NAMES = {
    "tflite": QT_TRANSLATE_NOOP("ExportDialog", "TFLite (phones, small devices)"),
    "onnx": QT_TRANSLATE_NOOP("ExportDialog", "ONNX (ONNX Runtime, other frameworks)"),
    "savedmodel": QT_TRANSLATE_NOOP("ExportDialog", "TensorFlow SavedModel (a folder)"),
}
INSTALL_EXPORT = 'pip install "digitface[export]"'
EXPORTS = "export"  # the file dialogs' kind (gui.file_dialogs): exports open where the last one went


def export_name(out: Path, fmt: str) -> Path:
    """``out`` named for ``fmt``: ``mine.tflite`` → ``mine.onnx`` / ``mine_savedmodel`` (the person's name kept)."""
    stem = out.name.removesuffix("_savedmodel")
    if Path(stem).suffix in (".tflite", ".onnx"):
        stem = Path(stem).stem
    return default_out(out.with_name(f"{stem}.keras"), fmt)


def onnx_available() -> bool:
    """Whether the export extra (the tf2onnx converter and the onnxruntime the example uses) is installed."""
    return all(importlib.util.find_spec(name) is not None for name in ("tf2onnx", "onnxruntime"))


class ExportDialog(QDialog):
    """Pick a model in use, a format and where to write it; the export runs on the model-work thread.

    The model in use is exported from its file (a fresh copy is loaded), so
    the window's own model is never touched.
    """

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.running = False
        self.setWindowTitle(self.tr("Export a model"))

        self.what = QComboBox()
        self.what.addItem(self.tr("The digit model in use"), "digits")
        faces = state.faces.value
        if faces.model is not None and faces.path:
            self.what.addItem(self.tr("The face/pet recogniser in use"), "faces")
        self.format = QComboBox()
        for fmt in FORMATS:
            self.format.addItem(self.tr(FORMAT_NAMES[fmt]), fmt)
        self.out = QLineEdit()
        self.chosen: Path | None = None  # the person's path, typed or browsed to: kept when the choices change
        self.out.textEdited.connect(lambda text: setattr(self, "chosen", Path(text.strip()) if text.strip() else None))
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.setToolTip(self.tr("Choose where the exported model goes"))
        self.browse_button.clicked.connect(self.browse)
        where = QHBoxLayout()
        where.addWidget(self.out, 1)
        where.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.tr("&Model:"), self.what)
        form.addRow(self.tr("&Format:"), self.format)
        save_to = QLabel(self.tr("&Save to:"))
        save_to.setBuddy(self.out)  # a row of a layout gets no buddy by itself: "&Save to:" showed its "&"
        form.addRow(save_to, where)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(self.tr("&Export"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setToolTip(self.tr("Write the model and a Python example that runs it"))
        self.export_button.clicked.connect(self.export)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.what.currentIndexChanged.connect(self._choice_changed)
        self.format.currentIndexChanged.connect(self._choice_changed)
        self._choice_changed()
        self.resize(520, self.sizeHint().height())

    # --- choices ----------------------------------------------------------------------
    def source(self) -> Path | None:
        """The file of the chosen model in use (``None``: the shipped digit model)."""
        if self.what.currentData() == "faces":
            return Path(self.state.faces.value.path)
        path = self.state.digits.value.path
        if path is None and digits_in_use().exists():  # the model accepted in the Training tab
            return digits_in_use()
        return Path(path) if path is not None else None

    def suggested_name(self) -> str:
        """A file name a person understands for the chosen model (not the file the app keeps it in)."""
        if self.what.currentData() == "faces":
            model = self.state.faces.value.model
            return "faces_model" if getattr(model, "backbone", "face") == "face" else "pets_things_model"
        return "digit_model"

    def _choice_changed(self) -> None:
        """A new model or format: the path for it, and whether it can be exported here.

        Before the person chose a path it is a plain name in the folder of the last export (in this session),
        else in Documents or the home folder; once they chose one, only its ending follows the format.
        """
        fmt = self.format.currentData()
        if self.chosen is not None:
            out = export_name(self.chosen, fmt)
        else:
            out = default_out(start_folder(EXPORTS, documents_folder()) / f"{self.suggested_name()}.keras", fmt)
        self.out.setText(str(out))
        self._update_export_button()

    def _update_export_button(self) -> None:
        """Export is offered unless one is running or the chosen format's converter is missing."""
        if self.format.currentData() == "onnx" and not onnx_available():
            self.message.setText(
                self.tr("ONNX export needs the export extra (tf2onnx and onnxruntime). Install it with: {0}").format(
                    INSTALL_EXPORT
                )
            )
            self.export_button.setEnabled(False)
        else:
            self.message.clear()
            self.export_button.setEnabled(not self.running)

    def browse(self) -> None:
        """Ask where to write the export."""
        fmt = self.format.currentData()
        if fmt == "savedmodel":  # a folder: named like a file, created by the export
            path = save_file(self, EXPORTS, self.tr("Export to a folder"), self.out.text())
        else:
            patterns = {"tflite": self.tr("TFLite models (*.tflite)"), "onnx": self.tr("ONNX models (*.onnx)")}
            path = save_file(self, EXPORTS, self.tr("Export to"), self.out.text(), patterns[fmt])
            if path and not path.endswith(f".{fmt}"):
                path += f".{fmt}"
        if path:
            self.chosen = Path(path)
            self.out.setText(path)

    # --- the export -------------------------------------------------------------------
    def export(self) -> None:
        """Export on the model-work thread; the result or the error is shown in the dialog."""
        from training.export import export_digits, export_faces

        text = self.out.text().strip()
        if not text:
            self.message.setText(self.tr("Choose where to save the export first."))
            return
        fmt, kind, source = self.format.currentData(), self.what.currentData(), self.source()
        out = Path(text).expanduser()  # "~/x.onnx" is the home folder's, not a folder named "~"
        if not out.is_absolute():  # a bare name goes where the suggestions go, not where the app was started
            out = start_folder(EXPORTS, documents_folder()) / out
        self.running = True
        self.export_button.setEnabled(False)
        self.message.setText(self.tr("Exporting to {0}…").format(out))

        def job() -> Any:
            if kind == "faces":
                return export_faces(source, fmt, out)
            return export_digits(source, fmt, out)

        # TensorFlow's TFLite converter calls gc.collect() itself, on the worker: whatever cyclic garbage
        # holds Qt widgets (a closed window) would be deleted there and hang both threads. Empty it here first.
        gc.collect()
        run_in_worker(job, self._done, self._failed)

    def _done(self, result: Any) -> None:
        self.running = False
        remember(EXPORTS, Path(result.model).parent)  # the next export is offered beside this one
        self._update_export_button()  # the path stays the person's: a second Export writes where they chose
        self.message.setText(
            self.tr("Exported to {0}; an example that runs it is {1}").format(result.model, result.example)
        )

    def _failed(self, message: str, tb: str) -> None:
        self.running = False
        self._update_export_button()
        if "tf2onnx" in message or "onnxruntime" in message:  # the converter is missing: say how to get it
            message = self.tr("ONNX export needs the export extra. Install it with: {0}").format(INSTALL_EXPORT)
        self.message.setText(self.tr("The export failed; the model in use is unchanged.\n{0}").format(message))
