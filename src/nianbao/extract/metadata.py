"""Title, organisation, kind of body, reporting year, dates and contact details."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from ..document import Document
from ..model import Contact, Meta
from ..normalize import CN_DIGITS, CN_NUMERALS, chinese_numeral, nfkc

_TITLE_IN_LINE = re.compile(r"^(.{2,60}?(?:年度报告|年报|工作报告))")
_TITLE_WORDS = ("政府信息公开", "政务公开")
_YEAR_IN_TITLE = re.compile(r"(20\d{2}|19\d{2})\s*年")
_PERIOD = re.compile(
    r"(?:统计期限|统计时限|统计时间|统计期|数据期限)[^。；;]{0,8}?(20\d{2})\s*年\s*1\s*月\s*1\s*日"
    r"|(20\d{2})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到|—|-)\s*\2\s*年\s*12\s*月\s*31\s*日"
    r"|(?:截止|截至)(?:日期|时间)?(?:为|到|至)?\s*(20\d{2})\s*年\s*12\s*月\s*31\s*日"
)
_YEAR_OF_WORK = re.compile(r"(20\d{2})\s*年度?\s*(?:政府信息公开|政务公开)")
_LEADING_YEAR = re.compile(r"^\s*(20\d{2})\s*年(?:度)?(?:以来)?[,，、\s]")
_DATE = re.compile(
    rf"(?P<y>(?:19|20)\d{{2}}|[〇○{CN_DIGITS}]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[{CN_NUMERALS}]{{1,3}})\s*月"
    rf"\s*(?P<d>\d{{1,2}}|[{CN_NUMERALS}]{{1,3}})\s*日"
)
_ISO_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_PUBLISHED_LABEL = re.compile(r"(?:发布时间|发布日期|发文日期|公开日期|成文日期|发表时间|更新时间|日期)\s*[:：]?\s*")
_PUBLISHED_KEYS = ("发布时间", "发布日期", "发文日期", "公开日期", "成文日期", "发表时间", "日期", "更新时间")
_ORG_SUFFIXES = ("人民政府", "街道办事处", "办事处", "委员会", "管委会", "办公室", "办公厅", "局", "厅", "委", "办",
                 "中心", "院", "署", "部", "处", "所", "站", "队", "会")
_PLACE = re.compile(r"([\u4e00-\u9fa5]{1,12}?(?:自治州|自治县|自治旗|特别行政区|省|市|县|区|旗|州|盟|镇|乡|街道))")
_SELF_GOV = re.compile(r"我(?:市|县|区|旗|州|省|镇|乡)|全(?:市|县|区|旗|州|省|镇|乡)")
_GOV_NAME = re.compile(r"([\u4e00-\u9fa5]{2,10}?(?:市|县|区|旗|州|盟|镇|乡))(?:人民)?政府")

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


def read_metadata(doc: Document, preamble: str) -> Meta:
    paras = [nfkc(p.text).strip() for p in doc.paragraphs() if p.text.strip()]
    full = "\n".join(paras)
    title = _title(doc, paras)
    signed, signer = _signature(paras)
    published, basis = _published(doc, paras)
    if published is None and signed is not None:
        published, basis = signed, "signature"
    organization = _organization(doc, title, signer, full)
    return Meta(
        title=title,
        organization=organization,
        body_kind=body_kind(organization),
        year=_year(title, full, paras, signed),
        published=published,
        signed=signed,
        contact=_contact(preamble + "\n" + full),
        published_basis=basis,
        period_year=_period_year(full),
    )


def _period_year(full: str) -> int | None:
    """The year of the stated statistical period, or None when the report states none."""
    m = _PERIOD.search(full)
    return int(next(g for g in m.groups() if g)) if m else None


def _title(doc: Document, paras: list[str]) -> str | None:
    if doc.page_title and any(w in doc.page_title for w in _TITLE_WORDS):
        return doc.page_title.strip()
    for i, p in enumerate(paras[:12]):
        if not any(w in p for w in _TITLE_WORDS) or not re.search(r"年度?报告|年报", p):
            continue
        m = _TITLE_IN_LINE.match(p)
        if m and not re.search(r"[,，。；;:：]", m.group(1)):
            title = m.group(1).strip()
            prev = paras[i - 1] if i else ""
            # a title split over two lines: '淮安市人民政府' / '2024年政府信息公开工作年度报告'
            if re.match(r"^\d{4}", title) and prev and len(prev) <= 20 and prev.endswith(_ORG_SUFFIXES):
                title = prev + title
            return title
    return None


def _year(title: str | None, full: str, paras: list[str], signed: dt.date | None) -> int | None:
    if title:
        m = _YEAR_IN_TITLE.search(title)
        if m:
            return int(m.group(1))
    m = _PERIOD.search(full)
    if m:
        return int(next(g for g in m.groups() if g))
    for p in paras[:3]:
        m = _LEADING_YEAR.match(p) or _YEAR_OF_WORK.search(p)
        if m:
            return int(m.group(1))
    if signed is not None:
        return signed.year - 1
    return None


def _signature(paras: list[str]) -> tuple[dt.date | None, str | None]:
    """The date under the signature (last lines), and the name above it when there is one."""
    tail = paras[-4:]
    for k in range(len(tail) - 1, -1, -1):
        line = tail[k]
        if len(line) <= 20 and _DATE.fullmatch(line.replace(" ", "")):
            date = parse_date(line)
            signer = tail[k - 1] if k >= 1 and _is_org_line(tail[k - 1]) else None
            return date, signer
        if len(line) > 50:
            continue
        m = re.search(r"([\u4e00-\u9fa5]{3,25})\s*" + _DATE.pattern + r"\s*$", line)
        if m and _is_org_line(m.group(1)):
            return parse_date(line[m.start():]), m.group(1)
    return None, None


def _is_org_line(line: str) -> bool:
    s = line.strip()
    return 3 <= len(s) <= 30 and bool(re.fullmatch(r"[\u4e00-\u9fa5（）()]+", s)) and s.endswith(_ORG_SUFFIXES)


def _published(doc: Document, paras: list[str]) -> tuple[dt.date | None, str | None]:
    for key in _PUBLISHED_KEYS:
        if key in doc.page_meta:
            d = parse_date(doc.page_meta[key])
            if d:
                return d, "page"
    for p in paras[:8]:
        m = _PUBLISHED_LABEL.search(p)
        if m and m.group(0).strip() not in ("日期",):
            d = parse_date(p[m.end():m.end() + 20])
            if d:
                return d, "page"
    return None, None


def _organization(doc: Document, title: str | None, signer: str | None, full: str) -> str | None:
    # The report's own naming (signature, heading) first: a page's 发布机构/来源 is often the
    # office that posted it (县政府办公室 for the 县人民政府's report) or an abbreviation (县卫健委).
    if signer:
        return signer
    if title:
        head = re.split(r"(?:19|20)\d{2}|政府信息公开|政务公开|关于", title)[0].strip()
        if head.endswith(_ORG_SUFFIXES):
            return head
        if head and _PLACE.fullmatch(head):
            return _government_of(head)
    for key in ("发布机构", "发文机关", "发布单位", "来源"):
        v = doc.page_meta.get(key, "").strip()
        if v and v.endswith(_ORG_SUFFIXES):
            return v
    if _SELF_GOV.search(full):
        names = Counter(m.group(1) for m in _GOV_NAME.finditer(full))
        if names:
            return _government_of(names.most_common(1)[0][0])
    return None


def _government_of(place: str) -> str:
    if place.endswith("街道"):
        return place + "办事处"
    return place + "人民政府"


def body_kind(org: str | None) -> str:
    """government (a 人民政府's own report) | department | township | unknown."""
    if not org:
        return "unknown"
    if org.endswith(("街道办事处", "街道")) or re.search(r"(?:镇|乡)人民政府$", org):
        return "township"
    if org.endswith("人民政府") or re.fullmatch(r".{2,12}(?:市|县|区|旗|州)政府", org):
        return "government"
    if org.endswith(_ORG_SUFFIXES):
        return "department"
    return "unknown"


def _contact(text: str) -> Contact:
    found: dict[str, str | None] = {}
    for key, rx in _CONTACT.items():
        m = rx.search(text)
        found[key] = m.group(1).strip() if m else None
    return Contact(**found)
