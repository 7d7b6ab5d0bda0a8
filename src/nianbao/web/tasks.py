"""The work the web app runs on uploaded files, inside the sandboxed child (see `sandbox`).

Each task takes bytes and returns plain data (strings, dicts, bytes) so the result crosses the
process boundary cheaply: the report as its JSON, and a *source view* the report page uses to
show where a cell was read (the decoded lines of a text or HTML file, the cell grids of a DOCX or
PDF, the page count of a PDF).
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

from ..document import Document, Grid
from ..errors import ReadError
from ..extract import extract
from ..model import SCHEMA_ID, Report
from ..readers import read_bytes, read_text, sniff_format

MAX_VIEW_LINES = 50_000
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f<>:\"|?*]")


def display_name(name: str) -> str:
    """The file name as shown and stored: the last path component, no control characters, ≤120 chars."""
    base = re.split(r"[\\/]", name or "")[-1].strip()
    base = _UNSAFE_NAME.sub("_", base)
    return base[:120] or "上传文件"


def sniff(data: bytes) -> str:
    """The format by content only (the name a browser sends is not trusted)."""
    head = data[:4096].lstrip()
    if head.startswith(b"{") and SCHEMA_ID.encode() in data[:4096]:
        return "json"
    return sniff_format(Path("upload"), data)


def parse_upload(name: str, data: bytes) -> dict[str, Any]:
    """Parse one uploaded file: {"report": JSON text, "view": source view, "format": sniffed}."""
    shown = display_name(name)
    if not data:
        raise ReadError(shown, "文件为空（0 字节）")
    fmt = sniff(data)
    if fmt == "json":
        try:
            report = Report.model_validate_json(data)
        except Exception as exc:
            raise ReadError(shown, f"报告 JSON 内容不符合约定：{exc}") from None
        return {"report": report.to_json(indent=None), "view": {"kind": "none"}, "format": fmt}
    doc = read_bytes(shown, data, fmt)
    report = _extract(doc)
    return {"report": report.to_json(indent=None), "view": source_view(doc, data), "format": fmt}


def parse_pasted(text: str, name: str = "粘贴的文本") -> dict[str, Any]:
    import hashlib

    if not text.strip():
        raise ReadError(name, "没有粘贴任何文本")
    doc = read_text(text, path=name, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
    report = _extract(doc)
    lines = text.splitlines()[:MAX_VIEW_LINES]
    return {"report": report.to_json(indent=None), "view": {"kind": "lines", "lines": lines}, "format": "text"}


def _extract(doc: Document) -> Report:
    from ..checks import recheck

    return recheck(extract(doc))


def source_view(doc: Document, data: bytes) -> dict[str, Any]:
    """What the report page needs to show a cell's origin without keeping the parsed Document."""
    if doc.format in ("text", "html"):
        if doc.format == "html":
            from ..readers.html import decode_html

            text = decode_html(data)[0]
            lines = text.split("\n")  # lxml counts source lines by \n
        else:
            from ..readers.decode import decode_bytes

            lines = decode_bytes(data)[0].splitlines()  # as the text reader numbers them
        return {"kind": "lines", "lines": lines[:MAX_VIEW_LINES]}
    grids: dict[str, list[list[str]]] = {}
    for block in doc.blocks:
        if isinstance(block, Grid) and block.rows:
            index = block.pos.table if block.pos.table is not None else block.rows[0][0].pos.table
            if index is None:
                continue
            start = block.pos.row or 0
            rows = grids.setdefault(str(index), [])
            while len(rows) < start:
                rows.append([])
            rows.extend([c.text for c in row] for row in block.rows)
    view: dict[str, Any] = {"kind": "grids", "grids": grids}
    if doc.format == "pdf":
        view["kind"] = "pdf"
        view["pages"] = _pdf_pages(data)
    elif doc.format == "image":
        view["kind"] = "image"
    return view


def _pdf_pages(data: bytes) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def render_region(data: bytes, fmt: str, page: int, bbox: tuple[float, float, float, float] | None,
                  dpi: int = 110, crop: bool = False) -> bytes:
    """PNG of a PDF page (or an uploaded image) with `bbox` drawn: where a cell was read.

    `crop` keeps only a window around the box (about 4 x 2 inches), readable in a side panel.
    """
    from PIL import Image, ImageDraw

    scale = 1.0
    if fmt == "pdf":
        from ..readers.pdf import render_page

        scale = dpi / 72
        image = render_page(data, page, scale=scale).convert("RGB")
    else:
        image = Image.open(io.BytesIO(data))
        if page > 1:  # a multi-page TIFF: the frame the cell was read on
            image.seek(min(page, getattr(image, "n_frames", 1)) - 1)
        image = image.convert("RGB")
        if image.width > 1600:  # a 600-dpi scan is shown at screen size
            scale = 1600 / image.width
            image = image.resize((1600, round(image.height * scale)))
    if bbox is not None:
        x0, top, x1, bottom = (v * scale for v in bbox)
        pad = 3
        overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(overlay)
        draw.rectangle((x0 - pad, top - pad, x1 + pad, bottom + pad), fill=(255, 200, 0, 70),
                       outline=(220, 0, 0, 255), width=3)
        image = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
        if crop:
            half_w, half_h = 2 * dpi, dpi
            cx, cy = (x0 + x1) / 2, (top + bottom) / 2
            left = min(max(0, round(cx - half_w)), max(0, image.width - 2 * half_w))
            upper = min(max(0, round(cy - half_h)), max(0, image.height - 2 * half_h))
            image = image.crop((left, upper, min(image.width, left + 2 * half_w), min(image.height, upper + 2 * half_h)))
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False)
    return out.getvalue()


def report_from(result: dict[str, Any]) -> Report:
    return Report.model_validate(json.loads(result["report"]))
