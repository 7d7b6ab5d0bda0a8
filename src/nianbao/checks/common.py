"""Helpers shared by the checks: which template a report's tables follow, cell values and labels."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from ..model import Report
from ..model.cells import held_cells, template_cells
from ..model.report import CellValue
from ..rules.relations import Term, application_row_labels, review_group_label
from ..templates import TABLE_NAMES, V2019, V2021, Template, get_template, template_for

TABLE_SHORT = {key: name.number for key, name in TABLE_NAMES.items()}
TABLE_EN = {key: name.number_en for key, name in TABLE_NAMES.items()}


def applications_template(report: Report) -> Template:
    """The version 表三 was read in, told by its own rows ((六) split into three rows from 2021)."""
    table = report.tables.applications
    if table is not None and table.rows:
        return V2021 if any(k.startswith("other.") for k in table.rows) else V2019
    return template_for(report)


def active_template(report: Report) -> Template:
    table = report.tables.active_disclosure
    return get_template(table.template) if table is not None else template_for(report)


def value(report: Report, path: str) -> CellValue:
    """The value at a cell path; None when the cell is blank or its table/row is absent."""
    try:
        return report.cell(path)
    except (KeyError, AttributeError, ValueError):
        return None


# While `run_checks` runs, the cells of the report it checks (several checks look them all up).
_CELLS: ContextVar[tuple[Report, dict[str, CellValue]] | None] = ContextVar("nianbao_check_cells", default=None)


@contextmanager
def cells_of(report: Report) -> Iterator[None]:
    """Flatten `report` once for the checks run inside this block (the report must not change in it)."""
    token = _CELLS.set((report, _flatten(report)))
    try:
        yield
    finally:
        _CELLS.reset(token)


def flatten(report: Report) -> dict[str, CellValue]:
    """Every cell of the tables read, path -> value (one pass; for checks that look up many cells)."""
    scoped = _CELLS.get()
    if scoped is not None and scoped[0] is report:
        return scoped[1]
    return _flatten(report)


def _flatten(report: Report) -> dict[str, CellValue]:
    return dict(held_cells(report.tables))


def fmt(v: CellValue) -> str:
    """8, 12.5, 空."""
    if v is None:
        return "空"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else f"{v:.6f}".rstrip("0").rstrip(".")
    return str(v)


def total(values: Iterable[int | float]) -> int | float:
    s = sum(values)
    return round(s, 6) if isinstance(s, float) else s


def equal(a: int | float, b: int | float) -> bool:
    return abs(a - b) < 1e-6


def side(terms: tuple[Term, ...], values: list[int | float], max_terms: int = 7) -> str:
    """'一(8)+二(0)=8'; with many terms only the non-zero ones are listed."""
    pairs = list(zip(terms, values, strict=True))
    shown = pairs if len(pairs) <= max_terms else [(t, v) for t, v in pairs if v != 0]
    hidden = len(pairs) - len(shown)
    body = "+".join(f"{t.label}({fmt(v)})" for t, v in shown) or "0"
    text = body if len(pairs) == 1 else f"{body}={fmt(total(values))}"
    if hidden:
        text += f"（其余{hidden}项为0）"
    return text


@dataclass(frozen=True, slots=True)
class CellInfo:
    path: str
    table: str
    label: str  # 三(三)1 属于国家秘密 / 自然人
    signed: bool = False
    money: bool = False


def _short(label: str) -> str:
    return label.split("（")[0]


def table_cells(report: Report, table: str) -> Iterator[CellInfo]:
    """Every data cell of a table that was read, in template order, with its label and value kind."""
    t = report.tables
    if table == "applications" and t.applications is not None:
        yield from _cells_of(table, applications_template(report).version)
    elif table == "reviews_litigation" and t.reviews_litigation is not None:
        yield from _cells_of(table, V2021.version)
    elif table == "active_disclosure" and t.active_disclosure is not None:
        yield from _cells_of(table, active_template(report).version)


@functools.cache
def _cells_of(table: str, version: str) -> tuple[CellInfo, ...]:
    """The cells of one table of one template version (labels are built once, not per report)."""
    template = get_template(version)
    labels = application_row_labels(template)
    out: list[CellInfo] = []
    for cell in template_cells(template, (table,)):
        row, col = cell.row, cell.column
        if cell.item is not None:  # 表二
            out.append(CellInfo(cell.path, table, f"{cell.item.caption} {row.label} / {_short(col.label)}",
                                col.signed, col.money))
        elif table == "applications":
            name = labels[row.key] if labels[row.key].endswith(row.label) else f"{labels[row.key]} {_short(row.label)}"
            out.append(CellInfo(cell.path, table, f"{name} / {col.label}"))
        else:
            out.append(CellInfo(cell.path, table, f"{review_group_label(row.key, row.label)} / {col.label}"))
    return tuple(out)


def cell_labels(report: Report) -> dict[str, str]:
    """Cell path -> a reader's label such as '表三 三(三)1 属于国家秘密 / 自然人', for every cell read."""
    return {info.path: f"{TABLE_SHORT[table]} {info.label}"
            for table in TABLE_SHORT for info in table_cells(report, table)}


def cell_label(report: Report, path: str, labels: dict[str, str] | None = None) -> str:
    """The label of a cell path; a whole table or row (as extraction findings name them) is labelled too."""
    labels = cell_labels(report) if labels is None else labels
    if path in labels:
        return labels[path]
    if path in TABLE_SHORT:
        return f"{TABLE_SHORT[path]}（整张表）"
    table, _, rest = path.partition(".")
    if table in TABLE_SHORT and rest:
        prefix = path + "."
        row = next((label for p, label in labels.items() if p.startswith(prefix)), None)
        if row is not None:
            return f"{row.rsplit(' / ', 1)[0]}（整行）"
        return f"{TABLE_SHORT[table]} {rest}"
    return path


__all__ = [
    "CellInfo", "TABLE_EN", "TABLE_SHORT", "active_template", "applications_template", "cell_label", "cell_labels", "equal",
    "flatten", "fmt", "side", "table_cells", "total", "value",
]
