"""The six sections: heading variants, inline headings, non-standard numbering folded into 五."""

from __future__ import annotations

import nianbao

TITLE = "某县2020年政府信息公开工作年度报告\n"


def rules(report: nianbao.Report) -> list[str]:
    return [f.rule for f in report.findings]


def test_standard_headings_each_on_a_line() -> None:
    text = TITLE + "\n".join(f"{n}、{t}\n第{n}部分的正文。" for n, t in [
        ("一", "总体情况"), ("二", "主动公开政府信息情况"), ("三", "收到和处理政府信息公开申请情况"),
        ("四", "政府信息公开行政复议、行政诉讼情况"), ("五", "存在的主要问题及改进情况"),
        ("六", "其他需要报告的事项")])
    r = nianbao.parse_text(text)
    assert [s.present for s in r.sections] == [True] * 6
    assert [s.heading for s in r.sections][0] == "一、总体情况"
    assert [s.text for s in r.sections] == [f"第{n}部分的正文。" for n in "一二三四五六"]
    assert "extract.section_missing" not in rules(r)


def test_inline_headings_in_one_long_line() -> None:
    text = ("某县政府信息公开工作2019年度报告 本报告包括总体情况等6个部分。 一、总体情况 2019年，我县积极推进政务公开。"
            " 二、主动公开政府信息情况 见下表。 三、收到和处理政府信息公开申请情况 全年收到申请3件。"
            " 四、政府信息公开行政复议和行政诉讼情况 无。 五、存在的主要问题及改进情况 公开内容还不够丰富。"
            " 六、其他需要报告的事项 无其他事项。\n")
    r = nianbao.parse_text(text)
    assert [s.present for s in r.sections] == [True] * 6
    s = {sec.number: sec for sec in r.sections}
    assert s[1].text.startswith("2019年，我县积极推进政务公开")
    assert "二、" not in s[1].text
    assert s[3].text == "全年收到申请3件。"
    assert s[4].heading == "四、政府信息公开行政复议和行政诉讼情况"
    assert s[5].text == "公开内容还不够丰富。"
    assert s[6].text == "无其他事项。"


def test_jiben_qingkuang_is_section_one_and_noted() -> None:
    r = nianbao.parse_text(TITLE + "一、基本情况\n我单位认真落实条例要求。\n二、主动公开政府信息情况\n略。\n")
    one = r.sections[0]
    assert one.present and one.heading == "一、基本情况" and one.title == "总体情况"
    assert one.text == "我单位认真落实条例要求。"
    renamed = [f for f in r.findings if f.rule == "extract.section_renamed"]
    assert len(renamed) == 1 and "基本情况" in renamed[0].message


def test_problems_and_rectification_fold_into_section_five() -> None:
    text = (TITLE + "一、总体情况\n总体正文。\n五、存在的问题\n（一）栏目设置不合理。\n"
            "六、整改措施\n（一）调整栏目设置。\n某县人民政府\n2021年1月20日\n")
    r = nianbao.parse_text(text)
    five, six = r.sections[4], r.sections[5]
    assert five.present and five.heading == "五、存在的问题"
    assert "栏目设置不合理" in five.text and "调整栏目设置" in five.text
    assert not six.present and six.text == ""
    merged = [f for f in r.findings if f.rule == "extract.section_merged"]
    assert len(merged) == 1 and "整改措施" in merged[0].message
    assert "2021年1月20日" not in five.text  # the signature is not section text


def test_missing_sections_are_reported_not_invented() -> None:
    r = nianbao.parse_text(TITLE + "一、总体情况\n正文。\n")
    assert [s.present for s in r.sections] == [True, False, False, False, False, False]
    assert all(s.heading is None and s.text == "" for s in r.sections[1:])
    assert rules(r).count("extract.section_missing") == 5


def test_outline_items_inside_a_section_are_not_headings() -> None:
    r = nianbao.parse_text(TITLE + "一、总体情况\n（一）主动公开。公开信息。\n（二）依申请公开。办理申请。\n"
                           "二、主动公开政府信息情况\n略。\n")
    assert r.sections[0].text == "（一）主动公开。公开信息。\n（二）依申请公开。办理申请。"
    assert r.sections[1].present
