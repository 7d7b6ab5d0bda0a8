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
from ..templates import TABLE_NAMES


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
    Rule("extract.year_conflict", "warning", "报告年度前后不一",
         "标题所写年度（{year}年）与{where}（{other}年）不一致，请核对报告年度",
         "The title's year ({year}) disagrees with the {where_en} ({other}); check the reporting year",
         description="The year in the title disagrees with another statement of the reporting year: the "
                     "tables' header, the first lines of the text, or the publication date (a report is "
                     "published in the year after the one it covers). The title's year is kept as "
                     "`meta.year`; `meta.provenance.year` says where it was read. A title year that "
                     "disagrees with the stated 统计期限 is `check.period_mismatch`."),
)

TABLE_LABELS = {key: (name.quoted, f"{name.number_en} ({name.name_en})") for key, name in TABLE_NAMES.items()}

register(
    Rule("extract.scanned_pages", "warning", "页面没有文字层",
         "{message}",
         "{message_en}",
         description="PDF pages without a usable text layer (scans, images, fonts not mapped to Unicode). "
                     "Their text and tables are not read (tables stay null, never guessed); the pages are kept "
                     "as `pdf-page:N` image references for OCR."),
    Rule("extract.ocr_pages", "info", "页面经 OCR 识别",
         "{message}",
         "{message_en}",
         description="Pages or pictures without a text layer were read by OCR (readers/image_tables.py). Every "
                     "cell read so carries `provenance.ocr` (score, raw reading, alternatives, crop in pixels); "
                     "see check.ocr_low_confidence and check.ocr_alternative."),
    Rule("extract.image_missing", "warning", "图片文件不在网页旁",
         "{message}",
         "{message_en}",
         description="A saved web page shows pictures (often a table published as an image) whose files are "
                     "not on disk beside it (relative `src`), so they could not be OCR'd."),
)

# Issue 11: what the PDF table reader could only read approximately, said in findings.
register(
    Rule("extract.label_fuzzy", "info", "表格行标签与模板略有不同",
         "{table_label}印刷的行标签“{printed}”与模板不完全一致，按“{row_label}”行读取",
         "{table_label_en}: printed row label '{printed}' differs slightly from the template; read as '{row_label}'",
         description="A printed row label matched a template row only by edit distance (a printing error such "
                     "as 2.其他法律行政止公开, a character wrong, missing or added). The row is read; the printed "
                     "text is in the evidence. Only one template row may be that near; otherwise nothing is matched."),
    Rule("extract.other_undivided", "warning", "其他处理未分项",
         "{table_label}只印了一行“{printed}”（旧格式），未分为{parts}；其数字保留在 applications.{key}，"
         "{version}年格式的分项为空（不拆分）",
         "{table_label_en} prints one undivided row '{printed}' (the older form) instead of its parts; its "
         "numbers are kept under applications.{key}, the {version} parts stay null (no split is guessed)",
         description="A 2021-template report whose 表三 prints （六）其他处理 as one row, as the 2019 table did. "
                     "The numbers are kept under the 2019 key `other`; other.no_correction/fee_unpaid/other "
                     "stay null, and no row_missing is reported for them."),
    Rule("extract.row_unmatched", "warning", "表格行无法对应模板",
         "{table_label}中“{printed}”行（{values}）无法对应模板中的任何一行，其数字未读入",
         "{table_label_en}: the row '{printed}' ({values}) matches no row of the template; its numbers were not read",
         description="A printed row with numbers whose label is no template row, not even by edit distance (an "
                     "unreadable or foreign label). Its numbers are named in the finding instead of being lost "
                     "silently; the template row it may have been stays null with its own row_missing finding."),
    Rule("extract.group_values", "warning", "分组标签行有数字",
         "{table_label}分组标签“{printed}”所在行印有数字（{values}），模板中该行不填数，未读入任何行",
         "{table_label_en}: the group label '{printed}' has numbers on its row ({values}); the template has "
         "no numbers there, so they were not given to any row",
         description="Numbers printed on the row of a group label of 表三 (a subtotal, say). They are reported, "
                     "never added to a row or dropped silently."),
)

