"""The People dialog's keys: every Alt+letter does one thing (Qt only cycles focus between two that share it)."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("pytestqt")
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QAbstractButton  # noqa: E402

from gui.people_dialog import PeopleDialog  # noqa: E402


def test_every_alt_key_in_the_people_dialog_does_one_thing(qtbot, tmp_path):
    """ "Add from &camera" and "&Close" shared Alt+C: it only moved the focus between them."""
    for name in ("Ana", "Bo"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "1.jpg").write_bytes(b"")
    dialog = PeopleDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    keys: dict[str, list[str]] = {}
    for button in dialog.findChildren(QAbstractButton):
        found = re.search(r"&([^&])", button.text().replace("&&", ""))
        if found and button.isVisible():
            keys.setdefault(found.group(1).lower(), []).append(button.text())
    assert len(keys) >= 6 and all(len(names) == 1 for names in keys.values()), keys
    asked = []
    dialog.enrolFromCamera.connect(asked.append)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)  # Add from ca&mera
    qtbot.waitUntil(lambda: asked == [dialog.current()])
