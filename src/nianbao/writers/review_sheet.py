"""The review sheet (审核意见单): a standalone Markdown or HTML page a supervising office can send back.

Per report: what was checked, then every finding with its message, its evidence, and a row per cell
concerned with the value and where it was read in the source (report.provenance), and a blank for
the authoring office's answer. Everything is taken from the Report; nothing is re-read.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..checks.common import cell_label, cell_labels, fmt, value
from ..model import BODY_KIND_ZH, Finding, Report, where
from ..rules.basis import basis
from ..version import __version__
from .markdown import md_text

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class CellLine:
    path: str
    label: str
    value: str
    text: str  # source text the value was read from
    where: str


def ordered(findings: Sequence[Finding]) -> list[Finding]:
    """Errors first, then warnings, then info; stable within a severity."""
    return sorted(findings, key=lambda f: SEVERITY_RANK.get(f.severity, 3))


def cell_lines(report: Report, finding: Finding, labels: dict[str, str] | None = None) -> list[CellLine]:
    labels = cell_labels(report) if labels is None else labels
    out: list[CellLine] = []
    for path in finding.cells:
        prov = report.provenance.get(path)
        shown = fmt(value(report, path)) if path in labels else "—"  # a row or a whole table has no value
        out.append(CellLine(path, cell_label(report, path, labels), shown, prov.text if prov else "", where(prov)))
    return out


def summary(report: Report) -> str:
    counts = Counter(f.severity for f in report.findings)
    return "，".join(f"{SEVERITY_ZH[s]} {counts.get(s, 0)} 项" for s in ("error", "warning", "info"))


def _facts(report: Report) -> list[tuple[str, str]]:
    m = report.meta
    return [
        ("文件", f"{report.source.path}（{report.source.format}，sha256 {report.source.sha256[:12]}…）"),
        ("标题", m.title or "（未找到）"),
        ("机关", f"{m.organization or '（未找到）'}（{BODY_KIND_ZH[m.body_kind]}）"),
        ("报告年度", str(m.year) if m.year else "（未能确定）"),
        ("表格格式", m.template),
        ("发布日期", f"{m.published}（{'页面发布时间' if m.published_basis == 'page' else '落款日期'}）"
         if m.published else "（未找到）"),
        ("核查结果", summary(report)),
    ]


def _name(report: Report) -> str:
    m = report.meta
    return m.title or " ".join(x for x in (m.organization, f"{m.year}年度报告" if m.year else None) if x) \
        or report.source.path


def _stamp() -> str:
    return f"nianbao {__version__} · {dt.date.today().isoformat()}"


# -- Markdown ---------------------------------------------------------------------------------

def _md(text: str) -> str:
    """Report text for the Markdown sheet: HTML escaped (viewers render raw HTML), pipes escaped."""
    return md_text(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(reports: Sequence[Report]) -> str:
    lines = ["# 政府信息公开工作年度报告审核意见单", "", f"生成：{_stamp()}。每条意见列出所涉单元格、数值及其在原文中的位置；"
             "请在“整改说明”处填写处理情况后反馈。", ""]
    for report in reports:
        labels = cell_labels(report)
        lines += [f"## {_md(_name(report))}", ""]
        lines += [f"- {k}：{_md(v)}" for k, v in _facts(report)]
        lines.append("")
        if not report.findings:
            lines += ["未发现问题。", ""]
            continue
        for i, f in enumerate(ordered(report.findings), 1):
            lines += [f"### {i}. 【{SEVERITY_ZH[f.severity]}】{_md(f.message)}", "", f"规则：`{f.rule}`", ""]
            if f.evidence:
                lines += [f"依据：{_md(f.evidence)}", ""]
            if rule_basis := basis(f.rule):
                lines += [f"法规/格式依据：{_md(rule_basis)}", ""]
            cells = cell_lines(report, f, labels)
            if cells:
                lines += ["| 单元格 | 值 | 原文 | 位置 |", "|---|---|---|---|"]
                lines += [f"| {_md(c.label)}<br>`{_md(c.path)}` | {c.value} | {_md(c.text)} | {_md(c.where)} |"
                          for c in cells]
                lines.append("")
            lines += ["整改说明：", ""]
    return "\n".join(lines)


# -- HTML ------------------------------------------------------------------------------------

_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;color:#222;line-height:1.5}
h1{font-size:1.5rem}h2{font-size:1.25rem;border-bottom:2px solid #444;padding-bottom:.2rem;margin-top:2.5rem}
dl.facts{display:grid;grid-template-columns:7rem 1fr;gap:.2rem 1rem}dl.facts dt{color:#555}dl.facts dd{margin:0}
section.finding{border:1px solid #ccc;border-left:6px solid #999;padding:.6rem 1rem;margin:1rem 0;
page-break-inside:avoid}
section.error{border-left-color:#c62828}section.warning{border-left-color:#ef8f00}section.info{border-left-color:#1565c0}
.sev{font-weight:bold;padding:0 .4rem;border-radius:3px;color:#fff}.sev.error{background:#c62828}
.sev.warning{background:#ef8f00}.sev.info{background:#1565c0}
code{font-size:.85em;color:#555}table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.92rem}
th,td{border:1px solid #ccc;padding:.2rem .4rem;text-align:left;vertical-align:top}th{background:#f3f3f3}
td.v{text-align:right;font-weight:bold}.answer{border:1px dashed #999;min-height:3rem;padding:.3rem;color:#888}
@media print{body{margin:0}}
"""


