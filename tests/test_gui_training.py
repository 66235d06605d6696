"""The Training tab: short real runs on tiny data, live curves, cancel, failure and "Use this model"."""

from __future__ import annotations

import pytest
from faces_data import shipped, variants, write_folder

pytest.importorskip("pytestqt")

from gui.main_window import MainWindow  # noqa: E402
from models.paths import digits_in_use, faces_in_use  # noqa: E402
from training.run_store import load_runs  # noqa: E402


@pytest.fixture()
def window(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.tabs.setCurrentWidget(w.training_tab)
    yield w
    w.training_tab.cancel()
    w.training_tab.wait()


def tiny_digits(tab, epochs=2, limit=1500):
    tab.dataset_box.setCurrentIndex(0)
    tab.epochs.setValue(epochs)
    tab.limit.setValue(limit)
    tab.batch.setValue(64)
    tab.val_split.setValue(0.1)


def two_people(window, tmp_path, photos: int):
    """The Training tab set to a folder with two people's photos (needs dlib and scikit-image)."""
    pytest.importorskip("dlib")
    pytest.importorskip("skimage")
    people = {
        "eileen": variants(shipped("astronaut"), photos, 1),
        "grace": variants(shipped("grace_hopper"), photos, 2),
    }
    tab = window.training_tab
    tab.dataset_box.setCurrentIndex(1)
    tab.folder_edit.setText(str(write_folder(tmp_path / "people", people)))
    return tab


def test_short_digit_run_draws_curves_reports_and_can_be_used(window, qtbot):
    tab = window.training_tab
    tiny_digits(tab)
    tab.optimizer.setCurrentIndex(tab.optimizer.findData("momentum"))
    tab.smoothing.setValue(0.2)
    tab.start()
    qtbot.waitUntil(lambda: tab.run is None, timeout=180000)
    assert tab.finished_record is not None and tab.finished_record.status == "finished"
    assert tab.points_received >= 4  # batch points and the two validation points
    assert len(tab._val_curve["val_loss"]) == 2
    assert tab.per_class.rowCount() == 10 and tab.confusion.rowCount() == 10
    assert tab.use_button.isEnabled()
    assert tab.filters_view._image is not None and "32 of 5×5" in tab.filters_label.text()
    saved = [r for r in load_runs() if r.run_id == tab.finished_record.run_id]
    assert saved and saved[0].settings["optimizer"] == "momentum" and len(saved[0].epochs) == 2
    assert "smooth 0.2" in saved[0].label()

    assert not digits_in_use().exists()
    before = window.digits_tab.predictor
    tab.use_button.click()
    assert digits_in_use().exists() and digits_in_use().with_suffix(".json").exists()
    qtbot.waitUntil(lambda: window.digits_tab.predictor is not before, timeout=60000)
    assert window.digits_tab.predictor.metadata["config"]["optimizer"] == "momentum"
    assert window.digits_tab.predictor.metadata["config"]["label_smoothing"] == 0.2
    digits_in_use().unlink()
    digits_in_use().with_suffix(".json").unlink()


def test_cancel_stops_within_a_second_and_keeps_the_model_in_use(window, qtbot):
    import time

    digits_in_use().parent.mkdir(parents=True, exist_ok=True)
    digits_in_use().write_bytes(b"model in use")
    tab = window.training_tab
    tiny_digits(tab, epochs=5, limit=6000)
    tab.start()
    qtbot.waitUntil(lambda: tab.points_received > 0, timeout=120000)
    asked = time.perf_counter()
    tab.cancel()
    qtbot.waitUntil(lambda: tab.run is None, timeout=10000)
    assert time.perf_counter() - asked < 1.5
    assert "Cancelled" in tab.progress_label.text() and not tab.use_button.isEnabled()
    assert digits_in_use().read_bytes() == b"model in use"
    assert tab.record.status == "cancelled"
    digits_in_use().unlink()


def test_a_bad_folder_fails_in_the_tab(window, qtbot, tmp_path):
    tab = window.training_tab
    tab.dataset_box.setCurrentIndex(1)
    (tmp_path / "only_one_class").mkdir()
    tab.folder_edit.setText(str(tmp_path))
    tab.start()
    qtbot.waitUntil(lambda: tab.run is None, timeout=60000)
    assert "at least two class folders" in tab.error_label.text()
    assert tab.record.status == "failed"


def test_folder_run_trains_a_recognizer_for_the_faces_tab(window, qtbot, tmp_path):
    tab = two_people(window, tmp_path, photos=4)
    assert not tab.smoothing.isEnabled()  # a digits-only setting
    tab._summarise_folder()
    assert "8 images in 2 classes" in tab.summary.text()
    tab.backbone.setCurrentText("face")
    tab.epochs.setValue(30)
    tab.start()
    qtbot.waitUntil(lambda: tab.run is None, timeout=120000)
    assert tab.finished_record.status == "finished", tab.error_label.text()
    tab.use_button.click()
    assert faces_in_use().exists()
    qtbot.waitUntil(lambda: window.faces_tab.recognizer is not None, timeout=60000)
    assert window.faces_tab.recognizer.classes == ["eileen", "grace"]
    faces_in_use().unlink()


def test_overfitting_is_marked_on_the_curves(window):
    from training.progress import Progress
    from training.run_store import RunRecord

    tab = window.training_tab
    tab.record = RunRecord.new("digits", tab.settings())
    tab._reset_live()
    losses = [(0.9, 0.8), (0.5, 0.5), (0.3, 0.45), (0.2, 0.5), (0.1, 0.6)]
    for epoch, (loss, val_loss) in enumerate(losses, start=1):
        logs = {"loss": loss, "accuracy": 0.9, "val_loss": val_loss, "val_accuracy": 0.9}
        tab._progress(Progress("epoch", epoch=epoch, epochs=5, batch=10, batches=10, logs=logs))
        if epoch == 3:
            assert tab.overfit_label.text() == "" and not tab._overfit_items
    assert "Overfitting after epoch 3" in tab.overfit_label.text()
    lines = [item for plot, item in tab._overfit_items if plot is tab.loss_plot]
    assert len(lines) == 1 and lines[0].value() == 3


def test_transfer_vs_scratch_trains_both_and_reports_a_folder_run(window, qtbot, tmp_path):
    tab = two_people(window, tmp_path, photos=6)
    tab.backbone.setCurrentText("face")
    tab.epochs.setValue(4)
    tab.optimizer.setCurrentIndex(tab.optimizer.findData("sgd"))
    assert tab.compare_button.isEnabled()
    tab.compare_button.click()
    qtbot.waitUntil(lambda: tab.run is None and not tab._queue, timeout=240000)
    assert tab.finished_record.status == "finished", tab.error_label.text()
    text = tab.compare_label.text()
    assert "transfer (face): validation" in text and "from scratch (CNN): validation" in text, text
    runs = [r for r in load_runs() if r.kind == "folder"][-2:]
    assert [r.settings["backbone"] for r in runs] == ["face", "scratch"]
    assert all(r.settings["epochs"] == 4 and r.settings["optimizer"] == "sgd" for r in runs)
    # The report of the last (scratch) run: two classes, one validation image each.
    assert tab.confusion.rowCount() == 2 and tab.per_class.item(0, 0).text() == "eileen"
    assert int(tab.confusion.item(0, 0).text()) + int(tab.confusion.item(0, 1).text()) == 1
    assert tab.gallery.count() == sum(int(tab.confusion.item(r, c).text()) for r, c in ((0, 1), (1, 0)))
