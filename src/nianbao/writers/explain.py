"""`--explain`: show, cell by cell, what was read and where in the source it came from."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..model import Provenance, Report, where
from ..model.cells import TABLES, template_cells
from ..model.report import CellValue
from ..rules.relations import application_row_labels
from ..templates import TABLE_NAMES, template_for

_WHERE_EMPTY = "—"


def _fmt(v: CellValue) -> str:
    return "空" if v is None else str(v)


def cell_rows(report: Report) -> list[tuple[str, str, str, CellValue, Provenance | None]]:
    """(table, cell path, label, value, provenance) for every cell of every table read."""
    template = template_for(report)
    held = tuple(t for t in TABLES if getattr(report.tables, t) is not None)
    out: list[tuple[str, str, str, CellValue, Provenance | None]] = []
    for c in template_cells(template, held):
        try:
            value = report.tables.cell(c.path)
        except KeyError:
            value = None
        label = c.row.label[:16] if c.table == "applications" else c.row.label
        out.append((TABLE_NAMES[c.table].number, c.path, f"{label} / {c.column.label}", value, report.provenance.get(c.path)))
    return out


def short_where(p: Provenance | None) -> str:
    """A compact position for grid views: 'L158:1', 'p3', 'T2 r4c5'."""
    if p is None:
        return ""
    if p.line is not None:
        return f"L{p.line}:{(p.column or 0) + 1}"
    if p.page is not None:
        mark = "" if p.ocr is None else (" OCR⚠" if p.ocr.low else " OCR")
        return f"p{p.page}{mark}"
    if p.table is not None and p.row is not None:
        return f"T{p.table + 1} r{p.row + 1}c{(p.col or 0) + 1}" + ("" if p.ocr is None else " OCR")
    return "OCR" if p.ocr is not None else ""


def _grid_cell(value: CellValue, prov: Provenance | None) -> str:
    text = _fmt(value)
    if prov is not None:
        printed = prov.text.strip()
        if printed and printed != text:
            text += f" ‹{printed}›"
        pos = short_where(prov)
        if pos:
            text += f"\n[dim]{pos}[/]"
        if prov.ocr is not None and prov.ocr.low:
            text = f"[bold red]{text}[/]"
    elif value is None:
        text = "[yellow]空[/]"
    return text


def _title(table: str) -> str:
    return f"{TABLE_NAMES[table].number} {TABLE_NAMES[table].title}"


def _table_views(report: Report) -> list[Table]:
    """Each table as read, laid out like the form, every cell with its printed text and position."""
    template = template_for(report)
    t, prov = report.tables, report.provenance
    views: list[Table] = []
    if t.active_disclosure is not None:
        view = Table("事项", "行", "各列（值 ‹原文› 位置）", title=_title("active_disclosure"), show_lines=True)
        for item in template.active.items:
            for row in item.rows:
                cells = t.active_disclosure.items.get(item.key, {}).get(row.key, {})
                parts = [f"{col.label}：" + _grid_cell(cells.get(col.key),
                                                       prov.get(f"active_disclosure.{item.key}.{row.key}.{col.key}"))
                         .replace("\n", " ") for col in item.columns]
                view.add_row(item.caption, row.label, "\n".join(parts))
        views.append(view)
    if t.applications is not None:
        cols = template.applications.columns
        codes = application_row_labels(template)
        view = Table("行", *(c.label for c in cols), title=_title("applications"), show_lines=True)
        for row in template.applications.rows:
            cells = t.applications.rows.get(row.key, {})
            label = f"{codes[row.key]} {row.label.split('（')[0]}"[:22]
            view.add_row(label, *(_grid_cell(cells.get(c.key), prov.get(f"applications.{row.key}.{c.key}"))
                                  for c in cols))
        views.append(view)
    if t.reviews_litigation is not None:
        cols = template.reviews.columns
        view = Table("", *(c.label for c in cols), title=_title("reviews_litigation"), show_lines=True)
        for group in template.reviews.groups:
            g = getattr(t.reviews_litigation, group.key)
            view.add_row(group.label, *(_grid_cell(getattr(g, c.key), prov.get(f"reviews_litigation.{group.key}.{c.key}"))
                                        for c in cols))
        views.append(view)
    return views


_META_ZH = {"title": "标题", "organization": "机关", "organization_normalized": "规范名称", "body_kind": "机关类别",
            "region": "行政区划", "year": "年度", "period_year": "统计期限年度", "published": "发布日期",
            "signed": "落款日期"}


def meta_table(report: Report) -> Table:
    """Every meta field, its value and where it was read (meta.provenance)."""
    m = report.meta
    region = m.region
    shown = {
        "title": m.title, "organization": m.organization, "organization_normalized": m.organization_normalized,
        "body_kind": m.body_kind, "year": m.year, "period_year": m.period_year, "published": m.published,
        "signed": m.signed,
        "region": " ".join(x for x in (region.province, region.prefecture, region.county, region.code) if x)
        if region else None,
    }
    table = Table("字段", "值", "读自", "原文", title=f"元数据来源（body_id：{m.body_id or '—'}）")
    for key, value in shown.items():
        src = m.provenance.get(key)
        where_read = (src.source + (f" 第{src.line}行" if src.line else "")) if src else ""
        table.add_row(_META_ZH[key], "—" if value is None else str(value), where_read, src.text if src else "")
    return table


def explain_report(report: Report, console: Console) -> None:
    m = report.meta
    console.rule(f"[bold]{report.source.path}")
    console.print(f"标题 {m.title or '（未找到）'} · 机关 {m.organization or '（未找到）'} · 类别 {m.body_kind} · "
                  f"年度 {m.year} · 格式 {m.template}（依据：{m.template_evidence}） · 发布 {m.published} · 落款 {m.signed}")
    console.print(meta_table(report))
    secs = " ".join(f"{s.number}{'✓' if s.present else '✗'}" for s in report.sections)
    console.print(f"六个部分：{secs}")
    for view in _table_views(report):
        console.print(view)
    rows = cell_rows(report)
    if rows:
        table = Table("单元格", "标签", "值", "原文", "位置", title="逐格来源（单元格路径 → 原文及位置）")
        for _tab, path, label, value, prov in rows:
            table.add_row(path, label, _fmt(value), prov.text if prov else "", where(prov))
        console.print(table)
    for name in ("active_disclosure", "applications", "reviews_litigation"):
        if getattr(report.tables, name) is None:
            console.print(f"[yellow]{name}: 未读到表格（null）[/]")
    if report.figures:
        ft = Table("正文数字", "值", "原文", "位置", title="正文中的数字")
        for k, v in report.figures.items():
            p = report.provenance.get(f"figures.{k}")
            ft.add_row(k, str(v), p.text if p else "", where(p))
        console.print(ft)
    if report.findings:
        fd = Table("级别", "规则", "说明", title="发现的问题")
        for f in report.findings:
            fd.add_row(f.severity, f.rule, f.message)
        console.print(fd)
