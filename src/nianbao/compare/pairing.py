"""Which report is the same body's report of the year before: pairing by body identity, never by position.

The identity is `meta.body_id` when the metadata extraction provides one (a stable code of the body),
else the organisation name normalised for matching (`organization_key`: width, spacing and brackets
folded, 人民政府 = 政府). A report whose body cannot be told (no id, no organisation) is paired with
nothing rather than guessed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..checks.crossyear import organization_key
from ..model import Report


def body_key(report: Report) -> str:
    """'id:<body_id>' or 'org:<normalised organisation>', '' when the body is unknown."""
    body_id = getattr(report.meta, "body_id", None)  # added by the metadata work (issue 13) when present
    if body_id:
        return f"id:{body_id}"
    org = report.meta.organization
    return f"org:{organization_key(org)}" if org else ""


@dataclass(frozen=True, slots=True)
class Pairing:
    index: int  # of the report in `reports`
    previous: Report | None
    note: str  # why there is no previous report, or which of several was taken ('' when one was found)


def pair_with_previous(reports: Sequence[Report], previous: Sequence[Report]) -> list[Pairing]:
    """For each report, the report of the same body for the year before, looked for in `previous` and in
    `reports` itself (a batch may hold several years of one body). Order of the inputs does not matter."""
    by_body: dict[tuple[str, int], list[Report]] = defaultdict(list)
    for r in list(previous) + list(reports):
        key = body_key(r)
        if key and r.meta.year is not None:
            by_body[(key, r.meta.year)].append(r)
    out = []
    for i, report in enumerate(reports):
        key, year = body_key(report), report.meta.year
        if not key:
            out.append(Pairing(i, None, "未识别机关名称，无法配对上年报告"))
            continue
        if year is None:
            out.append(Pairing(i, None, "未识别报告年度，无法配对上年报告"))
            continue
        found = [r for r in by_body.get((key, year - 1), []) if r is not report]
        if not found:
            out.append(Pairing(i, None, f"未提供{year - 1}年度报告"))
        elif len(found) == 1:
            out.append(Pairing(i, found[0], ""))
        else:
            paths = "、".join(r.source.path for r in found)
            out.append(Pairing(i, found[0], f"同一机关有{len(found)}份{year - 1}年度报告（{paths}），取第一份"))
    return out
