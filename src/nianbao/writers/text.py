"""Plain text in the shapes scraped reports take: pipe rows, or one cell per line.

`style="pipe"`: one table row per line, cells between `|` (merged copies blank, or dropped in
the label columns as many sites print them). `style="cellline"`: one cell per line with `|`
lines between cells, a row starting at a line `| label` (the shape a crawler leaves when it
flattens a table cell by cell); long labels may wrap over two lines.
"""

from __future__ import annotations

from typing import Literal

from ..model import Report
from ..templates import Template
from .base import Decor, cell_text, report_parts
from .layout import LTable

TableStyle = Literal["pipe", "cellline"]


def _row_texts(table: LTable, decor: Decor, drop_merged_labels: bool) -> list[list[str]]:
    rows = []
    grid = table.grid()
    for r, row in enumerate(grid):
        texts = []
        for c, (cell, origin) in enumerate(row):
            if origin:
                texts.append(cell_text(cell, decor))
            elif r >= table.header_rows and (c > 0 and row[c - 1][0] is cell or drop_merged_labels):
                # the copies a colspan leaves beside a label are never printed (they would read as
                # blank values); the copies of a rowspan below it are blank or left out
                continue
            else:
                texts.append("")
        rows.append(texts)
    return rows


def _wrap(text: str, width: int) -> list[str]:
    if width <= 0 or len(text) <= width:
        return [text]
    return [text[:width], text[width:]]


def table_text(table: LTable, decor: Decor, style: TableStyle = "pipe", drop_merged_labels: bool = False,
               wrap: int = 0) -> list[str]:
    rows = _row_texts(table, decor, drop_merged_labels)
    lines: list[str] = []
    if style == "pipe":
        for texts in rows:
            lines.append(" | ".join(t.replace("\n", "") for t in texts) + " |")
        return lines
    for texts in rows:
        first, *rest = texts
        head = first.split("\n") if "\n" in first else _wrap(first, wrap)
        lines.append(f"| {head[0]}" if head[0] else "|")
        lines.extend(head[1:])
        for t in rest:
            lines.append("|")
            if t:
                lines.extend(t.split("\n") if "\n" in t else _wrap(t, wrap))
        lines.append("|")
    return lines


def to_text(report: Report, template: Template | None = None, decor: Decor | None = None,
            style: TableStyle = "pipe", drop_merged_labels: bool = False, wrap: int = 0,
            blank_lines: bool = False) -> str:
    decor = decor or Decor()
    out: list[str] = []
    for part in report_parts(report, template, decor):
        if part.kind == "table" and part.table is not None:
            out.extend(table_text(part.table, decor, style, drop_merged_labels, wrap))
        elif part.kind == "image":
            out.append(f"[图片：{part.text}]")
        else:
            out.append(part.text)
        if blank_lines:
            out.append("")
    return "\n".join(out).rstrip() + "\n"