_T3 = "Table 3 (applications)"

register(
    # -- 表三 / 表四 arithmetic -------------------------------------------------------------
    Rule("check.t3_balance", "error", "表三勾稽关系不成立",
         "表三“{scope}”列勾稽关系不成立：第一项加第二项之和为{lhs}，第三项（七）总计加第四项之和为{rhs}",
         f"{_T3}, column {{scope_en}}: new + carried over ({{lhs}}) does not equal total handled + "
         "carried forward ({rhs})",
         stage="check",
         description="C1, printed in the form's header: 本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和. "
                     "Checked for each of the seven columns; a relation with a blank cell is not checked "
                     "(see check.blank_cells)."),
    Rule("check.t3_row_sum", "error", "表三行合计不符",
         "表三“{scope}”行：总计为{rhs}，六类申请人之和为{lhs}",
         f"{_T3}, row {{scope_en}}: total ({{rhs}}) does not equal the sum of the six applicant columns ({{lhs}})",
         stage="check",
         description="C2 (derived): in every row, 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他."),
    Rule("check.t3_outcome_sum", "error", "表三办理结果总计不符",
         "表三“{scope}”列：（七）总计为{rhs}，办理结果各项之和为{lhs}",
         f"{_T3}, column {{scope_en}}: total handled ({{rhs}}) does not equal the sum of the outcome rows ({{lhs}})",
         stage="check",
         description="C3 (derived): in every column, 三(七)总计 = (一) + (二) + (三)1–8 + (四)1–3 + (五)1–5 + (六) "
                     "[2019] or (六)1–3 [2021] — the template's `outcome_rows`."),
    Rule("check.t4_group_sum", "error", "表四总计不符",
         "表四“{scope}”：总计为{rhs}，结果维持、结果纠正、其他结果、尚未审结之和为{lhs}",
         "Table 4, {scope_en}: total ({rhs}) does not equal upheld + corrected + other + pending ({lhs})",
         stage="check",
         description="C4 (derived): in each of the three groups (行政复议; 行政诉讼 未经复议直接起诉; 复议后起诉)."),
    # -- values -----------------------------------------------------------------------------
    Rule("check.negative_value", "error", "数值为负",
         "{table_label}“{cell_label}”为负数（{value}），该栏应为非负数",
         "{table_label_en}: cell {cell} is negative ({value}); it must not be",
         stage="check",
         description="Counts and amounts are non-negative; only 表二 (2019) 本年增/减 may be negative."),
    Rule("check.non_integer", "error", "件数不是整数",
         "{table_label}“{cell_label}”为{value}，件数应为整数",
         "{table_label_en}: cell {cell} is {value}; counts are whole numbers",
         stage="check",
         description="Counts are integers; only money columns (2019 采购总金额, 2021 本年收费金额 in 万元) may be "
                     "decimals (C11)."),
    Rule("check.blank_cells", "warning", "表格有空白单元格",
         "{table_label}有{count}个空白单元格（{blank_list}）；空白不等于0，无数据应填0；涉及空白单元格的勾稽关系未核对",
         "{table_label_en} has {count} blank cell(s) ({blank_list_en}); a blank is not a 0, the relations "
         "involving them were not checked",
         stage="check",
         description="C10: the form expects a number in every data cell. Blank, '/', '-' are kept as null, "
                     "never read as 0. Cells already reported by extract.row_missing, extract.row_incomplete "
                     "or extract.value_unreadable are not repeated here."),
    Rule("check.rules_without_power", "warning", "无规章制定权的机关填报了规章",
         "{organization}（{kind}）无权制定规章，但表二“规章”行填有非零数（{values}）",
         "{organization} ({kind_en}) cannot make 规章 (rules) but table 2 row 规章 has non-zero values ({values})",
         stage="check",
         description="C8: only provincial governments and governments of 设区的市/自治州 (and State Council "
                     "departments) make 规章. A local department, a county-level government or a township "
                     "reporting 规章 > 0 is probably counting something else. A 市 government is not flagged "
                     "(it may be a 设区的市)."),
    # -- completeness -------------------------------------------------------------------------
    Rule("check.period_missing", "warning", "未说明统计期限",
         "报告未说明数据的统计期限（如“本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止”）",
         "The report does not state the statistical period of its data (e.g. 1 January to 31 December {year})",
         stage="check",
         description="Reports normally state the statistical period (the calendar year) in the introduction."),
    Rule("check.period_mismatch", "warning", "统计期限与报告年度不符",
         "报告所述统计期限为{period}年，报告年度为{year}年",
         "The stated statistical period is {period}, the reporting year is {year}",
         stage="check",
         description="The stated period must be the reporting year (title year)."),
    Rule("check.contact_missing", "warning", "缺少联系方式",
         "报告未提供联系方式（地址、邮编、电话、传真或电子邮箱）",
         "The report gives no contact details (address, postcode, phone, fax or e-mail)",
         stage="check",
         description="Reports normally tell readers whom to contact with questions about the report."),
    Rule("check.fee_not_reported", "warning", "未报告信息处理费情况",
         "采用2021年格式的报告，第六部分“其他需要报告的事项”未提及信息处理费的收取情况",
         "A 2021-format report whose section 6 says nothing about information processing fees (信息处理费)",
         stage="check",
         description="The 2021 template is believed to ask section 六 to report 信息处理费 charged under "
                     "国办函〔2020〕109号 (reference §3.6, unverified): a hint, not an error."),
    Rule("check.accountability_missing", "info", "未报告考核、评议和责任追究情况",
         "人民政府的年度报告应包括工作考核、社会评议和责任追究结果情况（条例第五十条第四项），报告中未见相关内容",
         "A people's government's report must cover work assessment, public review and accountability results "
         "(条例 art. 50(4)); the report mentions none",
         stage="check",
         description="条例 第五十条: 各级人民政府 reports also cover 工作考核、社会评议和责任追究结果情况. Looks for "
                     "考核, 评议, 考评, 责任追究, 问责 in the section texts of a government or township 人民政府; "
                     "a keyword search, hence info: the reviewer judges."),
    # -- template version ----------------------------------------------------------------------
    Rule("check.template_outdated", "error", "使用了旧版表格格式",
         "{year}年度报告使用了2019年（试行）格式的表格，自2021年度起应使用国办公开办函〔2021〕30号印发的格式",
         "The {year} report uses the 2019 (trial) tables; from reporting year 2021 the 2021 format is required",
         stage="check",
         description="Only when the version was decided from the tables' own labels (meta.template_evidence = "
                     "tables); a report without readable tables is not judged."),
    Rule("check.template_anachronism", "warning", "表格格式早于其发布",
         "{year}年度报告使用了{template}年格式的表格，该格式适用于{first_year}年度起的报告；请核对报告年度",
         "The {year} report uses the {template} tables, which apply from reporting year {first_year}; "
         "check the reporting year",
         stage="check",
         description="A report cannot use a format issued after it; usually the year was misread or misprinted."),
    # -- timeliness ----------------------------------------------------------------------------
    Rule("check.late", "error", "未按时发布",
         "{organization}的{year}年度报告应于{deadline}前公布（{basis_law}），{date_kind}为{published}，晚{days}天{holiday_note}",
         "The {year} report was due by {deadline} ({basis_law_en}); its {date_kind_en} is {published}, "
         "{days} day(s) late{holiday_note_en}",
         stage="check",
         description="条例 第四十九条: departments of 县级以上人民政府 publish by 31 January of the following year; "
                     "the 本级政府 report of a 县级以上 government by 31 March. Reports on years before 2019 "
                     "(2007 条例 第三十一条): 31 March for every body. The page's 发布时间 is used, else the "
                     "signature date. When the deadline fell on a weekend or a public holiday "
                     "(chinese_calendar) the finding says so, without moving the date: the 条例 sets a fixed day."),
    Rule("check.no_statutory_deadline", "info", "乡镇报告无法定发布期限",
         "乡镇（街道）报告的发布期限条例未作规定（通常由县级政府另定），发布日期为{published}",
         "条例 art. 49 sets no date for township/street office reports; published {published}",
         stage="check",
         description="Townships and street offices have local deadlines only; the date is reported for the "
                     "reviewer to judge."),
    Rule("check.body_kind_unknown", "info", "无法判断机关类别",
         "无法判断{organization}是政府部门还是人民政府，未核对发布期限（部门为次年1月31日，本级政府为次年3月31日）；"
         "发布日期为{published}",
         "Cannot tell whether {organization} is a department or a government; the deadline (31 January or "
         "31 March) was not checked; published {published}",
         stage="check",
         description="The kind of body decides the deadline; when the extractor could not tell, nianbao says so "
                     "instead of guessing."),
    Rule("check.published_unknown", "info", "未找到发布日期",
         "未找到发布日期或落款日期，无法核对是否按时发布{deadline_note}",
         "No publication or signature date found; timeliness not checked{deadline_note_en}",
         stage="check",
         description="Neither a 发布时间 on the page nor a date under the signature was read."),
    Rule("check.year_unknown", "info", "无法确定报告年度",
         "未能确定报告年度，无法核对发布期限和表格格式",
         "The reporting year could not be determined; deadline and template version not checked",
         stage="check",
         description="No year in the title, the statistical period or the opening lines."),
    # -- narrative vs tables (C9) ---------------------------------------------------------------
    Rule("check.text_applications", "warning", "正文申请数与表三不符",
         "正文所述收到申请数（{text_value}件）与表三本年新收申请总计（{table_value}件）不一致",
         "The narrative states {text_value} applications received; table 3 has {table_value} new applications",
         stage="check",
         description="C9: figures.applications_received against 表三 一、本年新收 总计 (also accepted: 一 + 二)."),
    Rule("check.text_reviews", "warning", "正文行政复议数与表四不符",
         "正文所述行政复议数（{text_value}件）与表四行政复议总计（{table_value}件）不一致",
         "The narrative states {text_value} administrative reviews; table 4 has {table_value}",
         stage="check",
         description="C9: figures.reviews against 表四 行政复议 总计."),
    Rule("check.text_litigations", "warning", "正文行政诉讼数与表四不符",
         "正文所述行政诉讼数（{text_value}件）与表四行政诉讼总计（{table_value}件）不一致",
         "The narrative states {text_value} lawsuits; table 4 has {table_value}",
         stage="check",
         description="C9: figures.litigations against 表四 未经复议直接起诉 总计 + 复议后起诉 总计."),
    # -- cross-year (with --previous) -----------------------------------------------------------
    Rule("check.previous_not_prior_year", "warning", "上年报告年度不符",
         "作为上年报告提供的文件是{previous_year}年度报告，本报告为{year}年度；未做跨年度核对",
         "The file given as last year's report covers {previous_year}, this report {year}; no cross-year check",
         stage="check",
         description="Cross-year checks need the report of the year before."),
    Rule("check.previous_other_body", "info", "上年报告机关名称不同",
         "上年报告的机关为{previous_organization}，本报告为{organization}；请确认是同一机关",
         "Last year's report is by {previous_organization}, this one by {organization}; same body?",
         stage="check",
         description="Cross-year checks are still run (bodies are renamed), but the reviewer should confirm."),
    Rule("check.carryover_mismatch", "warning", "上年结转与上年报告不符",
         "表三“{scope}”列：本年“二、上年结转”（{value}）不等于上年报告“四、结转下年度继续办理”（{expected}）",
         "Table 3, column {scope_en}: carried over this year ({value}) differs from last year's carried "
         "forward ({expected})",
         stage="check",
         description="C5 (derived; warning because institutional reorganisation legitimately breaks it)."),
    Rule("check.in_force_drift", "warning", "现行有效件数与上年不衔接",
         "表二“{scope}”：现行有效件数（{value}）不等于上年现行有效件数加本年制发减本年废止（{expected}）",
         "Table 2, {scope_en}: in force ({value}) differs from last year's in force + issued - repealed "
         "({expected})",
         stage="check",
         description="C6 (derived, 2021 format; warning only: clean-ups and amendments break it)."),
    Rule("check.item_count_drift", "warning", "上一年项目数量与上年报告不衔接",
         "表二“{scope}”：上一年项目数量（{value}）不等于上年报告的上一年项目数量加本年增/减（{expected}）",
         "Table 2, {scope_en}: previous-year item count ({value}) differs from last year's count + change "
         "({expected})",
         stage="check",
         description="C7 (derived, 2019 format; warning)."),
    Rule("check.similar_to_previous", "warning", "内容与上年雷同",
         "第{number_cn}部分“{title}”与上年报告相似度为{similarity}%，内容可能雷同",
         "Section {number} ({title}) is {similarity}% similar to last year's",
         stage="check",
         description="30号 (四) names 内容雷同 among the faults to pursue. Similarity of the section texts (digits "
                     "and spacing ignored, character 4-gram Dice coefficient); flagged at 90% and above, for "
                     "sections of at least 60 characters."),
)

