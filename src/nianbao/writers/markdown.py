"""Markdown in the official layout: pipe tables (merged cells printed once, copies left blank).

A report's text is untrusted and most Markdown viewers render HTML found in Markdown: every text
is HTML-escaped (`&`, `<`, `>`), so `<script>` or `<img onerror=…>` in a report prints as text.
Image links keep only http(s), relative and `pdf-page:` targets, with the characters that could
end the link percent-encoded.
"""

from __future__ import annotations

import html
import re

from ..model import Report
from ..templates import Template
from .base import Decor, cell_text, report_parts
from .layout import LTable


def md_text(text: str) -> str:
    """Text for Markdown: HTML special characters escaped (viewers render raw HTML)."""
    return html.escape(text, quote=False)


def _esc(text: str) -> str:
    return md_text(text).replace("|", "\\|").replace("\n", " ")


_SAFE_TARGET = re.compile(r"^(?:https?://|pdf-page:|[^:]*$)", re.I)


def md_link_target(src: str) -> str | None:
    """An image link target that cannot run script or end the link early; None when refused."""
    src = src.strip()
    if not _SAFE_TARGET.match(src):
        return None  # javascript:, data:, vbscript: …
    return re.sub(r"[\s()<>\"'`\\]", lambda m: f"%{ord(m.group(0)):02X}", src)


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
            out += [f"# {md_text(part.text)}", ""]
        elif part.kind == "heading":
            out += [f"## {md_text(part.text)}", ""]
        elif part.kind == "table" and part.table is not None:
            if part.table.caption:
                out += [md_text(part.table.caption), ""]
            out += [*table_markdown(part.table, decor), ""]
        elif part.kind == "image":
            target = md_link_target(part.text)
            out += [f"![]({target})" if target is not None else f"（图片：{md_text(part.text)}）", ""]
        else:
            out += [md_text(part.text), ""]
    return "\n".join(out).rstrip() + "\n"
