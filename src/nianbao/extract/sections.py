"""The six standard sections: find their headings (at a line start or inline), map variants."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Document, Paragraph
from ..model import Finding, Section
from ..normalize import CN_NUMERALS, CN_YEAR_DIGITS, label_key, nfkc
from ..rules.catalogue import finding
from ..templates import SECTION5_SPILLOVER, SECTIONS

_NUMERALS = CN_NUMERALS[:8]  # 一 … 八: six sections and two numbered spill-overs
_START = re.compile(rf"^\s*([{_NUMERALS}])\s*[、.．]\s*")
MAX_HEADING = 40


def _alias_pattern() -> re.Pattern[str]:
    names: list[str] = []
    for sec in SECTIONS:
        names.extend(sec.aliases)
    names.extend(SECTION5_SPILLOVER)
    alts = "|".join(re.escape(nfkc(n)).replace("、", "[、,]?") for n in sorted(set(names), key=len, reverse=True))
    # inline: after whitespace or a sentence end; the numeral, a separator, then a known title
    return re.compile(rf"(?:^|(?<=[\s。;；:：)）|]))([{_NUMERALS}])\s*[、.．]\s*({alts})")


_INLINE = _alias_pattern()
_ALIAS_KEYS = {label_key(a): sec.number for sec in SECTIONS for a in sec.aliases}
_SPILL_KEYS = {label_key(a) for a in SECTION5_SPILLOVER}


@dataclass(slots=True)
class _Heading:
    number: int  # standard section it maps to
    heading: str  # heading text as printed (numeral included)
    start: int  # offset of the heading in the paragraph text
    end: int  # offset just past it
    spillover: bool = False


def _classify(numeral: str, title: str) -> tuple[int, bool] | None:
    """(standard section number, is-spillover) for a numbered heading title, or None."""
    printed = _NUMERALS.index(numeral) + 1
    key = label_key(title)
    if key in _ALIAS_KEYS:
        return _ALIAS_KEYS[key], False
    for alias_key, number in _ALIAS_KEYS.items():
        if key.startswith(alias_key) and printed == number:
            return number, False
    if key in _SPILL_KEYS or any(key.startswith(s) for s in _SPILL_KEYS):
        return 5, True
    for sec in SECTIONS:
        if sec.number == printed and any(k in key for k in sec.keywords):
            return sec.number, False
    return None


def heading_section(text: str) -> int | None:
    """The standard section a paragraph *starting* with a heading opens (None if it does not)."""
    s = nfkc(text).strip()
    m = _START.match(s)
    if not m:
        return None
    rest = s[m.end():]
    inline = _INLINE.match(s)
    if inline:
        got = _classify(inline.group(1), inline.group(2))
        return got[0] if got else None
    if len(s) > MAX_HEADING:
        return None
    got = _classify(m.group(1), rest)
    return got[0] if got else None


def _find_headings(text: str) -> list[_Heading]:
    norm = nfkc(text)
    same_len = len(norm) == len(text)
    out: list[_Heading] = []
    for m in _INLINE.finditer(norm):
        got = _classify(m.group(1), m.group(2))
        if got:
            heading = (text if same_len else norm)[m.start():m.end()]
            out.append(_Heading(got[0], heading.strip(), m.start(), m.end(), got[1]))
    if not out or out[0].start > 0:
        m = _START.match(norm)
        if m and len(norm.strip()) <= MAX_HEADING:
            got = _classify(m.group(1), norm[m.end():])
            if got:
                out.insert(0, _Heading(got[0], text.strip(), 0, len(text), got[1]))
    return out


@dataclass
class SectionsRead:
    sections: list[Section]
    preamble: str  # text before the first heading (intro; often holds the metadata)
    findings: list[Finding] = field(default_factory=list)


_DATE_LINE = re.compile(rf"^\s*(?:\d{{4}}|[{CN_YEAR_DIGITS}]{{4}})\s*年.{{1,3}}月.{{1,4}}日\s*$")


def read_sections(doc: Document) -> SectionsRead:
    paragraphs = doc.paragraphs()
    texts: dict[int, list[str]] = {n: [] for n in range(1, 7)}
    headings: dict[int, list[str]] = {n: [] for n in range(1, 7)}
    preamble: list[str] = []
    findings: list[Finding] = []
    current = 0
    for para in paragraphs:
        pieces = _split(para, current)
        for number, heading, body, spill in pieces:
            if heading is not None:
                if spill:
                    sec = SECTIONS[4]
                    findings.append(finding("extract.section_merged", [], heading, heading=heading,
                                            number=5, number_cn=CN_NUMERALS[4], title=sec.title))
                    texts[5].append(heading)
                else:
                    headings[number].append(heading)
                current = number
            if body:
                (texts[current] if current else preamble).append(body)
    _drop_signature(texts[6] if headings[6] else texts[max([n for n in texts if headings[n]] or [1])])
    sections: list[Section] = []
    for sec in SECTIONS:
        present = bool(headings[sec.number])
        heading = headings[sec.number][0] if present else None
        sections.append(Section(number=sec.number, title=sec.title, present=present, heading=heading,
                                text="\n".join(texts[sec.number]).strip()))
        if not present:
            findings.append(finding("extract.section_missing", [], "", number=sec.number,
                                    number_cn=CN_NUMERALS[sec.number - 1], title=sec.title))
        elif label_key(_strip_numeral(heading or "")) != label_key(sec.title):
            findings.append(finding("extract.section_renamed", [], heading or "", number=sec.number,
                                    number_cn=CN_NUMERALS[sec.number - 1], heading=heading, title=sec.title))
    return SectionsRead(sections, "\n".join(preamble), findings)


def _strip_numeral(heading: str) -> str:
    m = _START.match(nfkc(heading))
    return heading[m.end():] if m else heading


def _split(para: Paragraph, current: int) -> list[tuple[int, str | None, str, bool]]:
    """Cut a paragraph at the section headings it holds, keeping only headings in order."""
    out: list[tuple[int, str | None, str, bool]] = []
    text = para.text
    pos = 0
    number = current
    for h in _find_headings(text):
        ok = h.number > number or (h.spillover and number == 5)
        if not ok:
            continue
        before = text[pos:h.start].strip()
        if before:
            out.append((number, None, before, False))
        out.append((h.number, h.heading, "", h.spillover))
        number = h.number
        pos = h.end
    rest = text[pos:].strip()
    if rest:
        out.append((number, None, rest, False))
    return out


def _drop_signature(lines: list[str]) -> None:
    """The last section ends before the signature block (organisation name, date)."""
    while lines and (_DATE_LINE.match(lines[-1]) or _looks_like_signature(lines[-1])):
        lines.pop()


def _looks_like_signature(line: str) -> bool:
    s = line.strip()
    return bool(re.fullmatch(r"[\u4e00-\u9fa5（）()]{3,25}", s)) and s.endswith(
        ("政府", "局", "委员会", "办公室", "厅", "委", "办", "中心", "院", "处", "所", "街道办事处", "管委会", "部"))
