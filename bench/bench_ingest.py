"""Benchmark: `ingest` of synthetic reports (text, HTML, DOCX, PDF mixed) — local pool vs Dask vs Ray.

The corpus is generated once into bench/_corpus (gitignored) with `nianbao synth`, one seed per
format so every report is different: 45.5% text, 45.5% HTML, 7.5% DOCX, 1.5% PDF (PDF generation goes
through LibreOffice at ≈1 s a file on an idle machine, which is what bounds the PDF share).
Each configuration runs in a fresh process on a fresh database and prints, side by side:
reports/s (parse + write, and the cross-year step separately), peak RSS of one worker, database
bytes per report, and the time of the stats queries on the resulting database.

    python bench/bench_ingest.py                          # sizes 2000 and 20000, every engine
    python bench/bench_ingest.py --sizes 500 --runs local1,local2   # a quick look

Figures only; no assertion on speed (goal: --jobs 2 ≥ 1.8× --jobs 1 on 2 cores, flat worker RSS).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "bench" / "_corpus"
MIX = (("text", 0.455, 101), ("html", 0.455, 102), ("docx", 0.075, 103), ("pdf", 0.015, 104))
EXT = {"text": "txt", "html": "html", "docx": "docx", "pdf": "pdf"}
RUNS = {"local1": ("local", 1), "local2": ("local", 2), "dask": ("dask", 2), "ray": ("ray", 2)}

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from nianbao.corpus import IngestOptions, connect, ingest
from nianbao.corpus.stats import compute
files = [Path(p) for p in Path(sys.argv[1]).read_text().splitlines()]
db = Path(sys.argv[2])
s = ingest(files, db, IngestOptions(jobs=int(sys.argv[4]), engine=sys.argv[3], provenance=sys.argv[5] == "1"))
u = resource.getrusage(resource.RUSAGE_SELF); main_cpu = u.ru_utime + u.ru_stime
size = db.stat().st_size + (db.with_name(db.name + ".wal").stat().st_size if db.with_name(db.name + ".wal").exists() else 0)
con = connect(db, read_only=True)
t = time.perf_counter(); compute(con); total = time.perf_counter() - t
t = time.perf_counter(); compute(con, ("year", "body_kind")); grouped = time.perf_counter() - t
t = time.perf_counter(); con.sql("SELECT * FROM wide").to_arrow_table(); wide = time.perf_counter() - t
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"read": s.read, "failed": s.failed, "seconds": s.seconds, "crossyear": s.crossyear_seconds,
                  "pairs": s.crossyear_pairs, "worker_rss_kb": s.peak_rss_worker_kb, "main_rss_kb": own,
                  "worker_cpu": sum(s.workers.values()), "workers": len(s.workers),
                  "main_cpu": main_cpu, "own_pid_is_worker": list(s.workers) == [__import__("os").getpid()],
                  "db_bytes": size, "stats_s": total, "stats_grouped_s": grouped, "wide_s": wide}))
"""


def ensure_corpus(size: int) -> None:
    """Generate what is missing for `size` reports (never regenerates what exists)."""
    for fmt, share, seed in MIX:
        want = round(size * share)
        have = len(list((CORPUS / fmt).glob(f"*.{EXT[fmt]}"))) if (CORPUS / fmt).is_dir() else 0
        if have < want:
            print(f"generating {want - have} {fmt} reports into {CORPUS} …", flush=True)
            from nianbao.synth import write_corpus

            # PDFs go through one LibreOffice call per batch: small batches stay within its time limit
            step = 40 if fmt == "pdf" else 1000
            for start in range(have, want, step):
                write_corpus(min(step, want - start), CORPUS, (fmt,), seed=seed, start=start)


def files_for(size: int) -> list[str]:
    out = []
    for fmt, share, _ in MIX:
        out += [str(p) for p in sorted((CORPUS / fmt).glob(f"*.{EXT[fmt]}"))[:round(size * share)]]
    return out


def run(files: list[str], engine: str, jobs: int, provenance: bool = True) -> dict:
    with tempfile.TemporaryDirectory(prefix="nianbao-bench-") as tmp:
        listing = Path(tmp) / "files.txt"
        listing.write_text("\n".join(files))
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", CHILD, str(listing), str(Path(tmp) / "c.duckdb"), engine,
                              str(jobs), "1" if provenance else "0"], env=env, capture_output=True, text=True)
        wall = time.perf_counter() - t
        if out.returncode != 0:
            raise SystemExit(f"{engine} --jobs {jobs} failed:\n{out.stderr[-3000:]}")
        data = json.loads(out.stdout.strip().splitlines()[-1])
        data["wall"] = wall
        return data


