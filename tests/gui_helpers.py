"""Helpers shared by the GUI tests (imported as ``gui_helpers``, like ``faces_data``)."""

from __future__ import annotations

import re


def mnemonic_clashes(window) -> dict[str, list[str]]:
    """Alt+letter keys that two things in sight answer: the menus, the main tabs, the current tab's buttons.

    Qt only moves the focus between widgets that share a mnemonic, and never clicks: each key must be one thing's.
    """
    from PySide6.QtWidgets import QAbstractButton, QLabel

    texts = [a.text() for a in window.menuBar().actions()]
    texts += [window.tabs.tabText(i) for i in range(window.tabs.count())]
    page = window.tabs.currentWidget()
    texts += [b.text() for b in page.findChildren(QAbstractButton) if b.isVisible()]
    texts += [label.text() for label in page.findChildren(QLabel) if label.isVisible() and label.buddy() is not None]
    keys: dict[str, list[str]] = {}
    for text in texts:
        found = re.search(r"&([^&])", text.replace("&&", ""))
        if found:
            keys.setdefault(found.group(1).lower(), []).append(text)
    return {key: names for key, names in keys.items() if len(names) > 1}


def open_main_window(qtbot, size: tuple[int, int] | None = None, tab: str | None = None, training_state=None):
    """A new main window, shown and exposed (qtbot closes it after the test), at ``size``, on the ``tab`` attribute."""
    from gui.main_window import MainWindow

    window = MainWindow(training_state=training_state)
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    if tab is not None:
        window.tabs.setCurrentWidget(getattr(window, tab))
    return window


def close_every_window() -> None:
    """After a test that switched the language: English again, and every window the app opened closed."""
    from PySide6.QtWidgets import QApplication

    from gui import app
    from gui.i18n import install_language

    install_language("en")
    for window in app._windows:
        window.close()
    app._windows.clear()
    QApplication.processEvents()


def click_main_tab(qtbot, window, page) -> None:
    """Click the main tab bar on ``page``'s tab, as a person does."""
    from PySide6.QtCore import Qt

    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(window.tabs.indexOf(page)).center())


def choose_language(qtbot, window, code: str):
    """Pick ``code`` in the Language menu; the new window the app opens over the same state, exposed."""
    from gui import app

    window.language_actions[code].trigger()
    new = app._windows[-1]
    qtbot.waitExposed(new)
    return new


def shown_training_tab(qtbot, state):
    """A Training tab alone over ``state`` (a RunState), shown; qtbot closes it after the test."""
    from gui.training_tab import TrainingTab

    tab = TrainingTab(state)
    qtbot.addWidget(tab)
    tab.show()
    return tab


def wait_for_text(qtbot, label, text: str, timeout: int) -> None:
    """Wait until ``label`` shows ``text``; on a time-out, fail naming every text it showed meanwhile."""
    seen: list[str] = []

    def shows() -> bool:
        now = label.text()
        if not seen or seen[-1] != now:
            seen.append(now)
        return text in now

    from pytestqt.exceptions import TimeoutError as QtTimeout

    try:
        qtbot.waitUntil(shows, timeout=timeout)
    except QtTimeout:
        raise AssertionError(f"{text!r} not shown in {timeout / 1000:.0f} s; it showed, in turn: {seen}") from None


def shipped_accuracy() -> float:
    """The shipped digit model's MNIST test accuracy, as its metadata records it."""
    from models.digit_model import default_model_path
    from models.model_file import load_metadata

    return load_metadata(default_model_path())["test_accuracy"]
