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


def set_cell(tables: Tables, path: str, value: CellValue) -> CellValue:
    """Write `value` at a cell path and return the value it replaces; KeyError as get_cell."""
    old = get_cell(tables, path)  # the path exists: the writes below cannot create a key
    table, _, rest = path.partition(".")
    if table == "applications":
        row, _, col = rest.rpartition(".")
        tables.applications.rows[row][col] = value  # type: ignore[union-attr]
    elif table == "reviews_litigation":
        group, _, col = rest.partition(".")
        setattr(getattr(tables.reviews_litigation, group), col, value)
    else:
        item, row, col = rest.split(".")
        tables.active_disclosure.items[item][row][col] = value  # type: ignore[union-attr]
    return old
