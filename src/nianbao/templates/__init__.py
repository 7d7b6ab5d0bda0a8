"""Template definitions, one per national format version. See `base` for the vocabulary."""

from __future__ import annotations

from .base import ActiveTable, ApplicationsTable, Column, Group, Item, ReviewsTable, Row, Section, Template
from .common import SECTION5_SPILLOVER, SECTIONS
from .v2019 import TEMPLATE as V2019
from .v2021 import TEMPLATE as V2021

TEMPLATES: dict[str, Template] = {"2019": V2019, "2021": V2021}


def get_template(version: str) -> Template:
    """The definition for "2019" or "2021"; KeyError for anything else."""
    return TEMPLATES[version]


def template_for_year(year: int | None) -> Template:
    """The version the rules require for a reporting year (2021 format from 2021 on)."""
    return V2021 if year is not None and year >= V2021.first_year else V2019


__all__ = [
    "ActiveTable", "ApplicationsTable", "Column", "Group", "Item", "ReviewsTable", "Row", "Section",
    "Template", "TEMPLATES", "SECTIONS", "SECTION5_SPILLOVER", "V2019", "V2021", "get_template",
    "template_for_year",
]
