"""Every file dialog of the window opens where the person went last for that kind of file, else at home."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from gui_helpers import click_main_tab, open_main_window  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QFileDialog  # noqa: E402

import gui.file_dialogs  # noqa: E402

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture()
def home(monkeypatch, tmp_path):
    """A person's home folder, a working directory elsewhere, and no folder chosen yet in this session."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(gui.file_dialogs, "_LAST_FOLDER", {})
    return home


class Dialogs:
    """Stands in for QFileDialog's static functions: records the folder each opened in, answers as told."""

    def __init__(self, monkeypatch) -> None:
        self.opened_in: list[str] = []
        self.answer = ""
        for name in ("getOpenFileName", "getOpenFileNames", "getSaveFileName"):
            monkeypatch.setattr(QFileDialog, name, self._file)
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", self._folder)

    def _file(self, parent, caption, folder, *filters):
        self.opened_in.append(folder)
        return self.answer, ""

    def _folder(self, parent, caption, folder, *options):
        self.opened_in.append(folder)
        return self.answer


def test_each_dialog_opens_at_home_then_where_its_kind_was_last_chosen(qtbot, monkeypatch, home, tmp_path):
    """The recogniser and digit model dialogs opened in the data folder, the video, folder and image ones in the
    working directory, whatever the person had chosen before."""
    dialogs = Dialogs(monkeypatch)
    window = open_main_window(qtbot)
    faces = window.faces_tab
    click_main_tab(qtbot, window, faces)

    clips = tmp_path / "clips"
    clips.mkdir()
    dialogs.answer = str(clips / "gone.avi")
    qtbot.mouseClick(faces.browse_video, LEFT)
    qtbot.waitUntil(faces.retry_button.isVisible, timeout=20000)  # a file that is not there: a message, Retry
    dialogs.answer = ""  # cancelled from now on
    qtbot.mouseClick(faces.browse_video, LEFT)
    qtbot.mouseClick(faces.load_button, LEFT)  # another kind: not where the videos are
    qtbot.mouseClick(faces.still_button, LEFT)
    window.open_model_action.trigger()
    assert dialogs.opened_in == [str(home), str(clips), str(home), str(home), str(home)]

    slides = tmp_path / "slides"
    (slides / "cats").mkdir(parents=True)
    dialogs.opened_in.clear()
    dialogs.answer = str(slides / "cats")
    qtbot.mouseClick(faces.browse_folder, LEFT)
    qtbot.waitUntil(lambda: faces.capture is None, timeout=20000)  # an empty slide show: over at once
    dialogs.answer = ""
    qtbot.mouseClick(faces.browse_folder, LEFT)  # beside the folder chosen: its siblings are there
    assert dialogs.opened_in == [str(home), str(slides)]

    dialogs.opened_in.clear()
    models = tmp_path / "models"
    models.mkdir()
    dialogs.answer = str(models / "none.keras")
    window.open_model_action.trigger()
    dialogs.answer = ""
    window.open_model_action.trigger()
    click_main_tab(qtbot, window, window.training_tab)
    form = window.training_tab.form
    form.dataset_box.setFocus()
    qtbot.keyClick(form.dataset_box, Qt.Key.Key_Down)  # Train: a folder
    qtbot.mouseClick(form.browse, LEFT)
    assert dialogs.opened_in == [str(home), str(models), str(home)]
    faces.stop()


def test_a_folder_that_is_gone_opens_at_home_again(qtbot, monkeypatch, home, tmp_path):
    dialogs = Dialogs(monkeypatch)
    window = open_main_window(qtbot)
    moved = tmp_path / "moved"
    moved.mkdir()
    dialogs.answer = str(moved / "none.keras")
    window.open_model_action.trigger()
    moved.rmdir()
    dialogs.answer = ""
    window.open_model_action.trigger()
    assert dialogs.opened_in == [str(home), str(home)]
