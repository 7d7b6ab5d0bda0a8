"""Dotted cell paths (`applications.withheld.state_secret.total`) over the tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .report import CellValue, Tables


def get_cell(tables: Tables, path: str) -> CellValue:
    """Resolve a cell path; KeyError when the table or cell does not exist."""
    table, _, rest = path.partition(".")
    if table == "applications":
        t = tables.applications
        if t is None:
            raise KeyError(path)
        row, _, col = rest.rpartition(".")
        return t.rows[row][col]
    if table == "reviews_litigation":
        r = tables.reviews_litigation
        if r is None:
            raise KeyError(path)
        group, _, col = rest.partition(".")
        if group not in type(r).model_fields or col not in type(getattr(r, group)).model_fields:
            raise KeyError(path)
        return getattr(getattr(r, group), col)
    if table == "active_disclosure":
        a = tables.active_disclosure
        if a is None:
            raise KeyError(path)
        parts = rest.split(".")
        if len(parts) != 3:
            raise KeyError(path)
        item, row, col = parts
        return a.items[item][row][col]
    raise KeyError(path)
