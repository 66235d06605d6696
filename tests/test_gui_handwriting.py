"""The Digits tab's "Wrong? It's a…" buttons and *Teach it my handwriting*, driven with the mouse and keyboard."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")
from gui_helpers import choose_language, close_every_window, open_main_window  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402
from test_gui_digits import STROKES, draw, use_model  # noqa: E402

from models.corrections import count_corrections  # noqa: E402
from models.paths import corrections_dir, digits_in_use, user_data_dir  # noqa: E402
from training.handwriting import TeachConfig  # noqa: E402

QUICK = TeachConfig(steps=60, mnist_images=1000, test_images=500)
LEFT = Qt.MouseButton.LeftButton


def x_strokes(i: int) -> list:
    """The user's odd "5": an X, drawn a little differently each time."""
    d = 0.03 * (i % 3) - 0.03
    return [[(0.25 + d, 0.2), (0.75, 0.8 + d)], [(0.75 - d, 0.2 + d), (0.25, 0.8)]]


@pytest.fixture()
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))  # a fresh data folder: no drawings, no model in use
    w = open_main_window(qtbot, (900, 640))
    yield w
    w.digits_tab.handwriting.stop()


def keep_crosses(window, qtbot, n: int) -> list[int | None]:
    """Draw n X's with the mouse and click "5" under each; what the model read each as before."""
    tab, panel = window.digits_tab, window.digits_tab.handwriting
    readings = []
    for i in range(n):
        draw(qtbot, tab.canvas, x_strokes(i))
        readings.append(tab.last_prediction.digit)
        qtbot.mouseClick(panel.digit_buttons[5], LEFT)
        assert tab.canvas.is_empty()
    return readings


def test_a_misread_drawing_is_kept_under_the_digit_clicked(window, qtbot, predictor):
    tab, panel = window.digits_tab, window.digits_tab.handwriting
    use_model(window, predictor)
    assert not any(b.isEnabled() for b in panel.digit_buttons)  # nothing read yet
    assert panel.count_label.text() == "Drawings of yours kept: 0"
    draw(qtbot, tab.canvas, STROKES["7"])
    assert all(b.isEnabled() for b in panel.digit_buttons)
    qtbot.mouseClick(panel.digit_buttons[1], LEFT)  # "that's no 7, it's my 1"
    assert count_corrections(corrections_dir()) == {"1": 1}
    assert tab.canvas.is_empty() and not any(b.isEnabled() for b in panel.digit_buttons)
    assert panel.count_label.text() == "Drawings of yours kept: 1"
    assert "Kept as a 1" in panel.message_label.text() and "4 more" in panel.message_label.text()

    draw(qtbot, tab.canvas, STROKES["3"])
    assert "Kept as" not in panel.message_label.text()  # it was about the last drawing, not the one being read
    assert panel.digit_buttons[8].isEnabled(), tab.last_prediction
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    QTest.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.AltModifier)  # the keyboard way: Alt+8
    qtbot.waitUntil(lambda: count_corrections(corrections_dir()) == {"1": 1, "8": 1}, timeout=2000)


def test_teach_with_too_few_drawings_says_how_many_more(window, qtbot, predictor):
    tab, panel = window.digits_tab, window.digits_tab.handwriting
    use_model(window, predictor)
    draw(qtbot, tab.canvas, STROKES["4"])
    qtbot.mouseClick(panel.digit_buttons[4], LEFT)
    qtbot.mouseClick(panel.teach_button, LEFT)
    assert panel.run is None
    assert "at least 5 drawings of yours; 1 kept so far: correct 4 more" in panel.message_label.text()


