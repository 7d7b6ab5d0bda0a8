"""Writers: reports in the official layout (DOCX, HTML, Markdown, text, PDF), corpus exports
(CSV/XLSX/Parquet), review sheets, the --explain view and the empty ledger; every file goes out
through `output`, and every spreadsheet cell through `spreadsheet` (text as inert string cells:
`write_csv`, `write_xlsx`, `append_rows`, `xlsx_cell`, `set_text`, `csv_text`; docs/limits.md).

    from nianbao.writers import render_bytes
    data = render_bytes(report, "docx")          # the official layout as .docx bytes
"""

from __future__ import annotations

from ..errors import TemplateMismatch
from ..model import Report
from ..templates import Template, get_template, template_for, template_for_year
from .base import Decor

FORMATS = {".docx": "docx", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".txt": "text",
           ".pdf": "pdf"}


def data_version(report: Report) -> str | None:
    """The template version the report's tables are filled in (None when the tables do not say)."""
    if report.tables.active_disclosure is not None:
        return report.tables.active_disclosure.template
    app = report.tables.applications
    if app is not None:
        if "other" in app.rows:
            return "2019"
        if "other.other" in app.rows:
            return "2021"
    return None


def choose_template(report: Report, version: str | None = None) -> Template:
    """--template if given, else the version the reporting year requires; refuses data of the other version."""
    template = get_template(version) if version else template_for_year(report.meta.year)
    have = data_version(report)
    if have is not None and have != template.version:
        why = f"按要求指定了 {template.version} 年版" if version else \
            f"{report.meta.year} 年度应使用 {template.version} 年版格式"
        raise TemplateMismatch(f"数据的表格按 {have} 年版格式填写，而{why}；如确需按 {have} 年版输出，请加 --template {have}")
    return template


def render_bytes(report: Report, fmt: str, template: Template | None = None, decor: Decor | None = None) -> bytes:
    """The report in the official layout as `fmt` (docx, html, md, text, pdf)."""
    template = template or template_for(report)
    if fmt == "docx":
        from .docx import to_docx

        return to_docx(report, template, decor)
    if fmt == "html":
        from .html import to_html

        return to_html(report, template, decor).encode("utf-8")
    if fmt == "md":
        from .markdown import to_markdown

        return to_markdown(report, template, decor).encode("utf-8")
    if fmt == "text":
        from .text import to_text

        return to_text(report, template, decor).encode("utf-8")
    if fmt == "pdf":
        from .pdf import to_pdf

        return to_pdf(report, template, decor)
    raise ValueError(f"unknown output format {fmt!r}")


__all__ = ["FORMATS", "Decor", "choose_template", "data_version", "render_bytes"]
