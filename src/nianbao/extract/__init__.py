"""Document → Report: metadata, sections, tables, narrative figures, with provenance."""

from __future__ import annotations

from collections.abc import Mapping

from ..document import Document, ReaderNote
from ..limits import check_deadline
from ..model import Finding, Report, Source, Tables
from ..rules.catalogue import RULES, TABLE_LABELS, cap_findings, finding
from ..templates import template_for_version
from .figures import read_figures
from .metadata import read_metadata
from .sections import read_sections
from .tables import read_tables
from .template_detect import detect_template


def extract(doc: Document, meta_overrides: Mapping[str, str] | None = None) -> Report:
    """Build the Report of a Document. Never invents a value: what is not read is null.

    `meta_overrides` (title, organization, year, published, url, body_kind) come from a crawl's
    manifest or --meta and win over what the report states; see extract/overrides.py.
    """
    check_deadline()
    sections = read_sections(doc)
    check_deadline()
    meta_findings: list[Finding] = []
    meta = read_metadata(doc, sections.preamble, meta_overrides, meta_findings)
    version, evidence = detect_template(doc, meta.year)
    meta.template = version  # type: ignore[assignment]
    meta.template_evidence = evidence  # type: ignore[assignment]
    template = template_for_version(version, meta.year)
    check_deadline()
    tables = read_tables(doc, template)
    check_deadline()
    figures = read_figures(doc)

    findings: list[Finding] = [_note_finding(n) for n in doc.notes]
    findings.extend(meta_findings)
    findings.extend(sections.findings)
    findings.extend(tables.findings)
    findings.extend(figures.findings)
    read = {"active_disclosure": tables.active, "applications": tables.applications,
            "reviews_litigation": tables.reviews}
    images = {table: src for table, src in tables.images if table}
    for sec in sections.sections:
        table = template.section(sec.number).table
        if table is None or read[table] is not None or version == "pre2019":
            continue
        zh, en = TABLE_LABELS[table]
        if table in images:
            findings.append(finding("extract.table_image", [table], images[table], table_label=zh,
                                    table_label_en=en, src=images[table]))
        if sec.present:
            reason, reason_en = "该部分标题在，但其下没有表格文字（可能是图片或附件）", \
                "the section heading is there but no table text follows (an image or attachment?)"
        else:
            reason, reason_en = "报告中未找到该部分及其表格", "neither the section nor its table was found"
        findings.append(finding("extract.table_missing", [table], sec.heading or "", table_label=zh,
                                table_label_en=en, reason=reason, reason_en=reason_en))

    return Report(
        source=Source(path=doc.path, sha256=doc.sha256, format=doc.format),
        meta=meta,
        sections=sections.sections,
        tables=Tables(active_disclosure=tables.active, applications=tables.applications,
                      reviews_litigation=tables.reviews),
        figures=dict(figures.values),
        findings=cap_findings(findings),
        provenance={**tables.provenance, **figures.provenance},
    )


def _note_finding(note: ReaderNote) -> Finding:
    rule = RULES.get(note.rule, RULES["extract.reader_note"])
    return Finding(rule=rule.id, severity=rule.severity, message=note.message, message_en=note.message_en,
                   cells=list(note.cells), evidence=note.evidence)


__all__ = ["extract"]
