"""PDF pages → `PageLayout` with pdfplumber (pdfminer.six, pure Python): the runner-up backend.

Kept so that the benchmark can compare both libraries on the same files and so that a file
PDFium cannot handle can be retried (`read_pdf(..., backend="plumber")`).
"""

from __future__ import annotations

import io
import math

import pdfplumber

from .pdf_layout import THIN, Box, Char, PageLayout, dominant_angle, fix_cjk, ruling_edge, upright_transform


def open_pdf(data: bytes) -> pdfplumber.PDF:
    return pdfplumber.open(io.BytesIO(data))


def page_layout(pdf: pdfplumber.PDF, index: int) -> PageLayout:
    page = pdf.pages[index]
    width, height = float(page.width), float(page.height)
    raw_chars = page.chars
    angles = [math.atan2(c["matrix"][1], c["matrix"][0]) for c in raw_chars if not c["text"].isspace()]
    angle = dominant_angle(angles) if angles else 0
    to_reading, rw, rh = upright_transform(angle, width, height)
    chars = []
    for c in raw_chars:
        x0, x1 = float(c["x0"]), float(c["x1"])
        y0, y1 = height - float(c["bottom"]), height - float(c["top"])
        chars.append(Char(fix_cjk(c["text"]), *to_reading((x0, y0, x1, y1))))
    boxes: list[Box] = []
    for obj in page.lines:
        if obj.get("stroke", True):
            boxes.append(_box(obj, height))
    for obj in page.rects:
        b = _box(obj, height)
        if obj.get("stroke"):
            x0, y0, x1, y1 = b
            boxes += [(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)]
        elif obj.get("fill") and ((b[2] - b[0] <= THIN) != (b[3] - b[1] <= THIN)):
            boxes.append(b)
    edges = [e for b in boxes if (e := ruling_edge(to_reading(b))) is not None]
    images = [to_reading(_box(img, height)) for img in page.images]
    page.close()
    return PageLayout(index + 1, rw, rh, chars, edges, images, angle)


def _box(obj: dict, height: float) -> Box:
    return (float(obj["x0"]), height - float(obj["bottom"]), float(obj["x1"]), height - float(obj["top"]))
