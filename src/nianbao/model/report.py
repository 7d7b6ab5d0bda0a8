"""The report model: pydantic classes that serialise to the `nianbao.report/1` contract.

The contract lives in shared/spec/report-json.md; keys here must match it exactly. Keys added
beyond the contract (`provenance`, `meta.template_evidence`, …) are allowed by it.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_ID = "nianbao.report/1"

CellValue = int | float | None
Severity = Literal["error", "warning", "info"]
BodyKind = Literal["government", "department", "township", "unknown"]
TemplateVersion = Literal["2019", "2021", "pre2019", "unknown"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True)


class Source(_Model):
    path: str
    sha256: str
    format: Literal["text", "html", "pdf", "docx", "image"]


class Contact(_Model):
    address: str | None = None
    postcode: str | None = None
    phone: str | None = None
    fax: str | None = None
    email: str | None = None


class Meta(_Model):
    title: str | None = None
    organization: str | None = None
    body_kind: BodyKind = "unknown"
    year: int | None = None
    template: TemplateVersion = "unknown"
    published: dt.date | None = None
    signed: dt.date | None = None
    contact: Contact = Field(default_factory=Contact)
    # How `template` was decided: "tables" (labels seen), "year" (no tables; inferred), "none".
    template_evidence: Literal["tables", "year", "none"] = "none"
    # Where `published` came from: "page" (a 发布时间 field), "signature" (the signed date), null.
    published_basis: Literal["page", "signature"] | None = None
    # The year of the statistical period the report states (统计期限自YYYY年1月1日至12月31日,
    # 数据截止YYYY年12月31日); null when no period is stated.
    period_year: int | None = None


class Section(_Model):
    number: int
    title: str
    present: bool
    heading: str | None = None
    text: str = ""


class ApplicationsTable(_Model):
    """表三: {row key: {column key: value}}, every row of the template version present."""

    rows: dict[str, dict[str, CellValue]]


class ReviewGroup(_Model):
    upheld: CellValue = None
    corrected: CellValue = None
    other: CellValue = None
    pending: CellValue = None
    total: CellValue = None


class ReviewsTable(_Model):
    """表四: 行政复议, 行政诉讼 未经复议直接起诉, 行政诉讼 复议后起诉."""

    review: ReviewGroup
    litigation_direct: ReviewGroup
    litigation_after_review: ReviewGroup


class ActiveDisclosureTable(_Model):
    """表二: {item: {row: {column: value}}}; the keys depend on `template`."""

    template: Literal["2019", "2021"]
    items: dict[str, dict[str, dict[str, CellValue]]]
    units: dict[str, str] = Field(default_factory=dict)


class Tables(_Model):
    active_disclosure: ActiveDisclosureTable | None = None
    applications: ApplicationsTable | None = None
    reviews_litigation: ReviewsTable | None = None


class Finding(_Model):
    rule: str
    severity: Severity
    message: str
    cells: list[str] = Field(default_factory=list)
    evidence: str = ""
    message_en: str = ""


class OcrProvenance(_Model):
    """How a value read from an image was read: a person can look at `crop` and judge."""

    score: float  # the engine's probability of the cell's least certain character (0-1)
    raw: str  # the engine's reading before digit look-alikes were repaired (O→0, l→1, S→5 …)
    crop: tuple[int, int, int, int]  # x0, top, x1, bottom in pixels of the image read (page render or file)
    dpi: float  # resolution of that image
    alternatives: list[str] = Field(default_factory=list)  # other readings of a numeric cell, likeliest first
    low: bool = False  # below the trust threshold (see docs/ocr.md)
    image: str = ""  # the picture read when it is not the page (DOCX part, HTML img src); crop is in it


class Provenance(_Model):
    """Where a value was read: the source text and its position (fields that apply)."""

    text: str
    line: int | None = None
    column: int | None = None
    offset: int | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    ocr: OcrProvenance | None = None  # set when the value was read from an image by OCR


class Report(_Model):
    schema_: Literal["nianbao.report/1"] = Field(SCHEMA_ID, alias="schema")
    source: Source
    meta: Meta = Field(default_factory=Meta)
    sections: list[Section] = Field(default_factory=list)
    tables: Tables = Field(default_factory=Tables)
    figures: dict[str, int | float] = Field(default_factory=dict)
    findings: list[Finding] = Field(default_factory=list)
    # Cell path (as in findings) or "figures.<name>" -> where it was read.
    provenance: dict[str, Provenance] = Field(default_factory=dict)

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)

    @classmethod
    def from_json(cls, data: str | bytes) -> Report:
        return cls.model_validate_json(data)

    def cell(self, path: str) -> CellValue:
        """The value at a dotted cell path such as 'applications.total.total'."""
        from .cells import get_cell

        return get_cell(self.tables, path)

    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]
