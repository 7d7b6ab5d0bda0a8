"""Details of the sharper checks (issue 15): blanks that cannot save a relation, 表二 figures in the text,
holiday notes on late findings, central ministries and 规章, non-reports, YAML input to `check`.

Expected values are worked out by hand: the 2022 Spring Festival holiday ran 31 January to 6 February
(State Council notice), 31 January 2021 was a Sunday, 31 January 2023 a Tuesday.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

import nianbao
from checks_support import clean_report, set_cell
from nianbao.checks import run_checks
from nianbao.cli import app
from nianbao.rules.basis import BASIS, basis
from nianbao.rules.catalogue import RULES, finding
from text_fixtures import REPORT_2021

runner = CliRunner()


def _rules(report: nianbao.Report, previous: nianbao.Report | None = None) -> set[str]:
    return {f.rule for f in run_checks(report, previous)}


def test_blank_relation_evidence_names_known_terms_and_blanks() -> None:
    r = clean_report("2021")
    set_cell(r, "reviews_litigation.review.upheld", None)
    set_cell(r, "reviews_litigation.review.corrected", 4)
    set_cell(r, "reviews_litigation.review.other", 0)
    set_cell(r, "reviews_litigation.review.pending", 1)
    set_cell(r, "reviews_litigation.review.total", 3)  # 4 + 1 > 3, whatever 结果维持 holds
    got = [f for f in run_checks(r) if f.rule == "check.relation_broken_despite_blanks"]
    assert len(got) == 1
    assert got[0].severity == "error"
    assert "结果纠正(4)" in got[0].evidence and "空白[结果维持]≥5 > 总计(3)" in got[0].evidence
    assert "表四“行政复议”" in got[0].message
    set_cell(r, "reviews_litigation.review.total", 5)  # 结果维持 = 0 would balance it: not reported
    assert "check.relation_broken_despite_blanks" not in _rules(r)


def test_blanks_on_both_sides_prove_nothing() -> None:
    r = clean_report("2021")
    set_cell(r, "applications.new_received.other_org", None)
    set_cell(r, "applications.total.other_org", None)
    set_cell(r, "applications.carried_over.other_org", 10_000)  # 一(空)+二 = 三(七)(空)+四: open both ways
    rules = _rules(r)
    assert "check.relation_broken_despite_blanks" not in rules
    assert "check.t3_row_sum" in rules  # the 二 row itself has no blank and no longer adds up


def test_in_force_with_blank_repealed_is_still_bounded() -> None:
    """现行有效(t) = 上年现行有效 + 本年制发 − 本年废止: a blank 废止 can only lower it."""
    r, p = clean_report("2021"), clean_report("2021", 1)
    p.meta.year = 2021
    row = "active_disclosure.art20_1.normative_documents"
    set_cell(p, f"{row}.in_force", 10)
    set_cell(r, f"{row}.issued", 3)
    set_cell(r, f"{row}.repealed", None)
    set_cell(r, f"{row}.in_force", 14)  # above 10 + 3 whatever was repealed
    drift = [f for f in run_checks(r, p) if f.rule == "check.in_force_drift"]
    assert [f.cells[0] for f in drift] == [f"{row}.in_force"]
    assert "≤13" in drift[0].message
    set_cell(r, f"{row}.in_force", 12)  # 1 repealed would explain it: not reported
    assert not [f for f in run_checks(r, p) if f.rule == "check.in_force_drift" and row in f.cells[0]]


@pytest.mark.parametrize(("org", "fires"), [
    ("住房和城乡建设部", False), ("国家市场监督管理总局", False), ("中华人民共和国交通运输部", False),
    ("某县住房和城乡建设局", True), ("某市市场监督管理局", True), ("某省住房和城乡建设厅", True),
])
def test_rules_power_central_bodies(org: str, fires: bool) -> None:
    r = clean_report("2021", organization=org, body_kind="department")
    set_cell(r, "active_disclosure.art20_1.rules.in_force", 3)
    assert ("check.rules_without_power" in _rules(r)) is fires


@pytest.mark.parametrize(("year", "published", "note"), [
    (2021, dt.date(2022, 2, 9), "期限当日为春节假期"),
    (2020, dt.date(2021, 2, 3), "期限当日为周日"),
    (2022, dt.date(2023, 2, 3), None),
])
def test_late_says_when_the_deadline_was_a_day_off(year: int, published: dt.date, note: str | None) -> None:
    r = clean_report("2021" if year >= 2021 else "2019", year=year, period_year=year, published=published)
    late = [f for f in run_checks(r) if f.rule == "check.late"]
    assert len(late) == 1
    due = dt.date(year + 1, 1, 31)
    assert f"晚{(published - due).days}天" in late[0].message  # the date is not moved
    if note is None:
        assert "节假日" not in late[0].message
    else:
        assert note in late[0].message and "不因节假日顺延" in late[0].message


def _with_sentence(sentence: str) -> nianbao.Report:
    text = REPORT_2021.replace("发布政策解读9篇。", f"发布政策解读9篇。{sentence}")
    assert sentence in text
    return nianbao.parse_text(text)


def test_text_against_table_two_from_a_parsed_report() -> None:
    # the fixture's 表二: 行政规范性文件 本年制发 4, 废止 2, 现行有效 23; 行政许可 2,310
    r = _with_sentence("现行有效规范性文件25件，全年办理行政许可2310件。")
    got = [f for f in r.findings if f.rule == "check.text_active"]
    assert [f.cells for f in got] == [["active_disclosure.art20_1.normative_documents.in_force"]]
    assert "（25）" in got[0].message and "（23）" in got[0].message and "现行有效件数" in got[0].message
    assert "正文“现行有效规范性文件25件”" in got[0].evidence
    quiet = _with_sentence("现行有效规范性文件23件，制发规范性文件4件。")
    assert quiet.figures["normative_documents_in_force"] == 23
    assert "check.text_active" not in {f.rule for f in quiet.findings}


def test_every_check_rule_has_a_basis_that_cites_something() -> None:
    for rule in RULES.values():
        if rule.stage == "check":
            assert basis(rule.id), f"{rule.id} has no basis"
    assert set(BASIS) <= set(RULES), "a basis for a rule that does not exist"
    assert all(("条例" in b or "格式" in b or "立法法" in b or "惯例" in b or "跨年度" in b) for b in BASIS.values())


def test_check_exits_1_for_a_non_report_and_for_no_tables(tmp_path: Path) -> None:
    junk = tmp_path / "menu.txt"
    junk.write_text("首页\n网站地图\n联系我们\n版权所有\n", encoding="utf-8")
    res = runner.invoke(app, ["check", str(junk)])
    assert res.exit_code == 1, res.output
    assert "check.not_a_report" in res.output
    no_tables = tmp_path / "r.txt"
    no_tables.write_text("某市某局2022年政府信息公开工作年度报告\n发布时间：2023-01-10\n一、总体情况\n工作平稳。\n"
                         "五、存在的主要问题及改进情况\n无。\n", encoding="utf-8")
    res = runner.invoke(app, ["check", str(no_tables), "--format", "json"])
    assert res.exit_code == 1
    assert "check.no_tables" in res.stdout and "check.not_a_report" not in res.stdout


def test_check_reads_the_fill_in_yaml(tmp_path: Path) -> None:
    examples = Path(__file__).resolve().parents[1] / "examples"
    fill = next(iter(sorted(examples.glob("*.yaml"))), None)
    if fill is None:
        pytest.skip("no fill-in example")
    res = runner.invoke(app, ["check", str(fill), "--format", "json"])
    assert res.exit_code in (0, 1), res.output
    data = nianbao.Report.from_json(res.stdout)
    assert data.tables.applications is not None  # read as a report, not as plain text
    assert "check.not_a_report" not in {f.rule for f in data.findings}


def test_a_scanned_file_is_not_called_a_non_report() -> None:
    r = nianbao.Report(source=nianbao.model.Source(path="scan.pdf", sha256="0" * 64, format="pdf"))
    r.findings.append(finding("extract.scanned_pages", [], "", message="第1–3页没有文字层",
                              message_en="pages 1-3 have no text layer"))
    got = {f.rule: f for f in run_checks(r)}
    assert "check.not_a_report" not in got
    assert "扫描图像" in got["check.no_tables"].message


def test_every_review_sheet_format_cites_the_basis_of_a_finding() -> None:
    from nianbao.writers.review_sheet import render_html, render_markdown

    report = clean_report()
    set_cell(report, "applications.total.total", (report.cell("applications.total.total") or 0) + 7)
    report.findings = run_checks(report)
    cited = [f for f in report.findings if basis(f.rule)]
    assert cited, "the broken sum has a rule with a basis"
    for sheet in (render_markdown([report]), render_html([report])):
        assert f"法规/格式依据：{basis(cited[0].rule)}" in sheet
