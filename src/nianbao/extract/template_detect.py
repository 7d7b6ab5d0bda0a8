"""Which national format a report follows, from what its tables print (else from its year)."""

from __future__ import annotations

from ..document import Document
from ..normalize import squash
from ..templates import V2019, V2021


def detect_template(doc: Document, year: int | None) -> tuple[str, str]:
    """(version, evidence): version "2019" | "2021" | "pre2019" | "unknown"; evidence "tables" | "year" | "none"."""
    grid_text = squash("\n".join(g.text() for g in doc.grids()))
    h19 = sum(1 for h in V2019.hints if squash(h) in grid_text)
    h21 = sum(1 for h in V2021.hints if squash(h) in grid_text)
    if h21 > h19:
        return "2021", "tables"
    if h19 > 0:
        return "2019", "tables"
    if year is None:
        return "unknown", "none"
    if year < V2019.first_year:
        return "pre2019", "year"
    return ("2021" if year >= V2021.first_year else "2019"), "year"
