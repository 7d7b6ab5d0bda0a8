"""The local process pool `ingest --jobs N` parses with.

`concurrent.futures.ProcessPoolExecutor` on the forkserver start method, not `multiprocessing.Pool`:
the latter's worker-handler thread also waits on the result pipe, so it spins while a result is
read (0.48 s of the writing process's CPU per 2,000 reports, taken from the cores the workers
need). Three things a long crawl needs that the executor does not give:

- The pool is started from a background thread: the first worker starts the fork server, which
  imports every reader (≈ 0.5 s) while the main process opens the database and hashes the files.
- A worker that dies (a reader library crashing on a hostile file, the kernel's OOM killer) breaks
  the executor and every chunk in flight with it. The pool is started again, the files of those
  chunks are parsed one at a time, and the one that kills its worker again is returned as a
  failure of that file; the run goes on.
- A worker whose main process was killed (`kill -9`) exits instead of waiting forever on a queue
  nobody writes to any more.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..readers import READERS
from .work import ChunkResult, Task, parse_chunk_in_worker, worker_setup

READER_MODULES = tuple(f"nianbao.readers.{module}" for module, _ in READERS.values())

WORKER_DIED = "解析进程意外退出（读取所用的库崩溃或内存不足），已跳过此文件"

Work = Callable[[list[Task]], ChunkResult]


def _main_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    try:  # killed but not yet reaped by its own parent
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return False


def _exit_with_main(main: int) -> None:
    # Not the parent: under the forkserver that is the fork server, which itself stays up as long as
    # a worker holds its "alive" pipe, i.e. as long as this worker lives.
    while not _main_gone(main):
        time.sleep(1.0)
    os._exit(1)


def local_worker_setup(main: int) -> None:
    """A local pool worker: the main process alone decides what to keep after Ctrl-C (which reaches
    the whole process group) and stops the workers, and a worker outlives no main process."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_main, args=(main,), name="nianbao-main-watch", daemon=True).start()
    worker_setup()


def _failed(task: Task) -> ChunkResult:
    return ChunkResult(errors=[(task.path, task.sha256, WORKER_DIED)])


class LocalPool:
    """`jobs` worker processes, fed a few chunks each at a time; results come in the order they finish."""

    IN_FLIGHT = 4  # chunks queued per worker: none idles between chunks; memory stays flat in corpus size

    def __init__(self, jobs: int, work: Work = parse_chunk_in_worker) -> None:
        self.jobs = jobs
        self.work = work
        self.restarts = 0
        self._failed: BaseException | None = None
        self._executor = self._new_executor()
        self._started = threading.Thread(target=self._start, name="nianbao-pool-start", daemon=True)
        self._started.start()

    def _new_executor(self) -> ProcessPoolExecutor:
        # forkserver: workers start from a clean process (no DuckDB threads or open database inherited).
        ctx = mp.get_context("forkserver")
        # Imported once in the fork server, so every worker starts with the readers loaded.
        ctx.set_forkserver_preload(["nianbao.corpus.work", "nianbao.api", *READER_MODULES])
        return ProcessPoolExecutor(self.jobs, mp_context=ctx, initializer=local_worker_setup,
                                   initargs=(os.getpid(),))

    def _start(self) -> None:
        try:
            for _ in range(self.jobs):  # one submit per worker: the executor starts a process for each
                self._executor.submit(worker_setup)
        except BaseException as exc:  # re-raised where the results are awaited
            self._failed = exc

    def imap(self, chunks: list[list[Task]]) -> Iterator[ChunkResult]:
        self._started.join()
        if self._failed is not None:
            raise self._failed
        todo = iter(chunks)
        pending: dict[Future[ChunkResult], list[Task]] = {}
        while True:
            while len(pending) < self.jobs * self.IN_FLIGHT and (chunk := next(todo, None)) is not None:
                pending[self._executor.submit(self.work, chunk)] = chunk
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            suspects: list[Task] = []
            for future in done:
                chunk = pending.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    suspects += chunk
                    continue
                yield result
            if suspects:
                # Every chunk still queued failed with the pool: which file killed it is not known yet.
                for chunk in pending.values():
                    suspects += chunk
                pending.clear()
                yield from self._isolate(deque(suspects))

    def _isolate(self, suspects: deque[Task]) -> Iterator[ChunkResult]:
        """Parse the suspects alone, one at a time, in a fresh pool: the one that kills it again is the cause."""
        self._restart()
        while suspects:
            task = suspects.popleft()
            try:
                yield self._executor.submit(self.work, [task]).result()
            except BrokenProcessPool:
                yield _failed(task)
                self._restart()

    def _restart(self) -> None:
        self.restarts += 1
        self._stop()
        self._executor = self._new_executor()

    def _stop(self) -> None:
        # The executor has no public way to stop a busy worker (a scan can take minutes), so its
        # workers are terminated here. One may die halfway through sending a result; the executor's
        # thread would then wait forever for the rest of it (and the interpreter, at exit, for that
        # thread). Once the workers are gone this process holds the last write end of the result
        # pipe: closing it turns that wait into end-of-file, which the thread handles.
        executor = self._executor
        processes = list((getattr(executor, "_processes", None) or {}).values())
        results = getattr(executor, "_result_queue", None)
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        for process in processes:
            process.join()
        writer = getattr(results, "_writer", None)
        if writer is not None:
            writer.close()

    def close(self) -> None:
        """Stop the workers now: after the last chunk they are idle; after Ctrl-C their chunks are dropped."""
        self._started.join()
        self._stop()
