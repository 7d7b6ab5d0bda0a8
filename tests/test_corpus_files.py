"""Walking a crawl again: unchanged files are not hashed again, and `--prune` removes what is gone."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from corpus_support import dump
from nianbao.corpus import IngestOptions, ingest
from nianbao.corpus.hashes import RACY_SECONDS
from nianbao.synth import write_corpus

ingest_module = sys.modules["nianbao.corpus.ingest"]


def age(root: Path, seconds: float = 3600) -> None:
    """Every file as if written an hour ago (a file written this instant is not remembered: racy)."""
    past = time.time() - seconds
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, (past, past))


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    """Two bodies' reports over consecutive years (cross-year pairs) plus text and HTML variety."""
    root = tmp_path / "crawl"
    write_corpus(12, root, ("text", "html"), seed=41)
    for gold in root.rglob("*.gold.json"):
        gold.unlink()
    (root / "bad.pdf").write_bytes(b"not a pdf at all")
    age(root)
    return root


def test_a_second_run_hashes_only_what_changed(crawl: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    first = ingest([crawl], db, IngestOptions(jobs=1))
    assert first.hashed == 25 and first.read == 24
    again = ingest([crawl], db, IngestOptions(jobs=1))
    assert again.hashed == 0 and again.skipped == 24 and again.read == 0

    changed = sorted((crawl / "text").glob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n（更正）\n", encoding="utf-8")
    age(crawl, 1800)  # a new mtime, old enough to be remembered
    third = ingest([crawl], db, IngestOptions(jobs=1))
    assert third.read == 1
    assert third.hashed == 25  # every mtime moved: every file is read again, and remembered again
    assert ingest([crawl], db, IngestOptions(jobs=1)).hashed == 0


def test_same_size_and_mtime_keeps_the_remembered_hash_but_reparse_reads_again(crawl: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    ingest([crawl], db, IngestOptions(jobs=1))
    forced = ingest([crawl], db, IngestOptions(jobs=1, reparse=True))
    assert forced.hashed == 25 and forced.read == 24


def test_a_file_written_just_now_is_hashed_again(crawl: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    fresh = sorted((crawl / "html").glob("*.html"))[0]
    now = time.time() - RACY_SECONDS / 4
    os.utime(fresh, (now, now))
    ingest([crawl], db, IngestOptions(jobs=1))
    assert ingest([crawl], db, IngestOptions(jobs=1)).hashed == 1


def test_hashes_are_remembered_by_absolute_path(crawl: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "c.duckdb"
    ingest([crawl], db, IngestOptions(jobs=1))
    monkeypatch.chdir(crawl.parent)
    assert ingest([Path(crawl.name)], db, IngestOptions(jobs=1)).hashed == 0


def test_prune_gives_the_database_of_the_files_that_remain(crawl: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    ingest([crawl], db, IngestOptions(jobs=1))
    gone = [sorted((crawl / "text").glob("*.txt"))[3], sorted((crawl / "html").glob("*.html"))[5]]
    for path in gone:
        path.unlink()
    (crawl / "bad.pdf").unlink()

    kept = ingest([crawl], db, IngestOptions(jobs=1))
    assert kept.removed == 0
    assert len(dump(db)["reports"]) == 24, "without --prune ingest never deletes"

    pruned = ingest([crawl], db, IngestOptions(jobs=1, prune=True))
    assert pruned.removed == 2 and "移除文件已不在的报告 2 份" in pruned.line()
    clean = tmp_path / "clean.duckdb"
    ingest([crawl], clean, IngestOptions(jobs=1))
    assert dump(db) == dump(clean)


def test_prune_keeps_what_lies_outside_the_roots_and_moved_files(crawl: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    other = tmp_path / "other"
    shutil.copytree(crawl / "html", other)
    age(other)
    ingest([crawl / "text", other], db, IngestOptions(jobs=1))
    moved = sorted((crawl / "text").glob("*.txt"))[0]
    (crawl / "text" / "sub").mkdir()
    moved.rename(crawl / "text" / "sub" / moved.name)
    summary = ingest([crawl / "text"], db, IngestOptions(jobs=1, prune=True))
    assert summary.removed == 0  # the moved file's content is still under the root; `other` was not walked
    assert len(dump(db)["reports"]) == 24


def test_files_are_hashed_as_the_workers_ask_for_them(crawl: Path, tmp_path: Path) -> None:
    """Parsing starts at once: a crawl's hashing overlaps it instead of preceding it."""
    from nianbao.corpus import connect
    from nianbao.corpus.ingest import IngestSummary, _NoProgress
    from nianbao.corpus.plan import plan

    con = connect(tmp_path / "c.duckdb")
    summary = IngestSummary()
    planned = plan([crawl], con, IngestOptions(), summary, _NoProgress())
    assert len(planned.walked) == 25 and summary.hashed == 0
    first = next(planned.tasks)
    assert summary.hashed == 1 and planned.contents == {first.sha256}
    assert len(list(planned.tasks)) == 24 and summary.failed == 0  # bad.pdf is read (it fails to parse later)
    con.close()
