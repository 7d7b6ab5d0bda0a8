"""Dotted cell paths (`applications.withheld.state_secret.total`) over the tables."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .report import CellValue, Tables

TABLES = ("applications", "reviews_litigation", "active_disclosure")


class CellPathError(KeyError):
    """A cell path that names no cell: the message says which part is wrong and lists the valid keys.

    A KeyError (callers that catch KeyError keep working) whose str() is the message itself.
    """

    def __init__(self, path: str, message: str) -> None:
        super().__init__(path)
        self.path = path
        self.message = message

    def __str__(self) -> str:
        return self.message


def _valid(keys: Iterable[str]) -> str:
    return ", ".join(keys)


def get_cell(tables: Tables, path: str) -> CellValue:
    """Resolve a cell path; CellPathError (a KeyError) when the table or cell does not exist.

    Paths: `applications.<row>.<column>` (rows may contain a dot: `withheld.state_secret`),
    `reviews_litigation.<group>.<column>`, `active_disclosure.<item>.<row>.<column>`.
    """
    table, _, rest = path.partition(".")
    if table not in TABLES:
        raise CellPathError(path, f"cell path {path!r}: unknown table {table!r}; valid tables: {_valid(TABLES)}")
    t = getattr(tables, table)
    if t is None:
        raise CellPathError(path, f"cell path {path!r}: table {table!r} is null in this report (it was not read)")
    if table == "applications":
        row, _, col = rest.rpartition(".")
        if row not in t.rows:
            # the longest valid row the path starts with tells whether the row or the column is wrong
            known = max((r for r in t.rows if rest.startswith(r + ".")), key=len, default=None)
            if known is not None:
                col = rest[len(known) + 1:]
                raise CellPathError(path, f"cell path {path!r}: no column {col!r} in row {known!r} of table "
                                          f"'applications'; valid columns: {_valid(t.rows[known])}")
            raise CellPathError(path, f"cell path {path!r}: no row {row or rest!r} in table 'applications'; "
                                      f"valid rows: {_valid(t.rows)}")
        if col not in t.rows[row]:
            raise CellPathError(path, f"cell path {path!r}: no column {col!r} in row {row!r} of table "
                                      f"'applications'; valid columns: {_valid(t.rows[row])}")
        return t.rows[row][col]
    if table == "reviews_litigation":
        group, _, col = rest.partition(".")
        groups = type(t).model_fields
        if group not in groups:
            raise CellPathError(path, f"cell path {path!r}: no group {group!r} in table 'reviews_litigation'; "
                                      f"valid groups: {_valid(groups)}")
        cols = type(getattr(t, group)).model_fields
        if col not in cols:
            raise CellPathError(path, f"cell path {path!r}: no column {col!r} in group {group!r} of table "
                                      f"'reviews_litigation'; valid columns: {_valid(cols)}")
        return getattr(getattr(t, group), col)
    parts = rest.split(".")
    item = parts[0]
    if item not in t.items:
        raise CellPathError(path, f"cell path {path!r}: no item {item!r} in table 'active_disclosure' (template "
                                  f"{t.template}); valid items: {_valid(t.items)}")
    row = parts[1] if len(parts) > 1 else ""
    if row not in t.items[item]:
        raise CellPathError(path, f"cell path {path!r}: no row {row!r} in item {item!r} of table "
                                  f"'active_disclosure'; valid rows: {_valid(t.items[item])}")
    col = ".".join(parts[2:])
    if col not in t.items[item][row]:
        raise CellPathError(path, f"cell path {path!r}: no column {col!r} in row {item}.{row} of table "
                                  f"'active_disclosure'; valid columns: {_valid(t.items[item][row])}")
    return t.items[item][row][col]
