"""The check rules: catalogue entries (stage "check") and the table relations, derived from the templates.

The arithmetic relations are not hand-listed cell by cell: `relations(template)` builds them from the
template definition (rows, columns, outcome_rows, the 表四 groups), so a change in a template changes
the checks with it. The check code (`nianbao.checks`) only evaluates these relations and fills in
the messages declared here.

Basis, as numbered in the reference note (shared/reference/template.md §5): C1 is printed in the
form itself; C2–C8 are derived from the labels; C9 compares narrative and tables; C10 blank cells.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..normalize import CN_NUMERALS
from ..templates.base import Template


@dataclass(frozen=True, slots=True)
class Term:
    path: str  # dotted cell path, relative to `tables`
    label: str  # short label used in evidence, e.g. 一, 三(七)总计, 自然人


@dataclass(frozen=True, slots=True)
class Relation:
    """sum(lhs) == sum(rhs) over the cells of one table; `scope` names the column/row/group (zh, en)."""

    rule: str
    table: str
    scope: str
    scope_en: str
    lhs: tuple[Term, ...]
    rhs: tuple[Term, ...]

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(t.path for t in self.lhs + self.rhs)


@dataclass(frozen=True, slots=True)
class CrossYearRelation:
    """this year's cell == sum(last year's `previous`) + sum(this year's `plus`) - sum(this year's `minus`)."""

    rule: str
    table: str
    scope: str
    scope_en: str
    target: Term
    previous: tuple[Term, ...]
    plus: tuple[Term, ...] = ()
    minus: tuple[Term, ...] = ()


def application_row_labels(template: Template) -> dict[str, str]:
    """Short outline labels of the 表三 rows, derived from the row order and numbers.

    一, 二, 三(一), 三(三)1 …, 三(六) or 三(六)3, 三(七)总计, 四. The outcome rows are the children of
    三、本年度办理结果: a row without a dot in its key is an item of its own, rows sharing a dotted
    prefix are the numbered sub-rows of one item.
    """
    app = template.applications
    labels: dict[str, str] = {}
    parents: dict[str, int] = {}
    index = 0
    for key in app.outcome_rows:
        row = template.application_row(key)
        parent = key.split(".", 1)[0] if "." in key else None
        if parent is None:
            index += 1
            labels[key] = f"三({CN_NUMERALS[index - 1]})"
        else:
            if parent not in parents:
                index += 1
                parents[parent] = index
            labels[key] = f"三({CN_NUMERALS[parents[parent] - 1]}){row.number}"
    for row in app.rows:
        if row.key in labels:
            continue
        if row.key == "total":
            labels[row.key] = f"三({CN_NUMERALS[index]})总计"
        else:
            labels[row.key] = row.number
    return labels


def review_group_label(key: str, label: str) -> str:
    """行政复议 / 行政诉讼（未经复议直接起诉） / 行政诉讼（复议后起诉）."""
    return f"行政诉讼（{label}）" if key.startswith("litigation") else label


def relations(template: Template) -> tuple[Relation, ...]:
    """Every within-year arithmetic relation of the template's tables (C1–C4)."""
    if template.version not in _WITHIN:  # built once per template version
        _WITHIN[template.version] = _relations(template)
    return _WITHIN[template.version]


_WITHIN: dict[str, tuple[Relation, ...]] = {}
_CROSS: dict[str, tuple[CrossYearRelation, ...]] = {}


def _relations(template: Template) -> tuple[Relation, ...]:
    app = template.applications
    rows = application_row_labels(template)
    applicants = tuple(c for c in app.columns if c.key != "total")
    out: list[Relation] = []

    def a(row: str, col: str, label: str) -> Term:
        return Term(f"applications.{row}.{col}", label)

    # C1 (printed in the form): per column, 一 + 二 = 三(七)总计 + 四
    for col in app.columns:
        out.append(Relation(
            "check.t3_balance", "applications", col.label, col.key,
            (a("new_received", col.key, rows["new_received"]), a("carried_over", col.key, rows["carried_over"])),
            (a("total", col.key, rows["total"]), a("carried_forward", col.key, rows["carried_forward"])),
        ))
    # C2: per row, 总计 = the six applicant columns
    for row in app.rows:
        out.append(Relation(
            "check.t3_row_sum", "applications", f"{rows[row.key]} {row.label.split('（')[0]}", row.key,
            tuple(a(row.key, c.key, c.label) for c in applicants),
            (a(row.key, "total", "总计"),),
        ))
    # C3: per column, 三(七)总计 = the outcome rows
    for col in app.columns:
        out.append(Relation(
            "check.t3_outcome_sum", "applications", col.label, col.key,
            tuple(a(key, col.key, rows[key]) for key in app.outcome_rows),
            (a("total", col.key, rows["total"]),),
        ))
    # C4: 表四, per group, 总计 = the four results
    parts = tuple(c for c in template.reviews.columns if c.key != "total")
    for group in template.reviews.groups:
        base = f"reviews_litigation.{group.key}"
        out.append(Relation(
            "check.t4_group_sum", "reviews_litigation", review_group_label(group.key, group.label), group.key,
            tuple(Term(f"{base}.{c.key}", c.label) for c in parts),
            (Term(f"{base}.total", "总计"),),
        ))
    return tuple(out)


def cross_year_relations(template: Template) -> tuple[CrossYearRelation, ...]:
    if template.version not in _CROSS:
        _CROSS[template.version] = _cross_year_relations(template)
    return _CROSS[template.version]


def _cross_year_relations(template: Template) -> tuple[CrossYearRelation, ...]:
    """Relations between this year's and last year's report of the same body (both in `template`).

    C5 上年结转(t) = 结转下年度继续办理(t-1), per column; C6 (2021 表二) 现行有效件数(t) =
    现行有效件数(t-1) + 本年制发件数(t) - 本年废止件数(t); C7 (2019 表二) 上一年项目数量(t) =
    上一年项目数量(t-1) + 本年增/减(t-1). Found by the column keys of the template's 表二 items.
    """
    rows = application_row_labels(template)
    out: list[CrossYearRelation] = []
    for col in template.applications.columns:
        out.append(CrossYearRelation(
            "check.carryover_mismatch", "applications", col.label, col.key,
            Term(f"applications.carried_over.{col.key}", rows["carried_over"]),
            (Term(f"applications.carried_forward.{col.key}", f"上年{rows['carried_forward']}"),),
        ))
    for item in template.active.items:
        label = {c.key: c.label for c in item.columns}
        keys = set(label)
        for row in item.rows:
            base = f"active_disclosure.{item.key}.{row.key}"
            if {"issued", "repealed", "in_force"} <= keys:
                out.append(CrossYearRelation(
                    "check.in_force_drift", "active_disclosure", row.label, row.key,
                    Term(f"{base}.in_force", label["in_force"]),
                    (Term(f"{base}.in_force", f"上年{label['in_force']}"),),
                    (Term(f"{base}.issued", label["issued"]),),
                    (Term(f"{base}.repealed", label["repealed"]),),
                ))
            if {"previous", "change"} <= keys:
                out.append(CrossYearRelation(
                    "check.item_count_drift", "active_disclosure", row.label, row.key,
                    Term(f"{base}.previous", label["previous"]),
                    (Term(f"{base}.previous", f"上年报告的{label['previous']}"),
                     Term(f"{base}.change", f"上年报告的{label['change']}")),
                ))
    return tuple(out)
