"""Text normalisation used for *matching* only.

Source text is never rewritten: readers keep the original characters (for provenance) and
callers normalise a copy when they compare labels or parse numbers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .limits import MAX_DIGITS

# The one table of Chinese numerals: digits (years, 〇 aside) and the counting numbers of outlines.
CN_DIGITS = "零一二三四五六七八九"
CN_NUMERALS = "一二三四五六七八九十"
# The zeros a year printed in Chinese digits uses beside 零 (二〇二一, 二○二一).
CN_ZERO_FORMS = "〇○"
CN_YEAR_DIGITS = CN_ZERO_FORMS + CN_DIGITS


# A cell longer than this is not a number (digits, separators, a sign and a unit): not parsed.
MAX_CELL_NUMBER_CHARS = MAX_DIGITS + MAX_DIGITS // 3 + 24

# Characters that mean "nothing printed here" in a table cell.
BLANK_MARKS = frozenset({"", "-", "—", "——", "–", "/", "／", "无", "空", "\\", "--", "---", "…", "...", "x", "X"})

# OCR and font-encoding confusions seen in digits: letter O for zero, l/I for one.
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "〇": "0", "l": "1", "I": "1", "|": "1", "S": "5"})

_SPACE_RE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
# Numbering prefixes: 一、 (一) （一） 1. 1、 1．(1) ①
# whitespace bounded ({0,8}): two adjacent unbounded runs made a leading whitespace run quadratic
_NUMBERING_RE = re.compile(
    r"^\s{0,8}(?:"
    rf"[{CN_NUMERALS}]+\s{{0,8}}[、.．]"
    rf"|[(（]\s{{0,8}}[{CN_NUMERALS}]+\s{{0,8}}[)）]\s{{0,8}}[、.．]?"
    r"|[(（]?\s{0,8}\d{1,2}\s{0,8}[)）]"
    r"|\d{1,2}\s{0,8}[、.．](?!\d)"
    r"|[①②③④⑤⑥⑦⑧⑨]"
    r")\s*"
)
_PUNCT_RE = re.compile(r"[\s\"'“”‘’「」『』《》〈〉<>()（）\[\]【】,，、.。;；:：!！?？·•\-—–_/|]+")
_NUMBER_RE = re.compile(
    r"^(?P<sign>[+\-−]|增|减|增加|减少)?\s*(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<unit>万元|元|件|条|个|项|次|篇)?$"
)


@lru_cache(maxsize=4096)
def nfkc(text: str) -> str:
    """Full-width digits, letters and punctuation to their half-width forms.

    Cached: metadata, sections and figures each normalise the same paragraphs of a report.
    """
    return unicodedata.normalize("NFKC", text)


def squash(text: str) -> str:
    """NFKC and remove all whitespace (including ideographic and no-break spaces)."""
    return _SPACE_RE.sub("", nfkc(text))


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def split_numbering(text: str) -> tuple[str, str]:
    """Split a leading outline number from a label: '（三）不予公开' -> ('三', '不予公开')."""
    raw = text.lstrip()
    if raw and raw[0] in _CIRCLED:  # ① … ⑩: NFKC would turn them into bare digits
        return str(_CIRCLED.index(raw[0]) + 1), nfkc(raw[1:]).strip()
    s = nfkc(text).strip()
    m = _NUMBERING_RE.match(s)
    if not m:
        return "", s
    number = re.sub(r"[\s(（)）、.．]", "", m.group(0))
    return number, s[m.end():]


@lru_cache(maxsize=8192)
def label_key(text: str) -> str:
    """The form of a label used for matching: no numbering, no punctuation, no spaces."""
    _, rest = split_numbering(text)
    return _PUNCT_RE.sub("", squash(rest))


@dataclass(frozen=True, slots=True)
class Value:
    """A parsed table cell: `value` is None for a blank cell; `unit` as printed."""

    value: int | float | None
    unit: str | None = None
    blank: bool = False


@lru_cache(maxsize=8192)
def parse_value(text: str | None) -> Value | None:
    """Parse a table cell. Returns None when the text is not a number or a blank mark.

    Accepts full-width digits, thousands separators, a sign or 增/减, units (元, 万元, 件…),
    blank marks (—, /, 无, empty) and digits OCR'd as letters.
    """
    if text is None:
        return Value(None, blank=True)
    s = squash(text)
    if s in BLANK_MARKS:
        return Value(None, blank=True)
    if len(s) > MAX_CELL_NUMBER_CHARS:
        return None  # longer than any number a cell prints (and than int() converts: 4,300 digits)
    m = _NUMBER_RE.match(s)
    if not m and re.fullmatch(r"[\dOolIS,.]+", s) and re.search(r"\d", s):
        m = _NUMBER_RE.match(s.translate(_OCR_DIGITS))
    if not m:
        return None
    num = m.group("num").replace(",", "")
    if len(num.partition(".")[0]) > MAX_DIGITS:
        return None  # more digits than any count a report holds: unreadable, not a number
    value: int | float = float(num) if "." in num else int(num)
    if m.group("sign") in ("-", "−", "减", "减少"):
        value = -value
    return Value(value, unit=m.group("unit"))


def is_value(text: str | None) -> bool:
    return parse_value(text) is not None


# Digit values for year numerals: the table above plus the zeros printed in years (〇 ○ and look-alikes).
_CN_DIGITS = {**{ch: n for n, ch in enumerate(CN_DIGITS)}, **dict.fromkeys(CN_ZERO_FORMS + "ＯO", 0)}


def chinese_numeral(text: str) -> int | None:
    """'二〇二〇' -> 2020 (digit by digit), '三十一' -> 31, '十二' -> 12."""
    if not text:
        return None
    if all(ch in _CN_DIGITS for ch in text):
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    if "十" in text and len(text) <= 3:
        tens, _, ones = text.partition("十")
        t = _CN_DIGITS.get(tens, 1) if tens else 1
        o = _CN_DIGITS.get(ones, 0) if ones else 0
        return t * 10 + o
    return None
