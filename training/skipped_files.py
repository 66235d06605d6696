"""What a training run says about the pictures it could not use, on the console and in the window."""

from __future__ import annotations

from pathlib import Path

from models.messages import QT_TRANSLATE_NOOP, Message

SHOWN = 10  # files named one by one; the rest are counted


def skipped_lines(skipped: list[tuple[Path, str]], root: Path, shown: int = SHOWN) -> list[str]:
    """One heading line, then ``class/file: why`` for the first ``shown`` files and "… and N more".

    Paths are given relative to ``root`` (the training folder), so two classes' ``01.jpg`` differ.
    """
    if not skipped:
        return []
    lines: list[str] = [
        Message.counted(
            len(skipped),
            QT_TRANSLATE_NOOP("core", "skipped {0} picture that could not be used:"),
            QT_TRANSLATE_NOOP("core", "skipped {0} pictures that could not be used:"),
            len(skipped),
        )
    ]
    for path, why in skipped[:shown]:
        try:
            name = path.relative_to(root)
        except ValueError:
            name = path
        lines.append(f"  {name}: {why}")
    if len(skipped) > shown:
        lines.append(Message(QT_TRANSLATE_NOOP("core", "  … and {0} more"), len(skipped) - shown))
    return lines
