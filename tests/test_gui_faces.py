"""The Faces tab, driven with image-folder and video-file sources on an offscreen window."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

import cv2
import numpy as np
import pytest
from faces_data import make_video, shipped, train_faces, variants, write_folder

pytest.importorskip("pytestqt")
pytest.importorskip("dlib")
pytest.importorskip("skimage")

from gui_helpers import open_main_window, wait_for_text  # noqa: E402
from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox, QPushButton  # noqa: E402

from gui.faces_tab import FacesTab  # noqa: E402
from gui.people_dialog import PeopleDialog  # noqa: E402
from models.app_state import AppState  # noqa: E402
from models.paths import people_dir  # noqa: E402
from models.recognizer import Recognizer  # noqa: E402


@pytest.fixture(scope="module")
def recognizer_file(tmp_path_factory):
    return train_faces(tmp_path_factory)


@pytest.fixture()
def tab(qtbot):
    window = open_main_window(qtbot, tab="faces_tab")
    yield window.faces_tab
    window.faces_tab.stop()


@pytest.mark.parametrize("in_processes", [True, False], ids=["child-processes", "this-process"])
def test_live_folder_source_names_people(tab, qtbot, recognizer_file, tmp_path, in_processes):
    tab.set_recognizer(Recognizer.load(recognizer_file))
    # 12 slides at 2 per second: time for the child processes to start on a busy machine before it ends.
    folder = write_folder(tmp_path / "frames", {"x": variants(shipped("astronaut"), 12, 7)})
    tab.set_source(str(folder / "x"))
    tab.recognize_in_processes = in_processes
    tab.start()
    qtbot.waitUntil(lambda: tab.label_updates >= 1 and tab.view.frames_shown >= 1, timeout=30000)
    assert [r.label for r in tab.last_found] == ["eileen"]
    assert tab.last_found[0].box is not None
    assert tab.recognition.use_processes is in_processes  # the children did the work (no fallback)
    assert tab.start_button.text() == "&Stop"


def test_video_that_ends_offers_retry(tab, qtbot, recognizer_file, tmp_path):
    tab.set_recognizer(Recognizer.load(recognizer_file))
    video = make_video(tmp_path / "clip.avi", variants(shipped("grace_hopper"), 12, 3))
    tab.set_source(str(video))
    tab.start()
    qtbot.waitUntil(lambda: "ended" in tab.message.text(), timeout=20000)
    assert tab.view.frames_shown >= 10
    assert tab.retry_button.isVisible() and tab.capture is None
    tab.retry_button.click()  # plays again
    qtbot.waitUntil(lambda: tab.view.frames_shown >= 20, timeout=20000)


@pytest.mark.parametrize("source", ["7", "/no/such/clip.mp4"])
def test_missing_camera_or_file_is_a_message_not_a_crash(tab, qtbot, source):
    tab.set_source(source)
    tab.start()
    qtbot.waitUntil(lambda: tab.retry_button.isVisible(), timeout=20000)
    text = tab.message.text().lower()
    assert "cannot open" in text or "no such" in text
    assert tab.message.text()[0].isupper()  # a core message shown as a sentence
    assert tab.capture is None and tab.start_button.text() == "&Start"


def test_threshold_slider_updates_labels_live(tab, qtbot, recognizer_file):
    tab.set_recognizer(Recognizer.load(recognizer_file))
    photo = tab.recognizer.recognize(shipped("grace_hopper"))
    tab.last_found = photo
    tab.slider.setValue(tab.slider.minimum())  # very strict
    assert [r.label for r in tab.last_found] == ["unknown"]
    tab.slider.setValue(tab.slider.maximum())
    assert [r.label for r in tab.last_found] == ["grace"]


def test_classify_a_still_image(tab, qtbot, recognizer_file, tmp_path):
    tab.set_recognizer(Recognizer.load(recognizer_file))
    path = tmp_path / "grace.png"
    cv2.imwrite(str(path), cv2.cvtColor(shipped("grace_hopper"), cv2.COLOR_RGB2BGR))
    tab.classify_file(path)
    qtbot.waitUntil(lambda: "grace (" in tab.message.text(), timeout=20000)
    bad = tmp_path / "bad.png"
    bad.write_text("not an image")
    tab.classify_file(bad)
    qtbot.waitUntil(lambda: "Could not classify bad.png" in tab.message.text(), timeout=20000)


def test_add_person_from_the_camera_and_retrain(tab, qtbot, camera_video):
    eileen = people_dir() / "eileen"
    write_folder(people_dir(), {"eileen": variants(shipped("astronaut"), 4, 1)})
    tab.set_source(str(camera_video))
    tab.start()
    tab.start_enrolment("grace", count=3)
    wait_for_text(qtbot, tab.message, "Retrained on 2 people", timeout=60000)
    assert "Saved 3 photos of grace." in tab.message.text()  # the retrain's line had replaced it
    assert sorted(tab.recognizer.classes) == ["eileen", "grace"]
    assert len(list((people_dir() / "grace").glob("*.jpg"))) == 3
    assert len(list(eileen.glob("*.jpg"))) == 4  # the other person's photos are untouched


def test_bad_names_are_refused(tab, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    tab.start_enrolment("../etc")
    assert warned and tab._enrol is None


def test_latest_mailbox_drops_stale_frames():
    from models.latest import Latest

    box = Latest()
    for i in range(5):
        box.put(i)
    assert box.take(0.1) == 4 and box.dropped == 4
    assert box.take(0.01) is None
    box.close()
    assert box.take(1.0) is None


# --- every flow clicked as a person would, on a tab built over an AppState ------------------------------------


LEFT = Qt.MouseButton.LeftButton


@pytest.fixture()
def people(monkeypatch, tmp_path):
    """A private user data folder for one test: its people, its faces.keras."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return people_dir()


