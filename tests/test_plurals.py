"""Counts read right: "1 picture", not "1 pictures", in English and in Brazilian Portuguese."""

from __future__ import annotations

import pickle

import pytest
from gui_helpers import open_main_window

from models.messages import Message, is_singular, plural

ONE, OTHER = "{0} picture", "{0} pictures"


@pytest.mark.parametrize(
    ("count", "language", "expected"),
    [
        (1, "en", "1 picture"),
        (0, "en", "0 pictures"),
        (2, "en", "2 pictures"),
        (21, "en", "21 pictures"),  # not Russian's "21 is like 1"
        (1, "pt_BR", "1 picture"),
        (0, "pt_BR", "0 picture"),  # CLDR pt: i = 0..1 is "one"
        (2, "pt_BR", "2 pictures"),
        (21, "pt_BR", "21 pictures"),
        (0, "pt", "0 picture"),
        (0, "pt_PT", "0 pictures"),  # European Portuguese: only 1, as English
        (1, "de", "1 picture"),  # a language without a rule here: English's
        (0, "de", "0 pictures"),
    ],
)
def test_the_form_follows_the_languages_rule(count, language, expected):
    assert plural(count, ONE, OTHER, language).format(count) == expected


def test_english_is_the_rule_when_no_language_is_given():
    assert [plural(n, ONE, OTHER).format(n) for n in (0, 1, 2, 21)] == [
        "0 pictures",
        "1 picture",
        "2 pictures",
        "21 pictures",
    ]
    assert is_singular(1) and not is_singular(0) and not is_singular(-1)
    assert is_singular(1, "pt_BR") and is_singular(0, "pt_BR") and not is_singular(2, "pt_BR")


@pytest.mark.parametrize(
    ("count", "english"), [(1, "skipped 1 file"), (0, "skipped 0 files"), (21, "skipped 21 files")]
)
def test_a_counted_message_is_english_and_keeps_both_forms_across_processes(count, english):
    message = Message.counted(count, "skipped {0} file", "skipped {0} files", count)
    assert message == english  # the CLI and the logs read English
    for copy in (message, pickle.loads(pickle.dumps(message))):  # as a child process's progress arrives
        assert copy == english and copy.forms == message.forms
        assert copy.template_for("en") == ("skipped {0} file" if count == 1 else "skipped {0} files")
        assert copy.template_for("pt_BR") == ("skipped {0} file" if count in (0, 1) else "skipped {0} files")
    assert Message("plain {0}", 3).template_for("pt_BR") == "plain {0}"  # uncounted messages as before


def test_the_core_says_one_skipped_picture_and_one_small_class(tmp_path):
    from PIL import Image

    from training.folder_dataset import scan_folder
    from training.skipped_files import skipped_lines

    for name, n in (("cat", 1), ("dog", 3)):
        (tmp_path / name).mkdir()
        for i in range(n):
            Image.new("RGB", (64, 64), (i * 40, 90, 10)).save(tmp_path / name / f"{i}.png")
    (tmp_path / "dog" / "broken.png").write_text("not a picture")
    warnings = scan_folder(tmp_path, check_readable=True).warnings()
    assert any(w.startswith("class 'cat' has only 1 image; ") for w in warnings), warnings
    assert any(w.startswith("class 'dog' has only 3 images; ") for w in warnings), warnings
    assert "skipped 1 file that is not a readable image" in warnings
    assert skipped_lines([(tmp_path / "dog" / "broken.png", "damaged")], tmp_path)[0] == (
        "skipped 1 picture that could not be used:"
    )


def test_the_cli_says_one_file_could_not_be_read(tmp_path, capsys):
    from training.cli import main

    (tmp_path / "notes.png").write_text("this is not a picture")
    assert main(["digits", "predict", str(tmp_path / "notes.png")]) == 1
    err = capsys.readouterr().err
    assert "1 of 1 file could not be read" in err, err


# --- in the window: clicking the real widgets --------------------------------------------
@pytest.fixture()
def window(qtbot, tmp_path, monkeypatch):
    pytest.importorskip("pytestqt")

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))  # a fresh data folder: no drawings, nobody enrolled
    w = open_main_window(qtbot, (900, 640))
    yield w
    w.digits_tab.handwriting.stop()


