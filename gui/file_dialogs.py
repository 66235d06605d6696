"""The window's file dialogs: each opens in the folder the person used last for that kind of file.

Qt's static dialogs open in the working directory when given no folder, which for an app started from a
menu is nowhere the person knows. Each kind (videos, models, photos…) remembers its own folder for the
session; before the first choice it is the home folder. The static ``QFileDialog`` functions are still the
ones called, so the platform's native dialog is used (and tests can stand in for it).
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from PySide6.QtWidgets import QFileDialog, QWidget

# The folder each kind of dialog was last answered in, for this session.
_LAST_FOLDER: dict[str, Path] = {}


def start_folder(kind: str, otherwise: Path | None = None) -> Path:
    """Where a dialog of ``kind`` opens: the folder used last for it while it exists, else ``otherwise`` (home)."""
    folder = _LAST_FOLDER.get(kind)
    return folder if folder is not None and folder.is_dir() else (otherwise or Path.home())


def documents_folder() -> Path:
    """The person's Documents folder where there is one, else the home folder (for files the app suggests)."""
    documents = Path(platformdirs.user_documents_dir())
    return documents if documents.is_dir() else Path.home()


def remember(kind: str, folder: Path | str) -> None:
    """Open dialogs of ``kind`` in ``folder`` from now on."""
    _LAST_FOLDER[kind] = Path(folder)


def open_file(parent: QWidget | None, kind: str, caption: str, filters: str = "") -> str:
    """Ask for an existing file; ``""`` when cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, caption, str(start_folder(kind)), filters)
    if path:
        remember(kind, Path(path).parent)
    return path


def open_files(parent: QWidget | None, kind: str, caption: str, filters: str = "") -> list[str]:
    """Ask for existing files; empty when cancelled."""
    paths, _ = QFileDialog.getOpenFileNames(parent, caption, str(start_folder(kind)), filters)
    if paths:
        remember(kind, Path(paths[0]).parent)
    return list(paths)


def existing_folder(parent: QWidget | None, kind: str, caption: str) -> str:
    """Ask for an existing folder; ``""`` when cancelled. The next dialog opens beside it, where its siblings are."""
    path = QFileDialog.getExistingDirectory(parent, caption, str(start_folder(kind)))
    if path:
        remember(kind, Path(path).parent)
    return path


def save_file(parent: QWidget | None, kind: str, caption: str, suggested: Path | str, filters: str = "") -> str:
    """Ask where to write a file, offering ``suggested`` (its folder: where the dialog opens); ``""`` when cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, caption, str(suggested), filters)
    if path:
        remember(kind, Path(path).parent)
    return path
