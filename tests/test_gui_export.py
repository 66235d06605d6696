"""Model ▸ Export…: a person picks the model, the format and where, and gets the file and an example."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("pytestqt")
from gui_helpers import open_main_window  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QFileDialog  # noqa: E402
from test_gui_digits import use_model  # noqa: E402

import gui.export_dialog  # noqa: E402


@pytest.fixture()
def window(qtbot, predictor):
    w = open_main_window(qtbot)
    use_model(w, predictor)
    return w


def open_export(window, qtbot):
    window.export_action.trigger()
    dialog = window.export_dialog
    qtbot.waitExposed(dialog)
    return dialog


def save_to(monkeypatch, path):
    """The file dialog answers ``path`` as a person would pick it."""
    asked = []

    def pick(*args, **kwargs):
        asked.append(args)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(pick))
    return asked


def test_export_the_digit_model_to_tflite_writes_it_and_a_running_example(window, qtbot, monkeypatch, tmp_path):
    in_use = window.state.digits.value.model
    dialog = open_export(window, qtbot)
    assert dialog.what.currentData() == "digits" and dialog.format.currentData() == "tflite"
    asked = save_to(monkeypatch, tmp_path / "mine")  # no suffix typed: the dialog adds it
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert asked and dialog.out.text() == str(tmp_path / "mine.tflite")
    import threading

    collected_on = []

    class Widgetish:  # stands for a closed window's widgets held in a reference cycle
        def __del__(self):
            collected_on.append(threading.current_thread().name)

    cycle = Widgetish()
    cycle.me = cycle
    del cycle
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert not dialog.export_button.isEnabled()  # running in the worker: the window keeps responding
    qtbot.waitUntil(lambda: "Exported to" in dialog.message.text(), timeout=120000)
    # The TFLite converter calls gc.collect() on the worker: the garbage must be gone before that.
    assert collected_on == [threading.main_thread().name]
    out = tmp_path / "mine.tflite"
    example = tmp_path / "mine_tflite_example.py"
    assert str(out) in dialog.message.text() and str(example) in dialog.message.text()
    assert example.exists() and (tmp_path / "digit_preprocess.py").exists()
    assert window.state.digits.value.model is in_use  # the model in use is not touched
    assert dialog.export_button.isEnabled()
    assert dialog.out.text() == str(out)  # the person's path stays: a second Export writes there again

    import tensorflow as tf

    interpreter = tf.lite.Interpreter(model_path=str(out))  # the file really is a working TFLite model
    interpreter.allocate_tensors()
    interpreter.set_tensor(interpreter.get_input_details()[0]["index"], np.zeros((1, 28, 28, 1), np.float32))
    interpreter.invoke()
    probabilities = interpreter.get_tensor(interpreter.get_output_details()[0]["index"])
    assert probabilities.shape == (1, 11) and abs(float(probabilities.sum()) - 1) < 1e-3


def test_an_export_error_is_shown_and_nothing_is_lost(window, qtbot, tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    in_use = window.state.digits.value.model
    dialog = open_export(window, qtbot)
    dialog.out.clear()
    qtbot.keyClicks(dialog.out, str(blocker / "digits.tflite"))  # a folder that is a file: cannot be written
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "failed" in dialog.message.text(), timeout=120000)
    assert "the model in use is unchanged" in dialog.message.text()
    assert dialog.out.text() == str(blocker / "digits.tflite")  # kept to correct, not replaced by the default
    assert blocker.read_text() == "not a folder" and window.state.digits.value.model is in_use
    assert dialog.export_button.isEnabled() and window.isVisible()

    window.state.digits.set(window.state.digits.value.ready(in_use, str(tmp_path / "damaged.keras")))
    (tmp_path / "damaged.keras").write_bytes(b"not a keras file")
    dialog = open_export(window, qtbot)  # a damaged model file in use: the message names it
    dialog.out.setText(str(tmp_path / "out.tflite"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "failed" in dialog.message.text(), timeout=120000)
    assert "damaged.keras" in dialog.message.text() and not (tmp_path / "out.tflite").exists()


def test_onnx_without_the_export_extra_says_how_to_install_it(window, qtbot, monkeypatch):
    real = gui.export_dialog.importlib.util.find_spec
    monkeypatch.setattr(
        gui.export_dialog.importlib.util, "find_spec", lambda name, *a: None if name == "tf2onnx" else real(name, *a)
    )
    dialog = open_export(window, qtbot)
    dialog.format.setFocus()
    qtbot.keyClick(dialog.format, Qt.Key.Key_Down)  # TFLite → ONNX
    assert dialog.format.currentData() == "onnx"
    assert 'pip install "digitface[export]"' in dialog.message.text() and not dialog.export_button.isEnabled()
    qtbot.keyClick(dialog.format, Qt.Key.Key_Down)  # → SavedModel: nothing missing
    assert dialog.message.text() == "" and dialog.export_button.isEnabled()
    assert dialog.out.text().endswith("_savedmodel")


def test_the_recogniser_in_use_can_be_picked_and_exported(window, qtbot, monkeypatch, tmp_path):
    import keras

    from models.model_file import save_model
    from models.recognizer import Recognizer, build_head

    dialog = open_export(window, qtbot)
    assert dialog.what.count() == 1  # no recogniser in use: only the digit model
    keras.utils.set_random_seed(5)
    meta = {"kind": "recognizer", "classes": ["ada", "bob"], "backbone": "face", "input_size": [128]}
    meta["references"] = {"ada": [[0.1] * 128], "bob": [[-0.1] * 128]}
    model_file = save_model(build_head(128, 2), tmp_path / "people.keras", meta)
    window.state.faces.set(window.state.faces.value.ready(Recognizer.load(model_file), str(model_file)))

    dialog = open_export(window, qtbot)
    assert [dialog.what.itemData(i) for i in range(dialog.what.count())] == ["digits", "faces"]
    dialog.what.setFocus()
    qtbot.keyClick(dialog.what, Qt.Key.Key_Down)  # the recogniser
    assert dialog.source() == model_file and dialog.out.text().endswith("faces_model.tflite")
    save_to(monkeypatch, tmp_path / "people_export.tflite")
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Exported to" in dialog.message.text(), timeout=120000)
    assert (tmp_path / "people_export.tflite").exists() and (tmp_path / "people_export_tflite_classes.json").exists()
    assert (tmp_path / "people_export_tflite_example.py").exists()


def test_each_label_names_its_field_and_alt_s_goes_to_the_path(window, qtbot):
    """ "&Save to:" labelled a layout, which gets no buddy: the dialog showed the "&" and Alt+S did nothing."""
    from PySide6.QtWidgets import QApplication, QLabel

    dialog = open_export(window, qtbot)
    marked = [label for label in dialog.findChildren(QLabel) if "&" in label.text()]
    assert len(marked) == 3 and all(label.buddy() is not None for label in marked), [m.text() for m in marked]
    for key, field in ((Qt.Key.Key_S, dialog.out), (Qt.Key.Key_F, dialog.format), (Qt.Key.Key_M, dialog.what)):
        dialog.activateWindow()  # the dialog in front, as a click on it would
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        qtbot.keyClick(dialog, key, Qt.KeyboardModifier.AltModifier)
        assert field.hasFocus(), key


@pytest.fixture()
def new_home(monkeypatch, tmp_path):
    """A person's home folder with no Documents folder yet, and no folder chosen in this session."""
    import gui.file_dialogs

    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no user-dirs.dirs moving Documents
    monkeypatch.setattr(gui.file_dialogs, "_LAST_FOLDER", {})
    return home


