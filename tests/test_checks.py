"""Every check rule: a case where it fires and one where it does not, plus the details it reports.

Reports are built in memory (checks_support.clean_report: consistent tables, in time, complete);
each case changes one thing. Expected numbers are worked out by hand from the reference rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from checks_support import clean_report, set_cell
from nianbao.checks import deadline, recheck, run_checks, similarity
from nianbao.model import Contact, Finding, Report
from nianbao.rules.catalogue import RULES, finding
from review_cases import CORPUS_RULES, NEW_CASES

Case = Callable[[], tuple[Report, Report | None]]


def _one(report: Report, previous: Report | None = None) -> tuple[Report, Report | None]:
    return report, previous


def _bump(version: str, path: str, delta: int | float) -> Report:
    r = clean_report(version)
    old = r.cell(path)
    assert old is not None
    set_cell(r, path, old + delta)
    return r


def _blank_explained() -> tuple[Report, None]:
    r = clean_report("2021")
    set_cell(r, "applications.granted.natural_person", None)
    r.findings.append(finding("extract.row_incomplete", ["applications.granted"], "", table_label="表三",
                              table_label_en="t3", row_label="予以公开", found=6, expected=7))
    return r, None


def _rules(org: str, kind: str, value: int = 2) -> tuple[Report, None]:
    r = clean_report("2021", organization=org, body_kind=kind)
    set_cell(r, "active_disclosure.art20_1.rules.in_force", value)
    return r, None


def _section_text(r: Report, number: int, text: str) -> Report:
    r.sections[number - 1].text = text
    return r


LONG = ("本机关坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党中央国务院关于政务公开工作的决策部署，"
        "严格执行政府信息公开条例，围绕中心工作，加强主动公开，规范依申请公开，强化政策解读和回应关切，"
        "2022年全年主动公开政府信息356条，政务公开工作取得新成效。")
OTHER = ("今年重点推进了基层政务公开标准化规范化建设，梳理完善了公开事项目录，对门户网站栏目进行了全面改版，"
         "新增办事指南栏目与互动交流渠道，群众满意度明显提升，同时加强了工作人员的业务培训和考核。")


def _with_previous(version: str, prev_seed: int = 1, **changes: object) -> tuple[Report, Report]:
    r = clean_report(version)
    p = clean_report(version, prev_seed)
    p.meta.year = r.meta.year - 1  # type: ignore[operator]
    p.meta.period_year = p.meta.year
    for col, v in r.tables.applications.rows["carried_over"].items():  # type: ignore[union-attr]
        p.tables.applications.rows["carried_forward"][col] = v  # type: ignore[union-attr]
    # last year's 表二 made to agree with this year's (C6 for 2021, C7 for 2019), by hand
    this, last = r.tables.active_disclosure.items, p.tables.active_disclosure.items  # type: ignore[union-attr]
    for item, rows in this.items():
        for row, cols in rows.items():
            if "in_force" in cols:
                last[item][row]["in_force"] = cols["in_force"] - cols["issued"] + cols["repealed"]  # type: ignore
            if "previous" in cols:
                last[item][row]["previous"] = cols["previous"] - last[item][row]["change"]  # type: ignore
    return r, p


def _carryover(mismatch: bool) -> tuple[Report, Report]:
    r, p = _with_previous("2021")
    if mismatch:
        p.tables.applications.rows["carried_forward"]["natural_person"] = \
            r.tables.applications.rows["carried_over"]["natural_person"] + 2  # type: ignore[union-attr,operator]
    return r, p


def _in_force(drift: bool) -> tuple[Report, Report]:
    r, p = _with_previous("2021")
    row = "active_disclosure.art20_1.normative_documents"
    set_cell(p, f"{row}.in_force", 10)
    set_cell(r, f"{row}.issued", 3)
    set_cell(r, f"{row}.repealed", 1)
    set_cell(r, f"{row}.in_force", 12 + (1 if drift else 0))
    return r, p


def _item_count(drift: bool) -> tuple[Report, Report]:
    r, p = _with_previous("2019")
    row = "active_disclosure.art20_5.licensing"
    set_cell(p, f"{row}.previous", 40)
    set_cell(p, f"{row}.change", -3)
    set_cell(r, f"{row}.previous", 37 + (5 if drift else 0))
    return r, p


def _similar(same: bool) -> tuple[Report, Report]:
    r, p = _with_previous("2021")
    _section_text(p, 1, LONG)
    _section_text(r, 1, LONG.replace("2022", "2023").replace("356", "401") if same else OTHER)
    return r, p


def _figure(name: str, delta: int) -> tuple[Report, None]:
    r = clean_report("2021")
    rl = r.tables.reviews_litigation
    assert rl is not None
    table = {"reviews": rl.review.total,
             "litigations": (rl.litigation_direct.total or 0) + (rl.litigation_after_review.total or 0),
             "applications_received": r.cell("applications.new_received.total")}[name]
    r.figures[name] = table + delta  # type: ignore[operator]
    return r, None


def _published(kind: str, day: dt.date | None, year: int = 2022, org: str = "某市某局") -> tuple[Report, None]:
    return clean_report("2021", body_kind=kind, published=day, year=year, period_year=year, organization=org), None


def _ocr(misread: bool, low: bool = False) -> tuple[Report, None]:
    """表四 行政复议 总计 read by OCR (misread by +2 or not), its true value among the engine's other readings."""
    from nianbao.model import Provenance
    from nianbao.model.report import OcrProvenance

    path = "reviews_litigation.review.total"
    r = clean_report("2021")
    true = r.cell(path)
    if misread:
        set_cell(r, path, true + 2)  # type: ignore[operator]
    r.provenance[path] = Provenance(text=str(r.cell(path)), page=3, bbox=(100, 200, 120, 215),
                                    ocr=OcrProvenance(score=0.7, raw=str(r.cell(path)), crop=(280, 560, 330, 600),
                                                      dpi=200, alternatives=[str(true + 5), str(true)], low=low))
    return r, None


