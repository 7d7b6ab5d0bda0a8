"""Bytes → str for text-like sources: UTF-8, GB18030 family, or detected; never silent mojibake."""

from __future__ import annotations

import re
from functools import lru_cache

from ..document import ReaderNote

_DECLARED = re.compile(rb"charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.I)
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "x-gbk": "gb18030",
            "utf8": "utf-8", "utf-8": "utf-8", "big5": "big5"}


def _cjk_ratio(text: str) -> float:
    if not text:
        return 0.0
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return cjk / max(1, sum(1 for ch in text if not ch.isspace()))


@lru_cache(maxsize=65536)
def _is_common_hanzi(ch: str) -> bool:
    """GB2312 level-1 hanzi (the 3,755 most common characters): lead byte 0xB0–0xD7."""
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xB0 <= b[0] <= 0xD7


def _common_ratio(text: str) -> float:
    """Share of common hanzi among the CJK characters of a sample of the text."""
    sample = [ch for ch in text[:20000] if "\u4e00" <= ch <= "\u9fff"]
    if not sample:
        return 0.0
    return sum(1 for ch in sample if _is_common_hanzi(ch)) / len(sample)


def declared_encoding(data: bytes) -> str | None:
    m = _DECLARED.search(data[:4096])
    if not m:
        return None
    return _ALIASES.get(m.group(1).decode("ascii", "ignore").lower())


def decode_bytes(data: bytes) -> tuple[str, list[ReaderNote]]:
    """Decode, returning the text and reader notes (rule id, zh message, en message).

    Order: BOM; strict UTF-8; the declared charset or GB18030, whichever decodes cleanly into
    common characters; then charset-normalizer. A declaration that does not decode (or decodes
    into rare characters) is ignored: a wrong meta tag must not produce mojibake.
    """
    notes: list[ReaderNote] = []
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), notes
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), notes
    try:
        return data.decode("utf-8"), notes
    except UnicodeDecodeError:
        pass
    declared = declared_encoding(data)
    decoded: list[str] = []
    for enc in dict.fromkeys(e for e in (declared, "gb18030") if e):
        try:
            decoded.append(data.decode(enc))
        except (UnicodeDecodeError, LookupError):
            continue
    if decoded:
        # a wrong declaration (big5 on GBK bytes) can decode cleanly into nonsense: keep the
        # reading whose Chinese is made of common characters
        return max(decoded, key=_common_ratio), notes
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and _cjk_ratio(str(best)) > 0.05:
        return str(best), notes
    text = data.decode("gb18030", errors="replace")
    bad = text.count("\ufffd")
    notes.append(ReaderNote("extract.reader_note", f"文件中有{bad}处字节无法解码，已替换为�",
                            f"{bad} undecodable byte sequences were replaced"))
    return text, notes
