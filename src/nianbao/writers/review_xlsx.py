"""The review workbook (`nianbao check … -o review.xlsx`): 汇总 (one row a report) and 问题清单 (one row a
finding, worst first), with the findings' cells, printed numbers and basis."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO

from .review import FINDINGS_HEADER, SUMMARY_HEADER, ReviewItem, finding_rows, order_items, summary_row
from .spreadsheet import FILLS, add_sheet, new_workbook

SUMMARY_SHEET = "汇总"
FINDINGS_SHEET = "问题清单"
_STATUS_FILL = {"需整改": FILLS["error"], "请核实": FILLS["warning"], "通过": None}


def write_review_xlsx(items: Sequence[ReviewItem], target: Path | IO[bytes]) -> None:
    wb = new_workbook()
    ordered = order_items(items)
    add_sheet(wb, SUMMARY_SHEET, SUMMARY_HEADER, (summary_row(n, it) for n, it in enumerate(ordered, 1)),
              widths=(6, 30, 10, 9, 9, 12, 26, 6, 6, 6, 9, 36, 36),
              fills=(_STATUS_FILL[it.status] for it in ordered))
    rows = finding_rows(items)
    add_sheet(wb, FINDINGS_SHEET, FINDINGS_HEADER, (row for _, row in rows),
              widths=(26, 9, 6, 30, 20, 60, 40, 50, 50, 40, 30), fills=(FILLS[sev] for sev, _ in rows), wrap=True)
    wb.save(target)
