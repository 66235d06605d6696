"""The model-work thread: jobs in order, results and errors back on the GUI thread."""

from __future__ import annotations

import gc
import threading

import pytest

pytest.importorskip("pytestqt")
from gui import worker  # noqa: E402


def test_jobs_run_in_order_off_the_gui_thread_and_report_on_it(qtbot):
    ran, reported = [], []

    def job(i):
        ran.append((i, threading.current_thread().name))
        return i * i

    for i in range(6):
        run = worker.run_in_worker
        run(lambda i=i: job(i), lambda r: reported.append((r, threading.current_thread())), lambda m, tb: None)
    qtbot.waitUntil(lambda: len(reported) == 6, timeout=10000)
    assert [r for r, _ in reported] == [0, 1, 4, 9, 16, 25]
    assert all(name == "model-work" for _, name in ran)
    assert all(thread is threading.main_thread() for _, thread in reported)
    assert not worker._relay.callbacks  # nothing kept once reported


def test_a_failing_job_reports_its_error_and_the_next_job_still_runs(qtbot):
    errors, results = [], []
    worker.run_in_worker(lambda: 1 / 0, results.append, lambda m, tb: errors.append(tb))
    worker.run_in_worker(lambda: "after", results.append, lambda m, tb: errors.append(tb))
    qtbot.waitUntil(lambda: results == ["after"], timeout=10000)
    assert len(errors) == 1 and "ZeroDivisionError" in errors[0]


def test_a_failing_job_leaves_its_traceback_in_the_digitface_log(qtbot, caplog):
    def load_a_broken_model():
        raise ValueError("broken.keras is not a readable Keras model")

    errors = []
    with caplog.at_level("ERROR", logger="digitface"):
        worker.run_in_worker(load_a_broken_model, lambda r: None, lambda m, tb: errors.append(m))
        qtbot.waitUntil(lambda: bool(errors), timeout=10000)
    assert errors == ["broken.keras is not a readable Keras model"]  # the window's one clear line
    (record,) = [r for r in caplog.records if r.name == "digitface"]
    assert record.exc_info and "load_a_broken_model" in caplog.text  # the traceback, for a bug report


def test_garbage_cycles_are_only_collected_on_the_gui_thread(qtbot):
    """A closed window's widgets in a reference cycle must never be deleted by the worker.

    Injected here as a cycle whose finaliser records the thread that ran it: the worker then
    allocates enough to trigger Python's automatic collection several times over.
    """
    import gc

    worker.run_in_worker(lambda: None, lambda r: None, lambda m, tb: None)  # the worker exists
    collected_on = []

    class Widgetish:
        def __del__(self):
            collected_on.append(threading.current_thread().name)

    cycle = Widgetish()
    cycle.me = cycle
    del cycle
    done = []
    worker.run_in_worker(lambda: [[i] for i in range(200_000)] and None, done.append, lambda m, tb: None)
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    assert "model-work" not in collected_on
    assert not gc.isenabled()
    gc.collect()  # what the GUI thread's timer does within seconds (sooner or later by generation)
    assert collected_on == [threading.main_thread().name]


def test_a_library_calling_gc_collect_on_the_worker_collects_nothing_there(qtbot):
    """TensorFlow's TFLite converter calls gc.collect() itself; on the worker it deleted a closed window's widgets."""
    collected_on = []

    class Widgetish:
        def __del__(self):
            collected_on.append(threading.current_thread().name)

    done = []
    worker.run_in_worker(lambda: None, done.append, lambda m, tb: None)  # the worker exists
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    cycle = Widgetish()
    cycle.me = cycle
    del cycle
    worker.run_in_worker(lambda: gc.collect(), done.append, lambda m, tb: None)
    qtbot.waitUntil(lambda: len(done) == 2, timeout=10000)
    assert collected_on == []  # not in the worker
    gc.collect()  # the GUI thread's timer
    assert collected_on == [threading.main_thread().name]
