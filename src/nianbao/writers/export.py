"""A corpus of reports as one table: one row per report, one column per cell key.

The columns are fixed by the template definitions (both versions, in form order), not by the
data, so exports of different corpora line up: metadata, every cell path of 表二/表三/表四 as
in findings (`applications.new_received.total`, `active_disclosure.art20_1.rules.issued` …),
then finding counts. A cell the report's version does not have is empty.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..model import Report
from ..model.cells import template_cells
from ..templates import TEMPLATES
from . import spreadsheet

META_COLUMNS = ("source.path", "source.format", "source.sha256", "meta.title", "meta.organization",
                "meta.body_kind", "meta.year", "meta.template", "meta.published", "meta.signed",
                "meta.contact.phone", "meta.contact.email")
FINDING_COLUMNS = ("findings.error", "findings.warning", "findings.info", "findings.total")


def cell_columns() -> list[str]:
    """Every cell path of both template versions, in form order, without duplicates."""
    out: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        if path not in seen:
            seen.add(path)
            out.append(path)

    # 表三 rows in form order; the 2021 其他处理 sub-rows follow the 2019 其他处理 row
    v19, v21 = TEMPLATES["2019"].applications, TEMPLATES["2021"].applications
    rows = [r.key for r in v19.rows]
    extra = [r.key for r in v21.rows if r.key not in rows]
    at = rows.index("other") + 1
    rows[at:at] = extra
    for row in rows:
        for col in v21.columns:
            add(f"applications.{row}.{col.key}")
    for table in ("reviews_litigation", "active_disclosure"):
        for version in sorted(TEMPLATES):
            for cell in template_cells(TEMPLATES[version], (table,)):
                add(cell.path)
    return out


def columns() -> list[str]:
    return [*META_COLUMNS, *cell_columns(), "tables.units", *FINDING_COLUMNS]


def flatten(report: Report, cells: list[str] | None = None) -> dict[str, Any]:
    data = report.model_dump(mode="json", by_alias=True)
    row: dict[str, Any] = {}
    for col in META_COLUMNS:
        value: Any = data
        for part in col.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        row[col] = value
    for path in cells or cell_columns():
        try:
            row[path] = report.cell(path)
        except (KeyError, AttributeError, ValueError):
            row[path] = None
    units = report.tables.active_disclosure.units if report.tables.active_disclosure else {}
    row["tables.units"] = ";".join(f"{k}={v}" for k, v in sorted(units.items())) or None
    counts = Counter(f.severity for f in report.findings)
    for sev in ("error", "warning", "info"):
        row[f"findings.{sev}"] = counts.get(sev, 0)
    row["findings.total"] = len(report.findings)
    return row


def write_csv(rows: Iterable[dict[str, Any]], target: io.TextIOBase | Any) -> None:
    """CSV with a BOM so that Excel opens the Chinese text as UTF-8; text that would start a
    formula is made inert (writers/spreadsheet.py)."""
    cols = columns()
    spreadsheet.write_csv(target, cols, ([r.get(k) for k in cols] for r in rows))


def write_xlsx(rows: Iterable[dict[str, Any]], target: Path | Any) -> None:
    """One sheet "reports"; every text is a string cell, never a formula (writers/spreadsheet.py)."""
    cols = columns()
    spreadsheet.write_xlsx(target, cols, ([r.get(k) for k in cols] for r in rows), title="reports")


def write_parquet(rows: list[dict[str, Any]], target: Path | Any) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ImportError("导出 parquet 需要 pyarrow：pip install pyarrow（或 pip install 'nianbao[bench]'）") from None
    cols = columns()
    arrays = {}
    for k in cols:
        values = [r.get(k) for r in rows]
        if k.startswith(("applications.", "reviews_litigation.", "active_disclosure.")):
            floats = any(isinstance(v, float) for v in values)
            arrays[k] = pa.array(values, type=pa.float64() if floats else pa.int64())
        elif k.startswith("findings.") or k == "meta.year":
            arrays[k] = pa.array(values, type=pa.int64())
        else:
            arrays[k] = pa.array([None if v is None else str(v) for v in values], type=pa.string())
    pq.write_table(pa.table(arrays), target)
