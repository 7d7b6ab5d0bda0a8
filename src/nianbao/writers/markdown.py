"""Markdown in the official layout: pipe tables (merged cells printed once, copies left blank)."""

from __future__ import annotations

from ..model import Report
from ..templates import Template
from .base import Decor, cell_text, report_parts
from .layout import LTable


def _esc(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table_markdown(table: LTable, decor: Decor) -> list[str]:
    """A GFM table: one label column (group rows of their own), one column per value column.

    Markdown cannot merge cells, so the header of a column is the chain of the header cells
    above it (申请人情况/法人或其他组织/商业企业) and a label that spans rows (（三）不予公开)
    gets a row of its own above its children.
    """
    grid = table.grid()
    data = range(table.header_rows, len(grid))
    label_cols = 0
    while label_cols < table.ncols and all(grid[r][label_cols][0].kind == "label" for r in data):
        label_cols += 1
    columns = ([0] if label_cols else []) + list(range(label_cols, table.ncols))
    head: list[str] = []
    for c in columns:
        chain: list[str] = []
        seen: list[int] = []
        copy = c > label_cols and all(grid[r][c][0] is grid[r][c - 1][0] for r in range(table.header_rows))
        for r in range(table.header_rows):
            cell = grid[r][c][0]
            if cell.kind in ("header", "note") and id(cell) not in seen:
                seen.append(id(cell))
                chain.append(cell_text(cell, decor).replace("\n", ""))
        head.append("" if copy else "/".join(chain))
    # alignment marks (:--, :-:) rather than bare dashes, which would read as blank cells
    align = [":--" if label_cols and k == 0 else ":-:" for k in range(len(columns))]
    lines = ["| " + " | ".join(_esc(h) for h in head) + " |", "|" + "|".join(align) + "|"]
    for r in data:
        labels = [grid[r][c][0] for c in range(label_cols) if grid[r][c][1]]
        for cell in labels[:-1]:
            lines.append("| " + " | ".join([_esc(cell_text(cell, decor))] + [""] * (len(columns) - 1)) + " |")
        texts = [_esc(cell_text(labels[-1], decor))] if label_cols else []
        for c in range(label_cols, table.ncols):
            cell, origin = grid[r][c]
            texts.append(_esc(cell_text(cell, decor)) if origin else "")
        lines.append("| " + " | ".join(texts) + " |")
    return lines


def to_markdown(report: Report, template: Template | None = None, decor: Decor | None = None) -> str:
    decor = decor or Decor()
    out: list[str] = []
    for part in report_parts(report, template, decor):
        if part.kind == "title":
            out += [f"# {part.text}", ""]
        elif part.kind == "heading":
            out += [f"## {part.text}", ""]
        elif part.kind == "table" and part.table is not None:
            if part.table.caption:
                out += [part.table.caption, ""]
            out += [*table_markdown(part.table, decor), ""]
        elif part.kind == "image":
            out += [f"![]({part.text})", ""]
        else:
            out += [part.text, ""]
    return "\n".join(out).rstrip() + "\n"
