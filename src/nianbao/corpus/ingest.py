"""`ingest`: files → parsed reports → the corpus database, resumable and idempotent.

- A file is keyed by the sha256 of its content. A file already in the database with the current
  parser version is skipped (unless `reparse`); the same content under two paths is read once.
- Workers (in-process, a local process pool, or Dask/Ray workers) parse and build rows; only this
  process writes the database, one transaction per batch of reports. A run killed at any moment
  leaves every committed batch and no part of an uncommitted one (DuckDB's write-ahead log is
  replayed at the next open); the next run re-parses only what was not committed.
- A file that fails goes to `errors` (with the reason) and never stops the run; a file that
  failed before is tried again (the cause may have been fixed, e.g. LibreOffice installed).
- At the end, the cross-year rules run for every body that got a new report (`crossyear`).
"""

from __future__ import annotations

import itertools
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import duckdb
import pyarrow as pa

from .connection import connect, parser_version
from .hashes import UNDER, under
from .plan import plan
from .pool import LocalPool
from .schema import REPORT_TABLES, arrow_table, transaction
from .work import ChunkResult, Task, parse_chunk, worker_setup

ENGINES = ("local", "dask", "ray")


@dataclass
class IngestOptions:
    jobs: int | None = None  # None: every core
    reparse: bool = False
    provenance: bool = True
    manifest: Path | None = None
    exclude: tuple[str, ...] = ()
    engine: str = "local"
    address: str | None = None  # Dask scheduler / Ray cluster address; None: a local cluster
    parts_dir: Path | None = None  # where distributed workers write Parquet parts (shared with this machine)
    batch_size: int = 200  # reports per transaction (local engine); distributed: per chunk
    crossyear: bool = True
    prune: bool = False  # remove the reports whose file is no longer under the roots walked


@dataclass
class IngestSummary:
    read: int = 0
    skipped: int = 0  # already in the database with this parser version
    duplicates: int = 0  # same content as another file of this run
    failed: int = 0
    walk_problems: int = 0
    ignored: int = 0
    removed: int = 0  # --prune: reports whose file is gone
    hashed: int = 0  # files read to find their sha256 (the others were unchanged since the last run)
    severities: Counter[str] = field(default_factory=Counter)
    crossyear_findings: int = 0
    crossyear_pairs: int = 0
    seconds: float = 0.0
    crossyear_seconds: float = 0.0
    peak_rss_worker_kb: int = 0  # the largest peak RSS of one worker process (--jobs 1: this process)
    workers: dict[int, float] = field(default_factory=dict)  # worker pid → CPU seconds used

    def note_chunk(self, chunk: ChunkResult) -> None:
        self.read += len(chunk.ids)
        self.failed += len(chunk.errors)
        self.severities.update(chunk.severities)
        pid, cpu, rss = chunk.worker
        if not pid:  # a file whose worker died: no worker figures
            return
        self.workers[pid] = max(cpu, self.workers.get(pid, 0.0))
        self.peak_rss_worker_kb = max(self.peak_rss_worker_kb, rss)

    def line(self) -> str:
        """The one-line summary the CLI prints."""
        sev = " · ".join(f"{k} {self.severities.get(k, 0)}" for k in ("error", "warning", "info"))
        extra = []
        if self.duplicates:
            extra.append(f"内容重复 {self.duplicates} 个")
        if self.walk_problems:
            extra.append(f"目录问题 {self.walk_problems} 个")
        if self.removed:
            extra.append(f"移除文件已不在的报告 {self.removed} 份")
        tail = f"（{'，'.join(extra)}）" if extra else ""
        return (f"读取 {self.read} 份，跳过 {self.skipped} 份（已在库中），失败 {self.failed} 个{tail}；"
                f"发现 {sev}；跨年核查 {self.crossyear_pairs} 对 {self.crossyear_findings} 条；"
                f"用时 {self.seconds:.1f} 秒" + ("（失败原因见 errors 表）" if self.failed else ""))


