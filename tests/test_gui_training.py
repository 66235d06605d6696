"""The Training tab, as a person uses it: real clicks and typing, short real runs on tiny data."""

from __future__ import annotations

import time

import numpy as np
import pytest
from faces_data import shipped, variants, write_folder
from gui_helpers import (
    choose_language,
    click_main_tab,
    close_every_window,
    mnemonic_clashes,
    open_main_window,
    shown_training_tab,
)
from PIL import Image

pytest.importorskip("pytestqt")

from PySide6.QtGui import Qt  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QCheckBox,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)

from gui.main_window import MainWindow  # noqa: E402
from gui.training_tab import TrainingTab  # noqa: E402
from models.paths import digits_in_use, faces_in_use  # noqa: E402
from training.configs import DigitTrainConfig  # noqa: E402
from training.jobs import RunSummary  # noqa: E402
from training.progress import Progress  # noqa: E402
from training.run_state import RunState  # noqa: E402
from training.run_store import RunRecord, load_runs  # noqa: E402


@pytest.fixture()
def window(qtbot):
    w = open_main_window(qtbot, tab="training_tab")
    yield w
    w.training_tab.cancel()
    w.training_tab.wait()


def type_value(qtbot, box, value) -> None:
    """Select what a spin box shows and type a new value, as a person would."""
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, str(value))
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert box.value() == pytest.approx(value), (box, box.text())


def pick_kind(qtbot, tab, kind: str) -> None:
    """Choose Digits or Folder in the "Train" box with the keyboard."""
    box = tab.form.dataset_box
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down if kind == "folder" else Qt.Key.Key_Up)
    assert tab.state.kind.value == kind


def tiny_digits(qtbot, tab, epochs: int = 1, limit: int = 300) -> None:
    pick_kind(qtbot, tab, "digits")
    type_value(qtbot, tab.form.epochs, epochs)
    type_value(qtbot, tab.form.limit, limit)
    type_value(qtbot, tab.form.batch, 32)
    type_value(qtbot, tab.form.val_split, 0.2)


def click(qtbot, button: QAbstractButton) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_journey_start_watch_cancel_restart_finish_and_use(window, qtbot):
    """Pick settings, start, watch, cancel while preprocessing, cancel while training, train, use the model."""
    tab = window.training_tab
    fits = tab.minimumSizeHint()
    assert fits.width() <= 780 and fits.height() <= 540  # the tab works in an 800×600 window

    # All of MNIST: the run starts by preprocessing 60,000 images (about a minute); cancel it there.
    pick_kind(qtbot, tab, "digits")
    type_value(qtbot, tab.form.limit, 0)
    assert tab.form.limit.text() == "all"  # not "0", read as none
    views = tab.views.tabBar()  # looking at the finder when Train is pressed: the curves come to the front
    qtbot.mouseClick(views, Qt.MouseButton.LeftButton, pos=views.tabRect(tab.views.indexOf(tab.finder)).center())
    assert tab.views.currentWidget() is tab.finder
    click(qtbot, tab.train_button)
    assert not tab.train_button.isEnabled() and tab.progress.value() == 0
    assert tab.views.currentWidget() is tab.curves
    qtbot.waitUntil(lambda: "Preprocessing MNIST" in tab.progress_label.text(), timeout=120000)
    asked = time.perf_counter()
    click(qtbot, tab.cancel_button)
    qtbot.waitUntil(lambda: tab.run is None, timeout=20000)
    assert time.perf_counter() - asked < 5  # it used to go on for about a minute
    assert "Cancelled" in tab.progress_label.text() and tab.state.current.value.status == "cancelled"

    # Cancel during the first epoch: no validation point at epoch 1.0, the bar does not jump to the end.
    tiny_digits(qtbot, tab, epochs=2, limit=4000)
    click(qtbot, tab.train_button)
    qtbot.waitUntil(lambda: bool(tab.state.current.value.batch_points["loss"]), timeout=120000)
    click(qtbot, tab.cancel_button)
    qtbot.waitUntil(lambda: tab.run is None, timeout=20000)
    cancelled = tab.state.current.value
    assert cancelled.status == "cancelled" and cancelled.epochs == []
    assert tab.progress.value() == 0 and tab.curves._live["val_loss"].getData()[0] is None  # reset, not left at 55%
    assert not tab.use_button.isEnabled() or tab.model_box.currentData() != cancelled.run_id

    # Start again and let it finish: the old bar and report are gone at the start.
    tiny_digits(qtbot, tab, epochs=1, limit=300)
    tab.form.optimizer.setFocus()
    qtbot.keyClick(tab.form.optimizer, Qt.Key.Key_Down)  # Adam → SGD
    click(qtbot, tab.train_button)
    assert tab.progress.value() == 0 and tab.report.gallery.count() == 0
    qtbot.waitUntil(lambda: tab.run is None, timeout=180000)
    run = tab.state.current.value
    assert run.status == "finished", tab.error_label.text()
    assert "Finished:" in tab.progress_label.text() and tab.progress.value() == 1000
    assert tab.minimumSizeHint().width() <= fits.width()  # the long "Finished: …" line wraps
    assert len(run.val_points("val_loss")) == 1 and run.batch_points["loss"]
    assert tab.report.per_class.rowCount() == 10 and tab.report.confusion.rowCount() == 10
    assert tab.curves.filters_view._image is not None and "32 of 5×5" in tab.curves.filters_label.text()
    saved = [r for r in load_runs() if r.run_id == run.run_id]
    assert saved and saved[0].settings["optimizer"] == "sgd" and len(saved[0].epochs) == 1
    assert f"#{run.number} " in tab.curves.legend.text()

    # Use this model: the finished run is the one offered.
    assert tab.model_box.currentData() == run.run_id and tab.use_button.isEnabled()
    before = window.digits_tab.predictor
    click(qtbot, tab.use_button)
    assert digits_in_use().exists() and digits_in_use().with_suffix(".json").exists()
    qtbot.waitUntil(lambda: window.digits_tab.predictor is not before, timeout=60000)
    assert window.digits_tab.predictor.metadata["config"]["optimizer"] == "sgd"

    # A language switch builds a new tab over the same state: the same settings, results and colours.
    again = TrainingTab(tab.state)
    qtbot.addWidget(again)
    assert again.form.config() == tab.form.config() and again.form.limit.value() == 300
    assert again.report.per_class.rowCount() == 10 and again.progress_label.text() == tab.progress_label.text()
    assert again.progress_label.text().startswith(f"Now in use: #{run.number}")  # not "Finished: … accept this one"
    assert again.curves.legend.text() == tab.curves.legend.text()
    assert again.curves._live["loss"].opts["pen"].color() == tab.curves._live["loss"].opts["pen"].color()

    # Folder mode offers no digits model, and shows no MNIST filters.
    pick_kind(qtbot, tab, "folder")
    assert not tab.use_button.isEnabled() and tab.model_box.count() == 0
    assert tab.curves.filters_view._image is None and tab.report.per_class.rowCount() == 0
    digits_in_use().unlink()
    digits_in_use().with_suffix(".json").unlink()


