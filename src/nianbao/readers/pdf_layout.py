"""Page layout → Document blocks, independent of the PDF library that produced the layout.

A backend (pdf_pdfium, pdf_plumber) turns each page into a `PageLayout`: characters with their
boxes, ruling-line segments and image boxes, all in *reading space* (x to the right along the
text, y downwards, in points, origin at the top-left of the page as read; a rotated page or
rotated text is turned upright first, see `upright_transform`). Everything below works on that
layout only:

1. page furniture (running headers/footers, page numbers) is removed;
2. tables are built from ruling lines where there are any (cells, merged cells as `Cell(merged=True)`
   copies, text wrapped inside a cell joined);
3. the remaining text is grouped into lines; runs of lines that look like table rows (columns set
   apart by wide gaps, lines of numbers, one number per line) become grids from text positions;
4. the other lines are grouped into paragraphs (a line that stops short of the right margin,
   an indent, a larger gap or a change of font size ends a paragraph).
"""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..document import Block, Cell, Grid, ImageRef, Paragraph, Position
from ..normalize import CN_NUMERALS, is_value

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def size(self) -> float:
        return self.bottom - self.top


@dataclass(slots=True)
class Edge:
    """A ruling-line segment: horizontal ('h', top == bottom) or vertical ('v', x0 == x1)."""

    orientation: str
    x0: float
    top: float
    x1: float
    bottom: float


THIN = 2.5  # a box thinner than this (points) one way and longer the other is a ruling line


def ruling_edge(box: Box) -> Edge | None:
    """The ruling line a thin box (in reading coordinates) draws, or None when it is not thin."""
    x0, top, x1, bottom = box
    if bottom - top <= THIN and x1 - x0 > THIN:
        mid = (top + bottom) / 2
        return Edge("h", x0, mid, x1, mid)
    if x1 - x0 <= THIN and bottom - top > THIN:
        mid = (x0 + x1) / 2
        return Edge("v", mid, top, mid, bottom)
    return None


@dataclass(slots=True)
class PageLayout:
    number: int  # 1-based
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    images: list[Box] = field(default_factory=list)
    rotation: int = 0  # degrees the page content was turned to read it upright


# --------------------------------------------------------------------------- geometry helpers


