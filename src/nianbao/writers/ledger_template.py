"""The empty application ledger (台账) workbook, with the template's labels as drop-down lists."""

from __future__ import annotations

from pathlib import Path

from ..inputs.ledger import APP_SHEET, OPTIONS_SHEET, REVIEW_SHEET, vocabulary
from ..templates import template_for_year
from .output import open_output
from .spreadsheet import set_text


def write_template(target: Path, year: int | None = None) -> None:
    """An empty ledger workbook with the allowed values as drop-down lists (data validation)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    template = template_for_year(year)
    voc = vocabulary(template)
    wb = Workbook()
    ws = wb.active
    ws.title = APP_SHEET
    opts = wb.create_sheet(OPTIONS_SHEET)
    rev = wb.create_sheet(REVIEW_SHEET, 1)
    lists: list[tuple[str, tuple[str, ...]]] = [
        ("申请人类型", voc.applicant_labels),
        ("办理结果", voc.outcome_labels),
        ("具体情形", tuple(x for labels in voc.reason_labels.values() for x in labels)),
        ("是否延期", ("是", "否")),
        ("类型", tuple(g.label for g in template.reviews.groups)),
        ("结果", tuple(c.label for c in template.reviews.columns[:-1])),
    ]
    refs: dict[str, str] = {}
    for k, (name, values) in enumerate(lists):
        col = chr(ord("A") + k)
        set_text(opts.cell(row=1, column=k + 1), name)  # (template labels: inert text all the same)
        for i, v in enumerate(values):
            set_text(opts.cell(row=i + 2, column=k + 1), v)
        refs[name] = f"'{OPTIONS_SHEET}'!${col}$2:${col}${len(values) + 1}"
    opts.sheet_state = "hidden"
    head_font = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")

    def setup(sheet, headers: list[tuple[str, int]], validations: dict[str, str], dates: list[str]) -> None:  # type: ignore[no-untyped-def]
        for k, (name, width) in enumerate(headers):
            c = set_text(sheet.cell(row=1, column=k + 1), name)
            c.font, c.fill = head_font, fill
            c.alignment = Alignment(horizontal="center")
            sheet.column_dimensions[chr(ord("A") + k)].width = width
        sheet.freeze_panes = "A2"
        names = [h for h, _ in headers]
        for name, ref in validations.items():
            col = chr(ord("A") + names.index(name))
            dv = DataValidation(type="list", formula1=ref, allow_blank=True, showErrorMessage=True,
                                errorTitle="不在可选范围内", error=f"请从下拉列表中选择{name}")
            dv.add(f"{col}2:{col}2000")
            sheet.add_data_validation(dv)
        for name in dates:
            col = chr(ord("A") + names.index(name))
            dv = DataValidation(type="date", operator="greaterThan", formula1="DATE(2000,1,1)", allow_blank=True,
                                showErrorMessage=True, errorTitle="日期格式", error="请填写日期，如 2024-03-05")
            dv.add(f"{col}2:{col}2000")
            sheet.add_data_validation(dv)
            for r in range(2, 2001):
                sheet.cell(row=r, column=names.index(name) + 1).number_format = "yyyy-mm-dd"

    setup(ws, [("序号", 6), ("收到日期", 12), ("申请人类型", 14), ("办理结果", 12), ("具体情形", 40),
               ("答复日期", 12), ("是否延期", 9), ("备注", 30)],
          {"申请人类型": refs["申请人类型"], "办理结果": refs["办理结果"], "具体情形": refs["具体情形"],
           "是否延期": refs["是否延期"]}, ["收到日期", "答复日期"])
    setup(rev, [("序号", 6), ("类型", 18), ("收到日期", 12), ("结果", 12), ("结案日期", 12), ("备注", 30)],
          {"类型": refs["类型"], "结果": refs["结果"]}, ["收到日期", "结案日期"])
    with open_output(target, "wb") as fh:
        wb.save(fh)
