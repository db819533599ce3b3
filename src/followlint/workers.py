"""Worker processes forked from this one, fed chunks of work through pipes.

A worker is one `fork` and two pipes. It inherits everything the parent built (the rule
pack, the files to lint), so a task is only the bounds of a chunk (8 bytes) and only the
results travel back, pickled. `multiprocessing.Pool` did the same with more: importing it and
starting its three threads cost a run ~30 ms before the first file, and those threads took
the GIL from the parent while it linted its own share.

A worker that dies (killed, out of memory) is not waited for: `receive` raises `WorkerDied`
and the caller does that chunk itself. An exception in the work is raised in the parent.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import struct
from collections.abc import Callable, Iterable

#: A task: the start and stop of a chunk.
_TASK = struct.Struct("<QQ")
#: A result's size in bytes, before the result.
_SIZE = struct.Struct("<Q")


class WorkerDied(Exception):
    """The worker ended before answering; its chunks are still to be done."""


class Worker:
    """One forked process that answers `work(start, stop)` for each chunk sent, in order."""

    def __init__(
        self, work: Callable[[int, int], object], close_in_child: Iterable[int], mask: set[int]
    ) -> None:
        task_read, task_write = os.pipe()
        result_read, result_write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(task_write)
            os.close(result_read)
            for fd in close_in_child:  # other workers' pipes: their end of file is the parent's
                os.close(fd)
            _serve(work, task_read, result_write, mask)  # never returns
        os.close(task_read)
        os.close(result_write)
        self.pid = pid
        self.tasks, self.results = task_write, result_read
        #: Chunks sent and not answered yet (answers come back in the order sent).
        self.sent = 0
        self.alive = True

    def fds(self) -> tuple[int, int]:
        """The parent's ends of this worker's pipes."""
        return self.tasks, self.results

    def send(self, start: int, stop: int) -> None:
        """Queue a chunk (never blocks: a pipe holds thousands of tasks)."""
        self.sent += 1
        if self.alive:
            try:
                os.write(self.tasks, _TASK.pack(start, stop))
            except BrokenPipeError:
                self.alive = False

    def ready(self) -> bool:
        """Whether the oldest chunk's answer has begun to arrive (or the worker has ended)."""
        if not self.alive:
            return True
        readable, _, _ = select.select([self.results], [], [], 0)
        return bool(readable)

    def receive(self) -> object:
        """The answer to the oldest chunk sent; waits for it."""
        self.sent -= 1
        if not self.alive:
            raise WorkerDied
        header = _read(self.results, _SIZE.size)
        size = _SIZE.unpack(header)[0] if len(header) == _SIZE.size else 0
        payload = _read(self.results, size)
        if not size or len(payload) < size:  # ended before or while answering
            self.alive = False
            raise WorkerDied
        ok, value = pickle.loads(payload)
        if not ok:
            raise value
        return value

    def stop(self, kill: bool) -> None:
        """Close the pipes (the worker then leaves) and wait for it; `kill` it first if asked."""
        for fd in self.fds():
            with contextlib.suppress(OSError):
                os.close(fd)
        if kill:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def _serve(work: Callable[[int, int], object], tasks: int, results: int, mask: set[int]) -> None:
    """The worker's loop: answer every task until the parent closes the task pipe."""
    code = 0
    try:
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            # Ctrl-C reaches the whole process group: the parent cleans up, the worker ends.
            signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # held back while forking
        while len(task := _read(tasks, _TASK.size)) == _TASK.size:
            start, stop = _TASK.unpack(task)
            try:
                answer = pickle.dumps((True, work(start, stop)), pickle.HIGHEST_PROTOCOL)
            except Exception as exc:  # the parent raises it, as it would have in one process
                answer = _failure(exc)
            _write(results, _SIZE.pack(len(answer)) + answer)
    except BaseException:
        code = 1
    finally:
        os._exit(code)  # no exit handlers, no flushing of the parent's buffers


def _failure(exc: Exception) -> bytes:
    try:
        return pickle.dumps((False, exc), pickle.HIGHEST_PROTOCOL)
    except Exception:  # an exception that cannot be pickled: its type and text
        failure = RuntimeError(f"{type(exc).__name__}: {exc}")
        return pickle.dumps((False, failure), pickle.HIGHEST_PROTOCOL)


def _read(fd: int, size: int) -> bytes:
    """`size` bytes, or fewer at end of file."""
    parts: list[bytes] = []
    while size > 0:
        part = os.read(fd, min(size, 1 << 20))
        if not part:
            break
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def _write(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def start(count: int, work: Callable[[int, int], object], into: list[Worker]) -> None:
    """Fork `count` workers that answer `work(start, stop)`, adding each to `into`.

    Ctrl-C is held back until all are forked and in `into`: an interrupt then finds every
    worker where the caller stops them, none forked but not yet recorded.
    """
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        for _ in range(count):
            into.append(Worker(work, [fd for other in into for fd in other.fds()], mask))
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