def dominant_angle(angles: Iterable[float]) -> int:
    """The most common text direction, snapped to 0/90/180/270 degrees (counter-clockwise)."""
    counts: Counter[int] = Counter()
    angles = list(angles)
    for a in angles[:: max(1, len(angles) // 200)]:  # a sample is enough
        counts[int(round(math.degrees(a) / 90.0)) % 4 * 90] += 1
    return counts.most_common(1)[0][0] if counts else 0


def upright_transform(angle: int, width: float, height: float):  # type: ignore[no-untyped-def]
    """A function mapping a box in PDF user space (x0, y0, x1, y1; y up) to reading space.

    `angle` is the direction the text runs in on the unrotated page (degrees counter-clockwise).
    Returns (function, reading-space width, reading-space height).
    """
    if angle == 90:  # text runs upwards; following lines are to the right
        return (lambda b: (b[1], b[0], b[3], b[2])), height, width
    if angle == 180:
        return (lambda b: (width - b[2], b[1], width - b[0], b[3])), width, height
    if angle == 270:  # text runs downwards; following lines are to the left
        return (lambda b: (height - b[3], width - b[2], height - b[1], width - b[0])), height, width
    return (lambda b: (b[0], height - b[3], b[2], height - b[1])), width, height


# Kangxi radicals and CJK compatibility ideographs come from fonts whose glyphs were mapped to the
# wrong code points (⼀ for 一); they are turned into the unified ideograph they stand for.
_RADICALS = re.compile(r"[\u2e80-\u2fdf\uf900-\ufaff]")


def fix_cjk(text: str) -> str:
    if _RADICALS.search(text):
        return _RADICALS.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
    return text


def is_unreadable(ch: str) -> bool:
    """A character the font did not map to Unicode (private use area, replacement char, controls)."""
    if len(ch) != 1:  # pdfminer writes an unmapped glyph as "(cid:123)"; a ligature is several letters
        return ch.startswith("(cid:") or any(is_unreadable(c) for c in ch)
    o = ord(ch)
    return 0xE000 <= o <= 0xF8FF or o == 0xFFFD or o < 0x20


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or 0x3000 <= o <= 0x303F


# --------------------------------------------------------------------------- lines


@dataclass(slots=True)
class Line:
    chars: list[Char]
    x0: float
    top: float
    x1: float
    bottom: float
    _text: str | None = None
    _size: float | None = None

    @property
    def size(self) -> float:
        """Median character height (a bracket or a symbol font does not count more)."""
        if self._size is None:
            sizes = sorted(c.bottom - c.top for c in self.chars if c.text != " ")
            self._size = sizes[len(sizes) // 2] if sizes else self.bottom - self.top
        return self._size

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = join_chars(self.chars)
        return self._text

    def segments(self, gap: float) -> list[list[Char]]:
        """Runs of characters separated by a horizontal gap wider than `gap` points."""
        chars = self.chars
        cur = [chars[0]]
        out: list[list[Char]] = [cur]
        px1 = chars[0].x1
        for k in range(1, len(chars)):
            ch = chars[k]
            if ch.x0 - px1 > gap:
                cur = [ch]
                out.append(cur)
            else:
                cur.append(ch)
            px1 = ch.x1
        return out


def join_chars(chars: list[Char]) -> str:
    """Text of characters on one line: a space where a gap separates two non-CJK characters."""
    parts: list[str] = []
    append = parts.append
    last_space = True  # no text yet, or the last part is a space: a space is not added
    prev: Char | None = None
    for ch in chars:
        t = ch.text
        if t == " ":
            if last_space:
                continue
            last_space = True
        else:
            if not last_space:  # (prev is set: something was appended)
                gap = ch.x0 - prev.x1  # type: ignore[union-attr]
                if gap > 0.15:  # most neighbours touch: skip the work
                    em = max(min(prev.bottom - prev.top, ch.bottom - ch.top), 1.0)  # type: ignore[union-attr]
                    cjk = _is_cjk(prev.text[-1]) or _is_cjk(t[0])  # type: ignore[union-attr]
                    if gap > (0.8 if cjk else 0.2) * em:
                        append(" ")
            last_space = False
        append(t)
        prev = ch
    return "".join(parts).strip()


def _x0(ch: Char) -> float:
    return ch.x0


def group_lines(chars: list[Char]) -> list[Line]:
    """Characters → lines, top to bottom; a character joins a line its vertical middle falls in."""
    lines: list[Line] = []
    ln: Line | None = None
    # bounds of the current line, kept in locals while it grows (written back when it ends)
    top = bottom = x0 = x1 = 0.0
    mid2 = [c.top + c.bottom for c in chars]  # twice the vertical middle: sorts exactly like the middle
    for k in sorted(range(len(chars)), key=mid2.__getitem__):  # (a stable sort, like sorting the chars)
        ch = chars[k]
        space = ch.text.isspace()
        if ln is not None:
            mid = (ch.top + ch.bottom) / 2
            if top <= mid <= bottom or abs(mid - (top + bottom) / 2) < 0.3 * max(bottom - top, 1.0):
                ln.chars.append(ch)
                if ch.x0 < x0:
                    x0 = ch.x0
                if ch.x1 > x1:
                    x1 = ch.x1
                if not space:
                    if ch.top < top:
                        top = ch.top
                    if ch.bottom > bottom:
                        bottom = ch.bottom
                continue
        if space:
            continue
        if ln is not None:
            ln.x0, ln.top, ln.x1, ln.bottom = x0, top, x1, bottom
        x0, top, x1, bottom = ch.x0, ch.top, ch.x1, ch.bottom
        ln = Line([ch], x0, top, x1, bottom)
        lines.append(ln)
    if ln is not None:
        ln.x0, ln.top, ln.x1, ln.bottom = x0, top, x1, bottom
    for ln in lines:
        cs = ln.chars
        if len(cs) > 1:
            cs.sort(key=_x0)
        while cs and cs[-1].text.isspace():
            cs.pop()
    return [ln for ln in lines if ln.chars]


# --------------------------------------------------------------------------- page furniture

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–_·•\s]*\d{1,4}[-—–_·•\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$"
)
MARGIN_ZONE = 0.12  # top/bottom share of the page where headers and footers live


def furniture_keys(pages: list[tuple[PageLayout, list[Line]]]) -> set[tuple[str, int]]:
    """(text with digits masked, rounded y) of lines repeated on most pages in the margins."""
    counts: Counter[tuple[str, int]] = Counter()
    with_text = 0
    for page, lines in pages:
        if lines:
            with_text += 1
        seen = set()
        for ln in lines:
            if _in_margin(page, ln):
                seen.add(_furniture_key(ln))
        counts.update(seen)
    need = max(2, math.ceil(0.6 * with_text))
    return {k for k, n in counts.items() if n >= need} if with_text >= 2 else set()


def _in_margin(page: PageLayout, ln: Line) -> bool:
    return ln.bottom < page.height * MARGIN_ZONE or ln.top > page.height * (1 - MARGIN_ZONE)


def _furniture_key(ln: Line) -> tuple[str, int]:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", ln.text)), int(round(ln.top / 4.0))


def is_furniture(page: PageLayout, ln: Line, repeated: set[tuple[str, int]], lines: list[Line] | None = None,
                 k: int = 0) -> bool:
    if not _in_margin(page, ln):
        return False
    text = ln.text.strip()
    if _PAGE_NUMBER.match(text):
        if not text.isdigit() or lines is None:
            return True
        # a bare number is a page number only when it stands apart at the very top or bottom
        em = max(ln.size, 1.0)
        if k == len(lines) - 1:
            return k == 0 or ln.top - lines[k - 1].bottom > 1.5 * em
        if k == 0:
            return lines[1].top - ln.bottom > 1.5 * em
        return False
    key = _furniture_key(ln)
    return any(k == key or (k[0] == key[0] and abs(k[1] - key[1]) <= 1) for k in repeated)


# --------------------------------------------------------------------------- ruled tables


def ruled_tables(page: PageLayout) -> list[tuple[Box, list[Box]]]:
    """Tables drawn with ruling lines: (table bbox, cell boxes)."""
    from pdfplumber.table import cells_to_tables, edges_to_intersections, merge_edges

    if len(page.edges) < 4:
        return []
    raw = []
    for e in page.edges:
        raw.append({"x0": e.x0, "x1": e.x1, "top": e.top, "bottom": e.bottom, "width": e.x1 - e.x0,
                    "height": e.bottom - e.top, "orientation": e.orientation})
    merged = merge_edges(raw, snap_x_tolerance=3, snap_y_tolerance=3, join_x_tolerance=3, join_y_tolerance=3)
    merged = [e for e in merged if (e["width"] if e["orientation"] == "h" else e["height"]) >= 3]
    merged += close_open_ends(merged)
    cells = intersections_to_cells(edges_to_intersections(merged, 3, 3))
    out = []
    for table in cells_to_tables(cells):
        xs = _cluster([c[0] for c in table] + [c[2] for c in table])
        ys = _cluster([c[1] for c in table] + [c[3] for c in table])
        if len(xs) < 3 or len(ys) < 2:  # one column: a framed paragraph, not a table
            continue
        bbox = (min(c[0] for c in table), min(c[1] for c in table), max(c[2] for c in table),
                max(c[3] for c in table))
        out.append((bbox, [tuple(map(float, c)) for c in table]))  # type: ignore[misc]
    out.sort(key=lambda t: (t[0][1], t[0][0]))
    return out


def close_open_ends(edges: list[dict], tol: float = 3.0) -> list[dict]:
    """Horizontal edges closing a table whose column lines run on past its last (or first)
    horizontal line: a row cut by a page break, printed without a border at the cut (Chromium
    leaves the top of the continued row open). Vertical lines ending, at the same height, on no
    horizontal line are joined by a new one, so the cut row's cells are cells (its text read in
    the table, not lost outside it)."""
    hs = [e for e in edges if e["orientation"] == "h"]
    ends: dict[str, list[tuple[float, float]]] = {"top": [], "bottom": []}  # (y, x) of open ends
    for e in edges:
        if e["orientation"] != "v":
            continue
        x = e["x0"]
        for side in ("top", "bottom"):
            y = e[side]
            if not any(h["x0"] - tol <= x <= h["x1"] + tol and abs(h["top"] - y) <= tol for h in hs):
                ends[side].append((y, x))
    out: list[dict] = []
    for side in ("top", "bottom"):
        group: list[tuple[float, float]] = []
        for y, x in sorted(ends[side]) + [(math.inf, 0.0)]:
            if group and y - group[0][0] > tol:
                y0 = group[0][0] if side == "top" else group[-1][0]
                xs = [g[1] for g in group]
                # the line the other cells of that row end on (cells merged down past the cut end
                # open beside cells closed by it), else the open ends alone: two cells at least
                level = [h for h in hs if abs(h["top"] - y0) <= tol]
                if level or len(group) >= 3:
                    x0 = min(xs + [h["x0"] for h in level])
                    x1 = max(xs + [h["x1"] for h in level])
                    out.append({"x0": x0, "x1": x1, "top": y0, "bottom": y0, "width": x1 - x0, "height": 0.0,
                                "orientation": "h"})
                group = []
            group.append((y, x))
    return out


def intersections_to_cells(intersections: dict) -> list[Box]:
    """The cells that ruling-line intersections describe: pdfplumber's `intersections_to_cells`
    (pdfplumber.table, MIT licence), same algorithm and same output, with each point's edge boxes
    computed once and the points below/right of a point looked up by column/row instead of by
    scanning all later points (it was most of the ruled-table time)."""
    vsets = {p: {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in d["v"]} for p, d in intersections.items()}
    hsets = {p: {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in d["h"]} for p, d in intersections.items()}

    def connects(p1: tuple, p2: tuple) -> bool:
        if p1[0] == p2[0] and not vsets[p1].isdisjoint(vsets[p2]):
            return True
        return p1[1] == p2[1] and not hsets[p1].isdisjoint(hsets[p2])

    points = sorted(intersections)
    same_x: dict[float, list[tuple]] = {}
    same_y: dict[float, list[tuple]] = {}
    for pt in points:  # in sorted order, so each list is too
        same_x.setdefault(pt[0], []).append(pt)
        same_y.setdefault(pt[1], []).append(pt)
    cells: list[Box] = []
    for pt in points:
        below = [q for q in same_x[pt[0]] if q > pt]  # the later points in the same column
        right = [q for q in same_y[pt[1]] if q > pt]  # and in the same row
        cell = None
        for below_pt in below:
            if not connects(pt, below_pt):
                continue
            for right_pt in right:
                if not connects(pt, right_pt):
                    continue
                bottom_right = (right_pt[0], below_pt[1])
                if bottom_right in intersections and connects(bottom_right, right_pt) \
                        and connects(bottom_right, below_pt):
                    cell = (pt[0], pt[1], bottom_right[0], bottom_right[1])
                    break
            if cell is not None:
                break
        if cell is not None:
            cells.append(cell)
    return cells


def _cluster(values: list[float], tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _index(edges: list[float], v: float) -> int:
    """Index of the edge nearest to v (the lower one on a tie); `edges` ascending, as `_cluster` gives."""
    j = bisect_left(edges, v)
    if j == 0:
        return 0
    if j == len(edges) or abs(edges[j - 1] - v) <= abs(edges[j] - v):
        return j - 1
    return j


def cell_text(chars: list[Char]) -> str:
    """Lines inside a cell joined: no break between CJK or digits (a wrapped label or number)."""
    lines = group_lines(chars)
    out = ""
    for ln in lines:
        t = ln.text
        if not t:
            continue
        if out and not (_is_cjk(out[-1]) or _is_cjk(t[0]) or (out[-1].isdigit() and t[0].isdigit())
                        or out[-1] in ",.-/" or t[0] in ",.%"):
            out += " "
        out += t
    return out


def grid_from_cells(page: PageLayout, bbox: Box, cells: list[Box], chars: list[Char], table_index: int,
                    leftover: list[Char] | None = None) -> Grid:
    """The grid of a ruled table. Characters inside the table's box that fall in none of its cells
    (a region whose borders do not close) go to `leftover`, to be read as free text, not lost."""
    xs = _cluster([c[0] for c in cells] + [c[2] for c in cells])
    ys = _cluster([c[1] for c in cells] + [c[3] for c in cells])
    nrows, ncols = len(ys) - 1, len(xs) - 1
    slots: list[list[Cell | None]] = [[None] * ncols for _ in range(nrows)]
    # assign each character to the (first) cell holding its centre; only the cells that overlap the
    # character's horizontal band between two distinct cell tops/bottoms need to be looked at
    buckets: list[list[Char]] = [[] for _ in cells]
    bounds = sorted({c[1] for c in cells} | {c[3] for c in cells})
    if len(bounds) < 2:
        bounds = [-math.inf, math.inf]
    bands = [[k for k, c in enumerate(cells) if c[1] <= hi and c[3] >= lo]
             for lo, hi in zip(bounds, bounds[1:], strict=False)]
    last = len(bands) - 1
    for ch in chars:
        cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        if not bounds[0] <= cy <= bounds[-1]:
            if leftover is not None:
                leftover.append(ch)
            continue
        for k in bands[min(max(bisect_right(bounds, cy) - 1, 0), last)]:
            c = cells[k]
            if c[0] <= cx <= c[2] and c[1] <= cy <= c[3]:
                buckets[k].append(ch)
                break
        else:
            if leftover is not None:
                leftover.append(ch)
    for k, c in enumerate(cells):
        c0, c1 = _index(xs, c[0]), _index(xs, c[2])
        r0, r1 = _index(ys, c[1]), _index(ys, c[3])
        for r in range(r0, max(r1, r0 + 1)):
            for col in range(c0, max(c1, c0 + 1)):
                if r >= nrows or col >= ncols:
                    continue
                if r == r0 and col == c0:
                    slots[r][col] = Cell(cell_text(buckets[k]), Position(page=page.number, bbox=_round(c),
                                                                          table=table_index, row=r, col=col))
                elif slots[r][col] is None:
                    slots[r][col] = Cell("", Position(page=page.number, bbox=_round(c), table=table_index,
                                                      row=r, col=col), merged=True)
    rows: list[list[Cell]] = []
    for r, row in enumerate(slots):
        rows.append([c if c is not None else Cell("", Position(page=page.number, table=table_index, row=r,
                                                               col=k), merged=True)
                     for k, c in enumerate(row)])
    return Grid(rows=rows, pos=Position(page=page.number, bbox=_round(bbox), table=table_index))


def _round(b: Box) -> Box:
    return (round(b[0], 1), round(b[1], 1), round(b[2], 1), round(b[3], 1))


# --------------------------------------------------------------------------- text-position tables

_OUTLINE = re.compile(rf"^\s*(?:[{CN_NUMERALS}]{{1,2}}\s*[、.．]|第[{CN_NUMERALS}]+[章部分])")
_STARTS_ITEM = re.compile(rf"^\s*(?:[{CN_NUMERALS}]{{1,2}}\s*[、.．]|[(（][{CN_NUMERALS}]{{1,2}}[)）])")
MAX_WRAPPED_LABEL = 30  # a short line next to table rows is a (wrapped) label


@dataclass(slots=True)
class _TLine:
    line: Line
    segs: list[list[Char]]
    kind: str  # "row" (columns), "num" (numbers only), "text"
    texts: list[str] = field(default_factory=list)  # join_chars of each segment


COLUMN_GAP = 0.5  # a horizontal gap wider than this many ems separates two cells of a row


def _median(values: list[float]) -> float:
    """statistics.median, without its overhead (called once per line)."""
    s = sorted(values)
    n = len(s)
    i = n // 2
    return s[i] if n % 2 else (s[i - 1] + s[i]) / 2


def classify(line: Line) -> _TLine:
    sizes = [c.bottom - c.top for c in line.chars if not c.text.isspace()]
    em = _median(sizes or [line.size]) or 10.0
    segs: list[list[Char]] = []
    texts: list[str] = []
    runs = line.segments(COLUMN_GAP * em)
    for seg in runs:
        # a single segment holds all the characters of the line: its text is the line's (cached) text
        joined = line.text if len(runs) == 1 else join_chars(seg)
        tokens = joined.split()
        if len(tokens) > 1 and all(is_value(t) for t in tokens):
            split = _split_tokens([seg])  # numbers printed with single spaces are separate cells
            segs.extend(split)
            texts.extend(join_chars(s) for s in split)
        else:
            segs.append(seg)
            texts.append(joined)
    if texts and all(is_value(t) for t in texts) and any(ch.isdigit() for ch in "".join(texts)):
        return _TLine(line, segs, "num", texts)
    if len(segs) >= 2 and all(len(t) <= 40 for t in texts):
        return _TLine(line, segs, "row", texts)
    return _TLine(line, segs, "text", texts)


def _split_tokens(segs: list[list[Char]]) -> list[list[Char]]:
    out: list[list[Char]] = []
    for seg in segs:
        cur: list[Char] = []
        for ch in seg:
            if ch.text.isspace() or (cur and ch.x0 - cur[-1].x1 > 0.25 * max(ch.size, 1.0)):
                if cur:
                    out.append(cur)
                cur = [] if ch.text.isspace() else [ch]
            else:
                cur.append(ch)
        if cur:
            out.append(cur)
    return out


def text_regions(tlines: list[_TLine], right: float, em: float) -> list[tuple[int, int]]:
    """Index ranges [i, j) of lines that form a table laid out by text position only."""
    n = len(tlines)
    core = [t.kind in ("row", "num") for t in tlines]
    member = core[:]

    def short_label(i: int) -> bool:
        t = tlines[i]
        s = t.line.text.strip()
        if t.kind != "text" or len(s) > MAX_WRAPPED_LABEL or s.endswith(("。", "：", ":")):
            return False
        if t.line.x1 >= right - 2 * em:  # a full line of running text
            return False
        # an outline heading (三、…) belongs to the table only as the label right above its numbers
        return not _OUTLINE.match(s) or (i + 1 < n and tlines[i + 1].kind == "num")

    changed = True
    while changed:
        changed = False
        for i in range(n):
            if member[i] or not short_label(i):
                continue
            if (i > 0 and member[i - 1]) or (i + 1 < n and member[i + 1]):
                member[i] = True
                changed = True
    out: list[tuple[int, int]] = []
    i = 0
    while i < n:
        if not member[i]:
            i += 1
            continue
        j = i
        while j < n and member[j]:
            j += 1
        if any(core[i:j]) and _looks_like_table(tlines[i:j]):
            out.append((i, j))
        i = j
    return out


def _looks_like_table(run: list[_TLine]) -> bool:
    """At least one line of numbers, or two lines with columns. A line of five numbers or more
    alone is a table row too: the data row of 表四 printed at the top of a page, its header left
    on the page before."""
    nums = sum(1 for t in run if t.kind == "num" or any(is_value(x) for x in t.texts[1:]))
    rows = sum(1 for t in run if t.kind == "row")
    if len(run) == 1 and run[0].kind == "num" and len(run[0].texts) >= 5:
        return True
    return nums >= 1 and (rows + nums >= 2 or len(run) >= 2)


def _chars_box(chars: list[Char]) -> Box:
    return (min(c.x0 for c in chars), min(c.top for c in chars), max(c.x1 for c in chars),
            max(c.bottom for c in chars))


def grid_from_lines(page: PageLayout, run: list[_TLine], table_index: int) -> Grid:
    rows: list[list[Cell]] = []
    for r, t in enumerate(run):
        cells = []
        for c, (seg, text) in enumerate(zip(t.segs, t.texts, strict=True)):
            cells.append(Cell(text, Position(page=page.number, bbox=_round(_chars_box(seg)),
                                                        table=table_index, row=r, col=c)))
        rows.append(cells)
    box = (min(t.line.x0 for t in run), run[0].line.top, max(t.line.x1 for t in run), run[-1].line.bottom)
    return Grid(rows=rows, pos=Position(page=page.number, bbox=_round(box), table=table_index))


# --------------------------------------------------------------------------- paragraphs


@dataclass(slots=True)
class _Para:
    lines: list[Line]
    page: int
    left: float  # text margins of the page
    right: float

    @property
    def text(self) -> str:
        out = ""
        for ln in self.lines:
            t = ln.text
            if out and t and not (_is_cjk(out[-1]) or _is_cjk(t[0]) or out[-1] == "-"):
                out += " "
            out += t
        return out

    def block(self) -> Paragraph:
        box = (min(ln.x0 for ln in self.lines), self.lines[0].top, max(ln.x1 for ln in self.lines),
               self.lines[-1].bottom)
        return Paragraph(self.text, Position(page=self.page, bbox=_round(box)))


def continues(prev: Line, ln: Line, left: float, right: float, body: float | None = None) -> bool:
    """Whether `ln` goes on with the paragraph whose last line is `prev`. `body`: the size of the
    running text; a centred line larger than that after a full line of the same size is the rest
    of a wrapped title."""
    em = max(prev.size, 1.0)
    if prev.x1 < right - 1.5 * em:  # the previous line stopped short: paragraph (or title line) ended
        return False
    if _STARTS_ITEM.match(ln.text):  # a numbered heading
        return False
    if ln.x0 > left + 1.0 * em and not (body and ln.size > 1.15 * body and prev.x0 <= left + 1.0 * em
                                         and abs((ln.x0 + ln.x1) - (left + right)) <= 2 * em):
        return False  # an indent (not the centred rest of a title)
    if abs(ln.size - prev.size) > 0.3 * max(ln.size, prev.size):  # a heading of another size
        return False
    gap = ln.top - prev.bottom
    return gap <= 1.2 * em


# --------------------------------------------------------------------------- the page


def page_blocks(page: PageLayout, repeated: set[tuple[str, int]], table_start: int,
                margins: tuple[float, float] | None = None,
                all_lines: list[Line] | None = None) -> tuple[list[Block | _Para], int]:
    """Blocks of a page in reading order. Returns (blocks, next table index).

    `all_lines`: `group_lines(page.chars)` when the caller has it already; used when the page has
    no ruled table (then every character is free text and the lines are the same).
    """
    chars = page.chars
    tables = ruled_tables(page)
    placed: list[tuple[float, int, Block | _Para]] = []
    inside: list[list[Char]] = [[] for _ in tables]
    free: list[Char] = [] if tables else chars
    for ch in chars if tables else ():
        cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        for k, (bbox, _) in enumerate(tables):
            if bbox[0] - 1 <= cx <= bbox[2] + 1 and bbox[1] - 1 <= cy <= bbox[3] + 1:
                inside[k].append(ch)
                break
        else:
            free.append(ch)
    index = table_start
    for k, (bbox, cells) in enumerate(tables):
        placed.append((bbox[1], 0, grid_from_cells(page, bbox, cells, inside[k], index, free)))
        index += 1
    for box in page.images:
        placed.append((box[1], 1, ImageRef(src=f"pdf-page:{page.number}", alt="image on page",
                                           pos=Position(page=page.number, bbox=_round(box)))))

    lines = all_lines if all_lines is not None and not tables else group_lines(free)
    lines = [ln for k, ln in enumerate(lines) if not is_furniture(page, ln, repeated, lines, k)]
    if lines:
        left, right = margins or text_margins([lines], page.width)
        em = statistics.median([ln.size for ln in lines]) or 10.0
        tlines = [classify(ln) for ln in lines]
        regions = text_regions(tlines, right, em)
        in_region = {}
        for i, j in regions:
            in_region[i] = j
        i = 0
        para: _Para | None = None
        while i < len(tlines):
            if i in in_region:
                j = in_region[i]
                placed.append((tlines[i].line.top, 2, grid_from_lines(page, tlines[i:j], index)))
                index += 1
                para = None
                i = j
                continue
            ln = tlines[i].line
            if para is not None and continues(para.lines[-1], ln, left, right, em):
                para.lines.append(ln)
            else:
                para = _Para([ln], page.number, left, right)
                placed.append((ln.top, 2, para))
            i += 1
    placed.sort(key=lambda t: (t[0], t[1]))
    return [b for _, _, b in placed], index


def text_margins(pages: list[list[Line]], width: float) -> tuple[float, float]:
    """Left and right edge of the running text: from lines of some length, else the page width."""
    long = [ln for lines in pages for ln in lines if len(ln.chars) >= 12]
    if len(long) < 3:
        long = [ln for lines in pages for ln in lines]
    if not long:
        return 0.0, width
    left = _percentile([ln.x0 for ln in long], 0.1)
    right = _percentile([ln.x1 for ln in long], 0.9)
    return left, right


def _percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, int(q * (len(s) - 1))))]


