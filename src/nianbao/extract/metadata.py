"""Title, organisation, kind of body, reporting year, dates and contact details."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping

from ..document import Document
from ..model import Contact, Finding, Meta, MetaSource
from ..normalize import CN_DIGITS, CN_NUMERALS, CN_YEAR_DIGITS, CN_ZERO_FORMS, chinese_numeral, nfkc
from ..rules.catalogue import finding
from .organization import (
    BREADCRUMB,
    GOV_OFFICE,
    Candidate,
    anchor,
    body_id,
    is_org_name,
    is_place_only,
    names_place,
    normalized_name,
    resolve_region,
    title_subject,
)
from .organization import body_kind as body_kind_with_reason

_TITLE_IN_LINE = re.compile(r"^(.{2,60}?(?:年度报告|年报|工作报告))")
_TITLE_WORDS = ("政府信息公开", "政务公开")
_YEAR_IN_TITLE = re.compile(rf"(20\d{{2}}|19\d{{2}}|{CN_DIGITS[2]}[{CN_ZERO_FORMS}{CN_DIGITS[0]}][{CN_YEAR_DIGITS}]{{2}})\s*年")
_PERIOD = re.compile(
    r"(?:统计期限|统计时限|统计时间|统计期|数据期限)[^。；;]{0,8}?(20\d{2})\s*年\s*1\s*月\s*1\s*日"
    r"|(20\d{2})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到|—|-)\s*\2\s*年\s*12\s*月\s*31\s*日"
    r"|(?:截止|截至)(?:日期|时间)?(?:为|到|至)?\s*(20\d{2})\s*年\s*12\s*月\s*31\s*日"
)
_YEAR_OF_WORK = re.compile(r"(20\d{2})\s*年度?\s*(?:政府信息公开|政务公开)")
_LEADING_YEAR = re.compile(r"^\s*(20\d{2})\s*年(?:度)?(?:以来)?[,，、\s]")
_DATE = re.compile(
    rf"(?P<y>(?:19|20)\d{{2}}|[{CN_YEAR_DIGITS}]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[{CN_NUMERALS}]{{1,3}})\s*月"
    rf"\s*(?P<d>\d{{1,2}}|[{CN_NUMERALS}]{{1,3}})\s*日"
)
_ISO_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_PUBLISHED_LABEL = re.compile(r"(?:发布时间|发布日期|发文日期|公开日期|成文日期|发表时间|更新时间|日期)\s*[:：]?\s*")
_PUBLISHED_KEYS = ("发布时间", "发布日期", "发文日期", "公开日期", "成文日期", "发表时间", "日期", "更新时间")

# Every repetition is bounded and no pattern can start inside a run it would rescan: the contact
# block is searched in the whole text, which may be hostile (a 150 KB run of letters made the
# unbounded e-mail pattern quadratic: > 30 s; scripts/regex_audit.py finds such patterns).
_CONTACT = {
    "address": re.compile(r"(?:通讯地址|联系地址|办公地址|地址|地点)\s{0,8}[:：]\s{0,8}([^;；,，。)）\n]{3,60})"),
    "postcode": re.compile(r"(?:邮编|邮政编码)\s{0,8}[:：]?\s{0,8}(\d{6})"),
    "phone": re.compile(r"(?:联系电话|咨询电话|办公电话|电话)\s{0,8}[:：]?\s{0,8}"
                        r"((?:\(?0\d{2,3}\)?[-—－ ]?)?\d{7,8}(?:[、/,，]\d{7,8})?|1\d{10})"),
    "fax": re.compile(r"(?:传真|传真号码)\s{0,8}[:：]?\s{0,8}((?:\(?0\d{2,3}\)?[-—－ ]?)?\d{7,8})"),
    # the look-behind makes a match start only where a run of address characters starts
    "email": re.compile(r"(?<![A-Za-z0-9_.+\-])([A-Za-z0-9_.+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){1,6})"),
}


def parse_date(text: str) -> dt.date | None:
    """'2023年1月29日', '二〇二〇年一月三十一日', '2023-02-14' → date; None if not a valid date."""
    s = nfkc(text)
    m = _DATE.search(s)
    if m:
        y = int(m.group("y")) if m.group("y").isdigit() else chinese_numeral(m.group("y"))
        mo = int(m.group("m")) if m.group("m").isdigit() else chinese_numeral(m.group("m"))
        d = int(m.group("d")) if m.group("d").isdigit() else chinese_numeral(m.group("d"))
    else:
        m2 = _ISO_DATE.search(s)
        if not m2:
            return None
        y, mo, d = (int(g) for g in m2.groups())
    try:
        return dt.date(y or 0, mo or 0, d or 0)
    except ValueError:
        return None


def coerce_date(value: object) -> dt.date | str | None:
    """A date from a spreadsheet/YAML value: date or datetime, or text parse_date reads.

    None for an empty value; the text itself when it is not a date (callers report it).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    return parse_date(text) or text


