"""Jobs in a child process: progress streams back, cancel works, failures and crashes are reported."""

from __future__ import annotations

import os
import time

from training.process_job import ProcessJob
from training.progress import Progress


def counting(n: int, on_progress, cancel) -> int:
    for i in range(n):
        cancel.raise_if_cancelled()
        on_progress(Progress("batch", batch=i + 1, batches=n))
        time.sleep(0.01)
    return os.getpid()


def failing(on_progress, cancel) -> None:
    raise ValueError("no images in class folder(s): bob")


def dying(on_progress, cancel) -> None:
    os._exit(9)


def collect(job: ProcessJob, limit_s: float = 60) -> list:
    events, deadline = [], time.monotonic() + limit_s
    while not job.finished and time.monotonic() < deadline:
        events.extend(job.events(0.1))
    return events


def test_progress_then_result_from_another_process():
    job = ProcessJob(counting, 5)
    job.start()
    events = collect(job)
    assert [p.batch for kind, p in events if kind == "progress"] == [1, 2, 3, 4, 5]
    kind, pid = events[-1]
    assert kind == "done" and pid != os.getpid()


def test_cancel_stops_the_child():
    job = ProcessJob(counting, 100000)
    job.start()
    while not any(kind == "progress" for kind, _ in job.events(0.1)):
        pass
    job.cancel()
    assert collect(job)[-1] == ("cancelled", None)


def test_errors_and_crashes_are_reported():
    job = ProcessJob(failing)
    job.start()
    assert collect(job) == [("failed", "no images in class folder(s): bob")]
    job = ProcessJob(dying)
    job.start()
    ((kind, message),) = collect(job)
    assert kind == "failed" and "exit code 9" in message