# rule -> (a case where it fires, a case where it does not)
CASES: dict[str, tuple[Case, Case]] = {
    "check.t3_balance": (lambda: _one(_bump("2021", "applications.carried_forward.other_org", 1)),
                         lambda: _one(_bump("2021", "applications.granted.natural_person", 1))),
    "check.t3_row_sum": (lambda: _one(_bump("2019", "applications.other.total", 2)),
                         lambda: _one(clean_report("2019"))),
    "check.t3_outcome_sum": (lambda: _one(_bump("2021", "applications.other.fee_unpaid.legal_service_org", 1)),
                             lambda: _one(_bump("2021", "applications.new_received.natural_person", 1))),
    "check.t4_group_sum": (lambda: _one(_bump("2021", "reviews_litigation.litigation_direct.pending", 1)),
                           lambda: _one(clean_report("2021"))),
    "check.negative_value": (lambda: _one(_bump("2021", "reviews_litigation.review.upheld", -100)),
                             lambda: _one(_bump("2019", "active_disclosure.art20_8.fees.change", -100))),
    "check.non_integer": (lambda: _one(_bump("2021", "active_disclosure.art20_6.penalty.decisions", 0.5)),
                          lambda: _one(_bump("2021", "active_disclosure.art20_8.fees.amount", 0.25))),
    "check.blank_cells": (lambda: _one(_blank("applications.granted.natural_person")),
                          _blank_explained),
    "check.rules_without_power": (lambda: _rules("某市某局", "department"),
                                  lambda: _rules("某省人民政府", "government")),
    "check.period_missing": (lambda: _one(clean_report("2021", period_year=None)),
                             lambda: _one(clean_report("2021", period_year=2022))),
    "check.period_mismatch": (lambda: _one(clean_report("2021", period_year=2021)),
                              lambda: _one(clean_report("2021", period_year=2022))),
    "check.contact_missing": (lambda: _one(clean_report("2021", contact=Contact())),
                              lambda: _one(clean_report("2021", contact=Contact(email="gk@example.cn")))),
    "check.fee_not_reported": (lambda: _one(_section_text(clean_report("2021"), 6, "无。")),
                               lambda: _one(_section_text(clean_report("2019"), 6, "无。"))),
    "check.accountability_missing": (
        lambda: _one(clean_report("2021", organization="某县人民政府", body_kind="government")),
        lambda: _one(_section_text(clean_report("2021", organization="某县人民政府", body_kind="government"), 1,
                                   "将政务公开工作纳入年度绩效考核。"))),
    "check.template_outdated": (lambda: _one(clean_report("2019", year=2021, period_year=2021,
                                                          published=dt.date(2022, 1, 10))),
                                lambda: _one(clean_report("2019", year=2021, period_year=2021,
                                                          published=dt.date(2022, 1, 10), template_evidence="year"))),
    "check.template_anachronism": (lambda: _one(clean_report("2021", year=2020, period_year=2020,
                                                             published=dt.date(2021, 1, 10))),
                                   lambda: _one(clean_report("2021", year=2021, period_year=2021,
                                                             published=dt.date(2022, 1, 10)))),
    "check.late": (lambda: _published("department", dt.date(2023, 2, 1)),
                   lambda: _published("department", dt.date(2023, 1, 31))),
    "check.no_statutory_deadline": (lambda: _published("township", dt.date(2023, 6, 1), org="某镇人民政府"),
                                    lambda: _published("government", dt.date(2023, 3, 1), org="某市人民政府")),
    "check.body_kind_unknown": (lambda: _published("unknown", dt.date(2023, 1, 10), org="某某"),
                                lambda: _published("department", dt.date(2023, 1, 10))),
    "check.published_unknown": (lambda: _published("department", None),
                                lambda: _published("department", dt.date(2023, 1, 10))),
    "check.year_unknown": (lambda: _one(clean_report("2021", year=None)),
                           lambda: _one(clean_report("2021"))),
    "check.text_applications": (lambda: _figure("applications_received", 3),
                                lambda: _figure("applications_received", 0)),
    "check.text_reviews": (lambda: _figure("reviews", 1), lambda: _figure("reviews", 0)),
    "check.text_litigations": (lambda: _figure("litigations", 2), lambda: _figure("litigations", 0)),
    "check.previous_not_prior_year": (lambda: _prev_year(2), lambda: _prev_year(1)),
    "check.previous_other_body": (lambda: _prev_org("某市另一局"), lambda: _prev_org("某市某局")),
    "check.carryover_mismatch": (lambda: _carryover(True), lambda: _carryover(False)),
    "check.in_force_drift": (lambda: _in_force(True), lambda: _in_force(False)),
    "check.item_count_drift": (lambda: _item_count(True), lambda: _item_count(False)),
    "check.similar_to_previous": (lambda: _similar(True), lambda: _similar(False)),
    "check.ocr_alternative": (lambda: _ocr(True), lambda: _ocr(False)),
    "check.ocr_low_confidence": (lambda: _ocr(False, low=True), lambda: _ocr(False, low=False)),
}


