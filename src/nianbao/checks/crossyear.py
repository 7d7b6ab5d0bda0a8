"""Checks against the previous year's report of the same body (C5–C7, 雷同)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Report
from ..normalize import CN_DIGITS, CN_NUMERALS
from ..rules.catalogue import finding
from ..rules.relations import CrossYearRelation, cross_year_relations
from .common import active_template, applications_template, equal, fmt, total, value

SIMILARITY_THRESHOLD = 0.9
MIN_SECTION_CHARS = 60
SHINGLE = 4

_NOISE = re.compile(r"[\s\u3000\u00a0]+")
_DIGITS = re.compile(rf"[0-9０-９〇{CN_DIGITS}十百千万]+(?=[年月日件条次个项篇份家])|[0-9０-９]+")


def normalise(text: str) -> str:
    """Text for comparison: spacing dropped, numbers (years, counts) replaced by one mark."""
    return _DIGITS.sub("#", _NOISE.sub("", text))


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
    if meta.organization and prev.organization and _name(meta.organization) != _name(prev.organization):
        yield finding("check.previous_other_body", [], f"{previous.source.path}",
                      previous_organization=prev.organization, organization=meta.organization)
    yield from _relations(report, previous)
    yield from _similar_sections(report, previous)


def _name(org: str) -> str:
    return org.replace("人民政府", "政府").replace(" ", "")


def _relations(report: Report, previous: Report) -> Iterator[Finding]:
    rels: list[CrossYearRelation] = []
    if report.tables.applications is not None and previous.tables.applications is not None:
        rels += [r for r in cross_year_relations(applications_template(report)) if r.table == "applications"]
    this_act, prev_act = report.tables.active_disclosure, previous.tables.active_disclosure
    if this_act is not None and prev_act is not None and this_act.template == prev_act.template:
        rels += [r for r in cross_year_relations(active_template(report)) if r.table == "active_disclosure"]
    for rel in rels:
        f = _evaluate(report, previous, rel)
        if f is not None:
            yield f


def _evaluate(report: Report, previous: Report, rel: CrossYearRelation) -> Finding | None:
    target = value(report, rel.target.path)
    prev = [value(previous, t.path) for t in rel.previous]
    plus = [value(report, t.path) for t in rel.plus]
    minus = [value(report, t.path) for t in rel.minus]
    if target is None or any(v is None for v in prev + plus + minus):
        return None
    pv = [v for v in prev if v is not None]
    ps = [v for v in plus if v is not None]
    ms = [v for v in minus if v is not None]
    expected = total(pv) + total(ps) - total(ms)
    if equal(target, expected):
        return None
    terms = "+".join(f"{t.label}({fmt(v)})" for t, v in zip(rel.previous + rel.plus, pv + ps, strict=True))
    terms += "".join(f"−{t.label}({fmt(v)})" for t, v in zip(rel.minus, ms, strict=True))
    if len(rel.previous) + len(rel.plus) + len(rel.minus) > 1:
        terms += f"={fmt(expected)}"
    evidence = f"{rel.scope}：{rel.target.label}({fmt(target)}) ≠ {terms}"
    cells = [rel.target.path] + [t.path for t in rel.plus + rel.minus]
    return finding(rel.rule, cells, evidence, scope=rel.scope, scope_en=rel.scope_en, value=fmt(target),
                   expected=fmt(expected))


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
