"""Numbers read by OCR: a failing 勾稽 relation as a checksum, and the cells the engine was unsure of.

Knows nothing of images or file formats: it reads `provenance[path].ocr` (score, raw reading,
alternative readings, crop) that a reader left, and the relations of `rules.relations`.
When a relation fails on OCR'd cells, each single cell of the failing relations is tried with each
of its alternative readings; a reading that makes every relation through that cell hold (and mends
at least one failing one) is proposed as a finding, with the crop to look at. Values are never changed.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ..model.report import CellValue, OcrProvenance
from ..normalize import parse_value
from ..rules.catalogue import TABLE_LABELS, finding
from ..rules.relations import Relation, relations
from .common import applications_template, cell_labels, flatten, fmt
from .tables import TABLES, evaluate


def ocr_cells(report: Report) -> dict[str, OcrProvenance]:
    return {path: p.ocr for path, p in report.provenance.items() if p.ocr is not None}


def proposals(report: Report) -> list[tuple[str, CellValue, str, list[Relation]]]:
    """(cell, proposed value, reading, relations it makes hold) for single OCR cells that mend failing relations."""
    ocr = ocr_cells(report)
    if not ocr:
        return []
    template = applications_template(report)
    rels = [r for r in relations(template) if getattr(report.tables, r.table) is not None]
    cells = dict(flatten(report))
    failing = [r for r in rels if evaluate(report, r, cells) is not None]
    if not failing:
        return []
    through: dict[str, list[Relation]] = {}
    for r in rels:
        for path in r.paths:
            through.setdefault(path, []).append(r)
    suspects = dict.fromkeys(p for r in failing for p in r.paths if p in ocr and ocr[p].alternatives)
    out: list[tuple[str, CellValue, str, list[Relation]]] = []
    for path in suspects:
        current = cells.get(path)
        touched = through[path]
        mended = [r for r in touched if r in failing]
        for reading in ocr[path].alternatives:
            parsed = parse_value(reading)
            if parsed is None or parsed.value is None or parsed.value == current:
                continue
            cells[path] = parsed.value
            holds = all(evaluate(report, r, cells) is None for r in touched)
            cells[path] = current
            if holds:
                out.append((path, parsed.value, reading, mended))
                break
    return out


def _where(o: OcrProvenance, page: int | None) -> tuple[str, str]:
    x0, y0, x1, y1 = o.crop
    at = f"第{page}页" if page is not None else "图片"
    at_en = f"page {page}" if page is not None else "the image"
    return (f"{at}（{o.dpi:.0f} dpi 图像中 x {x0}–{x1}、y {y0}–{y1} 像素处）",
            f"{at_en} ({o.dpi:.0f} dpi image, pixels x {x0}-{x1}, y {y0}-{y1})")


def check_ocr(report: Report) -> Iterator[Finding]:
    """check.ocr_alternative for readings that mend failing relations; check.ocr_low_confidence per table."""
    ocr = ocr_cells(report)
    if not ocr:
        return
    labels = cell_labels(report)
    named: set[str] = set()
    for path, value, reading, mended in proposals(report):
        o = ocr[path]
        prov = report.provenance[path]
        where, where_en = _where(o, prov.page)
        scopes = "、".join(f"“{r.scope}”" for r in mended)
        named.add(path)
        yield finding("check.ocr_alternative", [path, *dict.fromkeys(p for r in mended for p in r.paths if p != path)],
                      f"{o.raw} → {reading}; crop={list(o.crop)}; dpi={o.dpi:g}",
                      cell_label=labels.get(path, path), cell=path, value=fmt(flatten(report).get(path)),
                      raw=o.raw, score=f"{o.score:.2f}", proposed=fmt(value),
                      relations=f"{scopes}的勾稽关系", relations_en=", ".join(r.scope_en for r in mended),
                      where=where, where_en=where_en)
    for table in TABLES:
        low = [p for p, o in ocr.items() if o.low and p.startswith(table + ".") and p not in named]
        if not low:
            continue
        zh, en = TABLE_LABELS[table]
        shown = "；".join(f"{labels.get(p, p)} 读作{o.raw}（{o.score:.2f}）" for p in low[:8] if (o := ocr[p]))
        yield finding("check.ocr_low_confidence", low, "; ".join(f"{p}: crop={list(ocr[p].crop)}" for p in low),
                      table_label=zh, table_label_en=en, count=len(low),
                      cells_list=shown + ("……" if len(low) > 8 else ""),
                      cells_list_en=", ".join(low[:8]) + (", …" if len(low) > 8 else ""))


__all__ = ["check_ocr", "ocr_cells", "proposals"]
