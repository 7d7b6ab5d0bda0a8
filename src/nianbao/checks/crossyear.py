"""Checks against the previous year's report of the same body (C5–C7, 雷同)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from ..extract.organization import organization_key
from ..model import Finding, Report
from ..model.report import CellValue
from ..normalize import CN_DIGITS, CN_NUMERALS, CN_ZERO_FORMS
from ..rules.catalogue import finding
from ..rules.relations import CrossYearRelation, cross_year_relations
from .common import active_template, applications_template, equal, fmt, total, value

SIMILARITY_THRESHOLD = 0.9
MIN_SECTION_CHARS = 60
SHINGLE = 4

NOISE = re.compile(r"[\s\u3000\u00a0]+")
# Numbers, with thousands separators and decimals (1,401 / 12.5), and Chinese numerals before a counter.
DIGITS = re.compile(rf"[0-9０-９{CN_ZERO_FORMS[0]}{CN_DIGITS}十百千万]+(?=[年月日件条次个项篇份家])|[0-9０-９](?:[0-9０-９,.]*[0-9０-９])?")


def normalise(text: str) -> str:
    """Text for comparison: spacing dropped, numbers (years, counts) replaced by one mark."""
    return DIGITS.sub("#", NOISE.sub("", text))


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the character 4-gram sets of the normalised texts (1.0 = same wording)."""
    na, nb = normalise(a), normalise(b)
    if not na or not nb:
        return 0.0
    sa = {na[i:i + SHINGLE] for i in range(max(1, len(na) - SHINGLE + 1))}
    sb = {nb[i:i + SHINGLE] for i in range(max(1, len(nb) - SHINGLE + 1))}
    return 2 * len(sa & sb) / (len(sa) + len(sb))


def check_cross_year(report: Report, previous: Report) -> Iterator[Finding]:
    meta, prev = report.meta, previous.meta
    if meta.year is not None and prev.year is not None and prev.year != meta.year - 1:
        yield finding("check.previous_not_prior_year", [], f"{previous.source.path}：{prev.year} 年度",
                      previous_year=prev.year, year=meta.year)
        return
    if meta.organization and prev.organization and \
            organization_key(meta.organization) != organization_key(prev.organization):
        yield finding("check.previous_other_body", [], f"{previous.source.path}",
                      previous_organization=prev.organization, organization=meta.organization)
    yield from _relations(report, previous)
    yield from _similar_sections(report, previous)


def applicable_relations(report: Report, previous: Report) -> list[CrossYearRelation]:
    """The cross-year relations both reports' tables allow (表二 only when both use one template)."""
    rels: list[CrossYearRelation] = []
    if report.tables.applications is not None and previous.tables.applications is not None:
        rels += [r for r in cross_year_relations(applications_template(report)) if r.table == "applications"]
    this_act, prev_act = report.tables.active_disclosure, previous.tables.active_disclosure
    if this_act is not None and prev_act is not None and this_act.template == prev_act.template:
        rels += [r for r in cross_year_relations(active_template(report)) if r.table == "active_disclosure"]
    return rels


Verdict = Literal["holds", "broken", "unknown"]


@dataclass(frozen=True, slots=True)
class CrossYearResult:
    """One cross-year relation evaluated: its verdict, the printed value and what last year implies."""

    relation: CrossYearRelation
    verdict: Verdict  # unknown: a blank cell leaves it open
    value: CellValue  # this year's target cell
    expected: str  # '12', or a bound ('≤12', '≥3') when blanks leave only a bound, or '' when nothing is known
    evidence: str


def evaluate_cross_year(report: Report, previous: Report, rel: CrossYearRelation) -> CrossYearResult:
    """this year's target against last year's cells plus this year's changes.

    Counts are ≥ 0, so with blank terms the expected value is still bounded (a blank added term can only
    raise it, a blank subtracted term only lower it); a target outside the bound is broken whatever the
    blanks hold.
    """
    target = value(report, rel.target.path)
    terms = [(t, value(previous, t.path), 1) for t in rel.previous] + \
        [(t, value(report, t.path), 1) for t in rel.plus] + [(t, value(report, t.path), -1) for t in rel.minus]
    known = total([sign * v for _, v, sign in terms if v is not None])
    open_up = any(v is None and sign > 0 for _, v, sign in terms)
    open_down = any(v is None and sign < 0 for _, v, sign in terms)
    shown = "+".join(f"{t.label}({fmt(v)})" for t, v, sign in terms if sign > 0) + \
        "".join(f"−{t.label}({fmt(v)})" for t, v, sign in terms if sign < 0)
    if open_up and open_down:
        expected = ""
    elif open_up:
        expected = f"≥{fmt(known)}"
    elif open_down:
        expected = f"≤{fmt(known)}"
    else:
        expected = fmt(known)
    if len(terms) > 1 and expected:
        shown += f"={expected}"
    evidence = f"{rel.scope}：{rel.target.label}({fmt(target)}) ≠ {shown}"
    if target is None or (open_up and open_down):
        return CrossYearResult(rel, "unknown", target, expected, evidence)
    if not open_up and not open_down:
        verdict: Verdict = "holds" if equal(target, known) else "broken"
    elif open_up:
        verdict = "broken" if target < known and not equal(target, known) else "unknown"
    else:
        verdict = "broken" if target > known and not equal(target, known) else "unknown"
    return CrossYearResult(rel, verdict, target, expected, evidence)


def _relations(report: Report, previous: Report) -> Iterator[Finding]:
    for rel in applicable_relations(report, previous):
        result = evaluate_cross_year(report, previous, rel)
        if result.verdict == "broken":
            cells = [rel.target.path] + [t.path for t in rel.plus + rel.minus]
            yield finding(rel.rule, cells, result.evidence, scope=rel.scope, scope_en=rel.scope_en,
                          value=fmt(result.value), expected=result.expected)


def _similar_sections(report: Report, previous: Report) -> Iterator[Finding]:
    before = {s.number: s for s in previous.sections if s.present}
    for sec in report.sections:
        old = before.get(sec.number)
        if not sec.present or old is None:
            continue
        if min(len(normalise(sec.text)), len(normalise(old.text))) < MIN_SECTION_CHARS:
            continue
        sim = similarity(sec.text, old.text)
        if sim >= SIMILARITY_THRESHOLD:
            pct = int(sim * 100)
            yield finding("check.similar_to_previous", [],
                          f"相似度 {pct}%（本年 {len(sec.text)} 字，上年 {len(old.text)} 字；{previous.source.path}）",
                          number=sec.number, number_cn=CN_NUMERALS[sec.number - 1], title=sec.title,
                          similarity=pct)
