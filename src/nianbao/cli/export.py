"""`nianbao export REPORT... --to csv|xlsx|parquet -o FILE`, or `nianbao export --db corpus.duckdb -o FILE`."""

from __future__ import annotations

import io
from enum import StrEnum
from pathlib import Path

import typer

from ..api import load_reports
from . import app
from .common import error, expand_inputs, for_each_file, note, output_format, save


class Table(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    parquet = "parquet"


@app.command("export")
def export_command(
    files: list[Path] = typer.Argument(None, help="报告 JSON（含 JSON Lines）、报告原文件或文件夹，可多个；- 读标准输入"),
    to: Table | None = typer.Option(None, "--to", help="csv、xlsx 或 parquet（默认按输出文件扩展名；两者须一致）"),
    out: Path = typer.Option(..., "--out", "-o", help="输出文件，格式按扩展名（.csv .xlsx .parquet）"),
    db: Path | None = typer.Option(None, "--db", help="从语料库导出（nianbao ingest 生成）；Parquet 按年度分区"),
) -> None:
    """把多份报告导出为一张表：每份报告一行，每个单元格一列。Export reports as one table.

    A file that cannot be read is reported and skipped (exit code 1 at the end); the table
    holds the others. With --db, the corpus's `wide` view is exported (two header rows: Chinese
    labels and keys).
    """
    from ..writers.export import flatten, write_csv, write_parquet, write_xlsx

    if db is not None:
        _export_corpus(db, out, to.value if to else None, files)
        return
    if not files:
        error("请给出要导出的报告文件，或用 --db 指定语料库")
        raise typer.Exit(2)
    fmt = output_format(out, {".csv": "csv", ".xlsx": "xlsx", ".parquet": "parquet"}, to.value if to else None, "csv",
                        "--to")
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            error(f"{out}：导出 parquet 需要 pyarrow（pip install 'nianbao[parquet]' 或 pip install pyarrow）")
            raise typer.Exit(2) from None
    rows = []
    failed = 0
    for _, reports in for_each_file([p for p, _ in expand_inputs(files)], load_reports, "读取中"):
        if reports is None:
            failed += 1
            continue
        rows.extend(flatten(r) for r in reports)
    buffer: io.StringIO | io.BytesIO
    if fmt == "csv":
        buffer = io.StringIO(newline="")
        write_csv(rows, buffer)
    else:
        buffer = io.BytesIO()
        (write_xlsx if fmt == "xlsx" else write_parquet)(rows, buffer)
    if not save(out, buffer.getvalue()):
        raise typer.Exit(2)
    note(f"已导出 {len(rows)} 份报告到 {out}" + (f"（{failed} 个文件无法读取）" if failed else ""))
    if failed:
        raise typer.Exit(1)


def _export_corpus(db: Path, out: Path, to: str | None, files: list[Path] | None) -> None:
    from ..corpus import connect
    from ..corpus.export import export
    from ..errors import NianbaoError

    if files:
        error("--db 与报告文件不能同时给出")
        raise typer.Exit(2)
    if out.exists() and db.exists() and out.resolve() == db.resolve():
        error(f"输出文件 {out} 就是语料库本身，未覆盖")
        raise typer.Exit(2)
    try:
        con = connect(db, read_only=True)
        n = export(con, out, to)
    except NianbaoError as exc:
        error(str(exc))
        raise typer.Exit(2) from None
    note(f"已导出 {n} 份报告到 {out}")
