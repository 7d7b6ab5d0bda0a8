"""Row labels as PDFs print them (issue 11): internal spaces, one character per line, wrapped lines,
small printing errors (matched by edit distance, reported as info with the printed text), never
one printed row to two template rows, and no printed row of numbers lost without a finding."""

from __future__ import annotations

import pytest

import nianbao
from nianbao.extract.labels import LabelMatcher
from nianbao.templates import V2019, V2021
from test_extract_tables import findings as _findings
from text_fixtures import REPORT_2021

APP = V2021.applications


@pytest.fixture(scope="module")
def matcher() -> LabelMatcher:
    return LabelMatcher(APP.rows, APP.groups)


def key(m: LabelMatcher, text: str) -> str | None:
    target = m.match(text)
    return getattr(target, "key", None) or getattr(target, "label", None)


@pytest.mark.parametrize(("printed", "expected"), [
    ("三 、本 年 度办 理 结果", "本年度办理结果"),  # spaces inside a vertical label
    ("三\n、\n本\n年\n度\n办\n理\n结\n果", "本年度办理结果"),  # one character per line
    ("（二）部分公开（区分处理的，只计这一情 形，不计其他情形）", "partially_granted"),  # stray space at a break
    ("（三） 不予 公开", "不予公开"),
    ("5.要求行政机关确认或 重新出具已获取信息", "not_processed.confirmation"),
])
def test_spaces_and_line_breaks_do_not_matter(matcher: LabelMatcher, printed: str, expected: str) -> None:
    assert key(matcher, printed) == expected
    assert not matcher.fuzzy(printed)


@pytest.mark.parametrize(("printed", "expected"), [
    ("三（一）予以公开", "granted"),  # a character of the vertical group label on the same text line
    ("、（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partially_granted"),
    ("度1.属于国家秘密", "withheld.state_secret"),
    ("办（三）不予公开", "不予公开"),
])
def test_a_stray_character_of_a_vertical_label_is_ignored(matcher: LabelMatcher, printed: str, expected: str) -> None:
    assert key(matcher, printed) == expected


@pytest.mark.parametrize(("printed", "expected"), [
    ("2.其他法律行政止公开", "withheld.prohibited_by_law"),  # 法规禁 missing
    ("5.属于三类内部事物信息", "withheld.internal_affairs"),  # 务 → 物
    ("7.属于行政执法卷", "withheld.enforcement_file"),  # 案 missing
    ("3.要求提供公开出版", "not_processed.publication"),  # 物 missing (also a truncation: not fuzzy)
])
def test_small_printing_errors_match_their_row(matcher: LabelMatcher, printed: str, expected: str) -> None:
    assert key(matcher, printed) == expected


def test_typo_is_flagged_as_fuzzy(matcher: LabelMatcher) -> None:
    assert matcher.fuzzy("2.其他法律行政止公开")
    assert not matcher.fuzzy("2.其他法律行政法规禁止公开")


@pytest.mark.parametrize("printed", [
    "其他法律行政止公开",  # no outline number: too weak a clue for an edit-distance match
    "9.其他法律行政止公开",  # the wrong number
    "2.本年度工作情况总结",  # far from every label
    "1.属于",  # too short
])
def test_no_match_without_enough_evidence(matcher: LabelMatcher, printed: str) -> None:
    assert matcher.match(printed) is None


def test_a_label_as_near_to_two_rows_matches_neither() -> None:
    from nianbao.templates import Row

    rows = (Row("a", "属于甲类内部信息", (), "1"), Row("b", "属于乙类内部信息", (), "1"))
    m = LabelMatcher(rows)
    assert m.match("1.属于丙类内部信息") is None  # one edit from both: never a guess between two rows
    assert m.match("1.属于甲类内部信") is not None


def test_matcher_reads_labels_from_the_template_definitions() -> None:
    # a label changed in the template definition is what the matcher then accepts
    from nianbao.templates import Row

    m = LabelMatcher((Row("x", "本机关不掌握相关政府信息", (), "1"),))
    assert m.match("1.本机关不掌握相关政府信") is not None
    assert LabelMatcher(V2019.applications.rows, V2019.applications.groups).match("（六）其他处理").key == "other"


