"""Review rules (issue 15) and the legal or template basis of every rule, for review sheets.

`BASIS` says where a rule comes from, in the words a supervising office cites in a 审核意见: the
article of the 条例 (国务院令第711号), the printed note of the national format, or "derived" (推导)
when the rule follows from the labels of the form. Sources: shared/reference/template.md §3.7,
§4, §5 (C1–C11) and §6.
"""

from __future__ import annotations

from .catalogue import RULES, Rule, register

_FORM_2021 = "《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）"
_FORM = "年度报告格式（国办公开办函〔2019〕60号、〔2021〕30号）"

# rule id -> basis (Chinese). Rules not listed have no basis beyond the reading of the file.
BASIS: dict[str, str] = {
    "check.t3_balance": f"{_FORM}表三表头注：第一项加第二项之和，等于第三项加第四项之和",
    "check.t3_row_sum": f"{_FORM}表三：总计为各类申请人之和（按表格栏目推导）",
    "check.t3_outcome_sum": f"{_FORM}表三：（七）总计为办理结果各项之和（按表格栏目推导）",
    "check.t4_group_sum": f"{_FORM}表四：总计为结果维持、结果纠正、其他结果、尚未审结之和（按表格栏目推导）",
    "check.relation_broken_despite_blanks": f"{_FORM}表三表头注及表三、表四栏目（件数不为负）",
    "check.negative_value": f"{_FORM}：件数、金额不为负数",
    "check.non_integer": f"{_FORM}：件数为整数，仅收费金额（万元）可有小数",
    "check.blank_cells": f"{_FORM}：各栏均应填写数字，无数据填0",
    "check.rules_without_power": "《中华人民共和国立法法》：规章由国务院部门和省、设区的市、自治州人民政府制定",
    "check.period_missing": "《条例》第五十条：年度报告报告上一年度的情况（统计期限为公历年度）",
    "check.period_mismatch": "《条例》第五十条：年度报告报告上一年度的情况（统计期限为公历年度）",
    "check.contact_missing": "年度报告惯例：说明咨询报告内容的联系方式",
    "check.fee_not_reported": f"{_FORM_2021}第六部分；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
    "check.accountability_missing": "《条例》第五十条第（四）项：各级人民政府报告工作考核、社会评议和责任追究结果情况",
    "check.template_outdated": f"{_FORM_2021}：自2021年度报告起使用",
    "check.template_anachronism": f"{_FORM}：各版格式的适用年度",
    "check.late": "《条例》第四十九条：部门于每年1月31日前、县级以上人民政府于每年3月31日前公布上一年度报告",
    "check.published_before_year_end": "《条例》第四十九条、第五十条：公布的是上一年度（已结束年度）的报告",
    "check.no_statutory_deadline": "《条例》第四十九条（未规定乡镇、街道报告的期限）",
    "check.body_kind_unknown": "《条例》第四十九条",
    "check.published_unknown": "《条例》第四十九条",
    "check.year_unknown": "《条例》第四十九条、第五十条",
    "check.text_applications": f"《条例》第五十条第（二）项；{_FORM}表三（正文与表格一致）",
    "check.text_reviews": f"《条例》第五十条第（三）项；{_FORM}表四（正文与表格一致）",
    "check.text_litigations": f"《条例》第五十条第（三）项；{_FORM}表四（正文与表格一致）",
    "check.text_active": f"《条例》第五十条第（一）项；{_FORM}表二（正文与表格一致）",
    "check.previous_not_prior_year": "跨年度核对需同一机关上一年度报告",
    "check.previous_other_body": "跨年度核对需同一机关上一年度报告",
    "check.carryover_mismatch": f"{_FORM}表三：本年“上年结转”即上年“结转下年度继续办理”",
    "check.in_force_drift": f"{_FORM_2021}表二：现行有效件数＝上年现行有效件数＋本年制发－本年废止",
    "check.item_count_drift": f"{_FORM}（2019年版）表二：上一年项目数量＝上年报告数量＋本年增/减",
    "check.similar_to_previous": f"{_FORM_2021}“（四）明确责任”：内容雷同应予纠正",
    "check.similar_across_bodies": f"{_FORM_2021}“（四）明确责任”：内容雷同应予纠正",
    "check.not_a_report": "《条例》第五十条：年度报告的内容",
    "check.no_tables": f"《条例》第五十条；{_FORM}：表二、表三、表四为必备内容",
    "extract.table_missing": f"{_FORM}：表二、表三、表四为必备内容",
    "extract.table_image": f"{_FORM}：表格应以可读的数字发布",
    "extract.section_missing": f"《条例》第五十条；{_FORM}：六个部分",
    "extract.row_missing": f"{_FORM}：表格各行",
}


def basis(rule_id: str) -> str:
    """The basis of a rule (Chinese), '' when it has none."""
    return BASIS.get(rule_id, "")


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

assert all(rule in RULES for rule in BASIS if rule.startswith("check.")), "basis for an unknown rule"
