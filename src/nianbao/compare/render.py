"""A `Comparison` (two reports side by side) as text, one standalone HTML page, or an XLSX workbook.

The HTML highlights, in the newer report's section texts, the passages copied from the older one
(numbers masked, so a copied paragraph with new numbers is still marked). Every text is escaped; the
workbook stores formula-like text as text (`writers.spreadsheet`). Kept beside the model (not in writers/):
the writers sit below `compare` in the layering.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from ..checks.common import fmt
from ..model import Finding
from ..writers.review_sheet import SEVERITY_ZH, ordered
from ..writers.spreadsheet import FILLS, add_sheet, new_workbook
from .comparison import CellChange, Comparison, ReportSide, SectionComparison

VERDICT_ZH = {"holds": "衔接", "broken": "不衔接", "unknown": "无法判断（有空白）"}


def _name(side: ReportSide) -> str:
    return f"{side.organization or side.path} {side.year or '？'}年度"


def _pct(c: CellChange) -> str:
    if c.delta == 0:
        return "0%"
    if c.pct is None:
        return "—" if c.delta in (None, 0) else "新增"
    return f"{c.pct:+.1f}%"


def _delta(c: CellChange) -> str:
    if c.delta is None:
        return "—"
    return f"{'+' if c.delta > 0 else ''}{fmt(c.delta)}"


def _verdict(s: SectionComparison) -> str:
    return " 雷同" if s.flagged else "" if s.judged or s.similarity is None else "（过短，不判断）"


def _sim(s: SectionComparison) -> str:
    return "—" if s.similarity is None else f"{round(s.similarity * 100)}%"


def _headline(c: Comparison) -> list[str]:
    out = [f"比较：{_name(c.a)}（{c.a.path}） → {_name(c.b)}（{c.b.path}）"]
    if not c.same_body:
        out.append("注意：两份报告的机关不同")
    if not c.consecutive:
        out.append("注意：两份报告不是相邻年度，未做跨年度衔接核对")
    return out


# -- text ------------------------------------------------------------------------------------

def comparison_text(c: Comparison, all_cells: bool = False) -> str:
    """Plain text: changed cells (all cells with `all_cells`), relations, sections, findings."""
    lines = _headline(c) + [""]
    for t in c.tables:
        shown = [x for x in t.cells if all_cells or x.changed]
        lines.append(f"{t.short} {t.title}：{'有' if t.in_a else '无'} → {'有' if t.in_b else '无'}，"
                     f"{sum(x.changed for x in t.cells)}/{len(t.cells)} 格有变化")
        lines += [f"  {x.label}：{fmt(x.a)} → {fmt(x.b)}（{_delta(x)}，{_pct(x)}）" for x in shown]
    lines += ["", "跨年度衔接："]
    lines += [f"  [{VERDICT_ZH[r.verdict]}] {r.title} {r.evidence if r.verdict != 'holds' else r.scope}"
              for r in c.relations] or ["  （无）"]
    lines += ["", f"各部分重复率（≥{round(c.similarity_threshold * 100)}% 视为雷同）："]
    for s in c.sections:
        lines.append(f"  {s.number} {s.title}：{_sim(s)}{_verdict(s)}（{s.a_chars}字 → {s.b_chars}字）")
        lines += [f"    “{p.text[:60]}{'……' if len(p.text) > 60 else ''}”（{p.length}字）" for p in s.passages[:3]]
    for side, label in ((c.a, "上年"), (c.b, "本年")):
        lines += ["", f"{label}报告的核查结果（{_name(side)}）："]
        lines += [f"  [{SEVERITY_ZH[f.severity]}] {f.message}" for f in ordered(side.findings)] or ["  未发现问题。"]
    return "\n".join(lines) + "\n"


# -- HTML ------------------------------------------------------------------------------------

_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;max-width:72rem;margin:2rem auto;
padding:0 1rem;color:#222;line-height:1.5}
h1{font-size:1.5rem}h2{font-size:1.2rem;border-bottom:2px solid #444;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.2rem .4rem;text-align:left;vertical-align:top}th{background:#f3f3f3}
td.n{text-align:right;font-variant-numeric:tabular-nums}tr.same td{color:#888}
td.up{color:#1b5e20}td.down{color:#b71c1c}
.holds{color:#2e7d32}.broken{color:#c62828;font-weight:bold}.unknown{color:#b26a00}
.sev{font-weight:bold;padding:0 .3rem;border-radius:3px;color:#fff}.sev.error{background:#c62828}
.sev.warning{background:#ef8f00}.sev.info{background:#1565c0}
mark{background:#ffe08a}.text{white-space:pre-wrap;border:1px solid #ddd;padding:.5rem;font-size:.9rem}
.note{color:#b26a00}details{margin:.3rem 0}
"""


