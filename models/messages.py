"""Messages from the Qt-free core that the window can show in the user's language.

A :class:`Message` is an ordinary ``str`` (in English, so the CLI, logs and
tests read it as before) that also keeps its template and arguments. The
window translates the template with Qt and fills in the same arguments.
Templates are marked with :func:`QT_TRANSLATE_NOOP` so Qt's ``lupdate``
finds them in these files, without the core importing Qt.

A text with a count ("1 picture", "2 pictures") has two source texts, a
singular and a plural one, and :func:`plural` picks one by the language's
rule. Qt's own numerus forms (``tr(text, "", n)``) would need an English
``.ts`` file for English, which the app does not ship, so the form is chosen
here in code and each form is translated as an ordinary text.
"""

from __future__ import annotations

from typing import Any

CONTEXT = "core"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark ``text`` for translation in ``context``; returns it unchanged."""
    return text


def is_singular(count: float, language: str = "en") -> bool:
    """Whether ``count`` takes the singular in ``language`` (CLDR's "one" category).

    Portuguese as spoken in Brazil ("pt", "pt_BR") says "0 foto" and "1 foto": CLDR's rule is
    ``i = 0..1`` (the integer part is 0 or 1). English, and every other language here (European
    Portuguese included), uses English's rule: exactly 1.

    Parameters
    ----------
    count : float
        The number shown beside the noun (an ``int`` in practice).
    language : str
        The language code the text is shown in, e.g. ``"en"`` or ``"pt_BR"``.
    """
    if language.startswith("pt") and language != "pt_PT":
        return int(abs(count)) in (0, 1)
    return count == 1


def plural(count: float, one: str, other: str, language: str = "en") -> str:
    """``one`` when ``count`` takes the singular in ``language``, else ``other``.

    The chosen text is returned as it is, not formatted: the caller fills in the count (and the
    rest) as with any other text, e.g. ``plural(n, "{0} photo", "{0} photos").format(n)``.
    Both texts must be marked for translation where they are written (``self.tr`` or
    :func:`QT_TRANSLATE_NOOP`), so that ``lupdate`` finds each.
    """
    return one if is_singular(count, language) else other


class Message(str):
    """English text made from ``template.format(*args)``, remembering both for translation.

    A message made with :meth:`counted` also keeps its count and both source texts, so the
    window can pick the form by the UI language's rule, not English's.
    """

    template: str
    args: tuple[Any, ...]
    forms: tuple[float, str, str] | None  # (count, singular, plural) of a counted message

    def __new__(cls, template: str, *args: Any) -> Message:
        text = super().__new__(cls, template.format(*args))
        text.template, text.args, text.forms = template, args, None
        return text

    @classmethod
    def counted(cls, count: float, one: str, other: str, *args: Any) -> Message:
        """The English text of the form that ``count`` takes, formatted with ``args``.

        ``args`` are all the arguments of the text, the count among them where it is shown.
        """
        text = cls(plural(count, one, other), *args)
        text.forms = (count, one, other)
        return text

    def template_for(self, language: str) -> str:
        """The source text to translate for ``language``: the form its count takes there."""
        if self.forms is None:
            return self.template
        return plural(*self.forms, language=language)

    def __reduce__(self) -> tuple[Any, ...]:  # crosses process boundaries with its template
        if self.forms is not None:
            return (_counted, (self.forms, self.args))
        return (Message, (self.template, *self.args))


def _counted(forms: tuple[float, str, str], args: tuple[Any, ...]) -> Message:
    """Rebuild a counted :class:`Message` after pickling."""
    return Message.counted(*forms, *args)
