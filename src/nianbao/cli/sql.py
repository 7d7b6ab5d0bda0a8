"""`nianbao sql --db corpus.duckdb "SELECT …" [--format table|csv|json]`: any query over the corpus."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import typer
from rich.table import Table

from ..errors import NianbaoError
from . import app
from .common import err_console, out_console


@app.command("sql")
def sql_command(
    query: str = typer.Argument(..., help="SQL 查询（DuckDB 语法），如 \"SELECT year, count(*) FROM reports GROUP BY 1\""),
    db: Path = typer.Option(..., "--db", help="语料库文件"),
    fmt: str = typer.Option("table", "--format", "-f", help="table、csv 或 json"),
    limit: int = typer.Option(1000, "--limit", help="table 格式最多显示的行数"),
) -> None:
    """在语料库上执行 SQL（只读）。Run a read-only SQL query over the corpus and print the result."""
    import duckdb

    from ..corpus import connect

    try:
        con = connect(db, read_only=True)
        cur = con.execute(query)
    except NianbaoError as exc:
        err_console.print(f"[bold red]错误[/] {exc}")
        raise typer.Exit(2) from None
    except duckdb.Error as exc:
        err_console.print(f"[bold red]错误[/] 查询失败：{exc}")
        raise typer.Exit(2) from None
    if cur.description is None:
        return
    names = [d[0] for d in cur.description]
    if fmt == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(names)
        while batch := cur.fetchmany(5000):
            w.writerows(batch)
    elif fmt == "json":
        for row in iter(cur.fetchone, None):
            print(json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False, default=str))
    else:
        rows = cur.fetchmany(limit + 1)
        table = Table(*names)
        for row in rows[:limit]:
            table.add_row(*("" if v is None else str(v) for v in row))
        out_console.print(table)
        if len(rows) > limit:
            err_console.print(f"（只显示前 {limit} 行；用 --limit 或 --format csv 查看全部）")
