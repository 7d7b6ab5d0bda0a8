"""The synthetic gold tells the truth: period and contact only where the text prints them, and
`expected_findings` listing every check finding, compared with an oracle written here from the rules
(template.md §3.7 deadlines, §5 C1–C4 with the contract's keys from checks_support), not with the
generating code; and with what the rule engine actually says of the gold report."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

import nianbao
from checks_support import APPLICANTS, COLUMNS, GROUPS, OUTCOMES, RESULTS
from nianbao.checks import run_checks
from nianbao.model import Report
from nianbao.synth.generate import FORMATS, generate, load_gold, present, write_corpus
from nianbao.writers.text import to_text

SEEDS = range(120)


def _due(year: int, kind: str) -> dt.date | None:
    return {"department": dt.date(year + 1, 1, 31), "government": dt.date(year + 1, 3, 31)}.get(kind)


def _arithmetic(report: Report, version: str) -> list[tuple[str, frozenset[str]]]:
    """C1–C4, every relation whose cells are all filled and do not add up."""
    out = []
    app = report.tables.applications
    if app is not None:
        rows = app.rows

        def check(rule: str, lhs: list[tuple[str, str]], rhs: list[tuple[str, str]]) -> None:
            vals = [rows[r][c] for r, c in lhs + rhs]
            if None in vals:
                return
            if sum(rows[r][c] for r, c in lhs) != sum(rows[r][c] for r, c in rhs):  # type: ignore[misc]
                out.append((rule, frozenset(f"applications.{r}.{c}" for r, c in lhs + rhs)))

        for col in COLUMNS:
            check("check.t3_balance", [("new_received", col), ("carried_over", col)],
                  [("total", col), ("carried_forward", col)])
            check("check.t3_outcome_sum", [(r, col) for r in OUTCOMES[version]], [("total", col)])
        for row in rows:
            check("check.t3_row_sum", [(row, c) for c in APPLICANTS], [(row, "total")])
    rl = report.tables.reviews_litigation
    if rl is not None:
        for g in GROUPS:
            group = getattr(rl, g)
            if sum(getattr(group, r) for r in RESULTS) != group.total:
                out.append(("check.t4_group_sum", frozenset(f"reviews_litigation.{g}.{c}" for c in RESULTS + ("total",))))
    return out


def oracle(report: Report) -> Counter[tuple[str, frozenset[str]]]:
    m = report.meta
    assert m.year is not None and m.published is not None
    found: list[tuple[str, frozenset[str]]] = []
    due = _due(m.year, m.body_kind)
    if m.published < dt.date(m.year + 1, 1, 1):
        found.append(("check.published_before_year_end", frozenset()))
    if m.body_kind == "township":
        found.append(("check.no_statutory_deadline", frozenset()))
    elif due is not None and m.published > due:
        found.append(("check.late", frozenset()))
    if m.template == "2019" and m.year >= 2021:
        found.append(("check.template_outdated", frozenset()))
    if m.period_year is None:
        found.append(("check.period_missing", frozenset()))
    if not any(v for _, v in m.contact):
        found.append(("check.contact_missing", frozenset()))
    six = next(s.text for s in report.sections if s.number == 6)
    if m.template == "2021" and "处理费" not in six and "收费" not in six:
        found.append(("check.fee_not_reported", frozenset()))
    found += _arithmetic(report, m.template)
    if report.tables.applications is not None:
        blanks = frozenset(f"applications.{r}.{c}" for r, cols in report.tables.applications.rows.items()
                           for c, v in cols.items() if v is None)
        if blanks:
            found.append(("check.blank_cells", blanks))
    return Counter(found)


def _expected(expected: list[dict]) -> Counter[tuple[str, frozenset[str]]]:
    return Counter((e["rule"], frozenset(e["cells"]) if e["rule"] != "check.no_statutory_deadline" else frozenset())
                   for e in expected if e["rule"].startswith("check."))


@pytest.mark.parametrize("fmt", FORMATS)
def test_expected_findings_match_the_oracle_and_the_checks(fmt: str) -> None:
    kinds: Counter[str] = Counter()
    for i in SEEDS:
        syn = present(generate(21, i), fmt, 21, i)
        want = _expected(syn.expected_findings)
        assert want == oracle(syn.report), (fmt, i)
        got = Counter((f.rule, frozenset(f.cells) if f.rule in ("check.blank_cells",) or f.rule.startswith(
            ("check.t3", "check.t4")) else frozenset()) for f in run_checks(syn.report))
        assert got == want, (fmt, i)
        kinds.update(rule for rule, _ in want)
    # the corpus exercises the findings it claims to (these counts are of 120 reports)
    for rule in ("check.late", "check.contact_missing", "check.period_missing", "check.template_outdated",
                 "check.blank_cells", "check.fee_not_reported", "check.no_statutory_deadline"):
        assert kinds[rule] > 0, rule


def test_gold_states_period_and_contact_only_where_printed() -> None:
    printed = unprinted = 0
    for i in range(60):
        syn = present(generate(22, i), "text", 22, i)
        text = to_text(syn.report, syn.template, syn.decor, **syn.text_style)
        m = syn.report.meta
        has_period = f"统计期限自{m.year}年1月1日" in text
        assert (m.period_year == m.year) is has_period and (m.period_year is None) is (not has_period)
        phone_printed = "电话" in text
        assert (m.contact.phone is not None) is phone_printed
        if phone_printed:
            assert m.contact.phone in text
            printed += 1
        else:
            unprinted += 1
    assert printed and unprinted


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_parsed_files_give_the_findings_the_gold_lists(tmp_path: Path, fmt: str) -> None:
    """What the checks say of the parsed file is what the gold says they should (a correct parser)."""
    for f in write_corpus(25, tmp_path, (fmt,), seed=23):
        _, expected = load_gold(f.with_suffix(".gold.json"))
        want = Counter(e["rule"] for e in expected if e["rule"].startswith("check."))
        got = Counter(x.rule for x in nianbao.parse(f).findings if x.rule.startswith("check."))
        assert got == want, f.name
