"""Word (.docx) → Document.

The body XML is walked in order, so paragraphs and tables interleave as printed:

- paragraphs: the text of their runs (deleted revisions left out), with the list number Word
  draws in front of them when the paragraph is numbered automatically (一、 （一） 1. …, worked
  out from numbering.xml); literal numbering typed into the text is kept as it is;
- tables: one `Grid` per table, `gridSpan` and `vMerge` continuation cells become merged copies
  (`Cell(merged=True)`); a table nested in a cell ends the rows read so far, is emitted as its own
  grid, and the outer table goes on after it (so rows stay in reading order);
- text boxes (`w:txbxContent`) are read after the paragraph that anchors them; of the two copies
  Word writes (DrawingML and the VML fallback) only the first is read;
- content controls (`w:sdt`) and other wrappers are looked into.

Files are checked before parsing: the zip directory's uncompressed sizes (a zip bomb is
refused), the presence of word/document.xml, and the number of tables and cells (more than
MAX_TABLES / MAX_CELLS are not read and a note says so).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from ..document import Block, Cell, Document, Grid, ImageRef, Paragraph, Position, ReaderNote
from ..errors import ReadError
from ..limits import MAX_DOCUMENT_CELLS, MAX_TABLE_CELLS, check_deadline
from ..normalize import CN_DIGITS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = f"{{{W}}}"

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # all parts together
MAX_PART = 16 * 1024 * 1024  # one part (document.xml of a report: 0.1-3 MB; parsing costs ~0.3 s per MB)
MAX_RATIO = 200  # uncompressed / compressed, for parts larger than 1 MB
MAX_ENTRIES = 5000
MAX_TABLES = 1000
MAX_CELLS = MAX_DOCUMENT_CELLS
MAX_LEVEL = 8  # list levels 0-8, as in Word


def _check_zip(path: str, data: bytes) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ReadError(path, "不是有效的 Word 文档（zip 结构损坏或文件不完整）",
                        "not a valid .docx (damaged or truncated zip)") from None
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise ReadError(path, f"Word 文档内部文件过多（{len(infos)} 个），拒绝读取",
                        f"too many parts in the .docx ({len(infos)})")
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART and ratio <= MAX_RATIO:
            raise ReadError(path, f"Word 文档中的 {info.filename} 解压后过大（{info.file_size} 字节，上限 {MAX_PART} 字节），"
                                  "年度报告不会这么大，拒绝读取",
                            f"part {info.filename} expands to {info.file_size} bytes (limit {MAX_PART}): refused")
        if info.file_size > MAX_PART or (info.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            raise ReadError(path, f"Word 文档中的 {info.filename} 解压后过大（{info.file_size} 字节，压缩比 "
                                  f"{ratio:.0f}），疑似压缩炸弹，拒绝读取",
                            f"part {info.filename} expands to {info.file_size} bytes (ratio {ratio:.0f}): "
                            "refused as a possible zip bomb")
    if total > MAX_UNCOMPRESSED:
        raise ReadError(path, f"Word 文档解压后过大（{total} 字节），拒绝读取",
                        f"the .docx expands to {total} bytes: refused")
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        hint = "（这是 Excel 或 PowerPoint 文件？）" if any(n.startswith(("xl/", "ppt/")) for n in names) else ""
        raise ReadError(path, f"不是 Word 文档：zip 中没有 word/document.xml{hint}",
                        "not a Word document: no word/document.xml in the zip")
    return zf


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)


def _xml(zf: zipfile.ZipFile, name: str, needed: bytes | None = None, path: str = "") -> etree._Element | None:
    """A part parsed; None when it is missing (or, with `needed`, when it does not contain those bytes).

    Entities are never resolved (no external entity is fetched or read) and libxml2's limits stay
    on (no `huge_tree`): nesting deeper than 256 and entity expansion are refused with a ReadError.
    """
    try:
        with zf.open(name) as fh:
            data = fh.read(MAX_PART + 1)
    except KeyError:
        return None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, ValueError) as exc:
        raise ReadError(path, f"Word 文档中的 {name} 无法解压（压缩数据损坏或使用了不支持的压缩方式：{exc}）",
                        f"cannot decompress {name}: {exc}") from None
    if needed is not None and needed not in data:
        return None
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReadError(path, f"Word 文档中的 {name} 不是有效的 XML：{_xml_reason(str(exc))}",
                        f"{name} is not valid XML: {exc}") from None


def _xml_reason(detail: str) -> str:
    """A Chinese reason for libxml2's message (the English detail follows in parentheses)."""
    low = detail.lower()
    if "depth" in low:
        reason = "元素嵌套层数过深（超过 256 层），拒绝读取"
    elif "amplification" in low or "entity" in low and ("loop" in low or "expan" in low):
        reason = "含有递归展开的实体定义（实体扩展攻击），拒绝读取"
    elif "entity" in low:
        reason = "引用了未定义或外部的实体"
    elif "premature end" in low or "extra content" in low or "not properly terminated" in low:
        reason = "内容不完整或已损坏"
    elif "encoding" in low or "char" in low:
        reason = "含有无效字符或编码错误"
    else:
        reason = "结构损坏"
    return f"{reason}（{detail}）"


