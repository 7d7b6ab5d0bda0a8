"""Tables are read by label: missing/reordered rows are detected, missing tables are null, never 0."""

from __future__ import annotations

import nianbao
from text_fixtures import REPORT_2021


def findings(report: nianbao.Report, rule: str) -> list[nianbao.model.Finding]:
    return [f for f in report.findings if f.rule == rule]


def test_missing_row_is_reported_and_the_next_rows_are_not_shifted() -> None:
    text = REPORT_2021.replace("3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n", "")
    assert text != REPORT_2021
    r = nianbao.parse_text(text)
    rows = r.tables.applications.rows  # type: ignore[union-attr]
    assert set(rows["unavailable.unclear_after_correction"].values()) == {None}
    missing = findings(r, "extract.row_missing")
    assert [f.cells for f in missing] == [["applications.unavailable.unclear_after_correction"]]
    assert "补正后申请内容仍不明确" in missing[0].message
    # the row printed after the missing one keeps its own values
    assert rows["not_processed.complaint"]["natural_person"] == 1
    assert rows["not_processed.complaint"]["total"] == 1
    assert rows["unavailable.not_held"]["total"] == 4


def test_reordered_rows_are_read_by_label() -> None:
    a = "（五）不予处理 | 1.信访举报投诉类申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
    b = "2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
    text = REPORT_2021.replace(a + b, "（五）不予处理 | 2.重复申请 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n"
                                      "1.信访举报投诉类申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n")
    assert text != REPORT_2021
    r = nianbao.parse_text(text)
    rows = r.tables.applications.rows  # type: ignore[union-attr]
    assert rows["not_processed.duplicate"]["total"] == 5
    assert rows["not_processed.complaint"]["total"] == 1
    assert not findings(r, "extract.row_missing")


def test_table_missing_under_its_heading_is_null_with_a_finding() -> None:
    start = REPORT_2021.index("（本列数据的勾稽关系为")
    end = REPORT_2021.index("四、政府信息公开行政复议、行政诉讼情况")
    text = REPORT_2021[:start] + "（表格见附件）\n" + REPORT_2021[end:]
    r = nianbao.parse_text(text)
    assert r.tables.applications is None
    assert r.tables.active_disclosure is not None and r.tables.reviews_litigation is not None
    missing = findings(r, "extract.table_missing")
    assert [f.cells for f in missing] == [["applications"]]
    assert "表三" in missing[0].message
    assert not any(p.startswith("applications.") for p in r.provenance)


def test_all_tables_missing_nothing_defaults_to_zero() -> None:
    text = ("某县2022年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n（见图片）\n"
            "三、收到和处理政府信息公开申请情况\n（见图片）\n四、政府信息公开行政复议、行政诉讼情况\n（见图片）\n"
            "五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n")
    r = nianbao.parse_text(text)
    assert (r.tables.active_disclosure, r.tables.applications, r.tables.reviews_litigation) == (None, None, None)
    assert sorted(c for f in findings(r, "extract.table_missing") for c in f.cells) == \
        ["active_disclosure", "applications", "reviews_litigation"]
    assert '"applications": null' in r.to_json() or '"applications":null' in r.to_json()


def test_reviews_row_starting_with_blank_marks_keeps_positions() -> None:
    data = "1 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 0 |"
    text = REPORT_2021.replace(data, "— | / | 0 | 0 | — | 1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 0 |")
    assert text != REPORT_2021
    rv = nianbao.parse_text(text).tables.reviews_litigation
    assert rv is not None
    assert (rv.review.upheld, rv.review.corrected, rv.review.other, rv.review.total) == (None, None, 0, None)
    assert rv.litigation_direct.total == 2 and rv.litigation_after_review.total == 0


def test_group_and_row_label_in_one_space_separated_cell() -> None:
    text = ("某县2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            "三、本年度办理结果 （一）予以公开 6 1 0 0 1 0 8\n"
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 1 0 0 0 0 0 1\n")
    rows = nianbao.parse_text(text).tables.applications.rows  # type: ignore[union-attr]
    assert list(rows["granted"].values()) == [6, 1, 0, 0, 1, 0, 8]
    assert list(rows["partially_granted"].values()) == [1, 0, 0, 0, 0, 0, 1]


def test_text_in_a_value_cell_is_null_and_reported() -> None:
    text = REPORT_2021.replace("行政规范性文件 | 4 | 2 | 23 |", "行政规范性文件 | 4 | 见附件 | 23 |")
    r = nianbao.parse_text(text)
    cells = r.tables.active_disclosure.items["art20_1"]["normative_documents"]  # type: ignore[union-attr]
    assert cells == {"issued": 4, "repealed": None, "in_force": 23}
    bad = findings(r, "extract.value_unreadable")
    assert len(bad) == 1 and "见附件" in bad[0].message


def test_duplicate_row_keeps_the_first_and_says_so() -> None:
    row = "行政处罚 | 58 | | |\n"
    text = REPORT_2021.replace(row, row + "行政处罚 | 99 | | |\n")
    r = nianbao.parse_text(text)
    assert r.tables.active_disclosure.items["art20_6"]["penalty"]["decisions"] == 58  # type: ignore[union-attr]
    assert len(findings(r, "extract.duplicate_row")) == 1


def test_provenance_points_at_the_printed_cell() -> None:
    r = nianbao.parse_text(REPORT_2021)
    p = r.provenance["active_disclosure.art20_5.licensing.decisions"]
    line = REPORT_2021.splitlines()[p.line - 1]  # type: ignore[operator]
    assert p.text == "2,310"
    assert line[p.column:p.column + 5] == "2,310"  # type: ignore[index,operator]
    assert REPORT_2021[p.offset:p.offset + 5] == "2,310"  # type: ignore[index,operator]


def test_memo_computes_once_and_stops_remembering_at_its_bound(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from nianbao.extract import labels

    calls: list[str] = []

    def fn(text: str) -> int:
        calls.append(text)
        return len(text)

    monkeypatch.setattr(labels, "MEMO_MAX", 3)
    memo = labels.Memo(fn)
    assert [memo[t] for t in ("a", "bb", "a", "ccc", "dddd", "dddd")] == [1, 2, 1, 3, 4, 4]
    assert calls == ["a", "bb", "ccc", "dddd", "dddd"]  # the fourth text is past the bound: not kept
    assert len(memo) == 3