def test_a_typed_folder_path_updates_the_summary(window, qtbot, tmp_path):
    tab = window.training_tab
    for name in ("cats", "dogs"):
        (tmp_path / name).mkdir()
        for i in range(3):
            import cv2

            cv2.imwrite(str(tmp_path / name / f"{i}.png"), np.full((8, 8), 40 * i, np.uint8))
    pick_kind(qtbot, tab, "folder")
    tab.form.folder_edit.setFocus()
    qtbot.keyClicks(tab.form.folder_edit, str(tmp_path))
    qtbot.waitUntil(lambda: "6 images in 2 classes" in tab.form.summary.text(), timeout=5000)
    assert tab.state.data_folder.value == str(tmp_path)


def test_a_bad_folder_disables_train_and_a_failed_run_leaves_no_empty_legend_entry(window, qtbot, tmp_path, caplog):
    import shutil

    tab = window.training_tab
    pick_kind(qtbot, tab, "folder")
    (tmp_path / "only_one_class").mkdir()
    tab.form.folder_edit.setFocus()
    qtbot.keyClicks(tab.form.folder_edit, str(tmp_path))
    qtbot.waitUntil(lambda: "Not usable" in tab.form.summary.text(), timeout=5000)
    assert "at least two class folders" in tab.form.summary.text()  # the reason, next to the disabled buttons
    assert not tab.train_button.isEnabled() and not tab.compare_button.isEnabled()
    # The folder becomes usable: Train comes back. Then it breaks after the check: the run fails, cleanly.
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        import cv2

        for i in range(3):
            cv2.imwrite(str(tmp_path / name / f"{i}.png"), np.full((8, 8), 40 * i, np.uint8))
    shutil.rmtree(tmp_path / "only_one_class")
    qtbot.keyClick(tab.form.folder_edit, Qt.Key.Key_Space)
    qtbot.keyClick(tab.form.folder_edit, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: "6 images in 2 classes" in tab.form.summary.text(), timeout=5000)
    assert tab.train_button.isEnabled() and tab.compare_button.isEnabled()
    shutil.rmtree(tmp_path / "b")
    click(qtbot, tab.train_button)
    qtbot.waitUntil(lambda: tab.run is None, timeout=60000)
    assert "at least two class folders" in tab.error_label.text()
    assert tab.state.current.value.status == "failed"
    assert any("Traceback" in r.getMessage() for r in caplog.records if r.name == "digitface")
    assert "#1" not in tab.curves.legend.text() and not tab.curves._items  # no empty "#1" for the failed run


def test_buttons_have_tooltips_and_mnemonics_and_long_tooltips_wrap(window, qtbot):
    tab = window.training_tab
    buttons = [*tab.findChildren(QPushButton), *tab.findChildren(QCheckBox)]
    assert len(buttons) >= 7
    for button in buttons:
        assert button.toolTip(), button.text()
    for button in (tab.train_button, tab.cancel_button, tab.use_button, tab.compare_button, tab.form.browse):
        assert "&" in button.text()
    # Qt word-wraps a tooltip only when it is rich text; a plain long one was a line ~1000 px wide.
    long_tips = [w.toolTip() for w in tab.findChildren(QWidget) if len(w.toolTip()) > 60]
    assert len(long_tips) >= 10
    assert all(Qt.mightBeRichText(tip) for tip in long_tips), [t for t in long_tips if not Qt.mightBeRichText(t)]


def _record(kind: str, epochs: int, number: int, **settings) -> RunRecord:
    record = RunRecord.new(kind, {"optimizer": "adam", "learning_rate": 0.002, "epochs": epochs, **settings})
    record.run_id += f"-{number}"
    record.status = "finished"
    record.epochs = [
        {"loss": 1 / e, "val_loss": 1.1 / e, "accuracy": 0.5, "val_accuracy": 0.5} for e in range(1, epochs + 1)
    ]
    return record


def test_earlier_runs_are_comparable(qtbot):
    """Markers (1-epoch runs show), the x axis covers them, unique labels, one kind per plot."""
    records = [
        _record("digits", 1, 1),
        _record("digits", 6, 2),
        _record("digits", 1, 3),  # the same settings as the first
        _record("folder", 3, 4, backbone="face"),
    ]
    state = RunState(records)
    tab = TrainingTab(state)
    qtbot.addWidget(tab)
    curves = tab.curves
    drawn = [i for p, i in curves._items if p is curves.loss_plot]
    assert len(drawn) == 3  # the three digits runs; the folder run is not on an MNIST plot
    assert all(item.opts["symbol"] is not None for item in drawn)
    assert curves.loss_plot.getViewBox().viewRange()[0][1] >= 6  # the 6-epoch run fits
    lines = curves.legend.text().split("<br>")[1:]  # after the key
    assert len(lines) == 3 and len(set(lines)) == 3  # runs 1 and 3 share settings, not labels
    colours = [item.opts["pen"].color().name() for item in drawn]
    assert len(set(colours)) == 3
    assert "Sh&ow earlier runs" == curves.show_earlier.text()
    pick_kind(qtbot, tab, "folder")
    assert len([i for p, i in curves._items if p is curves.loss_plot]) == 1
    rebuilt = TrainingTab(state)  # after a language switch
    qtbot.addWidget(rebuilt)
    assert [i.opts["pen"].color().name() for p, i in rebuilt.curves._items if p is rebuilt.curves.loss_plot] == [
        i.opts["pen"].color().name() for p, i in curves._items if p is curves.loss_plot
    ]


def test_overfitting_is_marked_only_for_a_sustained_rise(qtbot, tmp_path):
    state = RunState([], folder=tmp_path)
    tab = TrainingTab(state)
    qtbot.addWidget(tab)
    run = state.begin("digits", DigitTrainConfig(epochs=6))
    losses = [(0.9, 0.8), (0.5, 0.5), (0.3, 0.45), (0.2, 0.5), (0.1, 0.6), (0.05, 0.7)]
    for epoch, (loss, val_loss) in enumerate(losses, start=1):
        logs = {"loss": loss, "accuracy": 0.9, "val_loss": val_loss, "val_accuracy": 0.9}
        state.progress(run, Progress("epoch", epoch=epoch, epochs=6, batch=10, batches=10, logs=logs))
        if epoch == 4:  # one epoch up is noise
            assert tab.curves.overfit_label.text() == "" and not tab.curves.overfit_lines()
    assert "Overfitting after epoch 3" in tab.curves.overfit_label.text()
    assert [line.value() for line in tab.curves.overfit_lines()] == [3]
    # Finished with only 9 validation images: their loss is chance, so no verdict.
    summary = RunSummary(
        "digits", {"val_accuracy": 0.1}, [str(d) for d in range(10)], None, np.zeros(9, int), np.full((9, 10), 0.1)
    )
    state.finish(run, summary)
    assert tab.curves.overfit_label.text() == "" and not tab.curves.overfit_lines()


