"""雷同 across bodies: near-duplicate sections found with MinHash and LSH (datasketch), numbers masked.

`near_duplicates(items)` takes any iterable of (report_id, section_key, text), so the corpus (issue 14)
can stream millions of sections through it; each section is compared only with the candidates the LSH
index returns, never pairwise. Texts are masked as in the cross-year 雷同 check (`normalise`: spacing
dropped, numbers replaced by one mark) and cut into character 4-grams; the similarity reported is the
MinHash estimate of the Jaccard similarity of those 4-gram sets. Memory: one LeanMinHash (num_perm × 8
bytes) per section plus the LSH bands; see docs/review.md for 10⁶ sections.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..checks.crossyear import MIN_SECTION_CHARS, SHINGLE, normalise
from ..model import Finding, Report
from ..normalize import CN_NUMERALS
from ..rules.catalogue import finding
from ..templates import SECTIONS
from .pairing import body_key

DEFAULT_THRESHOLD = 0.8
DEFAULT_PERMUTATIONS = 128


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    a_id: str  # the earlier item of the stream
    a_section: str
    b_id: str
    b_section: str
    similarity: float  # estimated Jaccard similarity of the masked 4-gram sets, 0..1


def shingles(norm: str) -> set[bytes]:
    """The character 4-grams of a text already normalised (`normalise`)."""
    return {norm[i:i + SHINGLE].encode("utf-8") for i in range(max(1, len(norm) - SHINGLE + 1))}


def near_duplicates(items: Iterable[tuple[str, str, str]], *, threshold: float = DEFAULT_THRESHOLD,
                    num_perm: int = DEFAULT_PERMUTATIONS, min_chars: int = MIN_SECTION_CHARS,
                    body_of: Callable[[str], str] | None = None,
                    same_section_only: bool = False) -> Iterator[NearDuplicate]:
    """Pairs of sections of different reports (and, with `body_of`, different bodies) whose estimated
    similarity reaches `threshold`. Streams: each item is queried against those before it, then indexed,
    so every pair is reported once, as soon as its second item arrives."""
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    # One set of permutations for every section (drawing them per MinHash cost more than hashing), and
    # crc32 for the shingles: stable across runs and processes, several times faster than sha1.
    base = MinHash(num_perm=num_perm, hashfunc=zlib.crc32)
    kept: dict[int, tuple[str, str, LeanMinHash]] = {}
    body = body_of or (lambda report_id: report_id)
    for n, (report_id, section, text) in enumerate(items):
        norm = normalise(text)
        if len(norm) < min_chars:
            continue
        m = MinHash(num_perm=num_perm, hashfunc=zlib.crc32, permutations=base.permutations, scheme=base.scheme)
        m.update_batch(list(shingles(norm)))
        lean = LeanMinHash(m)
        me = body(report_id)
        for key in lsh.query(lean):
            other_id, other_section, other = kept[key]
            if other_id == report_id or body(other_id) == me:
                continue
            if same_section_only and other_section != section:
                continue
            sim = lean.jaccard(other)
            if sim >= threshold:
                yield NearDuplicate(other_id, other_section, report_id, section, round(sim, 3))
        lsh.insert(n, lean)
        kept[n] = (report_id, section, lean)


def section_items(reports: Sequence[Report]) -> Iterator[tuple[str, str, str]]:
    """(index, section number, text) of every present section of a batch of reports."""
    for i, r in enumerate(reports):
        for s in r.sections:
            if s.present and s.text:
                yield str(i), str(s.number), s.text


def batch_findings(reports: Sequence[Report], threshold: float = DEFAULT_THRESHOLD) -> dict[int, list[Finding]]:
    """check.similar_across_bodies findings for a batch: report index -> findings naming the other report.

    Reports of the same body (other years) are left to the cross-year check."""
    keys = [body_key(r) or f"#{i}" for i, r in enumerate(reports)]
    out: dict[int, list[Finding]] = {}
    titles = {s.number: s.title for s in SECTIONS}
    for dup in near_duplicates(section_items(reports), threshold=threshold, body_of=lambda i: keys[int(i)]):
        for me, mine, other, theirs in ((dup.b_id, dup.b_section, dup.a_id, dup.a_section),
                                        (dup.a_id, dup.a_section, dup.b_id, dup.b_section)):
            o = reports[int(other)]
            number, other_number = int(mine), int(theirs)
            out.setdefault(int(me), []).append(finding(
                "check.similar_across_bodies", [], f"{o.source.path}：第{CN_NUMERALS[other_number - 1]}部分，"
                f"相似度约 {round(dup.similarity * 100)}%（数字不计）",
                number=number, number_cn=CN_NUMERALS[number - 1], title=titles.get(number, ""),
                other=o.meta.organization or o.source.path, other_year=o.meta.year or "？",
                other_number=other_number, other_number_cn=CN_NUMERALS[other_number - 1],
                similarity=round(dup.similarity * 100)))
    return out
