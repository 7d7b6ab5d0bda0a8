"""One `body_id` for the same body across years, and its region.

The rule (docs/corpus.md, "Bodies across years"), first that applies:
1. the manifest's `body_id` column for that file;
2. `report.meta.body_id` when the extractor sets one (division code + name, extract/organization.body_id);
3. the organization's name as `extract.organization.organization_key` folds it: spaces and punctuation
   dropped, 政府 read as 人民政府, a trailing 办公室/办公厅 of a government dropped (its report is often
   signed by its general office), the departments renamed in the 2018 reform read by current names;
4. none (no organization): the report stays out of cross-year pairing.
"""

from __future__ import annotations

from typing import Any

from ..extract.organization import organization_key


def body_id(meta: Any, override: str | None = None) -> tuple[str | None, str | None]:
    """(body id, the rule that gave it: manifest | meta | organization) for a report's metadata."""
    if override:
        return override, "manifest"
    if meta.body_id:
        return str(meta.body_id), "meta"
    norm = organization_key(meta.organization)
    return (norm, "organization") if norm else (None, None)


def region(meta: Any) -> tuple[str | None, str | None, str | None, str | None]:
    """(province, prefecture, county, code) from the report's metadata (None where unknown)."""
    r = meta.region
    if r is None:
        return None, None, None, None
    return r.province, r.prefecture, r.county, r.code
