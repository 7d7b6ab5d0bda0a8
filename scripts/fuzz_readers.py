"""The long fuzz run over every reader (issue 17/18): mutated text, HTML, DOCX and PDF reports,
plus the hostile files of tests/hostile_files.py, each parsed, written as JSON and as Markdown.

    nice python scripts/fuzz_readers.py --cases 25000 [--start 0] [--seeds text,html,docx,pdf]
        [--timeout 10] [--memory-mb 1024] [--out fuzz-out] [--hostile]

Isolation: inputs are parsed in a worker process (restarted after every crash) with an address
space limit (`--memory-mb`, RLIMIT_AS) and a per-input wall-clock limit (`--timeout`): past it,
the worker is killed and the input counted as a hang. Starting a fresh interpreter for each of
100,000 inputs would cost ~0.5 s each, so one worker serves inputs until it dies or hangs.

Outcome of an input: ok; readerror (the documented ReadError, whose reason is Chinese);
readerror-generic (a library exception wrapped with a Chinese reason: allowed, listed for
review); BAD (any other exception, a ReadError without Chinese, a hang, the memory limit). BAD
inputs are saved in --out with the case number, so `--seeds NAME --start N --cases 1` replays one.
Images: add a seed to tests/fuzz_mutate.seeds() once the OCR reader lands (the hook is the seed
table; the worker and mutations are format-independent).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WORKER = r"""
import os, resource, sys, json, tempfile
from pathlib import Path
limit = int(sys.argv[1]) * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
sys.path.insert(0, sys.argv[2])
import fuzz_mutate as fm
import hostile_files as hf
import nianbao
seeds = fm.seeds()
tmp = Path(tempfile.mkdtemp(prefix="nianbao-fuzz-"))
print("ready", flush=True)
for line in sys.stdin:
    kind, name, case = line.split()
    if kind == "hostile":
        fname, data = hf.CASES[name.replace("_", " ")]()
        suffix = Path(fname).suffix
    else:
        try:
            suffix, data = fm.mutate(name, int(case), seeds)
        except Exception as exc:  # a bug of the mutator, not of nianbao: reported apart
            print(json.dumps(f"mutator-error: {type(exc).__name__}: {exc}"), flush=True)
            continue
    path = tmp / f"input{suffix}"
    path.write_bytes(data)
    del data
    try:
        outcome = fm.judge(path, nianbao.parse)
    except MemoryError:
        outcome = "BAD: MemoryError"
    print(json.dumps(outcome), flush=True)
"""


class Worker:
    def __init__(self, memory_mb: int) -> None:
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
        self.proc = subprocess.Popen([sys.executable, "-c", WORKER, str(memory_mb), str(ROOT / "tests")],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     text=True, env=env)
        assert self.proc.stdout is not None
        ready = self.proc.stdout.readline()
        if ready.strip() != "ready":
            raise RuntimeError("the fuzz worker did not start")

    def run(self, request: str, timeout: float) -> str:
        import selectors

        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(request + "\n")
        self.proc.stdin.flush()
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        if not sel.select(timeout):
            self.kill()
            return f"BAD: hang (more than {timeout:g} s)"
        line = self.proc.stdout.readline()
        if not line:
            code = self.proc.wait()
            return f"BAD: worker died (exit {code}: memory limit or crash)"
        return json.loads(line)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()

    def alive(self) -> bool:
        return self.proc.poll() is None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=1000, help="mutated inputs per seed")
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--seeds", default="text,html,docx,pdf")
    ap.add_argument("--timeout", type=float, default=10)
    ap.add_argument("--memory-mb", type=int, default=1024)
    ap.add_argument("--out", type=Path, default=Path("fuzz-out"))
    ap.add_argument("--hostile", action="store_true", help="also run the hostile files once each")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "tests"))
    import fuzz_mutate as fm
    import hostile_files as hf

    sys.path.insert(0, str(ROOT / "src"))
    args.out.mkdir(parents=True, exist_ok=True)
    requests = []
    if args.hostile:
        requests += [("hostile", name.replace(" ", "_"), 0) for name in hf.CASES]
    names = args.seeds.split(",")
    for case in range(args.start, args.start + args.cases):
        requests += [("mutated", name, case) for name in names]
    counts: collections.Counter[str] = collections.Counter()
    generic: collections.Counter[str] = collections.Counter()
    bad: list[str] = []
    worker = Worker(args.memory_mb)
    started = time.monotonic()
    seeds = None
    for k, (kind, name, case) in enumerate(requests, 1):
        if not worker.alive():
            worker = Worker(args.memory_mb)
        outcome = worker.run(f"{kind} {name} {case}", args.timeout)
        counts[outcome.split(":")[0]] += 1
        if outcome.startswith("readerror-generic"):
            generic[outcome.split("（")[0]] += 1
        if outcome.startswith("BAD"):
            line = f"{kind} {name} {case}: {outcome}"
            bad.append(line)
            print(line, flush=True)
            if kind == "mutated":
                if seeds is None:
                    seeds = fm.seeds()
                try:
                    suffix, data = fm.mutate(name, case, seeds)
                    (args.out / f"{name}-{case}{suffix}").write_bytes(data)
                except Exception as exc:  # noqa: BLE001 - the run goes on; the case number is printed
                    print(f"  (input not saved: {exc})", flush=True)
            if not worker.alive():
                worker = Worker(args.memory_mb)
        if k % 1000 == 0:
            rate = k / (time.monotonic() - started)
            print(f"{k}/{len(requests)} inputs, {rate:.1f}/s: {dict(counts)}", flush=True)
    worker.kill()
    elapsed = time.monotonic() - started
    summary = {"inputs": len(requests), "seconds": round(elapsed), "outcomes": dict(counts),
               "generic_read_errors": dict(generic.most_common(20)), "bad": bad}
    (args.out / f"summary-{args.start}-{args.start + args.cases}.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(summary, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
