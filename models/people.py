"""The enrolled people: one folder of photos per person (``people/<name>/``), managed safely.

Every change is one rename or a copy through a temporary file and a rename, so a
failure (a full disk, a name taken meanwhile) leaves every photo where it was.
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path

from models.image_io import FACE_MAX_SIDE, IMAGE_SUFFIXES, as_rgb, read_image
from models.messages import QT_TRANSLATE_NOOP, Message

# Windows' reserved device names: not valid folder names there, so refused everywhere.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
_BAD_CHARS = re.compile(r'[/\\:*?"<>|\x00-\x1f]')


class PeopleError(ValueError):
    """A name or file that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Person:
    """One enrolled person: the folder and how many photos it holds."""

    name: str
    folder: Path
    photos: int


def list_people(root: Path) -> list[Person]:
    """Everyone enrolled under ``root``, by name; a missing ``root`` means nobody."""
    if not root.is_dir():
        return []
    people = []
    folders = (p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    for folder in sorted(folders, key=lambda p: (p.name.casefold(), p.name)):  # as a person reads a list
        photos = sum(1 for f in folder.iterdir() if f.suffix.lower() in IMAGE_SUFFIXES)
        people.append(Person(folder.name, folder, photos))
    return people


def _same(name: str) -> str:
    """What two names that are one person's share: "alice" is Alice, "Straße" is STRASSE, accents however typed."""
    return unicodedata.normalize("NFC", name).casefold()


def same_person(a: str, b: str) -> bool:
    """Whether two names name one person (see :func:`check_name`)."""
    return _same(a) == _same(b)


def check_name(root: Path, name: str, current: str | None = None) -> str:
    """The name stripped, if it can name a new person folder under ``root``.

    Raises
    ------
    PeopleError
        Empty, "unknown" (the recogniser's word for strangers), not a valid folder name
        on every system, or already someone else's.
    """
    # One spelling per name: "José" typed with a combining accent (macOS, a paste) looked the same as "José"
    # and became a second person.
    name = unicodedata.normalize("NFC", name).strip()
    if not name:
        raise PeopleError(Message(QT_TRANSLATE_NOOP("core", "the name is empty")))
    if name.lower() == "unknown":
        raise PeopleError(Message(QT_TRANSLATE_NOOP("core", '"unknown" is the word for strangers')))
    if (
        _BAD_CHARS.search(name)
        or name.startswith(".")
        or name.endswith((" ", "."))
        or name.split(".")[0].lower() in _RESERVED
        or len(name.encode()) > 200
    ):
        raise PeopleError(
            Message(QT_TRANSLATE_NOOP("core", '"{0}" is not a valid folder name; avoid / \\ : * ? " < > |'), name)
        )
    taken = {_same(p.name) for p in list_people(root)} - {_same(current or "")}
    if _same(name) in taken:
        raise PeopleError(Message(QT_TRANSLATE_NOOP("core", "{0} is already enrolled"), name))
    return name


def rename_person(root: Path, old: str, new: str) -> Path:
    """Rename ``old``'s folder to ``new`` (one rename: all or nothing); returns the new folder."""
    new = check_name(root, new, current=old)
    source, target = root / old, root / new
    if not source.is_dir():
        raise PeopleError(Message(QT_TRANSLATE_NOOP("core", "{0} is not enrolled"), old))
    if source.name == new:
        return source
    os.rename(source, target)  # no os.replace: never over an existing folder
    return target


def delete_person(root: Path, name: str) -> None:
    """Remove ``name``'s folder: first renamed out of sight in one step, then deleted."""
    folder = root / name
    if not folder.is_dir():
        raise PeopleError(Message(QT_TRANSLATE_NOOP("core", "{0} is not enrolled"), name))
    trash = root / f".deleted-{uuid.uuid4().hex}"
    os.rename(folder, trash)  # if this fails, nothing changed
    shutil.rmtree(trash, ignore_errors=True)  # leftovers are hidden and ignored by training


def add_photos(root: Path, name: str, files: list[Path]) -> tuple[int, list[tuple[Path, str]]]:
    """Copy readable image files into ``name``'s folder; returns (added, [(file, why it was skipped)]).

    Each copy goes through a temporary file and a rename, so a failure leaves no half photo.
    Raises ``OSError`` (after cleaning up) when writing fails, e.g. on a full disk.
    """
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    added, skipped = 0, []
    for file in files:
        file = Path(file)
        try:
            as_rgb(read_image(file, FACE_MAX_SIDE))  # refuse what training could not read
        except (OSError, ValueError) as exc:
            skipped.append((file, str(exc)))
            continue
        target = free_photo_name(folder, file.stem, file.suffix.lower())
        tmp = folder / f".{target.name}.tmp"
        try:
            shutil.copyfile(file, tmp)
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        added += 1
    return added, skipped


def free_photo_name(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem+suffix``, or ``stem_2``, ``stem_3``… when taken: a photo never replaces another."""
    target = folder / f"{stem}{suffix}"
    n = 2
    while target.exists():
        target = folder / f"{stem}_{n}{suffix}"
        n += 1
    return target


def remove_empty_people(root: Path) -> list[str]:
    """Remove the folders of people with no files at all (e.g. an Add person that took no photo).

    Only truly empty folders go (``os.rmdir`` refuses any other), so nothing a person put there is lost.
    Returns the names removed.
    """
    removed = []
    for person in list_people(root):
        if person.photos == 0:
            try:
                person.folder.rmdir()
            except OSError:  # not empty (other files) or not ours to remove: training will name it
                continue
            removed.append(person.name)
    return removed
