"""Safe XLSX sheets (openpyxl, write-only): text that a spreadsheet would run is stored as text.

Report text comes from web pages and is not trusted: a cell whose text starts with = + - @, a tab or a
carriage return would be taken for a formula (formula injection, OWASP "CSV injection"). Such text is
written as a string cell with Excel's quote prefix, so the value reads back unchanged and is never
evaluated, also not after the user edits the cell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
_WRAP = Alignment(wrap_text=True, vertical="top")
FILLS = {"error": PatternFill("solid", fgColor="F8D0D0"), "warning": PatternFill("solid", fgColor="FCE8C8"),
         "info": PatternFill("solid", fgColor="D8E6F8")}


def cell(ws: WriteOnlyWorksheet, value: Any, *, bold: bool = False, fill: PatternFill | None = None,
         wrap: bool = False) -> WriteOnlyCell:
    """A cell for `ws`; strings that look like formulas are typed as text."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = value.isoformat()
    c = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        c.data_type = "s"
        c.quotePrefix = True
    if bold:
        c.font = _HEADER_FONT
    if fill is not None:
        c.fill = fill
    if wrap:
        c.alignment = _WRAP
    return c


def add_sheet(wb: Workbook, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]],
              widths: Sequence[float] = (), fills: Iterable[PatternFill | None] | None = None,
              wrap: bool = False) -> None:
    """A sheet with a bold, frozen, filterable header row and one row per item."""
    ws = wb.create_sheet(title)
    ws.freeze_panes = "A2"
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.append([cell(ws, h, bold=True, fill=_HEADER_FILL) for h in header])
    fill_iter = iter(fills) if fills is not None else None
    n = 0
    for row in rows:
        fill = next(fill_iter, None) if fill_iter is not None else None
        ws.append([cell(ws, v, fill=fill if j == 0 else None, wrap=wrap) for j, v in enumerate(row)])
        n += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(max(1, len(header)))}{n + 1}"


def new_workbook() -> Workbook:
    return Workbook(write_only=True)
