"""The window's language: English or Brazilian Portuguese, with Qt's own translation files.

Texts are marked with ``tr()`` in the views; ``pyside6-lupdate`` collects
them into ``assets/i18n/digitface_pt_BR.ts`` (edit it with Qt Linguist) and
``pyside6-lrelease`` compiles that to the ``.qm`` file loaded here.
"""

from __future__ import annotations

import logging
import string
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from models.messages import CONTEXT, Message, plural
from models.paths import asset_path
from models.settings import read_settings, save_setting

log = logging.getLogger(__name__)

# Each language named in its own language, as menus show them.
LANGUAGES = {"en": "English", "pt_BR": "Português (Brasil)"}

_installed: list[QTranslator] = []
_language = "en"  # the language the UI's texts are in now: plural forms are chosen by its rule


def saved_language() -> str | None:
    """The language chosen in the menu earlier, if any."""
    value = read_settings().get("language")
    return value if value in LANGUAGES else None


def save_language(code: str) -> None:
    """Remember the menu choice for the next start (kept with the user's other DigitFace data).

    A choice that cannot be saved (a full disk) is logged: the switch itself still happens.
    """
    try:
        save_setting("language", code)
    except OSError as exc:
        log.warning("The language choice could not be saved: %s", exc)


def preferred_language(system: str | None = None) -> str:
    """The saved choice, else the system's language when we have it, else English."""
    saved = saved_language()
    if saved:
        return saved
    system = system or QLocale.system().name()  # e.g. "pt_BR", "pt_PT", "en_US"
    return "pt_BR" if system.startswith("pt") else "en"


def current_language() -> str:
    """The code of the language the UI is shown in now ("en" until another is installed)."""
    return _language


def ui_locale() -> QLocale:
    """The locale of the UI's language: numbers in the window are written its way ("99.5", "99,5")."""
    return QLocale(_language)


def decimal(value: float, decimals: int) -> str:
    """``value`` with ``decimals`` decimals in the UI language's way: "0.25" in English, "0,25" in Portuguese."""
    return ui_locale().toString(float(value), "f", decimals)


def number(value: float, significant: int = 6) -> str:
    """``value`` with at most ``significant`` significant digits (Python's ``g``) in the UI language's way:
    "0.003" / "0,003", "3e-05"."""
    return ui_locale().toString(float(value), "g", significant)


def percent(fraction: float, decimals: int = 0) -> str:
    """``fraction`` (0 to 1) as a percentage with ``decimals`` decimals, in the UI language's way ("99,5%").

    Rounded to the nearest, except that less than 1 never reads 100%: 0.996 is "99%" (or "99.9%"), so a
    label and a bar that round the same fraction agree, and neither claims certainty the model does not have.
    """
    value = round(100 * float(fraction), decimals)
    if value >= 100 and fraction < 1:
        value = 100 - 10.0**-decimals
    return f"{decimal(value, decimals)}%"


def tr_plural(count: float, one: str, other: str) -> str:
    """The one of two translated texts (``self.tr`` of the singular and plural) that ``count`` takes.

    Chosen by the UI language's rule (Portuguese: 0 and 1 are singular; English: only 1),
    see :func:`models.messages.plural`; the caller formats the result.
    """
    return plural(count, one, other, _language)


class _LocaleNumbers(string.Formatter):
    """``str.format`` that writes fixed decimals and percentages ("{0:.2f}", "{0:.1%}") the UI language's way
    ("99,63"), and with ``whole_numbers`` plain whole numbers too ("6.000")."""

    def __init__(self, whole_numbers: bool = False) -> None:
        super().__init__()
        self.whole_numbers = whole_numbers

    def format_field(self, value: Any, format_spec: str) -> str:
        if self.whole_numbers and isinstance(value, int) and not isinstance(value, bool) and format_spec in ("", ","):
            return ui_locale().toString(value)
        if isinstance(value, float) and format_spec.startswith(".") and format_spec[1:-1].isdigit():
            if format_spec.endswith("f"):
                return decimal(value, int(format_spec[1:-1]))
            if format_spec.endswith("%"):
                return percent(value, int(format_spec[1:-1]))
        if isinstance(value, float) and format_spec == "g":  # "0.002" → "0,002"
            return number(value)
        return super().format_field(value, format_spec)


def core_text(text: object, whole_numbers: bool = False) -> str:
    """A message from the core in the UI's language (plain strings pass through unchanged).

    Its decimals are written the language's way ("12,5 images/s"), and with ``whole_numbers`` its counts
    too ("6.000"); the command line and the logs keep the core's own English text.
    """
    if not isinstance(text, Message):
        return str(text)
    args = [core_text(a, whole_numbers) if isinstance(a, Message) else a for a in text.args]
    template = QCoreApplication.translate(CONTEXT, text.template_for(_language))
    return _LocaleNumbers(whole_numbers).format(template, *args)


def error_text(exc: BaseException) -> str:
    """An exception's message in the UI's language, or its type's name when it has none."""
    first = exc.args[0] if exc.args else None
    return core_text(first) if isinstance(first, Message) else (str(exc) or type(exc).__name__)


class _MnemonicFallback(QTranslator):
    """Qt's own texts that Qt 6 gave a mnemonic, in the words its catalogue still has without one.

    ``qtbase_pt_BR`` translates "Look in:" and "Files of type:", but the file dialog
    asks for "&Look in:" and "Files of &type:", so they stayed in English in a
    Portuguese dialog. Installed before Qt's catalogue, it is asked only for what
    that catalogue lacks, and only for Qt's classes (whose contexts start with "Q").
    """

    def __init__(self, qt: QTranslator) -> None:
        super().__init__()
        self._qt = qt

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        if "&" not in source or not context.startswith("Q"):
            return None  # None, not "": an empty text would end Qt's search as if it were the translation
        text = self._qt.translate(context, source.replace("&", ""), disambiguation, n)
        return f"&{text}" if text else None

    def isEmpty(self) -> bool:
        return False


def install_language(code: str) -> bool:
    """Translate the UI into ``code`` from now on (texts set earlier keep their language).

    Returns whether the translation files were found; English needs none.
    """
    global _language
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _language = "en"  # until this language's texts are installed: plurals follow the texts shown
    if code == "en":
        return True
    ours = QTranslator()
    if not ours.load(str(asset_path("i18n", f"digitface_{code}.qm"))):
        return False
    qt = QTranslator()  # Qt's own texts: standard dialogs and buttons, when the wheel ships them
    if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        fallback = _MnemonicFallback(qt)  # the last installed is asked first: this one after Qt's catalogue
        for translator in (fallback, qt):
            app.installTranslator(translator)
            _installed.append(translator)
    app.installTranslator(ours)
    _installed.append(ours)
    _language = code
    return True
