"""The Faces tab with a pet/thing recogniser: live whole-picture labels with bars, and its "unknown" slider."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from faces_data import make_video, shipped, train_things, variants, write_folder

pytest.importorskip("pytestqt")
pytest.importorskip("skimage")

from gui_helpers import open_main_window  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QFileDialog  # noqa: E402

from gui.main_window import MainWindow  # noqa: E402
from models.recognizer import UNKNOWN, Recognizer  # noqa: E402
from training.recognizer_training import RecognizerTrainConfig, train_recognizer  # noqa: E402


@pytest.fixture(scope="module")
def things_file(tmp_path_factory):
    """A tiny scratch recogniser of a cat and a coffee cup (with references: "unknown" by distance)."""
    return train_things(tmp_path_factory)


@pytest.fixture()
def tab(qtbot):
    window = open_main_window(qtbot, tab="faces_tab")
    yield window.faces_tab
    window.faces_tab.stop()


def test_a_video_is_labelled_as_a_whole_with_probability_bars(tab, qtbot, things_file, tmp_path):
    tab.set_recognizer(Recognizer.load(things_file))
    assert tab.bars.isVisible() and tab.bars.labels == ["cat", "coffee"]
    frames = [cv2.resize(f, (640, 480)) for f in variants(shipped("chelsea"), 45, 3)]
    tab.set_source(str(make_video(tmp_path / "cat.avi", frames)))
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.label_updates >= 5, timeout=30000)
    found = tab.last_found
    assert len(found) == 1 and found[0].box is None  # the whole frame: no face needed
    assert found[0].label in ("cat", "coffee", UNKNOWN)
    assert tab.bars.values.sum() == pytest.approx(1, abs=1e-3)  # the bars show this frame's softmax
    assert tab.bars.values[tab.bars.labels.index(found[0].candidate)] == pytest.approx(found[0].confidence)
    assert tab.recognizer.traces == 1  # every frame through the one compiled call
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)  # Stop
    assert tab.capture is None


def test_the_slider_moves_the_distance_threshold_of_a_thing_model(tab, qtbot, things_file, tmp_path, monkeypatch):
    tab.set_recognizer(Recognizer.load(things_file))
    recognizer = tab.recognizer
    calibrated = recognizer.distance_threshold
    assert recognizer.uses_distance and 0 < calibrated < 2
    # The whole range of unit-length features, starting at the calibrated threshold.
    assert (tab.slider.minimum(), tab.slider.maximum()) == (0, 200)
    assert tab.slider.value() == round(100 * calibrated)
    assert "distance" in tab.slider_label.text()
    path = tmp_path / "cat.png"
    cv2.imwrite(str(path), cv2.cvtColor(shipped("chelsea"), cv2.COLOR_RGB2BGR))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(tab.still_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cat.png:" in tab.message.text(), timeout=30000)
    candidate = tab.last_found[0].candidate
    tab.slider.setFocus()
    qtbot.keyClick(tab.slider, Qt.Key.Key_Home)  # distance 0: nothing is that close
    assert recognizer.distance_threshold == 0.0
    assert [r.label for r in tab.last_found] == [UNKNOWN]
    assert tab.slider_label.text() == "Unknown beyond distance 0.00"
    qtbot.keyClick(tab.slider, Qt.Key.Key_End)  # distance 2: everything is that close
    assert recognizer.distance_threshold == 2.0
    assert [r.label for r in tab.last_found] == [candidate]
    qtbot.keyClick(tab.slider, Qt.Key.Key_PageDown)
    assert recognizer.distance_threshold == pytest.approx(tab.slider.value() / 100) and tab.slider.value() < 200
    assert recognizer.confidence_threshold == pytest.approx(0.5)  # the slider left the other rule alone


def test_the_slider_of_an_older_thing_model_sets_the_confidence(tab, qtbot, things_file):
    recognizer = Recognizer.load(things_file)
    del recognizer.metadata["references"]  # as saved before the open set for things
    tab.set_recognizer(recognizer)
    assert tab.slider.maximum() == 100 and "confidence" in tab.slider_label.text()
    tab.slider.setFocus()
    qtbot.keyClick(tab.slider, Qt.Key.Key_End)
    assert recognizer.confidence_threshold == 1.0
    assert np.isclose(recognizer.distance_threshold, Recognizer.load(things_file).distance_threshold)


def test_the_tab_loads_whichever_recogniser_was_retrained_last(qtbot, things_file):
    import os
    import shutil

    from models.paths import faces_in_use, things_in_use

    faces_in_use().parent.mkdir(parents=True, exist_ok=True)
    for path, age in ((faces_in_use(), 100), (things_in_use(), 10)):  # things retrained after faces
        shutil.copyfile(things_file, path)
        shutil.copyfile(things_file.with_suffix(".json"), path.with_suffix(".json"))
        os.utime(path, (path.stat().st_atime, path.stat().st_mtime - age))
    try:
        window = MainWindow()
        qtbot.addWidget(window)
        window.show()
        window.tabs.setCurrentWidget(window.faces_tab)
        qtbot.waitUntil(lambda: window.state.faces.value.status == "ready", timeout=30000)
        assert window.state.faces.value.path == str(things_in_use())
        tab = window.faces_tab
        assert tab.add_class_button.isVisible() and tab.building_things  # Retrain now trains the things
        assert tab.retrain_button.toolTip() == "Train the pet/thing recogniser again on every class recorded"
    finally:
        for path in (faces_in_use(), things_in_use()):
            path.unlink(missing_ok=True)
            path.with_suffix(".json").unlink(missing_ok=True)


def test_people_retrain_trains_the_people_even_with_a_thing_model_in_use(
    tab, qtbot, things_file, tmp_path, monkeypatch
):
    """People… → Retrain used to retrain the pet/thing model (on its classes) instead of the people listed."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from models.paths import people_dir

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # this test's own people and models
    write_folder(
        people_dir(), {"eileen": variants(shipped("astronaut"), 3, 1), "grace": variants(shipped("grace_hopper"), 3, 2)}
    )
    tab.set_recognizer(Recognizer.load(things_file))
    assert tab.building_things
    clicked = []

    def in_dialog():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(50, in_dialog)
            return
        qtbot.mouseClick(dialog.retrain_button, Qt.MouseButton.LeftButton)
        clicked.append(tab._things_run)  # no pet/thing retraining started
        dialog.reject()

    QTimer.singleShot(50, in_dialog)
    qtbot.mouseClick(tab.people_button, Qt.MouseButton.LeftButton)
    assert clicked == [None]
    qtbot.waitUntil(lambda: tab.recognizer.backbone == "face", timeout=60000)
    assert tab.recognizer.classes == ["eileen", "grace"] and "Retrained on 2 people" in tab.message.text()


