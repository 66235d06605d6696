"""The window's menus and its one state: Help, digit models, and a language switch that loses nothing."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest

pytest.importorskip("pytestqt")
import shiboken6  # noqa: E402
from gui_helpers import (  # noqa: E402
    choose_language,
    click_main_tab,
    close_every_window,
    open_main_window,
    shipped_accuracy,
)
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog  # noqa: E402
from test_gui_digits import STROKES, activate, draw, use_model  # noqa: E402

from models.model_file import metadata_path  # noqa: E402
from models.paths import asset_path, digits_in_use  # noqa: E402


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path, monkeypatch):
    """These tests accept models and save a language: in a folder of their own, not the session's."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


@pytest.fixture()
def window(qtbot):
    w = open_main_window(qtbot)
    return w


def choose_file(monkeypatch, path) -> None:
    """The person picks ``path`` in the file dialog."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))


def test_help_getting_started_and_about(window, qtbot):
    activate(window)
    qtbot.keyClick(window, Qt.Key.Key_F1)  # Getting started
    box = window.help_box
    assert box is not None and box.isVisible()
    for tab in ("Digits", "Inside the network", "Faces", "Training"):
        assert f"<b>{tab}</b>" in box.text()
    # What a new user looked for and did not find: building an MLP and seeing its neurons, teaching it one's
    # handwriting, and pets and things.
    for words in ("Network: MLP", "hidden neurons", "activation", "Inside the network shows its neurons"):
        assert words in box.text()
    for words in ("Wrong? It's a:", "Teach it my handwriting", "For pets and things, Add class…"):
        assert words in box.text()
    qtbot.mouseClick(box.buttons()[0], Qt.MouseButton.LeftButton)
    assert not box.isVisible()

    window.about_action.trigger()
    text = window.help_box.text()
    assert "DigitFace" in text and "Python 3." in text and "Qt 6." in text and "TensorFlow" in text
    assert f"{shipped_accuracy():.2%}" in text  # the shipped model's accuracy ("99.63%"), from its metadata
    assert "LeCun" in text and "CC BY-SA 3.0" in text and "Davis E. King" in text


def test_open_a_digit_model_and_refuse_bad_ones(window, qtbot, predictor, tmp_path, monkeypatch):
    use_model(window, predictor)
    draw(qtbot, window.digits_tab.canvas, STROKES["7"])

    damaged = tmp_path / "damaged.keras"
    damaged.write_bytes(b"PK\x03\x04 not really a zip")
    face = tmp_path / "faces.keras"  # a recogniser's files: any Keras model with kind "recognizer"
    recognizer = {"kind": "recognizer", "backbone": "scratch", "classes": ["ada", "bob"], "input_size": [28, 28, 1]}
    with zipfile.ZipFile(asset_path("digit_cnn.keras")) as source, zipfile.ZipFile(face, "w") as target:
        for item in source.infolist():  # the metadata travels inside the archive: replace it there
            if item.filename != "digitface.json":
                target.writestr(item, source.read(item))
        target.writestr("digitface.json", json.dumps(recognizer))
    metadata_path(face).write_text(json.dumps(recognizer))
    # In the window a recogniser points to the Faces tab's button, not to the command line.
    for bad, says in ((damaged, "damaged.keras"), (face, "use it in the Faces tab (Pick model…)")):
        choose_file(monkeypatch, bad)
        window.open_model_action.trigger()
        qtbot.waitUntil(lambda: window.help_box is not None and window.help_box.isVisible(), timeout=30000)
        assert says in window.help_box.text() and "model in use stays" in window.help_box.text()
        assert "digitface faces predict" not in window.help_box.text() + window.statusBar().currentMessage()
        assert window.state.digits.value.model is predictor  # still reading digits with the old one
        assert bad.name in window.statusBar().currentMessage()
        assert "…." not in window.help_box.text() + window.statusBar().currentMessage()  # "Pick model…." no more
        assert ".." not in window.statusBar().currentMessage()
        window.help_box.close()
        window.help_box = None
    assert window.digits_tab.digit_label.text() == "7"

    good = tmp_path / "mine.keras"
    shutil.copy(asset_path("digit_cnn.keras"), good)
    shutil.copy(asset_path("digit_cnn.json"), metadata_path(good))
    choose_file(monkeypatch, good)
    activate(window)
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.state.digits.value.path == str(good), timeout=60000)
    assert window.digits_tab.predictor is not predictor and window.digits_tab.digit_label.text() == "7"
    assert window.help_box is None


def test_a_wrongly_shaped_model_is_refused(window, qtbot, predictor, tmp_path, monkeypatch):
    import keras

    use_model(window, predictor)
    other = keras.Sequential([keras.Input((128,)), keras.layers.Dense(3, activation="softmax")])
    path = tmp_path / "three_people.keras"
    other.save(path)
    choose_file(monkeypatch, path)
    window.open_model_action.trigger()
    qtbot.waitUntil(lambda: window.help_box is not None, timeout=30000)
    assert "three_people.keras is not a digit model" in window.help_box.text()
    assert window.state.digits.value.model is predictor


def test_back_to_the_shipped_model_forgets_the_accepted_one(window, qtbot, predictor):
    from gui.model_loading import load_digit_predictor
    from models.model_file import load_model, save_model

    accepted = digits_in_use()
    accepted.parent.mkdir(parents=True, exist_ok=True)
    shipped = json.loads(asset_path("digit_cnn.json").read_text())
    save_model(load_model(asset_path("digit_cnn.keras")), accepted, {**shipped, "test_accuracy": 0.5})  # a worse one
    assert load_digit_predictor().metadata["test_accuracy"] == 0.5  # what a restart would use
    use_model(window, predictor)

    window.menuBar().actions()  # Model ▸ Back to the shipped model
    window.shipped_model_action.trigger()
    qtbot.waitUntil(lambda: window.state.digits.value.status == "ready", timeout=60000)
    assert not accepted.exists() and not metadata_path(accepted).exists()
    assert window.state.digits.value.model.metadata["test_accuracy"] > 0.99
    assert load_digit_predictor().metadata["test_accuracy"] > 0.99  # and after a restart


def test_back_to_the_shipped_model_says_when_the_file_cannot_go(window, qtbot, predictor, monkeypatch):
    import errno
    from pathlib import Path

    accepted = digits_in_use()
    accepted.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(asset_path("digit_cnn.keras"), accepted)
    use_model(window, predictor)

    def refuse(self, missing_ok=False):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "unlink", refuse)
    window.shipped_model_action.trigger()
    assert "could not be removed" in window.help_box.text() and str(accepted) in window.help_box.text()
    assert window.state.digits.value.model is predictor
    monkeypatch.undo()
    accepted.unlink()


def test_journey_language_switch_keeps_model_drawing_pen_and_place(qtbot, predictor):
    """Switch to Português and back from the menu: new views over the same state lose nothing."""
    from gui import app
    from models.app_state import AppState

    state = AppState("en")
    first = app.open_window(state)  # closed and deleted by the switch; the rest are closed below
    qtbot.waitExposed(first)
    use_model(first, predictor)
    first.tabs.setCurrentWidget(first.digits_tab)
    qtbot.keyClick(first.digits_tab.pen_box, Qt.Key.Key_Down)  # a thicker pen
    draw(qtbot, first.digits_tab.canvas, STROKES["4"])
    first.tabs.setCurrentWidget(first.network_tab)
    pen = first.digits_tab.pen_box.currentIndex()
    try:
        second = choose_language(qtbot, first, "pt_BR")
        assert second is not first and first not in app._windows and second.state is state
        qtbot.waitUntil(lambda: not shiboken6.isValid(first), timeout=2000)  # the old views are gone
        menus = [a.text() for a in second.menuBar().actions()]
        assert "&Idioma" in menus and "&Language" not in menus  # the new views are in Português
        assert second.tabs.currentWidget() is second.network_tab  # the same place
        assert second.network_tab.canvas.stroke_count() == 2
        assert second.digits_tab.predictor is predictor
        qtbot.waitUntil(lambda: second.digits_tab.digit_label.text() == "4", timeout=5000)
        assert second.digits_tab.pen_box.currentIndex() == pen != 2  # not the default pen
        assert "Loading" not in second.statusBar().currentMessage()  # was stuck on "Loading…" before
        assert len(state.strokes.changed) == 2  # only the new window's two canvases follow the drawing

        second.language_actions["en"].trigger()
        third = app._windows[-1]
        assert "&Language" in [a.text() for a in third.menuBar().actions()]
        assert third.network_tab.canvas.stroke_count() == 2
        qtbot.waitUntil(lambda: third.digits_tab.digit_label.text() == "4", timeout=5000)
    finally:
        close_every_window()


def test_a_failed_open_keeps_the_ready_text_and_the_way_back_follows_the_model(
    window, qtbot, predictor, tmp_path, monkeypatch
):
    use_model(window, predictor)
    assert not window.shipped_model_action.isEnabled()  # the shipped model is in use: nowhere to go back to
    ready = window.digits_tab.status_label.text()
    empty = tmp_path / "empty.keras"
    empty.touch()
    choose_file(monkeypatch, empty)
    window.open_model_action.trigger()
    qtbot.waitUntil(lambda: window.help_box is not None and window.help_box.isVisible(), timeout=30000)
    assert "empty.keras is not a Keras model file (an empty file)" in window.help_box.text()
    assert window.digits_tab.status_label.text() == ready  # still reading with the model in use, as it says
    assert "model in use stays" in window.statusBar().currentMessage()
    window.help_box.close()
    good = tmp_path / "mine.keras"
    shutil.copy(asset_path("digit_cnn.keras"), good)
    shutil.copy(asset_path("digit_cnn.json"), metadata_path(good))
    choose_file(monkeypatch, good)
    window.open_model_action.trigger()
    qtbot.waitUntil(lambda: window.state.digits.value.path == str(good), timeout=60000)
    assert window.shipped_model_action.isEnabled()


def test_every_plot_has_the_same_colours_in_the_first_window_and_after_a_language_switch(qtbot):
    """The network tab's bars were black on a fresh start and white after a switch (built after the Training tab)."""
    import pyqtgraph as pg

    from gui import app
    from models.app_state import AppState

    pg.setConfigOptions(background="k", foreground="d")  # pyqtgraph's defaults, as in a fresh process

    def backgrounds(window) -> set[str]:
        return {plot.backgroundBrush().color().name() for plot in window.findChildren(pg.PlotWidget)}

    first = app.open_window(AppState("en"))
    qtbot.waitExposed(first)
    try:
        assert len(first.findChildren(pg.PlotWidget)) >= 4  # the network's bars, the curves, the finder…
        assert backgrounds(first) == {"#ffffff"}
        second = choose_language(qtbot, first, "pt_BR")
        assert backgrounds(second) == {"#ffffff"}
    finally:
        close_every_window()