def layout_blocks(pages: list[PageLayout]) -> list[Block]:
    """All pages → Document blocks; a paragraph running over a page break is joined."""
    lines_per_page = [(p, group_lines(p.chars)) for p in pages]
    repeated = furniture_keys(lines_per_page)
    widths = Counter(round(p.width) for p in pages)
    common = widths.most_common(1)[0][0] if widths else 0
    # margins of the running text, over all pages of the usual width (a table page has few full lines)
    margins = text_margins([ls for p, ls in lines_per_page if round(p.width) == common], float(common))
    out: list[Block] = []
    index = 0
    last: _Para | None = None
    last_grid: Grid | None = None
    for page, page_lines in lines_per_page:
        blocks, index = page_blocks(page, repeated, index, margins if round(page.width) == common else None,
                                    page_lines)
        for k, b in enumerate(blocks):
            if isinstance(b, _Para):
                if k == 0 and last is not None and _continues_over_page(last, b):
                    last.lines.extend(b.lines)
                    continue
                out.append(b)  # type: ignore[arg-type]
            else:
                if k == 0 and last_grid is not None and isinstance(b, Grid) and join_split_row(last_grid, b) \
                        and not b.rows:
                    if len(blocks) == 1:  # the page holds only the rest of that row: the row may go on
                        blocks = [last_grid]
                    continue
                out.append(b)
        tail = blocks[-1] if blocks else None
        last = tail if isinstance(tail, _Para) else None
        last_grid = tail if isinstance(tail, Grid) else None
    return [b.block() if isinstance(b, _Para) else b for b in out]  # type: ignore[union-attr]