class Progress(Protocol):
    def start(self, total: int) -> None:
        """`total` files found; each is then parsed (`advance`) or not (`skip`)."""

    def advance(self, ok: int, failed: int) -> None: ...

    def skip(self, files: int) -> None:
        """`files` found will not be parsed (in the corpus already, or the same content twice)."""

    def stop(self) -> None: ...


class _NoProgress:
    def start(self, total: int) -> None:
        pass

    def advance(self, ok: int, failed: int) -> None:
        pass

    def skip(self, files: int) -> None:
        pass

    def stop(self) -> None:
        pass


class CtrlC:
    """Ctrl-C during an ingest: a commit in progress completes first, and the run ends as interrupted.

    DuckDB turns an interrupt that lands inside a query into its own exception (a RuntimeError or
    an InterruptException, depending on where); the caller would see an internal error instead of
    an interrupted run, and the batch being committed would be rolled back.
    """

    def __init__(self) -> None:
        self.seen = False
        self._deferring = False
        self._previous: Any = None

    def __enter__(self) -> CtrlC:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: Any) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
        if exc is not None and self.seen and not isinstance(exc, KeyboardInterrupt):
            raise KeyboardInterrupt from None

    def _handle(self, signum: int, frame: Any) -> None:
        self.seen = True
        if not self._deferring:
            raise KeyboardInterrupt

    @contextmanager
    def deferred(self) -> Iterator[None]:
        """Ctrl-C inside waits for the end of the block."""
        outer, self._deferring = self._deferring, True
        try:
            yield
        finally:
            self._deferring = outer
        if self.seen and not outer:
            raise KeyboardInterrupt