def cpu_ms(r: dict) -> float:
    """CPU per report over every process that parsed or wrote (the main process once when it also parsed),
    without the cross-year step (the same for every engine)."""
    cpu = r["main_cpu"] + (0 if r["own_pid_is_worker"] else r["worker_cpu"]) - r["crossyear"]
    return cpu / max(r["read"], 1) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="2000,20000")
    ap.add_argument("--runs", default="local1,local2,dask,ray")
    ap.add_argument("--no-provenance-check", action="store_true", help="skip the --no-provenance size run")
    ap.add_argument("--formats", default="text,html,docx,pdf", help="leave formats out of the mix (shares renormalised)")
    ap.add_argument("--generate-only", action="store_true")
    args = ap.parse_args()
    global MIX
    keep = [m for m in MIX if m[0] in args.formats.split(",")]
    total_share = sum(share for _, share, _ in keep)
    MIX = tuple((fmt, share / total_share, seed) for fmt, share, seed in keep)
    sizes = [int(s) for s in args.sizes.split(",")]
    sys.path.insert(0, str(ROOT / "src"))
    ensure_corpus(max(sizes))
    if args.generate_only:
        return
    print(f"machine: {os.cpu_count()} cores; corpus {CORPUS}")
    header = (f"{'size':>6} {'run':<7} {'reports':>7} {'fail':>4} {'rep/s':>7} {'parse s':>8} {'xyear s':>7} "
              f"{'worker RSS':>10} {'main RSS':>9} {'CPU ms/rep':>10} {'main CPU':>9} {'wk':>3} {'DB B/rep':>8} {'stats s':>7} "
              f"{'by yr,kind':>10} {'wide s':>6}")
    print(header)
    results: dict[tuple[int, str], dict] = {}
    for size in sizes:
        files = files_for(size)
        for name in args.runs.split(","):
            engine, jobs = RUNS[name]
            r = run(files, engine, jobs)
            results[(size, name)] = r
            parse_s = r["seconds"] - r["crossyear"]
            print(f"{size:>6} {name:<7} {r['read']:>7} {r['failed']:>4} {r['read'] / parse_s:>7.1f} {parse_s:>8.1f} "
                  f"{r['crossyear']:>7.1f} {r['worker_rss_kb'] / 1024:>8.0f}MB {r['main_rss_kb'] / 1024:>7.0f}MB "
                  f"{cpu_ms(r):>10.1f} {r['main_cpu'] - r['crossyear']:>9.1f} {r['workers']:>3} "
                  f"{r['db_bytes'] / max(r['read'], 1):>8.0f} {r['stats_s']:>7.2f} {r['stats_grouped_s']:>10.2f} "
                  f"{r['wide_s']:>6.2f}", flush=True)
        if not args.no_provenance_check and size == max(sizes):
            r = run(files, "local", 2, provenance=False)
            print(f"{size:>6} {'local2 --no-provenance':<22} DB bytes/report {r['db_bytes'] / max(r['read'], 1):.0f}")
    for size in sizes:
        one, two = results.get((size, "local1")), results.get((size, "local2"))
        if one and two:
            r1 = one["read"] / (one["seconds"] - one["crossyear"])
            r2 = two["read"] / (two["seconds"] - two["crossyear"])
            # On a shared machine wall time depends on the other load; CPU per report does not: with two
            # cores to itself, --jobs 2 does at most 2 / (its CPU per report) reports a second.
            bound = 2 * cpu_ms(one) / cpu_ms(two)
            print(f"scaling at {size}: wall clock --jobs 2 / --jobs 1 = {r2 / r1:.2f}×; "
                  f"from CPU per report (two idle cores) = {bound:.2f}×")
    if len(sizes) > 1:
        lo, hi = min(sizes), max(sizes)
        for name in args.runs.split(","):
            a, b = results.get((lo, name)), results.get((hi, name))
            if a and b:
                print(f"worker RSS {name}: {a['worker_rss_kb'] / 1024:.0f} MB at {lo} → {b['worker_rss_kb'] / 1024:.0f} MB "
                      f"at {hi}")


if __name__ == "__main__":
    main()
