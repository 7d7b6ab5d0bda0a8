"""What a report to be rendered lacks: no year, a table without data, a section with nothing in it.

`nianbao render` writes such a report (refusing only on table arithmetic errors) but lists each gap
as a `render.*` finding, together with the narrative figures that contradict the tables
(`check.text_*`), so the person publishing it sees what the printed report will be missing.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..extract.figures import read_figures
from ..model import Finding, Report
from ..model.cells import held_cells
from ..model.report import Tables
from ..normalize import CN_NUMERALS
from ..readers import read_text
from ..rules.catalogue import finding
from ..templates import SECTIONS, TABLE_NAMES
from .common import cells_of
from .report import check_text_vs_tables


def _table_has_data(tables: Tables, table: str) -> bool:
    return any(path.startswith(table + ".") and value is not None for path, value in held_cells(tables))


def check_render_ready(report: Report) -> Iterator[Finding]:
    """The gaps of a report that is about to be written in the official layout."""
    if report.meta.year is None:
        yield finding("render.year_missing", version=report.meta.template)
    empty_tables = [t for t in TABLE_NAMES if not _table_has_data(report.tables, t)]
    for table in empty_tables:
        name = TABLE_NAMES[table]
        yield finding("render.table_empty", [], "", table_label=f"{name.number}（{name.title}）",
                      table_label_en=name.number_en)
    by_number = {s.number: s for s in report.sections}
    for standard in SECTIONS:
        section = by_number.get(standard.number)
        has_text = section is not None and section.text.strip() != ""
        has_table = standard.table is not None and standard.table not in empty_tables
        if not has_text and not has_table:
            yield finding("render.section_empty", [], "", number=standard.number,
                          number_cn=CN_NUMERALS[standard.number - 1], title=standard.title)
    probe = _with_narrative_figures(report)
    with cells_of(probe):
        yield from check_text_vs_tables(probe)


def _with_narrative_figures(report: Report) -> Report:
    """A report written by hand (fill-in YAML) has text but no figures read from it: read them, so
    the text can be compared with the tables as for a parsed report."""
    if report.figures or not any(s.text.strip() for s in report.sections):
        return report
    doc = read_text("\n".join(s.text for s in report.sections), path=report.source.path, sha256="")
    found = dict(read_figures(doc).values)
    if not found:
        return report
    probe = report.model_copy()
    probe.figures = found
    return probe


__all__ = ["check_render_ready"]
