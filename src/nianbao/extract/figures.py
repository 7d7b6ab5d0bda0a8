"""Numbers the narrative states (全年主动公开政府信息 N 条 …), for text-versus-table checks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Document
from ..limits import MAX_DIGITS, abbreviate, too_many_digits
from ..model import Finding, Provenance
from ..normalize import nfkc
from ..rules.catalogue import finding

_N = r"(\d[\d,]*)"
_STOP = r"[^。；;，,\d]"
# name -> patterns; the first pattern that matches anywhere wins, in document order.
PATTERNS: dict[str, tuple[re.Pattern[str], ...]] = {
    "proactive_total": (
        re.compile(rf"主动公开{_STOP}{{0,12}}?信息(?:共计|合计|共|总计)?\s*{_N}\s*条"),
        re.compile(rf"主动公开{_STOP}{{0,6}}?(?:共计|合计|共)\s*{_N}\s*条"),
    ),
    "interpretations": (
        re.compile(rf"解读(?:文件|材料|稿件|图文稿|稿)?(?:共计|共)?\s*{_N}\s*(?:篇|次|件|条|期)"),
        re.compile(rf"(?:发布|开展|制作){_STOP}{{0,4}}?解读{_STOP}{{0,6}}?{_N}\s*(?:篇|次|件|条|期)"),
    ),
    "applications_received": (
        re.compile(rf"(?:收到|受理|接收|办理){_STOP}{{0,10}}?(?:依申请公开|政府信息公开申请|公开申请)"
                   rf"(?:事项|申请|案件)?(?:共计|共)?\s*{_N}\s*(?:件|个|条|宗)"),
        re.compile(rf"(?:政府信息公开申请|依申请公开申请){_STOP}{{0,4}}?(?:共计|共)\s*{_N}\s*件"),
    ),
    "reviews": (re.compile(rf"行政复议(?:案件|申请)?(?:共计|共)?\s*{_N}\s*(?:件|起|宗|次)"),),
    "litigations": (re.compile(rf"行政诉讼(?:案件)?(?:共计|共)?\s*{_N}\s*(?:件|起|宗|次)"),),
}


def _doc_kind(kind: str) -> str:
    return "规章" if kind == "rules" else "(?:行政)?规范性文件"


_VERB = r"(?:共计|合计|共|有|为)?\s*"
# 表二 figures (C9 for table 2): 现行有效/制发/废止 of 规章 and 规范性文件, decisions of 许可/处罚/强制.
for _kind in ("rules", "normative_documents"):
    _doc = _doc_kind(_kind)
    PATTERNS[f"{_kind}_in_force"] = (
        re.compile(rf"现行有效(?:的)?{_doc}{_VERB}{_N}\s*(?:件|个|部|份)"),
        re.compile(rf"{_doc}{_STOP}{{0,4}}?现行有效{_VERB}{_N}\s*(?:件|个|部|份)"),
    )
    PATTERNS[f"{_kind}_issued"] = (
        re.compile(rf"(?:制发|制定|出台|印发|发布)(?:了)?{_doc}{_VERB}{_N}\s*(?:件|个|部|份)"),
    )
    PATTERNS[f"{_kind}_repealed"] = (re.compile(rf"废止(?:了)?{_doc}{_VERB}{_N}\s*(?:件|个|部|份)"),)
for _kind, _word in (("licensing", "许可"), ("penalty", "处罚"), ("coercion", "强制")):
    PATTERNS[f"{_kind}_decisions"] = (
        re.compile(rf"(?:作出|办理|实施|办结)(?:了)?行政{_word}(?:决定|案件|事项)?{_VERB}{_N}\s*(?:件|个|起|宗|次)"),
        re.compile(rf"行政{_word}决定{_VERB}{_N}\s*(?:件|个|起|宗|次)"),
    )


@dataclass
class FiguresRead:
    values: dict[str, int]
    provenance: dict[str, Provenance]
    findings: list[Finding] = field(default_factory=list)


def read_figures(doc: Document) -> FiguresRead:
    values: dict[str, int] = {}
    prov: dict[str, Provenance] = {}
    too_long: list[Finding] = []
    paragraphs = doc.paragraphs()
    texts = [nfkc(para.text) for para in paragraphs]  # normalised once, searched by every pattern
    for name, patterns in PATTERNS.items():
        for rx in patterns:
            hit = _first(paragraphs, texts, rx, name, too_long)
            if hit is not None:
                value, p = hit
                values[name] = value
                prov[f"figures.{name}"] = p
                break
    return FiguresRead(values, prov, too_long)


def _first(paragraphs: list, texts: list[str], rx: re.Pattern[str], name: str = "",
           too_long: list[Finding] | None = None) -> tuple[int, Provenance] | None:
    for para, text in zip(paragraphs, texts, strict=True):
        m = rx.search(text)
        if m:
            digits = m.group(1).replace(",", "")
            if too_many_digits(digits):  # not a count: a finding, and the search goes on
                if too_long is not None:
                    too_long.append(finding("extract.number_too_long", [f"figures.{name}"], abbreviate(m.group(0), 200),
                                            text=abbreviate(m.group(0)), digits=len(digits), limit=MAX_DIGITS))
                continue
            pos = para.pos
            col = (pos.column or 0) + m.start()
            return int(digits), Provenance(
                text=m.group(0), line=pos.line, column=col if pos.line is not None else None,
                offset=(pos.offset + m.start()) if pos.offset is not None else None, page=pos.page, bbox=pos.bbox)
    return None