# --------------------------------------------------------------------------- numbering


def _cn(n: int) -> str:
    digits = CN_DIGITS
    if n <= 10:
        return "十" if n == 10 else digits[n]
    if n < 20:
        return "十" + (digits[n - 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
MAX_ROMAN = 3999  # the largest number Roman numerals write without overbars; larger ones print as digits
MAX_LIST_NUMBER = 32767  # Word's own upper bound for a list's start value; counters are clamped to it


def _roman(n: int) -> str:
    """Computed digit by digit (a list starting at 2**31-1 once took minutes when counted up to)."""
    if not 1 <= n <= MAX_ROMAN:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        q, n = divmod(n, value)
        out.append(letters * q)
    return "".join(out)


def _int(value: str | None, default: int, low: int, high: int) -> int:
    """A numbering attribute as Word reads it: a bad or missing value is the default, the rest clamped."""
    if value is None:
        return default
    text = value.strip()
    if not text or len(text) > 12 or not text.lstrip("+-").isdigit():
        return default
    return min(max(int(text), low), high)


def _fmt(n: int, kind: str) -> str:
    if kind in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional"):
        if kind == "ideographTraditional":
            return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10]
        return _cn(n)
    if kind == "decimalEnclosedCircle" or kind == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if kind in ("upperLetter", "lowerLetter"):
        s = chr(ord("A") + (n - 1) % 26)
        return s if kind == "upperLetter" else s.lower()
    if kind in ("upperRoman", "lowerRoman"):
        out = _roman(n)
        return out if kind == "upperRoman" else out.lower()
    if kind == "none" or kind == "bullet":
        return ""
    if kind == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    return str(n)


@dataclass
class _Numbering:
    """Auto numbering (numbering.xml): the label Word draws before a numbered paragraph."""

    levels: dict[str, dict[int, tuple[str, str, int]]] = field(default_factory=dict)  # numId -> ilvl -> lvl
    counters: dict[str, list[int]] = field(default_factory=dict)  # abstract id -> counters

    abstract_of: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, root: etree._Element | None) -> _Numbering:
        num = cls()
        if root is None:
            return num
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for a in root.iterfind(f"{_W}abstractNum"):
            lv: dict[int, tuple[str, str, int]] = {}
            for lvl in a.iterfind(f"{_W}lvl"):
                ilvl = _int(lvl.get(f"{_W}ilvl"), 0, 0, MAX_LEVEL)
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                lv[ilvl] = (fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                            text.get(f"{_W}val", "") if text is not None else "",
                            _int(start.get(f"{_W}val"), 1, 0, MAX_LIST_NUMBER) if start is not None else 1)
            abstract[a.get(f"{_W}abstractNumId", "")] = lv
        for n in root.iterfind(f"{_W}num"):
            ref = n.find(f"{_W}abstractNumId")
            if ref is not None:
                aid = ref.get(f"{_W}val", "")
                num.levels[n.get(f"{_W}numId", "")] = abstract.get(aid, {})
                num.abstract_of[n.get(f"{_W}numId", "")] = aid
        return num

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        key = self.abstract_of.get(num_id, num_id)
        counters = self.counters.setdefault(key, [0] * (MAX_LEVEL + 1))
        for k in range(ilvl + 1):
            if counters[k] == 0 and k < ilvl:
                counters[k] = levels.get(k, ("", "", 1))[2]
        counters[ilvl] = min(counters[ilvl] + 1, MAX_LIST_NUMBER) if counters[ilvl] else levels[ilvl][2]
        for k in range(ilvl + 1, MAX_LEVEL + 1):
            counters[k] = 0
        fmt, text, _ = levels[ilvl]
        if fmt == "bullet":
            return ""
        out = text
        for k in range(ilvl + 1):
            out = out.replace(f"%{k + 1}", _fmt(counters[k], levels.get(k, (fmt, "", 1))[0]))
        return out