@pytest.fixture(autouse=True)
def answer_yes(monkeypatch):
    """A question box would wait for a click that never comes: tests answer Yes unless they say otherwise."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


@pytest.fixture()
def state_tab(qtbot, people):
    tab = FacesTab(AppState())
    qtbot.addWidget(tab)
    tab.resize(1000, 700)
    tab.show()
    qtbot.waitExposed(tab)
    yield tab
    tab.stop()


@pytest.fixture()
def camera_video(monkeypatch, tmp_path):
    """A 12 s video of Grace standing in for a camera: it loops, as a camera never ends.

    Played once, it ran out on a busy CI machine before the first photo was checked ("no photos of grace").
    """
    import functools

    import gui.faces_tab
    from models.frame_source import FrameSource

    monkeypatch.setattr(gui.faces_tab, "FrameSource", functools.partial(FrameSource, loop=True))
    return make_video(tmp_path / "grace.avi", variants(shipped("grace_hopper"), 180, 4))


def click(qtbot, button):
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, LEFT)


def slides(tmp_path, photo="grace_hopper", n=4, seed=7):
    return write_folder(tmp_path / "slides", {"x": variants(shipped(photo), n, seed)}) / "x"


def in_dialog(qtbot, act):
    """Run ``act(dialog)`` on the modal dialog a click is about to open, then close it."""
    done = []

    def drive():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(50, drive)
            return
        try:
            act(dialog)
        finally:
            done.append(True)
            dialog.reject()

    QTimer.singleShot(50, drive)
    return done


def test_add_person_button_asks_the_name_then_takes_photos(state_tab, qtbot, monkeypatch, camera_video, people):
    tab = state_tab
    tab.set_source(str(camera_video))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("grace", True))
    click(qtbot, tab.add_button)  # was: AttributeError 'bool' object has no attribute 'strip'
    assert tab._enrol is not None and not tab.add_button.isEnabled()
    qtbot.waitUntil(lambda: "Add one more person to train" in tab.message.text(), timeout=60000)
    assert len(list((people / "grace").glob("*.jpg"))) == 6
    assert not list((people / "grace").glob(".*"))  # no half-written photo left behind


@pytest.mark.parametrize("name", ["unknown", "", "a/b"])
def test_add_person_refuses_bad_names(state_tab, qtbot, monkeypatch, people, name):
    warned = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (name, True))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    click(qtbot, state_tab.add_button)
    assert warned and state_tab._enrol is None and state_tab.capture is None
    assert not people.exists() or not any(people.iterdir())


def test_start_clears_the_boxes_of_the_previous_playback(state_tab, qtbot, recognizer_file, tmp_path):
    tab = state_tab
    tab.set_recognizer(Recognizer.load(recognizer_file))
    tab.set_source(str(slides(tmp_path, n=12)))
    click(qtbot, tab.start_button)
    qtbot.waitUntil(lambda: bool(tab.view.box_rects()), timeout=60000)
    click(qtbot, tab.start_button)  # Stop: the last picture keeps its boxes
    assert tab.start_button.text() == "&Start" and tab.view.box_rects()
    click(qtbot, tab.start_button)  # Start again: no stale box until a new result comes
    assert tab.view.box_rects() == [] and tab.last_found == []


def test_a_slide_show_waits_for_the_recogniser_and_says_what_is_happening(state_tab, qtbot, recognizer_file, tmp_path):
    tab = state_tab
    state = tab.state
    state.faces.set(state.faces.value.loading())  # e.g. `digitface --camera <folder>` right at start-up
    tab.set_source(str(slides(tmp_path, n=4)))
    click(qtbot, tab.start_button)
    seen = []
    tab.recognition.phase.connect(lambda _: seen.append(tab.phase_label.text()))
    qtbot.waitUntil(lambda: tab.phase_label.text() == "Loading the recogniser…", timeout=10000)
    qtbot.wait(1500)  # three slides' time at 2 per second
    assert tab.view.frames_shown == 1 and tab.label_updates == 0  # the show did not run ahead
    state.faces.set(state.faces.value.ready(Recognizer.load(recognizer_file), str(recognizer_file)))
    qtbot.waitUntil(lambda: "ended" in tab.message.text(), timeout=90000)
    assert tab.label_updates >= 4  # every slide got its names before the next one
    assert seen[-1] == "Recognising"
    assert tab.view.box_rects()


def test_the_end_message_does_not_cover_the_faces(state_tab, qtbot, recognizer_file, tmp_path):
    tab = state_tab
    tab.set_recognizer(Recognizer.load(recognizer_file))
    tab.set_source(str(make_video(tmp_path / "clip.avi", variants(shipped("grace_hopper"), 12, 3))))
    click(qtbot, tab.start_button)
    qtbot.waitUntil(lambda: "ended" in tab.message.text(), timeout=60000)
    boxes = tab.view.box_rects()
    assert boxes and "The video ended." == tab.view._message
    assert not any(box.intersects(tab.view.message_rect()) for box in boxes)


def test_a_long_source_path_shows_its_end_and_all_of_it_in_the_tooltip(state_tab, qtbot, tmp_path):
    box = state_tab.source_box
    path = "/home/someone/a/rather/deep/folder/of/holiday/pictures/2026/the_yale_subject_s01"
    state_tab.set_source(path)
    box.resize(220, box.height())
    shown = box.displayed_text()
    assert "…" in shown and shown.endswith("s01") and shown.startswith("/home")
    assert box.currentText() == path == state_tab.state.face_source.value
    assert path in box.toolTip() and "the_yale_subject_s01\n" in box.toolTip()
    state_tab.set_source("0")
    assert box.displayed_text() == "Camera 0"


def test_a_failed_load_keeps_the_recogniser_in_use_and_its_description(
    state_tab, qtbot, monkeypatch, recognizer_file, tmp_path
):
    tab = state_tab
    recognizer = Recognizer.load(recognizer_file)
    tab.set_recognizer(recognizer)
    description = tab.model_label.text()
    bad = tmp_path / "broken.keras"  # a recogniser's archive that lost its weights: only loading finds out
    with zipfile.ZipFile(recognizer_file) as good, zipfile.ZipFile(bad, "w") as broken:
        for member in good.namelist():
            if not member.endswith(".h5"):
                broken.writestr(member, good.read(member))
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    click(qtbot, tab.load_button)
    qtbot.waitUntil(lambda: "could not be loaded" in tab.message.text(), timeout=60000)
    assert "broken.keras" in tab.message.text()
    assert len(warned) == 1 and "broken.keras" in warned[0]  # in a box as well, as the Digits tab does
    assert tab.model_label.text() == description and tab.recognizer is recognizer
    assert tab.state.faces.value.model is recognizer


def test_a_view_rebuilt_over_the_same_state_follows_it(qtbot, people, recognizer_file):
    state = AppState()
    old = FacesTab(state)
    old.deleteLater()  # a language switch drops the old view
    qtbot.waitUntil(lambda: len(state.faces.changed) == 1, timeout=5000)  # the old view let go of the state
    new = FacesTab(state)
    qtbot.addWidget(new)
    state.faces.set(state.faces.value.ready(Recognizer.load(recognizer_file), None))
    assert new.recognizer is state.faces.value.model and "2 classes" in new.model_label.text()
    state.face_source.set("/some/clip.mp4")
    assert new.source_box.source() == "/some/clip.mp4"


def test_every_button_has_a_tooltip_and_a_mnemonic(state_tab, people):
    dialog = PeopleDialog(people, state_tab)
    buttons = [b for b in state_tab.findChildren(QPushButton) + dialog.findChildren(QPushButton) if b.text()]
    assert len(buttons) >= 15
    for button in buttons:
        assert button.toolTip(), button.text()
        assert "&" in button.text(), button.text()


def test_people_dialog_renames_adds_photos_and_deletes(state_tab, qtbot, monkeypatch, tmp_path, people):
    write_folder(
        people, {"eileen": variants(shipped("astronaut"), 2, 1), "grace": variants(shipped("grace_hopper"), 2, 2)}
    )
    extra = write_folder(tmp_path / "more", {"g": variants(shipped("grace_hopper"), 2, 5)}) / "g"
    (extra / "broken.jpg").write_text("no picture")
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))

    def act(dialog):
        assert isinstance(dialog, PeopleDialog) and dialog.list.count() == 2
        dialog.list.setCurrentRow(1)  # grace
        for refused in ["eileen", "unknown", "", "a:b"]:
            monkeypatch.setattr(QInputDialog, "getText", lambda *a, r=refused, **k: (r, True))
            click(qtbot, dialog.rename_button)
        assert len(warned) == 4 and sorted(p.name for p in people.iterdir()) == ["eileen", "grace"]
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Grace Hopper", True))
        click(qtbot, dialog.rename_button)
        assert dialog.current() == "Grace Hopper"
        files = [str(p) for p in sorted(extra.iterdir())]
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (files, ""))
        click(qtbot, dialog.photos_button)
        assert "broken.jpg" in warned[-1]
        assert "4 photos" in dialog.list.currentItem().text()
        dialog.list.setCurrentRow(0)  # eileen
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
        click(qtbot, dialog.delete_button)
        assert (people / "eileen").is_dir()  # "No" keeps her
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
        click(qtbot, dialog.delete_button)
        assert dialog.list.count() == 1 and not dialog.retrain_button.isEnabled()

    done = in_dialog(qtbot, act)
    click(qtbot, state_tab.people_button)
    assert done
    assert [p.name for p in people.iterdir() if not p.name.startswith(".")] == ["Grace Hopper"]
    assert len(list((people / "Grace Hopper").iterdir())) == 4
    assert "Retrain" in state_tab.message.text() and not state_tab.retrain_button.isEnabled()


def test_journey_through_the_faces_tab(state_tab, qtbot, monkeypatch, recognizer_file, tmp_path, people, camera_video):
    """Folder source, names, Stop, Add person… from the camera, People…, Classify image…, a bad model file."""
    tab = state_tab
    tab.set_recognizer(Recognizer.load(recognizer_file))
    write_folder(people, {"eileen": variants(shipped("astronaut"), 4, 1)})
    # A folder source from the Folder… button: it starts at once.
    folder = slides(tmp_path, "astronaut", n=6)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    click(qtbot, tab.browse_folder)
    assert tab.start_button.text() == "&Stop" and tab.source_box.currentText() == str(folder)
    qtbot.waitUntil(lambda: [r.label for r in tab.last_found] == ["eileen"], timeout=60000)
    click(qtbot, tab.start_button)
    assert tab.capture is None and tab.phase_label.text() == ""
    # Add person… with a video file standing in for the camera.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(camera_video), ""))
    click(qtbot, tab.browse_video)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("grace", True))
    click(qtbot, tab.add_button)
    wait_for_text(qtbot, tab.message, "Retrained on 2 people", timeout=180000)  # a busy CI machine
    assert sorted(tab.recognizer.classes) == ["eileen", "grace"] and "2 classes" in tab.model_label.text()
    tab.stop()

    # People…: rename grace, then delete her.
    def act(dialog):
        dialog.list.setCurrentRow(1)
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Grace", True))
        click(qtbot, dialog.rename_button)
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
        click(qtbot, dialog.delete_button)

    done = in_dialog(qtbot, act)
    click(qtbot, tab.people_button)
    assert done and [p.name for p in people.iterdir() if not p.name.startswith(".")] == ["eileen"]
    # Classify image…
    photo = tmp_path / "grace.png"
    cv2.imwrite(str(photo), cv2.cvtColor(shipped("grace_hopper"), cv2.COLOR_RGB2BGR))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(photo), ""))
    click(qtbot, tab.still_button)
    qtbot.waitUntil(lambda: "grace (" in tab.message.text(), timeout=60000)
    # Load model… with a bad file: the error shows, the recogniser in use and its description stay.
    recognizer, description = tab.recognizer, tab.model_label.text()
    bad = tmp_path / "bad.keras"
    bad.write_bytes(b"\x00" * 100)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    click(qtbot, tab.load_button)
    qtbot.waitUntil(lambda: "not a Keras model file" in tab.message.text(), timeout=60000)
    assert warned and "bad.keras" in warned[0]
    assert tab.recognizer is recognizer and tab.model_label.text() == description


def test_retrain_button_then_more_camera_photos_of_someone_enrolled(state_tab, qtbot, people, camera_video):
    tab = state_tab
    write_folder(
        people, {"eileen": variants(shipped("astronaut"), 3, 1), "grace": variants(shipped("grace_hopper"), 3, 2)}
    )
    tab.hide()  # folders added elsewhere; the person comes back to the tab
    tab.show()
    click(qtbot, tab.retrain_button)
    assert not tab.retrain_button.isEnabled()  # a second click queued a second full retraining
    wait_for_text(qtbot, tab.message, "Retrained on 2 people", timeout=180000)  # a busy CI machine
    assert tab.retrain_button.isEnabled()
    assert sorted(tab.state.faces.value.model.classes) == ["eileen", "grace"]
    assert "eileen, grace" in tab.model_label.text()
    tab.set_source(str(camera_video))

    def act(dialog):
        dialog.list.setCurrentRow(1)  # grace
        click(qtbot, dialog.camera_button)

    done = in_dialog(qtbot, act)
    click(qtbot, tab.people_button)
    assert done and tab._enrol is not None and tab._enrol["name"] == "grace"
    qtbot.waitUntil(lambda: len(list((people / "grace").glob("*.jpg"))) >= 5, timeout=60000)
    tab.stop()
    assert len(list((people / "eileen").glob("*.jpg"))) == 3


def test_the_recogniser_in_use_loads_when_the_tab_is_shown_and_never_overrides_a_newer_one(
    qtbot, people, recognizer_file
):
    import shutil

    from gui.worker import run_in_worker
    from models.model_file import metadata_path
    from models.paths import faces_in_use

    faces_in_use().parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(recognizer_file, faces_in_use())
    shutil.copy(metadata_path(recognizer_file), metadata_path(faces_in_use()))
    state = AppState()
    tab = FacesTab(state)
    qtbot.addWidget(tab)
    tab.show()  # the person opens the Faces tab: the recogniser loads before Start
    qtbot.waitUntil(lambda: state.faces.value.status == "ready", timeout=60000)
    assert state.faces.value.path == str(faces_in_use()) and tab.recognizer is state.faces.value.model
    # A load still running when a newer model is set (a retrain, the Training tab) must not replace it.
    tab.load_model_in_background(faces_in_use())
    newer = Recognizer.load(recognizer_file)
    tab.set_recognizer(newer)
    after = []
    run_in_worker(lambda: None, after.append, lambda *a: after.append(a))  # model work runs in order
    qtbot.waitUntil(lambda: bool(after), timeout=60000)
    assert state.faces.value.model is newer and tab.recognizer is newer


# --- issue 11: defects a new-user tester found ------------------------------------------------------
def test_add_person_without_a_camera_leaves_no_empty_person_and_frees_the_button(state_tab, qtbot, monkeypatch, people):
    tab = state_tab
    tab.set_source("7")  # no camera 7 here
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Carla", True))
    click(qtbot, tab.add_button)
    qtbot.waitUntil(lambda: tab.add_button.isEnabled(), timeout=20000)  # was: greyed out for good
    assert "no photos of Carla were taken" in tab.message.text()
    assert "choose a folder of their photos with Folder…" in tab.message.text()  # what to do without a camera
    assert tab._enrol is None
    assert not (people / "Carla").exists()  # was: an empty people/Carla/ and "Carla — 0 photos"


def test_retrain_never_passes_a_person_without_photos_to_training(state_tab, qtbot, people):
    tab = state_tab
    write_folder(
        people, {"eileen": variants(shipped("astronaut"), 2, 1), "grace": variants(shipped("grace_hopper"), 2, 2)}
    )
    (people / "Carla").mkdir()  # left by an Add person that took no photo
    (people / "Dora").mkdir()
    (people / "Dora" / "notes.txt").write_text("mine")  # not a photo, and not ours to delete
    tab._update_retrain()
    click(qtbot, tab.retrain_button)
    assert not (people / "Carla").exists()
    assert (people / "Dora" / "notes.txt").exists()
    assert "Dora has no photos" in tab.message.text()  # said at once: training would fail on the folder


def test_a_source_that_runs_out_says_how_many_photos_were_taken(state_tab, qtbot, monkeypatch, tmp_path, people):
    tab = state_tab
    tab.set_source(str(slides(tmp_path, n=3)))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("grace", True))
    click(qtbot, tab.add_button)
    qtbot.waitUntil(lambda: tab.add_button.isEnabled(), timeout=60000)
    saved = len(list((people / "grace").glob("*.jpg")))
    assert saved < 6
    if saved:
        assert f"Only {saved} of 6 photos of grace were taken" in tab.message.text()
    else:  # on a loaded machine the three slides can end before dlib has loaded
        assert "no photos of grace were taken" in tab.message.text()


def test_a_new_recogniser_clears_the_names_of_the_old_one(state_tab, qtbot, recognizer_file):
    tab = state_tab
    tab.set_recognizer(Recognizer.load(recognizer_file))
    tab.last_found = tab.recognizer.recognize(shipped("grace_hopper"))
    tab.view.show_frame(shipped("grace_hopper"))
    tab.view.show_recognitions(tab.last_found)
    assert tab.view.box_rects()
    other = Recognizer.load(recognizer_file)  # as Training ▸ Use this model or Load model… set it
    tab.state.faces.set(tab.state.faces.value.ready(other, str(recognizer_file)))
    assert tab.recognizer is other
    assert tab.last_found == [] and tab.view.box_rects() == []


def test_a_source_that_fails_drops_the_previous_picture(state_tab, qtbot, tmp_path):
    tab = state_tab
    tab.set_source(str(slides(tmp_path, n=12)))
    click(qtbot, tab.start_button)
    qtbot.waitUntil(lambda: tab.view.frames_shown >= 1, timeout=30000)
    tab.set_source("7")
    click(qtbot, tab.start_button)  # Stop
    click(qtbot, tab.start_button)  # Start camera 7, which is missing
    qtbot.waitUntil(lambda: tab.retry_button.isVisible(), timeout=20000)
    assert tab.view._frame is None and tab.last_frame is None
    assert tab.view._message.startswith("Cannot open")


def digit_model(tmp_path):
    from assets import __file__ as assets_init

    assets = Path(assets_init).parent
    target = tmp_path / "digits_in_use.keras"
    target.write_bytes((assets / "digit_cnn.keras").read_bytes())
    target.with_suffix(".json").write_bytes((assets / "digit_cnn.json").read_bytes())
    return target


def empty_model(tmp_path):
    (tmp_path / "empty.keras").write_bytes(b"")
    return tmp_path / "empty.keras"


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (
            digit_model,
            "digits_in_use.keras is a digit model, not a face/pet recogniser: train a recogniser in the Training tab",
        ),
        (
            empty_model,
            "empty.keras is not a Keras model file.",
        ),
    ],
    ids=["digit-model", "empty-file"],
)
def test_load_model_says_in_window_terms_what_is_wrong(state_tab, qtbot, monkeypatch, tmp_path, make, expected):
    tab = state_tab
    path = make(tmp_path)
    warned = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    click(qtbot, tab.load_button)
    assert warned and expected in warned[0]
    assert expected in tab.message.text()
    assert "digitface" not in warned[0] and "--out" not in warned[0]  # no command line, no overwriting advice
    assert tab.state.faces.value.status == "none"


def test_a_finished_folder_is_a_slide_show_and_a_still_image_hides_retry(
    state_tab, qtbot, monkeypatch, recognizer_file, tmp_path
):
    tab = state_tab
    tab.set_recognizer(Recognizer.load(recognizer_file))
    tab.set_source(str(slides(tmp_path, n=2)))
    click(qtbot, tab.start_button)
    qtbot.waitUntil(lambda: "ended" in tab.message.text(), timeout=60000)
    assert tab.message.text() == "The slide show ended. Press Retry to show it again."
    assert tab.view._message == "The slide show ended." and tab.retry_button.isVisible()
    photo = tmp_path / "grace.png"
    cv2.imwrite(str(photo), cv2.cvtColor(shipped("grace_hopper"), cv2.COLOR_RGB2BGR))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(photo), ""))
    click(qtbot, tab.still_button)
    assert not tab.retry_button.isVisible()
    qtbot.waitUntil(lambda: "grace (" in tab.message.text(), timeout=20000)


def test_the_source_list_reads_like_the_box_and_keeps_earlier_files_when_the_view_is_rebuilt(
    state_tab, qtbot, monkeypatch, tmp_path
):
    tab = state_tab
    box = tab.source_box
    assert [box.itemText(i) for i in range(4)] == ["Camera 0", "Camera 1", "Camera 2", "Camera 3"]  # was: 0 1 2 3
    assert box.source() == "0" and box.displayed_text() == "Camera 0"
    folder, video = slides(tmp_path, n=2), make_video(tmp_path / "clip.avi", variants(shipped("grace_hopper"), 3, 3))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    click(qtbot, tab.browse_folder)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(video), ""))
    click(qtbot, tab.browse_video)
    tab.stop()
    box.setCurrentIndex(box.findData("1"))  # the person picks "Camera 1" in the list
    assert tab.state.face_source.value == "1"
    rebuilt = FacesTab(tab.state)  # what a language switch does: a new view over the same state
    qtbot.addWidget(rebuilt)
    assert rebuilt.source_box.sources() == ["0", "1", "2", "3", str(video), str(folder)]  # was: cameras only
    assert rebuilt.source_box.source() == "1" and tab.state.face_source.value == "1"


def test_stop_during_add_person_ends_it_and_frees_the_button(state_tab, qtbot, monkeypatch, tmp_path, people):
    tab = state_tab
    tab.set_source(str(make_video(tmp_path / "grace.avi", variants(shipped("grace_hopper"), 180, 4))))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("grace", True))
    click(qtbot, tab.add_button)
    assert not tab.add_button.isEnabled()
    click(qtbot, tab.start_button)  # Stop
    assert tab.add_button.isEnabled() and tab._enrol is None
    assert "The source was stopped" in tab.message.text()


def test_add_person_from_a_folder_source_asks_first_and_no_keeps_everything(
    state_tab, qtbot, monkeypatch, tmp_path, people
):
    """A slide show of several people was enrolled as one person without a word."""
    tab = state_tab
    tab.set_source(str(slides(tmp_path, n=3)))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Ana", True))
    asked = []

    def no(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", no)
    click(qtbot, tab.add_button)
    assert asked and "folder of pictures" in asked[0] and "Ana" in asked[0]
    assert tab._enrol is None and tab.add_button.isEnabled() and tab.capture is None
    assert not (people / "Ana").exists()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    click(qtbot, tab.add_button)
    assert tab._enrol is not None and not tab.add_button.isEnabled()  # confirmed: it goes on
    click(qtbot, tab.start_button)  # Stop ends it
    assert tab.add_button.isEnabled()


def test_add_person_while_a_slide_show_plays_takes_photos_from_its_first_picture(
    state_tab, qtbot, monkeypatch, tmp_path, people
):
    """The show went on behind the name box and the question: photos were taken of what was left, often none."""
    tab = state_tab
    tab.set_source(str(slides(tmp_path, n=10)))
    click(qtbot, tab.start_button)
    shown = []
    tab.capture.frameReady.connect(shown.append)
    qtbot.waitUntil(lambda: len(shown) >= 9, timeout=30000)  # the show is at its last picture
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Ana", True))
    click(qtbot, tab.add_button)
    qtbot.waitUntil(lambda: tab._enrol is None, timeout=60000)
    assert len([p for p in (people / "Ana").iterdir() if p.is_file()]) >= 4, tab.message.text()


def test_the_end_of_a_source_already_replaced_stops_nothing(state_tab, qtbot, monkeypatch, camera_video, people):
    """Add person on a video that was just ending: the old playback's "ended" came after the replay began."""
    tab = state_tab
    tab.set_source(str(camera_video))
    click(qtbot, tab.start_button)
    old = tab.capture
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("grace", True))
    click(qtbot, tab.add_button)  # plays the video again from its start, in a new thread
    assert tab.capture is not old and tab._enrol is not None
    old.ended.emit()
    old.failed.emit("camera unplugged")
    assert tab.capture is not None and tab._enrol is not None and not tab.retry_button.isVisible()
    assert "ended" not in tab.message.text() and "unplugged" not in tab.message.text()


