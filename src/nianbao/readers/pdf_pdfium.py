"""PDF pages → `PageLayout` with pypdfium2 (PDFium, C++): the backend the PDF reader uses.

Characters come from PDFium's text page (loose boxes, generated spaces skipped), ruling lines
from path objects (stroked segments, and filled rectangles thin enough to be a line; filled
areas such as row shading are not lines), images from image objects. Form XObjects are walked
with their matrices.
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from .pdf_layout import THIN, Box, Char, PageLayout, dominant_angle, fix_cjk, ruling_edge, upright_transform

MAX_OBJECTS = 20000  # page objects examined per page (bounded time on pathological files)
# Segments of one path object. WPS fills all borders of a page's table as one path of thin
# rectangles (5 segments each, 4 per cell: a 表三 page is 4000-5000 segments), so the bound is high.
MAX_SEGMENTS = 50000


def open_document(data: bytes, password: str | None = None) -> pdfium.PdfDocument:
    return pdfium.PdfDocument(data, password=password)


def page_layout(pdf: pdfium.PdfDocument, index: int) -> PageLayout:
    page = pdf[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            chars, angle = _chars(textpage, width, height)
        finally:
            textpage.close()
        to_reading, rw, rh = upright_transform(angle, width, height)
        segments, images = _objects(page)
        edges = [e for x0, y0, x1, y1 in segments
                 if (e := ruling_edge(to_reading((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))))) is not None]
        layout = PageLayout(index + 1, rw, rh, chars, edges, [to_reading(b) for b in images], angle)
        return layout
    finally:
        page.close()


def _unchecked(name: str):  # type: ignore[no-untyped-def]
    """A second handle on a PDFium function, without ctypes argument conversion.

    pypdfium2's bindings declare `argtypes`, and checking them costs about 1 µs per call, which is
    most of the per-character cost. The hot loop passes already-typed ctypes objects, so an
    unchecked handle on the same library (int result) is safe and several times faster. Falls back
    to the checked binding when pypdfium2's loader is laid out differently.
    """
    try:
        from pypdfium2_raw.bindings import _libs

        return _libs["pdfium"][name]  # __getitem__ makes a new function object (no argtypes)
    except (ImportError, KeyError, AttributeError, TypeError):
        return getattr(raw, name)


_GET_UNICODE = _unchecked("FPDFText_GetUnicode")
_LOOSE_BOX = _unchecked("FPDFText_GetLooseCharBox")
# path segments (ruling lines are paths of a few segments each, a ruled table has hundreds of them)
_SEG_POINT = _unchecked("FPDFPathSegment_GetPoint")
_SEG_TYPE = _unchecked("FPDFPathSegment_GetType")
_SEG_CLOSE = _unchecked("FPDFPathSegment_GetClose")
_SPACES = frozenset(c for c in range(0x3001) if chr(c).isspace())  # every whitespace code point is below 0x3001
_FIX = {c: fix_cjk(chr(c)) for r in ((0x2E80, 0x2FE0), (0xF900, 0xFB00)) for c in range(*r)}


def _chars(textpage: pdfium.PdfTextPage, width: float, height: float) -> tuple[list[Char], int]:
    """Characters of a text page in reading space, and the dominant text angle (see `dominant_angle`).

    This is the per-character hot loop of the reader, so it makes as few ctypes calls as it can:
    two per character (code point, loose box). `FPDFText_IsGenerated` is asked only for whitespace
    (PDFium generates only spaces and line breaks), and the angle only for the evenly spaced sample
    of visible characters that `dominant_angle` looks at. Characters are placed as on an upright
    page (angle 0, by far the most common); a page whose text runs otherwise is placed again.
    """
    tp = textpage.raw
    n = raw.FPDFText_CountChars(tp)
    get_unicode, loose_box, is_generated = _GET_UNICODE, _LOOSE_BOX, raw.FPDFText_IsGenerated
    spaces, fix = _SPACES, _FIX
    chars: list[Char] = []
    append = chars.append
    kept: list[int] = []  # PDFium index of each character in `chars`
    visible: list[int] = []  # indices of characters that are not whitespace, for the angle sample
    rect = raw.FS_RECTF()
    rect_p = ctypes.byref(rect)
    for i in range(n):
        code = get_unicode(tp, i) & 0xFFFFFFFF  # an unsigned int (the unchecked handle returns a C int)
        space = code in spaces
        if space and (code in (10, 13) or is_generated(tp, i)):
            continue
        if code == 0:
            continue
        if not loose_box(tp, i, rect_p):
            continue
        left, right = rect.left, rect.right
        if right - left <= 0 and not space:
            continue
        text = "\ufffd" if code >= 0x110000 else (fix.get(code) or chr(code))
        append(Char(text, left, height - rect.top, right, height - rect.bottom))
        kept.append(i)
        if not space:
            visible.append(i)
    sample = visible[:: max(1, len(visible) // 200)]  # what dominant_angle would sample
    angle = dominant_angle([-raw.FPDFText_GetCharAngle(tp, i) for i in sample]) if sample else 0  # (clockwise)
    if angle:
        to_reading = upright_transform(angle, width, height)[0]
        for k, i in enumerate(kept):
            loose_box(tp, i, rect_p)
            chars[k] = Char(chars[k].text, *to_reading((rect.left, rect.bottom, rect.right, rect.top)))
    return chars, angle


def _objects(page: pdfium.PdfPage) -> tuple[list[Box], list[Box]]:
    """Axis-parallel line segments (x0, y0, x1, y1) and image boxes, in PDF user space."""
    segments: list[Box] = []
    images: list[Box] = []
    budget = [MAX_OBJECTS]
    n = raw.FPDFPage_CountObjects(page.raw)
    _walk([raw.FPDFPage_GetObject(page.raw, i) for i in range(n)], (1.0, 0.0, 0.0, 1.0, 0.0, 0.0),
          segments, images, budget, 0)
    return segments, images


Matrix = tuple[float, float, float, float, float, float]


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _walk(objs: list, parent: Matrix, segments: list[Box], images: list[Box], budget: list[int], depth: int) -> None:
    fm = raw.FS_MATRIX()
    for obj in objs:
        budget[0] -= 1
        if budget[0] < 0:
            return
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            _path(obj, parent, segments, fm)
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
            if raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                corners = [_apply(parent, x, y) for x in (left.value, right.value) for y in (bottom.value, top.value)]
                xs, ys = [p[0] for p in corners], [p[1] for p in corners]
                images.append((min(xs), min(ys), max(xs), max(ys)))
        elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 8:
            raw.FPDFPageObj_GetMatrix(obj, fm)
            m = _mul((fm.a, fm.b, fm.c, fm.d, fm.e, fm.f), parent)
            k = raw.FPDFFormObj_CountObjects(obj)
            _walk([raw.FPDFFormObj_GetObject(obj, i) for i in range(k)], m, segments, images, budget, depth + 1)


def _path(obj, parent: Matrix, segments: list[Box], fm) -> None:  # type: ignore[no-untyped-def]
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj, fill, stroke)
    raw.FPDFPageObj_GetMatrix(obj, fm)
    m = _mul((fm.a, fm.b, fm.c, fm.d, fm.e, fm.f), parent)
    n = raw.FPDFPath_CountSegments(obj)
    if n <= 0 or n > MAX_SEGMENTS:
        return
    x, y = ctypes.c_float(), ctypes.c_float()
    xp, yp = ctypes.byref(x), ctypes.byref(y)
    subpaths: list[list[tuple[float, float]]] = []  # points of each subpath (a moveto starts one)
    pts: list[tuple[float, float]] = []
    start: tuple[float, float] | None = None
    cur: tuple[float, float] | None = None
    lines: list[Box] = []
    get_segment, get_point, get_type, get_close = raw.FPDFPath_GetPathSegment, _SEG_POINT, _SEG_TYPE, _SEG_CLOSE
    moveto, lineto = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_LINETO
    for i in range(n):
        seg = get_segment(obj, i)  # (checked: a typed pointer, which the unchecked calls below pass on as is)
        get_point(seg, xp, yp)
        p = _apply(m, x.value, y.value)
        t = get_type(seg)
        if t == moveto:
            start = cur = p
            pts = []
            subpaths.append(pts)
        else:
            if cur is not None and t == lineto:
                lines.append((cur[0], cur[1], p[0], p[1]))
            cur = p
            if get_close(seg) and start is not None:
                lines.append((p[0], p[1], start[0], start[1]))
                cur = start
        pts.append(p)
    if stroke.value:
        segments.extend(s for s in lines if abs(s[0] - s[2]) < 0.5 or abs(s[1] - s[3]) < 0.5)
    elif fill.value:
        # A filled shape: a ruling line when thin, otherwise shading (ignored). Each subpath on its
        # own: WPS (and PDF editors rewriting its output) fill all the borders of a table as ONE
        # path of thin rectangles, whose overall box is the whole table (pdfminer splits subpaths too).
        for sub in subpaths:
            if not sub:
                continue
            xs, ys = [p[0] for p in sub], [p[1] for p in sub]
            w, h = max(xs) - min(xs), max(ys) - min(ys)
            if (w <= THIN) != (h <= THIN):
                segments.append((min(xs), min(ys), max(xs), max(ys)))
