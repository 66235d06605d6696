"""Model files: one Keras ``.keras`` archive that carries its own metadata.

A model and its metadata used to be two files renamed one after the other; a
full disk or a signal between the two renames left a new model with the old
labels. Now the metadata is a member of the ``.keras`` zip archive
(``digitface.json``, which Keras' loader ignores), so one rename replaces
both, and the ``name.json`` beside it is only a readable copy. Models saved
before (a ``.keras`` plus a ``.json`` holding the metadata) still load.

A save writes a temp file in the same folder, flushes it to the disk, renames
it over the model and flushes the folder: after a failure at any step the
path holds exactly the old model or exactly the new one. The readable copy is
written afterwards, and the old model's copy is deleted right after the
rename, so only a process killed between those two system calls leaves a copy
that describes the previous model (loading never reads it: the model carries
its own). Temp files a killed save left behind are swept by a later save into
the same folder. Loading uses Keras ``safe_mode``; metadata is JSON, never
pickle, and is checked against :mod:`models.metadata`.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from models.metadata import MetadataError, validate_metadata

METADATA_MEMBER = "digitface.json"  # Keras writes its own "metadata.json"; this name is ours
# Temp files of a save (mkstemp: ".<name>.<8 random>.tmp[.keras]"); a killed process leaves them behind:
# models and their copies, and what atomic_write_bytes writes (feature caches of many MB, settings, drawings).
_LEFTOVER = re.compile(r"^\..+\.[A-Za-z0-9]+\.[a-z0-9_]{8}\.tmp(\.keras)?$")
LEFTOVER_AGE_S = 3600  # far longer than any save takes, so another process's save in progress is never touched


def metadata_path(model_path: Path | str) -> Path:
    """The readable JSON copy beside a model file: ``name.keras`` → ``name.json``."""
    return Path(model_path).with_suffix(".json")


def _readable(tmp: str) -> None:
    # mkstemp makes owner-only files; a saved model or record is an ordinary file.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)


def _temp_beside(path: Path, suffix: str = ".tmp") -> str:
    """A new, empty hidden temp file in ``path``'s folder (a rename within a folder is atomic)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    os.close(fd)
    return tmp


def _write_synced(path: str, data: bytes) -> None:
    """Write ``data`` to an existing file and flush it to the disk."""
    fd = os.open(path, os.O_WRONLY | os.O_TRUNC)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync(path: str | Path, flags: int) -> None:
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: str) -> None:
    _fsync(path, os.O_RDWR)