def read_metadata(doc: Document, preamble: str, overrides: Mapping[str, str] | None = None,
                  findings: list[Finding] | None = None) -> Meta:
    """The report's meta fields, each with where it was read (`meta.provenance`).

    `overrides` (from --meta or a manifest: title, organization, year, published, url, body_kind)
    win over what the report says; the rest is still read from the report. Disagreeing year
    readings are appended to `findings` (extract.year_conflict).
    """
    ov = dict(overrides or {})
    lines = [(nfkc(p.text).strip(), p.pos.line) for p in doc.paragraphs() if p.text.strip()]
    paras = [t for t, _ in lines]
    full = "\n".join(paras)
    prov: dict[str, MetaSource] = {}
    title, title_src = _title(doc, lines)
    if ov.get("title"):
        title, title_src = ov["title"].strip(), MetaSource(source="override", text=ov["title"])
    signed, signer, sign_line = _signature(lines)
    if signed:
        prov["signed"] = MetaSource(source="signature", text=str(sign_line[0]), line=sign_line[1])
    published, basis, pub_src = _published(doc, lines)
    if published is None and signed is not None:
        published, basis, pub_src = signed, "signature", prov["signed"]
    if ov.get("published") and parse_date(ov["published"]):
        published, basis = parse_date(ov["published"]), "page"
        pub_src = MetaSource(source="override", text=ov["published"])

    cands = _org_candidates(doc, title, title_src, signer, sign_line, lines, preamble)
    if ov.get("organization"):
        cands.insert(0, Candidate(ov["organization"].strip(), "override", ov["organization"]))
    org_src = _choose_org(cands, full)
    if org_src is not None and org_src.source != "override":
        org_src = _government_for_office(org_src, full)
    organization = org_src.name if org_src else None

    subject = title_subject(title)[0] if title else None
    title_gov = bool(subject and (_GOV_END.search(subject) or (
        is_place_only(subject) and not subject.endswith(("镇", "乡", "街道", "苏木")))))
    if ov.get("body_kind") in ("government", "department", "township", "unknown"):
        kind, kind_src = ov["body_kind"], MetaSource(source="override", text=ov["body_kind"])
    else:
        kind, why = body_kind_with_reason(organization, full, title_gov)
        kind_src = MetaSource(source="derived", text=f"{organization or '（无）'}：{why}")

    url = ov.get("url") or None

    def evidence() -> list[tuple[str, str, float]]:
        """Where the report names places, with the weight of each kind of place (docs/metadata.md)."""
        found: list[tuple[str, str, float]] = []
        if title:
            found.append(("title", title, 4))
        if signer:
            found.append(("signature", signer, 4))
        for key in (*_PAGE_ORG_KEYS, "网页标题"):
            if doc.page_meta.get(key):
                found.append((f"page:{key}", doc.page_meta[key], 3))
        found.append(("text", "\n".join(paras[:12])[:1500], 1))
        found.append(("contact", _contact_text(paras), 2))
        return found

    region, region_src = resolve_region(organization, evidence, url)
    normalized = normalized_name(organization, region, region_src is not None and region_src.source != "url")

    period = _PERIOD.search(full)
    year, year_src, year_readings = _year(title, title_src, full, period, lines, doc, published)
    if ov.get("year", "").strip().isdigit():
        year, year_src = int(ov["year"]), MetaSource(source="override", text=ov["year"])
    period_year = int(next(g for g in period.groups() if g)) if period else None

    for key, src in (("title", title_src), ("published", pub_src), ("organization", org_src and org_src.as_source()),
                     ("body_kind", kind_src), ("region", region_src), ("year", year_src)):
        if src is not None:
            prov[key] = src
    if normalized and normalized != organization:
        prov["organization_normalized"] = MetaSource(source="derived", text=f"{organization} → {normalized}")
    if period:
        prov["period_year"] = MetaSource(source="text", text=_around(full, period.start(), period.end()))
    if findings is not None and year_readings and year_readings[0][0] == "title" and not ov.get("year"):
        findings.extend(_year_conflicts(title or "", year, year_readings))
    return Meta(
        title=title,
        organization=organization,
        body_kind=kind,  # type: ignore[arg-type]
        year=year,
        published=published,
        signed=signed,
        contact=_contact(preamble + "\n" + full),
        published_basis=basis,  # type: ignore[arg-type]
        period_year=period_year,
        organization_normalized=normalized,
        region=region,
        body_id=body_id(normalized or organization, kind, region),
        url=url,
        provenance=prov,
    )


