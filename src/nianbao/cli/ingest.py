"""`nianbao ingest PATH... --db corpus.duckdb [--jobs N] [--manifest FILE.csv] [--engine local|dask|ray]`."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from ..errors import NianbaoError
from . import app
from .common import err_console


class _RichProgress:
    """A bar with rate, ETA and errors so far; plain lines every few seconds when stderr is not a terminal."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        # seconds between plain lines (logs of long runs; 0 = a line per file)
        self.interval = float(os.environ.get("NIANBAO_PROGRESS_INTERVAL", "5"))
        self.done = self.failed = self.total = 0
        self.t0 = self.last = time.monotonic()
        self.progress: Progress | None = None

    def start(self, total: int) -> None:
        self.total = total
        self.t0 = self.last = time.monotonic()
        if self.tty and total:
            self.progress = Progress(
                TextColumn("入库"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]:.1f} 份/秒"), TextColumn("[red]错误 {task.fields[failed]}"),
                TimeElapsedColumn(), TextColumn("剩余"), TimeRemainingColumn(),
                console=err_console, transient=True)
            self.progress.start()
            self.task = self.progress.add_task("ingest", total=total, rate=0.0, failed=0)
        else:
            err_console.print(f"找到 {total} 个文件（已在库中的跳过）")

    def skip(self, files: int) -> None:
        """Files found that need no parsing: out of the total, so the rate and the ETA are the parsing's."""
        self.total -= files
        if self.progress is not None:
            self.progress.update(self.task, total=self.total)

    def advance(self, ok: int, failed: int) -> None:
        self.done += ok + failed
        self.failed += failed
        now = time.monotonic()
        rate = self.done / max(now - self.t0, 1e-9)
        if self.progress is not None:
            self.progress.update(self.task, advance=ok + failed, rate=rate, failed=self.failed)
        elif now - self.last >= self.interval or self.done == self.total:
            self.last = now
            left = (self.total - self.done) / rate if rate else 0
            err_console.print(f"已处理 {self.done}/{self.total} · {rate:.1f} 份/秒 · 错误 {self.failed} · "
                              f"剩余约 {left:.0f} 秒")

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()


@app.command("ingest")
def ingest_command(
    paths: list[Path] = typer.Argument(..., help="报告文件或目录（递归查找）"),
    db: Path = typer.Option(..., "--db", help="语料库文件（DuckDB），不存在时创建"),
    jobs: int = typer.Option(0, "--jobs", "-j", help="并行进程数（默认：全部 CPU 核；1 = 单进程）"),
    manifest: Path | None = typer.Option(None, "--manifest", help="清单 CSV：path,url,title,organization,published[,body_id]"),
    reparse: bool = typer.Option(False, "--reparse", help="重新解析已入库的文件（并重新计算每个文件的哈希）"),
    prune: bool = typer.Option(False, "--prune", help="从库中移除文件已不在所给路径下的报告"),
    no_provenance: bool = typer.Option(False, "--no-provenance", help="不保存单元格的位置信息（库更小）"),
    exclude: list[str] = typer.Option([], "--exclude", help="跳过匹配的文件名（如 '*.gold.json'），可多次"),
    engine: str = typer.Option("local", "--engine", help="local（本机进程池）、dask 或 ray"),
    address: str | None = typer.Option(None, "--address", help="dask 调度器或 ray 集群地址（默认在本机启动）"),
    parts: Path | None = typer.Option(None, "--parts", help="分布式：工作节点写 Parquet 分片的共享目录"),
    batch_size: int = typer.Option(200, "--batch", help="每个事务提交的报告数"),
) -> None:
    """把报告批量解析入库（DuckDB）。Ingest report files and folders into a corpus database.

    Files already in the database (same content, same parser version) are skipped; a file that
    fails is recorded in the `errors` table and the run goes on.
    """
    from ..corpus import IngestOptions, ingest

    if jobs < 0 or batch_size < 1:
        err_console.print("[bold red]错误[/] --jobs 不能为负，--batch 至少为 1")
        raise typer.Exit(2)
    options = IngestOptions(jobs=jobs or None, reparse=reparse, prune=prune, provenance=not no_provenance,
                            manifest=manifest, exclude=tuple(exclude), engine=engine, address=address,
                            parts_dir=parts, batch_size=batch_size)
    progress = _RichProgress()
    try:
        summary = ingest(paths, db, options, progress)
    except (NianbaoError, ValueError) as exc:
        err_console.print(f"[bold red]错误[/] {exc}")
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        err_console.print("已中断：已提交的报告保留在库中，再次运行会从中断处继续")
        raise typer.Exit(130) from None
    err_console.print(summary.line(), soft_wrap=True)
