"""What the Faces tab remembers from one start of the app to the next."""

from __future__ import annotations

import os
import shutil

import pytest
from faces_data import train_things
from gui_helpers import click_main_tab

pytest.importorskip("pytestqt")
pytest.importorskip("skimage")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QFileDialog  # noqa: E402

from gui.main_window import MainWindow  # noqa: E402
from models.app_state import AppState  # noqa: E402
from models.paths import faces_in_use  # noqa: E402
from models.settings import settings_path  # noqa: E402

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(scope="module")
def things_file(tmp_path_factory):
    return train_things(tmp_path_factory)


def start_app(qtbot):
    """A new window over a new state, as the app builds at start, on the Faces tab chosen in the tab bar."""
    window = MainWindow(AppState("en"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    click_main_tab(qtbot, window, window.faces_tab)
    return window


def test_a_picked_recogniser_is_used_again_at_the_next_start_while_it_exists(qtbot, monkeypatch, tmp_path, things_file):
    """The app started with the faces model retrained last, forgetting the file picked with Pick model…"""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    retrained = faces_in_use()
    retrained.parent.mkdir(parents=True)
    shutil.copy(things_file, retrained)  # a recogniser retrained before the pick
    os.utime(retrained, (1e9, 1e9))
    picked = shutil.copy(things_file, tmp_path / "my pets.keras")

    first = start_app(qtbot)
    qtbot.waitUntil(lambda: first.state.faces.value.status == "ready", timeout=60000)
    assert first.state.faces.value.path == str(retrained)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(picked), ""))
    qtbot.mouseClick(first.faces_tab.load_button, LEFT)
    qtbot.waitUntil(lambda: first.state.faces.value.path == str(picked), timeout=60000)
    first.close()

    second = start_app(qtbot)  # a restart: nothing carried over but the files
    qtbot.waitUntil(lambda: second.state.faces.value.status == "ready", timeout=60000)
    assert second.state.faces.value.path == str(picked) and second.faces_tab.recognizer is not None
    second.close()

    os.remove(picked)  # moved or deleted since: the retrained one, as before, with no error
    third = start_app(qtbot)
    qtbot.waitUntil(lambda: third.state.faces.value.status == "ready", timeout=60000)
    assert third.state.faces.value.path == str(retrained) and third.state.faces.value.error == ""
    assert third.faces_tab.message.text() == ""


def test_a_damaged_settings_file_starts_as_before(qtbot, monkeypatch, tmp_path, things_file):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    retrained = faces_in_use()
    retrained.parent.mkdir(parents=True)
    shutil.copy(things_file, retrained)
    settings_path().write_bytes(b'{"recognizer": {"path": 3')  # cut short by a crash of another program
    window = start_app(qtbot)
    qtbot.waitUntil(lambda: window.state.faces.value.status == "ready", timeout=60000)
    assert window.state.faces.value.path == str(retrained) and window.faces_tab.message.text() == ""
