"""Ingest beyond one machine: Dask distributed or Ray workers parse chunks and write Parquet parts.

Each chunk of files goes to a worker as one task (`work.parse_chunk_to_parquet`): the worker
parses, builds the same rows as the local engine and writes one Parquet part per table under the
parts folder; only the small summary travels back. The database (on the machine running
`ingest`) loads each chunk's parts in one transaction and deletes them, so the resume and
idempotence rules are the local engine's. On a real cluster the parts folder must be shared
(`--parts /shared/dir`, e.g. NFS) and the files' paths must be the same on every machine.

Without `--address`, a local cluster with `jobs` single-threaded worker processes is started for
the run and stopped after it (what the tests and the benchmark use). Worker processes live for
the whole run, so readers' module-level state (an OCR model) is loaded once per worker. Chunks are
handed out by `dispatch`, as on the local pool: a few per worker at a time, and a worker that dies
costs only the file that killed it. docs/corpus.md compares the two engines (measured with bench/bench_ingest.py) and says which is
the default recommendation and why.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..writers.output import make_folder
from .dispatch import dispatch
from .work import ChunkResult, Task, parse_chunk_to_parquet

if TYPE_CHECKING:
    from .ingest import IngestOptions


def chunks(tasks: list[Task], size: int, workers: int) -> list[list[Task]]:
    """Chunks small enough that every worker gets several (load balance), at most `size` files each."""
    if not tasks:
        return []
    per = max(1, min(size, -(-len(tasks) // (workers * 4))))
    return [tasks[i:i + per] for i in range(0, len(tasks), per)]


def run_distributed(tasks: list[Task], options: IngestOptions, jobs: int, db: Path) -> Iterator[ChunkResult]:
    parts = Path(options.parts_dir) if options.parts_dir else db.parent / f".{db.name}.parts"
    make_folder(parts)
    work = chunks(tasks, options.batch_size, jobs)
    try:
        if options.engine == "dask":
            yield from _dask(work, str(parts.resolve()), options.address, jobs)
        elif options.engine == "ray":
            yield from _ray(work, str(parts.resolve()), options.address, jobs)
        else:
            raise ValueError(f"未知的分布式引擎“{options.engine}”")
    finally:
        if options.parts_dir is None:
            shutil.rmtree(parts, ignore_errors=True)


Work = Callable[[list[Task], str, int], ChunkResult]


class _Submitter:
    """Numbers the chunks: each one's Parquet parts get their own file name."""

    def __init__(self, parts: str, fn: Work) -> None:
        self.parts, self.fn = parts, fn
        self.numbers = itertools.count()

    def recover(self) -> None:  # the cluster replaces a dead worker itself
        pass


class _Dask(_Submitter):
    def __init__(self, client: Any, parts: str, fn: Work) -> None:
        from distributed.scheduler import KilledWorker

        super().__init__(parts, fn)
        self.client = client
        # the scheduler's retries (allowed-failures) each took a worker down
        self.died: tuple[type[BaseException], ...] = (KilledWorker,)

    def submit(self, chunk: list[Task]) -> Any:
        return self.client.submit(self.fn, chunk, self.parts, next(self.numbers), pure=False)

    def wait_any(self, handles: Collection[Any]) -> Collection[Any]:
        from distributed import wait

        return wait(handles, return_when="FIRST_COMPLETED").done

    def result(self, handle: Any) -> ChunkResult:
        return handle.result()


class _Ray(_Submitter):
    def __init__(self, parts: str, fn: Work) -> None:
        import ray
        from ray.exceptions import WorkerCrashedError

        super().__init__(parts, fn)
        self.ray = ray
        self.remote = ray.remote(num_cpus=1, max_retries=0)(fn)
        self.died: tuple[type[BaseException], ...] = (
            WorkerCrashedError, *filter(None, [getattr(ray.exceptions, "OutOfMemoryError", None)]))

    def submit(self, chunk: list[Task]) -> Any:
        return self.remote.remote(chunk, self.parts, next(self.numbers))

    def wait_any(self, handles: Collection[Any]) -> Collection[Any]:
        return self.ray.wait(list(handles), num_returns=1)[0]

    def result(self, handle: Any) -> ChunkResult:
        return self.ray.get(handle)


def _dask(work: list[list[Task]], parts: str, address: str | None, jobs: int,
          fn: Work = parse_chunk_to_parquet) -> Iterator[ChunkResult]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ValueError("使用 --engine dask 需要安装 dask[distributed]：pip install 'dask[distributed]'") from None
    cluster = None
    if address:
        client = Client(address)
    else:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=40)
        client = Client(cluster)
    try:
        workers = len(client.scheduler_info().get("workers", {})) or jobs
        yield from dispatch(_Dask(client, parts, fn), work, workers)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _ray(work: list[list[Task]], parts: str, address: str | None, jobs: int,
         fn: Work = parse_chunk_to_parquet) -> Iterator[ChunkResult]:
    try:
        import ray
    except ImportError:
        raise ValueError("使用 --engine ray 需要安装 ray：pip install ray") from None
    started = False
    if not ray.is_initialized():
        kwargs: dict[str, object] = {"include_dashboard": False, "log_to_driver": False,
                                     "configure_logging": False}
        if address:
            kwargs["address"] = address
        else:
            # local workers import nianbao from wherever this process does
            kwargs["num_cpus"] = jobs
            kwargs["runtime_env"] = {"env_vars": {"PYTHONPATH": os.environ.get("PYTHONPATH", "")}}
        ray.init(**kwargs)
        started = True
    try:
        workers = int(ray.cluster_resources().get("CPU", jobs)) or jobs
        yield from dispatch(_Ray(parts, fn), work, workers)
    finally:
        if started:
            ray.shutdown()
