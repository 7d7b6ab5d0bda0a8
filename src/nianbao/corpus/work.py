"""What a worker does with one file: parse it and turn the Report into table rows.

The same functions run in-process (`--jobs 1`), in the local process pool and on Dask or Ray
workers. Worker processes are long-lived in all three, so anything a reader loads once at module
level (an OCR model, LibreOffice's profile, the label memos) stays loaded for the worker's whole
share of the corpus; `worker_setup` runs once per worker to load the readers and tune the GC
before the first file instead of during it.
"""

from __future__ import annotations

import os
import resource
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import NianbaoError
from ..writers.output import make_folder, open_output
from .manifest import ManifestEntry, overrides
from .rows import RowOptions, report_rows
from .schema import Columns, to_columns


@dataclass(frozen=True)
class Task:
    path: str
    sha256: str
    parser_version: str
    provenance: bool = True
    manifest: ManifestEntry | None = None


@dataclass
class Outcome:
    """One file's result: its rows (as columns), or the reason it failed."""

    path: str
    sha256: str
    columns: Columns | None = None
    report_id: int = 0
    severities: tuple[int, int, int] = (0, 0, 0)  # error, warning, info
    error: str | None = None
    worker: tuple[int, float, int] = (0, 0.0, 0)  # the worker's pid, CPU seconds so far, peak RSS (KiB)


def worker_usage() -> tuple[int, float, int]:
    """(pid, CPU seconds, peak RSS KiB) of this worker: measured where the work runs, whatever the engine."""
    u = resource.getrusage(resource.RUSAGE_SELF)
    return os.getpid(), u.ru_utime + u.ru_stime, u.ru_maxrss


_state: dict[str, Any] = {}


def worker_setup(tune_gc: bool = True) -> None:
    """Once per worker process: load every reader and (in a worker) keep the GC tuned for a long batch."""
    if _state.get("ready"):
        return
    from ..batch import batch
    from ..readers import READERS, reader_for

    for fmt in READERS:  # readers load on first use; a worker loads them all before its first file
        reader_for(fmt)
    if tune_gc:
        cm = batch()
        cm.__enter__()  # for the worker's lifetime: a worker process only ever parses
        _state["batch"] = cm
    _state["ready"] = True


def parse_task(task: Task) -> Outcome:
    """Parse one file (source or report JSON); a failure becomes an Outcome with the reason, never an exception."""
    from ..api import load_report

    try:
        report = load_report(task.path, overrides(task.manifest))
        rows = report_rows(report, RowOptions(
            path=task.path, sha256=task.sha256, parser_version=task.parser_version, provenance=task.provenance,
            body_id=task.manifest.body_id if task.manifest else None))
        counts = Counter(f.severity for f in report.findings)
        return Outcome(task.path, task.sha256, columns=to_columns(rows), report_id=rows["reports"][0][0],
                       severities=(counts["error"], counts["warning"], counts["info"]), worker=worker_usage())
    except NianbaoError as exc:
        reason = getattr(exc, "reason", None) or str(exc)
        return Outcome(task.path, task.sha256, error=reason, worker=worker_usage())
    except Exception as exc:  # a parser bug in one file must not stop the corpus
        return Outcome(task.path, task.sha256, error=f"解析失败（{type(exc).__name__}: {exc}）",
                       worker=worker_usage())


@dataclass
class ChunkResult:
    """A chunk of files parsed by one worker: rows as Arrow tables (local pool) or Parquet parts
    (distributed engines), plus the small values the writer and the summary need."""

    tables: dict[str, Any] = field(default_factory=dict)  # table → pyarrow.Table
    parts: dict[str, str] = field(default_factory=dict)  # table → Parquet file
    ids: list[int] = field(default_factory=list)
    ok_paths: list[str] = field(default_factory=list)
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (path, sha256, reason)
    severities: dict[str, int] = field(default_factory=dict)
    worker: tuple[int, float, int] = (0, 0.0, 0)


def parse_chunk(tasks: list[Task]) -> ChunkResult:
    """Parse a chunk of files; the Arrow tables are built here, in the worker, so the writer only
    concatenates and inserts (it is the one process that cannot run in parallel)."""
    from .schema import REPORT_TABLES, ColumnBatch

    batch = ColumnBatch()
    out = ChunkResult()
    sev: Counter[str] = Counter()
    for task in tasks:
        o = parse_task(task)
        if o.columns is None:
            out.errors.append((o.path, o.sha256, o.error or ""))
            continue
        batch.add(o.columns)
        out.ids.append(o.report_id)
        out.ok_paths.append(o.path)
        sev.update(dict(zip(("error", "warning", "info"), o.severities, strict=True)))
    for table in REPORT_TABLES:
        data = batch.table(table)
        if data is not None:
            out.tables[table] = data
    out.severities = dict(sev)
    out.worker = worker_usage()
    return out


def parse_chunk_in_worker(tasks: list[Task]) -> ChunkResult:
    worker_setup()
    return parse_chunk(tasks)


def parse_chunk_to_parquet(tasks: list[Task], parts_dir: str, chunk: int) -> ChunkResult:
    """Parse a chunk and write each table's rows as one Parquet part under `parts_dir` (atomically)."""
    import pyarrow.parquet as pq

    out = parse_chunk_in_worker(tasks)
    base = Path(parts_dir)
    for table, data in out.tables.items():
        target = base / table / f"part-{chunk:06d}.parquet"
        make_folder(target.parent)
        with open_output(target, "wb") as fh:  # atomic: a part is whole or absent
            pq.write_table(data, fh)
        out.parts[table] = str(target)
    out.tables = {}
    return out
