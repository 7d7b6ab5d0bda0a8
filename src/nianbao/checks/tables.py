"""Table checks: the arithmetic relations of the templates (C1–C4), values (C10, C11) and 规章 (C8)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Report, where
from ..model.report import CellValue
from ..rules.catalogue import TABLE_LABELS, finding
from ..rules.relations import Relation, relations
from .common import (
    TABLE_EN,
    TABLE_SHORT,
    applications_template,
    equal,
    flatten,
    fmt,
    side,
    table_cells,
    total,
)

TABLES = ("active_disclosure", "applications", "reviews_litigation")


def check_relations(report: Report) -> Iterator[Finding]:
    """C1–C4 over the tables that were read. A relation with a blank cell is skipped (see blank_cells)."""
    template = applications_template(report)
    cells = flatten(report)
    for rel in relations(template):
        if getattr(report.tables, rel.table) is None:
            continue
        f = evaluate(report, rel, cells)
        if f is not None:
            yield f


def evaluate(report: Report, rel: Relation, cells: dict[str, CellValue] | None = None) -> Finding | None:
    """The finding of a relation that does not hold (None when it holds or has a blank cell)."""
    cells = flatten(report) if cells is None else cells
    get = cells.get
    left = [get(t.path) for t in rel.lhs]
    right = [get(t.path) for t in rel.rhs]
    if None in left or None in right:
        return _broken_despite_blanks(rel, left, right)
    if equal(total(left), total(right)):  # type: ignore[arg-type]
        return None
    lhs_text, rhs_text = side(rel.lhs, left), side(rel.rhs, right)  # type: ignore[arg-type]
    scope = rel.scope
    return finding(rel.rule, rel.paths, f"{scope}：{lhs_text} ≠ {rhs_text}", scope=scope, scope_en=rel.scope_en,
                   lhs=fmt(total(left)), rhs=fmt(total(right)))


def _broken_despite_blanks(rel: Relation, left: list[CellValue], right: list[CellValue]) -> Finding | None:
    """The relation fails whatever its blanks hold: counts are ≥ 0, so a side with blanks is at least the sum
    of its known terms, and when that exceeds the other side (all known) no filling can balance it."""
    for terms, values, other_terms, other_values, name, other_name in (
            (rel.lhs, left, rel.rhs, right, ("等式左边", "left side"), ("等式右边", "right side")),
            (rel.rhs, right, rel.lhs, left, ("等式右边", "right side"), ("等式左边", "left side"))):
        if None in other_values or None not in values:
            continue
        known = total([v for v in values if v is not None])
        other = total(other_values)  # type: ignore[arg-type]
        if known <= other or equal(known, other):
            continue
        blanks = [t for t, v in zip(terms, values, strict=True) if v is None]
        known_terms = "+".join(f"{t.label}({fmt(v)})" for t, v in zip(terms, values, strict=True) if v is not None)
        other_text = side(other_terms, other_values)  # type: ignore[arg-type]
        evidence = (f"{rel.scope}：{known_terms}+空白[{'、'.join(t.label for t in blanks)}]≥{fmt(known)} > "
                    f"{other_text}")
        return finding("check.relation_broken_despite_blanks", rel.paths, evidence, scope_table=TABLE_SHORT[rel.table],
                       scope_table_en=TABLE_EN[rel.table], scope=rel.scope, scope_en=rel.scope_en, known_side=name[0],
                       known_side_en=name[1], known=fmt(known), other_side=other_name[0],
                       other_side_en=other_name[1], other=fmt(other), blanks="、".join(t.label for t in blanks),
                       blanks_en=", ".join(t.path for t in blanks))
    return None


def _explained(report: Report) -> tuple[str, ...]:
    """Cell paths (or prefixes) an extraction finding already reports: missing rows, unreadable cells."""
    return tuple(c for f in report.findings if f.rule.startswith("extract.") for c in f.cells)


def _covered(path: str, prefixes: tuple[str, ...]) -> bool:
    return any(path == p or path.startswith(p + ".") for p in prefixes)


def check_values(report: Report) -> Iterator[Finding]:
    """Negative values, fractional counts, and (one finding per table) the blank cells."""
    explained = _explained(report)
    cells = flatten(report)
    for table in TABLES:
        zh, en = TABLE_LABELS[table]
        blanks: list[tuple[str, str]] = []
        for info in table_cells(report, table):
            v = cells.get(info.path)
            if v is None:
                if not _covered(info.path, explained):
                    blanks.append((info.path, info.label))
                continue
            if v < 0 and not info.signed:
                yield finding("check.negative_value", [info.path], f"{info.label} = {fmt(v)}",
                              table_label=zh, table_label_en=en, cell_label=info.label, cell=info.path,
                              value=fmt(v))
            if not info.money and isinstance(v, float) and not v.is_integer():
                yield finding("check.non_integer", [info.path], f"{info.label} = {fmt(v)}",
                              table_label=zh, table_label_en=en, cell_label=info.label, cell=info.path,
                              value=fmt(v))
        if blanks:
            listed = "；".join(label for _, label in blanks[:8]) + ("……" if len(blanks) > 8 else "")
            listed_en = ", ".join(path for path, _ in blanks[:8]) + (", …" if len(blanks) > 8 else "")
            evidence = "；".join(f"{label}（{where(report.provenance.get(path))}）" if path in report.provenance
                                 else label for path, label in blanks[:8]) + ("……" if len(blanks) > 8 else "")
            yield finding("check.blank_cells", [path for path, _ in blanks], evidence,
                          table_label=zh, table_label_en=en, count=len(blanks), blank_list=listed,
                          blank_list_en=listed_en)


_COUNTY_GOV = re.compile(r"(?:县|旗|(?<!自治)区)(?:人民)?政府$")  # 自治县 yes, 自治区 no
_LOCAL = re.compile(r"[省市县区旗州盟镇乡]")
# A department named without a place is a State Council body, which may make 规章. Words whose 市/乡/区
# are no place: 住房和城乡建设部, 国家市场监督管理总局, 城市管理, 社区, 区域.
_NOT_PLACES = re.compile(r"城乡|市场|城市|乡村|社区|区域|地区|市政|超市")


def rule_power(organization: str | None, kind: str) -> tuple[str, str] | None:
    """(zh, en) description of a body that cannot make 规章, or None when it may (or we cannot tell)."""
    org = organization or ""
    if kind == "township":
        return "乡镇人民政府或街道办事处", "a township or street office"
    if kind == "government" and _COUNTY_GOV.search(org):
        return "县级人民政府", "a county-level government"
    if kind == "department" and _LOCAL.search(_NOT_PLACES.sub("", org)):
        return "地方政府部门", "a local government department"
    return None


def check_rules_power(report: Report) -> Iterator[Finding]:
    """C8: 规章 > 0 reported by a body without rule-making power (warning)."""
    table = report.tables.active_disclosure
    if table is None:
        return
    who = rule_power(report.meta.organization, report.meta.body_kind)
    if who is None:
        return
    cells = [(f"active_disclosure.art20_1.rules.{col}", v) for col, v in table.items.get("art20_1", {})
             .get("rules", {}).items() if v]
    if not cells:
        return
    values = "，".join(f"{_column_label(report, p)} {fmt(v)}" for p, v in cells)
    yield finding("check.rules_without_power", [p for p, _ in cells], values,
                  organization=report.meta.organization or "本机关", kind=who[0], kind_en=who[1], values=values)


def _column_label(report: Report, path: str) -> str:
    for info in table_cells(report, "active_disclosure"):
        if info.path == path:
            return info.label.split(" / ")[-1]
    return path.rsplit(".", 1)[-1]
