"""The rule catalogue: every finding nianbao can emit, with a stable id, severity and messages.

Rules are data. Code that detects a problem looks its rule up here and fills in the message
parameters; `docs/rules.md` is generated from this catalogue.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Finding
from ..model.report import Severity


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    title: str  # short Chinese title
    message: str  # Chinese message; str.format parameters
    message_en: str  # English message; same parameters
    stage: str = "extract"  # extract | check
    description: str = ""  # longer explanation for docs/rules.md (English)


RULES: dict[str, Rule] = {}


def register(*rules: Rule) -> None:
    for rule in rules:
        if rule.id in RULES:
            raise ValueError(f"duplicate rule id {rule.id}")
        RULES[rule.id] = rule


def finding(rule_id: str, cells: Iterable[str] = (), evidence: str = "", **params: object) -> Finding:
    """Build a Finding from the catalogue entry `rule_id`, formatting its messages with `params`."""
    rule = RULES[rule_id]
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        message=rule.message.format(**params),
        message_en=rule.message_en.format(**params),
        cells=list(cells),
        evidence=evidence,
    )


def cap_findings(findings: list[Finding], per_rule: int | None = None) -> list[Finding]:
    """At most `per_rule` (default limits.FINDINGS_PER_RULE) findings of each rule, in order; for each
    rule over the cap, one extract.findings_capped finding with the total follows its last kept one."""
    from ..limits import FINDINGS_PER_RULE

    cap = FINDINGS_PER_RULE if per_rule is None else per_rule
    counts = Counter(f.rule for f in findings)
    if not counts or max(counts.values()) <= cap:
        return findings
    out: list[Finding] = []
    seen: Counter[str] = Counter()
    for f in findings:
        seen[f.rule] += 1
        if seen[f.rule] <= cap:
            out.append(f)
            if seen[f.rule] == cap and counts[f.rule] > cap:
                out.append(finding("extract.findings_capped", evidence=f.rule, rule=f.rule, count=counts[f.rule],
                                   kept=cap))
    return out


register(
    Rule("extract.table_missing", "warning", "表格缺失或不可读",
         "未找到可读的{table_label}：{reason}",
         "No readable {table_label_en}: {reason_en}",
         description="A section is there but its table is not in readable form (an image, an attachment, "
                     "or nothing at all). The table is null; no value is guessed."),
    Rule("extract.table_image", "warning", "表格为图片",
         "{table_label}以图片形式发布（{src}），未识别其中数字",
         "{table_label_en} is published as an image ({src}); its numbers were not read",
         description="An image stands where a table is expected. The image source is kept for OCR."),
    Rule("extract.section_missing", "warning", "缺少标准部分",
         "未找到第{number_cn}部分“{title}”",
         "Section {number} ({title}) not found",
         description="One of the six standard sections has no heading in the report."),
    Rule("extract.section_renamed", "info", "部分标题与标准不同",
         "第{number_cn}部分标题为“{heading}”，标准标题为“{title}”",
         "Section {number} is headed '{heading}'; the standard title is '{title}'",
         description="A section heading differs from the standard wording; it was mapped to the standard section."),
    Rule("extract.section_merged", "warning", "部分结构与标准不同",
         "“{heading}”不是标准部分，已并入第{number_cn}部分“{title}”",
         "'{heading}' is not a standard section; folded into section {number} ({title})",
         description="A non-standard numbered heading (e.g. 六、整改措施) was folded into the standard section "
                     "it belongs to; the numbering of the following sections is off."),
    Rule("extract.row_missing", "warning", "表格行缺失",
         "{table_label}缺少“{row_label}”行",
         "{table_label_en}: row '{row_label}' not found",
         description="The table is there but a row of the template is not; its cells are null."),
    Rule("extract.row_incomplete", "warning", "表格行数据不全",
         "{table_label}“{row_label}”行只读到{found}个数，应为{expected}个",
         "{table_label_en}: row '{row_label}' has {found} values, {expected} expected",
         description="A row had fewer cells than the template's columns; the cells not read are null."),
    Rule("extract.value_unreadable", "warning", "单元格无法识别为数字",
         "{table_label}“{row_label}”行的单元格“{text}”不是数字",
         "{table_label_en}: row '{row_label}' cell '{text}' is not a number",
         description="A cell holds text that is neither a number nor a blank mark; the value is null."),
    Rule("extract.number_too_long", "warning", "数字位数过多",
         "“{text}”中的数有 {digits} 位，超过年度报告任何统计数可能的位数（{limit} 位），未作为数字读取",
         "'{text}' holds a number of {digits} digits, more than any count a report holds ({limit}); not read",
         description="A narrative figure whose digit run is longer than `limits.MAX_DIGITS` (15): a broken or "
                     "hostile text, not a count. The figure is not read (a table cell of that kind is reported "
                     "as extract.value_unreadable)."),
    Rule("extract.findings_capped", "info", "同类问题过多",
         "规则 {rule} 共有 {count} 条发现，只列出前 {kept} 条",
         "rule {rule} has {count} findings; only the first {kept} are listed",
         description="More findings of one rule than `limits.FINDINGS_PER_RULE` (50): the first ones are kept "
                     "and this finding gives the total, so a broken file cannot produce millions of findings."),
    Rule("extract.duplicate_row", "info", "表格行重复",
         "{table_label}“{row_label}”行出现多次，取第一次的数据",
         "{table_label_en}: row '{row_label}' appears more than once; the first is used",
         description="A row label appears twice with values (e.g. a repeated table); the first is kept."),
    Rule("extract.reader_note", "warning", "读取问题",
         "{message}",
         "{message_en}",
         description="A problem the file reader met (undecodable bytes, scanned pages…)."),
)

TABLE_LABELS = {
    "active_disclosure": ("表二“主动公开政府信息情况”", "table 2 (active disclosure)"),
    "applications": ("表三“收到和处理政府信息公开申请情况”", "table 3 (applications)"),
    "reviews_litigation": ("表四“政府信息公开行政复议、行政诉讼情况”", "table 4 (reviews and litigation)"),
}

CN_NUMBERS = "一二三四五六七八九十"

from . import relations  # noqa: E402,F401  (registers the check.* rules next to the extract.* ones)

register(
    Rule("extract.scanned_pages", "warning", "页面没有文字层",
         "{message}",
         "{message_en}",
         description="PDF pages without a usable text layer (scans, images, fonts not mapped to Unicode). "
                     "Their text and tables are not read (tables stay null, never guessed); the pages are kept "
                     "as `pdf-page:N` image references for OCR."),
)
