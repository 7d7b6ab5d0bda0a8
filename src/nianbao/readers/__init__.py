"""Format readers: a source file → `Document`. They know nothing of report templates."""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable
from pathlib import Path

import nianbao.limits as limits  # the module: tests and callers may change its constants

from ..document import Document
from ..errors import ReadError
from .sanitize import cap_document, sanitize_document
from .text import read_text

Reader = Callable[[str, bytes, str], Document]

# Extension → format name. A format without a reader (images, until OCR lands) fails with a clear error.
EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html", ".jhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx", ".doc": "doc", ".wps": "doc",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".gif": "image", ".bmp": "image",
    ".tif": "image", ".tiff": "image", ".webp": "image",
}

# Format → (module in this package, reader function). Imported on first use: reading a .txt never
# loads the HTML, PDF or DOCX libraries (a large share of a short command's start-up time).
READERS: dict[str, tuple[str, str]] = {
    "text": ("text", "read_text_file"),
    "html": ("html", "read_html_file"),
    "pdf": ("pdf", "read_pdf"),
    "docx": ("docx", "read_docx"),
    "doc": ("legacy", "read_legacy"),
    "image": ("image", "read_image"),
}

MAX_BYTES = limits.MAX_FILE_BYTES_DEFAULT


def reader_for(fmt: str) -> Reader | None:
    """The reader function of a format; None when nianbao has none."""
    entry = READERS.get(fmt)
    if entry is None:
        return None
    module, name = entry
    reader: Reader = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    return reader


def sniff_format(path: Path, data: bytes) -> str:
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    if head[:4] in (b"\x89PNG", b"GIF8", b"II*\x00", b"MM\x00*") or head[:3] == b"\xff\xd8\xff" \
            or (head[:4] == b"RIFF" and head[8:12] == b"WEBP") or (head[:2] == b"BM" and len(data) > 26):
        return "image"
    low = head[:1024].lower()
    if low.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in low or b"<div" in low:
        return "html"
    fmt = EXTENSIONS.get(path.suffix.lower())
    return fmt or "text"


def read(path: str | Path) -> Document:
    """Read any supported source file into a Document; ReadError names the file and the problem."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise ReadError(p, "文件不存在", "file not found") from None
    except OSError as exc:
        raise ReadError(p, f"无法读取文件：{exc.strerror}", f"cannot read: {exc.strerror}") from None
    if p.is_dir():
        raise ReadError(p, "这是一个目录，不是文件", "is a directory")
    if size == 0:
        raise ReadError(p, "文件为空（0 字节）", "empty file (0 bytes)")
    if size > MAX_BYTES:
        raise ReadError(p, f"文件过大（{size} 字节，上限 {MAX_BYTES} 字节）", f"file too large ({size} bytes)")
    try:
        with p.open("rb") as fh:
            fmt = sniff_format(p, fh.read(2048))
            _check_size(p, fmt, size)
            fh.seek(0)
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ReadError(p, f"无法读取文件：{exc.strerror}", f"cannot read: {exc.strerror}") from None
    return read_bytes(str(p), data, fmt)


def _check_size(path: str | Path, fmt: str, size: int) -> None:
    """The size limit of the format (limits.MAX_FILE_BYTES): text and HTML cost with every character."""
    cap = limits.MAX_FILE_BYTES.get(fmt, MAX_BYTES)
    if size > cap:
        kind = {"text": "文本", "html": "HTML"}.get(fmt, fmt)
        raise ReadError(path, f"{kind}文件过大（{size} 字节，上限 {cap} 字节）：年度报告不会这么大，拒绝读取",
                        f"{fmt} file too large ({size} bytes, limit {cap})")


def read_bytes(path: str, data: bytes, fmt: str | None = None) -> Document:
    """Read a file's bytes (`path` names it in messages); `fmt` when the caller sniffed it already
    (the web app trusts the content, not an uploaded file's name). The same limits as `read`; the
    Document leaves with unencodable characters replaced and its text capped (readers/sanitize.py)."""
    if not data:
        raise ReadError(path, "文件为空（0 字节）", "empty file (0 bytes)")
    fmt = fmt or sniff_format(Path(path), data)
    _check_size(path, fmt, len(data))
    reader = reader_for(fmt)
    if reader is None:
        raise ReadError(path, f"暂不支持读取 {fmt} 格式", f"no reader for format '{fmt}'")
    sha = hashlib.sha256(data).hexdigest()
    try:
        return sanitize_document(cap_document(reader(path, data, sha)))
    except ReadError:
        raise
    except Exception as exc:  # a reader bug or a malformed file must not take a batch down
        raise ReadError(path, f"读取失败：{failure_reason(exc, fmt)}",
                        f"read failed: {type(exc).__name__}: {exc}") from exc


def failure_reason(exc: BaseException, fmt: str = "") -> str:
    """A Chinese reason for an exception a library raised on a malformed file; the library's own
    (English) text follows in parentheses, abbreviated, for a bug report."""
    import zipfile
    import zlib

    name = type(exc).__name__
    kind = {"text": "文本", "html": "HTML", "pdf": "PDF", "docx": "Word", "image": "图片", "doc": "Word"}.get(fmt, "")
    if isinstance(exc, RecursionError):
        reason = "文件结构嵌套过深，无法读取"
    elif isinstance(exc, MemoryError):
        reason = "文件内容过大，内存不足以读取"
    elif isinstance(exc, (zipfile.BadZipFile, zlib.error, EOFError)):
        reason = "压缩数据损坏或文件不完整"
    elif isinstance(exc, UnicodeError):
        reason = "文件中有无法识别的字符编码"
    elif isinstance(exc, (KeyError, IndexError, AttributeError, TypeError)):
        reason = f"{kind}文件缺少必需的部分或结构异常"
    elif isinstance(exc, (ValueError, OverflowError)):
        reason = f"{kind}文件中有不合规范的数值或内容"
    else:
        reason = f"{kind}文件已损坏或格式不受支持"
    detail = limits.abbreviate(f"{name}: {exc}", 120)
    return f"{reason}（{detail}）"


__all__ = ["EXTENSIONS", "READERS", "failure_reason", "read", "read_bytes", "read_text", "reader_for", "sniff_format"]
