"""What a supervising office's review of many reports holds, shared by the XLSX, DOCX and HTML writers.

One `ReviewItem` per report checked: the report (findings included), the previous-year report it was
paired with (or why none), and derived facts: the deadline verdict, the counts, a status. Findings are
ordered worst first, and each comes with the cells it concerns, their printed numbers and where they
were read, and the basis of its rule in the 条例 or the national format.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from ..checks import deadline
from ..checks.common import cell_labels
from ..model import BODY_KIND_ZH, Finding, Report
from ..rules.basis import basis
from ..rules.catalogue import RULES
from .review_sheet import SEVERITY_RANK, SEVERITY_ZH, CellLine, cell_lines, ordered

STATUS = ("需整改", "请核实", "通过")  # errors / warnings only / neither


@dataclass
class ReviewItem:
    report: Report
    previous: Report | None = None
    pairing_note: str = ""  # why no previous report was used ('' when one was)

    @property
    def counts(self) -> Counter[str]:
        return Counter(f.severity for f in self.report.findings)

    @property
    def status(self) -> str:
        c = self.counts
        return STATUS[0] if c["error"] else STATUS[1] if c["warning"] else STATUS[2]

    @property
    def body(self) -> str:
        return self.report.meta.organization or "（机关未识别）"

    @cached_property
    def labels(self) -> dict[str, str]:
        return cell_labels(self.report)

    def cells(self, f: Finding) -> list[CellLine]:
        return cell_lines(self.report, f, self.labels)

    def findings(self) -> list[Finding]:
        return ordered(self.report.findings)


def deadline_verdict(report: Report) -> str:
    """按时 / 逾期N天 / 早于年度结束 / 无法定期限 / 未找到日期 / 年度不明 / 机关类别不明 (with the due date)."""
    m = report.meta
    if m.year is None:
        return "年度不明"
    due = deadline(m.year, m.body_kind)
    if m.published is None:
        return "未找到发布日期" + (f"（期限 {due[0].isoformat()}）" if due else "")
    if m.published <= dt.date(m.year, 12, 31):
        return f"发布早于年度结束（{m.published.isoformat()}）"
    if due is None:
        return "无法定期限" if m.body_kind == "township" else "机关类别不明，未核对"
    day = due[0]
    if m.published > day:
        return f"逾期{(m.published - day).days}天（期限 {day.isoformat()}）"
    return f"按时（期限 {day.isoformat()}）"


def order_items(items: Sequence[ReviewItem]) -> list[ReviewItem]:
    """Worst first: most errors, then most warnings; input order otherwise."""
    return sorted(items, key=lambda it: (-it.counts["error"], -it.counts["warning"], -it.counts["info"]))


def item_name(item: ReviewItem) -> str:
    m = item.report.meta
    return f"{item.body} {m.year or '年度不明'}年度"


SUMMARY_HEADER = ("序号", "机关", "机关类别", "报告年度", "表格格式", "发布日期", "发布时限", "错误", "警告", "提示",
                  "审核结论", "上年报告", "文件")


def summary_row(n: int, item: ReviewItem) -> tuple[object, ...]:
    m, c = item.report.meta, item.counts
    prev = item.previous.source.path if item.previous is not None else (item.pairing_note or "—")
    return (n, item.body, BODY_KIND_ZH[m.body_kind], m.year, m.template, m.published, deadline_verdict(item.report),
            c["error"], c["warning"], c["info"], item.status, prev, item.report.source.path)


FINDINGS_HEADER = ("机关", "报告年度", "级别", "规则", "问题", "说明", "所涉单元格", "表中数字（原文及位置）", "核对依据",
                   "法规/格式依据", "文件")


def printed_numbers(lines: Sequence[CellLine], limit: int = 12) -> str:
    """'三(一)… / 自然人 = 8（原文“8”，第32行 第20字）' one line per cell."""
    out = []
    for c in lines[:limit]:
        src = f"原文“{c.text}”，{c.where}" if c.text else c.where
        out.append(f"{c.label} = {c.value}" + (f"（{src}）" if src != "—" else ""))
    if len(lines) > limit:
        out.append(f"……（共{len(lines)}格）")
    return "\n".join(out)


def finding_rows(items: Sequence[ReviewItem]) -> list[tuple[str, tuple[object, ...]]]:
    """(severity, row) for every finding of every report, worst first (severity, then the worst reports)."""
    rows: list[tuple[tuple[int, int], str, tuple[object, ...]]] = []
    for rank, item in enumerate(order_items(items)):
        for f in item.findings():
            lines = item.cells(f)
            rule = RULES.get(f.rule)
            rows.append(((SEVERITY_RANK.get(f.severity, 3), rank), f.severity, (
                item.body, item.report.meta.year, SEVERITY_ZH[f.severity], f.rule, rule.title if rule else "",
                f.message, "\n".join(f"{c.label}（{c.path}）" for c in lines), printed_numbers(lines), f.evidence,
                basis(f.rule), item.report.source.path)))
    rows.sort(key=lambda r: r[0])
    return [(sev, row) for _, sev, row in rows]