CASES.update(NEW_CASES)


def _blank(path: str) -> Report:
    r = clean_report("2021")
    set_cell(r, path, None)
    return r


def _prev_year(gap: int) -> tuple[Report, Report]:
    r, p = _with_previous("2021")
    p.meta.year = r.meta.year - gap  # type: ignore[operator]
    return r, p


def _prev_org(org: str) -> tuple[Report, Report]:
    r, p = _with_previous("2021")
    p.meta.organization = org
    return r, p


def _findings(case: Case) -> list[Finding]:
    report, previous = case()
    return run_checks(report, previous)


def test_every_check_rule_has_cases() -> None:
    check_rules = {r.id for r in RULES.values() if r.stage == "check"}
    assert set(CASES) == check_rules - CORPUS_RULES


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fires(rule: str) -> None:
    got = [f for f in _findings(CASES[rule][0]) if f.rule == rule]
    assert got, f"{rule} did not fire"
    for f in got:
        assert f.severity == RULES[rule].severity
        assert f.message and f.message_en
        assert "{" not in f.message and "{" not in f.message_en


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_quiet(rule: str) -> None:
    assert rule not in {f.rule for f in _findings(CASES[rule][1])}


def test_clean_reports_have_no_findings() -> None:
    for version in ("2019", "2021"):
        for seed in range(20):
            assert run_checks(clean_report(version, seed)) == []


# -- details: cells and evidence ---------------------------------------------------------------

