"""The worker processes of `ingest`: killed runs resume exactly, Ctrl-C keeps what was committed, no
worker outlives its run, and a worker that dies costs only the file that killed it (local pool, Dask, Ray)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corpus_support import count, dump
from nianbao.corpus import IngestOptions, ingest
from nianbao.corpus.dispatch import WORKER_DIED
from nianbao.corpus.ingest import CtrlC
from nianbao.corpus.pool import LocalPool
from nianbao.corpus.work import ChunkResult, Task, parse_chunk_in_worker, parse_chunk_to_parquet
from nianbao.synth import write_corpus

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 reports: enough that two workers are still busy when the run is interrupted."""
    root = tmp_path_factory.mktemp("crawl")
    write_corpus(150, root, ("text", "html"), seed=31)
    return root


def opts(**kw: object) -> IngestOptions:
    return IngestOptions(exclude=("*.gold.json",), **kw)  # type: ignore[arg-type]


def descendants(pid: int) -> set[int]:
    """Live processes below `pid` (zombies count as gone: only their exit status is left)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if stat[0] != "Z":
            children.setdefault(int(stat[1]), []).append(int(entry))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pids: set[int]) -> set[int]:
    out = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            out.add(pid)
    return out


def wait_gone(pids: set[int], seconds: float = 15.0) -> set[int]:
    deadline = time.monotonic() + seconds
    while alive(pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive(pids)


def start_ingest(crawl: Path, db: Path, jobs: int = 2) -> subprocess.Popen[str]:
    """The CLI in a process group of its own, as a shell runs a command."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "NIANBAO_PROGRESS_INTERVAL": "0"}
    return subprocess.Popen(
        [sys.executable, "-m", "nianbao", "ingest", str(crawl), "--db", str(db), "--jobs", str(jobs), "--batch", "8",
         "--exclude", "*.gold.json"], env=env, stderr=subprocess.PIPE, text=True,
        start_new_session=True)


def run_until(proc: subprocess.Popen[str], done: int, jobs: int = 2) -> set[int]:
    """Read the progress lines until `done` files are parsed; the run's worker processes at that moment."""
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.startswith("已处理 ") and int(line.split()[1].split("/")[0]) >= done:
            break
    workers = descendants(proc.pid)
    if jobs > 1:
        assert len(workers) >= 3, "the fork server and two workers"
    return workers


@pytest.fixture(scope="module")
def clean(crawl: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    ingest([crawl], db, opts(jobs=1))
    return db


def test_sigkill_with_two_workers_then_resume_matches_a_clean_run(crawl: Path, clean: Path, tmp_path: Path) -> None:
    db = tmp_path / "killed.duckdb"
    proc = start_ingest(crawl, db)
    workers = run_until(proc, 40)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not wait_gone(workers), "workers outlived their killed run"
    committed = count(db)
    assert 0 < committed < 300, "the kill should land mid-way"
    resumed = ingest([crawl], db, opts(jobs=2))
    assert resumed.skipped == committed and resumed.read == 300 - committed
    assert dump(db) == dump(clean)


@pytest.mark.parametrize("jobs", [1, 2])
def test_ctrl_c_keeps_what_was_parsed(jobs: int, crawl: Path, clean: Path, tmp_path: Path) -> None:
    db = tmp_path / "interrupted.duckdb"
    proc = start_ingest(crawl, db, jobs)
    workers = run_until(proc, 40, jobs)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the run's whole process group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "已中断" in err and "Traceback" not in err
    assert not wait_gone(workers), "workers outlived the interrupted run"
    kept = count(db)
    assert kept >= 40
    resumed = ingest([crawl], db, opts(jobs=jobs))
    assert resumed.skipped == kept and resumed.read == 300 - kept
    assert dump(db) == dump(clean)


def die_on_crash(tasks: list[Task]) -> ChunkResult:
    """A reader that takes its process down, as a crashing native library or the OOM killer would."""
    if any("crash" in Path(t.path).name for t in tasks):
        os._exit(139)
    return parse_chunk_in_worker(tasks)


def die_on_crash_to_parquet(tasks: list[Task], parts: str, chunk: int) -> ChunkResult:
    if any("crash" in Path(t.path).name for t in tasks):
        os._exit(139)
    return parse_chunk_to_parquet(tasks, parts, chunk)


def tasks_with_a_crash(crawl: Path, tmp_path: Path) -> tuple[list[Task], list[Path], Path]:
    files = sorted((crawl / "text").glob("*.txt"))[:30]
    crash = tmp_path / "crash.txt"
    crash.write_bytes(files[0].read_bytes() + b"\n")
    tasks = [Task(str(p), f"{i:064x}", "v") for i, p in enumerate([*files[:13], crash, *files[13:]])]
    return tasks, files, crash


def test_a_dying_dask_worker_costs_only_the_file_that_killed_it(crawl: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    import dask

    from nianbao.corpus.distributed import _dask

    tasks, files, crash = tasks_with_a_crash(crawl, tmp_path)
    (tmp_path / "parts").mkdir()
    # no retries of a task whose worker died: the scheduler's default (3) only makes the test slower
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        results = list(_dask([tasks[i:i + 8] for i in range(0, len(tasks), 8)], str(tmp_path / "parts"), None, 2,
                             fn=die_on_crash_to_parquet))
    assert sorted(p for r in results for p in r.ok_paths) == sorted(str(p) for p in files)
    assert [(p, reason) for r in results for p, _, reason in r.errors] == [(str(crash), WORKER_DIED)]


def test_a_dying_ray_worker_costs_only_the_file_that_killed_it(crawl: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("ray")
    from nianbao.corpus.distributed import _ray

    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(SRC), str(Path(__file__).parent)]))  # for Ray's workers
    tasks, files, crash = tasks_with_a_crash(crawl, tmp_path)
    (tmp_path / "parts").mkdir()
    results = list(_ray([tasks[i:i + 8] for i in range(0, len(tasks), 8)], str(tmp_path / "parts"), None, 2,
                        fn=die_on_crash_to_parquet))
    assert sorted(p for r in results for p in r.ok_paths) == sorted(str(p) for p in files)
    assert [(p, reason) for r in results for p, _, reason in r.errors] == [(str(crash), WORKER_DIED)]


def test_a_dying_worker_costs_only_the_file_that_killed_it(crawl: Path, tmp_path: Path) -> None:
    tasks, files, crash = tasks_with_a_crash(crawl, tmp_path)
    pool = LocalPool(2, work=die_on_crash)
    try:
        results = list(pool.imap([tasks[i:i + 4] for i in range(0, len(tasks), 4)]))
    finally:
        pool.close()
    parsed = sorted(p for r in results for p in r.ok_paths)
    failed = [(p, reason) for r in results for p, _, reason in r.errors]
    assert parsed == sorted(str(p) for p in files)
    assert failed == [(str(crash), WORKER_DIED)]
    assert pool.restarts >= 2  # once when the chunk died, once when the file alone killed its worker again


def test_ctrl_c_during_a_commit_lands_after_it() -> None:
    with pytest.raises(KeyboardInterrupt), CtrlC() as ctrl_c:
        with ctrl_c.deferred():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)  # the handler has run by now: the block was not interrupted
            finished = True
    assert finished


def test_an_error_after_ctrl_c_is_reported_as_the_interrupt() -> None:
    """DuckDB turns an interrupt inside a query into its own error; the run still ends as interrupted."""
    with pytest.raises(KeyboardInterrupt), CtrlC():
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)
        except KeyboardInterrupt:
            raise RuntimeError("Query interrupted") from None