def _h(text: object) -> str:
    return html.escape(str(text), quote=True)


def _marked(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """`text` escaped, with the given [start, end) spans in <mark>."""
    out, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:
            start = pos
        if start >= end:
            continue
        out.append(_h(text[pos:start]))
        out.append(f"<mark>{_h(text[start:end])}</mark>")
        pos = end
    out.append(_h(text[pos:]))
    return "".join(out)


def _findings_html(findings: list[Finding]) -> str:
    if not findings:
        return "<p>未发现问题。</p>"
    rows = "".join(f'<tr><td><span class="sev {_h(f.severity)}">{SEVERITY_ZH[f.severity]}</span></td>'
                   f"<td>{_h(f.message)}</td><td>{_h(f.evidence)}</td><td><code>{_h(f.rule)}</code></td></tr>"
                   for f in ordered(findings))
    return f"<table><thead><tr><th>级别</th><th>问题</th><th>依据</th><th>规则</th></tr></thead><tbody>{rows}</tbody></table>"


def comparison_html(c: Comparison) -> str:
    """One standalone page; the copied passages are highlighted in the newer report's section texts."""
    a, b = _name(c.a), _name(c.b)
    out = ["<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
           f"<title>{_h(a)} / {_h(b)} 比较</title>", f"<style>{_CSS}</style></head><body>",
           f"<h1>年度报告比较：{_h(a)} → {_h(b)}</h1>"]
    out += [f'<p class="note">{_h(line)}</p>' for line in _headline(c)[1:]]
    out.append(f"<p>上年：{_h(c.a.path)}；本年：{_h(c.b.path)}</p>")
    out.append("<h2>跨年度衔接</h2>")
    if c.relations:
        out.append("<table><thead><tr><th>关系</th><th>栏目</th><th>本年</th><th>按上年推算</th><th>结论</th>"
                   "<th>依据</th></tr></thead><tbody>")
        out += [f"<tr><td>{_h(r.title)}</td><td>{_h(r.scope)}</td><td class=\"n\">{_h(fmt(r.value))}</td>"
                f"<td class=\"n\">{_h(r.expected or '—')}</td><td class=\"{r.verdict}\">{VERDICT_ZH[r.verdict]}</td>"
                f"<td>{_h(r.evidence) if r.verdict != 'holds' else ''}</td></tr>" for r in c.relations]
        out.append("</tbody></table>")
    else:
        out.append("<p>（两份报告不是相邻年度或缺少相关表格，未核对）</p>")
    for t in c.tables:
        changed = sum(x.changed for x in t.cells)
        out.append(f"<h2>{_h(t.short)} {_h(t.title)}</h2><p>上年{'有' if t.in_a else '无'}此表，本年{'有' if t.in_b else '无'}；"
                   f"{changed}/{len(t.cells)} 格有变化</p>")
        out.append("<table><thead><tr><th>单元格</th><th>上年</th><th>本年</th><th>增减</th><th>增减率</th></tr></thead><tbody>")
        for x in t.cells:
            cls = "" if x.changed else ' class="same"'
            direction = ' class="n"' if not x.delta else (' class="n up"' if x.delta > 0 else ' class="n down"')
            out.append(f"<tr{cls}><td>{_h(x.label)}</td><td class=\"n\">{_h(fmt(x.a))}</td><td class=\"n\">{_h(fmt(x.b))}</td>"
                       f"<td{direction}>{_h(_delta(x))}</td><td class=\"n\">{_h(_pct(x))}</td></tr>")
        out.append("</tbody></table>")
    out.append(f"<h2>各部分重复率</h2><p>数字不计；重复率 ≥ {round(c.similarity_threshold * 100)}% 视为雷同。"
               "本年正文中与上年相同的段落以底色标出。</p>")
    out.append("<table><thead><tr><th>部分</th><th>上年字数</th><th>本年字数</th><th>重复率</th><th>最长的相同段落</th>"
               "</tr></thead><tbody>")
    for s in c.sections:
        passages = "<br>".join(f"“{_h(p.text[:80])}{'……' if len(p.text) > 80 else ''}”（{p.length}字）"
                               for p in s.passages[:3])
        flag = ' class="broken"' if s.flagged else ""
        out.append(f"<tr><td>{s.number} {_h(s.title)}</td><td class=\"n\">{s.a_chars}</td><td class=\"n\">{s.b_chars}</td>"
                   f"<td{flag}>{_h(_sim(s))}{_h(_verdict(s))}</td><td>{passages}</td></tr>")
    out.append("</tbody></table>")
    for s in c.sections:
        text = s.text
        if text:
            out.append(f"<details{' open' if s.flagged else ''}><summary>{s.number} {_h(s.title)}（本年正文）</summary>"
                       f'<div class="text">{_marked(text, [(p.b_start, p.b_end) for p in s.passages])}</div></details>')
    out.append(f"<h2>上年报告的核查结果：{_h(a)}</h2>{_findings_html(c.a.findings)}")
    out.append(f"<h2>本年报告的核查结果：{_h(b)}</h2>{_findings_html(c.b.findings)}")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


# -- XLSX ------------------------------------------------------------------------------------

def write_comparison_xlsx(c: Comparison, target: Path | IO[bytes]) -> None:
    wb = new_workbook()
    add_sheet(wb, "表格", ("表", "单元格", "路径", f"上年 {c.a.year or ''}", f"本年 {c.b.year or ''}", "增减", "增减率%"),
              ((t.short, x.label, x.path, x.a, x.b, x.delta, x.pct) for t in c.tables for x in t.cells),
              widths=(6, 50, 50, 10, 10, 10, 10))
    add_sheet(wb, "跨年度衔接", ("关系", "规则", "栏目", "本年", "按上年推算", "结论", "依据"),
              ((r.title, r.rule, r.scope, r.value, r.expected, VERDICT_ZH[r.verdict], r.evidence) for r in c.relations),
              widths=(24, 26, 20, 10, 12, 16, 60),
              fills=(FILLS["error"] if r.verdict == "broken" else None for r in c.relations))
    add_sheet(wb, "重复率", ("部分", "标题", "上年字数", "本年字数", "重复率%", "雷同", "最长的相同段落"),
              ((s.number, s.title, s.a_chars, s.b_chars, None if s.similarity is None else round(s.similarity * 100, 1),
                _verdict(s).strip(), "\n".join(p.text for p in s.passages[:3])) for s in c.sections),
              widths=(6, 30, 10, 10, 10, 6, 80), wrap=True)
    findings = [(side, f) for side in (c.a, c.b) for f in ordered(side.findings)]
    add_sheet(wb, "核查结果", ("报告", "级别", "规则", "问题", "依据", "单元格"),
              ((_name(side), SEVERITY_ZH[f.severity], f.rule, f.message, f.evidence, "\n".join(f.cells))
               for side, f in findings),
              widths=(30, 6, 28, 60, 60, 40), fills=(FILLS[f.severity] for _, f in findings), wrap=True)
    wb.save(target)
