"""Which national format a report follows, from what its tables print (else from its year)."""

from __future__ import annotations

from functools import lru_cache

from ..document import Document
from ..normalize import squash
from ..templates import V2019, V2021

_HINTS_2019 = tuple(squash(h) for h in V2019.hints)
_HINTS_2021 = tuple(squash(h) for h in V2021.hints)


@lru_cache(maxsize=8192)
def _squash_cell(text: str) -> str:
    return squash(text)


def _grid_text(doc: Document) -> str:
    """squash() of the text of all grids (cells ' | '-joined, rows on lines), cell by cell.

    The same string as squashing the joined text at once (the separators are removed or are
    '|', and NFKC never composes across them), but cell texts repeat from report to report, so
    their normal forms are cached.
    """
    return "".join("|".join(_squash_cell(c.text) for c in row if not c.merged)
                   for grid in doc.grids() for row in grid.rows)


def detect_template(doc: Document, year: int | None) -> tuple[str, str]:
    """(version, evidence): version "2019" | "2021" | "pre2019" | "unknown"; evidence "tables" | "year" | "none"."""
    grid_text = _grid_text(doc)
    h19 = sum(1 for h in _HINTS_2019 if h in grid_text)
    h21 = sum(1 for h in _HINTS_2021 if h in grid_text)
    if h21 > h19:
        return "2021", "tables"
    if h19 > 0:
        return "2019", "tables"
    if year is None:
        return "unknown", "none"
    if year < V2019.first_year:
        return "pre2019", "year"
    return ("2021" if year >= V2021.first_year else "2019"), "year"
