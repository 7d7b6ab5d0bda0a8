"""What the report page shows, built from a Report: tables in the official layout with each
finding at its cells, metadata with its evidence, sections, and a cell's origin.

Templates only loop over these plain objects; Jinja2 autoescaping does all the escaping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..checks.common import TABLE_SHORT, cell_labels
from ..model import BODY_KIND_ZH, Finding, Report, where
from ..templates import TABLE_NAMES, template_for
from ..writers.layout import LTable, format_value, report_tables
from ..writers.review_sheet import SEVERITY_RANK, SEVERITY_ZH, cell_lines, ordered
from .store import Entry

TEMPLATE_EVIDENCE_ZH = {"tables": "依据表格中的栏目名称", "year": "表格未读到，按年度推定", "none": "无依据"}
PUBLISHED_BASIS_ZH = {"page": "网页上的“发布时间”", "signature": "落款日期"}
CONTACT_ZH = {"address": "地址", "postcode": "邮编", "phone": "电话", "fax": "传真", "email": "电子邮箱"}
FORMAT_ZH = {"text": "文本", "html": "网页（HTML）", "pdf": "PDF", "docx": "Word", "image": "图片"}


@dataclass
class CellView:
    text: str
    kind: str
    rowspan: int = 1
    colspan: int = 1
    path: str | None = None
    severity: str | None = None
    findings: list[int] = field(default_factory=list)
    edited: bool = False
    has_source: bool = False

    @property
    def css(self) -> str:
        classes = [f"c-{self.kind}"]
        if self.severity:
            classes.append(f"sev-{self.severity}")
        if self.edited:
            classes.append("edited")
        if self.path:
            classes.append("cell")
        return " ".join(classes)

    @property
    def tip(self) -> str:
        return "；".join(f"#{i + 1}" for i in self.findings)


@dataclass
class TableView:
    key: str
    title: str
    caption: str | None
    rows: list[list[CellView]]
    header_rows: int


@dataclass
class FindingView:
    number: int
    severity: str
    severity_zh: str
    rule: str
    message: str
    evidence: str
    cells: list[Any]


def _worst(findings: list[Finding]) -> str | None:
    if not findings:
        return None
    return min((f.severity for f in findings), key=lambda s: SEVERITY_RANK.get(s, 3))


def findings_by_cell(findings: list[Finding]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i, f in enumerate(findings):
        for path in f.cells:
            out.setdefault(path, []).append(i)
    return out


def _table_view(table: LTable, report: Report, at: dict[str, list[int]], edits: dict[str, Any]) -> TableView:
    findings = report.findings
    rows: list[list[CellView]] = []
    for row in table.rows:
        out_row = []
        for cell in row:
            view = CellView(cell.text, cell.kind, cell.rowspan, cell.colspan, cell.path)
            if cell.path:
                hits = at.get(cell.path, [])
                view.findings = hits
                view.severity = _worst([findings[i] for i in hits])
                view.edited = cell.path in edits
                view.has_source = cell.path in report.provenance
                if cell.kind == "value" and not cell.text:
                    view.text = ""
            out_row.append(view)
        rows.append(out_row)
    short = TABLE_SHORT.get(table.key.split(".")[0], "")
    return TableView(table.key, short, table.caption, rows, table.header_rows)


TABLE_TITLES = {key: f"{name.number} {name.title}" for key, name in TABLE_NAMES.items()}


def tables_view(report: Report, edits: dict[str, Any]) -> list[dict[str, Any]]:
    """[{key, title, parts: [TableView], missing, findings}] for the three tables in form order."""
    at = findings_by_cell(report.findings)
    try:
        layouts = report_tables(report, template_for(report))
    except (KeyError, ValueError):  # tables of a layout the template does not know: shown as missing
        layouts = {}
    out = []
    for key in ("active_disclosure", "applications", "reviews_litigation"):
        whole = [i + 1 for i in at.get(key, [])]
        if key not in layouts:
            out.append({"key": key, "title": TABLE_TITLES[key], "parts": [], "missing": True, "findings": whole})
            continue
        parts = [_table_view(t, report, at, edits) for t in layouts[key]]
        out.append({"key": key, "title": TABLE_TITLES[key], "parts": parts, "missing": False, "findings": whole})
    return out


def findings_view(report: Report) -> list[FindingView]:
    labels = cell_labels(report)
    number = {id(f): i + 1 for i, f in enumerate(report.findings)}
    return [FindingView(number[id(f)], f.severity, SEVERITY_ZH.get(f.severity, f.severity), f.rule, f.message,
                        f.evidence, cell_lines(report, f, labels)) for f in ordered(report.findings)]


def _find_line(view: dict[str, Any], needle: str | None) -> str:
    """'第N行：…' for the first source line that holds `needle` (text and HTML sources)."""
    if not needle or view.get("kind") != "lines":
        return ""
    for n, line in enumerate(view["lines"], start=1):
        if needle in line:
            text = line.strip()
            return f"第{n}行：{text[:120]}"
    return ""


META_SOURCE_ZH = {"title": "标题", "signature": "落款", "page": "网页信息", "preamble": "报告开头", "contact": "联系方式",
                  "text": "正文", "url": "网址", "tables": "表格", "override": "人工指定", "derived": "推断"}


def _meta_source(report: Report, key: str) -> str:
    """'标题（第3行）：…' from the extractor's record of where a meta field was read ('' when none)."""
    src = report.meta.provenance.get(key)
    if src is None:
        return ""
    kind, _, detail = src.source.partition(":")
    label = META_SOURCE_ZH.get(kind, kind) + (f"“{detail}”" if detail else "")
    line = f"（第{src.line}行）" if src.line is not None else ""
    return f"{label}{line}：{src.text[:120]}" if src.text else label + line


