"""`nianbao export --db`: the `wide` view as CSV, XLSX or Parquet (partitioned by year).

CSV and XLSX carry two header rows: the Chinese labels (from the template definitions, via
`cell_labels`) and the keys. XLSX freezes both and puts filters on the key row. Parquet is a
folder `year=YYYY/…` written by DuckDB, with the labels in the file metadata. Every output is
written beside the target and renamed into place; text that a spreadsheet would run as a formula
is written as text (writers/spreadsheet.py).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import duckdb

from ..errors import NianbaoError
from ..writers.output import open_output, output_directory
from ..writers.spreadsheet import cell as xlsx_cell
from ..writers.spreadsheet import csv_text
from .rows import stored_value
from .schema import META_LABELS

FORMATS = ("csv", "xlsx", "parquet")


class ExportError(NianbaoError):
    pass


def headers(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[str]]:
    """(keys, Chinese labels) of the `wide` view's columns."""
    keys = [d[0] for d in con.execute("SELECT * FROM wide LIMIT 0").description]
    cell_labels = dict(con.execute("SELECT cell, label_zh FROM cell_labels").fetchall())
    return keys, [META_LABELS.get(k) or cell_labels.get(k, k) for k in keys]


def _rows(con: duckdb.DuckDBPyConnection) -> Any:
    cur = con.execute("SELECT * FROM wide ORDER BY year NULLS LAST, organization NULLS LAST, id")
    while batch := cur.fetchmany(2000):
        yield from batch


def export(con: duckdb.DuckDBPyConnection, out: Path, fmt: str | None = None) -> int:
    """Write the wide table to `out`; returns the number of reports written."""
    fmt = (fmt or out.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ExportError(f"不支持的导出格式“{fmt}”（可用：{'、'.join(FORMATS)}）")
    (n,) = con.execute("SELECT count(*) FROM reports").fetchall()[0]
    if fmt == "parquet":
        _parquet(con, out)
        return n
    with open_output(out, "wb") as fh:  # atomic for a file; a device or fifo is written through
        (_csv if fmt == "csv" else _xlsx)(con, fh)
    return n


def _csv(con: duckdb.DuckDBPyConnection, target: Any) -> None:
    keys, labels = headers(con)
    fh = io.TextIOWrapper(target, encoding="utf-8-sig", newline="")  # BOM: Excel opens UTF-8 as such
    w = csv.writer(fh, lineterminator="\r\n")
    w.writerow(labels)
    w.writerow(keys)
    for row in _rows(con):
        w.writerow(["" if v is None else csv_text(stored_value(v)) for v in row])
    fh.flush()
    fh.detach()


def _xlsx(con: duckdb.DuckDBPyConnection, target: Any) -> None:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    keys, labels = headers(con)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("reports")
    ws.freeze_panes = "B3"  # both header rows and the id column stay in view
    ws.append([xlsx_cell(ws, v) for v in labels])
    ws.append([xlsx_cell(ws, v) for v in keys])
    count = 0
    for row in _rows(con):
        # the id has 18 digits: Excel keeps 15, so it goes in as text
        ws.append([str(row[0]), *(xlsx_cell(ws, stored_value(v)) if isinstance(v, str | float) else v for v in row[1:])])
        count += 1
    ws.auto_filter.ref = f"A2:{get_column_letter(len(keys))}{count + 2}"
    wb.save(target)


def _parquet(con: duckdb.DuckDBPyConnection, out: Path) -> None:
    """A folder partitioned by year; an existing target is replaced only if it is such a folder."""
    keys, labels = headers(con)
    meta = json.dumps(dict(zip(keys, labels, strict=True)), ensure_ascii=False).replace("'", "''")
    with output_directory(out, lambda d: all(p.name.startswith("year=") for p in d.iterdir())) as built:
        target = str(built).replace("'", "''")
        con.execute(f"COPY (SELECT * FROM wide ORDER BY year, organization, id) TO '{target}' "
                    f"(FORMAT parquet, PARTITION_BY (year), KV_METADATA {{labels_zh: '{meta}'}})")
