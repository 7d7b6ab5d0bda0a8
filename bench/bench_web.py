"""What the web app's sandbox costs: one upload parsed in-process, in a child forked from the
preloaded fork server (what `nianbao serve` does), and in a freshly spawned interpreter.

    python bench/bench_web.py            # 20 parses of each file
    python bench/bench_web.py --runs 5   # a quicker run

Files: the bundled example (scraped text) and, when LibreOffice is installed, a synthetic PDF.
Wall-clock milliseconds per upload (the user waits for this), median of the runs; the first
forkserver call (which starts the server) is reported apart.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from nianbao.web.sandbox import Limits, run_limited
from nianbao.web.tasks import parse_upload

ROOT = Path(__file__).resolve().parents[1]


def timed(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    limits = Limits()
    files = [ROOT / "examples" / "linchuan_2023.txt"]
    with tempfile.TemporaryDirectory() as tmp:
        if shutil.which("soffice"):
            from nianbao.synth import write_corpus

            files += [p for p in write_corpus(1, Path(tmp), formats=("pdf",), seed=11) if p.suffix == ".pdf"]
        start = time.perf_counter()
        run_limited(parse_upload, ("warm.txt", files[0].read_bytes()), limits)
        print(f"fork server start + first parse: {(time.perf_counter() - start) * 1000:.0f} ms")
        for path in files:
            data = path.read_bytes()
            args_ = (path.name, data)
            inproc = timed(lambda a=args_: parse_upload(*a), args.runs)
            fork = timed(lambda a=args_: run_limited(parse_upload, a, limits), args.runs)
            spawn = timed(lambda a=args_: run_limited(parse_upload, a, limits, method="spawn"), max(3, args.runs // 4))
            print(f"{path.suffix[1:]:>4} {len(data) / 1024:6.0f} KB  in-process {inproc:6.0f} ms · "
                  f"forkserver child {fork:6.0f} ms · spawned child {spawn:6.0f} ms (median)")


if __name__ == "__main__":
    main()
