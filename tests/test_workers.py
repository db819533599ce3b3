"""Forked workers: answers in order, failures raised in the parent, a dead worker survived."""

from __future__ import annotations

import os
import signal
import threading
from types import SimpleNamespace

import pytest

from followlint import workers
from followlint.parallel import _in_processes

PARENT = os.getpid()


def squares(start: int, stop: int) -> list[int]:
    return [i * i for i in range(start, stop)]


def test_workers_answer_every_chunk_in_the_order_sent() -> None:
    forked: list[workers.Worker] = []
    workers.start(2, squares, forked)
    try:
        for n, worker in enumerate(forked):
            for start in range(0, 40, 10):
                worker.send(start + n, start + n + 3)
        answers = [[worker.receive() for _ in range(4)] for worker in forked]
    finally:
        for worker in forked:
            worker.stop(kill=False)
    assert answers == [[squares(s + n, s + n + 3) for s in range(0, 40, 10)] for n in (0, 1)]
    assert all(not worker.sent for worker in forked)


def test_an_exception_in_the_work_is_raised_in_the_parent() -> None:
    def fails(start: int, stop: int) -> list[int]:
        if start == 3:
            raise ValueError(f"no chunk {start}-{stop} here")
        return squares(start, stop)

    started: list[workers.Worker] = []
    workers.start(1, fails, started)
    [worker] = started
    try:
        worker.send(0, 3)
        worker.send(3, 6)
        worker.send(6, 9)
        assert worker.receive() == [0, 1, 4]
        with pytest.raises(ValueError, match="no chunk 3-6 here"):
            worker.receive()
        assert worker.receive() == [36, 49, 64]  # the worker goes on
    finally:
        worker.stop(kill=False)


def test_an_exception_that_cannot_be_pickled_arrives_as_its_text() -> None:
    class Local(Exception):  # a local class: pickle cannot find it by name
        pass

    def fails(start: int, stop: int) -> None:
        raise Local("only here")

    started: list[workers.Worker] = []
    workers.start(1, fails, started)
    [worker] = started
    try:
        worker.send(0, 1)
        with pytest.raises(RuntimeError, match="Local: only here"):
            worker.receive()
    finally:
        worker.stop(kill=False)


def test_a_worker_that_dies_raises_worker_died_for_each_chunk_it_had() -> None:
    def dies(start: int, stop: int) -> list[int]:
        if start == 2:
            os._exit(3)  # as if killed: no answer, no exception
        return squares(start, stop)

    started: list[workers.Worker] = []
    workers.start(1, dies, started)
    [worker] = started
    try:
        for start in range(4):
            worker.send(start, start + 1)
        assert worker.receive() == [0]
        assert worker.receive() == [1]
        assert os.waitpid(worker.pid, 0)[1] != 0  # it has ended
        for _ in range(2):
            assert worker.ready()  # an ended worker never keeps the parent waiting
            with pytest.raises(workers.WorkerDied):
                worker.receive()
        assert not worker.alive
        worker.send(9, 10)  # sending to it no longer writes
        with pytest.raises(workers.WorkerDied):
            worker.receive()
    finally:
        worker.stop(kill=False)


def test_stopping_leaves_no_process_behind() -> None:
    def slow(start: int, stop: int) -> None:
        threading.Event().wait(60)

    forked: list[workers.Worker] = []
    workers.start(2, slow, forked)
    for worker in forked:
        worker.send(0, 1)
    for worker in forked:
        worker.stop(kill=True)
    for worker in forked:
        with pytest.raises(ChildProcessError):
            os.waitpid(worker.pid, os.WNOHANG)  # reaped: no zombie


class _Job:
    """A stand-in job (error handling only): the worker process kills itself on one item."""

    run = SimpleNamespace(proofreader=None)

    def __call__(self, item: str, prelinted: object = None) -> tuple[str, bytes, None]:
        if item == "d30" and os.getpid() != PARENT:
            os.kill(os.getpid(), signal.SIGKILL)
        return f"done {item} in {'parent' if os.getpid() == PARENT else 'worker'}", b"", None


def test_the_parent_lints_what_a_dead_worker_left() -> None:
    items = [f"d{i}" for i in range(200)]
    done = [item for item, _, _ in _in_processes(_Job(), items, jobs=2)]  # type: ignore[arg-type]
    assert [d.split()[1] for d in done] == items  # all of them, in input order
    # Up to d30 both processes shared the files; from the dead worker's chunks on, the parent.
    assert {d.split()[-1] for d in done[:30]} == {"parent", "worker"}
    assert {d.split()[-1] for d in done[40:]} == {"parent"}
