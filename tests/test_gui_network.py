"""The "Inside the network" tab follows real strokes on the shared canvas."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("pytestqt")
from gui_helpers import open_main_window  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from test_gui_digits import STROKES, activate, draw, use_model  # noqa: E402

from gui.main_window import MINIMUM_SIZE, MainWindow  # noqa: E402


@pytest.fixture()
def window(qtbot, predictor):
    w = open_main_window(qtbot, (1000, 700))
    use_model(w, predictor)
    w.tabs.setCurrentWidget(w.network_tab)
    qtbot.waitUntil(lambda: w.network_tab.inspector is not None, timeout=60000)
    return w


def test_layers_update_from_strokes_on_the_shared_canvas(window, qtbot):
    tab = window.network_tab
    canvas = tab.canvas
    assert canvas.isVisible()
    draw(qtbot, canvas, STROKES["7"])
    first = tab.last_inspection
    assert first is not None and first.top == 7
    assert all(view._image is not None for view in tab._stage_views)
    assert tab.cam_view._image is not None and "7" in tab.prob_label.text()
    maps_view = tab._stage_views[0]
    (side, _), count, columns = maps_view._grid
    assert (side, count) == (24, 32) and maps_view._image.width() == columns * 25 - 1  # maps 1 px apart
    draw(qtbot, canvas, [[(0.3, 0.5), (0.7, 0.5)]])  # a cross-bar: the activations change
    assert tab.last_inspection is not first
    assert not np.allclose(tab.last_inspection.outputs[0], first.outputs[0])

    qtbot.mouseClick(tab.clear_button, Qt.MouseButton.LeftButton)
    assert canvas.is_empty() and tab.last_inspection is None

    window.tabs.setCurrentWidget(window.digits_tab)
    assert window.digits_tab.canvas.isVisible() and window.digits_tab.canvas.is_empty()


def test_clicking_a_feature_map_shows_it_and_its_filter(window, qtbot):
    tab = window.network_tab
    draw(qtbot, tab.canvas, STROKES["0"])
    view = tab._stage_views[1]  # conv 2: 48 maps of 12 px
    target = view.map_rect(5).center()
    QTest.mouseClick(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(target))
    assert view.selected == 5
    assert "conv 2, map 6 of 48" in tab.detail_title.text()
    assert tab.detail_kernel._image is not None
    assert "32 maps of the layer before" in tab.detail_kernel_label.text()


def test_hidden_tab_does_no_work_until_shown(window, qtbot):
    tab = window.network_tab
    window.tabs.setCurrentWidget(window.digits_tab)
    draw(qtbot, window.digits_tab.canvas, STROKES["1"])
    assert tab.last_inspection is None  # not on screen: nothing computed
    window.tabs.setCurrentWidget(tab)
    assert tab.last_inspection is not None and tab.last_inspection.top == 1


def assert_flow_fits(tab):
    """The whole flow is inside the scroll area's width: no conv grid or bar cut off at the right."""
    inner = tab.scroll.widget()
    viewport = tab.scroll.viewport()
    assert inner.width() <= viewport.width(), (inner.width(), viewport.width())
    for view in [*tab._stage_views, tab.logit_bars, tab.prob_bars]:
        right = view.mapTo(inner, view.rect().topRight()).x()
        assert right < viewport.width(), (view, right, viewport.width())


@pytest.mark.parametrize("size", [MINIMUM_SIZE, (800, 600), (1000, 680), (1400, 900)])
def test_every_layer_fits_the_width_at_any_window_size(qtbot, predictor, size):
    w = MainWindow()  # default size 1000×680; 800×600 is a classroom projector
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.resize(*size)
    use_model(w, predictor)
    w.tabs.setCurrentWidget(w.network_tab)
    tab = w.network_tab
    qtbot.waitUntil(lambda: tab.inspector is not None, timeout=60000)
    assert w.width() <= size[0] and w.height() <= size[1]
    draw(qtbot, tab.canvas, STROKES["4"])
    qtbot.wait(50)  # the grids re-wrap on the next event-loop turn after a resize
    assert tab.last_inspection.top == 4
    assert_flow_fits(tab)
    hint = tab.minimumSizeHint()
    assert tab.width() >= hint.width() and tab.height() >= hint.height()


def test_clicking_a_map_leaves_the_canvas_its_size(window, qtbot):
    tab = window.network_tab
    draw(qtbot, tab.canvas, STROKES["3"])
    qtbot.wait(20)
    before = tab.canvas.size()
    for stage in (0, 1, 3):  # a big 24 px map, a 12 px one and a 6 px one: details of every size
        view = tab._stage_views[stage]
        QTest.mouseClick(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, view.map_rect(2).center())
        qtbot.wait(20)
        assert tab.detail_map._image is not None
        assert tab.canvas.size() == before, (stage, tab.canvas.size(), before)