def test_qt_file_dialogs_are_in_portuguese_too(qtbot, monkeypatch):
    """Qt's catalogue lacks Qt 6's "&Look in:" and "Files of &type:": they stayed English in a Portuguese dialog."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QLabel, QPushButton

    from gui import app
    from models.app_state import AppState

    first = app.open_window(AppState("en"))
    qtbot.waitExposed(first)
    seen: dict[str, list[str]] = {}

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, read_and_close)
            return
        seen["labels"] = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
        seen["buttons"] = [button.text() for button in dialog.findChildren(QPushButton) if button.isVisible()]
        dialog.reject()

    try:
        window = choose_language(qtbot, first, "pt_BR")
        QTimer.singleShot(50, read_and_close)
        window.open_model_action.trigger()  # Modelo ▸ Abrir modelo de dígitos…: Qt's own file dialog here
        labels = seen["labels"]
        assert {"&Procurar em:", "&Nome do arquivo:", "&Arquivos do tipo:"} <= set(labels), labels
        assert "Cancelar" in seen["buttons"], seen["buttons"]
        assert not any("Look in" in t or "Files of" in t for t in labels)
        assert window.state.digits.value.path is None  # cancelled: nothing opened
    finally:
        close_every_window()


def test_at_800_by_600_in_portuguese_no_plot_title_is_cut(qtbot):
    """The finder's "Perda em função da taxa de aprendizado" ran past its plot's right edge."""
    import pyqtgraph as pg

    from gui import app
    from models.app_state import AppState

    first = app.open_window(AppState("en"))
    qtbot.waitExposed(first)
    try:
        first.language_actions["pt_BR"].trigger()
        window = app._windows[-1]
        window.resize(800, 600)
        qtbot.waitExposed(window)
        click_main_tab(qtbot, window, window.training_tab)
        tab = window.training_tab
        for view in (tab.curves, tab.finder):
            views = tab.views.tabBar()
            qtbot.mouseClick(views, Qt.MouseButton.LeftButton, pos=views.tabRect(tab.views.indexOf(view)).center())
            qtbot.waitUntil(view.isVisible)
            plots = [p for p in view.findChildren(pg.PlotWidget) if p.isVisible()]
            assert plots
            for plot in plots:
                title = plot.getPlotItem().titleLabel
                if title.isVisible() and title.text:  # the whole title inside the widget, not cut at its edge
                    assert title.sceneBoundingRect().right() <= plot.width(), title.text
    finally:
        close_every_window()


def test_quit_in_the_first_menu_closes_the_window_from_the_menu_and_ctrl_q(qtbot):
    from PySide6.QtGui import QKeySequence

    first = open_main_window(qtbot)
    menu = first.menuBar().actions()[0].menu()
    assert first.quit_action in menu.actions() and first.quit_action.text() == "&Quit"
    assert QKeySequence("Ctrl+Q") in first.quit_action.shortcuts()
    first.quit_action.trigger()  # Model ▸ Quit
    assert not first.isVisible()

    second = open_main_window(qtbot)
    activate(second)
    qtbot.keyClick(second, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not second.isVisible()


ACTIVATION = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from gui import app
from models.app_state import AppState

qapp = QApplication([])
first = app.open_window(AppState("en"))

def switch():
    first.activateWindow()
    first.language_actions["pt_BR"].trigger()
    QTimer.singleShot(800, report)

def report():
    print("ACTIVE", QApplication.activeWindow() is app._windows[-1])
    qapp.quit()

QTimer.singleShot(1500, switch)
qapp.exec()
"""


def test_after_a_language_switch_the_new_window_has_the_keyboard(tmp_path):
    """On a real X display the new window was not active: Alt+M, F1, Ctrl+O did nothing until a click.

    Qt's offscreen platform activates every new window, so this runs on Xvfb (skipped where there is none).
    """
    import os
    import subprocess
    import sys

    from conftest import REPO

    if shutil.which("xvfb-run") is None:
        pytest.skip("no xvfb-run: the offscreen platform cannot show this")
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", XDG_DATA_HOME=str(tmp_path / "data"))
    command = ["xvfb-run", "-a", sys.executable, "-c", ACTIVATION]
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    if "ACTIVE" not in result.stdout:  # no X server or no xcb libraries here: the window never opened
        pytest.skip(f"no usable X display: {result.stderr[-300:]}")
    assert "ACTIVE True" in result.stdout, result.stdout + result.stderr[-2000:]