def test_typo_in_a_report_is_read_and_reported_as_info() -> None:
    text = REPORT_2021.replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开")
    assert text != REPORT_2021
    r = nianbao.parse_text(text)
    base = nianbao.parse_text(REPORT_2021)
    rows = r.tables.applications.rows  # type: ignore[union-attr]
    assert rows == base.tables.applications.rows  # type: ignore[union-attr]
    fuzzy = _findings(r, "extract.label_fuzzy")
    assert len(fuzzy) == 1 and fuzzy[0].severity == "info"
    assert fuzzy[0].evidence == "2.其他法律行政止公开"
    assert "其他法律行政法规禁止公开" in fuzzy[0].message
    assert fuzzy[0].cells == ["applications.withheld.prohibited_by_law"]


def test_two_printed_rows_never_fill_one_template_row() -> None:
    # the typo row comes after the exact one: it may not overwrite it, and it is reported
    row = "2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
    assert row in REPORT_2021
    text = REPORT_2021.replace(row, row + "2.其他法律行政止公开 | 9 | 9 | 9 | 9 | 9 | 9 | 54 |\n")
    r = nianbao.parse_text(text)
    assert r.tables.applications.rows["withheld.prohibited_by_law"]["total"] == 0  # type: ignore[union-attr]
    assert len(_findings(r, "extract.duplicate_row")) == 1


def test_a_row_with_an_unreadable_label_is_named_in_a_finding() -> None:
    row = "3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
    assert row in REPORT_2021
    text = REPORT_2021.replace(row, "3.■■■■■■ | 4 | 0 | 0 | 0 | 0 | 0 | 4 |\n")
    r = nianbao.parse_text(text)
    missing = _findings(r, "extract.row_missing")
    assert [f.cells for f in missing] == [["applications.withheld.security_stability"]]
    stray = _findings(r, "extract.row_unmatched")
    assert len(stray) == 1 and stray[0].evidence == "3.■■■■■■"
    assert "4 0 0 0 0 0 4" in stray[0].message
    # the rows around it are not shifted
    rows = r.tables.applications.rows  # type: ignore[union-attr]
    assert rows["withheld.third_party_rights"] == nianbao.parse_text(REPORT_2021).tables.applications.rows[  # type: ignore[union-attr]
        "withheld.third_party_rights"]


def test_numbers_on_a_group_label_row_are_reported() -> None:
    row = "（三）不予公开 | 1.属于国家秘密 |"
    assert row in REPORT_2021
    text = REPORT_2021.replace(row, "（三）不予公开 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n1.属于国家秘密 |")
    r = nianbao.parse_text(text)
    grouped = _findings(r, "extract.group_values")
    assert len(grouped) == 1 and grouped[0].evidence == "（三）不予公开"
    assert r.tables.applications.rows["withheld.state_secret"] == nianbao.parse_text(  # type: ignore[union-attr]
        REPORT_2021).tables.applications.rows["withheld.state_secret"]  # type: ignore[union-attr]


def test_undivided_other_row_in_a_2021_report_keeps_its_values() -> None:
    lines = REPORT_2021.splitlines(keepends=True)
    first = next(i for i, ln in enumerate(lines) if "逾期不补正" in ln)
    last = next(i for i, ln in enumerate(lines) if ln.startswith("3.其他 |"))
    text = "".join(lines[:first]) + "（六）其他处理 | 3 | 1 | 0 | 0 | 0 | 0 | 4 |\n" + "".join(lines[last + 1:])
    r = nianbao.parse_text(text)
    assert r.meta.template == "2021"
    rows = r.tables.applications.rows  # type: ignore[union-attr]
    assert list(rows["other"].values()) == [3, 1, 0, 0, 0, 0, 4]
    for k in ("other.no_correction", "other.fee_unpaid", "other.other"):
        assert set(rows[k].values()) == {None}  # no split invented
    und = _findings(r, "extract.other_undivided")
    assert len(und) == 1 and und[0].evidence == "（六）其他处理"
    assert not _findings(r, "extract.row_missing")  # the one finding says it
    assert r.provenance["applications.other.total"].text == "4"
