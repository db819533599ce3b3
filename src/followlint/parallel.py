"""Read and lint many files at once: serially, in threads, or in worker processes.

Which one a run gets depends on where its time goes:

- the rules are Python and Harper is not thread-safe, so they scale across *processes*;
  workers are forked after the rule pack is compiled and the Harper linter is built and
  primed, so each inherits them (copy-on-write) instead of loading its own. Building and
  priming take 1.5-2 s of native code that leaves the interpreter free: a thread runs the
  rules over the first files meanwhile ("prelinting"), and the workers only proofread those;
- LanguageTool does its work in the server's JVM, so *threads* keep the server's threads fed
  while one process talks to it (a process per core would only compete with the JVM): two
  requests per job, so one waits in the server's queue while this process runs the rules;
- a handful of files are linted serially: starting workers (or building a second Harper
  linter) costs more than it saves.

Outcomes come back in input order and at most a few files per worker are in flight, so
memory stays bounded however many files a run is given.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from followlint.model import FileError
from followlint.readers import InputError
from followlint.runner import Outcome, Prelinted, Run, read_bytes

if TYPE_CHECKING:
    from concurrent.futures import Future

    from followlint.workers import Worker

#: Below this many files a run stays in one process (forking workers costs ~10 ms each).
PROCESS_THRESHOLD = 24
#: Files handed to a worker process at a time, at most: large enough to amortise the pipe.
_CHUNK = 8
#: Chunks queued per worker: its next chunk is in the pipe when it finishes one.
_QUEUED = 4
#: Chunks shrink towards the end, so the processes finish together: a chunk holds at most
#: 1/_TAIL of the files still to hand out per process.
_TAIL = 8
#: Chunks held between linting and reporting: this many, or twice the chunks queued when
#: that is more (bounds memory, not speed).
_WINDOW = 32
#: LanguageTool requests in flight per job: one being checked by a server thread, one
#: waiting in the server's queue, so the server never idles while a thread runs the rules.
REQUESTS_PER_JOB = 2

Item = str | FileError
Done = tuple[Item, bytes, Outcome | None]


@dataclass(frozen=True, slots=True)
class Job:
    """What every worker needs to lint one file: the run and how to treat the file."""

    run: Run
    fix: str | None
    stdin_name: str | None

    def _display(self, item: str) -> str:
        return (self.stdin_name or "-") if item == "-" else item

    def __call__(self, item: Item, prelinted: Prelinted | None = None) -> Done:
        """Read and lint one file; a problem with the file becomes an error in its outcome.

        `prelinted`: what `prelint` made of the file, so only proofreading is left.
        """
        if isinstance(item, FileError):
            return item, b"", None
        display = self._display(item)
        if prelinted is not None:
            data = prelinted.data
        else:
            try:
                data = read_bytes(item, stdin=sys.stdin.buffer.read)
            except InputError as exc:
                return item, b"", Outcome(errors=[FileError(display, str(exc))])
        return item, data, self.run.examine(item, data, display, self.fix, prelinted)

    def prelint(self, item: Item) -> Prelinted | None:
        """Read a file and run the rules over it ahead of its proofreading, when that can be."""
        if isinstance(item, FileError) or item == "-" or self.fix is not None:
            return None
        try:
            data = read_bytes(item)
        except InputError:
            return None  # reported when the file's turn comes
        return self.run.prelint(item, data, self._display(item))

    def recall(self, item: Item) -> Done | None:
        """The outcome of a file without linting it (an unusable path, or a cache hit), else None.

        Run in the parent before any worker starts, so an unchanged tree never pays for
        workers and hits do not travel through a pipe.
        """
        if isinstance(item, FileError):
            return item, b"", None
        if self.run.cache is None or self.fix is not None or item == "-":
            return None
        try:
            data = read_bytes(item)
        except InputError:
            return None  # the worker reports it
        outcome = self.run.recall(data, self._display(item), self.fix)
        return None if outcome is None else (item, b"", outcome)


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def plan_workers(jobs: int, files: int, engine: str | None, has_stdin: bool) -> str:
    """Choose "serial", "threads" or "processes" for a run (see the module docstring)."""
    if jobs <= 1 or files <= 1:
        return "serial"
    if engine == "languagetool":
        return "threads"
    if files < PROCESS_THRESHOLD or has_stdin or not _can_fork():
        # A second Harper linter costs ~0.6 s to build: more than a few files take to check.
        return "serial"
    return "processes"


def _can_fork() -> bool:
    return hasattr(os, "fork")


def examine_all(
    job: Job, items: Iterable[Item], jobs: int, engine: str | None, has_stdin: bool
) -> Iterator[Done]:
    """Lint `items` with up to `jobs` workers, yielding outcomes in input order.

    Cache hits and unusable paths are settled first, in this process; the workers (of the kind
    `plan_workers` picks for the files that remain) only see files that need linting.
    """
    settled: list[Done | None] = []
    todo: list[Item] = []
    for item in items:
        done = job.recall(item)
        settled.append(done)
        if done is None:
            todo.append(item)
    if todo:
        start_soon = getattr(job.run.proofreader, "start_soon", None)
        if start_soon is not None:  # build the engine while the first drafts are read
            start_soon()
    mode = plan_workers(jobs, len(todo), engine, has_stdin)
    if mode == "processes":
        linted = _in_processes(job, todo, jobs)
    elif mode == "threads":
        linted = _in_threads(job, todo, jobs * REQUESTS_PER_JOB)
    else:
        linted = map(job, todo)
    for done in settled:
        yield next(linted) if done is None else done


def _in_threads(job: Job, items: Iterable[Item], threads: int) -> Iterator[Done]:
    from concurrent.futures import ThreadPoolExecutor

    pending: deque[Future[Done]] = deque()
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="followlint") as pool:
        for item in items:
            pending.append(pool.submit(job, item))
            while len(pending) > threads * 4:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _run_chunk(
    job: Job, items: Sequence[Item], chunk: range, ahead: dict[int, Prelinted | None]
) -> list[Done]:
    done = [job(items[index], ahead.pop(index, None)) for index in chunk]
    # Only --fix needs the bytes back (to write safely); do not ship every file through the pipe.
    return [
        (item, data if outcome and outcome.result and outcome.result.new_text else b"", outcome)
        for item, data, outcome in done
    ]


def _chunks(count: int, size: int, jobs: int) -> Iterator[range]:
    """Chunks of at most `size` of `count` items, smaller and smaller as the last go out."""
    pos = 0
    while pos < count:
        step = max(1, min(size, (count - pos) // (jobs * _TAIL)))
        yield range(pos, pos + step)
        pos += step


def _in_processes(job: Job, items: list[Item], jobs: int) -> Iterator[Done]:
    """Lint in `jobs` processes: this one and `jobs - 1` forked workers, chunk by chunk.

    The workers always have a few chunks queued; whenever the oldest chunk's result is not
    back yet, this process lints the next chunk itself instead of waiting. No core waits,
    one process fewer is forked and held in memory, and results still come in input order.
    """
    import gc

    from followlint import workers as forked

    ahead: dict[int, Prelinted | None] = {}
    prepare = getattr(job.run.proofreader, "prepare_for_fork", None)
    if prepare is not None:
        # In this thread: nothing may be half-built when the workers fork. Harper's build
        # and first check leave the interpreter free for a second or two: the rules use it.
        with _prelinting(job, items, ahead):
            prepare(drafts_each=len(items) // jobs)
    chunks = _chunks(len(items), _CHUNK, jobs)
    pending: deque[list[Done] | tuple[Worker, range]] = deque()
    # Objects that exist now are only read from here on: keep the collector from touching
    # (and so copying) their pages in every worker.
    gc.freeze()
    # The window holds the queued chunks and the ones this process lints: with many workers
    # a fixed window would be full of queued chunks, and this process would only wait.
    window = max(_WINDOW, 2 * (jobs - 1) * _QUEUED)
    workers: list[Worker] = []
    finished = False
    try:
        forked.start(
            jobs - 1, lambda start, stop: _run_chunk(job, items, range(start, stop), ahead), workers
        )
        exhausted = False
        while True:
            while not exhausted:
                live = [w for w in workers if w.alive]
                worker = min(live, key=lambda w: w.sent, default=None)
                if worker is None or worker.sent >= _QUEUED:
                    break
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                else:
                    worker.send(chunk.start, chunk.stop)
                    pending.append((worker, chunk))
            if pending:
                head = pending[0]
                if isinstance(head, list) or exhausted or len(pending) > window or head[0].ready():
                    pending.popleft()
                    yield from (
                        head if isinstance(head, list) else _collect(job, items, ahead, *head)
                    )
                    continue
            chunk = None if exhausted else next(chunks, None)
            if chunk is not None:
                pending.append(_run_chunk(job, items, chunk, ahead))  # lint it here
            elif pending:
                exhausted = True  # only results to collect now
            else:
                break
        finished = True
    finally:
        for worker in workers:
            worker.stop(kill=not finished)
        gc.unfreeze()


def _collect(
    job: Job, items: list[Item], ahead: dict[int, Prelinted | None], worker: Worker, chunk: range
) -> list[Done]:
    """A worker's results for `chunk`; this process lints it if the worker has died."""
    from followlint.workers import WorkerDied

    try:
        done = cast("list[Done]", worker.receive())
    except WorkerDied:
        return _run_chunk(job, items, chunk, ahead)
    for index in chunk:
        ahead.pop(index, None)  # linted there: this process's copy is not needed
    return done


@contextmanager
def _prelinting(
    job: Job, items: Sequence[Item], ahead: dict[int, Prelinted | None]
) -> Iterator[None]:
    """Prelint `items` in order, into `ahead` (by index), in a thread, while the block runs.

    The thread stops between two files when the block ends, and is joined: a fork must not
    copy a thread midway.
    """
    import threading

    done = threading.Event()

    def prelint_in_order() -> None:
        for index, item in enumerate(items):
            if done.is_set():
                return
            ahead[index] = job.prelint(item)

    thread = threading.Thread(target=prelint_in_order, name="followlint-prelint", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


__all__: list[str] = ["Job", "default_jobs", "examine_all", "plan_workers"]
