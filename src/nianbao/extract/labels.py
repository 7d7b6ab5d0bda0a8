"""Recognise table row labels as printed (numbered, truncated, wrapped, with notes) → template rows."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from ..normalize import CN_NUMERALS, label_key, split_numbering
from ..templates import Group, Row

MIN_TRUNCATED = 4  # a truncated label must keep at least this many characters to count
# Cell texts remembered per matcher: labels repeat from report to report, the rest (index numbers,
# prose) does not, so a bound keeps a long batch's memory flat (≈ 200 bytes an entry).
MEMO_MAX = 20_000

V = TypeVar("V")


class Memo(dict[str, V]):
    """text -> fn(text) for a pure fn, remembered for up to MEMO_MAX texts (a known text is one
    dict lookup: `memo[text]`; `__missing__` computes the others)."""

    def __init__(self, fn: Callable[[str], V]) -> None:
        super().__init__()
        self.fn = fn

    def __missing__(self, text: str) -> V:
        value = self.fn(text)
        if len(self) < MEMO_MAX:
            self[text] = value
        return value


@dataclass(frozen=True, slots=True)
class _Entry:
    key: str  # normalised alias
    target: Row | Group
    number: str
    needs_number: bool


# A printed label differing from a template label by a few edits (a typo, characters missing or
# added: 2.其他法律行政止公开) matches it when the edits are at most this share of the label's length
# and at most FUZZY_MAX_EDITS; the printed outline number must then be the row's own.
FUZZY_SHARE = 0.3
FUZZY_MAX_EDITS = 4
FUZZY_MIN_LEN = 4
# One or two characters before an outline number: a character of a group label printed one
# character per line in the next column, on the same text line (tables read from text positions).
_STRAY = re.compile(rf"^\s*[^\s\d(（]{{1,2}}\s*(?=[(（][{CN_NUMERALS}]{{1,3}}[)）]|\d{{1,2}}\s*[.．、](?!\d))")


class LabelMatcher:
    """Maps a cell text to a template Row or Group (or None).

    Exact match on the normalised label first; then a printed label that *extends* an alias
    (notes in brackets, local annotations); then a printed label that is a *truncation* of an
    alias; last, an *edit-distance* match (printed typos), which `fuzzy()` reports. Ambiguous bare
    labels (其他, 总计) only match with their outline number. Labels come from the template
    definitions (label and aliases); normalisation (`label_key`) removes numbering, punctuation
    and all spaces, so a label printed with spaces inside, one character per line or wrapped
    over lines matches as it would on one line.
    """

    def __init__(self, rows: Iterable[Row], groups: Iterable[Group] = ()) -> None:
        entries: list[_Entry] = []
        for row in rows:
            for alias in (row.label, *row.aliases):
                entries.append(_Entry(label_key(alias), row, row.number, row.needs_number))
        for group in groups:
            for alias in (group.label, *group.aliases):
                entries.append(_Entry(label_key(alias), group, group.number, False))
        # longest first, so 其他对外管理服务事项 wins over a shorter alias
        self._entries = sorted((e for e in entries if e.key), key=lambda e: -len(e.key))
        self._memo: Memo[tuple[Row | Group | None, bool]] = Memo(self._match)  # text -> (match, fuzzy)
        self._exact: dict[str, list[_Entry]] = {}
        for e in self._entries:
            self._exact.setdefault(e.key, []).append(e)

    def match(self, text: str) -> Row | Group | None:
        return self._memo[text][0]

    def fuzzy(self, text: str) -> bool:
        """Whether `text` matched only by edit distance (a printed typo)."""
        return self._memo[text][1]

    def _match(self, text: str) -> tuple[Row | Group | None, bool]:
        key = label_key(text)
        if not key:
            return None, False
        number, _ = split_numbering(text)
        for e in self._exact.get(key, ()):
            if self._number_ok(e, number):
                return e.target, False
        for e in self._entries:
            if len(e.key) >= 2 and key.startswith(e.key) and self._number_ok(e, number):
                return e.target, False
        if len(key) >= MIN_TRUNCATED:
            hits = {id(e.target): e for e in self._entries if e.key.startswith(key) and self._number_ok(e, number)}
            if len(hits) == 1:
                return next(iter(hits.values())).target, False
        stray = _STRAY.match(text)
        if stray:  # a character of a vertical label next to it glued on: 本（二）部分公开, 度1.属于国家秘密
            return self._memo[text[stray.end():]]
        return self._nearest(key, number), True

    def _nearest(self, key: str, number: str) -> Row | Group | None:
        """The one template label within a few edits of `key` (None when none is, or when two
        different rows are equally near: a printed row never goes to a guessed one of two)."""
        if len(key) < FUZZY_MIN_LEN or not number:
            return None  # without its outline number a near label is too weak a clue
        from rapidfuzz.distance import Levenshtein

        best: dict[int, tuple[int, Row | Group]] = {}
        for e in self._entries:
            if len(e.key) < FUZZY_MIN_LEN or e.number != number:
                continue
            limit = min(FUZZY_MAX_EDITS, int(FUZZY_SHARE * len(e.key)))
            if abs(len(e.key) - len(key)) > limit:
                continue
            d = Levenshtein.distance(key, e.key, score_cutoff=limit)
            if d <= limit and d < best.get(id(e.target), (limit + 1, e.target))[0]:
                best[id(e.target)] = (d, e.target)
        if not best:
            return None
        ranked = sorted(best.values(), key=lambda t: t[0])
        if len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
            return None
        return ranked[0][1]

    @staticmethod
    def _number_ok(e: _Entry, number: str) -> bool:
        return not e.needs_number or number == e.number


@lru_cache(maxsize=32)
def cached_matcher(rows: tuple[Row, ...], groups: tuple[Group, ...] = ()) -> LabelMatcher:
    """One matcher per set of template rows, reused across documents (its memo grows with use)."""
    return LabelMatcher(rows, groups)
