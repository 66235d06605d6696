"""The Faces tab, driven with image-folder and video-file sources on an offscreen window."""

from __future__ import annotations

import cv2
import pytest
from faces_data import shipped, variants, write_folder

pytest.importorskip("pytestqt")
pytest.importorskip("dlib")
pytest.importorskip("skimage")

from gui.main_window import MainWindow  # noqa: E402
from models.paths import people_dir  # noqa: E402
from models.recognizer import Recognizer  # noqa: E402
from training.recognizer_training import RecognizerTrainConfig, train_recognizer  # noqa: E402


@pytest.fixture(scope="module")
def recognizer_file(tmp_path_factory):
    root = write_folder(
        tmp_path_factory.mktemp("people"),
        {"eileen": variants(shipped("astronaut"), 5, 1), "grace": variants(shipped("grace_hopper"), 5, 2)},
    )
    out = tmp_path_factory.mktemp("model") / "faces.keras"
    train_recognizer(root, RecognizerTrainConfig(backbone="face", epochs=60), out=out)
    return out


def make_video(path, frames, fps=15):
    h, w = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (w, h))
    for frame in frames:
        writer.write(cv2.cvtColor(frame, cv2.COLOR_RGB2BGR))
    writer.release()
    return path


@pytest.fixture()
def tab(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(window.faces_tab)
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
    assert "cannot open" in tab.message.text() or "no such" in tab.message.text()
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


def test_add_person_from_the_camera_and_retrain(tab, qtbot, tmp_path):
    eileen = people_dir() / "eileen"
    write_folder(people_dir(), {"eileen": variants(shipped("astronaut"), 4, 1)})
    video = make_video(tmp_path / "grace.avi", variants(shipped("grace_hopper"), 180, 4))  # 12 s: time to spare
    tab.set_source(str(video))
    tab.start()
    tab.start_enrolment("grace", count=3)
    # The message, not the recogniser: "The video ended" may come just before or after retraining.
    qtbot.waitUntil(lambda: "Retrained on 2 people" in tab.message.text(), timeout=60000)
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
