"""A Report as rows of the corpus tables, and back.

`report_rows` is what every engine's workers run after parsing (pure: no database); `load_reports`
rebuilds Reports from the database (without provenance) for the cross-year checks and the API.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

import duckdb

from ..model import (
    ActiveDisclosureTable,
    ApplicationsTable,
    Contact,
    Finding,
    Meta,
    OcrProvenance,
    Provenance,
    Report,
    ReviewGroup,
    ReviewsTable,
    Section,
    Source,
    Tables,
)
from ..model.cells import held_cells
from ..model.report import CellValue
from .bodies import body_id, region

Rows = dict[str, list[tuple[Any, ...]]]


def report_id(sha256: str) -> int:
    """A stable 60-bit id from the content hash: the same file has the same id in every corpus and run."""
    return int(sha256[:15], 16)


@dataclass(frozen=True)
class RowOptions:
    path: str
    sha256: str
    parser_version: str
    provenance: bool = True
    body_id: str | None = None  # manifest override


def report_rows(report: Report, opts: RowOptions) -> Rows:
    """The rows of `reports`, `cells`, `sections`, `figures` and `findings` for one parsed report."""
    rid = report_id(opts.sha256)
    m = report.meta
    bid, basis = body_id(m, opts.body_id)
    province, city, county, code = region(m)
    counts = Counter(f.severity for f in report.findings)
    active = report.tables.active_disclosure
    c = m.contact
    reports = [(
        rid, opts.sha256, opts.path, m.url, report.source.format, m.title, m.organization, bid, basis,
        province, city, county, code, m.body_kind, m.year, m.period_year, m.template, m.template_evidence,
        active.template if active else None,
        json.dumps(active.units, ensure_ascii=False, sort_keys=True) if active and active.units else None,
        m.published, m.published_basis, m.signed, c.address, c.postcode, c.phone, c.fax, c.email,
        opts.parser_version, counts.get("error", 0), counts.get("warning", 0), counts.get("info", 0), False,
        _meta_extra(m, opts.provenance),
    )]
    cells = []
    prov = report.provenance
    for path, value in held_cells(report.tables):
        tbl, _, rest = path.partition(".")
        row, _, col = rest.rpartition(".")
        p = prov.get(path)
        if p is None:
            cells.append((rid, tbl, row, col, path, value, None, None, None, None, None, None, None, None, None, None))
        elif opts.provenance:
            cells.append((rid, tbl, row, col, path, value, p.text, p.line, p.column, p.page,
                          list(p.bbox) if p.bbox else None, p.table, p.row, p.col, p.offset,
                          p.ocr.model_dump_json() if p.ocr else None))
        else:
            cells.append((rid, tbl, row, col, path, value, p.text, None, None, None, None, None, None, None, None,
                          None))
    sections = [(rid, s.number, s.title, s.present, s.heading, s.text) for s in report.sections]
    figures = []
    for name, value in sorted(report.figures.items()):
        p = prov.get(f"figures.{name}")
        figures.append((rid, name, value, p.text if p else None,
                        p.model_dump_json(exclude_none=True) if p and opts.provenance else None))
    findings = [(rid, i, "report", None, f.rule, f.severity, f.message, list(f.cells), f.evidence)
                for i, f in enumerate(report.findings)]
    return {"reports": reports, "cells": cells, "sections": sections, "figures": figures, "findings": findings}


# Meta fields without a column of their own (issue 13's region, body_id, url, field provenance …):
# whatever Meta has beyond these is kept as JSON, so a rebuilt report has the metadata it was read with.
_META_COLUMNS = frozenset({"title", "organization", "body_kind", "year", "template", "published", "signed",
                           "contact", "template_evidence", "published_basis", "period_year"})


def _meta_extra(meta: Meta, provenance: bool) -> str | None:
    extra = meta.model_dump(mode="json", exclude=set(_META_COLUMNS))
    if not provenance:
        extra.pop("provenance", None)
    extra = {k: v for k, v in extra.items() if v not in (None, {}, [])}
    return json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None


def stored_value(v: Any) -> Any:
    """A value as the database returns it, a whole number as an int (DOUBLE columns give 3.0 for 3)."""
    return int(v) if isinstance(v, float) and v.is_integer() else v


def load_reports(con: duckdb.DuckDBPyConnection, ids: list[int], provenance: bool = True) -> dict[int, Report]:
    """Reports rebuilt from the tables: values, sections, figures, the report's own findings, and where
    each value was read (what `--no-provenance` kept: the printed text only). `provenance=False` leaves
    the positions out (the cross-year step: 3× faster over 20,000 reports, 0.5 GB less).

    A cell stored as a whole number comes back as an int (money amounts that were 12.0 become 12).
    """
    if not ids:
        return {}
    con.execute("CREATE OR REPLACE TEMP TABLE _want AS SELECT unnest(?::BIGINT[]) AS id", [ids])
    cols = [d[0] for d in con.execute("SELECT * FROM reports LIMIT 0").description]
    metas = {r[0]: dict(zip(cols, r, strict=True))
             for r in con.execute("SELECT r.* FROM reports r JOIN _want USING (id)").fetchall()}
    tables: dict[int, dict[str, Any]] = {i: {} for i in metas}
    positions: dict[int, dict[str, Provenance]] = {i: {} for i in metas}
    where_columns = ("printed, line, col, page, bbox, table_no, row_no, col_no, char_offset, ocr" if provenance
                     else "NULL")
    for rid, tbl, row, col, cell, value, *where in con.execute(
            f"SELECT report_id, tbl, row_key, col_key, cell, value, {where_columns} "
            "FROM cells JOIN _want ON report_id = id").fetchall():
        t = tables[rid].setdefault(tbl, {})
        t.setdefault(row, {})[col] = stored_value(value)
        if where[0] is not None:
            positions[rid][cell] = _cell_provenance(*where)
    sections: dict[int, list[Section]] = {i: [] for i in metas}
    for rid, number, title, present, heading, text in con.execute(
            "SELECT report_id, number, title, present, heading, text FROM sections JOIN _want ON report_id = id "
            "ORDER BY report_id, number").fetchall():
        sections[rid].append(Section(number=number, title=title, present=present, heading=heading, text=text))
    figures: dict[int, dict[str, int | float]] = {i: {} for i in metas}
    for rid, name, value, printed, where in con.execute(
            "SELECT report_id, name, value, printed, provenance FROM figures JOIN _want ON report_id = id").fetchall():
        figures[rid][name] = stored_value(value)  # type: ignore[assignment]
        if not provenance:
            continue
        if where is not None:
            positions[rid][f"figures.{name}"] = Provenance.model_validate_json(where)
        elif printed is not None:
            positions[rid][f"figures.{name}"] = Provenance(text=printed)
    findings: dict[int, list[Finding]] = {i: [] for i in metas}
    for rid, rule, severity, message, cells, evidence in con.execute(
            "SELECT report_id, rule, severity, message, cells, evidence FROM findings JOIN _want ON report_id = id "
            "WHERE stage = 'report' ORDER BY report_id, seq").fetchall():
        findings[rid].append(Finding(rule=rule, severity=severity, message=message, cells=cells or [],
                                     evidence=evidence or ""))
    con.execute("DROP TABLE _want")
    out = {}
    for rid, m in metas.items():
        out[rid] = Report(
            source=Source(path=m["path"], sha256=m["sha256"], format=m["format"]),
            meta=Meta(title=m["title"], organization=m["organization"], body_kind=m["body_kind"], year=m["year"],
                      template=m["template"], published=m["published"], signed=m["signed"],
                      contact=Contact(address=m["contact_address"], postcode=m["contact_postcode"],
                                      phone=m["contact_phone"], fax=m["contact_fax"], email=m["contact_email"]),
                      template_evidence=m["template_evidence"], published_basis=m["published_basis"],
                      period_year=m["period_year"], **json.loads(m["meta_extra"] or "{}")),
            sections=sections[rid],
            tables=_tables(tables[rid], m["active_template"], m["units"]),
            figures=figures[rid],
            findings=findings[rid],
            provenance=positions[rid],
        )
    return out


def _cell_provenance(text: str, line: int | None, column: int | None, page: int | None,
                     bbox: list[float] | None, table: int | None, row: int | None, col: int | None,
                     offset: int | None, ocr: str | None) -> Provenance:
    return Provenance(text=text, line=line, column=column, page=page, bbox=tuple(bbox) if bbox else None,
                      table=table, row=row, col=col, offset=offset,
                      ocr=OcrProvenance.model_validate_json(ocr) if ocr else None)


def _tables(cells: dict[str, dict[str, dict[str, CellValue]]], active_template: str | None,
            units: str | None) -> Tables:
    out = Tables()
    if "applications" in cells:
        out.applications = ApplicationsTable(rows=cells["applications"])
    if "reviews_litigation" in cells:
        groups = cells["reviews_litigation"]
        out.reviews_litigation = ReviewsTable(**{g: ReviewGroup(**groups.get(g, {}))
                                                 for g in ReviewsTable.model_fields})
    if "active_disclosure" in cells and active_template:
        items: dict[str, dict[str, dict[str, CellValue]]] = {}
        for row_key, cols in cells["active_disclosure"].items():
            item, _, row = row_key.partition(".")
            items.setdefault(item, {})[row] = cols
        out.active_disclosure = ActiveDisclosureTable(template=active_template, items=items,  # type: ignore[arg-type]
                                                      units=json.loads(units) if units else {})
    return out