def test_a_run_on_a_few_validation_images_gets_no_overfitting_verdict_while_it_runs_or_once_cancelled(qtbot, tmp_path):
    """A folder run scored on 8 validation images was marked as overfitting half way: its count was only
    known once it finished."""
    state = RunState([], folder=tmp_path)
    tab = TrainingTab(state)
    qtbot.addWidget(tab)
    pick_kind(qtbot, tab, "folder")
    run = state.begin("folder", state.config(), str(tmp_path))
    losses = [(0.9, 0.8), (0.5, 0.5), (0.3, 0.45), (0.2, 0.5), (0.1, 0.6), (0.05, 0.7)]
    for epoch, (loss, val_loss) in enumerate(losses, start=1):
        logs = {"loss": loss, "accuracy": 0.9, "val_loss": val_loss, "val_accuracy": 0.9}
        state.progress(run, Progress("epoch", "", epoch, epochs=40, batch=3, batches=3, logs=logs, val_examples=8))
    assert tab.curves.overfit_label.text() == "" and not tab.curves.overfit_lines()
    state.cancelled(run)
    assert tab.curves.overfit_label.text() == "" and not tab.curves.overfit_lines()
    # The same curve on enough images is a verdict.
    run = state.begin("folder", state.config(), str(tmp_path))
    for epoch, (loss, val_loss) in enumerate(losses, start=1):
        logs = {"loss": loss, "accuracy": 0.9, "val_loss": val_loss, "val_accuracy": 0.9}
        state.progress(run, Progress("epoch", "", epoch, epochs=40, batch=3, batches=3, logs=logs, val_examples=300))
    assert "Overfitting after epoch 3" in tab.curves.overfit_label.text()


def test_folder_run_trains_a_recognizer_for_the_faces_tab(window, qtbot, tmp_path, monkeypatch):
    pytest.importorskip("dlib")
    pytest.importorskip("skimage")
    # Its own data folder: the recogniser accepted, and the one picked (remembered for the next start), stay there.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    tab = window.training_tab
    people = {"eileen": variants(shipped("astronaut"), 4, 1), "grace": variants(shipped("grace_hopper"), 4, 2)}
    folder = write_folder(tmp_path / "people", people)
    # Pictures that cannot be used: the run goes on without them and the window says which, after it too.
    (folder / "grace" / "zz_truncated.jpg").write_bytes((folder / "grace" / "00.jpg").read_bytes()[:300])
    Image.new("L", (5, 300), 255).save(folder / "eileen" / "zz_thin.png")
    pick_kind(qtbot, tab, "folder")
    assert not tab.form.smoothing.isEnabled()  # a digits-only setting
    tab.form.folder_edit.setFocus()
    qtbot.keyClicks(tab.form.folder_edit, str(folder))
    qtbot.waitUntil(lambda: "10 images in 2 classes" in tab.form.summary.text(), timeout=5000)
    tab.form.backbone.setFocus()
    qtbot.keyClick(tab.form.backbone, Qt.Key.Key_Down)  # auto → face
    assert tab.form.backbone.currentText() == "face" and tab.form.epochs.value() == 150
    type_value(qtbot, tab.form.epochs, 30)
    click(qtbot, tab.train_button)
    qtbot.waitUntil(lambda: tab.run is None, timeout=120000)
    assert tab.state.current.value.status == "finished", tab.error_label.text()
    report = tab.report
    skipped_tab = report.tabs.indexOf(report.skipped)
    assert report.tabs.isTabVisible(skipped_tab) and report.tabs.tabText(skipped_tab) == "Skipped (2)"
    listed = sorted(report.skipped.item(i).text() for i in range(report.skipped.count()))
    assert listed[0].startswith("eileen/zz_thin.png: picture too small"), listed
    assert listed[1].startswith("grace/zz_truncated.jpg: damaged"), listed
    click(qtbot, tab.use_button)
    assert faces_in_use().exists()
    qtbot.waitUntil(lambda: window.faces_tab.recognizer is not None, timeout=60000)
    assert window.faces_tab.recognizer.classes == ["eileen", "grace"]
    assert tab.progress_label.text() == f"Now in use: {tab.state.current.value.label()}."  # its number: earlier runs

    # Faces ▸ Load model… puts another recogniser to work: the run is no longer "in use" (it said so before).
    import shutil

    from PySide6.QtWidgets import QFileDialog

    other = tmp_path / "other.keras"
    shutil.copy(faces_in_use(), other)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(other), ""))
    window.tabs.setCurrentWidget(window.faces_tab)
    click(qtbot, window.faces_tab.load_button)
    qtbot.waitUntil(lambda: window.state.faces.value.path == str(other), timeout=60000)
    assert tab.progress_label.text().startswith("Finished:"), tab.progress_label.text()
    faces_in_use().unlink()


def test_transfer_vs_scratch_trains_both_and_lets_you_pick_which_to_use(window, qtbot, tmp_path):
    pytest.importorskip("dlib")
    pytest.importorskip("skimage")
    tab = window.training_tab
    people = {"eileen": variants(shipped("astronaut"), 6, 1), "grace": variants(shipped("grace_hopper"), 6, 2)}
    folder = write_folder(tmp_path / "people", people)
    pick_kind(qtbot, tab, "folder")
    tab.form.folder_edit.setFocus()
    qtbot.keyClicks(tab.form.folder_edit, str(folder))
    tab.form.backbone.setCurrentText("face")
    type_value(qtbot, tab.form.epochs, 4)
    click(qtbot, tab.compare_button)
    # Closing asks first, and the question follows the comparison: it named run #1 while #2 trained.
    window.close()
    box = window.close_box
    assert box is not None and " face adam " in box.text() and "scratch" not in box.text()
    qtbot.waitUntil(lambda: tab.state.current.value.config.backbone == "scratch", timeout=240000)
    qtbot.waitUntil(lambda: " scratch adam " in box.text() and " face " not in box.text())
    qtbot.waitUntil(lambda: tab.run is None, timeout=240000)
    qtbot.waitUntil(lambda: window.close_box is None)  # nothing is learning now: no question left open
    assert window.isVisible()
    runs = [tab.state.run(i) for i in tab.state.comparison.value]
    assert [r.status for r in runs] == ["finished", "finished"], tab.error_label.text()
    assert [r.config.backbone for r in runs] == ["face", "scratch"]
    text = tab.compare_label.text()
    assert "transfer (face): validation" in text and "from scratch (CNN): validation" in text, text
    # The report of the last (scratch) run: two classes, one validation image each.
    assert tab.report.confusion.rowCount() == 2 and tab.report.per_class.item(0, 0).text() == "eileen"
    # Both runs are offered; the person picks the transfer run, and that is the one installed.
    ids = [tab.model_box.itemData(i) for i in range(tab.model_box.count())]
    assert runs[0].run_id in ids and runs[1].run_id in ids and tab.model_box.currentData() == runs[1].run_id
    tab.model_box.setFocus()
    qtbot.keyClick(tab.model_box, Qt.Key.Key_Down)
    assert tab.model_box.currentData() == runs[0].run_id
    click(qtbot, tab.use_button)
    import json

    assert json.loads(faces_in_use().with_suffix(".json").read_text())["backbone"] == "face"
    faces_in_use().unlink()