# -- review rules (issue 15) ---------------------------------------------------------------
register(
    Rule("check.relation_broken_despite_blanks", "error", "勾稽关系不成立（无论空白为何值）",
         "{scope_table}“{scope}”：{known_side}已知各项之和为{known}，超过{other_side}的{other}；件数不为负，"
         "无论空白单元格（{blanks}）填何数，勾稽关系都不成立",
         "{scope_table_en}, {scope_en}: the known terms of the {known_side_en} already add up to {known}, more "
         "than the {other_side_en} ({other}); counts are not negative, so the relation fails whatever the blank "
         "cells ({blanks_en}) hold",
         stage="check",
         description="C1–C4 with blank cells: a blank is not read as 0, but counts are ≥ 0, so a side with "
                     "blanks is at least the sum of its known terms. When that already exceeds the other side "
                     "(which has no blank), no value of the blanks can make the relation hold."),
    Rule("check.text_active", "warning", "正文所述表二数字与表二不符",
         "正文所述{figure_label}（{text_value}）与表二“{cell_label}”（{table_value}）不一致",
         "The narrative states {figure_label_en} = {text_value}; table 2 {cell_path} is {table_value}",
         stage="check",
         description="C9 for 表二: the narrative's 现行有效 / 制发 / 废止 counts of 规章 and 规范性文件 and the "
                     "numbers of 行政许可, 行政处罚 and 行政强制 decisions against the 表二 cells they repeat."),
    Rule("check.published_before_year_end", "warning", "发布日期早于报告年度结束",
         "{year}年度报告的{date_kind}为{published}，早于该年度结束（{year}年12月31日）；请核对报告年度或日期",
         "The {year} report's {date_kind_en} is {published}, before the reporting year ended; check the year "
         "or the date",
         stage="check",
         description="A report covers a whole calendar year, so it cannot be published before 31 December of "
                     "that year; usually the year or the date was misprinted or misread."),
    Rule("check.not_a_report", "error", "不是政府信息公开工作年度报告",
         "未识别出年度报告：没有“政府信息公开工作年度报告”字样的标题，也没有标准部分和统计表格",
         "No annual report recognised: no title naming a 政府信息公开工作年度报告, no standard section, no table",
         stage="check",
         description="The file read has none of the marks of a report; nothing else is checked meaningfully."),
    Rule("check.no_tables", "error", "没有可核查的统计表格",
         "报告中没有读到表二、表三、表四中的任何一张{reason}，无法核对数据",
         "None of tables 2, 3 and 4 was read{reason_en}; the figures cannot be checked",
         stage="check",
         description="The three statistical tables are the core of the format. A report where none was read "
                     "(left out, images, attachments) cannot be checked and is an error for the reviewer."),
    Rule("check.similar_across_bodies", "warning", "与其他机关报告雷同",
         "第{number_cn}部分“{title}”与{other}的报告（{other_year}年度）第{other_number_cn}部分相似度约为{similarity}%，"
         "内容可能雷同",
         "Section {number} ({title}) is about {similarity}% similar to section {other_number} of the report of "
         "{other} ({other_year})",
         stage="check",
         description="Near-duplicate sections between different bodies (numbers masked), found with MinHash "
                     "and LSH (datasketch) so that a corpus of millions of sections is not compared pair by pair; "
                     "the similarity shown is the estimated Jaccard similarity of the character 4-gram sets."),
)

