"""Who issued a report: the organisation as printed, its kind, its region and a stable body id.

Names come only from places where a report states its issuer (title, signature, preamble
phrasings, page fields, contact block); a name found inside a sentence is trimmed to start at
a place name or a body word, and dropped when it cannot be (请联系…, 通过…, 以及…). The rules
and their order of trust are documented in docs/metadata.md.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..model import MetaSource, Region
from ..normalize import CN_DIGITS, CN_YEAR_DIGITS, CN_ZERO_FORMS, nfkc
from .gazetteer import COUNTY, PREFECTURE, PROVINCE, Place, gazetteer
from .labels import Memo

ORG_SUFFIXES = ("人民政府", "街道办事处", "办事处", "委员会", "管委会", "办公室", "办公厅", "局", "厅", "委", "办",
                "中心", "院", "署", "部", "处", "所", "站", "队", "会", "政府", "苏木")
_CJK = r"\u4e00-\u9fa5"
# Words a sentence puts before a name: never the start of one.
_LEAD_WORDS = re.compile(
    r"^(?:现将|现向社会|现予|现|特此|特|向社会|予以|公布了?|发布了?|请联系|请与|请向|请|联系|通过|以及|及|和|与|对|向|"
    r"由|经|在|将|按照|根据|依据|为|是|了|于|上|下|本|的|、|\s)+")
_CENTRAL_START = ("国务院", "国家", "中华人民共和国", "中国", "最高人民", "全国")
_SHORT_PLACE = re.compile(r"^(?:自治区|自治州|省|市|县|区|旗|州|盟)(?=[" + _CJK + r"]{0,12}(?:"
                          + "|".join(ORG_SUFFIXES) + r")$)")
_TOWN = re.compile(rf"^[{_CJK}]{{2,6}}?(?:街道办事处|街道|镇|乡|苏木)")
_TOWNSHIP_NAME = re.compile(rf"[{_CJK}]{{2,6}}?(?:镇|乡|苏木|街道)(?:人民政府|政府|办事处)?$")
GOV_OFFICE = re.compile(r"(?:人民)?政府办(?:公室|公厅)?$")  # 县政府办, 市人民政府办公室
_PLACE_ONLY = re.compile(rf"[{_CJK}]{{2,20}}?(?:省|自治区|市|自治州|州|盟|地区|县|自治县|区|旗|自治旗|镇|乡|街道|苏木)")
_ZONE = re.compile(r"(?:管委会|管理委员会)(?:办公室)?$")
_ZONE_WIDE = re.compile(r"本级|各部门|所属部门|各局办|区属各|各单位|各街道|各镇|汇总")
_GOV_SCOPE = re.compile(r"我(?:省|市|县|区|旗|州|盟)|全(?:省|市|县|区|旗|州|盟)(?!人民政府)")
_OFFICE_SCOPE = re.compile(r"我办|本办|我厅|本厅|办机关|厅机关")


@dataclass(slots=True)
class Candidate:
    name: str
    source: str  # title, signature, preamble, page:<key>, contact, text, override
    text: str  # the text it was read from
    line: int | None = None

    def as_source(self) -> MetaSource:
        return MetaSource(source=self.source, text=self.text[:200], line=self.line)


def is_org_name(name: str) -> bool:
    return name.endswith(ORG_SUFFIXES)


def anchor(raw: str) -> str | None:
    """`raw` trimmed to start where a name can start, or None: 请联系吴起县人民政府 → 吴起县人民政府."""
    return _anchored[raw]


def _anchor(raw: str) -> str | None:
    s = raw.strip(" ：:，,。（）()“”\"'《》【】[]")
    hits = gazetteer().find(s)
    if hits:
        # the first place name is where the body's name starts (现公布兴仁市人民政府 → 兴仁市人民政府)
        start = hits[0][0]
        lead = s[:start]
        if not lead or _LEAD_WORDS.fullmatch(lead) or not re.search(rf"[{_CJK}]", lead):
            return s[start:]
        return s[start:] if len(lead) <= 6 and _LEAD_WORDS.match(lead) else None
    s = _LEAD_WORDS.sub("", s)
    if not s:
        return None
    if s.startswith(_CENTRAL_START) or _SHORT_PLACE.match(s) or _TOWN.match(s):
        return s
    return None


_anchored: Memo[str | None] = Memo(_anchor)
_TITLE_CUT = re.compile(rf"(?:19|20)\d{{2}}|[{CN_ZERO_FORMS}{CN_DIGITS[:3]}][{CN_YEAR_DIGITS}]{{3}}(?=年)|政府信息公开|政务公开|信息公开")
_YEAR_LEAD = re.compile(r"^\s*年度?\s*")
# Where a page's navigation, column name or 来源 line is cut from the title beside it (one rule for
# the title and for the body it names). The words need their colon: a scraped page can hold the
# title and a whole paragraph on one line, and a paragraph says 栏目 too (……民意征集栏目信息内容).
BREADCRUMB = re.compile(r"[>＞»›|｜】]|(?:当前|您的)位置[:：]|来源[:：]|栏目[:：]|发布机构[:：]")


def title_subject(title: str) -> tuple[str | None, str | None]:
    """(body named in the title, the publisher before 关于 when there is one): the part before the year.

    Site navigation, column names and 来源 lines around the title are cut off first.
    """
    t = BREADCRUMB.split(title)
    t = [p for p in t if p.strip()]
    text = next((p for p in reversed(t) if re.search(r"信息公开|政务公开", p)), t[-1] if t else "")
    text = re.sub(r"^[\s:：·\-—]+", "", text)
    publisher = None
    if "关于" in text:
        before, _, after = text.partition("关于")
        publisher = before.strip() or None
        text = re.sub(r"^(?:印发|公布|发布|公开)", "", after)
        text = re.sub(r"的(?:通知|公告|公示|说明|报告)$", "", text)
    parts = _TITLE_CUT.split(text)
    if parts[0].endswith("人民") and text[len(parts[0]):].startswith("政府"):
        parts[0] += "政府"  # 吉水县人民政府信息公开工作年度报告: 政府 belongs to both words
    head = parts[0].strip(" ：:，,（）()《》“”").removesuffix("关于").removesuffix("的").strip()
    if not head and len(parts) > 1:
        # 2022年度灵璧县政府信息公开工作年度报告: the body follows the year
        head = _YEAR_LEAD.sub("", parts[1]).strip(" ：:，,（）()《》“”")
    return (head or None), publisher


def is_place_only(name: str) -> bool:
    """A bare place (东乌旗, 开远市, 清河镇): printed as the subject but not an organisation name."""
    return bool(_PLACE_ONLY.fullmatch(name)) and not is_org_name(name)


def names_place(name: str, place: str) -> bool:
    """`name` is a body at `place` as printed or abbreviated (东乌珠穆沁旗人民政府 at 东乌旗)."""
    if name.startswith(place):
        return True
    chain = gazetteer().prefix_chain(name)
    after = sum(len(n) for n, _ in chain)
    # 宁乡市大成桥镇人民政府 names 大成桥镇: the place right after the county's name
    return name.startswith(place, after) or any(_abbreviates(place, n) or n == place for n, _ in chain)


def is_central(name: str) -> bool:
    return name.startswith(_CENTRAL_START) or (
        not gazetteer().find(name[:4]) and name.endswith(("部", "总局", "总署", "署")) and not _SHORT_PLACE.match(name))


def government_scope(text: str) -> bool:
    """The report speaks for a whole government (我县, 全市…) rather than for an office (我办, 本厅)."""
    gov = len(_GOV_SCOPE.findall(text))
    office = len(_OFFICE_SCOPE.findall(text))
    return gov >= 2 and gov > 2 * office


def body_kind(org: str | None, text: str = "", title_names_government: bool = False) -> tuple[str, str]:
    """(kind, reason): government | department | township | unknown.

    `text` (the report's prose) decides the two cases a name cannot: an office of a government
    publishing the government's own report, and a zone's 管委会 reporting for the whole zone.
    """
    if not org:
        return "unknown", "未识别发布机关"
    if _TOWNSHIP_NAME.search(org) and not re.search(r"(?:县|区|市|旗)(?:人民)?政府$", org[-5:]) \
            or org.endswith(("街道办事处", "街道")):
        return "township", "乡、镇、街道（苏木）"
    if _ZONE.search(org):
        if _ZONE_WIDE.search(text):
            return "government", "管委会报告覆盖本级及所属部门"
        return "department", "管委会未称覆盖本级各部门"
    if GOV_OFFICE.search(org) and not org.endswith(("人民政府", "政府")):
        if title_names_government:
            return "government", "办公室/办公厅发布本级人民政府的报告（标题为人民政府）"
        if text and government_scope(text):
            return "government", "办公室/办公厅代本级人民政府发布（正文以全县/我市等口吻）"
        return "department", "人民政府办公室/办公厅本身的报告"
    if org.endswith(("人民政府", "政府")):
        return "government", "县级以上人民政府"
    if is_place_only(org):
        if org.endswith(("镇", "乡", "街道", "苏木")):
            return "township", "乡、镇、街道（苏木）"
        return "government", "标题以地名为机关（本级人民政府的报告）"
    if is_central(org):
        return "department", "中央国家机关"
    if is_org_name(org):
        return "department", "政府工作部门或直属机构"
    return "unknown", "名称不是机关名称"


# -- region ---------------------------------------------------------------------------------

_LEVEL_RANK = {PROVINCE: 0, PREFECTURE: 1, COUNTY: 2}
_HOST_SKIP = {"www", "gov", "cn", "com", "org", "net", "zwgk", "xxgk", "zfxxgk", "gk", "info", "http", "https"}


def _consistent(p: Place, q: Place) -> bool:
    """p lies in q, or q in p."""
    return q.code in (p.code, p.prefecture, p.province) or p.code in (q.prefecture, q.province)


def region_of(places: list[Place]) -> Region:
    g = gazetteer()
    p = max(places, key=lambda x: _LEVEL_RANK[x.level])
    prov = g.places.get(p.province)
    pref = g.places.get(p.prefecture) if p.prefecture else (p if p.level == PREFECTURE else None)
    county = p if p.level == COUNTY else None
    return Region(province=prov.name if prov else None, province_code=p.province,
                  prefecture=pref.name if pref else None, prefecture_code=pref.code if pref else None,
                  county=county.name if county else None, county_code=county.code if county else None,
                  code=p.code)


def host_places(url: str) -> list[Place]:
    """Places a page URL's host names in pinyin (www.qingtian.gov.cn → 青田县)."""
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    out: list[Place] = []
    for label in host.split("."):
        if label and label not in _HOST_SKIP and label.isalpha() and len(label) >= 4:
            out.extend(gazetteer().by_pinyin(label))
    return out


def resolve_region(org: str | None, evidence: Callable[[], list[tuple[str, str, float]]],
                   url: str | None) -> tuple[Region | None, MetaSource | None]:
    """The body's region from its name, then from the places the report and the URL name.

    `evidence()`: (source, text, weight) in order of trust, asked for only when the name does not
    say where the body is. Returns (region, where it was read).
    """
    g = gazetteer()
    if org and is_central(org):
        return Region(code="000000"), MetaSource(source="derived", text=f"{org}：中央国家机关")
    chain = g.prefix_chain(org) if org else ()
    # the places the name's last prefix may be, consistent with the prefixes before it
    named = [p for p in chain[-1][1] if all(any(_consistent(p, q) for q in qs) for _, qs in chain[:-1])] if chain else []
    if chain:
        if len(named) == 1:  # the name says where: no need to read the rest (the common case, and fast)
            return region_of(named), MetaSource(source="organization", text=chain[-1][0])
    scores: Counter[str] = Counter()
    first_seen: dict[str, MetaSource] = {}
    for source, text, weight in evidence():
        for _, name, places in g.find(text):
            for p in places:
                scores[p.code] += weight
                first_seen.setdefault(p.code, MetaSource(source=source, text=name))
    url_places = host_places(url) if url else []
    for p in url_places:
        scores[p.code] += 3
        first_seen.setdefault(p.code, MetaSource(source="url", text=url or ""))

    def support(p: Place) -> float:
        return scores[p.code] + 0.5 * (scores[p.province] + (scores[p.prefecture] if p.prefecture else 0))

    if chain:
        if not named:
            return None, None
        best = max(named, key=support)
        tied = [p for p in named if support(p) == support(best)]
        if len(tied) > 1:
            top = min(tied, key=lambda p: _LEVEL_RANK[p.level])
            if not all(_consistent(p, top) for p in tied):
                return None, None  # 朝阳区 of 北京 or of 长春: the report does not say
            best = top  # 吉林: the province and its prefecture; the province is certain
        return region_of([best]), MetaSource(source="organization", text=chain[-1][0])
    # a short form (区政府, 市应急局), a town or no name: the place the report names most
    level = _short_level(org or "")
    pool = [g.places[c] for c in scores if c in g.places]
    if level:
        pool = [p for p in pool if p.level in level]
    if not pool:
        return None, None
    ranked = sorted(pool, key=lambda p: (support(p), _LEVEL_RANK[p.level]), reverse=True)
    best = ranked[0]
    if support(best) < 1:
        return None, None
    if len(ranked) > 1 and support(ranked[1]) == support(best) and not _consistent(best, ranked[1]):
        return None, None
    return region_of([best]), first_seen.get(best.code)


def _short_level(org: str) -> tuple[str, ...]:
    if _TOWNSHIP_NAME.search(org) or org.endswith(("街道", "街道办事处")):
        return (COUNTY,)
    if org.startswith(("区", "县", "旗")):
        return (COUNTY,)
    if org.startswith("市"):
        return (PREFECTURE, COUNTY)
    if org.startswith(("省", "自治区")):
        return (PROVINCE,)
    return ()


# -- normalised name and body id ---------------------------------------------------------------

def normalized_name(org: str | None, region: Region | None, region_from_report: bool) -> str | None:
    """The name completed with the place the report itself names (区政府 → 某某区人民政府)."""
    if not org:
        return None
    g = gazetteer()
    name = org
    chain = g.prefix_chain(name)
    if not chain and region is not None and region_from_report:
        place_name = region.county or region.prefecture or region.province
        m = _SHORT_PLACE.match(name)
        if place_name and m and place_name.endswith(m.group(0)):
            name = place_name + name[len(m.group(0)):]
        elif place_name and is_place_only(name) and _abbreviates(name, place_name):
            name = place_name  # 东乌旗 and the report prints 东乌珠穆沁旗
        elif place_name and (k := _abbreviation_prefix(name, place_name)):
            name = place_name + name[k:]
    name = re.sub(r"(?<=[县市区旗州盟省])政府", "人民政府", name)
    name = name.replace("人民人民政府", "人民政府")
    if _SHORT_PLACE.match(name) and not g.prefix_chain(name):
        return None  # still a short form (区政府): the report does not say which 区
    if is_place_only(name) and not name.endswith(("镇", "乡", "街道", "苏木")) and g.prefix_chain(name):
        return None  # a bare place names no organisation; nothing to complete it with
    return name if name != org else (name if chain else None)


def _abbreviates(short: str, full: str) -> bool:
    """东乌旗 abbreviates 东乌珠穆沁旗: same first and last character, the rest in order."""
    if short[0] != full[0] or short[-1] != full[-1] or len(short) >= len(full):
        return False
    it = iter(full)
    return all(ch in it for ch in short)


def _abbreviation_prefix(name: str, place_name: str) -> int:
    """Length of a short place form at the start of `name` abbreviating `place_name` (东乌旗教育局 → 3)."""
    for k in range(min(len(name), len(place_name)) - 1, 1, -1):
        if name[k - 1] == place_name[-1] and _abbreviates(name[:k], place_name):
            return k
    return 0


def body_id(name: str | None, kind: str, region: Region | None) -> str | None:
    """"<division code>:<name without its place>", the same for one body across years.

    The place prefix is dropped (the code says it), 政府 is read as 人民政府, an office publishing
    for its government is the government, brackets and spaces go. None when the body has neither a
    region nor a name that says where it is.
    """
    if not name or region is None or not region.code:
        return None
    g = gazetteer()
    rest = name
    for n, _ in g.prefix_chain(name):
        rest = rest[len(n):]
    rest = re.sub(r"[\s（）()]", "", rest)
    if kind == "government":
        rest = re.sub(r"(?:人民)?政府(?:办公室|办公厅|办)?$", "人民政府", rest) or "人民政府"
        if _ZONE.search(rest):
            rest = _ZONE.sub("管委会", rest)
    elif kind == "township":
        m = re.match(rf"[{_CJK}]{{2,6}}?(?:镇|乡|苏木|街道)", rest)
        rest = m.group(0) if m else rest
    else:
        rest = re.sub(r"^(?:人民)?政府(?=办公室|办公厅)", "人民政府", rest)
    if not rest:
        rest = "人民政府"
    return f"{region.code}:{rest}"


# Old department name → current one (the 2018 institutional reform): one body across the change.
RENAMED: tuple[tuple[str, str], ...] = (
    ("国土资源局", "自然资源局"),
    ("国土资源厅", "自然资源厅"),
    ("环境保护局", "生态环境局"),
    ("环境保护厅", "生态环境厅"),
    ("环保局", "生态环境局"),
    ("卫生和计划生育委员会", "卫生健康委员会"),
    ("卫生计生委", "卫生健康委员会"),
    ("卫健委", "卫生健康委员会"),
    ("工商行政管理局", "市场监督管理局"),
    ("食品药品监督管理局", "市场监督管理局"),
    ("质量技术监督局", "市场监督管理局"),
    ("市场监管局", "市场监督管理局"),
    ("人社局", "人力资源和社会保障局"),
    ("住建局", "住房和城乡建设局"),
    ("城乡建设局", "住房和城乡建设局"),
    ("农业局", "农业农村局"),
    ("文化广电新闻出版局", "文化和旅游局"),
    ("旅游发展委员会", "文化和旅游局"),
    ("旅游局", "文化和旅游局"),
    ("安全生产监督管理局", "应急管理局"),
)
_KEY_DROP = re.compile(r"[\s\"'“”‘’「」『』《》〈〉<>()（）\[\]【】,，、.。;；:：!！?？·•\-—–_/|]+")
_SHORT_GOVERNMENT = re.compile(r"(?<!人民)政府")
_OFFICE_SUFFIX = re.compile(r"(办公室|办公厅)$")


def organization_key(name: str | None) -> str | None:
    """A printed organisation name for matching one body across reports and years, when no
    `body_id` can be had: width folded, spaces and punctuation dropped, 政府 read as 人民政府, the
    general office that signs a government's report read as the government, and the departments
    renamed in 2018 read by their current names. None when there is no name."""
    if not name:
        return None
    text = _SHORT_GOVERNMENT.sub("人民政府", _KEY_DROP.sub("", nfkc(name)))
    if "人民政府" in text or text.endswith(("办公室", "办公厅")):
        text = _OFFICE_SUFFIX.sub("", text) or text
    for old, new in RENAMED:
        if text.endswith(old) and not text.endswith(new):
            text = text[: -len(old)] + new
            break
    return text or None