def meta_view(entry: Entry) -> list[tuple[str, str, str]]:
    """(field, value, evidence) rows: the value and why it was decided or where it was read."""
    report, view = entry.report, entry.view
    m = report.meta

    def ev(key: str, needle: str | None = None, fallback: str = "") -> str:
        return _meta_source(report, key) or fallback or _find_line(view, needle)

    published = m.published.isoformat() if m.published else None
    pub_ev = PUBLISHED_BASIS_ZH.get(m.published_basis or "", "")
    contact = "；".join(f"{CONTACT_ZH.get(k, k)} {v}" for k, v in m.contact.model_dump().items() if v)
    region = m.region
    place = " ".join(x for x in (region.province, region.prefecture, region.county) if x) if region else ""
    rows = [
        ("标题", m.title or "（未找到）", ev("title", m.title)),
        ("机关", m.organization or "（未找到）", ev("organization", m.organization)),
        ("机关类别", BODY_KIND_ZH.get(m.body_kind, m.body_kind), ev("body_kind")),
        ("地区", f"{place}（{region.code}）" if region and region.code else place or "（未能判断）", ev("region")),
        ("年度", str(m.year) if m.year else "（未找到）", ev("year", str(m.year) if m.year else None)),
        ("统计期限", f"{m.period_year} 年" if m.period_year else "（报告未写明）", ev("period_year")),
        ("格式版本", {"2019": "2019 年版", "2021": "2021 年版"}.get(m.template, m.template),
         TEMPLATE_EVIDENCE_ZH.get(m.template_evidence, "")),
        ("发布日期", published or "（未找到）", ev("published", fallback="依据：" + pub_ev if pub_ev else "")),
        ("落款日期", m.signed.isoformat() if m.signed else "（未找到）", ev("signed")),
        ("联系方式", contact or "（未找到）", ev("contact")),
        ("来源文件", f"{entry.name}（{FORMAT_ZH.get(report.source.format, report.source.format)}）",
         f"sha256 {report.source.sha256[:16]}…" if report.source.sha256 else ""),
    ]
    return rows


def cell_origin(entry: Entry, path: str) -> dict[str, Any]:
    """Everything the side panel shows for a clicked cell (JSON for the page's script and the API)."""
    report = entry.report
    labels = cell_labels(report)
    if path not in labels:
        raise KeyError(path)
    prov = report.provenance.get(path)
    at = findings_by_cell(report.findings).get(path, [])
    value = report.cell(path)
    out: dict[str, Any] = {
        "path": path, "label": labels[path], "value": value, "shown": format_value(value),
        "edited": None, "provenance": prov.model_dump() if prov else None, "where": where(prov) if prov else "",
        "findings": [{"number": i + 1, "severity": report.findings[i].severity, "message": report.findings[i].message}
                     for i in at],
        "source": None,
    }
    if path in entry.edits:
        read, corrected = entry.edits[path]
        out["edited"] = {"read": read, "corrected": corrected}
    if prov is None:
        return out
    view = entry.view
    if view.get("kind") == "lines" and prov.line is not None:
        lines = view["lines"]
        lo, hi = max(1, prov.line - 3), min(len(lines), prov.line + 3)
        out["source"] = {"kind": "lines", "line": prov.line, "column": prov.column,
                         "lines": [{"n": n, "text": lines[n - 1]} for n in range(lo, hi + 1)]}
    elif view.get("kind") in ("pdf", "image") and (prov.page is not None or view.get("kind") == "image"):
        out["source"] = {"kind": "page", "page": prov.page or 1, "bbox": prov.bbox,
                         "url": f"/report/{entry.id}/page/{prov.page or 1}.png?cell={path}",
                         "crop_url": f"/report/{entry.id}/page/{prov.page or 1}.png?cell={path}&crop=true"}
    elif prov.table is not None and str(prov.table) in view.get("grids", {}):
        rows = view["grids"][str(prov.table)]
        r = prov.row or 0
        lo, hi = max(0, r - 2), min(len(rows), r + 3)
        out["source"] = {"kind": "grid", "table": prov.table, "row": r, "col": prov.col,
                         "rows": [{"n": i, "cells": rows[i]} for i in range(lo, hi)]}
    return out
