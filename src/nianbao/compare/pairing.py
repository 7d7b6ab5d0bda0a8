"""Which report is the same body's report of the year before: pairing by body identity, never by position.

The identity is `meta.body_id` when the metadata extraction provides one (a stable code of the body)
and the other report has it too, else the organisation name normalised for matching (`extract.organization.organization_key`: width,
spacing and punctuation folded, 政府 = 人民政府, a government's office = the government, 2018 renames). A report whose body cannot be told (no id, no organisation) is paired with
nothing rather than guessed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..extract.organization import organization_key
from ..model import Report


def _body_id(report: Report) -> str | None:
    return report.meta.body_id or None


def body_key(report: Report) -> str:
    """'id:<body_id>', else 'org:<normalised organisation>', '' when the body is unknown."""
    body_id, org = _body_id(report), report.meta.organization
    return f"id:{body_id}" if body_id else f"org:{organization_key(org)}" if org else ""


@dataclass(frozen=True, slots=True)
class Pairing:
    index: int  # of the report in `reports`
    previous: Report | None
    note: str  # why there is no previous report, or which of several was taken ('' when one was found)


def pair_with_previous(reports: Sequence[Report], previous: Sequence[Report]) -> list[Pairing]:
    """For each report, the report of the same body for the year before, looked for in `previous` and in
    `reports` itself (a batch may hold several years of one body). Order of the inputs does not matter."""
    by_id: dict[tuple[str, int], list[Report]] = defaultdict(list)
    by_org: dict[tuple[str, int], list[Report]] = defaultdict(list)
    for r in list(previous) + list(reports):
        if r.meta.year is not None:
            if _body_id(r):
                by_id[(_body_id(r), r.meta.year)].append(r)  # type: ignore[index]
            if r.meta.organization:
                by_org[(organization_key(r.meta.organization), r.meta.year)].append(r)
    out = []
    for i, report in enumerate(reports):
        body_id, org, year = _body_id(report), report.meta.organization, report.meta.year
        if not body_id and not org:
            out.append(Pairing(i, None, "未识别机关名称，无法配对上年报告"))
            continue
        if year is None:
            out.append(Pairing(i, None, "未识别报告年度，无法配对上年报告"))
            continue
        found = [r for r in by_id.get((body_id, year - 1), []) if r is not report] if body_id else []
        if not found and org:  # by name, but never across two different body ids
            found = [r for r in by_org.get((organization_key(org), year - 1), [])
                     if r is not report and (not body_id or not _body_id(r))]
        if not found:
            out.append(Pairing(i, None, f"未提供{year - 1}年度报告"))
        elif len(found) == 1:
            out.append(Pairing(i, found[0], ""))
        else:
            paths = "、".join(r.source.path for r in found)
            out.append(Pairing(i, found[0], f"同一机关有{len(found)}份{year - 1}年度报告（{paths}），取第一份"))
    return out