def test_journey_draw_watch_layers_inspect_a_filter_and_clear(window, qtbot):
    """A student draws on this tab, looks at a filter, corrects the stroke with keys and starts over."""
    tab = window.network_tab
    draw(qtbot, tab.canvas, STROKES["7"])
    assert tab.last_inspection.top == 7 and "7" in tab.cam_label.text()
    view = tab._stage_views[0]
    QTest.mouseClick(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, view.map_rect(0).center())
    assert "conv 1, map 1 of 32" in tab.detail_title.text()
    assert "input picture" in tab.detail_kernel_label.text()
    draw(qtbot, tab.canvas, [[(0.3, 0.55), (0.7, 0.55)]])  # a cross-bar; the detail follows
    assert "conv 1, map 1 of 32" in tab.detail_title.text()
    activate(window)
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the cross-bar
    assert tab.canvas.stroke_count() == 1 and tab.last_inspection.top == 7
    window.tabs.setCurrentWidget(window.digits_tab)  # the same drawing is on the Digits tab
    assert window.digits_tab.canvas.stroke_count() == 1 and window.digits_tab.digit_label.text() == "7"
    window.tabs.setCurrentWidget(tab)
    qtbot.mouseClick(tab.clear_button, Qt.MouseButton.LeftButton)
    assert tab.canvas.is_empty() and tab.last_inspection is None and window.digits_tab.canvas.is_empty()
    # Nothing left over from the 7: no Grad-CAM title, no enlarged map or filter.
    assert "7" not in tab.cam_label.text() and tab.detail_map._image is None and tab.detail_kernel._image is None
    assert "conv" not in tab.detail_title.text()


@pytest.fixture(scope="module")
def mlp_predictor():
    """A small perceptron (16 and 8 hidden sigmoid neurons); its weights need no training to be looked at."""
    from models.digit_model import DigitPredictor, build_digit_mlp

    return DigitPredictor(build_digit_mlp((16, 8)), {"kind": "digits", "network": "mlp"})


def test_an_mlp_shows_its_hidden_neurons_and_a_neurons_weights(window, qtbot, predictor, mlp_predictor):
    """With a perceptron in use the tab shows neurons, not maps; clicking one shows its weights; the CNN comes back."""
    tab = window.network_tab
    use_model(window, mlp_predictor)
    qtbot.waitUntil(lambda: tab.inspector is not None and tab.inspector.is_mlp, timeout=60000)
    texts = [w.text() for w in tab.scroll.widget().findChildren(type(tab.status))]
    assert any("hidden 1" in t and "16 neurons, sigmoid" in t for t in texts), texts
    assert any("hidden 2" in t and "8 neurons, sigmoid" in t for t in texts), texts
    assert "gradient × input" in tab.cam_label.text() and tab.detail_box.title() == "Selected neuron"

    draw(qtbot, tab.canvas, STROKES["7"])
    first = tab.last_inspection
    assert [o.shape for o in first.outputs] == [(16,), (8,)]
    assert [view._grid[1] for view in tab._stage_views] == [16, 8]  # one clickable cell per neuron
    draw(qtbot, tab.canvas, [[(0.3, 0.5), (0.7, 0.5)]])
    assert not np.allclose(tab.last_inspection.outputs[0], first.outputs[0])  # drawing moves the neurons

    view = tab._stage_views[0]
    QTest.mouseClick(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, view.map_rect(3).center())
    assert view.selected == 3 and "neuron 4 of 16" in tab.detail_title.text()
    weights = tab.inspector.input_weights(3)
    image = tab.detail_map._image
    scale = tab.detail_map.scale
    for (row, col), reddish in (
        (np.unravel_index(weights.argmax(), weights.shape), True),
        (np.unravel_index(weights.argmin(), weights.shape), False),
    ):
        colour = image.pixelColor(int(col), int(row))
        assert (colour.red() > colour.blue()) == reddish, (row, col, colour.getRgb(), scale)

    use_model(window, predictor)  # back to the CNN: the view is rebuilt with its conv grids
    qtbot.waitUntil(lambda: tab.inspector is not None and not tab.inspector.is_mlp, timeout=60000)
    assert tab.last_inspection.top == 7 and tab._stage_views[0]._grid[0] == (24, 24)
    assert tab.detail_box.title() == "Selected feature map" and "Grad-CAM" in tab.cam_label.text()


@pytest.mark.parametrize("language", ["en", "pt_BR"])
def test_a_neurons_explanation_fits_an_800_by_600_window(qtbot, mlp_predictor, language):
    """In Portuguese the last line of the selected neuron's explanation was cut off, with no way to scroll."""
    from gui.i18n import install_language

    install_language(language)
    try:
        window = open_main_window(qtbot, (800, 600), tab="network_tab")
        tab = window.network_tab
        use_model(window, mlp_predictor)
        qtbot.waitUntil(lambda: tab.inspector is not None and tab.inspector.is_mlp, timeout=60000)
        draw(qtbot, tab.canvas, STROKES["7"])
        view = tab._stage_views[0]
        QTest.mouseClick(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, view.map_rect(3).center())
        qtbot.wait(100)
        for label in (tab.detail_title, tab.detail_kernel_label):
            assert label.heightForWidth(label.width()) <= label.height(), label.text()
    finally:
        install_language("en")
