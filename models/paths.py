"""Where shipped assets and the user's own files live."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "DigitFace"


def asset_path(*parts: str) -> Path:
    """Path of a file shipped in the ``assets`` package."""
    import assets

    return Path(assets.__file__).parent.joinpath(*parts)


def user_data_dir() -> Path:
    """Per-user folder for trained models, runs and enrolled images (created on demand)."""
    path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def digits_in_use() -> Path:
    """The digit model accepted in the Training tab; the shipped one is used while there is none."""
    return user_data_dir() / "models" / "digits_in_use.keras"


def faces_in_use() -> Path:
    """The recogniser the Faces tab uses, retrained when someone is added."""
    return user_data_dir() / "models" / "faces.keras"


def window_models() -> list[Path]:
    """The model files the window keeps and replaces itself; the command line writes beside them, never over them."""
    return [digits_in_use(), faces_in_use(), things_in_use()]


def people_dir() -> Path:
    """Enrolled people's photos, one folder per person."""
    return user_data_dir() / "people"


def corrections_dir() -> Path:
    """The user's corrected drawings, one folder per class (``corrections/7/….png``), for *Teach it my handwriting*."""
    return user_data_dir() / "corrections"


def things_in_use() -> Path:
    """The pet/thing recogniser the Faces tab built with *Add class…* (the newer of this and faces.keras loads)."""
    return user_data_dir() / "models" / "things.keras"


def things_dir() -> Path:
    """Pictures of pets and things recorded with *Add class…*, one folder per class (as people are)."""
    return user_data_dir() / "things"
