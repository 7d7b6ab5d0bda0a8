"""Resolving a dotted cell path against a report's tables, with errors that say what is wrong.

Kept apart from report.py (which calls it from `Tables.cell`) so the messages stay readable; it
imports nothing from the model (the tables are duck-typed), so there is no import cycle.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

TABLE_KEYS = ("applications", "reviews_litigation", "active_disclosure")


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


def resolve_cell(tables: Any, path: str) -> Any:
    """The value at `path` in `tables` (a model.Tables); CellPathError when the table or cell does not exist.

    Paths: `applications.<row>.<column>` (rows may contain a dot: `withheld.state_secret`),
    `reviews_litigation.<group>.<column>`, `active_disclosure.<item>.<row>.<column>`.
    """
    table, _, rest = path.partition(".")
    if table not in TABLE_KEYS:
        raise CellPathError(path, f"cell path {path!r}: unknown table {table!r}; valid tables: {_valid(TABLE_KEYS)}")
    t = getattr(tables, table)
    if t is None:
        raise CellPathError(path, f"cell path {path!r}: table {table!r} is null in this report (it was not read)")
    if table == "applications":
        return _application(t.rows, path, rest)
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


def _application(rows: dict[str, dict[str, Any]], path: str, rest: str) -> Any:
    row, _, col = rest.rpartition(".")
    if row not in rows:
        # the longest valid row the path starts with tells whether the row or the column is wrong
        known = max((r for r in rows if rest.startswith(r + ".")), key=len, default=None)
        if known is not None:
            raise CellPathError(path, f"cell path {path!r}: no column {rest[len(known) + 1:]!r} in row {known!r} of "
                                      f"table 'applications'; valid columns: {_valid(rows[known])}")
        raise CellPathError(path, f"cell path {path!r}: no row {row or rest!r} in table 'applications'; "
                                  f"valid rows: {_valid(rows)}")
    if col not in rows[row]:
        raise CellPathError(path, f"cell path {path!r}: no column {col!r} in row {row!r} of table 'applications'; "
                                  f"valid columns: {_valid(rows[row])}")
    return rows[row][col]
