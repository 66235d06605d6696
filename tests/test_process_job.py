"""Jobs in a child process: progress streams back, cancel works, failures and crashes are reported."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

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
    (trace_kind, trace), final = collect(job)
    assert final == ("failed", "no images in class folder(s): bob")
    assert trace_kind == "traceback" and "in failing" in trace and "ValueError" in trace  # for the log
    job = ProcessJob(dying)
    job.start()
    ((kind, message),) = collect(job)
    assert kind == "failed" and "exit code 9" in message


PARENT = """
import sys, time
sys.path.insert(0, {repo!r})
from tests.test_process_job import counting
from training.process_job import ProcessJob

if __name__ == "__main__":
    job = ProcessJob(counting, 10**9)
    job.start()
    while not any(kind == "progress" for kind, _ in job.events(0.1)):
        pass
    print(job.process.pid, flush=True)
    time.sleep(600)
"""


def _alive(pid: int) -> bool:
    """Whether ``pid`` is a running process (a zombie waiting to be reaped counts as gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc")
def test_the_child_ends_when_its_parent_is_killed(tmp_path):
    script = tmp_path / "parent.py"
    repo = str(Path(__file__).resolve().parent.parent)
    script.write_text(PARENT.format(repo=repo))
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True, cwd=repo)
    child = 0
    try:
        child = int(parent.stdout.readline())
        assert _alive(child)
        parent.send_signal(signal.SIGKILL)  # no cleanup of any kind runs in the parent
        parent.wait(10)
        deadline = time.monotonic() + 5
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(child), "the training process outlived its parent"
    finally:
        parent.kill()
        if child and _alive(child):  # the test failed: leave nothing running
            os.kill(child, signal.SIGKILL)