def _government_for_office(chosen: Candidate, full: str) -> Candidate:
    """An office publishing its government's report stands for the government, named as the report
    prints it (大英县政府办公室 制定了… and 大英县人民政府网 in the text → 大英县人民政府)."""
    m = GOV_OFFICE.search(chosen.name)
    if m is None or not m.start() or body_kind_with_reason(chosen.name, full, False)[0] != "government":
        return chosen
    place = chosen.name[:m.start()]
    for name, start, end in printed_governments(full, place):
        if _GOV_END.sub("", name) == place:
            return Candidate(name, "text", f"{_around(full, start, end)}（{chosen.source}：{chosen.name}发布）",
                             chosen.line)
    return chosen


def _year_conflicts(title: str, year: int | None, readings: list[tuple[str, int, str]]) -> list[Finding]:
    """extract.year_conflict for the first reading that disagrees with the title's year (the 统计期限
    has its own check, check.period_mismatch)."""
    for source, other, text in readings:
        if year is not None and other != year and source not in ("period", "title"):
            return [finding("extract.year_conflict", [], f"标题：{title}；{_SOURCE_ZH[source]}：{text}",
                            year=year, other=other, where=_SOURCE_ZH[source], where_en=source)]
    return []


_PAGE_ORG_KEYS = ("发布机构", "发文机关", "发布单位", "信息来源", "来源", "网站名称")  # in order of trust
_SOURCE_ZH = {"title": "标题", "period": "统计期限", "tables": "表格表头", "text": "正文首段", "published": "发布日期"}
_TABLE_YEAR = re.compile(r"(20\d{2})\s*年度?")
_ORG_NAME = r"([^，,。；;：:“”\"《》（）()\s]{2,40}?)"
# Preamble phrasings that name the issuer (see docs/metadata.md): 现向社会公布…年度报告, 本报告由…编制,
# …年度报告根据…编制, …制定了…报告, 现将…报告如下.
_PREAMBLE_ORG = [
    re.compile(r"(?:现|特)(?:向社会)?(?:予以)?(?:公布|发布)了?(?:(?:19|20)\d{2}年度?)?" + _ORG_NAME
               + r"(?:(?:19|20)\d{2}年度?)?(?:政府信息公开|政务公开)(?:工作)?(?:年度)?报告"),
    re.compile(r"本(?:年度)?报告(?:是)?由" + _ORG_NAME + r"(?:根据|依据|按照|编制|制作|负责|汇总|组织)"),
    re.compile(r"(?:^|[。；;\n])" + _ORG_NAME + r"(?:(?:19|20)\d{2}年度?)?(?:政府信息公开|政务公开)(?:工作)?(?:年度)?报告"
               r"(?:是)?(?:根据|依据|按照|由)"),
    re.compile(r"(?:^|[，,。；;\n])" + _ORG_NAME + r"(?:制定|编制|编写|形成|发布)了?(?:本|(?:19|20)\d{2}年度?)"
               r"(?:政府信息公开|政务公开)(?:工作)?(?:年度)?报告"),
    re.compile(r"现将" + _ORG_NAME + r"(?:(?:19|20)\d{2}年度?)?(?:政府信息公开|政务公开)(?:工作)?(?:情况|年度报告|报告)"),
]
# the text is NFKC-normalised: full-width ；：（） arrive as ;:()
_CONTACT_ORG = re.compile(r"(?:请与|请联系|联系单位[:：]|受理机构[:：]|联系部门[:：])" + _ORG_NAME + r"(?:联系|[，,。；;(（]|$)")
_SELF_GOV = re.compile(r"我(?:市|县|区|旗|州|省|镇|乡)|全(?:市|县|区|旗|州|省|镇|乡)")
_GOV_END = re.compile(r"(?:人民)?政府$")
_GOV_AFTER = re.compile(r"(?:[\u4e00-\u9fa5]{2,6}?(?:镇|乡|街道|苏木))?(?:人民)?政府(?!办|信息公开)")


