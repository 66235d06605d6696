"""The window's language: English or Brazilian Portuguese, with Qt's own translation files.

Texts are marked with ``tr()`` in the views; ``pyside6-lupdate`` collects
them into ``assets/i18n/digitface_pt_BR.ts`` (edit it with Qt Linguist) and
``pyside6-lrelease`` compiles that to the ``.qm`` file loaded here.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from models.messages import CONTEXT, Message, plural
from models.model_file import atomic_write_bytes
from models.paths import asset_path, user_data_dir

# Each language named in its own language, as menus show them.
LANGUAGES = {"en": "English", "pt_BR": "Português (Brasil)"}

_installed: list[QTranslator] = []
_language = "en"  # the language the UI's texts are in now: plural forms are chosen by its rule


def _settings_path():
    return user_data_dir() / "settings.json"


def saved_language() -> str | None:
    """The language chosen in the menu earlier, if any."""
    try:
        value = json.loads(_settings_path().read_text()).get("language")
    except (OSError, ValueError, AttributeError):
        return None
    return value if value in LANGUAGES else None


def save_language(code: str) -> None:
    """Remember the menu choice for the next start (kept with the user's other DigitFace data)."""
    path = _settings_path()
    try:
        settings = json.loads(path.read_text())
    except (OSError, ValueError):
        settings = {}
    settings["language"] = code
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, (json.dumps(settings, indent=1) + "\n").encode())


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


def tr_plural(count: float, one: str, other: str) -> str:
    """The one of two translated texts (``self.tr`` of the singular and plural) that ``count`` takes.

    Chosen by the UI language's rule (Portuguese: 0 and 1 are singular; English: only 1),
    see :func:`models.messages.plural`; the caller formats the result.
    """
    return plural(count, one, other, _language)


def core_text(text: object) -> str:
    """A message from the core in the UI's language (plain strings pass through unchanged)."""
    if not isinstance(text, Message):
        return str(text)
    args = [core_text(a) if isinstance(a, Message) else a for a in text.args]
    return QCoreApplication.translate(CONTEXT, text.template_for(_language)).format(*args)


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
