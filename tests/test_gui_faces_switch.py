"""A language switch rebuilds the window over the same state: the Faces tab's playing source goes on."""

from __future__ import annotations

import cv2
import pytest
import shiboken6
from faces_data import make_video, shipped, train_things, variants
from gui_helpers import choose_language, click_main_tab, close_every_window

pytest.importorskip("pytestqt")
pytest.importorskip("skimage")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QFileDialog, QInputDialog  # noqa: E402

from gui import app  # noqa: E402
from models.app_state import AppState  # noqa: E402

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(scope="module")
def things_file(tmp_path_factory):
    return train_things(tmp_path_factory)


@pytest.fixture()
def first(qtbot, monkeypatch, tmp_path):
    """The app's window over a fresh state, on the Faces tab (chosen in the tab bar); every window closed after."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    window = app.open_window(AppState("en"))
    qtbot.waitExposed(window)
    click_main_tab(qtbot, window, window.faces_tab)
    yield window
    close_every_window()


def test_a_language_switch_keeps_the_source_playing_with_the_same_recogniser_and_settings(
    first, qtbot, monkeypatch, tmp_path, things_file
):
    """Triggering Language ▸ Português stopped the video: the old window's closing stopped its source."""
    tab = first.faces_tab
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(things_file), ""))
    qtbot.mouseClick(tab.load_button, LEFT)
    qtbot.waitUntil(lambda: tab.recognizer is not None, timeout=60000)
    tab.slider.setFocus()
    for _ in range(7):
        qtbot.keyClick(tab.slider, Qt.Key.Key_Left)  # stricter than calibrated
    threshold = tab.recognizer.distance_threshold
    assert tab.slider.value() == round(100 * threshold)
    tab.things_epochs = 3  # a setting of the view, not of the state
    frames = [cv2.resize(f, (320, 240)) for f in variants(shipped("chelsea"), 40, 3)]
    video = make_video(tmp_path / "cat.avi", frames)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(video), ""))
    qtbot.mouseClick(tab.browse_video, LEFT)
    qtbot.waitUntil(lambda: tab.label_updates >= 2, timeout=30000)
    tab.capture.source.loop = True  # a camera never ends
    capture = tab.capture

    second = choose_language(qtbot, first, "pt_BR")
    qtbot.waitUntil(lambda: not shiboken6.isValid(first), timeout=5000)  # the old window and its tab are gone
    new = second.faces_tab
    assert second.tabs.currentWidget() is new and "&Idioma" in [a.text() for a in second.menuBar().actions()]
    assert new.capture is capture and capture.isRunning()  # the same playback goes on, where it was
    assert new.start_button.text() == new.tr("&Stop") != "&Stop"  # in Portuguese, and saying it can stop
    assert new.recognizer is first.state.faces.value.model and new.recognizer.distance_threshold == threshold
    assert new.slider.value() == round(100 * threshold) and new.things_epochs == 3
    shown, labelled = new.view.frames_shown, new.label_updates
    qtbot.waitUntil(lambda: new.view.frames_shown >= shown + 5 and new.label_updates >= labelled + 3, timeout=30000)
    assert new.bars.isVisible() and new.bars.labels == ["cat", "coffee"]
    assert new.last_found and new.last_found[0].box is None  # the whole picture, labelled by the same model

    qtbot.mouseClick(new.start_button, LEFT)  # Parar: the new view owns the playback
    assert new.capture is None and not capture.isRunning()


