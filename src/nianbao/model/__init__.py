"""The report model (pydantic) and its JSON Schema."""

from .paths import CellPathError
from .report import (
    BODY_KIND_ZH,
    SCHEMA_ID,
    ActiveDisclosureTable,
    ApplicationsTable,
    CellValue,
    Contact,
    Finding,
    Meta,
    MetaSource,
    OcrProvenance,
    Provenance,
    Region,
    Report,
    ReviewGroup,
    ReviewsTable,
    Section,
    Source,
    Tables,
    where,
)
from .schema import report_json_schema

__all__ = [
    "BODY_KIND_ZH", "SCHEMA_ID", "ActiveDisclosureTable", "CellPathError", "ApplicationsTable", "CellValue", "Contact", "Finding", "Meta", "MetaSource",
    "OcrProvenance", "Provenance", "Region", "Report", "ReviewGroup", "ReviewsTable", "Section", "Source", "Tables", "report_json_schema",
    "where",
]
