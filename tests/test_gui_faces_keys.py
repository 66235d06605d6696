"""The Faces tab's Alt keys: in every state each one does one thing (Qt only moves the focus between two)."""

from __future__ import annotations

import cv2
import pytest
from faces_data import shipped, train_things, variants, write_folder
from gui_helpers import choose_language, click_main_tab, close_every_window, mnemonic_clashes, open_main_window

pytest.importorskip("pytestqt")
pytest.importorskip("skimage")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox  # noqa: E402

import gui.class_recorder  # noqa: E402
from models.paths import things_dir  # noqa: E402

LEFT = Qt.MouseButton.LeftButton
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture()
def window(qtbot, monkeypatch, tmp_path):
    """A new user's window (no people, things or models) on the Faces tab, chosen in the tab bar."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(gui.class_recorder, "COUNTDOWN_STEP_MS", 150)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    w = open_main_window(qtbot)
    click_main_tab(qtbot, w, w.faces_tab)
    assert w.tabs.currentWidget() is w.faces_tab
    yield w
    tab = w.faces_tab
    tab.stop()
    if tab._things_run is not None:
        tab.cancel_retrain()
        tab._things_run.wait(60000)


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, LEFT)


def alt(qtbot, window, key: Qt.Key) -> None:
    """Press Alt+``key`` in the active window, as a person does."""
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    qtbot.keyClick(window, key, ALT)


def test_every_alt_key_of_the_faces_tab_does_one_thing_in_every_state(
    window, qtbot, monkeypatch, tmp_path, tmp_path_factory
):
    """Alt+M met the Model menu (Load model), Alt+I the "Inside the network" tab (Classify image), Alt+F the
    Faces tab (Folder), Alt+T the Training tab (Retrain), Alt+L the Language menu (Cancel), Alt+D the Digits
    tab (Done): Qt then cycles the focus between them and clicks nothing."""
    tab = window.faces_tab
    assert tab.add_class_button.isVisible()  # no recogniser yet: every button of the idle tab is in sight
    assert mnemonic_clashes(window) == {}, "idle"

    cats = write_folder(
        tmp_path / "slides", {"cat": [cv2.resize(f, (320, 240)) for f in variants(shipped("chelsea"), 4, 3)]}
    )
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(cats / "cat"))
    alt(qtbot, window, Qt.Key.Key_R)  # Folde&r…: picks the folder and plays it
    qtbot.waitUntil(lambda: tab.view.frames_shown >= 1, timeout=20000)
    assert window.tabs.currentWidget() is tab and tab.source_box.source() == str(cats / "cat")
    tab.capture.source.loop = True  # a camera never ends; the slides would
    assert tab.start_button.text() == "&Stop"
    assert mnemonic_clashes(window) == {}, "a source playing"

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Ana", True))
    click(qtbot, tab.add_button)
    assert tab._enrol is not None
    assert mnemonic_clashes(window) == {}, "Add person"
    click(qtbot, tab.start_button)  # Stop ends Add person
    assert tab._enrol is None and tab.capture is None

    write_folder(things_dir(), {"coffee": variants(shipped("coffee"), 8, 2), "mug": variants(shipped("coffee"), 8, 4)})
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("cat", True))
    click(qtbot, tab.add_class_button)  # starts the source again
    qtbot.waitUntil(lambda: tab.record_panel.isVisible() and tab.capture is not None, timeout=20000)
    tab.capture.source.loop = True
    assert mnemonic_clashes(window) == {}, "Add class"

    tab.things_backbone, tab.things_epochs = "scratch", 200  # long enough to be cancelled; never a download
    click(qtbot, tab.retrain_button)  # while recording: Cancel, Hold to record and Done all in sight
    assert tab.cancel_retrain_button.isVisible() and tab.record_panel.isVisible()
    assert mnemonic_clashes(window) == {}, "retraining while recording"

    alt(qtbot, window, Qt.Key.Key_O)  # D&one (Alt+D is the Digits tab's)
    qtbot.waitUntil(lambda: not tab.record_panel.isVisible(), timeout=10000)
    assert window.tabs.currentWidget() is tab
    alt(qtbot, window, Qt.Key.Key_N)  # Ca&ncel (Alt+L is the Language menu's)
    qtbot.waitUntil(lambda: not tab.cancel_retrain_button.isEnabled())  # asked to stop (an animated click)
    qtbot.waitUntil(lambda: tab._things_run is None, timeout=120000)
    assert tab.message.text() == "Retraining cancelled; the recogniser in use stays."

    # A pet/thing recogniser in use: the bars beside the video.
    model = train_things(tmp_path_factory)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(model), ""))
    alt(qtbot, window, Qt.Key.Key_K)  # Pic&k model… (Alt+M is the Model menu's)
    qtbot.waitUntil(lambda: tab.recognizer is not None and tab.bars.isVisible(), timeout=60000)
    assert tab.add_class_button.isVisible()
    assert mnemonic_clashes(window) == {}, "the whole-picture bars shown"

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "gone.avi"), ""))
    click(qtbot, tab.browse_video)
    qtbot.waitUntil(tab.retry_button.isVisible, timeout=20000)
    assert mnemonic_clashes(window) == {}, "Retry shown"


def test_in_portuguese_too_every_alt_key_of_the_faces_tab_does_one_thing(qtbot, monkeypatch, tmp_path):
    """The translations choose their own mnemonics, against the Portuguese menus and tabs.

    Fails while the new English texts (Folde&r…, Pic&k model…, D&one…) wait for their translation, like
    test_i18n: translate them with letters no menu, main tab or other button of the tab uses.
    """

    from gui import app
    from models.app_state import AppState

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("gato", True))
    first = app.open_window(AppState("en"))
    qtbot.waitExposed(first)
    try:
        window = choose_language(qtbot, first, "pt_BR")
        click_main_tab(qtbot, window, window.faces_tab)
        tab = window.faces_tab
        assert mnemonic_clashes(window) == {}, "idle"
        cats = write_folder(tmp_path / "slides", {"cat": variants(shipped("chelsea"), 2, 3)}) / "cat"
        tab.set_source(str(cats))
        click(qtbot, tab.add_class_button)  # starts the source, shows Hold to record and Done
        qtbot.waitUntil(lambda: tab.record_panel.isVisible() and tab.capture is not None, timeout=20000)
        tab.retrain_progress.show()  # what retraining shows (no child process needed to see its texts)
        tab.cancel_retrain_button.show()
        tab.retry_button.show()
        assert mnemonic_clashes(window) == {}, "recording, with Retrain's Cancel and Retry"
    finally:
        close_every_window()
