"""Copied passages between two texts: the longest runs both share, numbers masked, mapped back to the text.

Similarity and masking are those of the cross-year 雷同 check (`checks.crossyear.normalise`): spacing
dropped and every number (counts, years, Chinese numerals before 年/月/件 …) replaced by one mark, so a
paragraph copied with this year's numbers put in is still one passage. difflib's SequenceMatcher
finds the matching blocks (junk heuristic off: Chinese text repeats characters a lot).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..checks.crossyear import DIGITS, NOISE

MIN_PASSAGE = 20  # normalised characters: shorter shared runs are set phrases, not copying


@dataclass(frozen=True, slots=True)
class Masked:
    text: str  # normalised text
    spans: tuple[tuple[int, int], ...]  # for each normalised character, its [start, end) in the original


def masked(original: str) -> Masked:
    """The normalised text (as `normalise`) with a map back to the original characters."""
    kept = [(ch, i) for i, ch in enumerate(original) if not NOISE.fullmatch(ch)]
    squeezed = "".join(ch for ch, _ in kept)
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in DIGITS.finditer(squeezed):
        for k in range(pos, m.start()):
            out.append(squeezed[k])
            spans.append((kept[k][1], kept[k][1] + 1))
        out.append("#")
        spans.append((kept[m.start()][1], kept[m.end() - 1][1] + 1))
        pos = m.end()
    for k in range(pos, len(squeezed)):
        out.append(squeezed[k])
        spans.append((kept[k][1], kept[k][1] + 1))
    return Masked("".join(out), tuple(spans))


@dataclass(frozen=True, slots=True)
class SharedRun:
    a_start: int  # in the original texts
    a_end: int
    b_start: int
    b_end: int
    length: int  # normalised characters


def shared_runs(a: str, b: str, limit: int = 5, min_length: int = MIN_PASSAGE) -> list[SharedRun]:
    """The longest passages of `b` that are also in `a` (longest first), at most `limit`."""
    ma, mb = masked(a), masked(b)
    if not ma.text or not mb.text:
        return []
    matcher = difflib.SequenceMatcher(None, ma.text, mb.text, autojunk=False)
    blocks = sorted((blk for blk in matcher.get_matching_blocks() if blk.size >= min_length),
                    key=lambda blk: -blk.size)[:limit]
    return [SharedRun(ma.spans[blk.a][0], ma.spans[blk.a + blk.size - 1][1],
                      mb.spans[blk.b][0], mb.spans[blk.b + blk.size - 1][1], blk.size) for blk in blocks]
