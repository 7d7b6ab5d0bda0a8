"""The local process pool `ingest --jobs N` parses with.

`concurrent.futures.ProcessPoolExecutor` on the forkserver start method, not `multiprocessing.Pool`:
the latter's worker-handler thread also waits on the result pipe, so it spins while a result is
read (0.48 s of the writing process's CPU per 2,000 reports, taken from the cores the workers
need). Three things a long crawl needs that the executor does not give:

- The pool is started from a background thread: the first worker starts the fork server, which
  imports every reader (≈ 0.5 s) while the main process opens the database and hashes the files.
- A worker that dies (a reader library crashing on a hostile file, the kernel's OOM killer) breaks
  the executor and every chunk in flight with it; `dispatch` then has the pool started again and
  the suspects parsed one at a time, so only the file that killed it fails.
- A worker whose main process was killed (`kill -9`) exits instead of waiting forever on a queue
  nobody writes to any more.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..readers import READERS
from .dispatch import dispatch
from .work import ChunkResult, Task, parse_chunk_in_worker, worker_setup

READER_MODULES = tuple(f"nianbao.readers.{module}" for module, _ in READERS.values())

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


class LocalPool:
    """`jobs` worker processes, fed a few chunks each at a time; results come in the order they finish."""

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

    died: tuple[type[BaseException], ...] = (BrokenProcessPool,)

    def submit(self, chunk: list[Task]) -> Future[ChunkResult]:
        return self._executor.submit(self.work, chunk)

    def wait_any(self, handles: Collection[Future[ChunkResult]]) -> Collection[Future[ChunkResult]]:
        return wait(handles, return_when=FIRST_COMPLETED).done

    def result(self, handle: Future[ChunkResult]) -> ChunkResult:
        return handle.result()

    def recover(self) -> None:
        """A broken executor takes no work: a new one (new fork server, new workers)."""
        self._restart()

    def imap(self, chunks: Iterable[list[Task]]) -> Iterator[ChunkResult]:
        """Results in the order they finish (`dispatch`: a worker that dies costs only its file)."""
        self._started.join()
        if self._failed is not None:
            raise self._failed
        yield from dispatch(self, chunks, self.jobs)

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
