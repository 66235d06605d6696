"""Model files: a Keras ``.keras`` file plus a JSON metadata file beside it.

Saves are atomic (temp file, then rename), so a failed or cancelled save never
damages the model in use. Loading uses Keras ``safe_mode``; metadata is JSON,
never pickle.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def metadata_path(model_path: Path | str) -> Path:
    """The JSON file that goes with a model file: ``name.keras`` → ``name.json``."""
    return Path(model_path).with_suffix(".json")


def _readable(tmp: str) -> None:
    # mkstemp makes owner-only files; a saved model or record is an ordinary file.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temp file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        _readable(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_model(model: Any, path: Path | str, metadata: dict[str, Any]) -> Path:
    """Save a Keras model and its metadata atomically.

    Parameters
    ----------
    model
        A ``keras.Model``.
    path
        Destination; must end in ``.keras``.
    metadata
        JSON-serialisable facts about the model (classes, metrics, date…).
    """
    path = Path(path)
    if path.suffix != ".keras":
        raise ValueError(f"model files end in .keras, got {path.name}")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".keras", dir=path.parent)
    os.close(fd)
    try:
        model.save(tmp)
        _readable(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    text = json.dumps(metadata, indent=2, sort_keys=True) + "\n"
    atomic_write_bytes(metadata_path(path), text.encode())
    return path


def load_metadata(path: Path | str) -> dict[str, Any]:
    """Metadata of a model file; empty when there is none."""
    meta = metadata_path(path)
    if not meta.exists():
        return {}
    return json.loads(meta.read_text())


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
    try:
        return keras.saving.load_model(path, compile=False, safe_mode=True)
    except Exception as exc:  # keras raises many types for a bad file
        raise ValueError(f"{path} is not a readable Keras model: {exc}") from exc
