"""Consecutive-year fixture reports of many bodies, with carry-over breaks put in on purpose.

Built from checks_support.clean_report (tables that add up within the year). `linked_pair` makes last
year's report agree with this year's on C5 (二 上年结转 = last year's 四 结转下年度继续办理) and C6
(现行有效件数 = last year's + 本年制发 − 本年废止), keeping both years' own arithmetic; `breaks` then
breaks some of them, each in a way that keeps the year's own tables consistent, and records what it
broke. The expectations of the tests are these records, not the output of the code under test.
"""

from __future__ import annotations

import datetime as dt

from checks_support import APPLICANTS, clean_report
from nianbao.model import Report

PLACES = ("临水", "青石", "东岭", "西河", "南坪", "北川", "安平", "永安", "长宁", "清溪", "白沙", "丰乐", "兴平")
DEPARTMENTS = ("教育局", "财政局", "民政局", "司法局", "水利局", "统计局", "审计局", "林业局")
INFORCE_ROW = "active_disclosure.art20_1.normative_documents"


LEVELS = ("县", "区", "市")


def body_name(i: int) -> str:
    """Distinct for i < 312 (13 places × 8 departments × 3 levels)."""
    level = LEVELS[(i // (len(PLACES) * len(DEPARTMENTS))) % len(LEVELS)]
    return f"{PLACES[i % len(PLACES)]}{level}{DEPARTMENTS[(i // len(PLACES)) % len(DEPARTMENTS)]}"


def _report(org: str, year: int, seed: int) -> Report:
    return clean_report("2021", seed=seed, organization=org, year=year, period_year=year,
                        title=f"{org}{year}年政府信息公开工作年度报告", published=dt.date(year + 1, 1, 20))


def _retotal(report: Report, *rows: str) -> None:
    table = report.tables.applications.rows  # type: ignore[union-attr]
    for row in rows:
        table[row]["total"] = sum(table[row][c] for c in APPLICANTS)  # type: ignore[misc]


def linked_pair(i: int, this_year: int = 2023) -> tuple[Report, Report]:
    """(last year's, this year's) report of body `i`: every cross-year relation holds."""
    org = body_name(i)
    prev, this = _report(org, this_year - 1, 1000 + i), _report(org, this_year, i)
    rows = this.tables.applications.rows  # type: ignore[union-attr]
    forward = prev.tables.applications.rows["carried_forward"]  # type: ignore[union-attr]
    for col in APPLICANTS:
        carried = forward[col]
        rows["carried_over"][col] = carried
        new = rows["total"][col] + rows["carried_forward"][col] - carried  # type: ignore[operator]
        if new < 0:  # keep 一 ≥ 0: carry more forward instead
            rows["carried_forward"][col] -= new  # type: ignore[operator]
            new = 0
        rows["new_received"][col] = new
    _retotal(this, "carried_over", "new_received", "carried_forward")
    for item, cols in this.tables.active_disclosure.items["art20_1"].items():  # type: ignore[union-attr]
        before = cols["in_force"] - cols["issued"] + cols["repealed"]  # type: ignore[operator]
        if before < 0:
            cols["in_force"] -= before  # type: ignore[operator]
            before = 0
        prev.tables.active_disclosure.items["art20_1"][item]["in_force"] = before  # type: ignore[union-attr]
    return prev, this


def break_carry_over(this: Report, col: str = "natural_person", by: int = 2) -> None:
    """二 上年结转 raised by `by` in column `col`; 一 lowered (or 四 raised) so that C1 still holds."""
    rows = this.tables.applications.rows  # type: ignore[union-attr]
    rows["carried_over"][col] += by  # type: ignore[operator]
    if rows["new_received"][col] >= by:  # type: ignore[operator]
        rows["new_received"][col] -= by  # type: ignore[operator]
    else:
        rows["carried_forward"][col] += by  # type: ignore[operator]
    _retotal(this, "carried_over", "new_received", "carried_forward")


def break_in_force(this: Report, by: int = 3) -> None:
    this.tables.active_disclosure.items["art20_1"]["normative_documents"]["in_force"] += by  # type: ignore


def batch(n: int, this_year: int = 2023) -> tuple[list[Report], list[Report], dict[str, set[str]]]:
    """`n` bodies: this year's reports, last year's, and body -> the rules its pair must break."""
    this_years, last_years, broken = [], [], {}
    for i in range(n):
        prev, this = linked_pair(i, this_year)
        rules: set[str] = set()
        if i % 5 == 1:
            break_carry_over(this, APPLICANTS[i % len(APPLICANTS)], by=1 + i % 3)
            rules.add("check.carryover_mismatch")
        if i % 7 == 3:
            break_in_force(this)
            rules.add("check.in_force_drift")
        broken[body_name(i)] = rules
        this_years.append(this)
        last_years.append(prev)
    return this_years, last_years, broken
