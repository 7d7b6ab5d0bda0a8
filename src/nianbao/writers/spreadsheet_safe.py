"""CSV text that a spreadsheet must not run: cells starting with = + - @ tab or CR (formula injection).

XLSX cells go through `writers.sheets.cell` (typed as text with Excel's quote prefix). A CSV has no
cell types, so such text gets a leading apostrophe (OWASP's advice), which Excel and LibreOffice show
as text. Numbers are never touched (a negative 本年增/减 stays a number).
"""

from __future__ import annotations

from typing import Any

from .sheets import FORMULA_STARTS


def csv_text(value: Any) -> Any:
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value