def test_show_and_forget_the_kept_drawings(window, qtbot, predictor, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    tab, panel = window.digits_tab, window.digits_tab.handwriting
    use_model(window, predictor)
    for digit in "17":
        draw(qtbot, tab.canvas, STROKES[digit])
        qtbot.mouseClick(panel.digit_buttons[int(digit)], LEFT)
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    qtbot.mouseClick(panel.open_button, LEFT)
    assert opened == [str(corrections_dir())]

    qtbot.mouseClick(panel.forget_button, LEFT)
    box = panel.confirm_box
    assert box.isVisible() and "Delete all 2 drawings" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), LEFT)
    assert count_corrections(corrections_dir()) == {"1": 1, "7": 1}  # "No" keeps them
    qtbot.mouseClick(panel.forget_button, LEFT)
    qtbot.mouseClick(panel.confirm_box.button(QMessageBox.StandardButton.Yes), LEFT)
    assert count_corrections(corrections_dir()) == {}
    assert panel.count_label.text() == "Drawings of yours kept: 0" and not panel.forget_button.isEnabled()


def test_teach_it_my_handwriting_before_after_and_use_it(window, qtbot, predictor):
    tab, panel = window.digits_tab, window.digits_tab.handwriting
    use_model(window, predictor)
    panel.config = QUICK
    readings = keep_crosses(window, qtbot, 6)
    broken = corrections_dir() / "5" / "broken.png"  # a file damaged on the disk: named, and left out
    broken.write_bytes(b"not a picture")
    qtbot.mouseClick(panel.teach_button, LEFT)
    assert panel.run is not None and not panel.teach_button.isEnabled() and panel.cancel_button.isVisible()
    said = []
    panel.run.progress.connect(lambda p: said.append(panel.message_label.text()))  # after the panel's own slot
    qtbot.waitUntil(lambda: panel.run is None, timeout=180000)
    assert any("mixed with 1,000 MNIST digits" in text for text in said), said  # not "1000"
    result = panel.result
    assert result is not None, panel.message_label.text()
    assert result.before_right == readings.count(5)  # what the tab said before, counted again by the core
    assert result.after_right == 6 and result.held_out == 0 and not result.forgot
    text = panel.message_label.text()
    assert f"On your 6 drawings: before, {result.before_right} of 6 right; after, 6 of 6." in text
    assert "partly memorised" in text and "MNIST test digits:" in text
    assert f"Left out, unreadable: {broken} (" in text
    assert panel.use_button.isVisible() and panel.teach_button.isEnabled()
    saved = result.saved_to
    assert saved.startswith(str(user_data_dir() / "models")) and not digits_in_use().exists()

    # The window is rebuilt over the same state (what a language switch does) before the person decides:
    # the new panel still shows the result and offers the taught model.
    from gui.main_window import MainWindow

    rebuilt = MainWindow(window.state)
    qtbot.addWidget(rebuilt)
    window.close()
    rebuilt.show()
    qtbot.waitExposed(rebuilt)
    window, tab, panel = rebuilt, rebuilt.digits_tab, rebuilt.digits_tab.handwriting
    assert panel.result is result and panel.message_label.text() == text and panel.use_button.isVisible()

    before = tab.predictor
    qtbot.mouseClick(panel.use_button, LEFT)
    qtbot.waitUntil(lambda: tab.predictor is not before, timeout=60000)
    assert window.state.digits.value.path == str(digits_in_use()) and digits_in_use().exists()
    assert panel.message_label.text() == "The taught model is now in use."
    again = MainWindow(window.state)  # rebuilt once more, the taught model in use: the line still says so
    qtbot.addWidget(again)
    window.close()
    again.show()
    qtbot.waitExposed(again)
    window, tab, panel = again, again.digits_tab, again.digits_tab.handwriting
    assert panel.message_label.text() == "The taught model is now in use."
    qtbot.waitUntil(lambda: tab.predictor is not None, timeout=60000)
    draw(qtbot, tab.canvas, x_strokes(1))
    assert tab.last_prediction.digit == 5  # the taught model reads the user's 5

    window.shipped_model_action.trigger()  # Model ▸ Back to the shipped model
    qtbot.waitUntil(lambda: window.state.digits.value.path is None and tab.predictor is not None, timeout=60000)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Digit model ready.", timeout=60000)
    assert "now in use" not in panel.message_label.text()  # the line under the canvas follows the model in use


