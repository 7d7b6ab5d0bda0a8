"""`nianbao export REPORT... --to csv|xlsx|parquet -o FILE`, or `nianbao export --db corpus.duckdb -o FILE`."""

from __future__ import annotations

import io
from pathlib import Path

import typer

from ..api import load_report
from ..model import Report
from . import app
from .common import err_console, for_each_file, save


@app.command("export")
def export_command(
    files: list[Path] = typer.Argument(None, help="报告 JSON 或报告原文件（可多个）"),
    to: str | None = typer.Option(None, "--to", help="csv、xlsx 或 parquet（默认按输出文件扩展名）"),
    out: Path = typer.Option(..., "--out", "-o", help="输出文件"),
    db: Path | None = typer.Option(None, "--db", help="从语料库导出（nianbao ingest 生成）；Parquet 按年度分区"),
) -> None:
    """把多份报告导出为一张表：每份报告一行，每个单元格一列。Export reports as one table.

    A file that cannot be read is reported and skipped (exit code 1 at the end); the table
    holds the others. With --db, the corpus's `wide` view is exported (two header rows: Chinese
    labels and keys).
    """
    from ..writers.export import flatten, write_csv, write_parquet, write_xlsx

    if db is not None:
        _export_corpus(db, out, to, files)
        return
    if not files:
        err_console.print("[bold red]错误[/] 请给出要导出的报告文件，或用 --db 指定语料库")
        raise typer.Exit(2)
    fmt = (to or out.suffix.lstrip(".")).lower()
    if fmt not in ("csv", "xlsx", "parquet"):
        err_console.print(f"[bold red]错误[/] 不支持的导出格式“{fmt}”（可用：csv、xlsx、parquet）")
        raise typer.Exit(2)
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            err_console.print("[bold red]错误[/] 导出 parquet 需要 pyarrow：pip install pyarrow")
            raise typer.Exit(2) from None
    rows = []
    failed = 0
    for _, report in for_each_file(files, load_report, "读取中"):
        if report is None:
            failed += 1
            continue
        assert isinstance(report, Report)
        rows.append(flatten(report))
    buffer: io.StringIO | io.BytesIO
    if fmt == "csv":
        buffer = io.StringIO(newline="")
        write_csv(rows, buffer)
    else:
        buffer = io.BytesIO()
        (write_xlsx if fmt == "xlsx" else write_parquet)(rows, buffer)
    if not save(out, buffer.getvalue()):
        raise typer.Exit(2)
    err_console.print(f"已导出 {len(rows)} 份报告到 {out}" + (f"（{failed} 个文件无法读取）" if failed else ""))
    if failed:
        raise typer.Exit(1)


def _export_corpus(db: Path, out: Path, to: str | None, files: list[Path] | None) -> None:
    from ..corpus import connect
    from ..corpus.export import export
    from ..errors import NianbaoError

    if files:
        err_console.print("[bold red]错误[/] --db 与报告文件不能同时给出")
        raise typer.Exit(2)
    if out.exists() and db.exists() and out.resolve() == db.resolve():
        err_console.print(f"[bold red]错误[/] 输出文件 {out} 就是语料库本身，未覆盖")
        raise typer.Exit(2)
    try:
        con = connect(db, read_only=True)
        n = export(con, out, to)
    except NianbaoError as exc:
        err_console.print(f"[bold red]错误[/] {exc}")
        raise typer.Exit(2) from None
    err_console.print(f"已导出 {n} 份报告到 {out}")
