"""Datasets from a folder per class: ``DIR/alice/*.jpg``, ``DIR/bob/*.png``…

The same convention as ``keras.utils.image_dataset_from_directory``: each
sub-folder is a class, named by the folder. Unreadable files are skipped and
counted with the reason, never fatal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from models.image_io import FACE_MAX_SIDE, IMAGE_SUFFIXES, as_rgb, read_image  # noqa: F401 - as_rgb re-exported
from models.messages import QT_TRANSLATE_NOOP, Message

SMALL_CLASS = 5  # fewer images than this gets a warning
RESERVED_CLASS = "unknown"  # what a recognizer says of strangers (models.recognizer.UNKNOWN), in any case


def check_class_name(name: str, folder: Path | str | None = None) -> None:
    """Refuse a class name a recognizer could not tell from its "unknown" answer.

    Raises
    ------
    ValueError
        ``name`` is ``unknown`` in any case; the message names the folder when given.
    """
    if name.strip().casefold() == RESERVED_CLASS:
        raise ValueError(
            Message(
                QT_TRANSLATE_NOOP(
                    "core",
                    "class folder {0} is named '{1}', which is what the recogniser answers for strangers: "
                    "rename it (only an evaluation folder may hold strangers under that name)",
                ),
                folder if folder is not None else name,
                name,
            )
        )


@dataclass
class FolderDataset:
    """Image paths and their class labels, found in a folder-per-class tree."""

    root: Path
    classes: list[str]
    paths: list[Path]
    labels: list[int]
    skipped: list[tuple[Path, str]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Number of images per class."""
        counter = Counter(self.labels)
        return {name: counter.get(i, 0) for i, name in enumerate(self.classes)}

    def warnings(self) -> list[str]:
        """Human-readable warnings: tiny classes, skipped files."""
        out = [
            Message.counted(
                n,
                QT_TRANSLATE_NOOP("core", "class '{0}' has only {1} image; {2} or more work better"),
                QT_TRANSLATE_NOOP("core", "class '{0}' has only {1} images; {2} or more work better"),
                name,
                n,
                SMALL_CLASS,
            )
            for name, n in self.counts().items()
            if n < SMALL_CLASS
        ]
        out += [
            Message(QT_TRANSLATE_NOOP("core", "class '{0}' cannot be trained: rename it"), name)
            for name in self.classes
            if name.strip().casefold() == RESERVED_CLASS
        ]
        if self.skipped:
            out.append(
                Message.counted(
                    len(self.skipped),
                    QT_TRANSLATE_NOOP("core", "skipped {0} file that is not a readable image"),
                    QT_TRANSLATE_NOOP("core", "skipped {0} files that are not readable images"),
                    len(self.skipped),
                )
            )
        return out

    def summary_lines(self) -> list[str]:
        """The dataset in a few lines: totals, then each class and each skipped file."""
        lines = [
            Message(
                QT_TRANSLATE_NOOP("core", "{0} images in {1} classes from {2}"),
                len(self.paths),
                len(self.classes),
                self.root,
            )
        ]
        lines += [
            Message.counted(
                n,
                QT_TRANSLATE_NOOP("core", "{1} image of {0}"),
                QT_TRANSLATE_NOOP("core", "{1} images of {0}"),
                name,
                n,
            )
            for name, n in self.counts().items()
        ]
        lines += [
            Message(QT_TRANSLATE_NOOP("core", "skipped {0}: {1}"), path.name, why) for path, why in self.skipped[:20]
        ]
        if len(self.skipped) > 20:
            lines.append(Message(QT_TRANSLATE_NOOP("core", "… and {0} more skipped"), len(self.skipped) - 20))
        return lines

    def summary(self, text: Callable[[str], str] = str) -> str:
        """A few lines describing the dataset, for the CLI and the Training tab.

        ``text`` turns each line into what is shown (the window passes its translation).
        """
        first, *rest = (text(line) for line in self.summary_lines())
        return "\n".join([first, *("  " + line for line in rest)])


def scan_folder(
    root: Path | str, check_readable: bool = False, for_training: bool = False, min_classes: int = 2
) -> FolderDataset:
    """Find the classes and images under ``root``.

    Parameters
    ----------
    root
        Folder with one sub-folder per class (images may sit in nested folders).
    check_readable
        Open every image now, so unreadable ones are skipped up front.
    for_training
        Refuse a class folder named ``unknown`` (see :func:`check_class_name`);
        an evaluation folder may use it for strangers.
    min_classes
        Class folders needed: two to learn to tell classes apart; an evaluation
        may ask about one (are strangers refused? is Bob named?).

    Raises
    ------
    ValueError
        Fewer than ``min_classes`` classes, a class with no image, or (``for_training``)
        a class named ``unknown``: clear messages that name the folder.
    FileNotFoundError
        If ``root`` is not a folder.
    """
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(Message(QT_TRANSLATE_NOOP("core", "{0} is not a folder"), root))
    class_dirs = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not class_dirs:
        raise ValueError(
            Message(QT_TRANSLATE_NOOP("core", "{0} has no class folders (one per person, pet or thing)"), root)
        )
    if len(class_dirs) < min_classes:
        raise ValueError(
            Message(
                QT_TRANSLATE_NOOP(
                    "core", "{0} needs at least two class folders (one per person, pet or thing), found {1}"
                ),
                root,
                len(class_dirs),
            )
        )
    if for_training:
        for folder in class_dirs:
            check_class_name(folder.name, folder)
    paths: list[Path] = []
    labels: list[int] = []
    skipped: list[tuple[Path, str]] = []
    for label, folder in enumerate(class_dirs):
        found = 0
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
            if path.suffix.lower() not in IMAGE_SUFFIXES:
                skipped.append((path, Message(QT_TRANSLATE_NOOP("core", "not an image file type"))))
                continue
            if check_readable:
                try:
                    read_image(path, FACE_MAX_SIDE)
                except (OSError, ValueError) as exc:
                    skipped.append((path, str(exc)))
                    continue
            paths.append(path)
            labels.append(label)
            found += 1
        if found == 0:
            raise ValueError(Message(QT_TRANSLATE_NOOP("core", "class folder {0} has no images"), folder))
    return FolderDataset(root, [d.name for d in class_dirs], paths, labels, skipped)