def test_cancel_stops_teaching_and_a_forgetful_model_is_not_offered(window, qtbot, predictor):
    panel = window.digits_tab.handwriting
    use_model(window, predictor)
    keep_crosses(window, qtbot, 5)
    panel.config = TeachConfig(steps=100000, mnist_images=300, test_images=300)
    qtbot.mouseClick(panel.teach_button, LEFT)
    qtbot.waitUntil(lambda: panel.progress.value() > 0, timeout=180000)  # teaching, not starting
    qtbot.mouseClick(panel.cancel_button, LEFT)
    qtbot.waitUntil(lambda: panel.run is None, timeout=20000)
    assert panel.message_label.text() == "Teaching cancelled; nothing was saved."
    assert not list((user_data_dir() / "models").glob("handwriting-*.keras"))
    assert not panel.use_button.isVisible() and not panel.progress.isVisible()

    # A learning rate far too high makes it forget MNIST: said, and not offered.
    panel.config = TeachConfig(steps=30, mnist_images=300, test_images=300, learning_rate=0.05, own_per_batch=48)
    qtbot.mouseClick(panel.teach_button, LEFT)
    qtbot.waitUntil(lambda: panel.run is None, timeout=180000)
    assert panel.result is not None and panel.result.forgot
    assert "It forgot part of MNIST (under 99.5%), so it is not offered" in panel.message_label.text()
    assert not panel.use_button.isVisible()


def test_the_correction_buttons_fit_the_smallest_window(qtbot, tmp_path, monkeypatch):
    from gui.main_window import MINIMUM_SIZE

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    w = open_main_window(qtbot)
    w.resize(*MINIMUM_SIZE)
    qtbot.wait(50)
    tab, panel = w.digits_tab, w.digits_tab.handwriting
    for child in (*panel.digit_buttons, panel.open_button, panel.forget_button, panel.teach_button, panel.count_label):
        corner = child.mapTo(tab, child.rect().bottomRight())
        assert child.isVisible() and tab.rect().contains(corner), child  # nothing cut off
    assert tab.canvas.height() >= 160


def test_a_drawing_that_cannot_be_kept_says_why_and_stays_on_the_canvas(window, qtbot, predictor, monkeypatch):
    import errno
    import os

    tab, panel = window.digits_tab, window.digits_tab.handwriting
    use_model(window, predictor)
    draw(qtbot, tab.canvas, STROKES["7"])

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    qtbot.mouseClick(panel.digit_buttons[7], LEFT)
    text = panel.message_label.text()
    assert text.startswith("Your drawing could not be kept: could not keep the drawing in ")
    assert str(corrections_dir() / "7") in text and "No space left on device" in text
    assert tab.canvas.stroke_count() == 1  # the drawing is not lost: fix the disk and click again
    assert count_corrections(corrections_dir()) == {} and panel.count_label.text() == "Drawings of yours kept: 0"
    monkeypatch.undo()
    qtbot.mouseClick(panel.digit_buttons[7], LEFT)
    assert count_corrections(corrections_dir()) == {"7": 1} and tab.canvas.is_empty()


def test_a_digit_read_as_not_a_digit_can_be_kept(window, qtbot, predictor):
    """The digit it refuses is the misreading most worth teaching: the buttons must not be greyed out."""
    from test_gui_not_digit import LETTER_A

    tab, panel = window.digits_tab, window.digits_tab.handwriting
    use_model(window, predictor)
    draw(qtbot, tab.canvas, LETTER_A)  # the user's odd 4, say
    assert tab.last_prediction.not_digit
    assert all(b.isEnabled() for b in panel.digit_buttons)
    qtbot.mouseClick(panel.digit_buttons[4], LEFT)
    assert count_corrections(corrections_dir()) == {"4": 1} and tab.canvas.is_empty()


def test_show_them_without_a_file_manager_says_where_the_drawings_are(window, qtbot, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)  # no launcher on this desktop
    panel = window.digits_tab.handwriting
    qtbot.mouseClick(panel.open_button, LEFT)
    assert "No file manager" in panel.message_label.text() and str(corrections_dir()) in panel.message_label.text()


