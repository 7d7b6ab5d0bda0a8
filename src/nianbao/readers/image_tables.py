"""A page image → the same `PageLayout` a PDF text layer gives, so tables come out as the same grids.

Steps (OpenCV on the page, then the OCR engine):

1. **Denoise** (3×3 median: speckles of a scan go, strokes stay) and **binarise** (Otsu).
2. **Deskew**: the angle within ±2° that makes the rows of ink sharpest (variance of the horizontal
   projection, searched coarse then fine on a reduced page); the page is turned by it.
3. **Ruling lines** by morphology: an opening with a long flat kernel keeps horizontal lines, a tall
   thin one vertical lines; each connected piece becomes an `Edge`. The lines are painted out before
   OCR so no text box runs into a rule.
4. **Text**: boxes from the detector, characters from the recogniser with their probabilities and the
   engine's runner-up characters (`readers/ocr.py`), as `Char`s in points.

The layout code of the PDF reader (`pdf_layout.layout_blocks`) then does the rest exactly as for a text
layer: ruled tables with merged cells, tables without rulings from the alignment of the text, paragraphs,
page furniture, rows broken over pages. `attach_readings` finally gives every cell that came from an image
its `OcrReading`: score, raw text, alternatives and the crop in image pixels; and repairs digit
look-alikes (O/0, l/1, S/5, B/8, Z/2, 。/.) in cells that are numbers and nothing else.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from ..document import Block, Grid, OcrReading, Paragraph
from ..normalize import parse_value
from .ocr import Glyph, Line, engine
from .pdf_layout import Char, Edge, PageLayout

MAX_SKEW = 2.0  # degrees: scans are turned by less than this
LOW_SCORE = 0.9  # a numeric cell whose weakest character the engine gives less than this is marked `low`
TEXT_HEIGHT_PT = 13.0  # height of a detected line of 五号/小四 text, to estimate an image's dpi
MAX_PIXELS = 40_000_000  # a bigger image is reduced first (a 600 dpi A3 scan is ~70 Mpx)

# look-alikes the engine reads in a numeric cell, and what they are there
_CONFUSED = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "〇": "0", "○": "0", "l": "1", "I": "1",
                           "|": "1", "i": "1", "!": "1", "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2",
                           "。": ".", "，": ",", "g": "9", "b": "6", "G": "6", "T": "7"})
_SPECKS = ".,'`\"’‘“”·:;_~。，、"
_NUMERIC_LIKE = re.compile(r"[+\-−减增]?[0-9OoDQ〇○lI|i!SsBZzgbGT]+(?:[.,。，][0-9OoDQ〇○lI|i!SsBZzgbGT]+)*"
                           r"(?:万元|元)?")
# digits printed alike: what a misread digit may really be (scanned 150-300 dpi, measured in docs/ocr.md)
_DIGIT_PAIRS = {"0": "689", "1": "74", "2": "7", "3": "85", "4": "19", "5": "63", "6": "580", "7": "12",
                "8": "0369", "9": "804"}


@dataclass(slots=True)
class OcrPage:
    """One analysed page image: its layout in points and what is needed to trace a cell back to pixels."""

    layout: PageLayout
    glyphs: list[tuple[Char, Glyph]]  # the chars of `layout` with their OCR glyph (pixels)
    inserts: list[tuple[float, float, str, float]]  # (x, y centre in points, character, probability)
    unit: float  # points per pixel of the analysed image
    dpi: float
    angle: float  # the page was turned by this many degrees (counter-clockwise) before reading
    size: tuple[int, int]  # width, height of the image as given (pixels)
    lines: list[Line] = field(default_factory=list)
    # a picture on a page with a text layer: where it sits on the page (points); None = the whole page
    region: tuple[float, float, float, float] | None = None

    def place(self, x: float, y: float) -> None:
        """Move what was read to where the picture sits on its page (x, y: its top-left in points)."""
        w, h = self.layout.width, self.layout.height
        for ch in self.layout.chars:
            ch.x0, ch.x1, ch.top, ch.bottom = ch.x0 + x, ch.x1 + x, ch.top + y, ch.bottom + y
        for e in self.layout.edges:
            e.x0, e.x1, e.top, e.bottom = e.x0 + x, e.x1 + x, e.top + y, e.bottom + y
        self.inserts = [(ix + x, iy + y, c, p) for ix, iy, c, p in self.inserts]
        self.region = (x, y, x + w, y + h)


def _gray(image: Any) -> Any:
    import numpy as np
    from PIL import Image

    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        bg = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(bg, image)
    return np.asarray(image.convert("L"))


def denoise(gray: Any) -> tuple[Any, Any]:
    """(cleaned page, its binarisation): specks of a few pixels are whitened.

    Not a median filter: that also erases the one-pixel ruling lines of a 150 dpi scan and thins strokes.
    """
    import cv2

    _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    small = stats[:, cv2.CC_STAT_AREA] <= max(2, gray.shape[1] // 800)  # 2 px at 150 dpi, 3 at 300
    small[0] = False
    if small.any():
        speck = small[labels]
        gray = gray.copy()
        gray[speck] = 255
        binary[speck] = 0
    return gray, binary


def skew_angle(binary: Any) -> float:
    """The turn (degrees, counter-clockwise, within ±MAX_SKEW) that sets the page's rows level; 0 if empty."""
    import cv2
    import numpy as np

    h, w = binary.shape
    scale = min(1.0, 900 / max(h, w))
    small = cv2.resize(binary, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    if small.sum() == 0:
        return 0.0
    centre = (small.shape[1] / 2, small.shape[0] / 2)

    def sharpness(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        turned = cv2.warpAffine(small, m, (small.shape[1], small.shape[0]), flags=cv2.INTER_NEAREST)
        return float(np.var(turned.sum(axis=1, dtype=np.float64)))

    best = max((a / 4 for a in range(int(-MAX_SKEW * 4), int(MAX_SKEW * 4) + 1)), key=sharpness)
    fine = [best + d / 20 for d in range(-5, 6)]
    return max(fine, key=sharpness)


def _rotate(gray: Any, angle: float) -> Any:
    import cv2

    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=255)


def ruling_masks(binary: Any) -> tuple[Any, Any]:
    """Horizontal and vertical line masks of a binarised page (ink = 255)."""
    import cv2

    h, w = binary.shape
    closed = cv2.morphologyEx(binary, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    # longer than any character stroke (a 一 at 300 dpi is ~45 px), shorter than a narrow column
    hk = cv2.getStructuringElement(cv2.MORPH_RECT, (max(25, w // 30), 1))
    # a vertical rule spans at least a row and a half of the official tables (~1.6 cm): taller than two
    # stacked lines of a label whose strokes the closing may join
    vk = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(20, h // 40)))
    return cv2.morphologyEx(closed, cv2.MORPH_OPEN, hk), cv2.morphologyEx(closed, cv2.MORPH_OPEN, vk)


def _edges(mask: Any, orientation: str) -> tuple[list[Edge], list[int], Any]:
    """Ruling lines of a line mask in pixels, the component label of each, and the label image."""
    import cv2

    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out: list[Edge] = []
    ids: list[int] = []
    for k in range(1, n):
        x, y, w, h, _area = stats[k]
        if orientation == "h":
            if h > max(12, w / 4):  # a blob, not a line
                continue
            mid = y + h / 2
            out.append(Edge("h", float(x), mid, float(x + w), mid))
        else:
            if w > max(12, h / 4):
                continue
            mid = x + w / 2
            out.append(Edge("v", mid, float(y), mid, float(y + h)))
        ids.append(k)
    return out, ids, labels


def rulings(binary: Any) -> tuple[list[Edge], Any]:
    """The page's ruling lines (pixels) and a mask of their ink."""
    import numpy as np

    hmask, vmask = ruling_masks(binary)
    hedges, hids, hlabels = _edges(hmask, "h")
    vedges, vids, vlabels = _edges(vmask, "v")
    tol = max(3.0, binary.shape[1] / 400)
    kept: list[Edge] = []
    keep_v: list[int] = []
    for k, v in enumerate(vedges):
        for cut in _anchored([v], hedges, tol):
            kept.append(cut)
            keep_v.append(vids[k])
    # a short horizontal piece must cross two vertical rules (strokes of 二, 三 joined across characters do not)
    short = binary.shape[1] / 6
    hkept: list[Edge] = []
    keep_h: list[int] = []
    for k, e in enumerate(hedges):
        if e.x1 - e.x0 >= short or sum(1 for v in kept if e.x0 - tol <= v.x0 <= e.x1 + tol
                                        and v.top - tol <= e.top <= v.bottom + tol) >= 2:
            hkept.append(e)
            keep_h.append(hids[k])
    mask = np.isin(hlabels, keep_h) | np.isin(vlabels, keep_v)
    return hkept + kept, mask.astype(np.uint8) * 255


def _anchored(vertical: list[Edge], horizontal: list[Edge], tol: float) -> list[Edge]:
    """Vertical edges that cross at least two horizontal rules, cut back to the outermost two.

    A column of aligned character strokes in stacked lines of a label (性, 信 …) passes the opening but
    stays inside its cell; a rule's end that the closing joined to a stroke just below (the "(" of the
    next row's label) is cut off.
    """
    out: list[Edge] = []
    for v in vertical:
        ys = sorted(h.top for h in horizontal
                    if v.top - tol <= h.top <= v.bottom + tol and h.x0 - tol <= v.x0 <= h.x1 + tol)
        if len(ys) >= 2 and ys[-1] - ys[0] > tol:
            out.append(Edge("v", v.x0, max(v.top, ys[0]), v.x0, min(v.bottom, ys[-1])))
    return out


def _runs(profile: Any, min_gap: int) -> list[tuple[int, int]]:
    """Runs of non-zero entries of a 1-D profile, split at gaps of at least `min_gap` zeros."""
    runs: list[tuple[int, int]] = []
    start = -1
    gap = 0
    for i, v in enumerate(profile):
        if v:
            if start < 0:
                start = i
            gap = 0
            end = i
        elif start >= 0:
            gap += 1
            if gap >= min_gap:
                runs.append((start, end + 1))
                start = -1
    if start >= 0:
        runs.append((start, end + 1))
    return runs


def _lines(rows: Any, med: float) -> list[tuple[int, int]]:
    """Rows of ink grouped into text lines: a blank gap starts a new line only once the current one is
    tall enough to be a line (the blank rows between the strokes of 三 do not)."""
    groups: list[list[int]] = []
    for r0, r1 in _runs(rows, 2):
        if groups and (groups[-1][1] - groups[-1][0] < 0.6 * med or r1 - r0 < 0.3 * med):
            groups[-1][1] = r1
        else:
            groups.append([r0, r1])
    return [(g[0], g[1]) for g in groups]


def split_boxes(boxes: list[tuple[float, float, float, float]], edges: list[Edge],
                ink: Any) -> list[tuple[float, float, float, float]]:
    """Detected boxes cut where a ruling line crosses them, trimmed to their ink; a tall narrow box (a
    header written one character per line) cut into its characters.

    The detector sees the page with the rules painted out, so it can join the text of two cells; the
    rules themselves say where one cell ends.
    """
    import numpy as np

    h, w = ink.shape
    out: list[tuple[float, float, float, float]] = []
    heights = sorted(b[3] - b[1] for b in boxes)
    # a line's height: low in the distribution, as boxes holding two wrapped lines push the median up
    med = heights[len(heights) // 4] if heights else 30.0
    for x0, y0, x1, y1 in boxes:
        # the detector's box of a small digit can be tighter than the digit: look a little around it;
        # a line's box only a little up and down, where the next line of a wrapped label may be close
        m = max(2.0, 0.3 * (y1 - y0))
        my = 0.5 * med if y1 - y0 < 0.6 * med else max(2.0, 0.12 * (y1 - y0))
        x0, y0, x1, y1 = x0 - m, y0 - my, x1 + m, y1 + my
        a, b, c, d = max(0, int(x0)), min(w, int(math.ceil(x1))), max(0, int(y0)), min(h, int(math.ceil(y1)))
        if b - a < 2 or d - c < 2:
            continue
        # a rule crossing the box (over most of its width or height) ends one cell's text there
        ycuts = [c] + sorted(int(e.top) for e in edges if e.orientation == "h" and c + 2 < e.top < d - 2
                             and min(e.x1, b) - max(e.x0, a) > 0.6 * (b - a)) + [d]
        xcuts = [a] + sorted(int(e.x0) for e in edges if e.orientation == "v" and a + 2 < e.x0 < b - 2
                             and min(e.bottom, d) - max(e.top, c) > 0.6 * (d - c)) + [b]
        for top, bottom in zip(ycuts, ycuts[1:], strict=False):
            for left, right in zip(xcuts, xcuts[1:], strict=False):
                if bottom - top < 3 or right - left < 3:
                    continue
                part = ink[top:bottom, left:right]
                # a row with a speck or two of ink (a dot left by the scan) between two lines is blank
                rows = part.sum(axis=1) > 255 * max(2, 0.02 * (right - left))
                if not rows.any():
                    continue
                ys = np.flatnonzero(rows)
                t, btm = top + int(ys[0]), top + int(ys[-1]) + 1
                xs = np.flatnonzero(ink[t:btm, left:right].any(axis=0))
                if len(xs) == 0:
                    continue
                lft, rgt = left + int(xs[0]), left + int(xs[-1]) + 1
                if btm - t > 1.8 * (rgt - lft) and btm - t > 30:
                    # one character per line: cut at the blank rows between characters
                    profile = ink[t:btm, lft:rgt].any(axis=1)
                    for r0, r1 in _runs(profile, max(2, (rgt - lft) // 8)):
                        if r1 - r0 >= 3:
                            out.append((float(lft), float(t + r0), float(rgt), float(t + r1)))
                elif btm - t > 1.6 * med:
                    # two lines of a wrapped label in one detected box: one box per line
                    for g0, g1 in _lines(rows[t - top:btm - top], med):
                        xs = np.flatnonzero(ink[t + g0:t + g1, left:right].any(axis=0))
                        if len(xs):
                            out.append((float(left + xs[0]), float(t + g0), float(left + xs[-1] + 1), float(t + g1)))
                else:
                    out.append((float(lft), float(t), float(rgt), float(btm)))
    out = _distinct(out)
    return out + _missed(out, ink)


def _missed(boxes: list[tuple[float, float, float, float]], ink: Any) -> list[tuple[float, float, float, float]]:
    """Boxes around ink no detected box covers, of the size of text: the detector sometimes passes over a
    lone digit in an otherwise empty row of cells (seen on drawn and scanned 表四 rows)."""
    import cv2
    import numpy as np

    if not boxes:
        return []
    heights = sorted(b[3] - b[1] for b in boxes)
    med = heights[len(heights) // 2]
    rest = ink.copy()
    pad = int(med * 0.5)  # ink right beside a box is the part of its text the box cut off, not a word
    for x0, y0, x1, y1 in boxes:
        rest[max(0, int(y0) - pad):int(math.ceil(y1)) + pad, max(0, int(x0) - pad):int(math.ceil(x1)) + pad] = 0
    if not rest.any():
        return []
    # characters of one word joined: a gap narrower than half a character is not a word break
    joined = cv2.dilate(rest, cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, int(med * 0.5)), 1)))
    n, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    out: list[tuple[float, float, float, float]] = []
    for k in range(1, n):
        x, y, w, h, _area = stats[k]
        if not 0.5 * med <= h <= 2.0 * med or w < max(3, 0.12 * h):
            continue
        part = rest[y:y + h, x:x + w]
        if part.sum() / 255 < 0.08 * w * h:  # too little ink for a character
            continue
        xs = np.flatnonzero(part.any(axis=0))
        out.append((float(x + xs[0]), float(y), float(x + xs[-1] + 1), float(y + h)))
    return out


def _distinct(boxes: list[tuple[float, float, float, float]]) -> list[tuple[float, float, float, float]]:
    """Without slivers (a rule's leftover ink, far flatter than text); boxes of one line that overlap (two
    detections of the same words, which would read their shared characters twice) made one."""
    if not boxes:
        return boxes
    heights = sorted(b[3] - b[1] for b in boxes)
    floor = 0.3 * heights[len(heights) // 2]
    pending = sorted((b for b in boxes if b[3] - b[1] >= floor), key=lambda b: b[0])
    out: list[tuple[float, float, float, float]] = []
    for b in pending:
        for k, o in enumerate(out):
            ix = min(b[2], o[2]) - max(b[0], o[0])
            iy = min(b[3], o[3]) - max(b[1], o[1])
            if ix > 0 and iy > 0.5 * min(b[3] - b[1], o[3] - o[1]):
                out[k] = (min(b[0], o[0]), min(b[1], o[1]), max(b[2], o[2]), max(b[3], o[3]))
                break
        else:
            out.append(b)
    # two lines of a wrapped label whose boxes still overlap a little: cut between them, or the layout
    # would take their characters for one line
    out.sort(key=lambda b: b[1])
    for i, upper in enumerate(out):
        for j in range(i + 1, len(out)):
            lower = out[j]
            if lower[1] >= upper[3]:
                continue
            if min(upper[2], lower[2]) - max(upper[0], lower[0]) > 0 and lower[1] > upper[1]:
                mid = (lower[1] + upper[3]) / 2
                upper = out[i] = (upper[0], upper[1], upper[2], mid)
                out[j] = (lower[0], mid, lower[2], lower[3])
    return out


def analyse_page(image: Any, number: int, dpi: float | None = None) -> OcrPage:
    """OCR one page image (PIL) into a PageLayout in points; `dpi` None: estimated from the text height."""
    import cv2
    import numpy as np

    gray = _gray(image)
    size = (gray.shape[1], gray.shape[0])
    shrink = 1.0
    if gray.shape[0] * gray.shape[1] > MAX_PIXELS:
        shrink = math.sqrt(MAX_PIXELS / (gray.shape[0] * gray.shape[1]))
        gray = cv2.resize(gray, (round(gray.shape[1] * shrink), round(gray.shape[0] * shrink)),
                          interpolation=cv2.INTER_AREA)
    gray, binary = denoise(gray)
    angle = skew_angle(binary)
    if abs(angle) >= 0.05:
        gray = _rotate(gray, angle)
        _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    edges, rule_mask = rulings(binary)
    lines_mask = cv2.dilate(rule_mask, np.ones((3, 3), np.uint8))
    clean = gray.copy()
    clean[lines_mask > 0] = 255
    ink = binary.copy()
    ink[lines_mask > 0] = 0
    ocr = engine()
    boxes = split_boxes(ocr.detect(clean), edges, ink)
    lines = ocr.recognize(clean, boxes)
    if dpi is None:
        heights = sorted(ln.box[3] - ln.box[1] for ln in lines if ln.glyphs)
        dpi = (heights[len(heights) // 2] / TEXT_HEIGHT_PT * 72) if heights else 150.0
        dpi = min(1200.0, max(50.0, dpi))
    else:
        dpi *= shrink
    unit = 72 / dpi
    h, w = gray.shape
    layout = PageLayout(number=number, width=w * unit, height=h * unit)
    layout.edges = [Edge(e.orientation, e.x0 * unit, e.top * unit, e.x1 * unit, e.bottom * unit) for e in edges]
    glyphs: list[tuple[Char, Glyph]] = []
    inserts: list[tuple[float, float, str, float]] = []
    for ln in lines:
        for g in ln.glyphs:
            ch = Char(g.text, g.x0 * unit, g.top * unit, g.x1 * unit, g.bottom * unit)
            layout.chars.append(ch)
            glyphs.append((ch, g))
        cy = (ln.box[1] + ln.box[3]) / 2 * unit
        inserts.extend((x * unit, cy, c, p) for x, c, p in ln.inserts)
    dpi_given = dpi / shrink
    return OcrPage(layout, glyphs, inserts, unit, dpi_given, angle, size, lines)


# --------------------------------------------------------------------------- readings per cell


def _to_original(page: OcrPage, box: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
    """A box in page points → the axis-aligned box in pixels of the image as it was given (before deskew)."""
    dx, dy = (page.region[0], page.region[1]) if page.region else (0.0, 0.0)
    x0, y0, x1, y1 = ((box[0] - dx) / page.unit, (box[1] - dy) / page.unit, (box[2] - dx) / page.unit,
                      (box[3] - dy) / page.unit)
    shrink = (72 / page.unit) / page.dpi  # 1 unless the image was reduced
    w, h = page.size[0] * shrink, page.size[1] * shrink
    a = math.radians(page.angle)
    cx, cy = w / 2, h / 2
    pts = []
    for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)):
        # undo the turn: rotate back by -angle about the centre (y down, as cv2 does)
        dx, dy = x - cx, y - cy
        ox = cx + dx * math.cos(a) - dy * math.sin(a)
        oy = cy + dx * math.sin(a) + dy * math.cos(a)
        pts.append((ox / shrink, oy / shrink))
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return (max(0, int(min(xs))), max(0, int(min(ys))), min(page.size[0], math.ceil(max(xs))),
            min(page.size[1], math.ceil(max(ys))))


def repair_number(text: str) -> str | None:
    """The number a cell of digits and digit look-alikes means (None when it is not such a cell)."""
    # specks read as punctuation at either end ("0.", "'o") are not part of the number
    s = re.sub(r"[\s\u3000]+", "", text).strip(_SPECKS).rstrip("-")
    if not s or not _NUMERIC_LIKE.fullmatch(s) or not any(ch.isdigit() for ch in s) and len(s) > 2:
        return None
    fixed = s.translate(_CONFUSED)
    # a full stop between digits in a count is a misread thousands comma only when 3 digits follow
    return fixed if parse_value(fixed) is not None else None


def _alternatives(glyphs: list[Glyph], inserts: list[tuple[float, str, float]], current: str) -> tuple[str, ...]:
    """Other readings of a numeric cell: the engine's runner-up characters (one place at a time, most
    likely first), characters it almost read between two glyphs, then look-alike digits."""
    scored: dict[str, float] = {}
    texts = [g.text.translate(_CONFUSED) for g in glyphs]

    def add(candidate: str, p: float) -> None:
        if candidate and candidate != current and parse_value(candidate) is not None \
                and p > scored.get(candidate, -1.0):
            scored[candidate] = p

    for i, g in enumerate(glyphs):
        for other, p in g.others:
            add("".join(texts[:i]) + other.translate(_CONFUSED) + "".join(texts[i + 1:]), p)
    for x, c, p in inserts:
        i = sum(1 for g in glyphs if (g.x0 + g.x1) / 2 < x)
        add("".join(texts[:i]) + c.translate(_CONFUSED) + "".join(texts[i:]), p)
    for i, t in enumerate(texts):
        for d in _DIGIT_PAIRS.get(t, ""):
            add("".join(texts[:i]) + d + "".join(texts[i + 1:]), 0.0)
    ranked = sorted(scored.items(), key=lambda kv: -kv[1])
    return tuple(k for k, _ in ranked)


def _page_of(pages: dict[int, list[OcrPage]], number: int | None,
             bbox: tuple[float, float, float, float] | None) -> OcrPage | None:
    """The OCR'd image a block at `bbox` of page `number` was read from (None: the text layer)."""
    if bbox is None:
        return None
    cx, cy = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    for page in pages.get(number or -1, ()):
        r = page.region
        if r is None or (r[0] <= cx <= r[2] and r[1] <= cy <= r[3]):
            return page
    return None


def attach_readings(blocks: list[Block], ocr_pages: list[OcrPage]) -> None:
    """Give every cell read from a page image its OcrReading, repairing numeric cells (in place)."""
    pages: dict[int, list[OcrPage]] = {}
    for p in ocr_pages:
        pages.setdefault(p.layout.number, []).append(p)
    for block in blocks:
        if isinstance(block, Paragraph):
            page = _page_of(pages, block.pos.page, block.pos.bbox)
            if page is not None and block.pos.bbox is not None:
                found = _inside(page, block.pos.bbox)
                if found:
                    block.pos.ocr = OcrReading(round(min(g.prob for _, g in found), 4), block.text,
                                               _to_original(page, block.pos.bbox), round(page.dpi, 1))
            continue
        if not isinstance(block, Grid):
            continue
        for row in block.rows:
            for cell in row:
                page = None if cell.merged else _page_of(pages, cell.pos.page, cell.pos.bbox)
                if page is None or cell.pos.bbox is None:
                    continue
                found = _inside(page, cell.pos.bbox)
                raw = cell.text
                score = min((g.prob for _, g in found), default=1.0)
                alts: tuple[str, ...] = ()
                fixed = repair_number(raw) if raw.strip() else None
                if fixed is not None:
                    cell.text = fixed
                    x0, top, x1, bottom = cell.pos.bbox
                    ins = [(x, c, p) for x, y, c, p in page.inserts if x0 <= x <= x1 and top <= y <= bottom]
                    alts = _alternatives([g for _, g in found], ins, fixed)[:MAX_ALTS]
                crop_box = _cell_ink(found) or cell.pos.bbox
                cell.pos.ocr = OcrReading(round(score, 4), raw, _to_original(page, crop_box), round(page.dpi, 1),
                                          alts, low=fixed is not None and score < LOW_SCORE)


MAX_ALTS = 12


def _inside(page: OcrPage, bbox: tuple[float, float, float, float]) -> list[tuple[Char, Glyph]]:
    x0, top, x1, bottom = bbox
    return [(c, g) for c, g in page.glyphs
            if x0 <= (c.x0 + c.x1) / 2 <= x1 and top <= (c.top + c.bottom) / 2 <= bottom]


def _cell_ink(found: list[tuple[Char, Glyph]]) -> tuple[float, float, float, float] | None:
    if not found:
        return None
    return (min(c.x0 for c, _ in found) - 2, min(c.top for c, _ in found) - 2,
            max(c.x1 for c, _ in found) + 2, max(c.bottom for c, _ in found) + 2)


def ocr_pages_blocks(pages: list[OcrPage]) -> list[Block]:
    """Blocks of pages that are all images (an image file, a picture in a Word file)."""
    from .pdf_layout import layout_blocks

    blocks = layout_blocks([p.layout for p in pages])
    attach_readings(blocks, pages)
    return blocks


__all__ = ["LOW_SCORE", "OcrPage", "analyse_page", "attach_readings", "ocr_pages_blocks", "repair_number",
           "skew_angle"]
