"""The Digits tab, driven with real mouse events on an offscreen window."""

from __future__ import annotations

import math

import pytest

pytest.importorskip("pytestqt")
from gui_helpers import open_main_window  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from gui.main_window import MINIMUM_SIZE  # noqa: E402
from models.app_state import LoadedModel  # noqa: E402

# Digits as pen strokes in unit coordinates of the canvas, the way people draw them.
STROKES = {
    "1": [[(0.45, 0.18), (0.55, 0.12), (0.55, 0.88)]],
    "7": [[(0.25, 0.18), (0.75, 0.18), (0.42, 0.88)]],
    "0": [[(0.5 + 0.24 * math.sin(t * math.pi / 12), 0.5 - 0.36 * math.cos(t * math.pi / 12)) for t in range(25)]],
    "4": [[(0.58, 0.12), (0.22, 0.6), (0.8, 0.6)], [(0.6, 0.35), (0.6, 0.9)]],
    "3": [
        [
            (0.3, 0.2),
            (0.5, 0.12),
            (0.68, 0.2),
            (0.7, 0.35),
            (0.48, 0.48),
            (0.72, 0.6),
            (0.72, 0.78),
            (0.52, 0.88),
            (0.28, 0.8),
        ]
    ],
}


@pytest.fixture()
def window(qtbot):
    w = open_main_window(qtbot, (900, 600))
    return w


def use_model(window, predictor) -> None:
    """What the background loader does once the model is in memory."""
    window.state.digits.set(LoadedModel().ready(predictor, None))


def draw(qtbot, canvas, strokes, steps: int = 6):
    """Draw strokes with mouse press, moves and release, as a person would."""
    side = min(canvas.width(), canvas.height())
    x0, y0 = (canvas.width() - side) / 2, (canvas.height() - side) / 2

    def at(p):
        return QPoint(round(x0 + p[0] * side), round(y0 + p[1] * side))

    for stroke in strokes:
        QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(stroke[0]))
        for a, b in zip(stroke, stroke[1:]):
            for i in range(1, steps + 1):
                QTest.mouseMove(canvas, at((a[0] + (b[0] - a[0]) * i / steps, a[1] + (b[1] - a[1]) * i / steps)))
                qtbot.wait(1)
        QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(stroke[-1]))


def test_window_shows_without_tensorflow_and_canvas_works(window, qtbot):
    tab = window.digits_tab
    assert "Loading model" in tab.status_label.text()
    assert tab.digit_label.text() == ""  # no big "·" that looked like a missing-glyph box
    assert "No digit yet" in tab.verdict_label.text()
    draw(qtbot, tab.canvas, STROKES["1"])
    assert tab.canvas.stroke_count() == 1
    assert (tab.canvas.to_array() < 128).sum() > 500  # ink on the canvas
    assert tab.last_prediction is None  # nothing to predict with yet, and no crash


@pytest.mark.parametrize("digit", sorted(STROKES))
def test_drawn_digits_are_read(window, qtbot, predictor, digit):
    tab = window.digits_tab
    use_model(window, predictor)
    draw(qtbot, tab.canvas, STROKES[digit])
    prediction = tab.last_prediction
    assert prediction is not None and str(prediction.digit) == digit, prediction
    assert tab.digit_label.text() == digit
    assert tab.input_view._image is not None


