"""Checks per second: run_checks (with a previous year's report) over the bundled example.

    python bench/bench_checks.py             # 5,000 runs
    python bench/bench_checks.py --runs 500  # a quicker run

The example is parsed once; only `run_checks(report, previous)` is timed (the previous year is the
same report with its year set back by one, so every cross-year relation and the similarity of the
six sections are computed too). CPU time of this process; other load on the machine adds noise.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import nianbao
from nianbao.checks import run_checks

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5000)
    args = ap.parse_args()
    report = nianbao.parse(ROOT / "examples" / "linchuan_2023.txt")
    previous = report.model_copy(deep=True)
    previous.meta.year = (report.meta.year or 2023) - 1
    for label, prev in (("without --previous", None), ("with --previous", previous)):
        start = time.process_time()
        for _ in range(args.runs):
            run_checks(report, prev)
        spent = time.process_time() - start
        print(f"run_checks {label}: {args.runs} runs, {spent / args.runs * 1000:.2f} ms per report, "
              f"{args.runs / spent:,.0f} reports/s per core")


if __name__ == "__main__":
    main()
