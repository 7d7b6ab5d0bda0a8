"""The 审核意见 (review opinion) as Word: one document per report, to fill in, stamp and send.

Header fields for the reviewing office, the reviewer and the date (filled when given, else blank lines to
write on), the report's facts, then one table row per finding, worst first: the problem with its check
and its basis beside the cells it concerns with their printed numbers and where they were read, and an
empty column for the body's 整改情况. python-docx; deterministic bytes (`docx.docx_bytes`).
"""

from __future__ import annotations

import datetime as dt
import re

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from ..model import BODY_KIND_ZH
from ..rules.basis import basis
from .docx import BODY_FONT, HEADING_FONT, TITLE_FONT, _font, docx_bytes, official_document
from .review import ReviewItem, deadline_verdict, printed_numbers
from .review_sheet import SEVERITY_ZH

DOC_TITLE = "政府信息公开工作年度报告审核意见"
FINDINGS_HEADER = ("序号", "级别", "问题、核对依据与法规依据", "所涉单元格及表中数字", "整改情况")
_SMALL = 10.5  # 五号
_BLANK = "＿＿＿＿＿＿＿＿＿＿＿＿"
_UNSAFE = re.compile(r'[\\/:*?"<>|\s\x00-\x1f]+')


def review_filename(item: ReviewItem) -> str:
    """'<机关>_<年度>年度_审核意见.docx', safe on every file system."""
    m = item.report.meta
    body = _UNSAFE.sub("_", m.organization or "机关未识别").strip("._") or "机关未识别"
    return f"{body[:60]}_{m.year or '年度不明'}年度_审核意见.docx"


def _para(doc, text: str, font: str = BODY_FONT, size: float = 14, bold: bool = False, align=None):  # type: ignore[no-untyped-def]
    p = doc.add_paragraph()
    p.paragraph_format.space_after = Pt(2)
    if align is not None:
        p.alignment = align
    _font(p.add_run(text), font, size, bold)
    return p


def _cell_text(cell, text: str, size: float = _SMALL, bold: bool = False) -> None:  # type: ignore[no-untyped-def]
    cell.text = ""
    lines = text.split("\n") or [""]
    for i, line in enumerate(lines):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        _font(p.add_run(line), BODY_FONT, size, bold)


def _widths(table, cm: tuple[float, ...]) -> None:  # type: ignore[no-untyped-def]
    """Fixed column widths (the grid for LibreOffice, every cell for Word); the text block is 15.6 cm."""
    table.autofit = False
    for col, w in zip(table.columns, cm, strict=True):
        col.width = Cm(w)
    for row in table.rows:
        for cell, w in zip(row.cells, cm, strict=True):
            cell.width = Cm(w)


def review_docx(item: ReviewItem, office: str = "", reviewer: str = "", date: dt.date | None = None) -> bytes:
    report, m = item.report, item.report.meta
    doc = official_document(office, f"{DOC_TITLE}：{m.title or item.body}")
    _para(doc, DOC_TITLE, TITLE_FONT, 22, align=WD_ALIGN_PARAGRAPH.CENTER)
    c = item.counts
    when = f"{date.year}年{date.month}月{date.day}日" if date else "＿＿＿＿年＿＿月＿＿日"
    facts = (
        ("被审核机关", f"{item.body}（{BODY_KIND_ZH[m.body_kind]}）"),
        ("报告", m.title or report.source.path),
        ("报告年度", f"{m.year}年度" if m.year else "未能确定"),
        ("发布日期", f"{m.published.isoformat() if m.published else '未找到'}；{deadline_verdict(report)}"),
        ("上年报告", item.previous.source.path if item.previous is not None else (item.pairing_note or "未提供")),
        ("审核结论", f"{item.status}（错误{c['error']}项，警告{c['warning']}项，提示{c['info']}项）"),
        ("审核机关", office or _BLANK),
        ("审核人", reviewer or _BLANK),
        ("审核日期", when),
    )
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for key, val in facts:
        row = table.add_row().cells
        _cell_text(row[0], key, 12, bold=True)
        _cell_text(row[1], val, 12)
    _widths(table, (3.2, 12.4))
    _para(doc, "")
    _para(doc, "一、审核发现的问题", HEADING_FONT, 16)
    findings = item.findings()
    if not findings:
        _para(doc, "经核查，未发现问题。")
    else:
        grid = doc.add_table(rows=1, cols=len(FINDINGS_HEADER))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, FINDINGS_HEADER, strict=True):
            _cell_text(cell, text, bold=True)
        for n, f in enumerate(findings, 1):
            row = grid.add_row().cells
            problem = f.message + (f"\n核对依据：{f.evidence}" if f.evidence else "")
            if rule_basis := basis(f.rule):
                problem += f"\n法规/格式依据：{rule_basis}"
            problem += f"\n规则：{f.rule}"
            _cell_text(row[0], str(n))
            _cell_text(row[1], SEVERITY_ZH[f.severity], bold=f.severity == "error")
            _cell_text(row[2], problem)
            _cell_text(row[3], printed_numbers(item.cells(f)) or "—")
            _cell_text(row[4], "")
        _widths(grid, (1.0, 1.2, 6.4, 4.6, 2.4))
    _para(doc, "")
    _para(doc, "二、整改要求", HEADING_FONT, 16)
    _para(doc, "请对上述问题逐项核实，在“整改情况”栏填写处理结果；属于报告内容错误的，更正后重新发布并说明。")
    _para(doc, "")
    _para(doc, f"审核机关（盖章）：{office or _BLANK}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, f"日期：{when}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    return docx_bytes(doc)
