"""The reader boundary: no character leaves a reader that cannot be written out.

A lone surrogate (a DOCX `<w:sym w:char="D800"/>`, a PDF ToUnicode map to U+DEC0, a file name
that is not UTF-8) cannot be encoded as UTF-8: JSON output, rendering and the CLI would fail on
it far from the file that caused it. Control characters (NUL, BEL, …) are refused by XML (DOCX,
XLSX outputs) and by lxml's parser. Both are replaced by U+FFFD (one character for one, so
positions stay valid) and a reader note says how many were replaced.
"""

from __future__ import annotations

import re

import nianbao.limits as limits  # the module: tests and callers may change its constants

from ..document import Document, Grid, ImageRef, Paragraph, ReaderNote

_SURROGATES = re.compile("[\ud800-\udfff]")
# C0 controls except tab, line feed, form feed and carriage return (page breaks and line ends are text)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_BAD = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0e-\x1f]")
REPLACEMENT = "\ufffd"


def clean_text(text: str) -> tuple[str, int, int]:
    """`text` with surrogates and control characters replaced; how many of each were replaced."""
    if _BAD.search(text) is None:
        return text, 0, 0
    text, n_sur = _SURROGATES.subn(REPLACEMENT, text)
    text, n_ctl = _CONTROLS.subn(REPLACEMENT, text)
    return text, n_sur, n_ctl


def note(n_surrogates: int, n_controls: int) -> ReaderNote | None:
    """The reader note for replaced characters (None when there were none)."""
    if not n_surrogates and not n_controls:
        return None
    zh, en = [], []
    if n_surrogates:
        zh.append(f"{n_surrogates} 个无法编码的字符（孤立的代理码位）")
        en.append(f"{n_surrogates} unencodable characters (lone surrogates)")
    if n_controls:
        zh.append(f"{n_controls} 个控制字符（如 NUL）")
        en.append(f"{n_controls} control characters (such as NUL)")
    return ReaderNote("extract.reader_note", f"文件中有{'和'.join(zh)}，已替换为�",
                      f"{' and '.join(en)} were replaced by U+FFFD")


def cap_document(doc: Document) -> Document:
    """Keep the blocks up to limits.MAX_DOCUMENT_CHARS characters of text; a note for the rest.

    Extraction normalises and searches every character (NFKC alone costs ~1 µs per character), so
    the text a file yields is bounded whatever its format: a report has 20,000-100,000 characters.
    """
    cap = limits.MAX_DOCUMENT_CHARS
    total = 0
    for k, b in enumerate(doc.blocks):
        if isinstance(b, Paragraph):
            total += len(b.text)
        elif isinstance(b, Grid):
            total += sum(len(c.text) for row in b.rows for c in row)
        if total > cap:
            dropped = len(doc.blocks) - k
            del doc.blocks[k:]
            doc.notes.append(ReaderNote(
                "extract.reader_note",
                f"文件文字过多（超过 {cap} 个字符）：只读取了前 {k} 段，其余 {dropped} 段（含表格）未读取",
                f"too much text (more than {cap} characters): only the first {k} blocks were read, {dropped} were not"))
            break
    return doc


def sanitize_document(doc: Document) -> Document:
    """Replace unencodable and control characters in every text of `doc`, adding one note."""
    texts: list[str] = [doc.path, doc.page_title or ""]
    texts.extend(doc.page_meta)
    texts.extend(doc.page_meta.values())
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            texts.append(b.text)
        elif isinstance(b, Grid):
            texts.extend(c.text for row in b.rows for c in row)
        elif isinstance(b, ImageRef):
            texts.append(b.src)
            texts.append(b.alt)
    for n in doc.notes:
        texts.extend((n.message, n.message_en, n.evidence, *n.cells))
    # one search over everything (the usual, clean case costs one join and one scan in C)
    if _BAD.search("\n".join(texts)) is None:
        return doc
    counts = [0, 0]

    def fix(text: str) -> str:
        out, s, c = clean_text(text)
        counts[0] += s
        counts[1] += c
        return out

    doc.path = fix(doc.path)
    if doc.page_title:
        doc.page_title = fix(doc.page_title)
    doc.page_meta = {fix(k): fix(v) for k, v in doc.page_meta.items()}
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            b.text = fix(b.text)
        elif isinstance(b, Grid):
            for row in b.rows:
                for c in row:
                    c.text = fix(c.text)
        elif isinstance(b, ImageRef):
            b.src, b.alt = fix(b.src), fix(b.alt)
    for n in doc.notes:
        n.message, n.message_en, n.evidence = fix(n.message), fix(n.message_en), fix(n.evidence)
        n.cells = tuple(fix(c) for c in n.cells)
    extra = note(counts[0], counts[1])
    if extra is not None:
        doc.notes.append(extra)
    return doc