def _fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (Windows cannot open a folder; its renames are journaled)."""
    if os.name != "nt":
        _fsync(folder, os.O_RDONLY)


def _sweep_leftovers(folder: Path) -> None:
    """Delete the temp files that killed saves left in ``folder`` an hour or more ago (best effort)."""
    cutoff = time.time() - LEFTOVER_AGE_S
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if _LEFTOVER.match(entry.name) and entry.is_file(follow_symlinks=False):
                    if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                        os.unlink(entry.path)
    except OSError:
        pass  # a leftover that cannot go now is tried again at the next save


def _remove(*paths: str | Path | None) -> None:
    for p in paths:
        if p is not None:
            Path(p).unlink(missing_ok=True)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temp file in the same folder and a rename.

    Temp files that killed writes left in the folder an hour or more ago are deleted first.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    _sweep_leftovers(path.parent)
    tmp: str | None = _temp_beside(path)
    try:
        _write_synced(tmp, data)
        _readable(tmp)
        os.replace(tmp, path)
        tmp = None
        _fsync_dir(path.parent)
    finally:
        _remove(tmp)


def check_model_destination(path: Path | str) -> Path:
    """Refuse a place a model cannot be saved to, before any work is done.

    Raises
    ------
    ValueError
        If ``path`` does not end in ``.keras`` or is a folder.
    OSError
        If nothing can be written there (read-only folder or disk, a file in the way).
    """
    path = Path(path)
    if path.suffix != ".keras":
        raise ValueError(f"{path}: model files end in .keras")
    if path.is_dir():
        raise ValueError(f"{path} is a folder; give a file name ending in .keras")
    folder = path.parent.absolute()
    while not folder.exists():  # save_model creates missing folders: check the one it would create them in
        folder = folder.parent
    if not folder.is_dir():
        raise NotADirectoryError(f"cannot save {path}: {folder} is a file, not a folder")
    try:
        probe = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OSError(exc.errno, f"cannot save {path}: {exc.strerror or exc} in {folder}") from None
    os.close(probe[0])
    os.unlink(probe[1])
    return path


def save_model(model: Any, path: Path | str, metadata: dict[str, Any]) -> Path:
    """Save a Keras model with its metadata inside it, atomically, plus a readable JSON copy.

    Parameters
    ----------
    model
        A ``keras.Model``.
    path
        Destination; must end in ``.keras``.
    metadata
        JSON-serialisable facts about the model (classes, metrics, date…).

    Raises
    ------
    MetadataError
        If ``metadata`` does not fit :mod:`models.metadata`'s schema (nothing is written).
    OSError
        Naming ``path`` (never a temp file) when the disk is full or not writable;
        ``path`` then still holds the model it held before.
    """
    path = Path(path)
    if path.suffix != ".keras":
        raise ValueError(f"model files end in .keras, got {path.name}")
    validate_metadata(metadata, str(path))  # what could not be loaded back is never written
    try:
        # allow_nan=False: NaN is not JSON, and Python's reader would take it back silently.
        text = (json.dumps(metadata, indent=2, sort_keys=True, allow_nan=False) + "\n").encode()
    except (TypeError, ValueError) as exc:
        raise MetadataError(str(path), None, f"the metadata cannot be written as JSON: {exc}") from None
    with _signals_held():
        _install(path, model.save, text, embed=True)
    return path


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl+C and SIGTERM until a save has finished, then act on them.

    A save takes a second or less. Ctrl+C landing inside h5py's writer came out as a TypeError
    ("Operation not defined for data type"), reported as an internal error; SIGTERM left a temp
    file behind. Held, they stop the program once the model is saved (or the save failed), so the
    run says "stopped after saving". Signals can only be handled on the main thread: elsewhere
    (the window's workers) this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    held = (signal.SIGINT, signal.SIGTERM)
    before = {number: signal.signal(number, lambda n, frame: caught.append(n)) for number in held}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)
        if caught:
            signal.raise_signal(caught[0])  # now, with the program's own handler: KeyboardInterrupt, or exit


def _install(path: Path, write_archive: Callable[[str], Any], text: bytes, embed: bool) -> None:
    """Put a new model archive at ``path`` with one rename, then its readable JSON copy beside it.

    ``write_archive`` writes the ``.keras`` archive to the temp path it is given; with
    ``embed`` the metadata ``text`` is added to it as :data:`METADATA_MEMBER`.
    """
    tmp: str | None = None
    renaming = committed = False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _sweep_leftovers(path.parent)
        tmp = _temp_beside(path, ".tmp.keras")  # Keras insists on the suffix
        write_archive(tmp)
        if embed:
            with zipfile.ZipFile(tmp, "a", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(METADATA_MEMBER, text)
        _fsync_file(tmp)
        _readable(tmp)
        renaming = True
        os.replace(tmp, path)  # the one step that replaces the model and its metadata
        committed = True
        metadata_path(path).unlink(missing_ok=True)  # the old model's copy: gone rather than misleading
        _fsync_dir(path.parent)
    except BaseException as exc:
        # A signal can land just after the rename took effect: look at the file, not at the last step reached.
        committed = committed or (renaming and not os.path.exists(tmp))
        _remove(tmp)
        if not committed:
            if isinstance(exc, OSError):  # name the user's file, not the hidden temp file
                raise OSError(exc.errno, f"could not save {path}: {exc.strerror or exc}") from exc
            raise
        with contextlib.suppress(OSError):
            metadata_path(path).unlink(missing_ok=True)
        if not isinstance(exc, OSError):
            raise
        return  # saved; the folder could not be flushed, so no copy is written either
    try:
        # Only for people to read: a disk with room for the model but not for this copy still saves the model.
        atomic_write_bytes(metadata_path(path), text)
    except OSError:
        pass


def copy_model(source: Path | str, target: Path | str) -> Path:
    """Copy a model file over another one (e.g. to put it in use) as one atomic unit, with its readable copy.

    A model saved before the metadata moved inside the archive gets it embedded on the way.

    Raises
    ------
    FileNotFoundError, MetadataError
        If ``source`` is missing, has no metadata or damaged metadata (``target`` is untouched).
    OSError
        Naming ``target`` when it cannot be written; ``target`` then still holds its old model.
    """
    source, target = Path(source), Path(target)
    metadata = load_metadata(source)
    if not zipfile.is_zipfile(source):
        raise ValueError(f"{source} is not a readable Keras model (not a .keras archive)")
    if not metadata:
        raise MetadataError(str(metadata_path(source)), None, "is missing: a model without metadata cannot be used")
    with zipfile.ZipFile(source) as archive:
        embedded = METADATA_MEMBER in archive.namelist()
    text = (json.dumps(metadata, indent=2, sort_keys=True) + "\n").encode()
    with _signals_held():
        _install(target, lambda tmp: shutil.copyfile(source, tmp), text, embed=not embedded)
    return target


def _read_metadata_text(path: Path) -> tuple[bytes | None, str]:
    """The metadata's bytes and the name of where they came from (``None`` when there are none)."""
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                if METADATA_MEMBER in archive.namelist():
                    return archive.read(METADATA_MEMBER), f"{path} ({METADATA_MEMBER} inside it)"
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
            raise MetadataError(str(path), None, f"is a damaged model archive ({exc})") from None
    info = metadata_path(path)  # a model saved before the metadata moved inside it
    if info.is_file():
        return info.read_bytes(), str(info)
    return None, str(info)


def load_metadata(path: Path | str) -> dict[str, Any]:
    """Checked metadata of a model file; empty for a model saved without any.

    Raises
    ------
    FileNotFoundError
        If there is no model file at ``path``.
    MetadataError
        (a ``ValueError``) naming the file and field when the metadata is not
        valid JSON or does not fit :mod:`models.metadata`'s schema.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no model file at {path}")
    data, source = _read_metadata_text(path)
    if data is None:
        return {}
    try:
        meta = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise MetadataError(source, None, "is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        problem = f"is not valid JSON ({exc.msg}: line {exc.lineno} column {exc.colno})"
        raise MetadataError(source, None, problem) from None
    except RecursionError:
        raise MetadataError(source, None, "is nested too deeply to be metadata") from None
    return validate_metadata(meta, source)


def load_model(path: Path | str) -> Any:
    """Load a ``.keras`` model in safe mode (no arbitrary code), without its optimizer.

    Raises
    ------
    FileNotFoundError
        If there is no file at ``path``.
    ValueError
        If the file is not a loadable Keras model.
    """
    import keras

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no model file at {path}")
    if not zipfile.is_zipfile(path):  # Keras would say "File not found" of an empty or foreign file
        what = "an empty file" if path.stat().st_size == 0 else "not a .keras archive"
        raise ValueError(f"{path} is not a Keras model file ({what})")
    try:
        return keras.saving.load_model(path, compile=False, safe_mode=True)
    except Exception as exc:  # keras raises many types for a bad file
        raise ValueError(f"{path} is not a readable Keras model: {exc}") from exc
