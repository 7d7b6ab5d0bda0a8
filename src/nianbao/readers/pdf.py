"""PDF (text layer) → Document.

The layout work is in `pdf_layout` (library independent); the characters, ruling lines and
images of each page come from a backend: `pdfium` (pypdfium2, the default: measured about 6x
faster than pdfplumber on the same files, see docs/pdf-docx.md) or `plumber` (pdfplumber).

Pages without a text layer (scans) are rendered at OCR_DPI and read by OCR (readers/image_tables.py)
in the same layout pass as the text pages, and big pictures on text pages too; `extract.ocr_pages` says
so. Without the OCR engine (or with NIANBAO_OCR=0) they are reported in `Document.notes` (rule
`extract.scanned_pages`) and stand in the blocks as `ImageRef(src="pdf-page:N")`; tables are never guessed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..document import Document, ImageRef, Position, ReaderNote
from ..errors import ReadError
from ..limits import MAX_PDF_CHARS, check_deadline
from .pdf_layout import PageLayout, is_unreadable, layout_blocks

MAX_PAGES = 300  # an annual report has 3-40 pages; more pages are not read (and a note says so)
MIN_TEXT_CHARS = 10  # a page with an image and fewer visible characters than this is a scan
# read pages without a text layer by OCR (NIANBAO_OCR=0: only report them, as before OCR existed)
OCR = os.environ.get("NIANBAO_OCR", "1") != "0"
# Pages without a text layer are rendered at this resolution for OCR: measured on the synthetic scans
# (bench/bench_ocr.py, docs/ocr.md), 200 dpi read 100 % of the cells, 300 dpi 99.5 %, 150 dpi 96 %.
OCR_DPI = 200
UNREADABLE_SHARE = 0.3  # more unmapped glyphs than this: the text layer is garbage (odd font encoding)

Backend = Callable[[bytes, str], tuple[list[PageLayout | None], int]]


def _pdfium_pages(data: bytes, path: str) -> tuple[list[PageLayout | None], int]:
    import pypdfium2 as pdfium

    from .pdf_pdfium import page_layout

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise _open_error(path, str(exc)) from None
    try:
        total = len(pdf)
        return _layouts(page_layout, pdf, total), total
    finally:
        pdf.close()


def _layouts(layout: Callable[[Any, int], PageLayout], pdf: Any, total: int) -> list[PageLayout | None]:
    """Pages up to MAX_PAGES, and only while their characters stay within limits.MAX_PDF_CHARS
    (a page of 240,000 characters takes ~4 s to lay out; the pages after the limit are not read,
    and the note on pages not read says so)."""
    out: list[PageLayout | None] = []
    chars = 0
    for i in range(min(total, MAX_PAGES)):
        if chars > MAX_PDF_CHARS:
            break
        page = _checked(layout, pdf, i)
        chars += len(page.chars) if page is not None else 0
        out.append(page)
    return out


def _checked(layout: Callable[[Any, int], PageLayout], pdf: Any, i: int) -> PageLayout | None:
    """Page i's layout, or None when the page cannot be loaded (a damaged page object): the other
    pages are still read, and a note names the pages left out."""
    check_deadline()  # between pages: one page's layout is not interrupted
    try:
        return layout(pdf, i)
    except ReadError:
        raise
    except Exception:  # noqa: BLE001 - pdfium/pdfminer raise many types for a damaged page
        return None


def _plumber_pages(data: bytes, path: str) -> tuple[list[PageLayout | None], int]:
    from .pdf_plumber import open_pdf, page_layout

    try:
        pdf = open_pdf(data)
    except Exception as exc:  # pdfminer raises many types: PDFSyntaxError, PDFPasswordIncorrect, …
        raise _open_error(path, f"{type(exc).__name__}: {exc}") from None
    try:
        total = len(pdf.pages)
        return _layouts(page_layout, pdf, total), total
    finally:
        pdf.close()


BACKENDS: dict[str, Backend] = {"pdfium": _pdfium_pages, "plumber": _plumber_pages}


def _open_error(path: str, detail: str) -> ReadError:
    low = detail.lower()
    if "password" in low or "encrypt" in low:
        return ReadError(path, "PDF 已加密（需要密码），无法读取；请提供未加密的文件",
                         "the PDF is encrypted (password required)")
    if "format" in low or "syntax" in low or "no /root" in low or "eof" in low:
        return ReadError(path, "不是有效的 PDF 文件，或文件已损坏、不完整",
                         f"not a valid PDF, or the file is damaged or truncated ({detail})")
    return ReadError(path, f"无法打开 PDF：{detail}", f"cannot open the PDF: {detail}")


def read_pdf(path: str, data: bytes, sha256: str, backend: str = "pdfium") -> Document:
    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise ReadError(path, "不是 PDF 文件（文件头不是 %PDF）", "not a PDF file (no %PDF header)")
    loaded, total = BACKENDS[backend](data, path)
    pages = [p for p in loaded if p is not None]
    broken = [k + 1 for k, p in enumerate(loaded) if p is None]
    if broken and not pages:
        raise ReadError(path, "PDF 已损坏：所有页面都无法载入", "the PDF is damaged: no page can be loaded")
    doc = Document(path=path, format="pdf", sha256=sha256)
    text_pages: list[PageLayout] = []
    scanned: list[int] = []
    garbled: list[int] = []
    slots: list[tuple[int, PageLayout | None]] = []
    for page in pages:
        visible, bad = _count_chars(page)
        # a scan: an image with (next to) no text on it; a page of a few characters and no image
        # is text (a last page holding only the date of the signature), an empty page is skipped
        if not visible or (visible < MIN_TEXT_CHARS and page.images):
            if page.images:
                scanned.append(page.number)
            slots.append((page.number, None))
        elif bad > UNREADABLE_SHARE * visible:
            garbled.append(page.number)
            slots.append((page.number, None))
        else:
            text_pages.append(page)
            slots.append((page.number, page))
    # pages without a usable text layer are rendered and OCR'd into the same kind of layout, so one
    # layout pass reads both (a table running from a text page onto a scanned one is still joined)
    ocr_pages = _ocr_pages(path, data, scanned + garbled) if (scanned or garbled) and OCR else {}
    if ocr_pages:
        text_pages = sorted(text_pages + [p.layout for p in ocr_pages.values()], key=lambda p: p.number)
        slots = [(n, page if page is not None else (ocr_pages[n].layout if n in ocr_pages else None))
                 for n, page in slots]
    # a big picture on a text page (a table pasted as an image) is read into that page's layout
    pictures = _ocr_pictures(data, text_pages) if OCR else []
    # blocks of text pages, with a page image standing in for each page without text
    blocks = layout_blocks(text_pages)
    if ocr_pages or pictures:
        from .image_tables import attach_readings

        attach_readings(blocks, list(ocr_pages.values()) + pictures)
    by_page: dict[int, list] = {}
    for b in blocks:
        by_page.setdefault(b.pos.page or 0, []).append(b)
    for number, page in slots:
        if number in ocr_pages:  # the page image stays referenced before what OCR read from it
            doc.blocks.append(ImageRef(src=f"pdf-page:{number}", alt="page read by OCR", pos=Position(page=number)))
        if page is None:
            if number in scanned or number in garbled:
                doc.blocks.append(ImageRef(src=f"pdf-page:{number}", alt="page without text layer",
                                           pos=Position(page=number)))
            continue
        doc.blocks.extend(by_page.get(number, []))
    if pictures:
        numbers = sorted({p.layout.number for p in pictures})
        doc.notes.append(_pages_note("extract.ocr_pages", numbers, len(pages),
                                     "中的图片经 OCR 识别；识别的数字请对照原件核对",
                                     "carry pictures that were read by OCR; check the numbers against the original"))
    if ocr_pages:
        doc.notes.append(_pages_note("extract.ocr_pages", sorted(ocr_pages), len(pages),
                                     f"没有文字层，已按 {OCR_DPI} dpi 渲染后 OCR 识别；识别的数字请对照原件核对"
                                     "（--explain 中标为 OCR，低置信度的另有标记）",
                                     f"have no text layer and were read by OCR at {OCR_DPI} dpi; check the numbers "
                                     "against the original"))
        scanned = [n for n in scanned if n not in ocr_pages]
        garbled = [n for n in garbled if n not in ocr_pages]
    if scanned:
        doc.notes.append(_pages_note("extract.scanned_pages", scanned, len(loaded),
                                     "没有文字层（扫描件或图片），其中的表格和文字未读取，需 OCR 识别",
                                     "have no text layer (scanned or image only); their text and tables were "
                                     "not read and need OCR"))
    if garbled:
        doc.notes.append(_pages_note("extract.scanned_pages", garbled, len(loaded),
                                     "的文字层编码无法识别（字体未映射到 Unicode），其中的表格和文字未读取，需 OCR 识别",
                                     "have a text layer whose font encoding cannot be mapped to Unicode; their "
                                     "text and tables were not read and need OCR"))
    if broken:
        doc.notes.append(_pages_note("extract.reader_note", broken, len(loaded), "已损坏，无法载入，其中的内容未读取",
                                     "are damaged and could not be loaded; their content was not read"))
    if total > len(loaded):
        doc.notes.append(ReaderNote("extract.reader_note",
                                    f"PDF 共 {total} 页，只读取了前 {len(loaded)} 页（上限 {MAX_PAGES} 页、"
                                    f"{MAX_PDF_CHARS} 个字符）",
                                    f"the PDF has {total} pages; only the first {len(loaded)} were read "
                                    f"(limits: {MAX_PAGES} pages, {MAX_PDF_CHARS} characters)"))
    return doc


def _ocr_pages(path: str, data: bytes, numbers: list[int]) -> dict[int, Any]:
    """page number → OcrPage of the pages rendered at OCR_DPI and read by OCR ({} when OCR is not installed)."""
    from . import ocr

    if not ocr.available():
        return {}
    import pypdfium2 as pdfium

    from .image_tables import analyse_page

    out: dict[int, Any] = {}
    pdf = pdfium.PdfDocument(data)
    try:
        for n in sorted(numbers):
            image = pdf[n - 1].render(scale=OCR_DPI / 72, grayscale=True).to_pil()
            out[n] = analyse_page(image, n, OCR_DPI)
    finally:
        pdf.close()
    return out


PICTURE_SHARE = 0.08  # a picture covering less of a text page than this is a logo, a seal or a signature


def _big_pictures(page: PageLayout) -> list[tuple[float, float, float, float]]:
    if page.rotation:
        return []  # reading space is turned; the crop would need the same turn
    area = page.width * page.height
    out = []
    for b in page.images:
        if (b[2] - b[0]) * (b[3] - b[1]) < PICTURE_SHARE * area or min(b[2] - b[0], b[3] - b[1]) < 60:
            continue
        # a scan that already carries a text layer (a "searchable" PDF) over its picture: read that layer
        over = sum(1 for c in page.chars if b[0] <= c.x0 <= b[2] and b[1] <= c.top <= b[3] and not c.text.isspace())
        if over < MIN_TEXT_CHARS:
            out.append(b)
    return out


def _ocr_pictures(data: bytes, pages: list[PageLayout]) -> list[Any]:
    """OcrPages of the big pictures on text pages, placed where they sit (their text joins the page's)."""
    found_boxes = [(page, boxes) for page in pages if (boxes := _big_pictures(page))]
    if not found_boxes:
        return []
    from . import ocr

    if not ocr.available():
        return []
    import pypdfium2 as pdfium

    from .image_tables import analyse_page

    out: list[Any] = []
    pdf = pdfium.PdfDocument(data)
    try:
        for page, boxes in found_boxes:
            scale = OCR_DPI / 72
            image = pdf[page.number - 1].render(scale=scale, grayscale=True).to_pil()
            for x0, top, x1, bottom in boxes:
                crop = image.crop((round(x0 * scale), round(top * scale), round(x1 * scale), round(bottom * scale)))
                found = analyse_page(crop, page.number, OCR_DPI)
                found.place(round(x0 * scale) / scale, round(top * scale) / scale)
                page.chars.extend(found.layout.chars)
                page.edges.extend(found.layout.edges)
                out.append(found)
    finally:
        pdf.close()
    return out


_SPACE = re.compile(r"\s")  # the characters str.isspace() accepts
# what is_unreadable() accepts, less the controls that are whitespace (those are not counted as visible)
_UNREADABLE = re.compile("[\x00-\x08\x0e-\x1b\ue000-\uf8ff\ufffd]")


def _count_chars(page: PageLayout) -> tuple[int, int]:
    """(visible characters, unreadable ones among them) of a page."""
    texts = [c.text for c in page.chars]
    joined = "".join(texts)
    if len(joined) == len(texts):  # one code point per character (the usual case): count in C
        return len(joined) - len(_SPACE.findall(joined)), len(_UNREADABLE.findall(joined))
    visible = [t for t in texts if not t.isspace()]
    return len(visible), sum(1 for t in visible if is_unreadable(t))


def _pages_note(rule: str, numbers: list[int], total: int, zh: str, en: str) -> ReaderNote:
    listed = "、".join(str(n) for n in numbers)
    return ReaderNote(rule, f"第 {listed} 页（共 {total} 页）{zh}", f"pages {', '.join(map(str, numbers))} "
                      f"(of {total}) {en}", evidence=",".join(f"pdf-page:{n}" for n in numbers))


def render_page(path: str | Path | bytes, page: int, scale: float = 200 / 72) -> Any:
    """Page `page` (1-based) of a PDF (a path, or the file's bytes) as a PIL image (default 200 dpi),
    e.g. for OCR of a scanned page."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path if isinstance(path, bytes) else str(path))
    try:
        if not 1 <= page <= len(pdf):
            raise ReadError("PDF" if isinstance(path, bytes) else path, f"PDF 没有第 {page} 页",
                            f"the PDF has no page {page}")
        return pdf[page - 1].render(scale=scale).to_pil()
    finally:
        pdf.close()


def page_ref(src: str) -> int | None:
    """The page number of an `ImageRef.src` like 'pdf-page:3' (None for other images)."""
    if src.startswith("pdf-page:"):
        try:
            return int(src.split(":", 1)[1].split("#", 1)[0])
        except ValueError:
            return None
    return None
