"""Two reports side by side (usually one body, two consecutive years): `compare_reports(a, b)`.

The older report is `a` (the reports are swapped when given newest first). The comparison holds every
cell of the three tables with its change, the cross-year relations (C5 上年结转, C6 现行有效件数,
C7 上一年项目数量, as defined once in the rule catalogue) with their verdicts, each section's similarity
(the 雷同 measure of the cross-year check) with its longest copied passages, and both reports' findings.
It is plain data (pydantic): the writers (`compare/render.py`) turn it into text, HTML, JSON, XLSX.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from ..checks import rechecked_findings
from ..checks.common import TABLE_SHORT, flatten, table_cells
from ..checks.crossyear import (
    MIN_SECTION_CHARS,
    SIMILARITY_THRESHOLD,
    Verdict,
    applicable_relations,
    evaluate_cross_year,
    normalise,
    similarity,
)
from ..model import Finding, Report
from ..model.report import CellValue
from ..rules.catalogue import RULES, TABLE_LABELS
from ..templates import SECTIONS
from .pairing import body_key
from .passages import shared_runs

# What each cross-year relation states (the rule titles name the failure, these the relation itself).
RELATION_NAMES = {"check.carryover_mismatch": "上年结转 = 上年报告的结转下年度继续办理",
                  "check.in_force_drift": "现行有效件数 = 上年现行有效 + 本年制发 − 本年废止",
                  "check.item_count_drift": "上一年项目数量 = 上年报告的数量 + 本年增/减"}
TABLE_TITLES = {key: label.split("“")[1].rstrip("”") for key, (label, _) in TABLE_LABELS.items()}


class CellChange(BaseModel):
    path: str
    label: str
    a: CellValue = None
    b: CellValue = None
    delta: float | int | None = None  # b - a; None when either is blank
    pct: float | None = None  # 100 * delta / a; None when a is 0 or blank

    @property
    def changed(self) -> bool:
        return self.a != self.b


class TableComparison(BaseModel):
    key: str  # active_disclosure | applications | reviews_litigation
    short: str  # 表二
    title: str
    in_a: bool
    in_b: bool
    cells: list[CellChange]


class RelationResult(BaseModel):
    rule: str
    title: str
    scope: str
    target: str  # path of this year's cell
    label: str
    value: CellValue
    expected: str
    verdict: Verdict
    evidence: str


class Passage(BaseModel):
    text: str  # as printed in the newer report
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    length: int


class SectionComparison(BaseModel):
    number: int
    title: str
    a_chars: int
    b_chars: int
    similarity: float | None  # 0..1; None when a section is missing in either report
    judged: bool = True  # long enough for the 雷同 check (short texts such as 无。 are not judged)
    flagged: bool  # at or above the 雷同 threshold of the cross-year check
    passages: list[Passage]
    text: str = ""  # the newer report's text of the section (the passages' offsets point into it)


class ReportSide(BaseModel):
    path: str
    title: str | None
    organization: str | None
    body: str  # the body identity used for pairing
    year: int | None
    template: str
    published: dt.date | None
    findings: list[Finding]


class Comparison(BaseModel):
    a: ReportSide
    b: ReportSide
    same_body: bool
    consecutive: bool
    tables: list[TableComparison]
    relations: list[RelationResult]
    sections: list[SectionComparison]
    similarity_threshold: float = SIMILARITY_THRESHOLD

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)


def _change(a: CellValue, b: CellValue) -> tuple[float | int | None, float | None]:
    if a is None or b is None:
        return None, None
    delta = b - a
    if isinstance(delta, float):
        delta = round(delta, 6)
    pct = round(100 * delta / a, 1) if a else None
    return delta, pct


def _tables(a: Report, b: Report) -> list[TableComparison]:
    va, vb = flatten(a), flatten(b)
    out = []
    for key, short in TABLE_SHORT.items():
        infos = {i.path: i.label for i in table_cells(b, key)}
        for i in table_cells(a, key):  # cells of the other template version, when the versions differ
            infos.setdefault(i.path, i.label)
        cells = []
        for path, label in infos.items():
            x, y = va.get(path), vb.get(path)
            delta, pct = _change(x, y)
            cells.append(CellChange(path=path, label=label, a=x, b=y, delta=delta, pct=pct))
        out.append(TableComparison(key=key, short=short, title=TABLE_TITLES[key],
                                   in_a=getattr(a.tables, key) is not None, in_b=getattr(b.tables, key) is not None,
                                   cells=cells))
    return out


def _relations(a: Report, b: Report) -> list[RelationResult]:
    out = []
    for rel in applicable_relations(b, a):
        r = evaluate_cross_year(b, a, rel)
        out.append(RelationResult(rule=rel.rule, title=RELATION_NAMES.get(rel.rule, RULES[rel.rule].title), scope=rel.scope,
                                  target=rel.target.path, label=rel.target.label, value=r.value,
                                  expected=r.expected, verdict=r.verdict, evidence=r.evidence))
    return out


def _sections(a: Report, b: Report) -> list[SectionComparison]:
    before = {s.number: s for s in a.sections if s.present}
    now = {s.number: s for s in b.sections if s.present}
    out = []
    for sec in SECTIONS:
        x, y = before.get(sec.number), now.get(sec.number)
        if x is None or y is None:
            out.append(SectionComparison(number=sec.number, title=sec.title, a_chars=len(x.text) if x else 0,
                                         b_chars=len(y.text) if y else 0, similarity=None, flagged=False,
                                         passages=[], text=y.text if y else ""))
            continue
        sim = similarity(x.text, y.text)
        long_enough = min(len(normalise(x.text)), len(normalise(y.text))) >= MIN_SECTION_CHARS
        passages = [Passage(text=y.text[r.b_start:r.b_end], a_start=r.a_start, a_end=r.a_end, b_start=r.b_start,
                            b_end=r.b_end, length=r.length) for r in shared_runs(x.text, y.text)]
        out.append(SectionComparison(number=sec.number, title=sec.title, a_chars=len(x.text), b_chars=len(y.text),
                                     similarity=round(sim, 4), judged=long_enough,
                                     flagged=long_enough and sim >= SIMILARITY_THRESHOLD,
                                     passages=passages, text=y.text))
    return out


def _side(report: Report, findings: list[Finding]) -> ReportSide:
    m = report.meta
    return ReportSide(path=report.source.path, title=m.title, organization=m.organization, body=body_key(report),
                      year=m.year, template=m.template, published=m.published, findings=findings)


def compare_reports(a: Report, b: Report, *, recheck: bool = True) -> Comparison:
    """`a` and `b` side by side, older first. With `recheck`, findings are those of a fresh check run
    (`b` checked against `a` when they are consecutive years); otherwise the findings the reports carry."""
    if a.meta.year is not None and b.meta.year is not None and a.meta.year > b.meta.year:
        a, b = b, a
    consecutive = a.meta.year is not None and b.meta.year is not None and b.meta.year == a.meta.year + 1
    if recheck:
        fa = rechecked_findings(a)
        fb = rechecked_findings(b, a if consecutive else None)
    else:
        fa, fb = list(a.findings), list(b.findings)
    return Comparison(a=_side(a, fa), b=_side(b, fb), same_body=body_key(a) == body_key(b), consecutive=consecutive,
                      tables=_tables(a, b), relations=_relations(a, b) if consecutive else [],
                      sections=_sections(a, b))
