"""A supervising office's batch: every report checked against its body's previous year, 雷同 across bodies.

    from nianbao.compare import review_batch
    items = review_batch(this_years_reports, last_years_reports)   # ReviewItems, for writers/review_*.py
"""

from __future__ import annotations

from collections.abc import Sequence

from ..checks import recheck
from ..model import Report
from ..writers.review import ReviewItem
from .near_duplicates import batch_findings
from .pairing import pair_with_previous


def review_batch(reports: Sequence[Report], previous: Sequence[Report] = (), *, similar: bool = True,
                 explicit: bool = False) -> list[ReviewItem]:
    """Pair every report with its body's previous-year report (`pair_with_previous`), re-run its checks
    with it, then add `check.similar_across_bodies` across the batch (`similar`). With `explicit`, one
    report and one previous report are paired as given (the user named the pair). Modifies the reports'
    findings; returns one ReviewItem per report, in input order."""
    items = []
    for pairing, report in zip(pair_with_previous(reports, previous), reports, strict=True):
        prev, note = pairing.previous, pairing.note
        if prev is None and explicit and len(reports) == 1 and len(previous) == 1:
            prev, note = previous[0], ""
        recheck(report, prev)
        items.append(ReviewItem(report, prev, note if previous or len(reports) > 1 else ""))
    if similar and len(reports) > 1:
        for i, found in batch_findings(reports).items():
            reports[i].findings.extend(found)
    return items