# a label that starts a row of its own: 一、 （二） 1. 2、 第二十条… (a cut label's rest does not start like this)
_NEW_ITEM = re.compile(rf"^\s*(?:[{CN_NUMERALS}]{{1,3}}\s*[、.．]|[(（][{CN_NUMERALS}\d]{{1,3}}[)）]"
                       rf"|\d{{1,2}}\s*[、.．](?!\d)|第\s*[{CN_NUMERALS}百\d]+\s*[条章节项部])")


def join_split_row(prev: Grid, cur: Grid, tol: float = 3.0) -> bool:
    """Join a table row broken across a page break: `prev` is the last block of a page, `cur` the
    first block of the next. When `cur`'s first row (after a header repeated from `prev`) is the
    rest of `prev`'s last row, its text moves into that row, cell by cell, and the row leaves `cur`.

    Both must be ruled tables as wide as each other. Each non-empty cell of the second part goes
    on the cell of the first part that shows at the same place and width (a cell of the last row,
    or one spanning down to it; columns are matched by position, as a page may lack a column
    boundary the other has), and the second part is one of: (a) the numbers of a label printed on
    the previous page, in cells left empty there (a first part without numbers; never numbers
    below a header), maybe beside the rest of the label; (b) only the rest of a wrapped label cut
    in two, beside the numbers of the first part; (c) only the rest of wrapped numbers cut in two.
    A text going on a text must not start a new numbered item. Returns whether a row was joined.
    """
    if not prev.rows or not cur.rows or prev.pos.bbox is None or cur.pos.bbox is None:
        return False
    if abs(prev.pos.bbox[0] - cur.pos.bbox[0]) > tol or abs(prev.pos.bbox[2] - cur.pos.bbox[2]) > tol:
        return False
    head = 0  # a header repeated at the top of the page: the continued row comes after it
    while head < min(len(cur.rows), len(prev.rows) - 1) and _row_texts(cur.rows[head]) == _row_texts(prev.rows[head]):
        head += 1
    if head >= len(cur.rows):
        return False
    first = cur.rows[head]
    above = _last_row_places(prev)  # (x0, x1, column, cell showing there)
    if above is None or not _ruled_row(prev.rows[-1], tol) or not _ruled_row(first, tol):
        return False
    last_kinds = [_kind(cell) for _, _, _, cell in above]
    moves: list[tuple[Cell, int, Cell]] = []  # (cell of the second part, column, cell above it)
    has_text = any(_kind(c) == "t" for c in first if not c.merged)
    fills = cuts = 0  # numbers into empty cells (a), numbers going on numbers (c)
    for cell in first:
        kind = None if cell.merged else _kind(cell)
        if kind is None:
            continue
        box = cell.pos.bbox
        if box is None:
            return False
        place = next((k for k, (x0, x1, _, _) in enumerate(above)
                      if abs(x0 - box[0]) <= tol and abs(x1 - box[2]) <= tol), None)
        if place is None:  # not below one cell (a caption row spanning more columns)
            return False
        col, target = above[place][2], above[place][3]
        if last_kinds[place] is None and kind == "v":
            fills += 1
        elif last_kinds[place] != kind:
            return False
        elif kind == "t" and _NEW_ITEM.match(cell.text):
            return False
        elif kind == "v":
            if has_text or not is_value(_join_lines(target.text, cell.text)):
                return False
            cuts += 1
        moves.append((cell, col, target))
    if not moves or (fills and (cuts or "v" in last_kinds)):
        return False
    last = prev.rows[-1]
    for cell, col, target in moves:
        if target.text.strip():
            target.text = _join_lines(target.text, cell.text)
        else:
            last[col] = cell
    del cur.rows[head]
    return True


