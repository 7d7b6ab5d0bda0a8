"""Recognise table row labels as printed (numbered, truncated, wrapped, with notes) → template rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from ..normalize import label_key, split_numbering
from ..templates import Group, Row

MIN_TRUNCATED = 4  # a truncated label must keep at least this many characters to count
MIN_MISREAD = 6  # a label with one character misread must have at least this many to count
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


class LabelMatcher:
    """Maps a cell text to a template Row or Group (or None).

    Exact match on the normalised label first; then a printed label that *extends* an alias
    (notes in brackets, local annotations); then a printed label that is a *truncation* of an
    alias. Ambiguous bare labels (其他, 总计) only match with their outline number.
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
        self._memo: Memo[Row | Group | None] = Memo(self._match)  # cell text -> match (matching is pure)
        self._exact: dict[str, list[_Entry]] = {}
        for e in self._entries:
            self._exact.setdefault(e.key, []).append(e)

    def match(self, text: str) -> Row | Group | None:
        return self._memo[text]

    def _match(self, text: str) -> Row | Group | None:
        key = label_key(text)
        if not key:
            return None
        number, _ = split_numbering(text)
        for e in self._exact.get(key, ()):
            if self._number_ok(e, number):
                return e.target
        for e in self._entries:
            if len(e.key) >= 2 and key.startswith(e.key) and self._number_ok(e, number):
                return e.target
        if len(key) >= MIN_TRUNCATED:
            hits = {id(e.target): e for e in self._entries if e.key.startswith(key) and self._number_ok(e, number)}
            if len(hits) == 1:
                return next(iter(hits.values())).target
        if len(key) >= MIN_MISREAD:
            # one character read wrong (OCR: 大→人, 己→已): same length, one place differs, one row fits
            hits = {id(e.target): e for e in self._entries if len(e.key) == len(key)
                    and sum(a != b for a, b in zip(e.key, key, strict=True)) == 1 and self._number_ok(e, number)}
            if len(hits) == 1:
                return next(iter(hits.values())).target
        return None

    @staticmethod
    def _number_ok(e: _Entry, number: str) -> bool:
        return not e.needs_number or number == e.number


@lru_cache(maxsize=32)
def cached_matcher(rows: tuple[Row, ...], groups: tuple[Group, ...] = ()) -> LabelMatcher:
    """One matcher per set of template rows, reused across documents (its memo grows with use)."""
    return LabelMatcher(rows, groups)
