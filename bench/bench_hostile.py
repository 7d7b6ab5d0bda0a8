"""Hostile inputs (issue 18): time and peak memory of `nianbao.parse` + JSON + Markdown per case.

Each case runs in its own subprocess (a fresh interpreter: peak RSS is the case's own, a hang
cannot stop the run). Prints, per case: the outcome (ok / the ReadError's message / crash /
killed), wall time, peak RSS of the child, and the file size. Usage:

    python bench/bench_hostile.py [--timeout 60] [--filter WORD] [--compare REV]

With `--compare REV` (e.g. `d512d84`, the tree before issue 18) each case also runs on the
source of that git revision (`git archive` into a temporary folder), side by side.

The goal (issue 18): no case above 5 s or 400 MB on the 2-core development machine.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from hostile_files import CASES  # noqa: E402

CHILD = r"""
import sys
import nianbao
from nianbao.errors import ReadError
from nianbao.writers.markdown import to_markdown
try:
    r = nianbao.parse(sys.argv[1])
    r.to_json()
    to_markdown(r)
    outcome = f"ok, {len(r.findings)} findings"
except ReadError as exc:
    outcome = "ReadError: " + exc.reason
except BaseException as exc:
    outcome = f"CRASH {type(exc).__name__}: {str(exc)[:80]}"
# VmHWM: this process's own peak (ru_maxrss would include the parent's peak at fork time)
print(next(ln.split()[1] for ln in open("/proc/self/status") if ln.startswith("VmHWM")))
print(outcome.replace(chr(10), " "))
"""


def run_case(name: str, path: Path, timeout: float, src: Path = HERE.parent / "src") -> tuple[str, float, float]:
    start = time.perf_counter()
    env = dict(os.environ, PYTHONPATH=str(src))
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, text=True)
    peak = float("nan")
    try:
        out, err = proc.communicate(timeout=timeout)
        lines = out.strip().splitlines()
        if len(lines) >= 2:
            peak = int(lines[0]) / 1024
            outcome = lines[1]
        else:
            outcome = "died: " + (err.strip().splitlines() or ["?"])[-1]
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        outcome = f"killed after {timeout:.0f} s"
    return outcome, time.perf_counter() - start, peak


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--filter", default="")
    ap.add_argument("--compare", default="", help="a git revision to run side by side")
    args = ap.parse_args()
    print(f"{'case':34} {'size':>10} {'time s':>7} {'peak MB':>8}  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        old_src = None
        if args.compare:
            old = Path(tmp) / "old"
            old.mkdir()
            archive = subprocess.run(["git", "-C", str(HERE.parent), "archive", args.compare, "src"],
                                     check=True, capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
            old_src = old / "src"
        for name, make in CASES.items():
            if args.filter and args.filter not in name:
                continue
            fname, data = make()
            path = Path(tmp) / fname
            path.write_bytes(data)
            del data
            outcome, elapsed, peak = run_case(name, path, args.timeout)
            size = path.stat().st_size
            print(f"{name:34} {size:>10} {elapsed:7.2f} {peak:8.0f}  {outcome[:100]}", flush=True)
            if old_src is not None:
                outcome, elapsed, peak = run_case(name, path, args.timeout, old_src)
                print(f"{'  ' + args.compare:34} {'':>10} {elapsed:7.2f} {peak:8.0f}  {outcome[:100]}", flush=True)
            path.unlink()


if __name__ == "__main__":
    main()
