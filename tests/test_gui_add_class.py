"""*Add class…*: hold to record a pet or thing from the running video, then Retrain in a child process."""

from __future__ import annotations

import errno

import cv2
import pytest
from faces_data import make_video, shipped, variants, write_folder

pytest.importorskip("pytestqt")
pytest.importorskip("skimage")

from gui_helpers import open_main_window  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QInputDialog, QMessageBox  # noqa: E402

import gui.class_recorder  # noqa: E402
import models.frame_recorder  # noqa: E402
from models.paths import things_dir, things_in_use  # noqa: E402


@pytest.fixture()
def tab(qtbot, monkeypatch, tmp_path):
    """A new user's Faces tab (no people, things or models yet), a video of a cat as its source; a fast countdown."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # nothing left by earlier tests
    monkeypatch.setattr(gui.class_recorder, "COUNTDOWN_STEP_MS", 150)
    window = open_main_window(qtbot, tab="faces_tab")
    tab = window.faces_tab
    frames = [cv2.resize(f, (320, 240)) for f in variants(shipped("chelsea"), 40, 3)]
    tab.set_source(str(make_video(tmp_path / "cat.avi", frames * 2)))
    yield tab
    tab.stop()
    if tab._things_run is not None:
        tab.cancel_retrain()
        tab._things_run.wait(30000)


def add_class(tab, qtbot, monkeypatch, name):
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (name, True))
    assert tab.add_class_button.isVisible()  # no recogniser yet: things may be built
    qtbot.mouseClick(tab.add_class_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.record_panel.isVisible() and tab.view.frames_shown >= 3, timeout=20000)
    tab.capture.source.loop = True  # a camera never ends; retraining on a busy machine may outlast the video


def saved_pictures(name):
    return sorted((things_dir() / name).glob("*.jpg")) if (things_dir() / name).is_dir() else []


def test_hold_to_record_counts_down_then_saves_frames_while_held(tab, qtbot, monkeypatch):
    assert tab.model_label.text() == "No recogniser yet: add two people, or load a model."
    add_class(tab, qtbot, monkeypatch, "cat")
    assert tab.capture is not None  # Add class started the source
    assert tab.model_label.text() == "No recogniser yet: record two classes, then press Retrain."  # not "people"
    shown = []
    tab.record_panel.countdown.connect(shown.append)
    hold = tab.record_panel.hold_button
    qtbot.mousePress(hold, Qt.MouseButton.LeftButton)
    qtbot.wait(200)  # let go during the countdown: nothing recorded, and it starts again next time
    qtbot.mouseRelease(hold, Qt.MouseButton.LeftButton)
    qtbot.wait(600)
    assert shown[0] == "3" and shown[-1] == "" and "1" not in shown
    assert saved_pictures("cat") == [] and tab.record_panel.recorder.saved == 0
    shown.clear()
    qtbot.mousePress(hold, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.record_panel.recorder.saved >= 8, timeout=20000)
    assert shown == ["3", "2", "1", ""]
    qtbot.mouseRelease(hold, Qt.MouseButton.LeftButton)
    qtbot.wait(500)
    held = tab.record_panel.recorder.saved
    assert tab.record_panel.count_label.text() == f"cat: {held} pictures"
    qtbot.wait(500)
    assert tab.record_panel.recorder.saved == held  # released: no more pictures
    qtbot.keyPress(hold, Qt.Key.Key_Space)  # Space holds the button too, with no second countdown
    qtbot.waitUntil(lambda: tab.record_panel.recorder.saved >= held + 3, timeout=20000)
    qtbot.keyRelease(hold, Qt.Key.Key_Space)
    qtbot.mouseClick(tab.record_panel.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.record_panel.isVisible(), timeout=10000)
    saved = saved_pictures("cat")
    assert f"Saved {len(saved)} pictures of cat. Add one more class to train." == tab.message.text()
    assert len(saved) >= held + 3
    assert not [p for p in (things_dir() / "cat").iterdir() if p.name.startswith(".")]  # no temporary files
    assert cv2.imread(str(saved[0])).shape == (240, 320, 3)  # whole frames: no face needed
    assert not tab.retrain_button.isEnabled()  # one class: nothing to tell apart yet


@pytest.mark.parametrize("name", ["unknown", "  ", "a/b", "x:y"])
def test_bad_class_names_are_refused(tab, qtbot, monkeypatch, name):
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (name, True))
    qtbot.mouseClick(tab.add_class_button, Qt.MouseButton.LeftButton)
    assert len(warned) == 1 and warned[0].startswith("Please choose another name")
    assert not tab.record_panel.isVisible() and tab.capture is None
    assert not things_dir().exists() or list(things_dir().iterdir()) == []


def test_a_full_disk_stops_recording_and_leaves_only_whole_pictures(tab, qtbot, monkeypatch):
    real_replace, calls = models.frame_recorder.os.replace, []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) > 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(models.frame_recorder.os, "replace", replace)
    add_class(tab, qtbot, monkeypatch, "cat")
    qtbot.mousePress(tab.record_panel.hold_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.record_panel.isVisible(), timeout=20000)  # the failure ends the recording
    qtbot.mouseRelease(tab.record_panel.hold_button, Qt.MouseButton.LeftButton)
    text = tab.message.text()
    assert "Recording cat stopped: could not save a picture in" in text and str(things_dir() / "cat") in text
    assert "No space left on device" in text and "2 pictures saved" in text
    assert sorted(p.name for p in (things_dir() / "cat").iterdir()) == ["cat_0001.jpg", "cat_0002.jpg"]
    assert tab.capture is not None  # the video goes on
    assert tab.add_class_button.isEnabled() and tab.add_button.isEnabled()


def record_cat_and_have_coffee(tab, qtbot, monkeypatch):
    write_folder(things_dir(), {"coffee": variants(shipped("coffee"), 8, 2)})  # recorded earlier
    add_class(tab, qtbot, monkeypatch, "cat")
    qtbot.mousePress(tab.record_panel.hold_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.record_panel.recorder.saved >= 8, timeout=20000)
    qtbot.mouseRelease(tab.record_panel.hold_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.record_panel.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Press Retrain to train on 2 classes." in tab.message.text(), timeout=10000)
    tab.things_backbone, tab.things_epochs = "scratch", 2  # seconds, not minutes; never a download


def test_retrain_trains_the_recorded_classes_in_a_child_process_and_uses_the_model(tab, qtbot, monkeypatch):
    record_cat_and_have_coffee(tab, qtbot, monkeypatch)
    assert tab.retrain_button.isEnabled()
    qtbot.mouseClick(tab.retrain_button, Qt.MouseButton.LeftButton)
    assert tab.retrain_progress.isVisible() and tab.cancel_retrain_button.isVisible()
    assert not tab.retrain_button.isEnabled()  # one run at a time
    assert tab._things_run.job.process.pid is not None  # in a child process, not the window's
    qtbot.waitUntil(lambda: tab.recognizer is not None, timeout=180000)
    assert tab.recognizer.classes == ["cat", "coffee"] and tab.recognizer.backbone == "scratch"
    assert tab.message.text().startswith("Retrained on 2 classes (scratch backbone) in ")
    assert not tab.retrain_progress.isVisible() and tab.retrain_button.isEnabled()
    assert things_in_use().exists() and tab.bars.isVisible()
    before = tab.label_updates  # the new model labels the running video at once
    qtbot.waitUntil(lambda: tab.label_updates >= before + 3, timeout=30000)
    assert tab.last_found[0].box is None and tab.bars.labels == ["cat", "coffee"]


def test_cancel_stops_retraining_and_keeps_the_recogniser(tab, qtbot, monkeypatch):
    record_cat_and_have_coffee(tab, qtbot, monkeypatch)
    tab.things_epochs = 200  # long enough to be cancelled
    qtbot.mouseClick(tab.retrain_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.retrain_progress.maximum() == 200, timeout=120000)  # training has begun
    qtbot.mouseClick(tab.cancel_retrain_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab._things_run is None, timeout=30000)
    assert tab.message.text() == "Retraining cancelled; the recogniser in use stays."
    assert tab.recognizer is None and not things_in_use().exists()
    assert tab.retrain_button.isEnabled() and not tab.cancel_retrain_button.isVisible()


def test_the_countdown_stays_over_the_running_video(tab, qtbot, monkeypatch):
    """Each new frame used to wipe the "3" shown over the video, so the countdown was never seen."""
    monkeypatch.setattr(gui.class_recorder, "COUNTDOWN_STEP_MS", 3000)  # frames arrive well within one step
    add_class(tab, qtbot, monkeypatch, "cat")
    hold = tab.record_panel.hold_button
    qtbot.mousePress(hold, Qt.MouseButton.LeftButton)
    shown = tab.view.frames_shown
    qtbot.waitUntil(lambda: tab.view.frames_shown >= shown + 5, timeout=10000)
    assert tab.view.countdown == "3"
    qtbot.mouseRelease(hold, Qt.MouseButton.LeftButton)  # let go early: the countdown goes away
    assert tab.view.countdown == ""


def hold_until_saved(tab, qtbot, count: int):
    """Hold *Hold to record* with the mouse until ``count`` pictures are saved or recording ends; the recorder."""
    hold = tab.record_panel.hold_button
    qtbot.mousePress(hold, Qt.MouseButton.LeftButton)
    recorder = tab.record_panel.recorder
    qtbot.waitUntil(lambda: recorder.saved >= count or not tab.record_panel.isVisible(), timeout=30000)
    qtbot.mouseRelease(hold, Qt.MouseButton.LeftButton)
    return recorder


def test_recording_from_a_video_plays_it_again_from_its_first_frame(tab, qtbot, monkeypatch):
    """The video went on during the countdown: near its end a recording got a few frames, then 'the source ended'."""
    add_class(tab, qtbot, monkeypatch, "cat")
    tab.capture.source.loop = False  # a video file plays once, as a person's does
    qtbot.waitUntil(lambda: tab.view.frames_shown >= 70, timeout=30000)  # of its 80
    recorder = hold_until_saved(tab, qtbot, 25)
    assert recorder.saved >= 25 and tab.record_panel.isVisible(), tab.message.text()


def test_a_short_slide_show_loops_while_a_class_is_recorded(tab, qtbot, monkeypatch, tmp_path):
    """Eleven pictures at 2 a second were over before the first hold: 'the source ended. 0 pictures saved.'"""
    tab.set_source(str(write_folder(tmp_path / "slides", {"bird": variants(shipped("coffee"), 3, 5)}) / "bird"))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("bird", True))
    qtbot.mouseClick(tab.add_class_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.record_panel.isVisible() and tab.view.frames_shown >= 3, timeout=20000)
    qtbot.wait(1000)  # the three pictures have been shown: once through, the show would be over
    recorder = hold_until_saved(tab, qtbot, 5)
    assert recorder.saved >= 5 and tab.record_panel.isVisible(), tab.message.text()
