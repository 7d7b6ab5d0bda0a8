"""The official table layouts as format-neutral grids, built from the template definitions.

Every writer (DOCX, HTML, Markdown, text, PDF) draws tables from these layouts, so the labels,
rows, columns and merged header cells come from `nianbao.templates` in one place and are never
retyped. A layout is a list of rows of *origin* cells (HTML semantics: a cell with rowspan or
colspan is listed once, in its top-left position); `LTable.grid()` expands it to positions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..model import Report, Tables
from ..model.report import CellValue
from ..templates import Row, Template, outcome_groups
from ..templates.common import ACTIVE_CONTENT_HEADER, APPLICATIONS_NOTE, LITIGATION_LABEL

CellKind = Literal["caption", "header", "note", "label", "value"]


@dataclass(slots=True)
class LCell:
    text: str
    kind: CellKind = "label"
    rowspan: int = 1
    colspan: int = 1
    path: str | None = None  # cell path (as in findings) for value cells
    value: CellValue = None


@dataclass(slots=True)
class LTable:
    key: str  # applications | reviews_litigation | active_disclosure.<item>
    ncols: int
    rows: list[list[LCell]] = field(default_factory=list)
    header_rows: int = 0  # leading rows that are caption/header rows
    caption: str | None = None

    def grid(self) -> list[list[tuple[LCell, bool]]]:
        """Expanded grid: every position holds (cell, is_origin); spans repeat the cell."""
        nrows = len(self.rows)
        out: list[list[tuple[LCell, bool] | None]] = [[None] * self.ncols for _ in range(nrows)]
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                while c < self.ncols and out[r][c] is not None:
                    c += 1
                if c >= self.ncols:
                    raise ValueError(f"layout {self.key}: row {r} has more cells than {self.ncols} columns")
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        if r + dr < nrows and c + dc < self.ncols:
                            out[r + dr][c + dc] = (cell, dr == 0 and dc == 0)
                c += cell.colspan
        for r, row_ in enumerate(out):
            if any(x is None for x in row_):
                raise ValueError(f"layout {self.key}: row {r} is not filled")
        return out  # type: ignore[return-value]


def format_value(value: CellValue) -> str:
    """A cell value as printed: ints plainly, money as written (12.6), blank as ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return f"{value:.1f}"
    return str(value)


# -- 表三 -----------------------------------------------------------------------------------

def application_row_label(template: Template, row: Row) -> str:
    """The label as the form prints it, with its outline number: 一、… （一）… 1.…"""
    if "." in row.key:
        return f"{row.number}.{row.label}"
    if row.key in template.applications.outcome_rows or row.key == "total":
        return f"（{row.number}）{row.label}"
    return f"{row.number}、{row.label}"


def header_groups(template: Template) -> tuple[str, str]:
    """申请人情况 and 法人或其他组织: the template's un-numbered header groups, in order."""
    names = [g.label for g in template.applications.groups if not g.number]
    return names[0], names[1]


def applications_layout(template: Template, rows: dict[str, dict[str, CellValue]] | None) -> LTable:
    t = template.applications
    cols = t.columns
    table = LTable("applications", 3 + len(cols), header_rows=3)
    applicants, legal_persons = header_groups(template)
    table.rows.append([LCell(APPLICATIONS_NOTE, "note", rowspan=3, colspan=3),
                       LCell(applicants, "header", colspan=len(cols))])
    table.rows.append([LCell(cols[0].label, "header", rowspan=2),
                       LCell(legal_persons, "header", colspan=len(cols) - 2),
                       LCell(cols[-1].label, "header", rowspan=2)])
    table.rows.append([LCell(c.label, "header") for c in cols[1:-1]])
    outcome_label, prefixes = outcome_groups(template)
    in_outcomes = [r for r in t.rows if r.key in t.outcome_rows or r.key == "total"]
    children: dict[str, int] = {}
    for r in in_outcomes:
        if "." in r.key:
            children[r.key.split(".")[0]] = children.get(r.key.split(".")[0], 0) + 1
    first_outcome = True
    started: set[str] = set()
    for row in t.rows:
        values = (rows or {}).get(row.key, {})
        cells: list[LCell] = []
        label = application_row_label(template, row)
        if row in in_outcomes:
            if first_outcome:
                cells.append(LCell(outcome_label, "label", rowspan=len(in_outcomes)))
                first_outcome = False
            if "." in row.key:
                prefix = row.key.split(".")[0]
                if prefix not in started:
                    started.add(prefix)
                    cells.append(LCell(prefixes[prefix], "label", rowspan=children[prefix]))
                cells.append(LCell(label, "label"))
            else:
                cells.append(LCell(label, "label", colspan=2))
        else:
            cells.append(LCell(label, "label", colspan=3))
        for c in cols:
            v = values.get(c.key)
            cells.append(LCell(format_value(v), "value", path=f"applications.{row.key}.{c.key}", value=v))
        table.rows.append(cells)
    return table