def test_save_to_suggests_a_plain_name_at_home_and_keeps_the_persons_path(window, qtbot, new_home, tmp_path):
    """It offered the app's own file name (digits_in_use.onnx, handwriting-….tflite) and replaced a typed path."""
    taught = tmp_path / "data" / "models" / "handwriting-20261123-191000.keras"
    window.state.digits.set(window.state.digits.value.ready(window.state.digits.value.model, str(taught)))
    dialog = open_export(window, qtbot)
    assert dialog.out.text() == str(new_home / "digit_model.tflite")
    dialog.format.setFocus()
    qtbot.keyClick(dialog.format, Qt.Key.Key_Down)  # → ONNX
    assert dialog.out.text() == str(new_home / "digit_model.onnx")

    (new_home / "Documents").mkdir()
    dialog = open_export(window, qtbot)
    assert dialog.out.text() == str(new_home / "Documents" / "digit_model.tflite")

    mine = tmp_path / "phone" / "reader.tflite"
    dialog.out.selectAll()
    qtbot.keyClicks(dialog.out, str(mine))
    dialog.format.setFocus()
    qtbot.keyClick(dialog.format, Qt.Key.Key_Down)  # → ONNX: the person's folder and name, ONNX's ending
    assert dialog.out.text() == str(tmp_path / "phone" / "reader.onnx")
    qtbot.keyClick(dialog.format, Qt.Key.Key_Down)  # → SavedModel
    assert dialog.out.text() == str(tmp_path / "phone" / "reader_savedmodel")
    qtbot.keyClick(dialog.format, Qt.Key.Key_Up)
    assert dialog.out.text() == str(tmp_path / "phone" / "reader.onnx")


def test_a_pet_recogniser_is_offered_as_a_pets_model(qtbot, new_home, tmp_path):
    from types import SimpleNamespace

    from models.app_state import AppState

    state = AppState()
    in_use = tmp_path / "data" / "models" / "things.keras"
    state.faces.set(state.faces.value.ready(SimpleNamespace(backbone="imagenet"), str(in_use)))  # no view follows
    dialog = gui.export_dialog.ExportDialog(state)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.what.setFocus()
    qtbot.keyClick(dialog.what, Qt.Key.Key_Down)  # the recogniser
    assert dialog.out.text() == str(new_home / "pets_things_model.tflite")


def test_a_typed_bare_name_or_tilde_goes_where_the_suggestions_go(window, qtbot, new_home, monkeypatch, tmp_path):
    """ "rel.tflite" was written wherever the app had been started, "~/x.tflite" into a folder named "~"."""
    monkeypatch.chdir(tmp_path)
    for typed, expected in (("rel.tflite", new_home / "rel.tflite"), ("~/tilde.tflite", new_home / "tilde.tflite")):
        dialog = open_export(window, qtbot)
        dialog.out.selectAll()
        qtbot.keyClicks(dialog.out, typed)
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda d=dialog: "Exported to" in d.message.text(), timeout=120000)
        assert expected.exists() and str(expected) in dialog.message.text()
        dialog.close()
    assert not (tmp_path / "rel.tflite").exists() and not (tmp_path / "~").exists()