def test_a_language_switch_during_a_pet_retraining_keeps_its_progress_and_cancel(first, qtbot, monkeypatch, tmp_path):
    """The retraining went on in its child process but the new window never heard of it: no bar, no Cancel."""
    from faces_data import write_folder

    from models.paths import things_dir, things_in_use

    tab = first.faces_tab
    write_folder(things_dir(), {"cat": variants(shipped("chelsea"), 6, 1), "coffee": variants(shipped("coffee"), 6, 2)})
    frames = [cv2.resize(f, (320, 240)) for f in variants(shipped("chelsea"), 20, 3)]
    tab.set_source(str(make_video(tmp_path / "cat.avi", frames)))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("cat", True))
    qtbot.mouseClick(tab.add_class_button, LEFT)
    qtbot.waitUntil(tab.record_panel.isVisible, timeout=20000)
    qtbot.mouseClick(tab.record_panel.done_button, LEFT)
    qtbot.waitUntil(lambda: not tab.record_panel.isVisible(), timeout=10000)
    tab.things_backbone, tab.things_epochs = "scratch", 200  # long enough to be cancelled; never a download
    qtbot.mouseClick(tab.retrain_button, LEFT)
    run = tab._things_run

    second = choose_language(qtbot, first, "pt_BR")
    new = second.faces_tab
    assert new._things_run is run and new.retrain_progress.isVisible() and new.cancel_retrain_button.isVisible()
    assert not new.retrain_button.isEnabled()  # one run at a time, in this window too
    qtbot.waitUntil(lambda: new.retrain_progress.maximum() == 200, timeout=120000)  # its epochs reach the new bar
    qtbot.mouseClick(new.cancel_retrain_button, LEFT)
    qtbot.waitUntil(lambda: new._things_run is None, timeout=60000)
    assert new.message.text() == new.tr("Retraining cancelled; the recogniser in use stays.")
    assert not new.cancel_retrain_button.isVisible() and new.retrain_button.isEnabled()
    assert not things_in_use().exists()


def test_a_language_switch_during_add_class_goes_on_recording(first, qtbot, monkeypatch, tmp_path):
    import gui.class_recorder
    from models.paths import things_dir

    monkeypatch.setattr(gui.class_recorder, "COUNTDOWN_STEP_MS", 150)
    tab = first.faces_tab
    frames = [cv2.resize(f, (320, 240)) for f in variants(shipped("chelsea"), 20, 3)]
    tab.set_source(str(make_video(tmp_path / "cat.avi", frames)))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("cat", True))
    qtbot.mouseClick(tab.add_class_button, LEFT)
    qtbot.waitUntil(tab.record_panel.isVisible, timeout=20000)
    tab.capture.source.loop = True
    qtbot.mousePress(tab.record_panel.hold_button, LEFT)
    qtbot.waitUntil(lambda: tab.record_panel.recorder.saved >= 3, timeout=20000)
    qtbot.mouseRelease(tab.record_panel.hold_button, LEFT)
    recorder = tab.record_panel.recorder

    second = choose_language(qtbot, first, "pt_BR")
    new = second.faces_tab
    qtbot.waitUntil(lambda: not shiboken6.isValid(first), timeout=5000)
    panel = new.record_panel
    assert panel.isVisible() and panel.recorder is recorder and not new.add_button.isEnabled()
    held = recorder.saved
    assert panel.count_label.text() == panel.tr("{0}: {1} pictures").format("cat", held)
    qtbot.mousePress(panel.hold_button, LEFT)  # no second countdown
    qtbot.waitUntil(lambda: recorder.saved >= held + 3, timeout=20000)
    qtbot.mouseRelease(panel.hold_button, LEFT)
    qtbot.mouseClick(panel.done_button, LEFT)
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=10000)
    assert new.add_button.isEnabled() and new.capture is not None  # the video goes on
    assert len(list((things_dir() / "cat").glob("*.jpg"))) == recorder.saved >= held + 3


