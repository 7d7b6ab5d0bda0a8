"""The legal or template basis of every rule, for review sheets (审核意见) and docs/rules.md.

`BASIS` says where a rule comes from, in the words a supervising office cites in a 审核意见: the
article of the 条例 (国务院令第711号), the printed note of the national format, or "derived" (推导)
when the rule follows from the labels of the form. Sources: shared/reference/template.md §3.7,
§4, §5 (C1–C11) and §6.
"""

from __future__ import annotations

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
    "check.ocr_alternative": f"{_FORM}表三表头注及表三、表四栏目的勾稽关系（用作 OCR 读数的校验）",
    "check.ocr_low_confidence": f"{_FORM}：表中数字须与原件一致（OCR 识别置信度低，须对照原件核对）",
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
