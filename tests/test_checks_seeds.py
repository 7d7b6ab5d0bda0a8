"""Check findings on the real seed reports, written as explicit expectations.

Expected findings were worked out by reading the seed texts in /work/shared/seeds (see
tests/test_seeds.py for the values read from them) and applying the rules by hand.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

import nianbao
from nianbao.model import Finding, Report

SEEDS_DIR = Path(__file__).resolve().parents[2] / "shared" / "seeds"
if not SEEDS_DIR.is_dir():
    pytest.skip(f"seed folder not found: {SEEDS_DIR}", allow_module_level=True)

TIMELINESS = {"check.late", "check.no_statutory_deadline", "check.body_kind_unknown", "check.published_unknown",
              "check.year_unknown"}
TABLES = ("active_disclosure", "applications", "reviews_litigation")


@functools.cache
def report(prefix: str) -> Report:
    matches = sorted(SEEDS_DIR.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix}_*.txt not present")
    return nianbao.parse(matches[0])


def checks(prefix: str) -> list[Finding]:
    return [f for f in report(prefix).findings if f.rule.startswith("check.")]


def _col(path: str) -> str:
    return path.rsplit(".", 1)[-1]


def test_seed_001_arithmetic_errors() -> None:
    """大英县 2020: 表三 一 = 8 (自然人, 总计) but (七)总计 = 0; 表四 行政复议 结果纠正 1, 总计 0."""
    errors = [f for f in checks("001") if f.severity == "error"]
    got = {(f.rule, frozenset(f.cells)) for f in errors}
    t3 = "applications"
    expected = {
        ("check.t3_balance", frozenset({f"{t3}.new_received.natural_person", f"{t3}.carried_over.natural_person",
                                        f"{t3}.total.natural_person", f"{t3}.carried_forward.natural_person"})),
        ("check.t3_balance", frozenset({f"{t3}.new_received.total", f"{t3}.carried_over.total",
                                        f"{t3}.total.total", f"{t3}.carried_forward.total"})),
        ("check.t4_group_sum", frozenset({f"reviews_litigation.review.{c}"
                                          for c in ("upheld", "corrected", "other", "pending", "total")})),
    }
    outcome_rows = ("granted", "partially_granted", "withheld.state_secret", "withheld.prohibited_by_law",
                    "withheld.security_stability", "withheld.third_party_rights", "withheld.internal_affairs",
                    "withheld.process_information", "withheld.enforcement_file", "withheld.administrative_query",
                    "unavailable.not_held", "unavailable.needs_creation", "unavailable.unclear_after_correction",
                    "not_processed.complaint", "not_processed.duplicate", "not_processed.publication",
                    "not_processed.excessive", "not_processed.confirmation", "other", "total")
    for col in ("natural_person", "total"):  # (一) 4 + (四)1 2 + (四)3 2 = 8 ≠ (七)总计 0
        expected.add(("check.t3_outcome_sum", frozenset(f"{t3}.{row}.{col}" for row in outcome_rows)))
    assert got == expected
    balance = {_col(f.cells[0]): f for f in errors if f.rule == "check.t3_balance"}
    assert balance["natural_person"].evidence == "自然人：一(8)+二(0)=8 ≠ 三(七)总计(0)+四(0)=0"
    assert balance["total"].evidence == "总计：一(8)+二(0)=8 ≠ 三(七)总计(0)+四(0)=0"
    review = next(f for f in errors if f.rule == "check.t4_group_sum")
    assert review.evidence == "行政复议：结果维持(0)+结果纠正(1)+其他结果(0)+尚未审结(0)=1 ≠ 总计(0)"


def test_seed_001_other_findings() -> None:
    """No contact details and no date printed; period stated; 考核 mentioned; narrative 8 = table 8."""
    others = {f.rule for f in checks("001") if f.severity != "error"}
    assert others == {"check.contact_missing", "check.published_unknown"}


def test_seed_003_in_time_and_missing_tables() -> None:
    """开远市人民政府 2022, published 2023-02-14, due 2023-03-31: no timeliness finding."""
    rules = {f.rule for f in checks("003")}
    assert not rules & TIMELINESS
    # tables missing (extraction says so); no check fires on a null table
    assert not {r for r in rules if r.startswith(("check.t3", "check.t4", "check.blank", "check.text_"))}
    # the narrative never mentions 考核/评议/责任追究 although this is a government's report; and with no
    # table read at all there is nothing to check the figures against: an error for the reviewer
    assert rules == {"check.accountability_missing", "check.no_tables"}


@pytest.mark.parametrize("prefix", ["000", "003", "004"])
def test_missing_table_findings(prefix: str) -> None:
    missing = [f for f in report(prefix).findings if f.rule == "extract.table_missing"]
    assert sorted(tuple(f.cells) for f in missing) == [(t,) for t in sorted(TABLES)]
    assert all(f.severity == "warning" for f in missing)


def test_seed_004_published_unknown() -> None:
    """青田县 2019: no publication date anywhere; a government's report is due 2020-03-31."""
    got = [f for f in checks("004") if f.rule in TIMELINESS]
    assert [f.rule for f in got] == ["check.published_unknown"]
    assert "2020年3月31日" in got[0].message


def test_seed_002_department_in_time() -> None:
    """鞍山市应急管理局 2020, signed 2021-01-25 (due 2021-01-31); no period and no contact stated."""
    rules = {f.rule for f in checks("002")}
    assert not rules & TIMELINESS
    assert {"check.period_missing", "check.contact_missing"} <= rules
    assert not {f for f in checks("002") if f.severity == "error"}


def test_cross_year_between_seeds_of_different_bodies() -> None:
    """Seed 002 (2020) given as 'previous' of seed 003 (2022): wrong year, no cross-year comparison."""
    from nianbao.checks import run_checks

    got = run_checks(report("003"), report("002"))
    assert "check.previous_not_prior_year" in {f.rule for f in got}
    assert not {f.rule for f in got} & {"check.carryover_mismatch", "check.similar_to_previous"}
