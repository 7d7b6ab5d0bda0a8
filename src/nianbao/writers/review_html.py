"""The review page of many reports: a summary, a contents table (worst first, linked), then each report's
findings as in the one-report review sheet (`writers.review_sheet.report_html`). One standalone page: inline CSS,
every text escaped."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .review import STATUS, ReviewItem, deadline_verdict, order_items
from .review_sheet import _h, html_head, report_html

_CSS = """
table.toc td.n{text-align:right}table.toc tr.s0 td.st{color:#c62828;font-weight:bold}
table.toc tr.s1 td.st{color:#b26a00}table.toc tr.s2 td.st{color:#2e7d32}
.summary{display:flex;gap:1.5rem;flex-wrap:wrap}.summary div{border:1px solid #ccc;padding:.4rem .8rem}
.summary b{font-size:1.3rem;display:block}
"""


def render_review_html(items: Sequence[ReviewItem]) -> str:
    ordered = order_items(items)
    out = html_head("政府信息公开工作年度报告审核意见汇总", _CSS)
    status = Counter(it.status for it in items)
    sev = Counter(f.severity for it in items for f in it.report.findings)
    late = sum(1 for it in items if deadline_verdict(it.report).startswith("逾期"))
    boxes = [("报告", len(items)), *((s, status.get(s, 0)) for s in STATUS), ("错误", sev.get("error", 0)),
             ("警告", sev.get("warning", 0)), ("逾期发布", late)]
    out.append('<div class="summary">' + "".join(f"<div><b>{n}</b>{_h(k)}</div>" for k, n in boxes) + "</div>")
    out.append("<h2>目录</h2>")
    out.append('<table class="toc"><thead><tr><th>序号</th><th>机关</th><th>年度</th><th>发布时限</th><th>错误</th>'
               "<th>警告</th><th>提示</th><th>审核结论</th></tr></thead><tbody>")
    for n, it in enumerate(ordered, 1):
        c, m = it.counts, it.report.meta
        out.append(f'<tr class="s{STATUS.index(it.status)}"><td class="n">{n}</td>'
                   f'<td><a href="#r{n}">{_h(it.body)}</a></td><td>{_h(m.year or "？")}</td>'
                   f"<td>{_h(deadline_verdict(it.report))}</td><td class=\"n\">{c['error']}</td>"
                   f"<td class=\"n\">{c['warning']}</td><td class=\"n\">{c['info']}</td>"
                   f'<td class="st">{_h(it.status)}</td></tr>')
    out.append("</tbody></table>")
    for n, it in enumerate(ordered, 1):
        prev = it.previous.source.path if it.previous is not None else (it.pairing_note or "未提供")
        out += report_html(it.report, anchor=f"r{n}",
                           extra_facts=[("发布时限", deadline_verdict(it.report)), ("上年报告", prev),
                                        ("审核结论", it.status)])
    out.append("</body></html>")
    return "\n".join(out) + "\n"
