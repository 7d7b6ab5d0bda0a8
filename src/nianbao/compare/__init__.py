"""Reports against each other: two side by side, pairing by body, near-duplicates across bodies.

    from nianbao.compare import compare_reports, pair_with_previous, near_duplicates
    c = compare_reports(last_year, this_year)      # a Comparison (pydantic)
"""

from __future__ import annotations

from .batch import review_batch
from .comparison import Comparison, compare_reports
from .near_duplicates import NearDuplicate, batch_findings, near_duplicates
from .pairing import Pairing, body_key, pair_with_previous

__all__ = ["Comparison", "NearDuplicate", "Pairing", "batch_findings", "body_key", "compare_reports",
           "near_duplicates", "pair_with_previous", "review_batch"]