class Writer:
    """Commits batches of rows: one transaction each, replacing earlier rows of the same reports."""

    def __init__(self, con: duckdb.DuckDBPyConnection, ctrl_c: CtrlC | None = None) -> None:
        self.con = con
        self.ctrl_c = ctrl_c or CtrlC()

    def _replace(self, ids: list[int], ok_paths: list[str], errors: list[tuple[str, str | None, str, str]],
                 load: Callable[[str], None]) -> None:
        con = self.con
        with self.ctrl_c.deferred(), transaction(con):
            if ids:
                # Only reports parsed again (--reparse, a new parser version) have rows to replace; the
                # DELETEs scan the long tables, so a first ingest must not pay for them batch after batch.
                again = [i for (i,) in con.execute(
                    "SELECT id FROM reports WHERE id IN (SELECT unnest(?::BIGINT[]))", [ids]).fetchall()]
                if again:
                    con.execute("CREATE OR REPLACE TEMP TABLE _ids AS SELECT unnest(?::BIGINT[]) AS id", [again])
                    for table in ("cells", "sections", "figures", "findings"):
                        con.execute(f"DELETE FROM {table} WHERE report_id IN (SELECT id FROM _ids)")
                    con.execute("DELETE FROM reports WHERE id IN (SELECT id FROM _ids)")
                for table in REPORT_TABLES:
                    load(table)
            gone = ok_paths + [e[0] for e in errors]
            if gone:
                con.execute("DELETE FROM errors WHERE path IN (SELECT unnest(?::VARCHAR[]))", [gone])
            if errors:
                version = parser_version()
                rows = [(p, sha, stage, reason, version) for p, sha, stage, reason in errors]
                err = arrow_table("errors", rows)  # noqa: F841 - read by name below
                con.execute("INSERT INTO errors SELECT * FROM err")

    def write_chunks(self, chunks: list[ChunkResult]) -> None:
        """One transaction for the chunks' reports (Arrow tables or Parquet parts) and failures."""
        ids = [i for c in chunks for i in c.ids]
        ok = [p for c in chunks for p in c.ok_paths]
        errors: list[tuple[str, str | None, str, str]] = [(p, sha, "read", r) for c in chunks
                                                          for p, sha, r in c.errors]

        def load(table: str) -> None:
            tables = [c.tables[table] for c in chunks if table in c.tables]
            if tables:
                rows_arrow = pa.concat_tables(tables)  # noqa: F841 - read by name below
                self.con.execute(f"INSERT INTO {table} SELECT * FROM rows_arrow")
            parts = [c.parts[table] for c in chunks if table in c.parts]
            if parts:
                self.con.execute(f"INSERT INTO {table} SELECT * FROM read_parquet(?)", [parts])

        self._replace(ids, ok, errors, load)
        for c in chunks:
            for part in c.parts.values():
                try:
                    os.unlink(part)
                except OSError:
                    pass

    def write_problems(self, roots: list[Path], problems: list[tuple[str, str | None, str, str]]) -> None:
        """This run's walk problems replace the last run's under the same roots (a loop since removed goes)."""
        con = self.con
        # One statement for every root: a crawl passed as thousands of file paths must not cost a
        # query each (≈ 0.45 ms apiece, on the critical path before any file is parsed).
        with self.ctrl_c.deferred(), transaction(con):
            con.execute(f"DELETE FROM errors WHERE stage = 'walk' AND {UNDER}", under(roots))
        self.write_failures(problems)

    def write_failures(self, problems: list[tuple[str, str | None, str, str]]) -> None:
        if problems:
            self._replace([], [], problems, lambda table: None)

    def prune(self, roots: list[Path], contents: set[str], walked: list[str]) -> int:
        """Remove what was read under `roots` and is no longer there: reports whose content was not found
        in this walk (with all their rows), failures of files that are gone, and their remembered hashes.
        The other reports of a body that lost one are checked across years again."""
        con = self.con
        with self.ctrl_c.deferred(), transaction(con):
            con.execute(f"CREATE OR REPLACE TEMP TABLE _gone AS SELECT id, body_id FROM reports WHERE {UNDER} "
                        "AND sha256 NOT IN (SELECT unnest(?::VARCHAR[])) "
                        "AND path NOT IN (SELECT unnest(?::VARCHAR[]))", [*under(roots), sorted(contents), walked])
            removed = con.execute("SELECT count(*) FROM _gone").fetchall()[0][0]
            if removed:
                for table in ("cells", "sections", "figures", "findings"):
                    con.execute(f"DELETE FROM {table} WHERE report_id IN (SELECT id FROM _gone)")
                con.execute("DELETE FROM findings WHERE previous_id IN (SELECT id FROM _gone)")
                con.execute("DELETE FROM reports WHERE id IN (SELECT id FROM _gone)")
                con.execute("UPDATE reports SET crossyear_done = FALSE "
                            "WHERE body_id IN (SELECT body_id FROM _gone)")
            con.execute(f"DELETE FROM errors WHERE stage = 'read' AND {UNDER} "
                        "AND path NOT IN (SELECT unnest(?::VARCHAR[]))", [*under(roots), walked])
            absolute = [Path(os.path.abspath(r)) for r in roots]
            con.execute(f"DELETE FROM files WHERE {UNDER} AND path NOT IN (SELECT unnest(?::VARCHAR[]))",
                        [*under(absolute), [os.path.abspath(p) for p in walked]])
            con.execute("DROP TABLE _gone")
        return removed


def _in_process(chunks: Iterable[list[Task]]) -> Iterator[ChunkResult]:
    from ..batch import batch

    worker_setup(tune_gc=False)  # this process also writes: the GC tuning ends with the loop
    with batch():
        for chunk in chunks:
            yield parse_chunk(chunk)