register(Rule("ledger.late_answer", "warning", "答复超过法定期限",
         "{file}第{row}行：{received}收到的申请于{answered}答复，超过法定期限{deadline}（{days}个工作日）",
         "{file} row {row}: received {received}, answered {answered}, after the legal limit {deadline} "
         "({days} working days)",
         stage="ledger",
         description="条例 第三十三条: an answer is due within 20 working days of receipt, 40 with an "
                     "approved extension. Working days follow the official holiday calendar."))

register(
    Rule("render.year_missing", "warning", "未填写报告年度",
         "未填写报告年度：生成的报告标题和统计期限中没有年度，表格按 {version} 年版格式（可用 --template 指定）",
         "No reporting year: the rendered report's title and statistical period have no year; tables in the "
         "{version} format (--template chooses)",
         stage="render",
         description="The data has no year (年度); the report is written without one, in the template version "
                     "the data's tables follow, or 2019 when nothing says otherwise."),
    Rule("render.table_empty", "warning", "表格没有数据",
         "{table_label}没有数据，生成的报告中该表为空白",
         "{table_label_en} has no data; it is printed blank",
         stage="render",
         description="The table is absent or every cell is empty; the official layout still prints it, "
                     "with blank cells."),
    Rule("render.section_empty", "warning", "部分没有内容",
         "第{number_cn}部分“{title}”没有正文，生成的报告中该部分为空",
         "Section {number} ({title}) has no text (and no table data); it is printed empty",
         stage="render",
         description="A standard section with neither text nor table data."),
    # -- numbers read by OCR --------------------------------------------------------------------
    Rule("check.ocr_alternative", "warning", "OCR 读数可能有误",
         "{cell_label}OCR 读作{value}（识别原文“{raw}”，置信度{score}）；若读作{proposed}，{relations}即全部成立。"
         "请对照原件{where}核对，数值未被改动",
         "{cell} was read by OCR as {value} (raw '{raw}', score {score}); read as {proposed}, {relations_en} all "
         "hold. Check the original at {where_en}; the value was not changed",
         stage="check",
         description="A 勾稽 relation fails on a table read by OCR, and one of the engine's other readings of a "
                     "single cell (its runner-up characters, a character it almost read, a look-alike digit) "
                     "makes every relation through that cell hold. The proposal and the crop of the image are "
                     "given; the value itself is never changed. Several cells may be proposed for one relation "
                     "when more than one reading would fit."),
    Rule("check.ocr_low_confidence", "warning", "OCR 识别置信度低",
         "{table_label}有{count}个数字 OCR 识别置信度低（{cells_list}），请对照原件核对",
         "{table_label_en} has {count} number(s) read by OCR with low confidence ({cells_list_en}); check them "
         "against the original",
         stage="check",
         description="Numeric cells read by OCR whose least certain character the engine gave less than the trust "
                     "threshold (provenance.ocr.low; docs/ocr.md). Cells already named by check.ocr_alternative "
                     "are not repeated."),
)
