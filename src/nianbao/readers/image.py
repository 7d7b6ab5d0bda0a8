"""Image files (PNG, JPEG, GIF, BMP, TIFF with several pages, WebP) → Document, by OCR.

Pillow opens the file; every page (TIFF/GIF frame) goes through `image_tables.analyse_page` and the
pages are laid out together like PDF pages, so a table continued on the next page of a TIFF is joined.
The resolution a file declares (DPI) is used when it is plausible, else it is estimated from the
height of the text. Also used by the other readers for the pictures inside their files
(`ocr_image_blocks`).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from ..document import Block, Document, Grid, ImageRef, Paragraph, ReaderNote
from ..errors import ReadError

MAX_FRAMES = 50  # pages of a multi-page TIFF that are read (a note says when there are more)
MIN_SIDE = 200  # a picture smaller than this (pixels) is an icon or a logo, not a table
MAX_IMAGE_PIXELS = 200_000_000  # Pillow's decompression-bomb guard, raised for A3 scans at 600 dpi


def _open(path: str, data: bytes) -> Any:
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        img = Image.open(io.BytesIO(data))
        img.load()
    except UnidentifiedImageError:
        raise ReadError(path, "无法识别的图片格式或文件已损坏", "unrecognised image format or damaged file") from None
    except Image.DecompressionBombError:
        raise ReadError(path, "图片像素过多（可能是恶意文件），未读取", "too many pixels (decompression bomb?)") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ReadError(path, f"图片文件已损坏或不完整：{exc}", f"damaged or truncated image: {exc}") from None
    return img


def _frames(img: Any) -> list[Any]:
    """Pages of a TIFF; the first frame of other formats (an animated GIF is not a multi-page report)."""
    from PIL import ImageSequence

    if (img.format or "").upper() != "TIFF":
        return [img.copy()]
    return [frame.copy() for _, frame in zip(range(MAX_FRAMES + 1), ImageSequence.Iterator(img), strict=False)]


def declared_dpi(img: Any) -> float | None:
    dpi = img.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        return None
    # 72/96 are what software writes when it does not know; scans declare 150-600
    return value if 100 <= value <= 1200 and round(value) not in (72, 96) else None


def ocr_image_blocks(images: list[Any], first_page: int = 1) -> list[Block]:
    """OCR pictures (PIL images) as consecutive pages numbered from `first_page`; tiny ones are skipped."""
    from .image_tables import analyse_page, ocr_pages_blocks

    pages = [analyse_page(img, first_page + k, declared_dpi(img)) for k, img in enumerate(images)
             if min(img.size) >= MIN_SIDE]
    return ocr_pages_blocks(pages) if pages else []


def expand_images(doc: Document, load: Callable[[str], bytes | None]) -> list[str]:
    """OCR the pictures a document shows (`ImageRef`s) and put what they say right after each of them.

    `load(src)` gives the picture's bytes, or None when it is not available (returned: those srcs).
    The ImageRef stays, so a table that OCR could not read is still reported as an image. Pictures
    are numbered as pages 1, 2, … of the document (a DOCX or HTML page has no pages of its own).
    """
    from . import ocr

    if not any(isinstance(b, ImageRef) for b in doc.blocks) or not ocr.available():
        return []
    out: list[Block] = []
    missing: list[str] = []
    number = 0
    for block in doc.blocks:
        out.append(block)
        if not isinstance(block, ImageRef):
            continue
        data = load(block.src)
        if data is None:
            missing.append(block.src)
            continue
        try:
            img = _open(block.src, data)
        except ReadError:
            continue  # not a picture Pillow reads (EMF/WMF drawings): stays an image reference
        if min(img.size) < MIN_SIDE:
            continue
        number += 1
        blocks = ocr_image_blocks([img], number)
        for b in blocks:
            _label_source(b, block.src)
        out.extend(blocks)
    if number:
        doc.notes.append(ReaderNote("extract.ocr_pages", f"文中 {number} 张图片经 OCR 识别（位置中的“页”为图片序号）；"
                                    "识别的数字请对照原图核对",
                                    f"{number} picture(s) in the document read by OCR (the 'page' of a position is "
                                    "the picture's number); check the numbers against the pictures"))
    doc.blocks = out
    return missing


def _label_source(block: Block, src: str) -> None:
    if isinstance(block, Paragraph) and block.pos.ocr is not None:
        block.pos.ocr.image = src
    elif isinstance(block, Grid):
        for row in block.rows:
            for cell in row:
                if cell.pos.ocr is not None:
                    cell.pos.ocr.image = src


def read_image(path: str, data: bytes, sha256: str) -> Document:
    from . import ocr

    if not ocr.available():
        raise ocr.missing_error(path)
    img = _open(path, data)
    frames = _frames(img)
    doc = Document(path=path, format="image", sha256=sha256)
    extra = len(frames) > MAX_FRAMES
    frames = frames[:MAX_FRAMES]
    if all(min(f.size) < MIN_SIDE for f in frames):
        raise ReadError(path, f"图片太小（{frames[0].size[0]}×{frames[0].size[1]} 像素），无法识别文字",
                        f"image too small ({frames[0].size[0]}x{frames[0].size[1]} px) to read")
    doc.blocks = ocr_image_blocks(frames)
    n = len(frames)
    doc.notes.append(ReaderNote("extract.ocr_pages", f"图片文件（{n} 页）经 OCR 识别；识别的数字请对照原图核对",
                                f"image file ({n} page(s)) read by OCR; check the numbers against the image"))
    if extra:
        doc.notes.append(ReaderNote("extract.reader_note", f"多页图片超过 {MAX_FRAMES} 页，只读取了前 {MAX_FRAMES} 页",
                                    f"more than {MAX_FRAMES} pages; only the first {MAX_FRAMES} were read"))
    return doc

