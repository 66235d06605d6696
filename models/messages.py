"""Messages from the Qt-free core that the window can show in the user's language.

A :class:`Message` is an ordinary ``str`` (in English, so the CLI, logs and
tests read it as before) that also keeps its template and arguments. The
window translates the template with Qt and fills in the same arguments.
Templates are marked with :func:`QT_TRANSLATE_NOOP` so Qt's ``lupdate``
finds them in these files, without the core importing Qt.
"""

from __future__ import annotations

from typing import Any

CONTEXT = "core"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark ``text`` for translation in ``context``; returns it unchanged."""
    return text


class Message(str):
    """English text made from ``template.format(*args)``, remembering both for translation."""

    template: str
    args: tuple[Any, ...]

    def __new__(cls, template: str, *args: Any) -> Message:
        text = super().__new__(cls, template.format(*args))
        text.template, text.args = template, args
        return text

    def __reduce__(self) -> tuple[Any, ...]:  # crosses process boundaries with its template
        return (Message, (self.template, *self.args))