def printed_governments(full: str, place: str = "") -> list[tuple[str, int, int]]:
    """Names of governments the text prints, also inside a longer name (开远市人民政府门户网站),
    each starting at its first place name: (name, start, end) in text order."""
    from .gazetteer import gazetteer

    hits = gazetteer().find(full)
    ends = {s + len(n): s for s, n, _ in hits}
    out: list[tuple[str, int, int]] = []
    for s, n, _ in hits:
        m = _GOV_AFTER.match(full, s + len(n))
        if m:
            start = s
            while start in ends:
                start = ends[start]
            out.append((full[start:m.end()], start, m.end()))
    if place and not gazetteer().find(place):  # a town: not in the gazetteer
        for m in re.finditer(re.escape(place) + r"(?:(?:人民)?政府|办事处)(?!办|信息公开)", full):
            start = m.start()
            while start in ends:
                start = ends[start]
            out.append((full[start:m.end()], start, m.end()))
        out.sort(key=lambda x: x[1])
    return out


_GOV_LEVEL = re.compile(r"(省|市|县|区|旗|州|镇|乡)(?:人民)?政府$")


# a sentence that cites a notice about the reports (根据《…关于做好2022年…年度报告…的通知》) is no title
_SENTENCE_START = re.compile(r"^(?:根据|按照|依据|依照|为|现|本|经|对|在|结合)")
_TITLE_END = re.compile(r"[\s（(》”\"]|的(?:通知|公告|公示)|$")
_NAME_CHARS = re.compile(r"[\u4e00-\u9fa5（）()·]{2,40}")
_SEAL = re.compile(r"[（(](?:盖章|印章|签章|章)[)）]")  # 某某局（盖章）under a signature
_CONTACT_LINE = re.compile(r"地址|联系电话|邮编|通讯地址")
_ORG_LINE = re.compile(r"[\u4e00-\u9fa5（）()]+")
_SIGNED_LINE = re.compile(r"([\u4e00-\u9fa5]{3,25})\s*" + _DATE.pattern + r"\s*$")


def _around(text: str, start: int, end: int, pad: int = 10) -> str:
    return text[max(0, start - pad):end + pad].replace("\n", " ")


def _title(doc: Document, lines: list[tuple[str, int | None]]) -> tuple[str | None, MetaSource | None]:
    if doc.page_title and any(w in doc.page_title for w in _TITLE_WORDS):
        return doc.page_title.strip(), MetaSource(source="page:title", text=doc.page_title.strip())
    for i, (raw, line) in enumerate(lines[:12]):
        if not any(w in raw for w in _TITLE_WORDS) or not re.search(r"年度?报告|年报", raw):
            continue
        # navigation, column names and 来源 lines around the title: keep the piece naming the report
        pieces = [x for x in BREADCRUMB.split(raw) if x.strip()]
        p = next((x.strip() for x in reversed(pieces) if any(w in x for w in _TITLE_WORDS)), raw)
        m = _TITLE_IN_LINE.match(p)
        if m and not re.search(r"[,，。；;:：]", m.group(1)) and not _SENTENCE_START.match(m.group(1)) \
                and (m.end() == len(p) or _TITLE_END.match(p, m.end())):
            title = m.group(1).strip()
            if title.startswith(_TITLE_WORDS) and not re.search(rf"\d{{4}}|[{CN_YEAR_DIGITS}]{{4}}", title):
                continue  # a column name at the end of a breadcrumb (… > 政府信息公开年报), not the title
            prev = lines[i - 1][0] if i else ""
            # a title split over two lines: '淮安市人民政府' / '2024年政府信息公开工作年度报告'
            if re.match(r"^\d{4}", title) and prev and len(prev) <= 20 and is_org_name(prev):
                return prev + title, MetaSource(source="title", text=f"{prev} / {raw[:180]}", line=lines[i - 1][1])
            return title, MetaSource(source="title", text=raw[:200], line=line)
    return None, None


