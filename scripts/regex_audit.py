"""Find super-linear regular expressions in nianbao: every compiled pattern held by a module
(directly or in a dict/tuple/list) is searched (and `finditer`-ed) over pathological strings of
two lengths; a pattern whose time grows by more than 3x when the input doubles is reported.

    python scripts/regex_audit.py [--n 4000]

Alphabets tried: letters, digits, letters and dots, spaces, spaces/tabs, CJK, CJK with
spaces, punctuation, pipes, newlines and a few mixes; each also with a prefix that many
patterns start with (电话, 字体, 年, …), so a pattern's tail is reached.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import nianbao  # noqa: E402

UNITS = ["a", "1", "a.", "a1_", " ", " \t", "年", "年 ", "。", "|", "\n", "\n ", "1,", "1.", "(", "（", "-",
         "公开", "１", "\u3000", "a@", "0-", "申请", "1 ", " 1", "12月", "字体", "大 ", "【"]
PREFIXES = ["", "电话", "字体：", "2020年", "联系电话：", "地址：", "一、", "主动公开", "<", "|", "x@"]


def patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.walk_packages(nianbao.__path__, "nianbao."):
        if info.name.endswith("__main__"):
            continue
        try:
            mod = importlib.import_module(info.name)
        except Exception:  # optional modules (web, corpus) may need extras
            continue
        for name, value in vars(mod).items():
            values = value.values() if isinstance(value, dict) else value if isinstance(value, (tuple, list)) \
                else [value]
            try:
                items = list(values)
            except TypeError:
                continue
            for k, v in enumerate(items):
                if isinstance(v, re.Pattern) and isinstance(v.pattern, str):
                    found[f"{info.name}.{name}[{k}]"] = v
                elif isinstance(v, (tuple, list)):
                    for j, w in enumerate(v):
                        if isinstance(w, re.Pattern) and isinstance(w.pattern, str):
                            found[f"{info.name}.{name}[{k}][{j}]"] = w
    return found


def cost(rx: re.Pattern[str], text: str) -> float:
    """Best of three (the machine is shared: the minimum is the least disturbed run)."""
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        for _ in rx.finditer(text):
            pass
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=4000)
    args = ap.parse_args()
    bad = 0
    pats = patterns()
    for name, rx in sorted(pats.items()):
        worst = (1.0, 0.0, "")
        for prefix in PREFIXES:
            for unit in UNITS:
                small = prefix + unit * (args.n // len(unit))
                large = prefix + unit * (2 * args.n // len(unit))
                a = cost(rx, small)
                if a < 2e-4:
                    continue
                b = cost(rx, large)
                if b / a > worst[0] and b > 5e-3:
                    worst = (b / a, b, f"{prefix!r} + {unit!r}*")
        if worst[0] > 3.2:
            bad += 1
            print(f"SUPERLINEAR x{worst[0]:.1f} ({worst[1] * 1000:.0f} ms at 2n) {name}: {worst[2]}\n    {rx.pattern[:160]}")
    print(f"{len(pats)} patterns, {bad} super-linear")


if __name__ == "__main__":
    main()
