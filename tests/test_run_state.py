"""The Training tab's state without Qt: runs, their typed settings, curves and reports, saved and reloaded."""

from __future__ import annotations

import numpy as np
import pytest

from training.configs import DigitTrainConfig, RecognizerTrainConfig, default_config
from training.jobs import RunSummary
from training.progress import Progress
from training.run_state import RunState, batch_smoothing
from training.run_store import load_runs


def _summary(n_val: int = 40) -> RunSummary:
    return RunSummary(
        "digits",
        {"val_accuracy": 0.9, "seconds": 3.0},
        [str(d) for d in range(10)],
        None,
        np.zeros(n_val, int),
        np.full((n_val, 10), 0.1),
    )


def test_a_run_is_recorded_from_begin_to_finish_and_reloads(tmp_path):
    state = RunState([], folder=tmp_path)
    heard = []
    state.run_ended.connect(heard.append)
    run = state.begin("digits", DigitTrainConfig(epochs=2, optimizer="sgd"))
    assert state.current.value is run and run.status == "running" and run.number == 1
    state.progress(run, Progress("batch", epoch=1, epochs=2, batch=1, batches=4, logs={"loss": 2.0}))
    state.progress(run, Progress("batch", epoch=1, epochs=2, batch=2, batches=4, logs={"loss": 1.0}))
    # An 8-batch run is drawn as it is: too few points to average away.
    assert run.batch_points["loss"] == [(0.25, 2.0), (0.5, 1.0)]
    assert batch_smoothing(8) == 0 and batch_smoothing(10_000) == pytest.approx(0.9)
    state.progress(run, Progress("epoch", epoch=1, epochs=2, batch=4, batches=4, logs={"loss": 1, "val_loss": 1.5}))
    state.finish(run, _summary())
    assert heard == [run] and run.status == "finished" and state.chosen.value == run.run_id
    (saved,) = load_runs(tmp_path)
    assert saved.status == "finished" and saved.settings["optimizer"] == "sgd" and saved.epochs[0]["val_loss"] == 1.5
    again = RunState(folder=tmp_path)  # the next session
    assert again.runs[0].config == DigitTrainConfig(epochs=2, optimizer="sgd") and again.runs[0].label().startswith(
        "#1"
    )


def test_earlier_runs_are_of_one_kind_and_exclude_the_current_one(tmp_path):
    state = RunState([], folder=tmp_path)
    for kind, config in (("digits", DigitTrainConfig()), ("folder", default_config("folder", "scratch"))):
        run = state.begin(kind, config, "x" if kind == "folder" else None)
        state.progress(run, Progress("epoch", epoch=1, epochs=1, batch=1, batches=1, logs={"val_loss": 1.0}))
        state.finish(run, _summary())
    current = state.begin("digits", DigitTrainConfig())
    assert [r.kind for r in state.earlier("digits")] == ["digits"] and current not in state.earlier("digits")
    assert [r.kind for r in state.earlier("folder")] == ["folder"]
    state.cancelled(current)
    assert current.status == "cancelled" and current not in state.usable("digits")


def test_defaults_come_from_one_function_of_kind_and_backbone():
    assert default_config("digits") == DigitTrainConfig()
    face, scratch = default_config("folder", "face"), default_config("folder", "scratch")
    assert isinstance(face, RecognizerTrainConfig) and (face.epochs, face.learning_rate) == (150, 0.01)
    assert (scratch.epochs, scratch.learning_rate) == (40, 2e-3)
    auto = default_config("folder", "auto")  # left to the backbone auto resolves to, once known
    assert (auto.backbone, auto.epochs, auto.learning_rate) == ("auto", None, None)
    with pytest.raises(ValueError):
        default_config("folder", "resnet")


@pytest.mark.parametrize(
    "damaged",
    [
        "{ not json",
        "[1, 2]",
        '{"run_id": "d", "kind": "digits", "settings": {}, "created": 5}',  # sorting with a number raised
        '{"run_id": "d", "kind": "digits", "settings": "oops"}',  # the settings as text raised AttributeError
        '{"run_id": "d", "kind": "digits", "settings": {}, "epochs": "x"}',
        '{"run_id": "d", "kind": "digits", "settings": {}, "epochs": [{"loss": "high"}]}',
        '{"run_id": "d", "kind": "digits", "settings": {}, "final": []}',
    ],
)
def test_a_damaged_record_is_skipped_not_fatal(tmp_path, damaged):
    good = RunState(folder=tmp_path)
    run = good.begin("digits", DigitTrainConfig(epochs=1))
    (tmp_path / "bad.run.json").write_text(damaged)
    state = RunState(folder=tmp_path)  # as the Training tab does when the window opens
    assert [r.record.run_id for r in state.runs] == [run.record.run_id]
    assert [r.label() for r in state.runs] and state.runs[0].val_points("val_loss") == []
