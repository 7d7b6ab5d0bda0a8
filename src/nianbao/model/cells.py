"""The one walk over a report's cells: dotted paths (`applications.withheld.state_secret.total`)
with the template row/column they stand for, or with the values a report holds."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..templates import Column, Item, Row, Template
from .report import CellValue, Tables

TABLES = ("active_disclosure", "applications", "reviews_litigation")


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of a template's tables: its table, path and the row and column that label it."""

    table: str
    path: str
    row: Row | Column  # a 表四 group is a Column of the groups
    column: Column
    item: Item | None = None  # the 表二 sub-table


def template_cells(template: Template, tables: tuple[str, ...] = TABLES) -> Iterator[Cell]:
    """Every cell of the template's tables, in form order (表二 items, 表三 rows, 表四 groups)."""
    for table in tables:
        if table == "active_disclosure":
            for item in template.active.items:
                for row in item.rows:
                    for col in item.columns:
                        yield Cell(table, f"active_disclosure.{item.key}.{row.key}.{col.key}", row, col, item)
        elif table == "applications":
            for row in template.applications.rows:
                for col in template.applications.columns:
                    yield Cell(table, f"applications.{row.key}.{col.key}", row, col)
        else:
            for group in template.reviews.groups:
                for col in template.reviews.columns:
                    yield Cell(table, f"reviews_litigation.{group.key}.{col.key}", group, col)


def held_cells(tables: Tables) -> Iterator[tuple[str, CellValue]]:
    """(path, value) for every cell the report holds, in the order it holds them."""
    if tables.applications is not None:
        for row, cols in tables.applications.rows.items():
            for col, v in cols.items():
                yield f"applications.{row}.{col}", v
    if tables.reviews_litigation is not None:
        for group, g in tables.reviews_litigation:
            for col, v in g:
                yield f"reviews_litigation.{group}.{col}", v
    if tables.active_disclosure is not None:
        for item, rows in tables.active_disclosure.items.items():
            for row, cols in rows.items():
                for col, v in cols.items():
                    yield f"active_disclosure.{item}.{row}.{col}", v
