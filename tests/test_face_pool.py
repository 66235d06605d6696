"""The warm pool of face finders: started ahead, reused between runs, never leaked."""

from __future__ import annotations

import threading

import pytest

from models.face_processes import FaceProcessError, FaceProcessPool


class FakeProcesses:
    """Stands in for FaceProcesses: starting waits for a signal, as loading dlib's models takes seconds."""

    made: list[FakeProcesses] = []

    def __init__(self, fail: bool = False, go: threading.Event | None = None) -> None:
        self.fail, self.go = fail, go or threading.Event()
        self.in_flight = 0
        self.closed = False
        FakeProcesses.made.append(self)

    def wait_ready(self) -> None:
        self.go.wait(5)
        if self.fail:
            raise FaceProcessError("dlib's models are missing")

    def close(self) -> None:
        self.closed = True


@pytest.fixture(autouse=True)
def fresh():
    FakeProcesses.made = []


def test_warm_up_starts_once_and_acquire_waits_for_it():
    go = threading.Event()
    pool = FaceProcessPool(lambda: FakeProcesses(go=go))
    pool.warm_up()
    pool.warm_up()
    assert pool.state == "starting"
    threading.Timer(0.3, go.set).start()
    processes = pool.acquire()
    assert processes is FakeProcesses.made[0] and len(FakeProcesses.made) == 1 and pool.state == "in use"
    pool.release(processes)
    assert pool.state == "ready" and not processes.closed
    assert pool.acquire() is processes  # the next Start reuses the warm children
    pool.release(processes)
    pool.close()
    assert processes.closed and pool.state == "idle"


def test_acquire_gives_up_when_stopped():
    pool = FaceProcessPool(lambda: FakeProcesses())  # never ready
    assert pool.acquire(stop=lambda: True) is None
    FakeProcesses.made[0].go.set()
    pool.close()


def test_a_failed_start_is_reported_and_retried():
    pool = FaceProcessPool(lambda: FakeProcesses(fail=True, go=threading.Event()))
    FakeProcesses.made.clear()
    pool.warm_up()
    FakeProcesses.made[0].go.set()
    with pytest.raises(FaceProcessError, match="missing"):
        pool.acquire()
    assert FakeProcesses.made[0].closed and pool.state == "failed"
    pool.warm_up()  # a later Start tries again
    assert len(FakeProcesses.made) == 2
    FakeProcesses.made[1].go.set()


def test_unhealthy_or_busy_children_are_closed_on_release():
    go = threading.Event()
    go.set()
    pool = FaceProcessPool(lambda: FakeProcesses(go=go))
    processes = pool.acquire()
    processes.in_flight = 1  # a frame still inside: its faces would reach the next run
    pool.release(processes)
    assert processes.closed and pool.state == "idle"
    fresh = pool.acquire()
    assert fresh is not processes
    pool.close()  # closed while in use: the user's release ends them
    assert not fresh.closed
    pool.release(fresh)
    assert fresh.closed


def test_a_second_user_waits_for_the_first_to_let_go():
    go = threading.Event()
    go.set()
    pool = FaceProcessPool(lambda: FakeProcesses(go=go))
    first = pool.acquire()
    assert pool.acquire(stop=lambda: True) is None  # busy: a stopped caller gives up instead of spinning
    got = []
    waiter = threading.Thread(target=lambda: got.append(pool.acquire()))
    waiter.start()
    waiter.join(0.3)
    assert waiter.is_alive() and not got
    pool.release(first)
    waiter.join(5)
    assert got == [first]
    pool.release(first)
    pool.close()