# --------------------------------------------------------------------------- body walk


class _Lazy:
    """numbering.xml and the numbering of paragraph styles, parsed only when a paragraph needs them.

    styles.xml is often the largest part of a .docx (python-docx's template: 350 KB, ~10 ms to
    parse) and is only needed for a paragraph that names a style and has no numbering of its own.
    """

    def __init__(self, zf: zipfile.ZipFile, path: str = "") -> None:
        self._zf = zf
        self._path = path
        self.notes: list[ReaderNote] = []
        self._numbering: _Numbering | None = None
        self._styles: dict[str, tuple[str, int]] | None = None

    def _optional(self, name: str, needed: bytes | None = None) -> etree._Element | None:
        """A part the text does not depend on: when it is broken, Word ignores it, and so do we."""
        try:
            return _xml(self._zf, name, needed, self._path)
        except ReadError as exc:
            self.notes.append(ReaderNote("extract.reader_note", f"{exc.reason}；已忽略该部分（自动编号未读取），正文照常读取",
                                         f"{exc.reason_en}; the part was ignored (no automatic numbering)"))
            return None

    @property
    def numbering(self) -> _Numbering:
        if self._numbering is None:
            self._numbering = _Numbering.load(self._optional("word/numbering.xml"))
        return self._numbering

    @property
    def styles_num(self) -> dict[str, tuple[str, int]]:
        if self._styles is None:
            self._styles = _style_numbering(self._optional("word/styles.xml", b"numPr"))
        return self._styles


@dataclass
class _State:
    parts: _Lazy
    table_index: int = 0
    cells: int = 0
    tables_skipped: int = 0
    rows_dropped: int = 0  # rows of tables cut at MAX_TABLE_CELLS
    paragraph_index: int = 0
    media: bool = False  # the file holds pictures: paragraphs are searched for them


# tag names, built once (the walk compares every element's tag with them)
_T, _TAB, _SYM, _CHAR, _VAL = f"{_W}t", f"{_W}tab", f"{_W}sym", f"{_W}char", f"{_W}val"
_TXBX, _ALT, _CHOICE = f"{_W}txbxContent", f"{{{MC}}}AlternateContent", f"{{{MC}}}Choice"
_P, _PPR, _TBL, _TR, _TC, _TCPR, _SDT, _SDT_CONTENT = (f"{_W}{n}" for n in ("p", "pPr", "tbl", "tr", "tc", "tcPr",
                                                                           "sdt", "sdtContent"))
_NUMPR, _NUMID, _ILVL, _PSTYLE = f"{_W}numPr", f"{_W}numId", f"{_W}ilvl", f"{_W}pStyle"
_GRIDSPAN, _VMERGE = f"{_W}gridSpan", f"{_W}vMerge"
_FIXED = {f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}  # (tab handled with them below)
_FIXED[_TAB] = "\t"
# not visible (deleted revisions, field codes), properties, and the fallback copy of a text box
_HIDDEN = frozenset((f"{_W}del", f"{_W}delText", f"{_W}instrText", _PPR, f"{_W}rPr", f"{{{MC}}}Fallback"))