def _row_texts(row: list[Cell]) -> list[str]:
    return [c.text for c in row]


def _ruled_row(row: list[Cell], tol: float) -> bool:
    """A row of ruled cells: side by side, each starting where the one before ends (cells of a table
    built from text positions are boxes around their characters, with gaps between them)."""
    boxes = sorted({c.pos.bbox for c in row if c.pos.bbox is not None})
    if len(boxes) != len({c.pos.bbox for c in row}):
        return False
    return all(abs(a[2] - b[0]) <= tol for a, b in zip(boxes, boxes[1:], strict=False))


def _last_row_places(grid: Grid) -> list[tuple[float, float, int, Cell]] | None:
    """The cells showing in the last row of `grid`, left to right: (x0, x1, column, cell). For a
    merged copy, the cell spanning there (the same box, up the column or left along the row)."""
    rows = grid.rows
    out: list[tuple[float, float, int, Cell]] = []
    for col, cell in enumerate(rows[-1]):
        if cell.pos.bbox is None:
            return None
        origin: Cell | None = cell
        if cell.merged:
            origin = next((other for r in range(len(rows) - 1, -1, -1) for other in reversed(rows[r][:col + 1])
                           if not other.merged and other.pos.bbox == cell.pos.bbox), None)
        if origin is None or (out and out[-1][3] is origin):
            continue
        out.append((cell.pos.bbox[0], cell.pos.bbox[2], col, origin))
    return out


def _kind(cell: Cell | None) -> str | None:
    """'v' a number or a blank mark (—, /, 无), 't' other text, None empty."""
    if cell is None or not cell.text.strip():
        return None
    return "v" if is_value(cell.text) else "t"


def _join_lines(a: str, b: str) -> str:
    """Two pieces of one cell's text (lines of a wrapped label): as `cell_text` joins lines."""
    if a and b and not (_is_cjk(a[-1]) or _is_cjk(b[0]) or (a[-1].isdigit() and b[0].isdigit())
                        or a[-1] in ",.-/" or b[0] in ",.%"):
        return f"{a} {b}"
    return a + b


def _continues_over_page(prev: _Para, cur: _Para) -> bool:
    pl, ln = prev.lines[-1], cur.lines[0]
    em = max(pl.size, 1.0)
    if pl.x1 < prev.right - 1.5 * em or ln.x0 > cur.left + 1.0 * em:
        return False
    return abs(ln.size - pl.size) <= 0.3 * max(ln.size, pl.size) and not _STARTS_ITEM.match(ln.text)
