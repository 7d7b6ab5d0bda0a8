"""`nianbao stats --db corpus.duckdb [--by year,body_kind,...] [--format table|csv|xlsx|json] [-o FILE]`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from ..errors import NianbaoError
from . import app
from .common import err_console, out_console, save

FORMATS = ("table", "csv", "xlsx", "json")


def _cell(v: Any, key: str) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.1%}" if key.startswith(("share_", "review_correction", "litigation_correction")) else f"{v:g}"
    return str(v)


@app.command("stats")
def stats_command(
    db: Path = typer.Option(..., "--db", help="语料库文件（nianbao ingest 生成）"),
    by: str = typer.Option("", "--by", help="分组：year,body_kind,province,city,county,template,format,body_id,organization"),
    fmt: str = typer.Option("table", "--format", "-f", help="table、csv、xlsx 或 json"),
    out: Path | None = typer.Option(None, "--out", "-o", help="输出文件（xlsx 必须指定）"),
) -> None:
    """语料库统计指标（定义见 docs/corpus.md）。Indicators over the corpus, by group."""
    from ..corpus import connect
    from ..corpus.stats import compute, labels
    from ..writers.spreadsheet import cell as xlsx_cell
    from ..writers.spreadsheet import csv_text

    dims = tuple(d.strip() for d in by.split(",") if d.strip())
    if fmt not in FORMATS:
        err_console.print(f"[bold red]错误[/] 不支持的格式“{fmt}”（可用：{'、'.join(FORMATS)}）")
        raise typer.Exit(2)
    if fmt == "xlsx" and out is None:
        err_console.print("[bold red]错误[/] xlsx 需要用 -o 指定输出文件")
        raise typer.Exit(2)
    try:
        con = connect(db, read_only=True)
        rows = compute(con, dims)
    except (NianbaoError, ValueError) as exc:
        err_console.print(f"[bold red]错误[/] {exc}")
        raise typer.Exit(2) from None
    names = labels()
    keys = list(rows[0]) if rows else list(dims) + ["reports"]
    heads = [names.get(k, k.removeprefix("rule:")) for k in keys]
    if fmt == "json":
        text = json.dumps({"by": list(dims), "labels": {k: names.get(k, k) for k in keys}, "groups": rows},
                          ensure_ascii=False, indent=1, default=str)
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(heads)
        w.writerow(keys)
        for r in rows:
            w.writerow(["" if r[k] is None else csv_text(r[k]) for k in keys])
        text = buf.getvalue()
    elif fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("stats")
        ws.freeze_panes = "A3"
        ws.append([xlsx_cell(ws, h) for h in heads])
        ws.append([xlsx_cell(ws, k) for k in keys])
        for r in rows:
            ws.append([xlsx_cell(ws, r[k]) if isinstance(r[k], str) else r[k] for k in keys])
        assert out is not None
        data = io.BytesIO()
        wb.save(data)
        if not save(out, data.getvalue()):
            raise typer.Exit(2)
        err_console.print(f"已写入 {out}（{len(rows)} 组）")
        return
    else:
        # indicators down, groups across: a few groups of ~60 indicators read best this way
        table = Table(title="语料库统计", show_lines=False)
        table.add_column("指标")
        for r in rows:
            table.add_column(" · ".join(_cell(r[d], d) for d in dims) or "全部", justify="right")
        for k in keys:
            if k in dims:
                continue
            table.add_row(names.get(k, k.removeprefix("rule:")), *(_cell(r[k], k) for r in rows))
        if out is None:
            out_console.print(table)
            return
        buf_console = __import__("rich.console").console.Console(file=io.StringIO(), width=200)
        buf_console.print(table)
        text = buf_console.file.getvalue()
    if out is None:
        print(text, end="" if text.endswith("\n") else "\n")
    else:
        if not save(out, "\ufeff" + text if fmt == "csv" else text):
            raise typer.Exit(2)
        err_console.print(f"已写入 {out}（{len(rows)} 组）")
