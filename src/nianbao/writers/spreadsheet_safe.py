"""Text that a spreadsheet must not run: cells starting with = + - @ tab or CR (formula injection).

A crawled title such as "=HYPERLINK(…)" would otherwise become a live formula when a CSV or
XLSX export is opened. Numbers are never touched (a negative 本年增/减 stays a number); only text.
Minimal version written for the corpus export; a shared helper for every writer may replace it.
"""

from __future__ import annotations

from typing import Any

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def is_dangerous(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(DANGEROUS_START)


def csv_text(value: Any) -> Any:
    """For CSV: a leading apostrophe makes Excel and LibreOffice read the cell as text (OWASP's advice)."""
    return "'" + value if is_dangerous(value) else value


def xlsx_cell(ws: Any, value: Any) -> Any:
    """For openpyxl (also write-only sheets): a cell whose text is stored as a string, never a formula."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)
    if is_dangerous(value):
        cell.data_type = "s"
    return cell
