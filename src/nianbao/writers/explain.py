"""`--explain`: show, cell by cell, what was read and where in the source it came from."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..model import Provenance, Report
from ..model.report import CellValue
from ..rules.relations import application_row_labels
from ..templates import get_template, template_for_year

_WHERE_EMPTY = "—"


def where(p: Provenance | None) -> str:
    """A short position: '第12行 第5列', '第3页 (x0,top)', '表1 行2 列3'."""
    if p is None:
        return _WHERE_EMPTY
    parts = []
    if p.page is not None:
        parts.append(f"第{p.page}页")
    if p.line is not None:
        parts.append(f"第{p.line}行" + (f" 第{p.column + 1}字" if p.column is not None else ""))
    if p.table is not None:
        parts.append(f"表格{p.table + 1}")
    if p.row is not None and p.col is not None:
        parts.append(f"行{p.row + 1} 列{p.col + 1}")
    if p.bbox is not None and p.line is None:
        parts.append(f"({p.bbox[0]:.0f},{p.bbox[1]:.0f})")
    return " ".join(parts) or _WHERE_EMPTY


def _fmt(v: CellValue) -> str:
    return "空" if v is None else str(v)


def cell_rows(report: Report) -> list[tuple[str, str, str, CellValue, Provenance | None]]:
    """(table, cell path, label, value, provenance) for every cell of every table read."""
    meta = report.meta
    template = get_template(meta.template) if meta.template in ("2019", "2021") else template_for_year(meta.year)
    out: list[tuple[str, str, str, CellValue, Provenance | None]] = []
    t = report.tables
    if t.active_disclosure is not None:
        for item in template.active.items:
            for row in item.rows:
                for col in item.columns:
                    path = f"active_disclosure.{item.key}.{row.key}.{col.key}"
                    value = t.active_disclosure.items.get(item.key, {}).get(row.key, {}).get(col.key)
                    out.append(("表二", path, f"{row.label} / {col.label}", value, report.provenance.get(path)))
    if t.applications is not None:
        for row in template.applications.rows:
            for col in template.applications.columns:
                path = f"applications.{row.key}.{col.key}"
                value = t.applications.rows.get(row.key, {}).get(col.key)
                out.append(("表三", path, f"{row.label[:16]} / {col.label}", value, report.provenance.get(path)))
    if t.reviews_litigation is not None:
        for group in template.reviews.groups:
            for col in template.reviews.columns:
                path = f"reviews_litigation.{group.key}.{col.key}"
                value = getattr(getattr(t.reviews_litigation, group.key), col.key)
                out.append(("表四", path, f"{group.label} / {col.label}", value, report.provenance.get(path)))
    return out


def short_where(p: Provenance | None) -> str:
    """A compact position for grid views: 'L158:1', 'p3', 'T2 r4c5'."""
    if p is None:
        return ""
    if p.line is not None:
        return f"L{p.line}:{(p.column or 0) + 1}"
    if p.page is not None:
        return f"p{p.page}"
    if p.table is not None and p.row is not None:
        return f"T{p.table + 1} r{p.row + 1}c{(p.col or 0) + 1}"
    return ""


def _grid_cell(value: CellValue, prov: Provenance | None) -> str:
    text = _fmt(value)
    if prov is not None:
        printed = prov.text.strip()
        if printed and printed != text:
            text += f" ‹{printed}›"
        pos = short_where(prov)
        if pos:
            text += f"\n[dim]{pos}[/]"
    elif value is None:
        text = "[yellow]空[/]"
    return text


def _table_views(report: Report) -> list[Table]:
    """Each table as read, laid out like the form, every cell with its printed text and position."""
    meta = report.meta
    template = get_template(meta.template) if meta.template in ("2019", "2021") else template_for_year(meta.year)
    t, prov = report.tables, report.provenance
    views: list[Table] = []
    if t.active_disclosure is not None:
        view = Table("事项", "行", "各列（值 ‹原文› 位置）", title="表二 主动公开政府信息情况", show_lines=True)
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
        view = Table("行", *(c.label for c in cols), title="表三 收到和处理政府信息公开申请情况", show_lines=True)
        for row in template.applications.rows:
            cells = t.applications.rows.get(row.key, {})
            label = f"{codes[row.key]} {row.label.split('（')[0]}"[:22]
            view.add_row(label, *(_grid_cell(cells.get(c.key), prov.get(f"applications.{row.key}.{c.key}"))
                                  for c in cols))
        views.append(view)
    if t.reviews_litigation is not None:
        cols = template.reviews.columns
        view = Table("", *(c.label for c in cols), title="表四 政府信息公开行政复议、行政诉讼情况", show_lines=True)
        for group in template.reviews.groups:
            g = getattr(t.reviews_litigation, group.key)
            view.add_row(group.label, *(_grid_cell(getattr(g, c.key), prov.get(f"reviews_litigation.{group.key}.{c.key}"))
                                        for c in cols))
        views.append(view)
    return views


def explain_report(report: Report, console: Console) -> None:
    m = report.meta
    console.rule(f"[bold]{report.source.path}")
    console.print(f"标题 {m.title or '（未找到）'} · 机关 {m.organization or '（未找到）'} · 类别 {m.body_kind} · "
                  f"年度 {m.year} · 格式 {m.template}（依据：{m.template_evidence}） · 发布 {m.published} · 落款 {m.signed}")
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