def _paragraph_text(p: etree._Element, boxes: list[etree._Element]) -> str:
    """Visible text of a paragraph; text boxes met on the way are collected into `boxes`."""
    parts: list[str] = []
    append = parts.append

    def walk(el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if tag == _T:
                append(child.text or "")
            elif tag in _HIDDEN or not isinstance(tag, str):  # (comments and processing instructions)
                continue
            elif tag in _FIXED:
                append(_FIXED[tag])
            elif tag == _SYM:
                code = child.get(_CHAR, "")
                # a surrogate code passes (the reader boundary replaces it and says so); others
                # outside Unicode are dropped as Word draws nothing for them
                if 0 < len(code) <= 6:
                    try:
                        append(chr(int(code, 16)))
                    except ValueError:
                        pass
            elif tag == _TXBX:
                boxes.append(child)
            elif tag == _ALT:
                choice = child.find(_CHOICE)
                walk(choice if choice is not None else child)
            elif len(child):
                walk(child)

    walk(p)
    return "".join(parts)


def _first_child(el: etree._Element, tag: str) -> etree._Element | None:
    """`el.find(tag)` for a plain tag (the first child with that tag), without ElementPath's overhead;
    properties (pPr, tcPr) are the first child when present, so this usually looks at one element."""
    for child in el:
        if child.tag == tag:
            return child
    return None


def _numbering_label(p: etree._Element, state: _State) -> str:
    ppr = _first_child(p, _PPR)
    if ppr is None:
        return ""
    numpr = ppr.find(_NUMPR)
    num_id, ilvl = None, 0
    if numpr is not None:
        nid = numpr.find(_NUMID)
        lvl = numpr.find(_ILVL)
        num_id = nid.get(_VAL) if nid is not None else None
        ilvl = _int(lvl.get(_VAL), 0, 0, MAX_LEVEL) if lvl is not None else 0
    else:
        style = ppr.find(_PSTYLE)
        if style is not None and style.get(_VAL) in state.parts.styles_num:
            num_id, ilvl = state.parts.styles_num[style.get(_VAL, "")]
    if not num_id or num_id == "0":
        return ""
    return state.parts.numbering.label(num_id, ilvl)


def _blocks(container: etree._Element, state: _State) -> Iterator[Block]:
    for child in container:
        tag = child.tag
        if tag == _P:
            boxes: list[etree._Element] = []
            text = _paragraph_text(child, boxes)
            label = _numbering_label(child, state)
            full = (label + text) if text.strip() else ""
            state.paragraph_index += 1
            if not state.paragraph_index & 1023:
                check_deadline()
            for piece in full.split("\n"):
                if piece.strip():
                    yield Paragraph(piece.strip(), Position(line=state.paragraph_index))
            if state.media:
                for blip in child.iter(_BLIP):
                    rid = blip.get(_EMBED)
                    if rid:
                        yield ImageRef(src=f"docx-rel:{rid}", pos=Position(line=state.paragraph_index))
            for box in boxes:
                yield from _blocks(box, state)
        elif tag == _TBL:
            yield from _table(child, state)
        elif tag == f"{_W}sectPr" or not isinstance(tag, str):
            continue
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _blocks(content, state)
        else:  # customXml, smartTag, ins, … : look inside
            yield from _blocks(child, state)


def _table(tbl: etree._Element, state: _State) -> Iterator[Block]:
    check_deadline()
    if state.table_index >= MAX_TABLES or state.cells >= MAX_CELLS:
        state.tables_skipped += 1
        return
    index = state.table_index
    cells_before = state.cells
    state.table_index += 1
    rows: list[list[Cell]] = []
    nested: list[Block] = []
    start_row = 0
    r = -1
    for tr in tbl:
        if tr.tag != _TR:
            continue
        r += 1
        row: list[Cell] = []
        col = 0
        for tc in tr:
            if tc.tag != _TC:
                continue
            tcpr = _first_child(tc, _TCPR)
            span, continued = 1, False
            if tcpr is not None:
                gs = tcpr.find(_GRIDSPAN)
                if gs is not None:
                    span = _int(gs.get(_VAL), 1, 1, 64)
                vm = tcpr.find(_VMERGE)
                continued = vm is not None and vm.get(_VAL, "continue") == "continue"
            texts: list[str] = []
            _cell_texts(tc, state, nested, texts)
            pos = Position(table=index, row=r, col=col)
            row.append(Cell("" if continued else "".join(texts).strip(), pos, merged=continued))
            for k in range(1, span):
                row.append(Cell("", Position(table=index, row=r, col=col + k), merged=True))
            col += span
            state.cells += span
        rows.append(row)
        if nested:  # a nested table: emit the rows so far, then the nested grids, then go on
            yield Grid(rows=rows[start_row:], pos=Position(table=index, row=start_row))
            yield from nested
            nested = []
            start_row = len(rows)
        if state.cells >= MAX_CELLS:
            break
        if state.cells - cells_before >= MAX_TABLE_CELLS:  # a template table has < 400 cells
            state.rows_dropped += sum(1 for tr in tbl if tr.tag == _TR) - (r + 1)
            break
    if rows[start_row:]:
        yield Grid(rows=rows[start_row:], pos=Position(table=index, row=start_row))


def _cell_texts(tc: etree._Element, state: _State, nested: list[Block], out: list[str]) -> None:
    """Text of a cell's own paragraphs (lines joined) appended to `out`; nested tables go to `nested`."""
    first = True
    for child in tc:
        tag = child.tag
        if tag == _P:
            boxes: list[etree._Element] = []
            text = _numbering_label(child, state) + _paragraph_text(child, boxes)
            text = text.replace("\n", "").strip()
            if text:
                if not first:
                    out.append("" if _joins(text) else " ")
                out.append(text)
                first = False
            for box in boxes:
                nested.extend(_blocks(box, state))
        elif tag == _TBL:
            nested.extend(_table(child, state))
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                _cell_texts(content, state, nested, out)


def _joins(text: str) -> bool:
    o = ord(text[0])
    return 0x2E80 <= o <= 0x9FFF or 0xFF00 <= o <= 0xFFEF or 0x3000 <= o <= 0x303F or text[0].isdigit()


def _style_numbering(styles: etree._Element | None) -> dict[str, tuple[str, int]]:
    out: dict[str, tuple[str, int]] = {}
    if styles is None:
        return out
    for st in styles.iterfind(f"{_W}style"):
        numpr = st.find(f"{_W}pPr/{_W}numPr")
        if numpr is None:
            continue
        nid = numpr.find(f"{_W}numId")
        lvl = numpr.find(f"{_W}ilvl")
        if nid is not None:
            out[st.get(f"{_W}styleId", "")] = (nid.get(f"{_W}val", ""), _int(lvl.get(f"{_W}val"), 0, 0, MAX_LEVEL)
                                                if lvl is not None else 0)
    return out


_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def _read_pictures(zf: zipfile.ZipFile, doc: Document) -> None:
    """Pictures in the body (a table pasted as an image) are OCR'd where they stand."""
    from .image import expand_images

    rels = _xml(zf, "word/_rels/document.xml.rels", path=doc.path)  # an error names the file
    targets = {r.get("Id", ""): r.get("Target", "") for r in rels.iter(_REL)} if rels is not None else {}
    for block in doc.blocks:
        if isinstance(block, ImageRef) and block.src.startswith("docx-rel:"):
            target = targets.get(block.src[9:], "")
            block.src = "word/" + target.lstrip("/").removeprefix("word/") if target else block.src

    def load(src: str) -> bytes | None:
        try:
            info = zf.getinfo(src)
        except KeyError:
            return None
        if info.file_size > 50 * 1024 * 1024:  # the zip check bounds the whole file; one picture too
            return None
        return zf.read(src)

    expand_images(doc, load)


def read_docx(path: str, data: bytes, sha256: str) -> Document:
    zf = _check_zip(path, data)
    root = _xml(zf, "word/document.xml", path=path)
    body = root.find(f"{_W}body") if root is not None else None
    if body is None:
        raise ReadError(path, "Word 文档没有正文（word/document.xml 中没有 w:body）", "no w:body in word/document.xml")
    state = _State(_Lazy(zf, path))
    doc = Document(path=path, format="docx", sha256=sha256)
    state.media = any(n.startswith("word/media/") for n in zf.namelist())
    doc.blocks.extend(_blocks(body, state))
    doc.notes.extend(state.parts.notes)
    if state.rows_dropped:
        doc.notes.append(ReaderNote("extract.reader_note",
                                    f"Word 文档表格单元格过多（每个表格上限 {MAX_TABLE_CELLS} 个）：{state.rows_dropped} 行未读取",
                                    f"too many cells in a table (limit {MAX_TABLE_CELLS}): {state.rows_dropped} rows "
                                    "were not read"))
    if state.media:
        _read_pictures(zf, doc)
    if state.tables_skipped:
        doc.notes.append(ReaderNote("extract.reader_note",
                                    f"Word 文档表格过多，只读取了前 {state.table_index} 个表格（{state.cells} 个单元格），"
                                    f"其余 {state.tables_skipped} 个未读取",
                                    f"too many tables: only the first {state.table_index} ({state.cells} cells) were "
                                    f"read, {state.tables_skipped} skipped"))
    return doc