def _year(title: str | None, title_src: MetaSource | None, full: str, period: re.Match[str] | None,
          lines: list[tuple[str, int | None]], doc: Document, published: dt.date | None) -> tuple[int | None, MetaSource | None, list[tuple[str, int, str]]]:
    """The reporting year and where it was read; also every reading, for the conflicts.

    `period`: the 统计期限 statement found in `full` (read_metadata searches for it once)."""
    readings: list[tuple[str, int, str, MetaSource]] = []
    if title:
        m = _YEAR_IN_TITLE.search(title)
        if m:
            src = title_src or MetaSource(source="title", text=title)
            y = m.group(1)
            readings.append(("title", int(y) if y.isdigit() else chinese_numeral(y) or 0, title, src))
    if period:
        text = _around(full, period.start(), period.end())
        readings.append(("period", int(next(g for g in period.groups() if g)), text, MetaSource(source="text", text=text)))
    for grid in doc.grids()[:3]:
        header = " ".join(c.text for row in grid.rows[:2] for c in row if not c.merged)
        m = _TABLE_YEAR.search(header)
        if m:
            readings.append(("tables", int(m.group(1)), header[:80], MetaSource(source="tables", text=header[:80])))
            break
    for raw, line in lines[:3]:
        m = _LEADING_YEAR.match(raw) or _YEAR_OF_WORK.search(raw)
        if m:
            readings.append(("text", int(m.group(1)), raw[:80], MetaSource(source="text", text=raw[:80], line=line)))
            break
    if published is not None:
        readings.append(("published", published.year - 1, published.isoformat(),
                         MetaSource(source="derived", text=f"发布日期 {published.isoformat()} 的上一年")))
    plain = [(s, y, t) for s, y, t, _ in readings]
    if not readings:
        return None, None, plain
    _, year, _, src = readings[0]
    return year, src, plain


def _signature(lines: list[tuple[str, int | None]]) -> tuple[dt.date | None, str | None, tuple[str, int | None]]:
    """The date under the signature (last lines), the name above it when there is one, and the line."""
    tail = [(_SEAL.sub("", t).strip(), n) for t, n in lines[-4:]]
    for k in range(len(tail) - 1, -1, -1):
        line, no = tail[k]
        if len(line) <= 20 and _DATE.fullmatch(line.replace(" ", "")):
            date = parse_date(line)
            signer = tail[k - 1][0] if k >= 1 and _is_org_line(tail[k - 1][0]) else None
            return date, signer, (tail[k - 1][0] + " " + line if signer else line, no)
        if len(line) > 50:  # before the search: a hostile last line may be long
            continue
        m = _SIGNED_LINE.search(line)
        if m and _is_org_line(m.group(1)):
            return parse_date(line[m.start():]), m.group(1), (line, no)
    return None, None, ("", None)


def _is_org_line(line: str) -> bool:
    s = line.strip()
    return 3 <= len(s) <= 30 and bool(_ORG_LINE.fullmatch(s)) and is_org_name(s)


def _published(doc: Document, lines: list[tuple[str, int | None]]) \
        -> tuple[dt.date | None, str | None, MetaSource | None]:
    for key in _PUBLISHED_KEYS:
        if key in doc.page_meta:
            d = parse_date(doc.page_meta[key])
            if d:
                return d, "page", MetaSource(source=f"page:{key}", text=doc.page_meta[key])
    for p, line in lines[:8]:
        m = _PUBLISHED_LABEL.search(p)
        if m and m.group(0).strip() not in ("日期",):
            d = parse_date(p[m.end():m.end() + 20])
            if d:
                return d, "page", MetaSource(source="page", text=p[:80], line=line)
    return None, None, None


def _contact_text(paras: list[str]) -> str:
    """The lines that hold contact details (address, phone): where the body's place is often printed."""
    return "\n".join(p for p in paras if _CONTACT_LINE.search(p))[:600]


