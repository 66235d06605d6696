"""Build the network in the Training tab and watch why it learns: MLP settings, gradient flow, divergence, the
learning-rate finder. Real clicks and typing, short real runs."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from gui_helpers import open_main_window, shown_training_tab  # noqa: E402
from PySide6.QtGui import Qt  # noqa: E402
from test_gui_training import click, pick_kind, type_value  # noqa: E402

from training.configs import digit_config  # noqa: E402


@pytest.fixture()
def window(qtbot):
    w = open_main_window(qtbot, tab="training_tab")
    yield w
    w.training_tab.cancel()
    w.training_tab.wait()


def choose(qtbot, box, text: str) -> None:
    """Pick an entry of a combo box with the keyboard, as a person would."""
    box.setFocus()
    if text not in box.currentText():
        qtbot.keyClick(box, Qt.Key.Key_Home)
    for _ in range(box.count()):
        if text in box.currentText():
            return
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert text in box.currentText(), (text, box.currentText())


def type_text(qtbot, edit, text: str) -> None:
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)


def small_mlp(qtbot, tab, hidden: str, activation: str, limit: int = 1000) -> None:
    pick_kind(qtbot, tab, "digits")
    choose(qtbot, tab.form.network, "MLP")
    type_text(qtbot, tab.form.hidden, hidden)
    choose(qtbot, tab.form.activation, activation)
    type_value(qtbot, tab.form.epochs, 1)
    type_value(qtbot, tab.form.limit, limit)
    type_value(qtbot, tab.form.batch, 32)
    type_value(qtbot, tab.form.val_split, 0.2)


def test_choosing_the_mlp_shows_its_settings_and_the_cores_defaults(window, qtbot):
    tab = window.training_tab
    form = tab.form
    pick_kind(qtbot, tab, "digits")
    assert form.network.currentData() == "cnn" and not form.hidden.isEnabled() and not form.activation.isEnabled()
    assert not form.gradient_flow.isChecked()  # off for the CNN: it costs time per batch
    choose(qtbot, form.network, "MLP")
    mlp = digit_config("mlp")
    config = tab.state.configs["digits"].value
    assert config.network == "mlp" and form.hidden.isEnabled() and form.activation.isEnabled()
    assert form.hidden.text() == "16,16" and form.activation.currentText() == mlp.activation
    assert form.lr.value() == pytest.approx(mlp.learning_rate) and form.batch.value() == mlp.batch_size
    assert not form.augment.isChecked() and config.augment is False and form.gradient_flow.isChecked()
    # Bad text: a clear message under the field, and no training.
    type_text(qtbot, form.hidden, "16,x")
    assert form.hidden_error.isVisible() and "e.g. 16,16" in form.hidden_error.text()
    assert not tab.train_button.isEnabled() and not tab.finder.find_button.isEnabled()
    type_text(qtbot, form.hidden, "16,0")
    assert form.hidden_error.isVisible() and not tab.train_button.isEnabled()
    type_text(qtbot, form.hidden, "64, 32,16")
    assert not form.hidden_error.isVisible() and tab.train_button.isEnabled()
    choose(qtbot, form.activation, "tanh")
    config = tab.state.configs["digits"].value
    assert config.hidden == (64, 32, 16) and config.activation == "tanh"
    # Untick gradient flow: the run will not measure it.
    click(qtbot, form.gradient_flow)
    assert tab.state.configs["digits"].value.gradient_every == 0
    # Back to the CNN: its own defaults again.
    choose(qtbot, form.network, "CNN")
    assert form.augment.isChecked() and form.lr.value() == pytest.approx(digit_config("cnn").learning_rate)
    assert not form.hidden.isEnabled() and form.hidden_error.text() == ""
    # Every new setting explains itself to a student.
    for widget in (form.network, form.hidden, form.activation, form.gradient_flow, tab.finder.find_button):
        assert len(widget.toolTip()) > 60, widget
    assert "neuron" in form.hidden.toolTip() and "hidden layer" in form.hidden.toolTip()
    assert "&" in form.gradient_flow.text() and "&" in tab.finder.find_button.text()
    assert "&" in tab.finder.use_button.text()


def test_a_high_rate_is_hinted_and_a_diverging_run_stops_with_advice(window, qtbot):
    tab = window.training_tab
    small_mlp(qtbot, tab, "16,16", "relu", limit=600)
    choose(qtbot, tab.form.optimizer, "SGD")
    type_value(qtbot, tab.form.lr, 0.5)
    assert not tab.form.lr_hint.isVisible()  # sensible for plain SGD
    choose(qtbot, tab.form.optimizer, "momentum")
    assert tab.form.lr_hint.isVisible() and "overshoot" in tab.form.lr_hint.text()
    type_value(qtbot, tab.form.lr, 100000)
    click(qtbot, tab.train_button)
    qtbot.waitUntil(lambda: tab.run is None, timeout=120000)
    run = tab.state.current.value
    assert run.status == "failed"
    assert "loss diverged" in tab.error_label.text() and "learning rate is too high" in tab.error_label.text()
    assert "epoch 1" in tab.error_label.text() and "Failed" in tab.progress_label.text()
    assert run.model_file() is None and tab.train_button.isEnabled()


def test_deep_sigmoid_gradients_vanish_on_the_plot_where_relu_ones_do_not(window, qtbot):
    tab = window.training_tab
    plot = tab.curves.gradients
    ratios = {}
    for activation in ("sigmoid", "relu"):
        small_mlp(qtbot, tab, ",".join(["32"] * 10), activation, limit=1000)
        assert tab.form.gradient_flow.isChecked()
        click(qtbot, tab.train_button)
        qtbot.waitUntil(lambda: tab.run is None, timeout=180000)
        run = tab.state.current.value
        assert run.status == "finished", tab.error_label.text()
        assert run.label().split(" ")[1:4] == ["MLP", "-".join(["32"] * 10), activation]
        assert f"MLP {'-'.join(['32'] * 10)} {activation}" in tab.curves.legend.text()
        qtbot.waitUntil(lambda: len(plot.lines()) == 11, timeout=5000)  # ten hidden layers and the output
        assert plot.isVisible() and len(run.gradients) >= 2
        names = [item.name() for item in plot.lines()]
        assert names[0] == "hidden_1" and names[-1] == "logits"  # input side first
        first = plot.lines()[0].getData()[1]  # what is drawn: log10 of the norms (the axis is logarithmic)
        last = plot.lines()[-1].getData()[1]
        ratios[activation] = float(last.mean() - first.mean())  # decades between the output and input layers
        assert any(words in plot.summary.text() for words in ("times smaller", "times larger", "about the same"))
    # Sigmoid: the first layer's line lies at least three decades below the last one's; relu: not so.
    assert ratios["sigmoid"] > 3 and ratios["sigmoid"] > ratios["relu"] + 2, ratios
    # The CNN without gradient flow: no empty plot taking room.
    choose(qtbot, tab.form.network, "CNN")
    assert not tab.form.gradient_flow.isChecked()


def test_the_learning_rate_finder_suggests_a_rate_and_puts_it_in_the_form(window, qtbot):
    tab = window.training_tab
    small_mlp(qtbot, tab, "32", "sigmoid", limit=0)
    assert not tab.finder.use_button.isEnabled()
    click(qtbot, tab.finder.find_button)
    assert tab.views.currentWidget() is tab.finder and not tab.train_button.isEnabled()
    assert tab.progress_label.text() == "Finding a learning rate…"
    qtbot.waitUntil(lambda: tab.finder.run is None, timeout=180000)
    found = tab.state.lr_found.value
    assert found is not None, tab.finder.status.text()
    assert 1e-4 <= found.suggested <= 0.3 and found.too_low <= found.suggested <= found.overshoot
    assert tab.finder.suggestion_line() is not None and "Suggested rate" in tab.finder.status.text()
    assert tab.finder.curve.getData()[0] is not None and len(tab.finder.curve.getData()[0]) >= 20
    assert tab.train_button.isEnabled()
    # A sweep that stops early, where the loss overshoots, is done too: its bar once stayed at 69%.
    assert tab.progress.value() == 1000
    assert tab.progress_label.text() == f"Learning-rate sweep done: suggested rate {found.suggested:.2g}."
    shown = float(f"{found.suggested:.2g}")  # the rate the finder's text names
    assert f"Suggested rate: {shown:g} " in tab.finder.status.text()
    if tab.form.lr.value() == pytest.approx(shown):  # Adam's cap, 0.01, is the MLP's default
        type_value(qtbot, tab.form.lr, 0.0005)  # a rate typed after the sweep: it still holds
    before = tab.form.lr.value()
    click(qtbot, tab.finder.use_button)
    # The form gets the rate the text names: it got 0.00361 where the text said 0.0036.
    assert tab.form.lr.value() == pytest.approx(shown) and tab.form.lr.value() != before
    assert not tab.form.lr_hint.isVisible()  # the finder's suggestion never sets off the form's "too high" warning
    assert tab.state.configs["digits"].value.learning_rate == pytest.approx(shown)


def test_the_finder_is_for_digits_and_can_be_cancelled(window, qtbot):
    tab = window.training_tab
    pick_kind(qtbot, tab, "folder")
    assert not tab.finder.find_button.isEnabled()
    small_mlp(qtbot, tab, "16", "relu", limit=0)
    click(qtbot, tab.finder.find_button)
    qtbot.waitUntil(lambda: "Batch" in tab.finder.status.text(), timeout=120000)
    click(qtbot, tab.cancel_button)
    qtbot.waitUntil(lambda: tab.finder.run is None, timeout=20000)
    assert "cancelled" in tab.finder.status.text() and tab.state.lr_found.value is None
    assert tab.train_button.isEnabled() and not tab.finder.use_button.isEnabled()


def test_the_gradient_plot_reads_in_whole_decades_with_a_key_by_layer(qtbot, tmp_path):
    """Norms within one decade once gave a log axis labelled at every minor tick, one label over another."""
    from training.gradient_flow import GradientFlow, LayerFlow
    from training.progress import Progress
    from training.run_state import RunState

    state = RunState([], folder=tmp_path)
    tab = shown_training_tab(qtbot, state)
    plot = tab.curves.gradients
    assert not plot.isVisible()  # no run measuring gradients: no empty plot
    run = state.begin("digits", digit_config("mlp", gradient_every=10))
    for step in (1, 11, 21):
        layers = (LayerFlow("hidden_1", 0.05, 0.01), LayerFlow("hidden_2", 0.1, 0.01), LayerFlow("logits", 0.2, 0.02))
        flow = GradientFlow(1, step, step, layers)
        state.progress(run, Progress("gradients", epoch=1, epochs=1, batch=step, batches=30, gradients=flow))
    qtbot.waitUntil(lambda: len(plot.lines()) == 3, timeout=3000)
    assert plot.isVisible()
    low, high = plot.norm_plot.getViewBox().viewRange()[1]
    assert high - low >= 3 - 0.1  # log10 units: three decades at least
    key = plot.key.text()
    assert key.index("hidden_1") < key.index("hidden_2") < key.index("logits")
    assert "4 times smaller" in plot.summary.text()


def test_a_sweep_for_other_settings_is_cleared_when_the_network_or_optimizer_changes(qtbot, tmp_path):
    from training.lr_finder import LRFinderResult
    from training.run_state import RunState

    state = RunState([], folder=tmp_path)
    tab = shown_training_tab(qtbot, state)
    small_mlp(qtbot, tab, "16", "relu")
    rates = list(np.geomspace(1e-5, 1.0, 30))
    losses = [2.3 - 0.02 * i for i in range(20)] + [2.0 + 0.3 * i for i in range(10)]
    # What a finished sweep leaves behind (the real sweep is in the test above).
    state.lr_config = tab.form.config()
    for r, loss in zip(rates, losses):
        state.lr_points.append((r, loss))
    state.lr_found.set(LRFinderResult(rates, losses, losses, 1e-4, 1e-2, 0.1, 0.01, "adam"))
    finder = tab.finder
    assert finder.use_button.isEnabled() and "Suggested rate" in finder.status.text()
    click(qtbot, finder.use_button)  # using the rate changes the form, not what the sweep was for
    assert state.lr_found.value is not None and finder.use_button.isEnabled()
    choose(qtbot, tab.form.optimizer, "Adagrad")
    assert state.lr_found.value is None and not finder.use_button.isEnabled()
    assert "Suggested rate" not in finder.status.text() and not state.lr_points
    qtbot.wait(600)  # the redraw timer
    assert finder.curve.getData()[0] is None or len(finder.curve.getData()[0]) == 0
    assert finder.suggestion_line() is None


def test_the_finder_drives_the_progress_bar_not_the_last_runs_100_percent(qtbot, tmp_path):
    from training.configs import DigitTrainConfig
    from training.jobs import RunSummary
    from training.run_state import RunState

    state = RunState([], folder=tmp_path)
    run = state.begin("digits", DigitTrainConfig(epochs=1))
    state.finish(run, RunSummary("digits", {}, [str(d) for d in range(10)], None, np.zeros(0, int), np.zeros((0, 10))))
    tab = shown_training_tab(qtbot, state)
    assert tab.progress.value() == 1000  # the finished run
    small_mlp(qtbot, tab, "16", "relu", limit=0)
    click(qtbot, tab.finder.find_button)
    assert tab.progress.value() == 0
    try:
        qtbot.waitUntil(lambda: "Batch" in tab.finder.status.text(), timeout=120000)
        qtbot.waitUntil(lambda: 0 < tab.progress.value() < 1000, timeout=10000)  # the sweep's own share
        assert "Finished" not in tab.progress_label.text()  # the last run's line is not the sweep's
    finally:
        click(qtbot, tab.cancel_button)
        qtbot.waitUntil(lambda: tab.finder.run is None, timeout=20000)
    assert tab.progress.value() == 0 and tab.progress_label.text() == "Learning-rate sweep cancelled."


def test_the_finders_suggestion_never_sets_off_the_forms_too_high_warning(qtbot, tmp_path):
    """MLP, Adam, Find a learning rate: "suggested 0.039", Use this rate, red "Above 0.01 is very high for Adam"."""
    from training.lr_finder import analyse, rates
    from training.run_state import RunState

    state = RunState([], folder=tmp_path)
    tab = shown_training_tab(qtbot, state)
    small_mlp(qtbot, tab, "16", "relu")
    assert tab.form.optimizer.currentData() == "adam"
    lrs = list(rates(150, 1e-6, 10.0))
    # The MLP's real sweep with Adam: lowest loss at 0.39, overshoot past it.
    smoothed = [2.3 - 0.1 * np.log10(r / 1e-6) if r < 0.39 else 1.7 + 10 * (r - 0.39) for r in lrs]
    state.lr_config = tab.form.config()  # what a finished sweep leaves behind (a real one is tested above)
    state.lr_points.extend(zip(lrs, smoothed))
    state.lr_found.set(analyse(lrs, smoothed, "adam"))
    click(qtbot, tab.finder.use_button)
    assert tab.form.lr.value() == pytest.approx(0.01)
    assert not tab.form.lr_hint.isVisible() and tab.form.lr_hint.text() == ""
    status = tab.finder.status.text()
    assert "points at 0.039" in status and "stops there" in status, status


def _measure(state, run, first: float, last: float) -> None:
    from training.gradient_flow import GradientFlow, LayerFlow
    from training.progress import Progress

    for step in (1, 11):
        layers = (LayerFlow("hidden_1", first, 0.01), LayerFlow("logits", last, 0.01))
        flow = GradientFlow(1, step, step, layers)
        state.progress(run, Progress("gradients", epoch=1, epochs=1, batch=step, batches=20, gradients=flow))


@pytest.mark.parametrize("language", ["en", "pt_BR"])
@pytest.mark.parametrize("size", [(800, 600), (1000, 680)])
def test_an_empty_gradient_plot_reads_in_whole_decades_and_its_titles_fit(qtbot, language, size):
    """Before the first gradient and after a cancelled run the y axis read "8 6 4 3 2", one over another;
    in Portuguese at 1000×680 the title was cut ("Norma do gradiente por camad")."""
    from PySide6.QtGui import QFontMetrics

    from gui.i18n import install_language

    install_language(language)
    try:
        window = open_main_window(qtbot, size, "training_tab")
    finally:
        install_language("en")
    tab = window.training_tab
    plot = tab.curves.gradients
    runs = []
    for _ in range(2):  # the first run: before its first gradient; the second: once cancelled
        runs.append(tab.state.begin("digits", digit_config("mlp", gradient_every=10)))
        qtbot.waitUntil(plot.isVisible, timeout=3000)
        qtbot.wait(50)
        for chart in (plot.norm_plot, plot.ratio_plot):
            low, high = chart.getViewBox().viewRange()[1]
            assert high - low >= 3, (chart, low, high)  # log10 units: whole decades, labelled 0.001, 0.01…
        for title in (plot.norm_title, plot.ratio_title):
            assert title.isVisible() and title.height() >= title.heightForWidth(title.width()), title.text()
            words = title.text().replace("<b>", "").replace("</b>", "").split()
            assert all(QFontMetrics(title.font()).horizontalAdvance(w) <= title.width() for w in words), words
        tab.state.cancelled(runs[-1])
    assert not plot.lines()


def test_the_gradient_verdict_says_about_the_same_when_first_and_last_layers_are_close(qtbot, tmp_path):
    """ "The first layer's gradient is 1.01 times smaller than the last layer's." read oddly."""
    from training.run_state import RunState

    state = RunState([], folder=tmp_path)
    tab = shown_training_tab(qtbot, state)
    plot = tab.curves.gradients
    for first, last, verdict in (
        (0.099, 0.1, "about the same as the last layer's"),
        (0.12, 0.1, "about the same as the last layer's"),
        (0.01, 0.1, "10 times smaller than the last layer's"),
        (0.5, 0.1, "5 times larger than the last layer's"),
    ):
        run = state.begin("digits", digit_config("mlp", gradient_every=10))
        _measure(state, run, first, last)
        qtbot.waitUntil(lambda v=verdict: v in plot.summary.text(), timeout=3000)


def test_during_a_sweep_the_language_waits_and_closing_asks_first(window, qtbot):
    """A language switch or a close silently cancelled a learning-rate sweep."""
    tab = window.training_tab
    small_mlp(qtbot, tab, "16", "relu", limit=0)
    click(qtbot, tab.finder.find_button)
    qtbot.waitUntil(lambda: "Batch" in tab.finder.status.text(), timeout=120000)
    window.language_actions["pt_BR"].trigger()
    assert "learning-rate sweep" in window.help_box.text() and window.state.language.value == "en"
    assert tab.finder.is_running() and window.language_actions["en"].isChecked()
    window.close()
    box = window.close_box
    assert "The learning-rate sweep is still running." in box.text() and tab.finder.is_running()
    stop = next(b for b in box.buttons() if b.text() == "&Stop and close")
    qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)
    assert not window.isVisible() and tab.finder.run is None