def test_a_language_switch_during_add_person_goes_on_taking_photos(first, qtbot, monkeypatch, tmp_path):
    pytest.importorskip("dlib")
    from models.paths import people_dir

    tab = first.faces_tab
    tab.set_source(str(make_video(tmp_path / "grace.avi", variants(shipped("grace_hopper"), 180, 4))))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("grace", True))
    qtbot.mouseClick(tab.add_button, LEFT)
    qtbot.waitUntil(lambda: tab._enrol is not None and tab._enrol["saved"] >= 1, timeout=60000)

    second = choose_language(qtbot, first, "pt_BR")
    new = second.faces_tab
    assert new._enrol is not None and not new.add_button.isEnabled()
    qtbot.waitUntil(lambda: new._enrol is None, timeout=60000)  # all six taken
    assert len(list((people_dir() / "grace").glob("*.jpg"))) == 6
    assert new.add_button.isEnabled() and new.capture is not None
    assert new.message.text() == new.tr("Saved {0} photos of {1}. Add one more person to train.").format(6, "grace")


def test_a_language_switch_keeps_naming_the_faces_of_a_playing_video(first, qtbot, monkeypatch, tmp_path):
    """Faces found in the child processes and followed between frames: their boxes keep coming after a switch."""
    pytest.importorskip("dlib")
    from faces_data import write_folder

    from training.recognizer_training import RecognizerTrainConfig, train_recognizer

    people = write_folder(
        tmp_path / "people",
        {"eileen": variants(shipped("astronaut"), 4, 1), "grace": variants(shipped("grace_hopper"), 4, 2)},
    )
    model = tmp_path / "faces.keras"
    train_recognizer(people, RecognizerTrainConfig(backbone="face", epochs=60), out=model)
    tab = first.faces_tab
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(model), ""))
    qtbot.mouseClick(tab.load_button, LEFT)
    qtbot.waitUntil(lambda: tab.recognizer is not None, timeout=60000)
    video = make_video(tmp_path / "grace.avi", variants(shipped("grace_hopper"), 180, 4))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(video), ""))
    qtbot.mouseClick(tab.browse_video, LEFT)
    qtbot.waitUntil(lambda: tab.label_updates >= 2 and bool(tab.view.box_rects()), timeout=60000)
    tab.capture.source.loop = True

    second = choose_language(qtbot, first, "pt_BR")
    new = second.faces_tab
    assert new.capture is not None and new.recognition.use_processes  # still in the child processes
    labelled = new.label_updates
    qtbot.waitUntil(lambda: new.label_updates >= labelled + 3, timeout=30000)
    assert new.view.box_rects() and [r.label for r in new.last_found] == ["grace"]


@pytest.mark.parametrize("kind", ["slides", "failed"])
def test_a_language_switch_after_the_source_stopped_keeps_its_last_picture_and_retry(
    first, qtbot, monkeypatch, tmp_path, kind
):
    """After "The slide show ended. Press Retry…", Language ▸ Português showed no picture and no Retry."""
    from faces_data import write_folder

    tab = first.faces_tab
    if kind == "slides":
        folder = write_folder(tmp_path / "slides", {"x": variants(shipped("chelsea"), 2, 7)}) / "x"
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
        qtbot.mouseClick(tab.browse_folder, LEFT)
    else:
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "gone.avi"), ""))
        qtbot.mouseClick(tab.browse_video, LEFT)
    qtbot.waitUntil(tab.retry_button.isVisible, timeout=30000)
    assert tab.capture is None and (tab.view.frames_shown >= 1) == (kind == "slides")

    second = choose_language(qtbot, first, "pt_BR")
    new = second.faces_tab
    assert new.retry_button.isVisible() and new.capture is None
    if kind == "slides":
        assert new.view._frame is not None and new.last_frame is tab.last_frame  # the last picture, dimmed
        assert new.message.text() == new.tr("The slide show ended. Press Retry to show it again.")
        assert new.view._message == new.tr("The slide show ended.") != "The slide show ended."  # in Portuguese
    else:
        assert new.view._frame is None and new.message.text().endswith(
            new.tr("{0}. Check the source and press Retry.").format("")[1:]
        )
    shown = new.view.frames_shown
    qtbot.mouseClick(new.retry_button, LEFT)  # Retry still plays the same source again
    assert not new.retry_button.isVisible() or kind == "failed"
    if kind == "slides":
        qtbot.waitUntil(lambda: new.view.frames_shown > shown, timeout=30000)