def test_closing_the_window_while_preprocessing_ends_the_run_at_once(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.training_tab)
    tab = window.training_tab
    pick_kind(qtbot, tab, "digits")
    type_value(qtbot, tab.form.limit, 0)  # all 60,000 images: about a minute of preprocessing
    click(qtbot, tab.train_button)
    qtbot.waitUntil(lambda: "Preprocessing MNIST" in tab.progress_label.text(), timeout=120000)
    process = tab.run.job.process
    window.close()  # the window's close button: a run is going, so it asks first, and the run goes on
    box = window.close_box
    assert box is not None and box.isVisible() and window.isVisible() and tab.run is not None
    assert tab.run.job.process is process and " CNN adam " in box.text()  # the run it would stop
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Esc keeps training
    assert window.close_box is None and window.isVisible() and tab.run is not None
    window.close()
    stop = next(b for b in window.close_box.buttons() if "Stop" in b.text())
    asked = time.perf_counter()
    qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)  # "Stop and close": it cancels and waits for the run
    assert time.perf_counter() - asked < 5 and tab.run is None  # it used to stay open ~36 s
    assert not window.isVisible()
    # The run has ended (it said "cancelled"); the process then unloads TensorFlow at nice 15, which on a
    # busy machine took over 10 s.
    process.join(60)
    assert process.exitcode is not None  # and the training process is gone soon after


def test_the_tab_is_usable_at_800_by_600(qtbot, tmp_path):
    state = RunState([], folder=tmp_path)
    run = state.begin("digits", DigitTrainConfig(epochs=1))
    state.progress(run, Progress("epoch", epoch=1, epochs=1, batch=1, batches=1, logs={"val_loss": 1.0}))
    probabilities = np.eye(10)[np.arange(100) % 10]
    state.finish(
        run,
        RunSummary(
            "digits",
            {"val_accuracy": 1.0},
            [str(d) for d in range(10)],
            None,
            np.arange(100) % 10,
            probabilities,
            skipped=[("cat/01.jpg", "damaged or unreadable picture")],  # its tab must fit beside the others
        ),
    )
    tab = TrainingTab(state)
    qtbot.addWidget(tab)
    tab.resize(780, 520)  # what is left of an 800×600 window for one tab
    tab.show()
    qtbot.waitExposed(tab)
    assert tab.width() == 780 and tab.height() == 520
    assert tab.curves.loss_plot.width() >= 150 and tab.curves.loss_plot.height() >= 150  # were ~115 px wide
    views = tab.views.tabBar()
    qtbot.mouseClick(views, Qt.MouseButton.LeftButton, pos=views.tabRect(tab.views.indexOf(tab.report)).center())
    tab.report.tabs.setCurrentWidget(tab.report.per_class)
    table = tab.report.per_class
    assert table.rowCount() == 10 and table.rowViewportPosition(9) + table.rowHeight(9) <= table.viewport().height()
    assert table.verticalHeader().isHidden()  # no row numbers 1–10 beside classes 0–9
    assert tab.report.tabs.isTabVisible(tab.report.tabs.indexOf(tab.report.skipped))
    for bar in (tab.views.tabBar(), tab.report.tabs.tabBar()):
        assert bar.tabRect(bar.count() - 1).right() <= bar.width()  # every tab in view, no scroll arrows
        assert all(bar.tabRect(i).width() >= bar.tabSizeHint(i).width() for i in range(bar.count()))  # none cut
    tab.report.tabs.tabBar().setFocus()
    while tab.report.tabs.currentWidget() is not tab.report.confusion:
        qtbot.keyClick(tab.report.tabs.tabBar(), Qt.Key.Key_Right)
    confusion = tab.report.confusion
    qtbot.wait(50)
    assert confusion.columnCount() == 10 and confusion.horizontalScrollBar().maximum() == 0  # every column in view


def fully_in_sight(widget: QWidget) -> bool:
    """Whether all of ``widget`` shows: not cut by a scroll area's edge, nor scrolled out of view."""
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


def test_in_an_800_by_600_window_train_cancel_use_and_every_tab_name_are_in_sight(qtbot, tmp_path):
    """At 800×600 Train was under the fold of the scrolling form, the result tabs read "P…", "Mi…", and
    "Show earlier runs" scrolled out of sight under a legend of a few runs."""
    state = RunState([_record("digits", 1, n, dropout=n / 10) for n in range(1, 5)], folder=tmp_path)
    w = open_main_window(qtbot, (800, 600), training_state=state)
    click_main_tab(qtbot, w, w.training_tab)
    tab = w.training_tab
    qtbot.waitUntil(lambda: tab.isVisible())
    assert (w.width(), w.height()) == (800, 600)
    assert len(tab.curves.legend.text().split("<br>")) == 5  # the key and four runs
    for button in (tab.train_button, tab.cancel_button, tab.compare_button, tab.model_box, tab.use_button):
        assert fully_in_sight(button), button
    assert fully_in_sight(tab.curves.show_earlier)
    box = tab.form.dataset_box  # each choice whole in the closed box ("Folder of images (one sub-f" was cut)
    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    field = box.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, box
    )
    assert all(box.fontMetrics().horizontalAdvance(box.itemText(i)) <= field.width() for i in range(box.count()))

    def whole_names(bar) -> None:
        for i in range(bar.count()):
            if bar.isTabVisible(i):  # (a digits run skips no pictures: no Skipped tab)
                assert bar.tabRect(i).width() >= bar.tabSizeHint(i).width(), bar.tabText(i)  # not "P…"

    views = tab.views.tabBar()
    whole_names(views)
    qtbot.mouseClick(views, Qt.MouseButton.LeftButton, pos=views.tabRect(tab.views.indexOf(tab.report)).center())
    assert tab.report.isVisible() and tab.curves.isHidden()
    inner = tab.report.tabs.tabBar()
    whole_names(inner)
    qtbot.mouseClick(inner, Qt.MouseButton.LeftButton, pos=inner.tabRect(1).center())
    assert tab.report.tabs.currentWidget() is tab.report.confusion and tab.report.confusion.isVisible()