def test_a_language_switch_keeps_teaching_and_quit_stops_it(qtbot, tmp_path, monkeypatch, predictor):
    """Teach, switch to Português from the menu: the new window's panel carries on to the result; Ctrl+Q (and
    "Parar e fechar") cancels."""
    import shiboken6
    from test_gui_digits import activate

    from gui import app
    from models.app_state import AppState

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    first = app.open_window(AppState("en"))
    qtbot.waitExposed(first)
    try:
        use_model(first, predictor)
        keep_crosses(first, qtbot, 5)
        old = first.digits_tab.handwriting
        old.config = TeachConfig(steps=300, mnist_images=1000, test_images=500)
        qtbot.mouseClick(old.teach_button, LEFT)
        run = old.run
        qtbot.waitUntil(lambda: old.progress.value() > 0, timeout=180000)  # teaching, not starting
        second = choose_language(qtbot, first, "pt_BR")
        qtbot.waitUntil(lambda: not shiboken6.isValid(first), timeout=2000)  # the old window is gone
        panel = second.digits_tab.handwriting
        assert panel.run is run and run.is_running()  # not cancelled by the old window's closing
        assert panel.progress.isVisible() and panel.cancel_button.isVisible() and not panel.teach_button.isEnabled()
        assert panel.progress.value() > 0
        qtbot.waitUntil(lambda: panel.run is None, timeout=180000)
        result = panel.result  # the result arrives in the new window, in its language
        assert result is not None and f"Nos seus {result.drawings} desenhos" in panel.message_label.text()
        assert panel.teach_button.isEnabled() and not panel.progress.isVisible()

        panel.config = TeachConfig(steps=100000, mnist_images=300, test_images=300)  # runs until stopped
        saved = set((user_data_dir() / "models").glob("handwriting-*.keras"))
        qtbot.mouseClick(panel.teach_button, LEFT)
        run = panel.run
        qtbot.waitUntil(lambda: panel.progress.value() > 0, timeout=180000)
        activate(second)
        qtbot.keyClick(second, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)  # Model ▸ Quit
        box = second.close_box  # it asks first, in the window's language
        assert "Ensinar a sua letra ainda está em andamento." in box.text() and run.is_running()
        stop = next(b for b in box.buttons() if b.text() == "&Parar e fechar")
        qtbot.mouseClick(stop, LEFT)
        assert not second.isVisible() and not run.is_running()  # closing stops it
        assert set((user_data_dir() / "models").glob("handwriting-*.keras")) == saved  # nothing more saved
    finally:
        close_every_window()


def test_teaching_counts_are_written_as_the_language_writes_them(qtbot, monkeypatch):
    """6000 MNIST digits read "6,000" in English (the CLI's text too) and "6.000" in Portuguese."""
    from gui import i18n
    from gui.handwriting_panel import localised
    from models.messages import Message

    message = Message("Teaching on {0} drawings of yours mixed with {1:,} MNIST digits…", 6, 6000)
    assert str(message) == "Teaching on 6 drawings of yours mixed with 6,000 MNIST digits…"  # the CLI prints this
    assert localised(message) == str(message)
    monkeypatch.setattr(i18n, "_language", "pt_BR")
    assert "6.000" in localised(message) and "6,000" not in localised(message)


def test_closing_while_teaching_asks_first_and_the_question_goes_once_teaching_ends(window, qtbot, predictor):
    """Closing the window during teaching cancelled it without a word, though it takes about a minute."""
    panel = window.digits_tab.handwriting
    use_model(window, predictor)
    panel.config = QUICK
    keep_crosses(window, qtbot, 6)
    qtbot.mouseClick(panel.teach_button, LEFT)
    window.quit_action.trigger()  # Model ▸ Quit
    box = window.close_box
    assert box is not None and box.isVisible() and "Teaching it your handwriting is still going." in box.text()
    assert window.isVisible() and panel.run is not None
    qtbot.waitUntil(lambda: panel.run is None, timeout=180000)  # it went on, and ended by itself
    qtbot.waitUntil(lambda: window.close_box is None and not box.isVisible())  # nothing to lose now: not asked
    assert window.isVisible() and panel.use_button.isVisible()  # the taught model is offered