def test_picking_a_recogniser_after_a_slide_show_ended_keeps_saying_it_ended(
    state_tab, qtbot, monkeypatch, recognizer_file, tmp_path
):
    """The loading message took the place of "The slide show ended…", then left an empty line beside Retry."""
    tab = state_tab
    tab.set_source(str(slides(tmp_path, n=2)))
    click(qtbot, tab.start_button)
    qtbot.waitUntil(lambda: "slide show ended" in tab.message.text(), timeout=60000)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(recognizer_file), ""))
    click(qtbot, tab.load_button)
    qtbot.waitUntil(lambda: tab.recognizer is not None and tab.state.faces.value.status == "ready", timeout=60000)
    assert "The slide show ended. Press Retry" in tab.message.text() and tab.retry_button.isVisible()


class Records(logging.Handler):
    """The digitface log's records, whatever handlers the app's logging set up (it does not propagate)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_a_failed_recognition_keeps_its_traceback_in_the_log(state_tab, qtbot, recognizer_file, tmp_path, monkeypatch):
    """The window says one line; the traceback goes to the log (it went to a console nobody reads)."""
    tab = state_tab
    recognizer = Recognizer.load(recognizer_file)

    def broken(*args, **kwargs):
        raise RuntimeError("injected recognition fault")

    monkeypatch.setattr(recognizer, "recognize", broken)
    tab.recognize_in_processes = False  # recognised in the thread, where the fault is injected
    qtbot.waitUntil(lambda: tab.state.faces.value.status != "loading", timeout=30000)  # the tab's own first load
    tab.set_recognizer(recognizer)
    qtbot.waitUntil(lambda: tab.recognizer is recognizer, timeout=5000)
    tab.set_source(str(slides(tmp_path, n=12)))
    log = Records()
    logging.getLogger("digitface").addHandler(log)
    try:
        click(qtbot, tab.start_button)
        wait_for_text(qtbot, tab.message, "Recognition failed: injected recognition fault", timeout=60000)
    finally:
        logging.getLogger("digitface").removeHandler(log)
    # (threads an earlier test left may log their own failures meanwhile: look for this one's)
    (record,) = [r for r in log.records if r.exc_info and "injected recognition fault" in str(r.exc_info[1])]
    assert "broken" in logging.Formatter().formatException(record.exc_info)  # the traceback down to the fault


def test_a_failed_frame_source_keeps_its_traceback_in_the_log(state_tab, qtbot, tmp_path, monkeypatch):
    from models.frame_source import FrameSource

    def frames(*args, **kwargs):
        raise RuntimeError("injected decoder fault")
        yield  # a generator, as the real one is

    monkeypatch.setattr(FrameSource, "frames", frames)
    tab = state_tab
    tab.set_source(str(slides(tmp_path)))
    log = Records()
    logging.getLogger("digitface").addHandler(log)
    try:
        click(qtbot, tab.start_button)
        qtbot.waitUntil(lambda: tab.retry_button.isVisible(), timeout=30000)
    finally:
        logging.getLogger("digitface").removeHandler(log)
    assert "Reading frames failed: injected decoder fault" in tab.message.text()
    assert [r for r in log.records if r.exc_info and "injected decoder fault" in str(r.exc_info[1])]


def test_add_person_from_a_folder_looks_at_every_picture(state_tab, qtbot, monkeypatch, tmp_path, people):
    """The slide show went by faster than faces were found: 2 to 5 of 6 photos were kept from 7 good ones."""
    tab = state_tab
    tab.set_source(str(slides(tmp_path, n=8)))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Ana", True))
    click(qtbot, tab.add_button)
    assert not tab.people_button.isEnabled()  # renaming Ana now split her in two folders
    qtbot.waitUntil(lambda: tab._enrol is None, timeout=120000)
    assert len(list((people / "Ana").glob("*.jpg"))) == 6, tab.message.text()
    assert "Only" not in tab.message.text() and "Add one more person to train" in tab.message.text()
    assert tab.people_button.isEnabled() and tab.add_button.isEnabled()
    qtbot.waitUntil(lambda: tab.retry_button.isVisible(), timeout=60000)  # the slide show ends…
    assert "Saved 6 photos of Ana" in tab.message.text()  # …and no longer hides what Add person did


def test_a_name_that_differs_only_in_case_adds_to_that_person(state_tab, qtbot, monkeypatch, people, camera_video):
    """ "alice" beside Alice became a second person of the recogniser."""
    tab = state_tab
    write_folder(people, {"Grace": variants(shipped("grace_hopper"), 2, 3)})
    tab.set_source(str(camera_video))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("grace", True))
    click(qtbot, tab.add_button)
    assert tab._enrol is not None and tab._enrol["name"] == "Grace"
    qtbot.waitUntil(lambda: len(list((people / "Grace").glob("*.jpg"))) >= 3, timeout=60000)
    tab.stop()
    assert [p.name for p in people.iterdir()] == ["Grace"]


def retrain_three_people(qtbot, tab, people):
    """Enrol eileen, grace and lena in the folder (the tab is shown again, as after People…), and click Retrain."""
    write_folder(
        people,
        {
            "eileen": variants(shipped("astronaut"), 3, 1),
            "grace": variants(shipped("grace_hopper"), 3, 2),
            "lena": variants(shipped("grace_hopper"), 3, 5),
        },
    )
    tab.hide()
    tab.show()
    click(qtbot, tab.retrain_button)


@pytest.mark.parametrize("step", ["scan_folder", "extract_features"])
def test_someone_deleted_while_retraining_is_not_left_in_the_recogniser(state_tab, qtbot, monkeypatch, people, step):
    """Deleted once the run had listed the folders, a person stayed in the model: the run failed on the missing
    folder (scan_folder) or finished with them in it (extract_features), and "the people changed" was hidden."""
    import shutil

    import training.recognizer_training

    real = getattr(training.recognizer_training, step)

    def deleted_after(*args, **kwargs):  # as People… → Delete does, while the retrain runs
        found = real(*args, **kwargs)
        shutil.rmtree(people / "lena", ignore_errors=True)
        return found

    monkeypatch.setattr(training.recognizer_training, step, deleted_after)
    tab = state_tab
    retrain_three_people(qtbot, tab, people)
    wait_for_text(qtbot, tab.message, "The people changed while it retrained", timeout=180000)
    qtbot.waitUntil(lambda: sorted(tab.state.faces.value.model.classes) == ["eileen", "grace"], timeout=180000)
    assert "Retrained on 2 people" in tab.message.text()


def test_the_line_under_a_classified_photo_follows_the_slider(state_tab, qtbot, monkeypatch, recognizer_file, tmp_path):
    """The box turned to "grace" at the loosest setting while the line below still said Unknown."""
    tab = state_tab
    tab.set_recognizer(Recognizer.load(recognizer_file))
    photo = tmp_path / "grace.png"
    cv2.imwrite(str(photo), cv2.cvtColor(shipped("grace_hopper"), cv2.COLOR_RGB2BGR))
    tab.slider.setFocus()
    qtbot.keyClick(tab.slider, Qt.Key.Key_Home)  # strictest: everyone is Unknown
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(photo), ""))
    click(qtbot, tab.still_button)
    qtbot.waitUntil(lambda: tab.message.text().startswith("grace.png: Unknown"), timeout=30000)
    qtbot.keyClick(tab.slider, Qt.Key.Key_End)  # loosest
    assert [r.label for r in tab.last_found] == ["grace"]
    assert tab.message.text().startswith("grace.png: grace (")


def test_a_photo_with_no_face_says_so_before_its_whole_picture_answer(
    state_tab, qtbot, monkeypatch, recognizer_file, tmp_path
):
    """A plain green picture read "green.png: Unknown (56%)", which reads as a stranger's face."""
    tab = state_tab
    tab.set_recognizer(Recognizer.load(recognizer_file))
    green = tmp_path / "green.png"
    cv2.imwrite(str(green), np.full((240, 320, 3), (40, 160, 40), np.uint8))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(green), ""))
    click(qtbot, tab.still_button)
    qtbot.waitUntil(lambda: tab.message.text().startswith("green.png:"), timeout=30000)
    assert "no face found, so the whole picture was read as one face" in tab.message.text()