def test_a_late_answer_of_the_replaced_recogniser_is_not_shown(tab, qtbot, things_file, tmp_path, monkeypatch):
    """A pet model's whole-frame "Unknown" box, answered just after a face model replaced it, stayed on the video."""
    import threading

    people = write_folder(
        tmp_path / "people",
        {"eileen": variants(shipped("astronaut"), 3, 1), "grace": variants(shipped("grace_hopper"), 3, 2)},
    )
    train_recognizer(people, RecognizerTrainConfig(backbone="face"), out=tmp_path / "faces.keras")
    faces = Recognizer.load(tmp_path / "faces.keras")
    things = Recognizer.load(things_file)
    halfway, replaced = threading.Event(), threading.Event()
    recognize = things.recognize

    def slow(rgb, live=False):  # the old recogniser is halfway through a frame when the new one comes
        found = recognize(rgb, live=live)
        halfway.set()
        replaced.wait(10)
        return found

    monkeypatch.setattr(things, "recognize", slow)
    done = threading.Event()
    monkeypatch.setattr(faces, "recognize", lambda rgb, live=False: done.wait(10) and [])  # says nothing till the end
    tab.recognize_in_processes = False  # faces in the recognition thread, through faces.recognize
    tab.set_recognizer(things)
    frames = [cv2.resize(f, (640, 480)) for f in variants(shipped("chelsea"), 45, 3)]
    tab.set_source(str(make_video(tmp_path / "cat.avi", frames)))
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(halfway.is_set, timeout=30000)
    tab.set_recognizer(faces)
    replaced.set()
    qtbot.wait(1000)  # the late answer arrives; the cat video has no face for the new one to name
    assert tab.last_found == [] and tab.view.box_rects() == []
    done.set()
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)  # Stop


def test_retraining_after_add_class_says_what_each_class_count_counts(tab, qtbot, tmp_path, monkeypatch):
    """The retraining line read "Coffee: 11" (and stayed so while the pictures were read): a bare number."""
    import re

    from PySide6.QtWidgets import QInputDialog

    from models.paths import things_dir

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # this test's own things
    write_folder(
        things_dir(), {"coffee": variants(shipped("coffee"), 11, 2), "cat": variants(shipped("chelsea"), 8, 1)}
    )
    frames = [cv2.resize(f, (320, 240)) for f in variants(shipped("chelsea"), 40, 3)]
    tab.set_source(str(make_video(tmp_path / "cat.avi", frames * 2)))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("cat", True))
    qtbot.mouseClick(tab.add_class_button, Qt.MouseButton.LeftButton)  # more of the cat, recorded earlier
    qtbot.waitUntil(tab.record_panel.isVisible, timeout=20000)
    qtbot.mouseClick(tab.record_panel.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.record_panel.isVisible(), timeout=10000)
    tab.things_backbone, tab.things_epochs = "scratch", 1  # seconds; never a download
    qtbot.mouseClick(tab.retrain_button, Qt.MouseButton.LeftButton)
    shown: list[str] = []
    tab._things_run.progress.connect(lambda p: shown.append(tab.message.text()))  # after the tab's own slot
    qtbot.waitUntil(lambda: tab.recognizer is not None, timeout=180000)  # retrained and loaded
    assert "11 images of coffee" in shown and "8 images of cat" in shown, shown
    assert not [line for line in shown if re.fullmatch(r"[^:]+: \d+", line)], shown  # no count without its unit
    assert any(line.startswith("Reading pictures: 19/19") for line in shown), shown  # the job's own progress


def test_the_label_over_the_picture_and_its_bar_say_the_same_never_100_under_1(tab, qtbot, things_file, tmp_path):
    """A cat at 99.5% read "cat 100%" over the picture while its bar said 99.5%."""
    import tensorflow as tf

    recognizer = Recognizer.load(things_file)
    real = recognizer.live_call()
    recognizer._live = lambda x: (real(x)[0], tf.constant([[0.995, 0.005]]))  # the head's answer for every frame
    tab.set_recognizer(recognizer)
    tab.slider.setFocus()
    qtbot.keyClick(tab.slider, Qt.Key.Key_End)  # no picture is too far: named whatever the features
    frames = [cv2.resize(f, (320, 240)) for f in variants(shipped("chelsea"), 30, 3)]
    tab.set_source(str(make_video(tmp_path / "cat.avi", frames)))
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.label_updates >= 2, timeout=30000)
    assert tab.view.tags() == ["cat 99%"]
    assert tab.bars.value_texts()[0] == "99%"  # the bar of the same class, rounded the same way
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)  # Stop
