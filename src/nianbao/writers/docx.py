"""Word (.docx) in the official layout, via python-docx.

A4 with the margins of 党政机关公文格式 (GB/T 9704: top 37 mm, bottom 35 mm, left 28 mm, right
26 mm); title in 方正小标宋简体 二号 (22 pt), level-1 headings in 黑体 三号, body in 仿宋_GB2312 三号
(16 pt) with a two-character first-line indent, tables in 仿宋_GB2312 五号. East Asian font names
are set through `w:eastAsia`, which is what Word uses for Chinese characters. Tables carry the
form's merged cells (gridSpan / vMerge) from `writers.layout`. The output is byte-for-byte
deterministic (fixed document dates and zip timestamps).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx import Document as new_document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell

from ..model import Report
from ..templates import Template
from .base import Decor, Part, cell_text, report_parts
from .layout import LTable

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
LATIN_FONT = "Times New Roman"
FIXED_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def _font(run, east_asia: str, size: float, bold: bool = False) -> None:  # type: ignore[no-untyped-def]
    run.font.name = LATIN_FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    rfonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), east_asia)


def _paragraph(doc, text: str, font: str, size: float, align=None, indent: bool = False):  # type: ignore[no-untyped-def]
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    fmt = p.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(28) if size >= 14 else None
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    _font(p.add_run(text), font, size)
    return p


def _column_widths(table: LTable, grid: list, label_width: float | None = None) -> list[int]:  # type: ignore[type-arg]
    """Label columns 2.4 times (or `label_width` times) as wide as value columns, the whole table
    15.6 cm (A4 less margins)."""
    data = grid[table.header_rows:]
    weights = [(label_width or 2.4) if data and all(row[c][0].kind == "label" for row in data) else 1.0 for c in range(table.ncols)]
    if table.ncols > 10:
        weights = [1.0] * table.ncols
    total = Cm(15.6)
    return [int(total * w / sum(weights)) for w in weights]


def _table(doc, table: LTable, decor: Decor) -> None:  # type: ignore[no-untyped-def]
    """Write the table XML directly: one w:tc per origin cell, w:gridSpan for column spans,
    w:vMerge restart/continue down a row span (what Word itself writes for merged cells)."""
    for _ in range(decor.table_gap):
        doc.add_paragraph()
    t = doc.add_table(rows=0, cols=table.ncols)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid = table.grid()
    size = decor.table_font_size.get(table.key) or (10.5 if table.ncols <= 10 else 9)  # 表四's 15 columns: 小五
    widths = _column_widths(table, grid, decor.label_width)
    for col, w in zip(t._tbl.tblGrid.gridCol_lst, widths, strict=True):
        col.w = w
    for row in grid:
        tr = t.add_row()._tr
        for tc in list(tr.tc_lst):
            tr.remove(tc)
        tr_pr = tr.get_or_add_trPr()
        if not decor.split_rows:
            tr_pr.append(OxmlElement("w:cantSplit"))  # a row never breaks across pages
        if decor.row_height:
            height = OxmlElement("w:trHeight")
            height.set(qn("w:val"), str(round(decor.row_height * 20)))  # twentieths of a point
            height.set(qn("w:hRule"), "atLeast")
            tr_pr.append(height)
        c = 0
        while c < table.ncols:
            cell, origin = row[c]
            tc = tr._add_tc()
            tc.width = sum(widths[c:c + cell.colspan])
            if cell.colspan > 1:
                tc.grid_span = cell.colspan
            if cell.rowspan > 1:
                tc.vMerge = "restart" if origin else "continue"
            tc.get_or_add_tcPr().vAlign_val = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            para = _Cell(tc, t).paragraphs[0]
            if origin:
                para.alignment = WD_ALIGN_PARAGRAPH.LEFT if cell.kind == "label" else WD_ALIGN_PARAGRAPH.CENTER
                _font(para.add_run(cell_text(cell, decor)), BODY_FONT, size, bold=cell.kind == "caption")
            c += cell.colspan
    doc.add_paragraph()


def _part(doc, part: Part, decor: Decor) -> None:  # type: ignore[no-untyped-def]
    if part.kind == "title":
        _paragraph(doc, part.text, TITLE_FONT, 22, WD_ALIGN_PARAGRAPH.CENTER)
    elif part.kind == "meta":
        _paragraph(doc, part.text, BODY_FONT, 12, WD_ALIGN_PARAGRAPH.CENTER)
    elif part.kind == "heading":
        _paragraph(doc, part.text, HEADING_FONT, 16, indent=True)
    elif part.kind == "signature":
        _paragraph(doc, part.text, BODY_FONT, 16, WD_ALIGN_PARAGRAPH.RIGHT)
    elif part.kind == "table" and part.table is not None:
        _table(doc, part.table, decor)
    elif part.kind == "image":
        _paragraph(doc, f"（表格图片：{part.text}）", BODY_FONT, 16, indent=True)
    else:
        _paragraph(doc, part.text, BODY_FONT, 16, indent=True)


def to_docx(report: Report, template: Template | None = None, decor: Decor | None = None) -> bytes:
    decor = decor or Decor()
    doc = official_document(report.meta.organization or "", report.meta.title or "")
    for part in report_parts(report, template, decor):
        _part(doc, part, decor)
    return docx_bytes(doc)


def official_document(author: str, title: str):  # type: ignore[no-untyped-def]
    """An empty A4 document with the 公文 margins, body font and fixed properties (deterministic output)."""
    doc = new_document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    props = doc.core_properties
    props.author = author
    props.title = title
    props.created = props.modified = FIXED_TIME
    props.last_modified_by = "nianbao"
    props.revision = 1
    return doc


def docx_bytes(doc) -> bytes:  # type: ignore[no-untyped-def]
    raw = io.BytesIO()
    doc.save(raw)
    return _normalise_zip(raw.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Same bytes for the same report: fixed zip timestamps, entries in their original order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