def test_balance_names_its_four_cells_with_numbers() -> None:
    r = clean_report("2021")
    rows = r.tables.applications.rows  # type: ignore[union-attr]
    rows["carried_forward"]["other_org"] = rows["carried_forward"]["other_org"] + 4  # type: ignore[operator]
    new, carried = rows["new_received"]["other_org"], rows["carried_over"]["other_org"]
    handled, forward = rows["total"]["other_org"], rows["carried_forward"]["other_org"]
    got = [f for f in run_checks(r) if f.rule == "check.t3_balance"]
    assert len(got) == 1
    f = got[0]
    assert set(f.cells) == {f"applications.{k}.other_org" for k in
                            ("new_received", "carried_over", "total", "carried_forward")}
    assert f"一({new})+二({carried})={new + carried}" in f.evidence  # type: ignore[operator]
    assert f"三(七)总计({handled})+四({forward})={handled + forward}" in f.evidence  # type: ignore[operator]
    assert "“其他”列" in f.message
    # the row sum of 四 (其他 changed, 总计 not) also fires; nothing else
    assert {x.rule for x in run_checks(r)} == {"check.t3_balance", "check.t3_row_sum"}


def test_outcome_sum_evidence_lists_non_zero_terms() -> None:
    r = clean_report("2021")
    for cols in r.tables.applications.rows.values():  # type: ignore[union-attr]
        for col in cols:
            cols[col] = 0
    set_cell(r, "applications.granted.natural_person", 4)
    set_cell(r, "applications.unavailable.not_held.natural_person", 2)
    got = [f for f in run_checks(r) if f.rule == "check.t3_outcome_sum"]
    assert len(got) == 1
    assert got[0].evidence == "自然人：三(一)(4)+三(四)1(2)=6（其余19项为0） ≠ 三(七)总计(0)"
    assert got[0].message == "表三“自然人”列：（七）总计为0，办理结果各项之和为6"


def test_group_sum_evidence() -> None:
    r = clean_report("2021")
    g = r.tables.reviews_litigation.litigation_after_review  # type: ignore[union-attr]
    g.upheld, g.corrected, g.other, g.pending, g.total = 1, 2, 0, 0, 4
    got = [f for f in run_checks(r) if f.rule == "check.t4_group_sum"]
    assert len(got) == 1
    assert got[0].evidence == "行政诉讼（复议后起诉）：结果维持(1)+结果纠正(2)+其他结果(0)+尚未审结(0)=3 ≠ 总计(4)"
    assert got[0].cells[-1] == "reviews_litigation.litigation_after_review.total"


def test_blank_cells_one_finding_per_table() -> None:
    r = clean_report("2019")
    set_cell(r, "applications.granted.natural_person", None)
    set_cell(r, "applications.total.total", None)
    set_cell(r, "reviews_litigation.review.total", None)
    got = [f for f in run_checks(r) if f.rule == "check.blank_cells"]
    assert [sorted(f.cells) for f in got] == [
        ["applications.granted.natural_person", "applications.total.total"],
        ["reviews_litigation.review.total"],
    ]
    assert "2个空白单元格" in got[0].message
    # relations through a blank cell are not checked (a blank is not read as 0)
    assert not [f for f in run_checks(r) if f.rule.startswith(("check.t3", "check.t4"))]


def test_rules_power_by_body() -> None:
    fired = {org: "check.rules_without_power" in {f.rule for f in run_checks(_rules(org, kind)[0])}
             for org, kind in [("某县人民政府", "government"), ("某区人民政府", "government"),
                               ("某市人民政府", "government"), ("某自治区人民政府", "government"),
                               ("某某自治县人民政府", "government"),
                               ("某镇人民政府", "township"), ("某市生态环境局", "department"),
                               ("交通运输部", "department")]}
    assert fired == {"某县人民政府": True, "某区人民政府": True, "某市人民政府": False, "某自治区人民政府": False,
                     "某某自治县人民政府": True,
                     "某镇人民政府": True, "某市生态环境局": True, "交通运输部": False}
    assert "check.rules_without_power" not in {f.rule for f in run_checks(_rules("某县人民政府", "government", 0)[0])}


