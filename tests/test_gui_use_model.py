"""The Training tab's "Use this model": the model in use is replaced whole or not at all."""

from __future__ import annotations

import errno
import json
import os

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402

from gui.main_window import MainWindow  # noqa: E402
from models.digit_model import default_model_path  # noqa: E402
from models.model_file import load_metadata, load_model, metadata_path, save_model  # noqa: E402
from models.paths import digits_in_use  # noqa: E402
from training.run_store import RunRecord  # noqa: E402


@pytest.fixture()
def window(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.tabs.setCurrentWidget(w.training_tab)
    yield w
    for path in (digits_in_use(), metadata_path(digits_in_use())):  # other tests start with none in use
        path.unlink(missing_ok=True)


def test_use_this_model_on_a_full_disk_keeps_the_model_in_use(window, qtbot, tmp_path, monkeypatch):
    shipped = json.loads(metadata_path(default_model_path()).read_text())
    model = load_model(default_model_path())
    in_use = save_model(model, digits_in_use(), {**shipped, "test_accuracy": 0.25})  # an earlier choice
    before = in_use.read_bytes()
    finished = save_model(model, tmp_path / "run.keras", {**shipped, "test_accuracy": 0.75})

    tab = window.training_tab  # a run has just finished: its model waits for the button
    tab.finished_record = RunRecord.new("digits", {})
    tab.finished_record.status, tab.finished_record.model_path = "finished", str(finished)
    tab.use_button.setEnabled(True)

    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device", str(src))

    with monkeypatch.context() as m:
        m.setattr(os, "replace", full)
        qtbot.mouseClick(tab.use_button, Qt.MouseButton.LeftButton)
    text = tab.error_label.text()
    assert "Could not use this model" in text and str(in_use) in text and ".tmp" not in text
    assert in_use.read_bytes() == before and load_metadata(in_use)["test_accuracy"] == 0.25
    assert sorted(p.name for p in in_use.parent.iterdir()) == ["digits_in_use.json", "digits_in_use.keras"]

    qtbot.mouseClick(tab.use_button, Qt.MouseButton.LeftButton)  # room again: the whole new model arrives
    assert load_metadata(in_use)["test_accuracy"] == 0.75
    assert json.loads(metadata_path(in_use).read_text())["test_accuracy"] == 0.75
    loaded = lambda: getattr(window.digits_tab.predictor, "metadata", {}).get("test_accuracy")  # noqa: E731
    qtbot.waitUntil(lambda: loaded() == 0.75, timeout=60000)
