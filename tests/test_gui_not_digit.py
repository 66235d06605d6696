"""The Digits tab answers "not a digit" for a drawn letter and still names a clear digit (real mouse strokes)."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")
from gui_helpers import open_main_window  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from test_gui_digits import STROKES, draw, use_model  # noqa: E402

LETTER_A = [[(0.22, 0.85), (0.5, 0.15), (0.78, 0.85)], [(0.33, 0.58), (0.67, 0.58)]]
LETTER_H = [[(0.28, 0.15), (0.28, 0.85)], [(0.72, 0.15), (0.72, 0.85)], [(0.28, 0.5), (0.72, 0.5)]]


@pytest.fixture()
def tab(qtbot, predictor):
    window = open_main_window(qtbot, (900, 600))
    use_model(window, predictor)
    return window.digits_tab


def test_the_tab_says_what_the_11th_answer_is(tab):
    assert '"not a digit"' in tab.status_label.text() and "letters" in tab.status_label.text()


@pytest.mark.parametrize("strokes", [LETTER_A, LETTER_H], ids=["A", "H"])
def test_a_drawn_letter_is_not_a_digit(tab, qtbot, strokes):
    draw(qtbot, tab.canvas, strokes)
    prediction = tab.last_prediction
    assert prediction.not_digit and prediction.digit is None, prediction
    assert tab.verdict_label.text().startswith("Not a digit")
    assert tab.digit_label.text() == "✗"
    assert tab.input_view._image is not None  # what the network saw is still shown


def test_a_clear_digit_after_a_letter_is_named(tab, qtbot):
    draw(qtbot, tab.canvas, LETTER_A)
    assert tab.last_prediction.not_digit
    qtbot.mouseClick(tab.clear_button, Qt.MouseButton.LeftButton)
    draw(qtbot, tab.canvas, STROKES["4"])
    prediction = tab.last_prediction
    assert prediction.digit == 4 and prediction.sure
    assert tab.verdict_label.text().startswith("It's a 4") and tab.digit_label.text() == "4"


def test_a_ten_digit_model_does_not_claim_the_11th_answer(qtbot, tab):
    from models.digit_model import DigitPredictor, build_digit_cnn

    tab.set_predictor(DigitPredictor(build_digit_cnn()))
    assert "Model ready" in tab.status_label.text() and "not a digit" not in tab.status_label.text()
    draw(qtbot, tab.canvas, LETTER_A)
    assert not tab.last_prediction.not_digit and tab.digit_label.text() != "✗"  # it can only name a digit


def test_inside_the_network_shows_the_11th_answer(qtbot, predictor):
    window = open_main_window(qtbot, (1000, 700))
    use_model(window, predictor)
    window.tabs.setCurrentWidget(window.network_tab)
    network = window.network_tab
    qtbot.waitUntil(lambda: network.inspector is not None, timeout=60000)
    draw(qtbot, network.canvas, LETTER_A)
    assert network.last_inspection.top == 10
    assert "✗" in network.prob_label.text() and "✗" in network.cam_label.text()
    assert len(network.prob_bars._bars.opts["x"]) == 11 and len(network.logit_bars._bars.opts["height"]) == 11
    qtbot.mouseClick(network.clear_button, Qt.MouseButton.LeftButton)
    draw(qtbot, network.canvas, STROKES["7"])
    assert network.last_inspection.top == 7 and "7" in network.prob_label.text()


def test_the_bars_show_the_11th_answer_and_add_up_to_one(tab, qtbot):
    """A letter used to show ten empty bars under "98% sure": the "not a digit" share had no bar."""
    draw(qtbot, tab.canvas, LETTER_A)
    prediction = tab.last_prediction
    assert tab.bars.labels == [str(d) for d in range(10)] + ["✗"]
    assert tab.bars.values[-1] == pytest.approx(prediction.not_digit_probability) and tab.bars.values[-1] > 0.5
    assert int(tab.bars.values.argmax()) == 10  # the highlighted bar is the answer given
    assert float(tab.bars.values.sum()) == pytest.approx(1.0, abs=1e-3)
    qtbot.mouseClick(tab.clear_button, Qt.MouseButton.LeftButton)
    assert len(tab.bars.values) == 11 and not tab.bars.values.any()


def test_a_ten_digit_model_has_ten_bars(qtbot, tab):
    from models.digit_model import DigitPredictor, build_digit_cnn

    tab.set_predictor(DigitPredictor(build_digit_cnn()))
    draw(qtbot, tab.canvas, STROKES["4"])
    assert tab.bars.labels == [str(d) for d in range(10)] and len(tab.bars.values) == 10