def ingest(paths: Iterable[Path], db: Path, options: IngestOptions | None = None,
           progress: Progress | None = None) -> IngestSummary:
    """Ingest files and folders into the corpus at `db` (created when missing)."""
    options = options or IngestOptions()
    progress = progress or _NoProgress()
    if options.engine not in ENGINES:
        raise ValueError(f"未知的引擎“{options.engine}”（可用：{'、'.join(ENGINES)}）")
    jobs = options.jobs or os.cpu_count() or 1
    summary = IngestSummary()
    pool = LocalPool(jobs) if options.engine == "local" and jobs > 1 else None
    try:
        with CtrlC() as ctrl_c:
            _ingest([Path(p) for p in paths], db, options, jobs, pool, summary, progress, ctrl_c)
    finally:
        if pool is not None:
            pool.close()
    return summary


def _ingest(roots: list[Path], db: Path, options: IngestOptions, jobs: int, pool: LocalPool | None,
            summary: IngestSummary, progress: Progress, ctrl_c: CtrlC) -> None:
    started = time.perf_counter()
    started_at = time.time()
    con = connect(db)
    try:
        with ctrl_c.deferred():
            planned = plan(roots, con, options, summary, progress)
        writer = Writer(con, ctrl_c)
        writer.write_problems(roots, planned.walk_problems)
        progress.start(len(planned.walked))
        try:
            if options.engine == "local" and pool is not None:
                # The workers take every core: DuckDB's own threads would only take turns with them.
                con.execute("SET threads = 1")
                _write_local(pool.imap(_chunks(planned.tasks, options)), writer, options, summary, progress)
                con.execute("RESET threads")
            elif options.engine == "local":
                _write_local(_in_process(_chunks(planned.tasks, options)), writer, options, summary, progress)
            else:
                from .distributed import run_distributed

                for chunk in run_distributed(list(planned.tasks), options, jobs, db):
                    writer.write_chunks([chunk])
                    summary.note_chunk(chunk)
                    progress.advance(len(chunk.ids), len(chunk.errors))
        finally:
            progress.stop()
        writer.write_failures(planned.read_problems)
        with ctrl_c.deferred():
            planned.hashes.save(con)
        if options.prune:
            summary.removed = writer.prune(roots, planned.contents, planned.walked)
        if options.crossyear:
            from .crossyear import run_crossyear

            t = time.perf_counter()
            pairs, found = run_crossyear(con)
            summary.crossyear_pairs, summary.crossyear_findings = pairs, found
            summary.crossyear_seconds = time.perf_counter() - t
        summary.seconds = time.perf_counter() - started
        con.execute("INSERT INTO runs VALUES (to_timestamp(?), now(), ?, ?, ?, ?, ?, ?)",
                    [started_at, options.engine, jobs, summary.read, summary.skipped, summary.failed,
                     summary.seconds])
    finally:
        con.close()


# Files per task sent to a local worker: enough to spread the per-task cost (pickling, Arrow
# tables), few enough that the progress bar and the commits stay fine-grained.
LOCAL_CHUNK = 8


def _chunks(tasks: Iterator[Task], options: IngestOptions) -> Iterator[list[Task]]:
    size = max(1, min(LOCAL_CHUNK, options.batch_size))
    while chunk := list(itertools.islice(tasks, size)):
        yield chunk


def _write_local(results: Iterator[ChunkResult], writer: Writer, options: IngestOptions, summary: IngestSummary,
                 progress: Progress) -> None:
    buffer: list[ChunkResult] = []
    buffered = 0
    last = time.monotonic()

    def flush() -> None:
        nonlocal last, buffered
        if buffer:
            writer.write_chunks(buffer)
            buffer.clear()
            buffered = 0
        last = time.monotonic()

    try:
        for chunk in results:
            buffer.append(chunk)
            buffered += len(chunk.ids) + len(chunk.errors)
            summary.note_chunk(chunk)
            progress.advance(len(chunk.ids), len(chunk.errors))
            # by count, and at least every few seconds so a slow corpus (scans) still commits often
            if buffered >= options.batch_size or time.monotonic() - last > 5:
                flush()
    except KeyboardInterrupt:
        flush()  # the reports already parsed are whole: keep them
        raise
    flush()