def test_at_800_by_600_gradient_flow_and_the_legend_do_not_overlap(qtbot, tmp_path):
    """With gradient flow, the curves' pane asked more height than 800×600 leaves: its verdict line was drawn
    over the legend, and the loss plot squeezed to a strip."""
    from PySide6.QtWidgets import QSplitter

    from training.configs import digit_config
    from training.gradient_flow import GradientFlow, LayerFlow

    state = RunState([_record("digits", 1, n) for n in range(1, 4)], folder=tmp_path)
    run = state.begin("digits", digit_config("mlp", gradient_every=10))
    layers = (LayerFlow("hidden_1", 0.05, 0.01), LayerFlow("hidden_2", 0.1, 0.01), LayerFlow("logits", 0.2, 0.02))
    for step in (1, 11, 21):
        flow = GradientFlow(1, step, step, layers)
        state.progress(run, Progress("gradients", epoch=1, epochs=1, batch=step, batches=30, gradients=flow))
    w = open_main_window(qtbot, (800, 600), training_state=state)
    click_main_tab(qtbot, w, w.training_tab)
    curves = w.training_tab.curves
    gradients = curves.gradients
    qtbot.waitUntil(lambda: "times smaller" in gradients.summary.text(), timeout=3000)
    qtbot.wait(50)
    assert gradients.isVisible() and curves.notes_scroll.isVisible()
    split = gradients.parentWidget()
    assert isinstance(split, QSplitter)
    panes = [split.widget(i) for i in range(split.count()) if split.widget(i).isVisible()]
    assert len(panes) == 3
    for upper, lower in zip(panes, panes[1:]):
        assert upper.geometry().bottom() < lower.geometry().top(), (upper, lower)  # stacked, never one over another
        assert upper.height() >= upper.minimumSizeHint().height(), upper  # not squeezed under its own minimum
    for label in (gradients.key, gradients.summary):  # the key and the verdict whole, inside their pane
        assert label.geometry().bottom() < gradients.height() and label.height() >= label.heightForWidth(label.width())
    assert curves.loss_plot.height() >= 170 and gradients.norm_plot.height() >= 140  # readable, not strips


def test_back_to_the_shipped_model_ends_now_in_use(qtbot, tmp_path, monkeypatch):
    """Model ▸ Back to the shipped model left the Training tab saying "Now in use: #1 …"."""
    import json

    from models.digit_model import default_model_path
    from models.model_file import load_model, metadata_path, save_model

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # accepting writes the user's model in use
    state = RunState([], folder=tmp_path)
    run = state.begin("digits", DigitTrainConfig(epochs=1))
    meta = json.loads(metadata_path(default_model_path()).read_text())
    save_model(load_model(default_model_path()), run.record.model_path, meta)
    state.finish(
        run,
        RunSummary(
            "digits", {"val_accuracy": 0.9}, [str(d) for d in range(10)], None, np.zeros(0, int), np.zeros((0, 10))
        ),
    )
    w = MainWindow(training_state=state)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.tabs.setCurrentWidget(w.training_tab)
    tab = w.training_tab
    assert tab.model_box.toolTip().startswith(f"<qt>{run.label()} validation 90.0%.")  # the whole name, cut in the box
    click(qtbot, tab.use_button)
    assert tab.progress_label.text().startswith("Now in use: #1")
    qtbot.waitUntil(lambda: w.state.digits.value.path == str(digits_in_use()), timeout=60000)
    assert tab.progress_label.text().startswith("Now in use: #1")  # loading the accepted model keeps it so
    w.shipped_model_action.trigger()
    qtbot.waitUntil(lambda: w.state.digits.value.path is None and w.state.digits.value.status == "ready", timeout=60000)
    assert tab.progress_label.text().startswith("Finished: validation accuracy 90.00%"), tab.progress_label.text()


def test_every_alt_key_on_the_training_tab_does_one_thing(window, qtbot):
    """Alt+T only focused Train (the "&Training" tab has T too), Alt+E and Alt+H met the Edit and Help menus,
    Alt+F went to the Faces tab instead of finding a rate: a clash makes Qt cycle focus, never click."""
    from PySide6.QtTest import QTest

    tab = window.training_tab
    views = tab.views.tabBar()
    for view in (tab.curves, tab.finder, tab.report):
        qtbot.mouseClick(views, Qt.MouseButton.LeftButton, pos=views.tabRect(tab.views.indexOf(view)).center())
        assert mnemonic_clashes(window) == {}, view
    qtbot.mouseClick(views, Qt.MouseButton.LeftButton, pos=views.tabRect(tab.views.indexOf(tab.curves)).center())
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    shown = tab.curves.show_earlier.isChecked()
    QTest.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: tab.curves.show_earlier.isChecked() is not shown)  # toggled (animated), not just focused


def test_in_portuguese_too_every_alt_key_on_the_training_tab_does_one_thing(qtbot):
    """The translations choose their own mnemonics: "&Treinar" met the "&Treinamento" tab.

    Fails while the new English texts (T&rain, Sh&ow earlier runs…) wait for their translation, like
    test_i18n: translate them with letters no menu, main tab or other button of the tab uses.
    """

    from gui import app
    from models.app_state import AppState

    first = app.open_window(AppState("en"))
    qtbot.waitExposed(first)
    try:
        window = choose_language(qtbot, first, "pt_BR")
        click_main_tab(qtbot, window, window.training_tab)
        tab = window.training_tab
        views = tab.views.tabBar()
        for view in (tab.curves, tab.finder, tab.report):
            qtbot.mouseClick(views, Qt.MouseButton.LeftButton, pos=views.tabRect(tab.views.indexOf(view)).center())
            assert mnemonic_clashes(window) == {}, view
    finally:
        close_every_window()


@pytest.mark.parametrize("step", ["copy", "fsync", "rename"])
def test_a_full_disk_while_using_a_model_keeps_the_one_in_use(qtbot, tmp_path, monkeypatch, step):
    import errno
    import json
    import os
    import shutil

    from models.digit_model import default_model_path
    from models.model_file import load_metadata, load_model, metadata_path, save_model

    shipped_meta = json.loads(metadata_path(default_model_path()).read_text())
    model = load_model(default_model_path())
    save_model(model, digits_in_use(), {**shipped_meta, "test_accuracy": 0.25})  # an earlier choice
    before = digits_in_use().read_bytes()
    state = RunState([], folder=tmp_path)
    run = state.begin("digits", DigitTrainConfig(epochs=1))
    save_model(model, run.record.model_path, {**shipped_meta, "test_accuracy": 0.75})
    state.finish(run, RunSummary("digits", {}, [str(d) for d in range(10)], None, np.zeros(0, int), np.zeros((0, 10))))

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(*{"copy": (shutil, "copyfile"), "fsync": (os, "fsync"), "rename": (os, "replace")}[step], full)
        tab = TrainingTab(state)
        qtbot.addWidget(tab)
        accepted = []
        tab.modelAccepted.connect(lambda *a: accepted.append(a))
        click(qtbot, tab.use_button)
    assert digits_in_use().read_bytes() == before and load_metadata(digits_in_use())["test_accuracy"] == 0.25
    text = tab.error_label.text()
    assert "No space left on device" in text and str(digits_in_use()) in text and ".tmp" not in text
    assert not accepted and [p.name for p in digits_in_use().parent.iterdir() if p.name.startswith(".")] == []
    click(qtbot, tab.use_button)  # room again: the whole new model arrives
    assert load_metadata(digits_in_use())["test_accuracy"] == 0.75 and accepted == [("digits", str(digits_in_use()))]
    assert json.loads(metadata_path(digits_in_use()).read_text())["test_accuracy"] == 0.75
    for path in (digits_in_use(), metadata_path(digits_in_use())):  # other tests start with none in use
        path.unlink(missing_ok=True)


