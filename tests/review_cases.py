"""Firing and quiet cases of the rules added for issue 15 (merged into test_checks.CASES).

Expected outcomes are worked out by hand from the rules' definitions (template.md §4, §5).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from checks_support import clean_report, set_cell
from nianbao.model import Report, Source, Tables

Case = Callable[[], tuple[Report, Report | None]]


def blanks_broken(broken: bool) -> tuple[Report, None]:
    """三(一) 自然人 blank; 三(二) raised above 三(七)总计 when `broken` (C3 then fails whatever 三(一) holds)."""
    r = clean_report("2021")
    total = r.cell("applications.total.natural_person")
    set_cell(r, "applications.granted.natural_person", None)
    if broken:
        set_cell(r, "applications.partially_granted.natural_person", total + 5)  # type: ignore[operator]
    return r, None


def text_active(delta: int) -> tuple[Report, None]:
    r = clean_report("2021")
    cell = r.cell("active_disclosure.art20_1.normative_documents.in_force")
    r.figures["normative_documents_in_force"] = cell + delta  # type: ignore[operator]
    return r, None


def published(day: dt.date) -> tuple[Report, None]:
    return clean_report("2021", published=day), None  # a 2022 report


def not_a_report(empty: bool) -> tuple[Report, None]:
    if empty:
        return Report(source=Source(path="menu.html", sha256="0" * 64, format="html")), None
    r = clean_report("2021")
    r.tables = Tables()
    return r, None  # a report (title, sections) whose tables are missing: no_tables, not not_a_report


def no_tables(missing: bool) -> tuple[Report, None]:
    r = clean_report("2021")
    if missing:
        r.tables = Tables()
    return r, None


NEW_CASES: dict[str, tuple[Case, Case]] = {
    "check.relation_broken_despite_blanks": (lambda: blanks_broken(True), lambda: blanks_broken(False)),
    "check.text_active": (lambda: text_active(4), lambda: text_active(0)),
    "check.published_before_year_end": (lambda: published(dt.date(2022, 12, 20)),
                                        lambda: published(dt.date(2023, 1, 1))),
    "check.not_a_report": (lambda: not_a_report(True), lambda: not_a_report(False)),
    "check.no_tables": (lambda: no_tables(True), lambda: no_tables(False)),
}

# Rules that run over a corpus, not over one report (their cases are in test_compare.py).
CORPUS_RULES = {"check.similar_across_bodies"}
