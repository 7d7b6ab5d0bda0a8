"""Mutation tests: consistent tables pass; changing one cell fires exactly the relations involving it.

The expected relations come from `checks_support.expected_relations`, written from the reference
(C1–C4) independently of the template-derived relations the checks evaluate.
"""

from __future__ import annotations

import random

import pytest

from checks_support import all_cells, clean_report, expected_relations, set_cell
from nianbao.checks.tables import check_relations, check_values
from nianbao.model import Report

MUTATIONS_PER_VERSION = 1000
ARITHMETIC = {"check.t3_balance", "check.t3_row_sum", "check.t3_outcome_sum", "check.t4_group_sum"}


def fired(report: Report) -> set[tuple[str, frozenset[str]]]:
    return {(f.rule, frozenset(f.cells)) for f in [*check_relations(report), *check_values(report)]}


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_consistent_tables_yield_no_arithmetic_finding(version: str) -> None:
    for seed in range(200):
        report = clean_report(version, seed)
        assert fired(report) == set(), seed


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_one_changed_cell_fires_exactly_its_relations(version: str) -> None:
    rng = random.Random(f"mutations-{version}")
    report = clean_report(version, 7)
    cells = [c for c in all_cells(report) if not c.startswith("active_disclosure")]
    checked = 0
    for _ in range(MUTATIONS_PER_VERSION):
        path = rng.choice(cells)
        old = report.cell(path)
        assert isinstance(old, int)
        new = old + rng.choice([-1, 1]) * rng.randint(1, 5)
        if new < 0:
            new = old + rng.randint(1, 5)
        set_cell(report, path, new)
        got = fired(report)
        expected = expected_relations(version, path)
        assert expected, path
        assert got == expected, (path, old, new)
        for _rule, named in got:
            assert path in named
        set_cell(report, path, old)
        checked += 1
    assert checked == MUTATIONS_PER_VERSION
    assert fired(report) == set()


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_every_cell_of_tables_3_and_4(version: str) -> None:
    """Exhaustive: each 表三/表四 cell raised by 1 fires its relations, each lowered below 0 also negative_value."""
    report = clean_report(version, 11)
    for path in all_cells(report):
        if path.startswith("active_disclosure"):
            continue
        old = report.cell(path)
        assert isinstance(old, int)
        set_cell(report, path, old + 1)
        assert fired(report) == expected_relations(version, path), path
        set_cell(report, path, -1)
        got = fired(report)
        negative = {(r, c) for r, c in got if r == "check.negative_value"}
        assert negative == {("check.negative_value", frozenset([path]))}, path
        # -1 differs from the consistent value unless old was -1 (never: values are >= 0)
        assert got - negative == expected_relations(version, path), path
        set_cell(report, path, old)


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_blank_cell_is_reported_and_not_read_as_zero(version: str) -> None:
    rng = random.Random(f"blank-{version}")
    report = clean_report(version, 3)
    cells = all_cells(report)
    for _ in range(300):
        path = rng.choice(cells)
        old = report.cell(path)
        set_cell(report, path, None)
        assert fired(report) == {("check.blank_cells", frozenset([path]))}, path
        set_cell(report, path, old)


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_table_2_values(version: str) -> None:
    """表二 has no within-year relation: a changed count fires nothing; negatives only where signed."""
    report = clean_report(version, 5)
    for path in [c for c in all_cells(report) if c.startswith("active_disclosure")]:
        old = report.cell(path)
        set_cell(report, path, (old or 0) + 3)
        assert fired(report) == set(), path
        set_cell(report, path, -2)
        signed = path.endswith(".change")  # 2019 本年增/减
        assert fired(report) == (set() if signed else {("check.negative_value", frozenset([path]))}), path
        set_cell(report, path, 2.5)
        money = path.endswith(".amount")  # 2019 采购总金额, 2021 本年收费金额（万元）
        assert fired(report) == (set() if money else {("check.non_integer", frozenset([path]))}), path
        set_cell(report, path, old)


def test_fractional_count_in_table_3() -> None:
    report = clean_report("2021", 2)
    path = "applications.granted.natural_person"
    old = report.cell(path)
    assert isinstance(old, int)
    set_cell(report, path, old + 0.5)
    got = fired(report)
    assert ("check.non_integer", frozenset([path])) in got
    assert {r for r, _ in got} == {"check.non_integer"} | {r for r, _ in expected_relations("2021", path)}