def test_live_prediction_while_drawing(window, qtbot, predictor):
    tab = window.digits_tab
    use_model(window, predictor)
    canvas = tab.canvas
    side = min(canvas.width(), canvas.height())
    x0, y0 = (canvas.width() - side) // 2, (canvas.height() - side) // 2
    left, no_mod = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mousePress(canvas, left, no_mod, QPoint(x0 + side // 2, y0 + side // 6))
    with qtbot.waitSignal(tab.predicted, timeout=2000):
        for i in range(1, 40):
            QTest.mouseMove(canvas, QPoint(x0 + side // 2, y0 + side // 6 + i * side // 60))
            qtbot.wait(5)
    assert tab.last_prediction is not None  # predicted before the pen was lifted
    QTest.mouseRelease(canvas, left, no_mod, QPoint(x0 + side // 2, y0 + 5 * side // 6))


def test_clear_undo_and_shortcuts(window, qtbot, predictor):
    tab = window.digits_tab
    use_model(window, predictor)
    draw(qtbot, tab.canvas, STROKES["4"])
    assert tab.canvas.stroke_count() == 2 and tab.last_prediction.digit == 4
    qtbot.mouseClick(tab.undo_button, Qt.MouseButton.LeftButton)
    assert tab.canvas.stroke_count() == 1
    tab.canvas.setFocus()
    QTest.keyClick(tab.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tab.canvas.is_empty()
    assert tab.last_prediction.digit is None and tab.digit_label.text() == ""
    draw(qtbot, tab.canvas, STROKES["7"])
    QTest.keyClick(tab.canvas, Qt.Key.Key_Escape)
    assert tab.canvas.is_empty()
    draw(qtbot, tab.canvas, STROKES["7"])
    qtbot.mouseClick(tab.clear_button, Qt.MouseButton.LeftButton)
    assert tab.canvas.is_empty() and "No digit" in tab.verdict_label.text()


def test_scribble_dot_is_not_sure_or_no_digit(window, qtbot, predictor):
    tab = window.digits_tab
    use_model(window, predictor)
    draw(qtbot, tab.canvas, [[(0.5, 0.5), (0.51, 0.5)]])
    prediction = tab.last_prediction
    assert prediction.digit is None or not prediction.sure


def test_model_load_failure_is_shown(window):
    window.state.digits.set(LoadedModel().failed("no model file at /nowhere.keras"))
    assert "could not be loaded" in window.digits_tab.status_label.text()
    assert "/nowhere.keras" in window.statusBar().currentMessage()


def test_background_loading_hands_the_model_to_the_tab(window, qtbot):
    from gui.app import start_model_loading

    start_model_loading(window.state)
    assert "Loading the digit model" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.digits_tab.predictor is not None, timeout=60000)
    assert "Model ready" in window.digits_tab.status_label.text()
    assert window.statusBar().currentMessage() == "Digit model ready."
    # The shipped model learned with label smoothing 0.1: the tab says why readings stop short of
    # 100%, and truthfully: clear digits read above the 91% target (the old text called 91% a ceiling).
    text = window.digits_tab.status_label.text()
    assert "about 91% or more" in text and "most certain" not in text


def ink(canvas) -> int:
    return int((canvas.to_array() < 128).sum())


def activate(window) -> None:
    """Bring the window to the front, as a click on it would (window-wide shortcuts need that)."""
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    """A key pressed while the window is active, wherever the focus is (here: not on the canvas)."""
    activate(window)
    assert not window.digits_tab.canvas.hasFocus() and not window.network_tab.canvas.hasFocus()
    QTest.keyClick(window, key, modifier)


def test_shortcuts_work_without_focusing_the_canvas_on_both_tabs(window, qtbot, predictor):
    use_model(window, predictor)
    tab = window.digits_tab
    draw(qtbot, tab.canvas, STROKES["4"])
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tab.canvas.stroke_count() == 1
    press(qtbot, window, Qt.Key.Key_Escape)
    assert tab.canvas.is_empty()
    draw(qtbot, tab.canvas, STROKES["7"])
    press(qtbot, window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert tab.canvas.is_empty()

    window.tabs.setCurrentWidget(window.network_tab)  # the old shortcuts never worked here
    canvas = window.network_tab.canvas
    draw(qtbot, canvas, STROKES["4"])
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert canvas.stroke_count() == 1
    press(qtbot, window, Qt.Key.Key_Escape)
    assert canvas.is_empty() and tab.canvas.is_empty()  # one drawing, shown on both tabs


def test_drawing_before_the_model_is_ready_says_it_is_loading(window, qtbot, predictor):
    tab = window.digits_tab
    draw(qtbot, tab.canvas, STROKES["7"])
    assert "Model loading" in tab.verdict_label.text() and "No digit" not in tab.verdict_label.text()
    use_model(window, predictor)  # the background load finishes: what is drawn is read at once
    qtbot.waitUntil(lambda: tab.digit_label.text() == "7", timeout=5000)  # or once TF_LOCK is free


def test_pen_width_control_draws_thicker_and_still_reads(window, qtbot, predictor):
    use_model(window, predictor)
    tab = window.digits_tab
    draw(qtbot, tab.canvas, STROKES["1"])
    normal = ink(tab.canvas)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # the label's mnemonic
    assert tab.pen_box.hasFocus()
    qtbot.keyClick(tab.pen_box, Qt.Key.Key_Down)
    qtbot.keyClick(tab.pen_box, Qt.Key.Key_Down)
    assert tab.pen_box.currentText() == "Very thick"
    assert ink(tab.canvas) > 1.5 * normal  # the drawing is redrawn with the new pen
    assert tab.digit_label.text() == "1"
    qtbot.keyClick(tab.pen_box, Qt.Key.Key_Up)
    qtbot.keyClick(tab.pen_box, Qt.Key.Key_Up)
    qtbot.keyClick(tab.pen_box, Qt.Key.Key_Up)
    qtbot.keyClick(tab.pen_box, Qt.Key.Key_Up)
    assert tab.pen_box.currentText() == "Very thin" and ink(tab.canvas) < normal


def test_every_button_has_a_tooltip_and_a_mnemonic(window, qtbot, predictor):
    from PySide6.QtWidgets import QAbstractButton, QComboBox

    for tab in (window.digits_tab, window.network_tab):
        for widget in tab.findChildren(QAbstractButton) + tab.findChildren(QComboBox):
            assert widget.toolTip(), widget
            if isinstance(widget, QAbstractButton):
                assert "&" in widget.text(), widget.text()
    for menu_action in window.menuBar().actions():
        assert "&" in menu_action.text(), menu_action.text()
        for item in menu_action.menu().actions():  # and every item of every menu
            assert item.isSeparator() or "&" in item.text(), item.text()
    use_model(window, predictor)
    draw(qtbot, window.digits_tab.canvas, STROKES["4"])
    # A mnemonic "animates" the click: the button is pressed for a moment, then clicked.
    press(qtbot, window, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)  # Undo stroke's mnemonic
    qtbot.waitUntil(lambda: window.digits_tab.canvas.stroke_count() == 1, timeout=2000)
    press(qtbot, window, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # Clear's mnemonic
    qtbot.waitUntil(window.digits_tab.canvas.is_empty, timeout=2000)


@pytest.mark.parametrize("size", [MINIMUM_SIZE, (800, 600)])
def test_the_tab_fits_a_800_by_600_window(qtbot, predictor, size):
    assert MINIMUM_SIZE[0] <= 800 and MINIMUM_SIZE[1] <= 600 - 40  # room for a title bar on a 600 px screen
    w = open_main_window(qtbot)
    w.resize(*size)
    qtbot.wait(50)
    assert w.width() <= size[0] and w.height() <= size[1]
    use_model(w, predictor)
    tab = w.digits_tab
    hint = tab.minimumSizeHint()
    assert tab.width() >= hint.width() and tab.height() >= hint.height(), (tab.size(), hint)
    draw(qtbot, tab.canvas, STROKES["3"])
    assert tab.digit_label.text() == "3"
    for child in (tab.canvas, tab.bars, tab.input_view, tab.undo_button, tab.clear_button, tab.pen_box):
        corner = child.mapTo(tab, child.rect().bottomRight())
        assert tab.rect().contains(corner), child  # nothing cut off


def test_journey_draw_read_undo_change_pen_and_clear(window, qtbot, predictor):
    """A person's first minute: draws before the model is ready, then reads, corrects and clears."""
    tab = window.digits_tab
    draw(qtbot, tab.canvas, STROKES["1"])
    assert "Model loading" in tab.verdict_label.text()
    use_model(window, predictor)
    assert tab.digit_label.text() == "1" and "1" in tab.verdict_label.text()
    draw(qtbot, tab.canvas, [[(0.25, 0.5), (0.75, 0.5)]])  # a stray stroke spoils it
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo it
    assert tab.digit_label.text() == "1"
    qtbot.mouseClick(tab.clear_button, Qt.MouseButton.LeftButton)
    assert tab.canvas.is_empty() and "No digit" in tab.verdict_label.text()
    qtbot.keyClick(tab.pen_box, Qt.Key.Key_Down)  # a thicker pen
    draw(qtbot, tab.canvas, STROKES["7"])
    assert tab.digit_label.text() == "7"
    press(qtbot, window, Qt.Key.Key_Escape)
    assert tab.canvas.is_empty() and tab.digit_label.text() == ""