def test_one_kept_drawing_is_one_drawing_when_forgotten(window, qtbot, predictor):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox
    from test_gui_digits import STROKES, draw, use_model

    tab, panel = window.digits_tab, window.digits_tab.handwriting
    use_model(window, predictor)
    draw(qtbot, tab.canvas, STROKES["1"])
    qtbot.mouseClick(panel.digit_buttons[7], Qt.MouseButton.LeftButton)  # "Wrong? It's a: 7", once
    assert panel.count_label.text() == "Drawings of yours kept: 1"
    qtbot.mouseClick(panel.forget_button, Qt.MouseButton.LeftButton)
    box = panel.confirm_box
    assert box.isVisible()
    assert box.text().startswith("Delete the 1 drawing of yours kept for teaching?"), box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert panel.message_label.text() == "Forgot 1 drawing."


def test_the_people_list_counts_one_photo_and_one_added_photo(qtbot, tmp_path, monkeypatch):
    pytest.importorskip("pytestqt")
    from PIL import Image
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

    from gui.faces_tab import FacesTab
    from gui.people_dialog import PeopleDialog
    from models.app_state import AppState
    from models.paths import people_dir

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for name, photos in (("Ana", 1), ("Bo", 2), ("Cy", 0)):
        (people_dir() / name).mkdir(parents=True)
        for i in range(photos):
            (people_dir() / name / f"{i}.jpg").write_bytes(b"")
    Image.new("RGB", (80, 80), (120, 90, 60)).save(tmp_path / "new.png")
    (tmp_path / "broken.png").write_text("not a picture")
    chosen = [str(tmp_path / "new.png"), str(tmp_path / "broken.png")]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (chosen, ""))
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    tab = FacesTab(AppState())
    tab.recognize_in_processes = False  # no face-finder processes: only the People dialog is looked at
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    seen: list[list[str]] = []

    def use_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PeopleDialog):
            QTimer.singleShot(50, use_the_dialog)
            return
        try:
            seen.append([dialog.list.item(i).text() for i in range(dialog.list.count())])
            dialog.list.setCurrentRow(2)  # Cy, who has no photo yet
            qtbot.mouseClick(dialog.photos_button, Qt.MouseButton.LeftButton)
            seen.append([dialog.list.item(i).text() for i in range(dialog.list.count())])
        finally:
            dialog.reject()

    QTimer.singleShot(50, use_the_dialog)
    qtbot.mouseClick(tab.people_button, Qt.MouseButton.LeftButton)  # returns when the dialog closes
    tab.stop()
    assert seen == [
        ["Ana — 1 photo", "Bo — 2 photos", "Cy — 0 photos"],
        ["Ana — 1 photo", "Bo — 2 photos", "Cy — 1 photo"],
    ]
    assert len(warned) == 1 and warned[0].startswith("Added 1 photo; these files were skipped:\nbroken.png: "), warned


def test_a_perceptron_with_one_hidden_neuron_says_one_neuron(qtbot, tmp_path, monkeypatch):
    pytest.importorskip("pytestqt")
    from test_gui_digits import use_model

    from models.digit_model import DigitPredictor, build_digit_mlp

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    window = open_main_window(qtbot, tab="network_tab")
    tab = window.network_tab
    use_model(window, DigitPredictor(build_digit_mlp((1, 8)), {"kind": "digits", "network": "mlp"}))
    qtbot.waitUntil(lambda: tab.inspector is not None and tab.inspector.is_mlp, timeout=60000)
    texts = [w.text() for w in tab.scroll.widget().findChildren(type(tab.status))]
    assert any("hidden 1" in t and "(1 neuron, sigmoid)" in t for t in texts), texts
    assert any("hidden 2" in t and "(8 neurons, sigmoid)" in t for t in texts), texts


def test_in_portuguese_zero_photos_takes_the_singular_text(qtbot, tmp_path):
    """pt_BR says "0 foto": the dialog asks Qt for the singular source text there, the plural in English."""
    pytest.importorskip("pytestqt")
    from PySide6.QtCore import QCoreApplication

    from gui.i18n import core_text, current_language, install_language
    from gui.people_dialog import PeopleDialog

    (tmp_path / "Bo").mkdir()
    counted = Message.counted(0, "test only: {0} file", "test only: {0} files", 0)
    try:
        assert install_language("pt_BR") and current_language() == "pt_BR"
        dialog = PeopleDialog(tmp_path)
        qtbot.addWidget(dialog)
        assert dialog.list.item(0).text() == QCoreApplication.translate("PeopleDialog", "{0} — {1} photo").format(
            "Bo", 0
        )
        assert core_text(counted) == "test only: 0 file"  # no translation: the singular source text
    finally:
        install_language("en")
    assert current_language() == "en"
    dialog = PeopleDialog(tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.list.item(0).text() == "Bo — 0 photos"
    assert core_text(counted) == "test only: 0 files"
