"""The user's few remembered choices (the language, the recogniser picked), in a small JSON file.

The file lives in the user data folder (``settings.json``) and is replaced atomically, so a crash while
saving leaves the previous choices. A missing or damaged file means "nothing chosen yet": the app starts as
a new user's would, with no error.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any

from models.model_file import atomic_write_bytes
from models.paths import user_data_dir

log = logging.getLogger(__name__)


def settings_path() -> Path:
    """Where the choices are kept."""
    return user_data_dir() / "settings.json"


def read_settings() -> dict[str, Any]:
    """Every remembered choice; empty when the file is missing or damaged (it is then ignored, not an error)."""
    path = settings_path()
    try:
        settings = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("%s cannot be read, earlier choices are ignored: %s", path, exc)
        return {}
    return settings if isinstance(settings, dict) else {}


def save_setting(key: str, value: Any) -> None:
    """Remember ``key`` = ``value`` beside the other choices.

    Raises
    ------
    OSError
        If the file cannot be written (the previous file is then left as it was).
    """
    settings = read_settings()
    settings[key] = value
    atomic_write_bytes(settings_path(), (json.dumps(settings, indent=1) + "\n").encode())


def remember_recognizer(path: Path | str) -> None:
    """Open the Faces tab with ``path`` next time (until a recogniser is retrained after now).

    Raises
    ------
    OSError
        If the choice cannot be saved.
    """
    save_setting("recognizer", {"path": str(Path(path).resolve()), "picked_at": time.time()})


def picked_recognizer() -> tuple[Path, float] | None:
    """The recogniser file picked last and when (seconds since the epoch), if one was and still exists."""
    picked = read_settings().get("recognizer")
    try:
        path, when = Path(picked["path"]), float(picked["picked_at"])
    except (TypeError, KeyError, ValueError):
        return None
    return (path, when) if path.is_file() else None