def _h(text: object) -> str:
    return html.escape(str(text), quote=True)


def html_head(title: str, css: str = "") -> list[str]:
    """The opening of a standalone review page: doctype, inline CSS, the title and the generation stamp."""
    return ["<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
            f"<title>{_h(title)}</title>", f"<style>{_CSS}{css}</style></head><body>", f"<h1>{_h(title)}</h1>",
            f"<p>生成：{_h(_stamp())}。每条意见列出所涉单元格、数值及其在原文中的位置；请在“整改说明”处填写处理情况后反馈。</p>"]


def render_html(reports: Sequence[Report]) -> str:
    out = html_head("政府信息公开工作年度报告审核意见单")
    for report in reports:
        out += report_html(report)
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def report_html(report: Report, anchor: str = "", extra_facts: Sequence[tuple[str, str]] = ()) -> list[str]:
    """One report's part of the review page: its facts, then each finding with its cells."""
    labels = cell_labels(report)
    attr = f' id="{_h(anchor)}"' if anchor else ""
    out = [f"<h2{attr}>{_h(_name(report))}</h2>"]
    out.append('<dl class="facts">' + "".join(f"<dt>{_h(k)}</dt><dd>{_h(v)}</dd>"
                                              for k, v in [*_facts(report), *extra_facts]) + "</dl>")
    if not report.findings:
        out.append("<p>未发现问题。</p>")
    else:
        for i, f in enumerate(ordered(report.findings), 1):
            sev = f.severity
            out.append(f'<section class="finding {sev}"><p><span class="sev {sev}">{SEVERITY_ZH[sev]}</span> '
                       f"{i}. {_h(f.message)} <code>{_h(f.rule)}</code></p>")
            if f.evidence:
                out.append(f"<p>依据：{_h(f.evidence)}</p>")
            if rule_basis := basis(f.rule):
                out.append(f"<p>法规/格式依据：{_h(rule_basis)}</p>")
            cells = cell_lines(report, f, labels)
            if cells:
                out.append("<table><thead><tr><th>单元格</th><th>值</th><th>原文</th><th>位置</th></tr></thead><tbody>")
                out += [f"<tr><td>{_h(c.label)}<br><code>{_h(c.path)}</code></td><td class=\"v\">{_h(c.value)}</td>"
                        f"<td>{_h(c.text)}</td><td>{_h(c.where)}</td></tr>" for c in cells]
                out.append("</tbody></table>")
            out.append('<p>整改说明：</p><div class="answer">&nbsp;</div></section>')
    return out


__all__ = ["cell_lines", "html_head", "ordered", "render_html", "render_markdown", "report_html", "summary"]
