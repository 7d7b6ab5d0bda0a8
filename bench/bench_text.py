"""Benchmark: parse a corpus of ≥10,000 scraped-text reports on one core; print reports/s and peak RSS.

The corpus is built on the fly (nothing kept in memory, nothing written): the five seeds from
../shared/seeds when present and the bundled example, each varied per input — every table
number replaced, the pipe tables re-printed in another flavour (tab, multi-space, single-space,
one cell per line), navigation junk added, digits made full-width, thousands separators.

    python bench/bench_text.py                 # 10,000 reports
    python bench/bench_text.py -n 2000 --profile   # cProfile the hot paths (top 25)

Figures only; no assertion on speed (the goal is ≥200 reports/s/core with flat memory).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"

JUNK_TOP = ("当前位置：首页 > 政务公开 > 政府信息公开年报", "您现在的位置：首页 > 信息公开 > 年度报告",
            "字体：[大 中 小]  打印本页 关闭窗口", "【打印】【关闭】")
JUNK_BOTTOM = ("打印 关闭", "【打印本页】 【关闭窗口】", "上一篇：关于做好政务公开工作的通知", "扫一扫在手机打开当前页",
               "版权所有：某某县人民政府办公室  网站标识码：0000000000")
_NUMBER_CELL = re.compile(r"^[0-9０-９][0-9０-９,.]*$")
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def base_texts() -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if SEEDS.is_dir():
        out.extend((p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt")))
    example = ROOT / "examples" / "linchuan_2023.txt"
    if example.is_file():
        out.append((example.name, example.read_text(encoding="utf-8")))
    if not out:
        sys.exit("no base texts: neither ../shared/seeds nor examples/linchuan_2023.txt found")
    return out


def _number(rnd: random.Random, fullwidth: bool, thousands: bool) -> str:
    n = rnd.choice((0, 0, rnd.randint(1, 9), rnd.randint(10, 999), rnd.randint(1000, 99999)))
    s = f"{n:,}" if thousands else str(n)
    return s.translate(_FULLWIDTH) if fullwidth and rnd.random() < 0.3 else s


FLAVOURS = ("pipe", "tab", "multi_space", "single_space", "cell_per_line")


def vary(text: str, rnd: random.Random, flavour: str | None = None) -> str:
    """One variant of a report text: new numbers, another table flavour, junk."""
    flavour = flavour or rnd.choice(FLAVOURS)
    lines = text.splitlines()
    if sum(1 for ln in lines if ln.strip() == "|") > 20:
        flavour = "keep"  # already one cell per line: re-printing it line by line would break it
    fullwidth = rnd.random() < 0.3
    thousands = rnd.random() < 0.3
    out: list[str] = []
    if rnd.random() < 0.5:
        out.extend(rnd.sample(JUNK_TOP, 2))
    for line in lines:
        if flavour == "keep" or "|" not in line or len(line) > 400 or set(line.strip()) <= {"|", " "}:
            s = line.strip()
            out.append(_number(rnd, fullwidth, thousands) if _NUMBER_CELL.match(s) else line)
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        cells = [_number(rnd, fullwidth, thousands) if _NUMBER_CELL.match(c) else c for c in cells]
        if flavour == "pipe":
            out.append(" | ".join(cells) + " |")
            continue
        cells = [c for c in cells if c]  # the spaced flavours cannot print an empty cell
        if not cells:
            continue
        if flavour == "tab":
            out.append("\t".join(cells))
        elif flavour == "multi_space":
            out.append("   ".join(cells))
        elif flavour == "single_space":
            out.append(" ".join(cells))
        else:
            out.append(f"| {cells[0]}")
            for c in cells[1:]:
                out.extend(("|", c))
            out.extend(("|", "|"))
    if rnd.random() < 0.5:
        out.append(rnd.choice(JUNK_BOTTOM))
    return "\n".join(out) + "\n"


def corpus(n: int, seed: int = 2024) -> Iterator[str]:
    """n report texts, generated one at a time (the corpus is never held in memory)."""
    bases = base_texts()
    rnd = random.Random(seed)
    for i in range(n):
        _name, text = bases[i % len(bases)]
        yield text if i < len(bases) else vary(text, random.Random(rnd.random()))


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=10_000, help="number of reports (default 10,000)")
    ap.add_argument("--profile", action="store_true", help="run under cProfile and print the top functions")
    ap.add_argument("--plain", action="store_true", help="without nianbao.batch (the GC settings for long runs)")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    import nianbao
    from nianbao.api import _run_checks
    from nianbao.extract import extract
    from nianbao.readers import read_text

    for text in corpus(3):
        nianbao.parse_text(text)  # warm-up: imports, compiled regexes
    print(f"nianbao text benchmark: {args.n} reports from {len(base_texts())} base texts, one core, "
          f"Python {sys.version.split()[0]}")
    print(f"{'reports':>8} {'reports/s':>10} {'read ms':>8} {'extract ms':>10} {'checks ms':>9} {'peak RSS MiB':>12}")

    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
    marks = {1000, 5000, 10_000, args.n}
    t_read = t_extract = t_checks = 0.0
    tables_read = 0
    # the GC settings nianbao.parse_many and the CLI use for long runs (see nianbao/batch.py)
    with contextlib.nullcontext() if args.plain else nianbao.batch():
        for i, text in enumerate(corpus(args.n), start=1):
            if profiler:
                profiler.enable()
            t0 = time.process_time()
            doc = read_text(text)
            t1 = time.process_time()
            report = extract(doc)
            t2 = time.process_time()
            _run_checks(report)
            t3 = time.process_time()
            if profiler:
                profiler.disable()
            t_read += t1 - t0
            t_extract += t2 - t1
            t_checks += t3 - t2
            tables_read += sum(t is not None for t in (report.tables.active_disclosure, report.tables.applications,
                                                      report.tables.reviews_litigation))
            del doc, report
            if i in marks:
                total = t_read + t_extract + t_checks
                print(f"{i:>8} {i / total:>10.0f} {1000 * t_read / i:>8.2f} {1000 * t_extract / i:>10.2f} "
                      f"{1000 * t_checks / i:>9.2f} {peak_rss_mib():>12.1f}")
    print(f"tables read: {tables_read} of {3 * args.n} (seeds 000/003/004 print none; by design)")
    from nianbao.normalize import label_key, parse_value

    for fn in (parse_value, label_key):  # bounded caches: the only state kept between reports
        info = fn.cache_info()
        print(f"cache {fn.__name__}: {info.currsize} of {info.maxsize} entries")
    if profiler:
        import pstats

        pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "tottime")).print_stats(40)


if __name__ == "__main__":
    main()
