"""Arithmetic of the tables, in one place, for the writers.

`table_errors(report)` is what `render` refuses on. It uses the rule engine
(`nianbao.checks.run_checks`) when that package is installed, keeping its errors that concern
table cells; otherwise the local checks below, taken straight from the template definitions:

- C1 表三, every column: 一 + 二 = 三(七)总计 + 四 (the 勾稽关系 printed in the form);
- C2 表三, every row: 总计 = the six applicant columns;
- C3 表三, every column: (七)总计 = the sum of the outcome rows;
- C4 表四, every group: 总计 = 维持 + 纠正 + 其他 + 尚未审结.

Blank (null) cells are skipped: a check needs all its numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Report, Tables
from ..model.report import CellValue
from ..templates import Template, get_template, template_for_year


@dataclass(frozen=True, slots=True)
class TableError:
    check: str  # applications.balance | applications.row_total | applications.outcome_total | reviews.group_total
    cells: tuple[str, ...]  # the cells involved; the first is the one the sum should equal
    message: str
    message_en: str
    evidence: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {"check": self.check, "cells": list(self.cells), "message": self.message,
                "message_en": self.message_en, "evidence": self.evidence}


def report_template(report: Report) -> Template:
    """The template the report's tables follow: its `meta.template`, else the one its year requires."""
    if report.meta.template in ("2019", "2021"):
        return get_template(report.meta.template)
    if report.tables.active_disclosure is not None:
        return get_template(report.tables.active_disclosure.template)
    return template_for_year(report.meta.year)


def _fmt(v: CellValue) -> str:
    return "" if v is None else (f"{v:g}" if isinstance(v, float) else str(v))


def arithmetic_errors(tables: Tables, template: Template) -> list[TableError]:
    """The local checks C1–C4 over the tables (see the module docstring)."""
    out: list[TableError] = []
    app = tables.applications
    if app is not None:
        t = template.applications
        rows = app.rows
        cols = [c.key for c in t.columns]
        labels = {c.key: c.label for c in t.columns}
        row_labels = {r.key: r.label for r in t.rows}
        part_cols = cols[:-1]
        for col in cols:
            a = rows.get("new_received", {}).get(col)
            b = rows.get("carried_over", {}).get(col)
            c = rows.get("total", {}).get(col)
            d = rows.get("carried_forward", {}).get(col)
            if None not in (a, b, c, d) and abs((a + b) - (c + d)) > 1e-9:  # type: ignore[operator]
                out.append(TableError(
                    "applications.balance",
                    tuple(f"applications.{r}.{col}" for r in ("total", "new_received", "carried_over",
                                                               "carried_forward")),
                    f"表三“{labels[col]}”列：一（{_fmt(a)}）+二（{_fmt(b)}）={_fmt(a + b)}，"  # type: ignore[operator]
                    f"不等于（七）总计（{_fmt(c)}）+四（{_fmt(d)}）={_fmt(c + d)}",  # type: ignore[operator]
                    f"table 3 column '{col}': new {a} + carried over {b} != total {c} + carried forward {d}",
                    f"{_fmt(a)}+{_fmt(b)} != {_fmt(c)}+{_fmt(d)}"))
        for row in t.rows:
            vals = rows.get(row.key, {})
            parts = [vals.get(k) for k in part_cols]
            total = vals.get(cols[-1])
            if total is not None and None not in parts and abs(sum(parts) - total) > 1e-9:  # type: ignore[arg-type]
                s = sum(parts)  # type: ignore[arg-type]
                out.append(TableError(
                    "applications.row_total",
                    (f"applications.{row.key}.{cols[-1]}", *(f"applications.{row.key}.{k}" for k in part_cols)),
                    f"表三“{row_labels[row.key]}”行：总计为{_fmt(total)}，六类申请人之和为{_fmt(s)}",
                    f"table 3 row '{row.key}': total {total} != sum of applicant columns {s}",
                    "+".join(_fmt(p) for p in parts) + f" = {_fmt(s)} != {_fmt(total)}"))
        for col in cols:
            parts = [rows.get(r, {}).get(col) for r in t.outcome_rows]
            total = rows.get("total", {}).get(col)
            if total is not None and None not in parts and abs(sum(parts) - total) > 1e-9:  # type: ignore[arg-type]
                s = sum(parts)  # type: ignore[arg-type]
                out.append(TableError(
                    "applications.outcome_total",
                    (f"applications.total.{col}", *(f"applications.{r}.{col}" for r in t.outcome_rows)),
                    f"表三“{labels[col]}”列：（七）总计为{_fmt(total)}，各办理结果之和为{_fmt(s)}",
                    f"table 3 column '{col}': total {total} != sum of outcomes {s}",
                    f"{_fmt(s)} != {_fmt(total)}"))
    rev = tables.reviews_litigation
    if rev is not None:
        t4 = template.reviews
        for g in t4.groups:
            vals = getattr(rev, g.key).model_dump()
            keys = [c.key for c in t4.columns]
            parts = [vals.get(k) for k in keys[:-1]]
            total = vals.get(keys[-1])
            if total is not None and None not in parts and abs(sum(parts) - total) > 1e-9:  # type: ignore[arg-type]
                s = sum(parts)  # type: ignore[arg-type]
                out.append(TableError(
                    "reviews.group_total",
                    (f"reviews_litigation.{g.key}.{keys[-1]}", *(f"reviews_litigation.{g.key}.{k}" for k in keys[:-1])),
                    f"表四“{g.label}”：总计为{_fmt(total)}，结果维持、结果纠正、其他结果、尚未审结之和为{_fmt(s)}",
                    f"table 4 group '{g.key}': total {total} != sum {s}",
                    "+".join(_fmt(p) for p in parts) + f" = {_fmt(s)} != {_fmt(total)}"))
    return out


_TABLE_PREFIXES = ("applications", "reviews_litigation", "active_disclosure")


def table_errors(report: Report, template: Template | None = None) -> list[TableError]:
    """Errors that make the tables unfit to print: the rule engine's if installed, else the local checks."""
    template = template or report_template(report)
    try:
        from ..checks import run_checks  # type: ignore[attr-defined]
    except ImportError:
        return arithmetic_errors(report.tables, template)
    probe = report.model_copy(deep=True)
    probe.findings = []
    out = []
    for f in run_checks(probe):
        if f.severity == "error" and any(c.split(".")[0] in _TABLE_PREFIXES for c in f.cells):
            out.append(TableError(f.rule, tuple(f.cells), f.message, f.message_en, f.evidence))
    return out