def _org_candidates(doc: Document, title: str | None, title_src: MetaSource | None, signer: str | None,
                    sign_line: tuple[str, int | None], lines: list[tuple[str, int | None]],
                    preamble: str) -> list[Candidate]:
    """Every statement of the issuer, in order of trust (docs/metadata.md)."""
    out: list[Candidate] = []
    if title:
        subject, publisher = title_subject(title)
        src = title_src or MetaSource(source="title", text=title)
        for name in (subject, publisher):
            if name and (is_org_name(name) or is_place_only(name)):
                # a whole title names its body even without a place (商务部); never a piece of a sentence
                clean = anchor(name) or (name if _NAME_CHARS.fullmatch(name) else None)
                if clean:
                    out.append(Candidate(clean, "title", src.text, src.line))
    if signer:
        clean = anchor(signer) or signer
        out.append(Candidate(clean, "signature", sign_line[0], sign_line[1]))
    head = [(preamble, None)] + lines[:10] if preamble else lines[:10]
    for text, line in head:
        if "报告" not in text:
            continue
        for rx in _PREAMBLE_ORG:
            for m in rx.finditer(text):
                name = anchor(m.group(1))
                if name and (is_org_name(name) or is_place_only(name)):
                    out.append(Candidate(name, "preamble", _around(text, m.start(), m.end()), line))
    page: list[Candidate] = []
    offices: list[Candidate] = []  # 来源：县政府办 is the office that posted the page: after the site's name
    for key in _PAGE_ORG_KEYS:
        v = doc.page_meta.get(key, "").strip()
        if v and is_org_name(v) and len(v) <= 30:
            c = Candidate(anchor(v) or v, f"page:{key}", v)
            (offices if key in ("来源", "信息来源") and GOV_OFFICE.search(v) else page).append(c)
    # the <title> often reads "report title_site name" (…年度报告_青田县人民政府)
    for part in re.split(r"\s*[_|｜—–-]{1,2}\s*", doc.page_meta.get("网页标题", "")):
        if part and "报告" not in part and is_org_name(part) and len(part) <= 30:
            name = anchor(part)
            if name:
                page.append(Candidate(name, "page:<title>", doc.page_meta["网页标题"]))
    out.extend(page + offices)
    for text, line in lines[-12:]:
        if "联系" not in text and "受理机构" not in text:
            continue
        for m in _CONTACT_ORG.finditer(text):
            name = anchor(m.group(1))
            if name and is_org_name(name):
                out.append(Candidate(name, "contact", _around(text, m.start(), m.end()), line))
    return out


def _choose_org(cands: list[Candidate], full: str) -> Candidate | None:
    """The first statement in order of trust. A bare place (东乌旗, 开远市) gives way to a name the
    report prints for a body at that place: its government first (开远市人民政府 in the text, 东乌珠穆沁旗
    人民政府 in the signature), then any other statement naming a body there."""
    if cands and is_place_only(cands[0].name):
        place = cands[0].name
        for c in cands[1:]:
            if _GOV_END.search(c.name) and names_place(c.name, place):
                return c
        for name, start, end in printed_governments(full, place):
            if names_place(name, place):
                return Candidate(name, "text", _around(full, start, end))
        for c in cands[1:]:
            if is_org_name(c.name) and names_place(c.name, place):
                return c
        return cands[0]
    if cands:
        return cands[0]
    # no statement at all: a report speaking of 我县/全市 names its government in the text; only a
    # government of that level counts (我市 is not 红河州 of a 《红河州人民政府办公室关于…》 it cites)
    levels = {m.group(0)[-1] for m in _SELF_GOV.finditer(full[:3000])}
    if levels:
        head = full[:3000]
        names = Counter(name for name, _, _ in printed_governments(head)
                        if (level := _GOV_LEVEL.search(name)) and level.group(1) in levels)
        if names:
            name, _ = names.most_common(1)[0]
            i = head.find(name)
            return Candidate(name, "text", _around(head, i, i + len(name)))
    return None


def body_kind(org: str | None) -> str:
    """government (a 人民政府's own report) | department | township | unknown, from the name alone."""
    return body_kind_with_reason(org)[0]


def _contact(text: str) -> Contact:
    found: dict[str, str | None] = {}
    for key, rx in _CONTACT.items():
        m = rx.search(text)
        found[key] = m.group(1).strip() if m else None
    return Contact(**found)
