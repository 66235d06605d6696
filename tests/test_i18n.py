"""Brazilian Portuguese: complete, compiled, picked from the system, switchable from the menu."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")
from PySide6.QtCore import Qt  # noqa: E402
from test_gui_digits import STROKES, draw  # noqa: E402

from gui import i18n  # noqa: E402
from models.paths import asset_path  # noqa: E402

TS = asset_path("i18n", "digitface_pt_BR.ts")
REPO = Path(__file__).resolve().parent.parent
MARKED = [p for folder in ("gui", "models", "training") for p in sorted((REPO / folder).glob("*.py"))]


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (ctx.findtext("name"), m.findtext("source")): m.find("translation")
        for ctx in root.iter("context")
        for m in ctx.iter("message")
    }


def test_every_text_is_translated():
    found = messages(TS)
    assert len(found) > 150
    unfinished = [src for (ctx, src), tr in found.items() if tr.get("type") or not (tr.text or "").strip()]
    assert not unfinished
    # Placeholders survive translation, so .format() fills the same values.
    for (_, src), tr in found.items():
        assert sorted(_fields(src)) == sorted(_fields(tr.text)), src


def _fields(text: str) -> list[str]:
    import string

    return [f"{name}:{spec}" for _, name, spec, _ in string.Formatter().parse(text) if name is not None]


def tool(name: str) -> str:
    path = shutil.which(name) or str(Path(__import__("sys").executable).parent / name)
    if not Path(path).exists():
        pytest.skip(f"{name} is not installed")
    return path


def test_translation_file_covers_every_marked_text(tmp_path):
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [tool("pyside6-lupdate"), *map(str, MARKED), "-ts", str(fresh), "-locations", "none"],
        check=True,
        capture_output=True,
    )
    assert set(messages(fresh)) == set(messages(TS))


def test_compiled_file_is_up_to_date(tmp_path):
    qm = tmp_path / "check.qm"
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(qm)], check=True, capture_output=True)
    assert qm.read_bytes() == asset_path("i18n", "digitface_pt_BR.qm").read_bytes()


def test_language_follows_the_system_until_one_is_chosen(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))  # a fresh user: earlier tests may have chosen a language
    assert i18n.preferred_language("pt_BR") == "pt_BR"
    assert i18n.preferred_language("pt_PT") == "pt_BR"
    assert i18n.preferred_language("en_US") == "en"
    assert i18n.preferred_language("de_DE") == "en"
    i18n.save_language("pt_BR")
    try:
        assert i18n.preferred_language("en_US") == "pt_BR"
    finally:
        i18n.save_language("en")


def test_core_messages_are_translated_with_their_arguments(qapp, tmp_path):
    from models.frame_source import FrameSource, SourceError, parse_source
    from training.folder_dataset import scan_folder

    assert i18n.install_language("pt_BR")
    try:
        (tmp_path / "only").mkdir()
        with pytest.raises(ValueError) as failure:
            scan_folder(tmp_path)
        assert "at least two class folders" in str(failure.value)  # the CLI and logs stay English
        assert i18n.error_text(failure.value).endswith(
            "precisa de pelo menos duas pastas de classe (uma por pessoa, bicho ou coisa); encontradas: 1"
        )
        with pytest.raises(SourceError) as failure:
            next(FrameSource(parse_source(str(tmp_path / "clip.mp4"))).frames(lambda: False))
        assert i18n.error_text(failure.value).startswith("arquivo de vídeo inexistente: ")
        assert i18n.core_text("plain text") == "plain text"
        # A source named inside a sentence takes its article: "abrir câmera 0" read as broken Portuguese.
        from models.frame_source import describe
        from models.messages import QT_TRANSLATE_NOOP, Message

        cannot = Message(QT_TRANSLATE_NOOP("core", "cannot open {0}"), describe(0))
        assert i18n.core_text(cannot) == "não foi possível abrir a câmera 0"
    finally:
        i18n.install_language("en")


def test_window_in_portuguese_and_switching_keeps_the_drawing(qtbot, predictor):
    from gui.app import _windows, open_window

    window = open_window("pt_BR")
    qtbot.addWidget(window)
    try:
        assert [window.tabs.tabText(i) for i in range(4)] == ["&Dígitos", "Dentro da &rede", "R&ostos", "&Treinamento"]
        assert window.training_tab.train_button.text() == "Trei&nar"  # its own letter: &T is the Training tab
        window.digits_tab.set_predictor(predictor)
        draw(qtbot, window.digits_tab.canvas, STROKES["7"])
        assert window.digits_tab.verdict_label.text().startswith("É um 7")

        window.language_actions["en"].trigger()
        new = _windows[-1]
        qtbot.addWidget(new)
        assert new is not window and not window.isVisible()
        assert new.tabs.tabText(0) == "&Digits" and new.language_actions["en"].isChecked()
        assert new.digits_tab.predictor is predictor and new.digits_tab.canvas.stroke_count() == 1
        assert new.digits_tab.verdict_label.text().startswith("It's a 7")
        assert i18n.saved_language() == "en"
    finally:
        i18n.install_language("en")
        for w in list(_windows):
            w.close()
            _windows.remove(w)


def test_training_curves_follow_epochs_in_portuguese(qtbot):
    from gui.main_window import MainWindow
    from training.progress import Progress

    assert i18n.install_language("pt_BR")
    try:
        window = MainWindow("pt_BR")
        qtbot.addWidget(window)
        tab = window.training_tab
        state = tab.state
        run = state.begin("digits", state.config())
        logs = {"loss": 0.5, "accuracy": 0.9, "val_loss": 0.4, "val_accuracy": 0.92}
        state.progress(run, Progress("epoch", epoch=1, epochs=2, batch=10, batches=10, logs=logs))
        assert run.epochs == [logs]  # the epoch is recorded whatever the window's language
        assert run.val_points("val_loss") == [(1.0, 0.4)]
        assert tab.progress_label.text().startswith("época 1/2")
    finally:
        i18n.install_language("en")


def test_run_names_are_written_in_the_ui_language(qapp):
    """The Training tab names runs by their settings: "lr 0.002 … no aug" in English, in words a Portuguese
    reader knows (and with a decimal comma) in Portuguese; the command line and the logs keep English."""
    from training.run_store import RunRecord

    settings = {"optimizer": "adam", "learning_rate": 0.002, "batch_size": 128, "dropout": 0.3}
    record = RunRecord("r", "digits", {**settings, "label_smoothing": 0.1, "augment": False})
    assert str(record.label()) == "adam lr 0.002 b128 drop 0.3 smooth 0.1 no aug"
    assert i18n.install_language("pt_BR")
    try:
        assert i18n.core_text(record.label()) == "adam taxa 0,002 lote 128 dropout 0,3 suaviz. 0,1 sem aumento"
    finally:
        i18n.install_language("en")


def test_portuguese_decimals_are_written_with_a_comma_like_its_thousands(qtbot, predictor):
    """Percentages read "99.63%" in a Portuguese window whose counts read "6.000"."""
    from gui_helpers import shipped_accuracy

    from gui.app import _windows, open_window
    from models.messages import QT_TRANSLATE_NOOP, Message

    english = f"{shipped_accuracy():.2%}"  # "99.63%"
    portuguese = english.replace(".", ",")
    window = open_window("pt_BR")
    qtbot.addWidget(window)
    try:
        window.digits_tab.set_predictor(predictor)
        status = window.digits_tab.status_label.text()
        assert portuguese in status and "0,1" in status and english not in status  # accuracy, label smoothing 0.1
        draw(qtbot, window.digits_tab.canvas, STROKES["7"])
        assert "," in "".join(window.digits_tab.bars.value_texts())  # "12,3%"
        assert "." not in "".join(window.digits_tab.bars.value_texts())
        window.about_action.trigger()
        assert portuguese in window.help_box.text() and "10.000" in window.help_box.text()
        reading = Message(QT_TRANSLATE_NOOP("core", "Reading pictures: {0}/{1} ({2:.1f} images/s)"), 3, 1200, 12.5)
        assert i18n.core_text(reading).endswith("(12,5 imagens/s)") and "1200" in i18n.core_text(reading)
        assert i18n.core_text(reading, whole_numbers=True).startswith("Lendo imagens: 3/1.200")
        assert str(reading) == "Reading pictures: 3/1200 (12.5 images/s)"  # the command line and logs: English
        # The Training form's fields too (they said 0.30 beside texts that said 0,0036), and a comma typed counts.
        form = window.training_tab.form
        assert form.dropout.text() == "0,30" and "," in form.lr.text()
        form.lr.setFocus()
        qtbot.keyClick(form.lr, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(form.lr, "0,005")
        qtbot.keyClick(form.lr, Qt.Key.Key_Tab)
        assert form.lr.value() == pytest.approx(0.005)
        # The plots' axes too (they said 0.5 under texts that said 0,72).
        plots = [window.training_tab.curves.loss_plot, window.training_tab.finder.plot, window.network_tab.logit_bars]
        for plot in plots:
            assert plot.getAxis("left").tickStrings([0.5, 1.0], 1.0, 0.5) == ["0,5", "1,0"]
    finally:
        i18n.install_language("en")
        for w in list(_windows):
            w.close()
            _windows.remove(w)
