"""Round trip at full size: synth N reports per format, parse each, compare with its gold.

    python3 bench/bench_roundtrip.py [--n 200] [--formats text,html,docx,pdf] [--seed 1]

Prints, per format: files, exact-table matches (goal: 100%), metadata matches, seconds to
write and to parse. Files go to a temporary directory (kept with --keep DIR).
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nianbao
from nianbao.synth.generate import load_gold, write_corpus

READERS = {"text": None, "html": "nianbao.readers.html", "docx": "nianbao.readers.docx", "pdf": "nianbao.readers.pdf"}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--formats", default="text,html,docx,pdf")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", type=Path, default=None)
    args = ap.parse_args()
    out = args.keep or Path(tempfile.mkdtemp(prefix="nianbao-bench-"))
    failed_any = False
    print(f"{'format':6} {'files':>5} {'tables':>8} {'meta':>8} {'write s':>8} {'parse s':>8}")
    for fmt in args.formats.split(","):
        if READERS[fmt] and importlib.util.find_spec(READERS[fmt]) is None:
            print(f"{fmt:6} skipped: no reader")
            continue
        if fmt == "pdf" and shutil.which("soffice") is None:
            print(f"{fmt:6} skipped: LibreOffice not installed")
            continue
        t0 = time.perf_counter()
        files = write_corpus(args.n, out, (fmt,), seed=args.seed)
        t1 = time.perf_counter()
        tables_ok = meta_ok = 0
        bad: list[str] = []
        for f in files:
            gold, _ = load_gold(f.with_suffix(".gold.json"))
            try:
                got = nianbao.parse(f)
            except Exception as exc:  # report and go on
                bad.append(f"{f.name}: {exc}")
                continue
            if got.tables.model_dump() == gold.tables.model_dump():
                tables_ok += 1
            else:
                bad.append(f.name)
            if all(getattr(got.meta, k) == getattr(gold.meta, k) for k in ("year", "template", "organization",
                                                                          "body_kind")):
                meta_ok += 1
        t2 = time.perf_counter()
        n = len(files)
        print(f"{fmt:6} {n:5d} {100 * tables_ok / n:7.1f}% {100 * meta_ok / n:7.1f}% {t1 - t0:8.1f} {t2 - t1:8.1f}")
        for b in bad[:10]:
            print(f"       mismatch: {b}")
        failed_any |= tables_ok != n
    if args.keep is None:
        shutil.rmtree(out, ignore_errors=True)
    return 1 if failed_any else 0


if __name__ == "__main__":
    sys.exit(main())
