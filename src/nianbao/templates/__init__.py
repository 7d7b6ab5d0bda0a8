"""Template definitions, one per national format version. See `base` for the vocabulary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..normalize import CN_NUMERALS
from .base import (
    ActiveTable,
    ApplicationsTable,
    Column,
    Group,
    Item,
    ReviewsTable,
    Row,
    Section,
    TableName,
    Template,
)
from .common import APPLICATIONS_NOTE_WORD, MONEY_UNITS, SECTION5_SPILLOVER, SECTIONS, TABLE_NAMES
from .v2019 import TEMPLATE as V2019
from .v2021 import TEMPLATE as V2021

if TYPE_CHECKING:
    from ..model import Report

TEMPLATES: dict[str, Template] = {"2019": V2019, "2021": V2021}


def get_template(version: str) -> Template:
    """The definition for "2019" or "2021"; KeyError for anything else."""
    return TEMPLATES[version]


def template_for_year(year: int | None) -> Template:
    """The version the rules require for a reporting year (2021 format from 2021 on)."""
    return V2021 if year is not None and year >= V2021.first_year else V2019


def template_for_version(version: str | None, year: int | None) -> Template:
    """The template named by `version` ("2019"/"2021"), else the one the reporting year requires."""
    return TEMPLATES[version] if version in TEMPLATES else template_for_year(year)


def template_for(report: Report) -> Template:
    """The one answer to "which template do this report's tables follow": its `meta.template`, else
    the version its 表二 was read in, else the one its year requires."""
    if report.meta.template in TEMPLATES:
        return TEMPLATES[report.meta.template]
    if report.tables.active_disclosure is not None:
        return TEMPLATES[report.tables.active_disclosure.template]
    return template_for_year(report.meta.year)


def outcome_groups(template: Template) -> tuple[str, dict[str, str]]:
    """(三、本年度办理结果 as printed, {child prefix: （三）不予公开 …}) from the template groups."""
    groups = template.applications.groups
    outcome = next(g for g in groups if g.number == "三")
    subs = {g.number: g for g in groups if g.number and g is not outcome}
    prefixes: dict[str, str] = {}
    position = 0
    seen: set[str] = set()
    for key in template.applications.outcome_rows:
        prefix = key.split(".")[0] if "." in key else None
        if prefix is None:
            position += 1
            continue
        if prefix not in seen:
            seen.add(prefix)
            position += 1
            group = subs[CN_NUMERALS[position - 1]]
            prefixes[prefix] = f"（{group.number}）{group.label}"
    return f"{outcome.number}、{outcome.label}", prefixes


__all__ = [
    "ActiveTable", "ApplicationsTable", "Column", "Group", "Item", "ReviewsTable", "Row", "Section",
    "APPLICATIONS_NOTE_WORD", "MONEY_UNITS", "TableName", "Template", "TEMPLATES", "TABLE_NAMES", "SECTIONS", "SECTION5_SPILLOVER", "V2019", "V2021", "get_template",
    "outcome_groups", "template_for", "template_for_version", "template_for_year",
]