# -- 表四 -----------------------------------------------------------------------------------

def reviews_layout(template: Template, groups: dict[str, dict[str, CellValue]] | None) -> LTable:
    t = template.reviews
    n = len(t.columns)
    review, *litigation = t.groups
    table = LTable("reviews_litigation", n * len(t.groups), header_rows=3)
    table.rows.append([LCell(review.label, "header", colspan=n),
                       LCell(LITIGATION_LABEL, "header", colspan=n * len(litigation))])
    table.rows.append([LCell(c.label, "header", rowspan=2) for c in t.columns]
                      + [LCell(g.label, "header", colspan=n) for g in litigation])
    table.rows.append([LCell(c.label, "header") for _ in litigation for c in t.columns])
    values: list[LCell] = []
    for g in t.groups:
        for c in t.columns:
            v = (groups or {}).get(g.key, {}).get(c.key)
            values.append(LCell(format_value(v), "value", path=f"reviews_litigation.{g.key}.{c.key}", value=v))
    table.rows.append(values)
    return table


# -- 表二 -----------------------------------------------------------------------------------

def active_layouts(template: Template, items: dict[str, dict[str, dict[str, CellValue]]] | None,
                   units: dict[str, str] | None = None) -> list[LTable]:
    """One sub-table per 第二十条 item, all as wide as the widest, each headed by its caption."""
    width = 1 + max(len(item.columns) for item in template.active.items)
    out = []
    for item in template.active.items:
        table = LTable(f"active_disclosure.{item.key}", width, header_rows=2, caption=item.caption)
        table.rows.append([LCell(item.caption, "caption", colspan=width)])
        head = [LCell(ACTIVE_CONTENT_HEADER, "header")]
        for k, c in enumerate(item.columns):
            span = width - 1 - k if k == len(item.columns) - 1 else 1
            head.append(LCell(c.label, "header", colspan=span))
        table.rows.append(head)
        for row in item.rows:
            cells = [LCell(row.label, "label")]
            for k, c in enumerate(item.columns):
                span = width - 1 - k if k == len(item.columns) - 1 else 1
                path = f"{item.key}.{row.key}.{c.key}"
                v = (items or {}).get(item.key, {}).get(row.key, {}).get(c.key)
                text = format_value(v)
                unit = (units or {}).get(path)
                if text and unit:
                    text += unit
                cells.append(LCell(text, "value", colspan=span, path=f"active_disclosure.{path}", value=v))
            table.rows.append(cells)
        out.append(table)
    return out


def report_tables(report: Report, template: Template) -> dict[str, list[LTable]]:
    """The layouts of the tables a report has ({} entries for tables that are null)."""
    return tables_layouts(report.tables, template)


def tables_layouts(tables: Tables, template: Template) -> dict[str, list[LTable]]:
    out: dict[str, list[LTable]] = {}
    if tables.active_disclosure is not None:
        out["active_disclosure"] = active_layouts(template, tables.active_disclosure.items,
                                                  tables.active_disclosure.units)
    if tables.applications is not None:
        out["applications"] = [applications_layout(template, tables.applications.rows)]
    if tables.reviews_litigation is not None:
        out["reviews_litigation"] = [reviews_layout(template, tables.reviews_litigation.model_dump())]
    return out