def test_a_classified_photo_names_its_faces_left_to_right(state_tab, qtbot, monkeypatch, recognizer_file, tmp_path):
    """ "Unknown (46%), Alice (67%)" named the right face first, in the order dlib found them."""
    tab = state_tab
    tab.set_recognizer(Recognizer.load(recognizer_file))
    real = Recognizer.recognize
    monkeypatch.setattr(Recognizer, "recognize", lambda self, rgb, live=False: real(self, rgb, live)[::-1])
    a, g = shipped("astronaut"), shipped("grace_hopper")
    both = np.zeros((max(a.shape[0], g.shape[0]), a.shape[1] + g.shape[1], 3), np.uint8)
    both[: a.shape[0], : a.shape[1]], both[: g.shape[0], a.shape[1] :] = a, g
    photo = tmp_path / "both.png"
    cv2.imwrite(str(photo), cv2.cvtColor(both, cv2.COLOR_RGB2BGR))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(photo), ""))
    click(qtbot, tab.still_button)
    qtbot.waitUntil(lambda: tab.message.text().startswith("both.png:"), timeout=30000)
    text = tab.message.text()
    assert text.index("eileen") < text.index("grace"), text


def test_deleting_in_people_during_a_retrain_says_it_retrains_again_by_itself(state_tab, qtbot, monkeypatch, people):
    """ "press Retrain to update the recogniser" was said while the app was about to retrain by itself."""
    import threading

    import training.recognizer_training

    release = threading.Event()
    real = training.recognizer_training.train_recognizer

    def held(*args, **kwargs):  # the first retrain waits until the person is deleted
        release.wait(120)
        return real(*args, **kwargs)

    monkeypatch.setattr(training.recognizer_training, "train_recognizer", held)
    tab = state_tab
    retrain_three_people(qtbot, tab, people)

    def act(dialog):
        dialog.list.setCurrentRow(2)  # lena
        click(qtbot, dialog.delete_button)  # the question is answered Yes (answer_yes)

    done = in_dialog(qtbot, act)
    click(qtbot, tab.people_button)
    assert done and not (people / "lena").exists()
    assert "retrains again once this retrain ends" in tab.message.text()
    release.set()
    model = lambda: tab.state.faces.value.model  # noqa: E731 - None until the first retrain ends
    qtbot.waitUntil(lambda: sorted(getattr(model(), "classes", [])) == ["eileen", "grace"], timeout=180000)
