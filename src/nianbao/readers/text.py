"""Plain text as scraped from web pages → Document.

Table flavours handled (all seen in scraped reports):
- pipe rows, one row per line: ``规章 | 0 | 0 | 0 |``;
- one cell per line with stray ``|`` lines, where a row starts at a line ``| label``;
- tab- or multi-space-separated rows, and ``label 0 0 0`` rows separated by single spaces;
- runs of ``||||`` and navigation junk (当前位置, 打印 关闭, 字体:[大 中 小]).

The reader keeps every cell's original text and its line/column; it does not interpret labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Cell, Document, Grid, Paragraph, Position
from ..errors import ReadError
from ..limits import check_deadline
from ..normalize import CN_NUMERALS, is_value
from .decode import decode_bytes

# Lines that are page furniture, dropped whole.
_JUNK_LINE = re.compile(
    r"当前位置|您现在的位置|打印\s{0,8}(?:本页|\|)?\s{0,8}关闭|【\s{0,8}打印\s{0,8}】|【\s{0,8}关闭\s{0,8}】|关闭窗口|分享到|扫一扫|"
    r"上一篇|下一篇|网站地图|版权所有|ICP备|网站标识码|主办单位|技术支持|相关链接|收藏本页"
)
# A breadcrumb that ends with the report's title (当前位置：首页 > 年报 > 某县…年度报告) is kept for the title.
_TITLE_AT_END = re.compile(r"[>＞»›][^>＞»›]*(?:信息公开|政务公开)[^>＞»›]*(?:年度报告|年报)\s*$")
# Fragments of page furniture inside a useful line (发布时间: … 字体:[大 中 小]).
# Spaces are bounded ({0,8}): an unbounded `\s*` in front of the literal made every position of a
# long whitespace run rescan the run (quadratic; see scripts/regex_audit.py).
_JUNK_FRAGMENT = re.compile(r"\s{0,8}(?:[【\[]\s{0,8})?字体\s{0,8}[:：]\s{0,8}[\[【]?\s{0,8}(?:大\s{0,8}中\s{0,8}小)?"
                            r"\s{0,8}[\]】]?\s{0,8}[】\]]?|【\s{0,8}(?:大|中|小)\s{0,8}】")
_OUTLINE_HEADING = re.compile(rf"^(?:#{{1,6}}\s+)?[{CN_NUMERALS}]{{1,2}}[、.．]\S{{4,}}")
_MULTI_SPACE_SPLIT = re.compile(r"\t+|[ \u3000]{2,}|\u3000")
MAX_CELL_CHARS = 80


@dataclass(slots=True)
class _Line:
    text: str  # original text of the line, without the newline
    number: int  # 1-based
    offset: int  # offset of the line start in the decoded text
    stripped: str = ""
    has_pipe: bool = False
    # computed on first use (the region scan asks about the same lines several times)
    pipe_line: bool | None = None
    cells: list[str] | None = None
    spaced: list[str] | None | bool = False  # False: not computed yet

    def __post_init__(self) -> None:
        self.stripped = self.text.strip()
        self.has_pipe = "|" in self.text

    def pipe_cells(self) -> list[str]:
        """The non-empty cells between the pipes of the line."""
        if self.cells is None:
            self.cells = [c for c in _pipe_cells(self.stripped) if c]
        return self.cells

    def spaced_cells(self) -> list[str] | None:
        """Cells of a tab/space-separated row (None if the line is not one); see _spaced_cells."""
        if self.spaced is False:
            self.spaced = None if self.has_pipe else _spaced_cells(self.stripped)
        return self.spaced  # type: ignore[return-value]

    def pos(self, column: int = 0) -> Position:
        return Position(line=self.number, column=column, offset=self.offset + column)


def read_text_file(path: str, data: bytes, sha256: str) -> Document:
    text, notes = decode_bytes(data)
    if _looks_binary(text):
        raise ReadError(path, "不是文本文件：内容为二进制数据（含控制字符或无法解码的字节）",
                        "not a text file: binary content (control characters or undecodable bytes)")
    doc = read_text(text, path=path, sha256=sha256)
    doc.notes.extend(notes)
    return doc


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


def _looks_binary(text: str) -> bool:
    """More than 5% control characters (NUL included) or replacement marks in the first 20,000.

    A few NULs or control characters in a text (a bad scrape) do not make it binary: the reader
    boundary replaces them and says so.
    """
    sample = text[:20000]
    return len(_CONTROL_CHARS.findall(sample)) > 0.05 * max(1, len(sample))


def read_text(text: str, path: str = "<text>", sha256: str = "") -> Document:
    lines = _split_lines(text)
    doc = Document(path=path, format="text", sha256=sha256)
    i = 0
    n = len(lines)
    while i < n:
        if not i & 1023:
            check_deadline()
        line = lines[i]
        s = line.stripped
        if not s or _is_junk(s):
            i += 1
            continue
        if _is_pipe_line(line) or line.spaced_cells() is not None:
            j = _region_end(lines, i)
            grid = _grid_from_region(lines[i:j])
            if grid is not None:
                doc.blocks.append(grid)
            else:
                doc.blocks.extend(_region_as_paragraphs(lines[i:j]))
            i = j
            continue
        doc.blocks.append(_paragraph(line))
        i += 1
    return doc


def _split_lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    offset = 0
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        body = raw.rstrip("\r\n")
        out.append(_Line(body, number, offset))
        offset += len(raw)
    return out


def _is_junk(s: str) -> bool:
    # the length test first: long lines are never junk, and it is cheaper than the search
    return (len(s) < 120 or len(s.replace("|", "").strip()) < 120) and bool(_JUNK_LINE.search(s)) \
        and not _TITLE_AT_END.search(s)


def _pipe_cells(s: str) -> list[str]:
    body = s.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return [c.strip() for c in body.split("|")]


def _is_pipe_line(line: _Line) -> bool:
    """A line that belongs to a pipe table: pipes, and no cell longer than a table cell."""
    if line.pipe_line is None:
        line.pipe_line = line.has_pipe and all(len(c) <= MAX_CELL_CHARS for c in line.pipe_cells())
    return line.pipe_line


def _spaced_cells(s: str) -> list[str] | None:
    """Cells of a tab/multi-space row, or of a `label 0 0 0` row; None if not a row."""
    parts = [p for p in _MULTI_SPACE_SPLIT.split(s) if p.strip()]
    if len(parts) >= 2 and all(len(p) <= MAX_CELL_CHARS for p in parts) and any(is_value(p) for p in parts):
        return [p.strip() for p in parts]
    tokens = s.split()
    if len(tokens) >= 2:
        k = len(tokens)
        while k > 0 and is_value(tokens[k - 1]):
            k -= 1
        if 0 < k < len(tokens) and len(" ".join(tokens[:k])) <= MAX_CELL_CHARS:
            return [" ".join(tokens[:k]), *tokens[k:]]
        if k == 0 and len(tokens) >= 3:
            return tokens  # a row of numbers only (表四's data row)
    if len(parts) >= 3 and all(len(p) <= 20 for p in parts):
        return [p.strip() for p in parts]  # a header row: short words in columns
    return None


def _starts_row(s: str) -> bool:
    """In one-cell-per-line tables a row starts at a line `| text`."""
    return s.startswith("|") and len(s) > 1 and s[1:].strip() != "" and not s[1:].strip().startswith("|")


def _region_end(lines: list[_Line], start: int) -> int:
    """Index just past the table region that starts at `start`."""
    spaced = not lines[start].has_pipe
    j = start + 1
    n = len(lines)
    while j < n:
        s = lines[j].stripped
        if not s:
            # a blank line continues the region only if the table goes on after it
            k = j + 1
            while k < n and not lines[k].stripped:
                k += 1
            if k < n and _continues(lines, k, spaced):
                j = k
                continue
            break
        if _is_junk(s):
            break
        if _continues(lines, j, spaced):
            j += 1
            continue
        break
    return j


def _continues(lines: list[_Line], j: int, spaced: bool) -> bool:
    line = lines[j]
    s = line.stripped
    if spaced:
        return line.spaced_cells() is not None
    if _is_pipe_line(line):
        return True
    # A bare line between pipe lines is a cell of a one-cell-per-line table …
    if len(s) > MAX_CELL_CHARS:
        return False
    nxt = _next_content(lines, j + 1)
    if nxt is not None and not _is_pipe_line(nxt) and j > 0 and _is_pipe_line(lines[j - 1]):
        # a cell printed over two lines (a line break inside the cell): "|", part 1, part 2, "|"
        after = _next_content(lines, nxt.number)
        if len(nxt.stripped) <= MAX_CELL_CHARS and after is not None and _is_pipe_line(after):
            nxt = after
    if nxt is None or not _is_pipe_line(nxt):
        return False
    # … unless it is an outline heading followed by the start of a new table.
    return not (_OUTLINE_HEADING.match(s) and (_starts_row(nxt.stripped) or len(nxt.pipe_cells()) >= 2))


def _next_content(lines: list[_Line], k: int) -> _Line | None:
    """The first non-blank line at index k or after."""
    n = len(lines)
    while k < n and not lines[k].stripped:
        k += 1
    return lines[k] if k < n else None


def _grid_from_region(region: list[_Line]) -> Grid | None:
    content = [ln for ln in region if ln.stripped]
    if content[0].has_pipe:
        multi = sum(1 for ln in content if ln.has_pipe and len(ln.pipe_cells()) >= 2)
        with_text = sum(1 for ln in content if ln.pipe_cells() or not ln.has_pipe)
        rows = _rows_per_line(content) if multi * 2 >= with_text else _rows_streamed(content)
    else:
        rows = [_spaced_row(ln) for ln in content]
    rows = [r for r in rows if r]
    if not rows:
        return None
    has_values = any(is_value(c.text) and c.text for r in rows for c in r)
    if not has_values and len(rows) < 3:
        return None
    return Grid(rows=rows, pos=content[0].pos())


def _region_as_paragraphs(region: list[_Line]) -> list[Paragraph]:
    out = []
    for ln in region:
        cells = ln.pipe_cells() if ln.has_pipe else [ln.stripped]
        if cells:
            col = ln.text.find(cells[0])
            out.append(Paragraph(" ".join(cells), ln.pos(max(col, 0))))
    return out


def _cells_of_line(line: _Line) -> list[tuple[str, int] | None]:
    """Split a line at pipes into (text, column) pieces; None stands for a pipe."""
    # fast paths for the commonest lines of one-cell-per-line tables: a bare cell, a lone pipe
    if not line.has_pipe:
        return [(line.stripped, line.text.find(line.stripped))] if line.stripped else []
    if line.stripped == "|":
        return [None]
    out: list[tuple[str, int] | None] = []
    col = 0
    for k, piece in enumerate(line.text.split("|")):
        if k:
            out.append(None)
            col += 1
        stripped = piece.strip()
        if stripped:
            out.append((stripped, col + piece.index(stripped)))
        col += len(piece)
    return out


def _cells_from_events(events: list[tuple[str, _Line, int] | None]) -> list[Cell]:
    """Cells between pipes; texts of one cell on several lines are joined with a space."""
    if events and events[0] is None:
        events = events[1:]
    cells: list[Cell] = []
    texts: list[str] = []
    first: tuple[_Line, int] | None = None
    for ev in [*events, None]:
        if ev is None:
            pos = first[0].pos(first[1]) if first else Position()
            cells.append(Cell(" ".join(texts), pos))
            texts, first = [], None
        else:
            text, line, col = ev
            texts.append(text)
            if first is None:
                first = (line, col)
    # the pipe that closes a row leaves one empty cell behind
    if cells and not cells[-1].text:
        cells.pop()
    return cells


def _rows_per_line(content: list[_Line]) -> list[list[Cell]]:
    rows = []
    for ln in content:
        if ln.has_pipe:
            events = [None if p is None else (p[0], ln, p[1]) for p in _cells_of_line(ln)]
            rows.append(_cells_from_events(events))
        else:
            rows.append(_spaced_row(ln))
    return rows


def _rows_streamed(content: list[_Line]) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    events: list[tuple[str, _Line, int] | None] = []
    for ln in content:
        if _starts_row(ln.stripped) and events:
            rows.append(_cells_from_events(events))
            events = []
        events.extend(None if p is None else (p[0], ln, p[1]) for p in _cells_of_line(ln))
    if events:
        rows.append(_cells_from_events(events))
    return rows


def _spaced_row(line: _Line) -> list[Cell]:
    parts = line.spaced_cells() or [line.stripped]
    cells = []
    col = 0
    for part in parts:
        first_token = part.split()[0]
        col = line.text.find(first_token, col)
        cells.append(Cell(part, line.pos(max(col, 0))))
        col = max(col, 0) + len(first_token)
    return cells


def _paragraph(line: _Line) -> Paragraph:
    text = _JUNK_FRAGMENT.sub("", line.text).strip()
    text = text.strip("|").strip()
    text = re.sub(r"^#{1,6}\s+", "", text)  # a Markdown heading
    col = line.text.find(text[:8]) if text else 0
    return Paragraph(text, line.pos(max(col, 0)))