@pytest.mark.parametrize(("kind", "year", "due"), [
    ("department", 2022, dt.date(2023, 1, 31)),
    ("government", 2022, dt.date(2023, 3, 31)),
    ("department", 2018, dt.date(2019, 3, 31)),  # 2007 条例: 3月31日 for everyone
    ("government", 2019, dt.date(2020, 3, 31)),
])
def test_deadline(kind: str, year: int, due: dt.date) -> None:
    got = deadline(year, kind)
    assert got is not None and got[0] == due


@pytest.mark.parametrize("kind", ["township", "unknown"])
def test_no_deadline_guessed(kind: str) -> None:
    assert deadline(2022, kind) is None


def test_late_message_counts_days() -> None:
    got = [f for f in run_checks(_published("government", dt.date(2023, 4, 3), org="某市人民政府")[0])
           if f.rule == "check.late"]
    assert len(got) == 1
    assert "2023年3月31日" in got[0].message and "晚3天" in got[0].message
    assert got[0].evidence == "发布日期 2023-04-03 > 期限 2023-03-31"
    r = clean_report("2021", published=dt.date(2023, 2, 2), published_basis="signature")
    late = [f for f in run_checks(r) if f.rule == "check.late"]
    assert len(late) == 1 and "落款日期" in late[0].message


def test_timeliness_silent_for_government_before_march_end() -> None:
    r = clean_report("2021", organization="开远市人民政府", body_kind="government",
                     published=dt.date(2023, 2, 14))
    assert not {f.rule for f in run_checks(r)} & {"check.late", "check.body_kind_unknown",
                                                  "check.no_statutory_deadline", "check.published_unknown"}


def test_text_vs_tables_evidence_has_both_numbers() -> None:
    r, _ = _figure("reviews", 2)
    table = r.tables.reviews_litigation.review.total  # type: ignore[union-attr]
    f = next(f for f in run_checks(r) if f.rule == "check.text_reviews")
    assert f.cells == ["reviews_litigation.review.total"]
    assert f"（{table + 2}件）" in f.message and f"（{table}件）" in f.message  # type: ignore[operator]
    assert f"行政复议 总计({table})" in f.evidence


def test_text_applications_accepts_new_plus_carried() -> None:
    r = clean_report("2021")
    r.figures["applications_received"] = r.cell("applications.new_received.total") + \
        r.cell("applications.carried_over.total")  # type: ignore[operator]
    assert "check.text_applications" not in {f.rule for f in run_checks(r)}


def test_carryover_names_this_years_cell_and_both_numbers() -> None:
    r, p = _carryover(True)
    this = r.cell("applications.carried_over.natural_person")
    got = [f for f in run_checks(r, p) if f.rule == "check.carryover_mismatch"]
    assert len(got) == 1
    assert got[0].cells == ["applications.carried_over.natural_person"]
    assert got[0].evidence == f"自然人：二({this}) ≠ 上年四({this + 2})"  # type: ignore[operator]


def test_in_force_evidence() -> None:
    r, p = _in_force(True)
    f = next(f for f in run_checks(r, p) if f.rule == "check.in_force_drift")
    assert f.evidence == "行政规范性文件：现行有效件数(13) ≠ 上年现行有效件数(10)+本年制发件数(3)−本年废止件数(1)=12"


def test_similarity_reports_percent() -> None:
    r, p = _similar(True)
    f = next(f for f in run_checks(r, p) if f.rule == "check.similar_to_previous")
    assert "第一部分“总体情况”" in f.message and "100%" in f.message
    assert similarity(LONG, OTHER) < 0.3
    assert similarity(LONG, LONG.replace("2022", "2023")) == 1.0


def test_recheck_replaces_stale_check_findings() -> None:
    r = clean_report("2021")
    r.findings.append(finding("check.year_unknown", [], ""))
    r.findings.append(finding("extract.section_missing", [], "", number_cn="六", number=6, title="其他需要报告的事项"))
    recheck(r)
    assert [f.rule for f in r.findings] == ["extract.section_missing"]


def test_run_checks_does_not_modify_the_report() -> None:
    r = _bump("2021", "reviews_litigation.review.upheld", 1)
    before = r.model_dump_json()
    assert run_checks(r)
    assert r.model_dump_json() == before
