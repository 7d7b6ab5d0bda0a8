"""A report as an ordered list of printable parts, shared by every output format.

`report_parts` decides *what* is printed (title, page metadata, section headings and text, the
tables under sections 二/三/四, the signature); each format module decides *how*. `Decor`
carries the presentation choices the synthetic corpus varies (navigation junk, the text printed
in a cell, tables published as images); `render` uses the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..model import Report
from ..normalize import CN_NUMERALS
from ..templates import SECTIONS, Template, template_for
from .layout import LCell, LTable, tables_layouts

PartKind = Literal["junk", "title", "meta", "heading", "paragraph", "table", "image", "signature"]


@dataclass(slots=True)
class Decor:
    """Presentation choices. Defaults print the plain official layout."""

    junk_top: list[str] = field(default_factory=list)  # navigation lines before the title
    junk_bottom: list[str] = field(default_factory=list)  # 打印/关闭 … after the signature
    page_meta: dict[str, str] = field(default_factory=dict)  # 发布时间: … printed under the title
    intro: str | None = None  # paragraph before section 一; None: the standard one (period, contact); "": none
    cell_text: dict[str, str] = field(default_factory=dict)  # cell path -> text as printed
    images: dict[str, str] = field(default_factory=dict)  # table key -> image src printed instead
    omit_tables: set[str] = field(default_factory=set)  # tables left out entirely
    header_text: dict[str, str] = field(default_factory=dict)  # header label -> text as printed (wrapped)
    signature: bool = True
    # page layout of tables (DOCX/PDF): rows allowed to break across pages (as Word's default does),
    # font size per table key (applications, reviews_litigation, active_disclosure.<item>; None: 五号,
    # 表四 小五), a minimum row height in points (tall rows put page breaks inside rows), the label
    # column's width relative to a value column (None: 2.4; narrower wraps labels onto more lines),
    # and empty lines before each table (moves where the page breaks fall)
    split_rows: bool = False
    table_font_size: dict[str, float] = field(default_factory=dict)
    row_height: float | None = None
    label_width: float | None = None
    table_gap: int = 0


@dataclass(slots=True)
class Part:
    kind: PartKind
    text: str = ""
    table: LTable | None = None
    level: int = 1


def cell_text(cell: LCell, decor: Decor) -> str:
    if cell.kind == "value" and cell.path is not None and cell.path in decor.cell_text:
        return decor.cell_text[cell.path]
    if cell.kind in ("header", "note") and cell.text in decor.header_text:
        return decor.header_text[cell.text]
    return cell.text


def report_title(report: Report) -> str:
    if report.meta.title:
        return report.meta.title
    org = report.meta.organization or ""
    year = f"{report.meta.year}年" if report.meta.year else ""
    return f"{org}{year}政府信息公开工作年度报告"


def standard_intro(report: Report) -> str:
    """The usual opening: legal basis, statistical period, whom to ask (with the contact given)."""
    year = report.meta.year
    if year is None:
        return ""
    text = (f"本报告依据《中华人民共和国政府信息公开条例》编制。报告中所列数据的统计期限自{year}年1月1日起"
            f"至{year}年12月31日止。")
    c = report.meta.contact
    items = [f"{label}：{v}" for label, v in (("地址", c.address), ("邮编", c.postcode), ("电话", c.phone),
                                              ("传真", c.fax), ("电子邮箱", c.email)) if v]
    if items and report.meta.organization:
        text += f"如对本报告有疑问，请与{report.meta.organization}联系（{'；'.join(items)}）。"
    return text


def report_parts(report: Report, template: Template | None = None, decor: Decor | None = None) -> list[Part]:
    template = template or template_for(report)
    decor = decor or Decor()
    layouts = tables_layouts(report.tables, template)
    parts: list[Part] = [Part("junk", line) for line in decor.junk_top]
    parts.append(Part("title", report_title(report)))
    for k, v in decor.page_meta.items():
        parts.append(Part("meta", f"{k}：{v}"))
    intro = standard_intro(report) if decor.intro is None else decor.intro
    if intro:
        parts.append(Part("paragraph", intro))
    by_number = {s.number: s for s in report.sections}
    for sec in SECTIONS:
        have = by_number.get(sec.number)
        if have is not None and not have.present and not have.text and sec.table is None:
            continue
        heading = have.heading if have is not None and have.heading else f"{CN_NUMERALS[sec.number - 1]}、{sec.title}"
        parts.append(Part("heading", heading))
        for para in (have.text if have is not None else "").split("\n"):
            if para.strip():
                parts.append(Part("paragraph", para.strip()))
        if sec.table is None:
            continue
        if sec.table in decor.images:
            parts.append(Part("image", decor.images[sec.table]))
            continue
        if sec.table in decor.omit_tables:
            continue
        for table in layouts.get(sec.table, []):
            parts.append(Part("table", table=table))
    if decor.signature:
        if report.meta.organization:
            parts.append(Part("signature", report.meta.organization))
        date = report.meta.signed or report.meta.published
        if date is not None:
            parts.append(Part("signature", f"{date.year}年{date.month}月{date.day}日"))
    parts.extend(Part("junk", line) for line in decor.junk_bottom)
    return parts