def test_the_mistakes_gallery_shows_phone_photos_upright(qtbot, tmp_path):
    from bad_inputs import exif_jpeg

    from gui.training_report import ICON_PX, _icon

    upright = np.zeros((60, 30, 3), np.uint8)  # portrait: twice as tall as wide
    upright[:10] = 255  # a white band at the top
    path = exif_jpeg(upright, tmp_path / "turned.jpg", 6)  # stored landscape, tagged to be turned
    summary = RunSummary("folder", {}, ["a", "b"], None, np.zeros(1, int), np.zeros((1, 2)), example_paths=[str(path)])
    image = _icon(summary, 0).pixmap(ICON_PX, ICON_PX).toImage()
    assert image.height() > image.width()  # shown as the model saw it, not sideways
    assert (
        image.pixelColor(image.width() // 2, 1).lightness() > 200
        and image.pixelColor(1, image.height() - 2).lightness() < 50
    )


def test_auto_backbone_leaves_epochs_and_rate_to_the_backbone_it_turns_out_to_be(qtbot):
    tab = TrainingTab(RunState([]))
    qtbot.addWidget(tab)
    tab.show()
    pick_kind(qtbot, tab, "folder")
    form = tab.form
    assert form.backbone.currentText() == "auto"
    assert (form.epochs.text(), form.lr.text()) == ("auto", "auto")  # not the face head's 150 epochs at 0.01
    for field in (form.network, form.gradient_flow, form.hidden, form.activation, form.limit):
        assert not field.isVisible()  # digit-only settings are not shown disabled in folder mode
    assert "MLP" not in [w.text() for w in form.findChildren(QWidget) if hasattr(w, "text") and w.isVisible()]
    assert (form.config().epochs, form.config().learning_rate) == (None, None)
    form.backbone.setFocus()
    qtbot.keyClicks(form.backbone, "imagenet")  # a combo box jumps to the item typed
    assert (form.epochs.value(), form.lr.value()) == (60, 0.01)
    type_value(qtbot, form.epochs, 7)
    assert tab.state.configs["folder"].value.epochs == 7
    pick_kind(qtbot, tab, "digits")
    assert form.epochs.minimum() == 1 and form.lr.value() > 0  # a digit run always has both
    assert form.network.isVisible() and form.gradient_flow.isVisible() and form.limit.isVisible()


def test_epochs_1_and_the_lowest_rate_read_as_numbers_in_digits_and_auto_only_in_folder_mode(qtbot):
    tab = TrainingTab(RunState([]))
    qtbot.addWidget(tab)
    tab.show()
    form = tab.form
    pick_kind(qtbot, tab, "digits")
    type_value(qtbot, form.epochs, 1)
    assert form.epochs.text() == "1"  # one real epoch, not "auto"
    form.lr.setFocus()
    qtbot.keyClick(form.lr, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(form.lr, f"{form.lr.minimum():.5f}")  # the lowest rate a digit run takes
    qtbot.keyClick(form.lr, Qt.Key.Key_Tab)
    assert form.lr.value() == pytest.approx(form.lr.minimum()) and "auto" not in form.lr.text()
    pick_kind(qtbot, tab, "folder")
    assert (form.epochs.text(), form.lr.text()) == ("auto", "auto")
    pick_kind(qtbot, tab, "digits")
    assert form.epochs.text() == "1"


def test_an_auto_folder_run_widens_the_x_axis_to_the_epochs_it_reports(qtbot):
    from training.configs import default_config

    state = RunState([])
    tab = shown_training_tab(qtbot, state)
    pick_kind(qtbot, tab, "folder")
    config = default_config("folder")
    config.epochs = None  # "auto": the backbone decides once the run starts
    run = state.begin("folder", config, "x")
    for epoch in (1, 2):
        for batch in (1, 2):
            state.progress(run, Progress("batch", epoch=epoch, epochs=150, batch=batch, batches=2, logs={"loss": 1.0}))
        state.progress(run, Progress("epoch", epoch=epoch, epochs=150, batch=2, batches=2, logs={"val_loss": 1.0}))
    assert tab.curves.loss_plot.getViewBox().viewRange()[0][1] >= 150  # the run's 150 epochs, not 0–1
    rebuilt = TrainingTab(state)  # after a language switch
    qtbot.addWidget(rebuilt)
    assert rebuilt.curves.loss_plot.getViewBox().viewRange()[0][1] >= 150


@pytest.mark.parametrize("epochs", [1, 3])
def test_the_training_curve_tracks_the_real_per_batch_loss_to_the_last_batch(qtbot, monkeypatch, epochs):
    """Keras' running means through the real reporter, throttled by a clock, into the plotted curve."""
    import keras

    from training import keras_progress

    clock = iter(np.arange(0, 1000, 0.01))  # a batch every 10 ms: a report every ~10 batches
    monkeypatch.setattr(keras_progress.time, "perf_counter", lambda: float(next(clock)))
    state = RunState([])
    tab = TrainingTab(state)
    qtbot.addWidget(tab)
    run = state.begin("digits", DigitTrainConfig(epochs=epochs))
    steps = 10 if epochs == 1 else 188
    reporter = keras_progress.ProgressReporter(lambda p: state.progress(run, p), _NoCancel(), epochs, steps, 32)
    reporter.set_model(keras.Sequential())
    reporter.on_train_begin()
    true_loss = np.linspace(2.3, 0.3, epochs * steps)  # falls steadily, batch by batch
    for epoch in range(epochs):
        reporter.on_epoch_begin(epoch)
        seen = true_loss[epoch * steps : (epoch + 1) * steps]
        for b in range(steps):
            reporter.on_train_batch_end(b, {"loss": float(np.mean(seen[: b + 1]))})
        reporter.on_epoch_end(epoch, {"loss": float(np.mean(seen)), "val_loss": float(seen[-1])})
    qtbot.waitUntil(lambda: tab.curves._live["loss"].getData()[0] is not None, timeout=3000)
    qtbot.wait(500)  # the redraw timer
    x, y = tab.curves._live["loss"].getData()
    assert len(x) >= 2  # a line, also for a short 1-epoch run
    assert x[-1] == pytest.approx(epochs)  # up to the last batch of the last epoch
    slope = (2.3 - 0.3) / (epochs * steps)
    lag = 0.05 + slope * 15  # a report averages ~10 batches, and the curve about 10 more: behind by ~15 at most
    assert abs(y[-1] - true_loss[-1]) < lag, (y[-1], true_loss[-1])
    first = round(x[0] * steps)  # the batches the first report covers
    assert y[0] == pytest.approx(np.mean(true_loss[:first]))  # starts where the loss starts, no bias to 0


class _NoCancel:
    cancelled = False

    def raise_if_cancelled(self) -> None:
        pass


def test_a_rebuilt_tab_shows_the_same_status_and_gradient_flow(qtbot, tmp_path):
    """After a language switch (a new tab over the same state) nothing about the run goes stale or vanishes."""
    import json

    from models.digit_model import default_model_path
    from models.model_file import load_model, metadata_path, save_model
    from training.configs import default_config, digit_config
    from training.gradient_flow import GradientFlow, LayerFlow

    state = RunState([], folder=tmp_path)
    run = state.begin("digits", digit_config("mlp", gradient_every=10))
    layers = (LayerFlow("hidden_1", 0.05, 0.01), LayerFlow("logits", 0.2, 0.02))
    for step in (1, 11):
        flow = GradientFlow(1, step, step, layers)
        state.progress(run, Progress("gradients", epoch=1, epochs=1, batch=step, batches=20, gradients=flow))
    meta = json.loads(metadata_path(default_model_path()).read_text())
    save_model(load_model(default_model_path()), run.record.model_path, meta)
    state.finish(run, RunSummary("digits", {}, [str(d) for d in range(10)], None, np.zeros(0, int), np.zeros((0, 10))))
    tab = shown_training_tab(qtbot, state)
    click(qtbot, tab.use_button)
    assert tab.progress_label.text().startswith("Now in use: #1")

    from gui import app
    from models.app_state import AppState

    first = app.open_window(AppState("en"), state)
    qtbot.waitExposed(first)
    first.tabs.setCurrentWidget(first.training_tab)
    try:
        window = choose_language(qtbot, first, "pt_BR")  # the Language menu: a new window over the same state
        rebuilt = window.training_tab
        assert "#1 MLP" in rebuilt.progress_label.text()  # still "Now in use: #1 …", not "Finished: …"
        assert rebuilt.curves.gradients.isVisible() and len(rebuilt.curves.gradients.lines()) == 2
    finally:
        close_every_window()
    rebuilt = TrainingTab(state)
    qtbot.addWidget(rebuilt)
    rebuilt.show()
    assert rebuilt.progress_label.text() == tab.progress_label.text()
    # A folder run's text never shows in Digits mode, in this tab or a rebuilt one.
    pick_kind(qtbot, rebuilt, "folder")
    state.begin("folder", default_config("folder", "scratch"), "x")
    state.failed(state.current.value, "broken folder")
    assert "broken folder" in rebuilt.error_label.text()
    pick_kind(qtbot, rebuilt, "digits")
    again = TrainingTab(state)
    qtbot.addWidget(again)
    for t in (rebuilt, again):
        assert "broken folder" not in t.error_label.text() and "Failed" not in t.progress_label.text()


def wheel(qtbot, widget: QWidget, notches: int) -> None:
    """Turn the mouse wheel ``notches`` (negative: down) with the pointer over the middle of ``widget``."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    local = QPointF(widget.rect().center())
    for _ in range(abs(notches)):
        event = QWheelEvent(
            local,
            QPointF(widget.mapToGlobal(local.toPoint())),
            QPoint(),
            QPoint(0, 120 if notches > 0 else -120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(widget, event)
        qtbot.wait(10)


def test_the_mouse_wheel_scrolls_the_form_instead_of_changing_a_setting(qtbot):
    """Wheel down 3 notches over Label smoothing set 0.10 to 0.00 and did not scroll; every field did so."""
    window = open_main_window(qtbot, (800, 600), "training_tab")
    tab = window.training_tab
    bar = tab.form_scroll.verticalScrollBar()
    assert bar.maximum() > 0  # at 800×600 the form scrolls
    box = tab.form.smoothing
    tab.form_scroll.ensureWidgetVisible(box)
    start, before = bar.value(), box.value()
    assert before == pytest.approx(0.1)
    wheel(qtbot, box, -3)
    assert box.value() == pytest.approx(before) and bar.value() > start
    for field in (tab.form.optimizer, tab.form.activation, tab.form.epochs, tab.form.lr):  # combo and spin boxes
        tab.form_scroll.ensureWidgetVisible(field)
        value = field.currentIndex() if hasattr(field, "currentIndex") else field.value()
        wheel(qtbot, field, -1)
        assert value == (field.currentIndex() if hasattr(field, "currentIndex") else field.value()), field
    # Clicked into, a field does take wheel steps: the person chose it.
    tab.form_scroll.ensureWidgetVisible(box)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert box.hasFocus()
    wheel(qtbot, box, -1)
    assert box.value() == pytest.approx(before - box.singleStep())


def test_switching_train_to_a_folder_leaves_no_mnist_range_on_the_empty_plots(qtbot):
    """The empty Loss and Accuracy plots of a folder kept the y ranges of the MNIST runs drawn before."""
    record = _record("digits", 3, 1)
    record.epochs = [{"loss": 0.1 / e, "val_loss": 0.12 / e, "accuracy": 0.97, "val_accuracy": 0.98} for e in (1, 2, 3)]
    tab = TrainingTab(RunState([record]))
    qtbot.addWidget(tab)
    tab.show()
    curves = tab.curves
    assert curves.loss_plot.getViewBox().viewRange()[1][1] < 0.2  # MNIST: loss up to 0.12
    assert curves.acc_plot.getViewBox().viewRange()[1][0] > 0.9  # accuracy from 0.95
    pick_kind(qtbot, tab, "folder")
    assert not [i for p, i in curves._items if p is curves.loss_plot]  # no folder run yet: nothing drawn
    for plot in (curves.loss_plot, curves.acc_plot):
        assert plot.getViewBox().viewRange()[1] == pytest.approx([0.0, 1.0]), plot


def _finished(state: RunState, correct: int) -> object:
    """A finished digits run whose model file is there, that read ``correct`` of its 10 validation digits right."""
    from pathlib import Path

    run = state.begin("digits", DigitTrainConfig(epochs=1))
    Path(run.record.model_path).write_bytes(b"a model")  # "Model to use" offers runs whose file is there
    labels = np.arange(10)
    said = np.where(labels < correct, labels, (labels + 1) % 10)
    summary = RunSummary("digits", {}, [str(d) for d in range(10)], None, labels, np.eye(10)[said])
    state.finish(run, summary)
    return run


def test_after_a_cancelled_run_the_results_say_why_and_show_a_finished_runs(qtbot, tmp_path):
    """Results were blank after a cancelled run, with no word why, while a finished run was offered to use."""
    state = RunState([], folder=tmp_path)
    first, second = _finished(state, correct=10), _finished(state, correct=7)
    cancelled = state.begin("digits", DigitTrainConfig(epochs=1))
    tab = TrainingTab(state)
    qtbot.addWidget(tab)
    tab.resize(780, 520)
    tab.show()
    qtbot.waitExposed(tab)
    views = tab.views.tabBar()
    qtbot.mouseClick(views, Qt.MouseButton.LeftButton, pos=views.tabRect(tab.views.indexOf(tab.report)).center())
    report = tab.report
    assert report.per_class.rowCount() == 0 and "is training" in report.note.text()  # its own come when it ends
    state.cancelled(cancelled)  # what the controller records when the run's process stops on Cancel
    assert report.note.isVisible()
    note = report.note.text()
    assert f"{cancelled.label()} was cancelled, so it has no results." in note
    assert f"These are the results of {second.label()}." in note and "Model to use" in note
    assert report.per_class.rowCount() == 10 and report.per_class.item(9, 1).text() == "0.00%"  # the last run's
    # Choosing the first run under "Model to use" shows its results.
    assert tab.model_box.currentData() == second.run_id
    tab.model_box.setFocus()
    qtbot.keyClick(tab.model_box, Qt.Key.Key_Down)  # newest first: down is the older run
    assert tab.model_box.currentData() == first.run_id and report.shown is first
    assert report.per_class.item(9, 1).text() == "100.00%"
    assert f"These are the results of {first.label()}." in report.note.text()
    # A new tab over the same state (a language switch) shows the same.
    again = TrainingTab(state)
    qtbot.addWidget(again)
    assert again.report.shown is first and again.report.note.text() == report.note.text()


def test_a_finished_auto_folder_run_is_labelled_with_the_backbone_it_turned_out_to_be(qtbot, tmp_path):
    """The legend of a folder run said "auto" rather than the backbone it turned out to be."""
    from pathlib import Path

    from training.configs import default_config

    earlier = _record("folder", 2, 1, backbone="auto")
    earlier.final = {"backbone": "imagenet", "val_accuracy": 0.9}  # as saved by a run of an earlier session
    state = RunState([earlier], folder=tmp_path)
    tab = shown_training_tab(qtbot, state)
    pick_kind(qtbot, tab, "folder")
    legend = tab.curves.legend.text()
    assert "#1 imagenet" in legend and "auto" not in legend, legend
    run = state.begin("folder", default_config("folder", "auto"), str(tmp_path))
    assert "#2 auto" in tab.curves.legend.text()  # while it runs nobody knows yet
    run.record.epochs.append({"loss": 1.0, "val_loss": 1.1, "accuracy": 0.5, "val_accuracy": 0.5})
    labels = np.array([0, 1])
    summary = RunSummary("folder", {"backbone": "scratch", "val_accuracy": 0.5}, ["a", "b"], None, labels, np.eye(2))
    Path(run.record.model_path).write_bytes(b"a model")
    state.finish(run, summary)
    legend = tab.curves.legend.text()
    assert "#2 scratch" in legend and "auto" not in legend, legend
    assert tab.model_box.currentText().startswith("#2 scratch")  # "Model to use" names it so too


def test_in_portuguese_the_backbones_are_named_in_portuguese_and_still_train_the_same(qtbot, tmp_path):
    """The Backbone box and the runs it named read "face", "scratch" (the CLI's words) in a Portuguese window."""
    from gui import app
    from models.app_state import AppState

    earlier = _record("folder", 2, 1, backbone="auto")
    earlier.final = {"backbone": "face", "val_accuracy": 0.9}
    earlier.model_path = str(tmp_path / "earlier.keras")
    (tmp_path / "earlier.keras").write_bytes(b"a model")
    state = RunState([earlier], folder=tmp_path)
    first = app.open_window(AppState("en"), state)
    qtbot.waitExposed(first)
    try:
        window = choose_language(qtbot, first, "pt_BR")
        click_main_tab(qtbot, window, window.training_tab)
        tab = window.training_tab
        pick_kind(qtbot, tab, "folder")
        form = tab.form
        names = [form.backbone.itemText(i) for i in range(form.backbone.count())]
        assert names == ["auto", "rosto", "ImageNet", "do zero"]
        assert "(rosto, ImageNet)" in form.backbone.toolTip() and "(do zero)" in form.backbone.toolTip()
        form.backbone.setFocus()
        qtbot.keyClicks(form.backbone, "do")  # a combo box jumps to the item typed
        assert form.backbone.currentText() == "do zero"
        assert state.configs["folder"].value.backbone == "scratch"  # what the core is given stays its own word
        assert (form.epochs.value(), form.lr.value()) == (40, 0.002)  # the scratch CNN's defaults
        assert "#1 rosto" in tab.curves.legend.text() and "face" not in tab.curves.legend.text()
        assert tab.model_box.currentText().startswith("#1 rosto")
    finally:
        close_every_window()


def test_a_language_switch_keeps_the_view_and_results_tab_that_were_open(qtbot, tmp_path):
    """After a switch the Training tab opened on Learning curves again, whatever view the user was reading."""
    from gui import app
    from models.app_state import AppState

    first = app.open_window(AppState("en"), RunState([], folder=tmp_path))
    qtbot.waitExposed(first)
    try:
        click_main_tab(qtbot, first, first.training_tab)
        tab = first.training_tab
        views, results = tab.views.tabBar(), tab.report.tabs.tabBar()
        qtbot.mouseClick(views, Qt.MouseButton.LeftButton, pos=views.tabRect(tab.views.indexOf(tab.report)).center())
        confusion = tab.report.tabs.indexOf(tab.report.confusion)
        qtbot.mouseClick(results, Qt.MouseButton.LeftButton, pos=results.tabRect(confusion).center())
        window = choose_language(qtbot, first, "pt_BR")
        rebuilt = window.training_tab
        assert window.tabs.currentWidget() is rebuilt
        assert rebuilt.views.currentWidget() is rebuilt.report
        assert rebuilt.report.tabs.currentWidget() is rebuilt.report.confusion
    finally:
        close_every_window()


def test_at_800_by_600_a_run_without_validation_images_says_why_in_full(qtbot, tmp_path):
    """The reason sat in a table cell, cut to "every class needs at least 5 …" in an 800×600 window."""
    state = RunState([], folder=tmp_path)
    tab = shown_training_tab(qtbot, state)
    tab.resize(800, 560)
    pick_kind(qtbot, tab, "folder")
    run = state.begin("folder", state.config(), str(tmp_path))
    summary = RunSummary("folder", {"backbone": "scratch"}, ["a", "b"], None, np.zeros(0, int), np.zeros((0, 2)))
    state.finish(run, summary)
    views = tab.views.tabBar()
    qtbot.mouseClick(views, Qt.MouseButton.LeftButton, pos=views.tabRect(tab.views.indexOf(tab.report)).center())
    note = tab.report.note
    qtbot.waitUntil(note.isVisible)
    assert "every class needs at least 5 images for a split" in note.text()
    assert note.heightForWidth(note.width()) <= note.height()  # every line of it in sight
    assert tab.report.per_class.item(0, 0).text() == "no validation images"


def test_the_bar_starts_training_from_zero_after_the_pictures_are_read_and_stays_full_while_scoring(qtbot, tmp_path):
    """A folder run's bar stood at 100% (the pictures read) while its training began, then jumped to 0."""
    state = RunState([], folder=tmp_path)
    tab = shown_training_tab(qtbot, state)
    pick_kind(qtbot, tab, "folder")
    run = state.begin("folder", state.config(), str(tmp_path))
    state.progress(run, Progress("features", "Finding and embedding faces: 10/10", batch=10, batches=10))
    assert tab.progress.value() == 1000
    state.progress(run, Progress("message", "Training the scratch classifier on 54 images…"))
    assert tab.progress.value() == 0 and "Training the scratch classifier" in tab.progress_label.text()
    pick_kind(qtbot, tab, "digits")
    run = state.begin("digits", state.config())
    state.progress(run, Progress("epoch", "", 1, epochs=1, batch=10, batches=10))
    state.progress(run, Progress("message", "Scoring on the MNIST test set…"))
    assert tab.progress.value() == 1000  # the last phase of a run that trained to the end
