"""Which files a run parses: walked, hashed, and skipped when the corpus has them already.

The plan is lazy: files are hashed as the workers ask for more, so parsing starts at once and
hashing a large crawl (every byte of 10⁶ scanned PDFs) overlaps it instead of preceding it. What
the walk found is known at once (`walked`, `walk_problems`); what hashing finds (`contents`,
`read_problems`, the counts in the summary) is complete once `tasks` is exhausted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from .connection import parser_version
from .hashes import HashCache
from .manifest import ManifestEntry, load_manifest
from .walk import walk
from .work import Task

if TYPE_CHECKING:
    from .ingest import IngestOptions, IngestSummary, Progress

Problem = tuple[str, str | None, str, str]  # (path, sha256, stage, reason)


@dataclass
class Plan:
    walked: list[str]  # every file found, as walked
    walk_problems: list[Problem]
    hashes: HashCache
    tasks: Iterator[Task] = iter(())
    read_problems: list[Problem] = field(default_factory=list)  # files that could not be read to hash
    contents: set[str] = field(default_factory=set)  # sha256 of every file hashed under the roots


def plan(paths: Iterable[Path], con: duckdb.DuckDBPyConnection, options: IngestOptions,
         summary: IngestSummary, progress: Progress) -> Plan:
    roots = list(paths)
    found = walk(roots, options.exclude)
    summary.ignored = found.ignored
    summary.walk_problems = len(found.problems)
    out = Plan(walked=[str(p) for p in found.files], walk_problems=[(p, None, "walk", r) for p, r in found.problems],
               hashes=HashCache(con, roots, remember=not options.reparse))
    manifest = load_manifest(options.manifest) if options.manifest else {}
    known = dict(con.execute("SELECT sha256, parser_version FROM reports").fetchall())
    out.tasks = _tasks(found.files, out, known, manifest, options, summary, progress)
    return out


def _tasks(files: list[Path], out: Plan, known: dict[str, str], manifest: dict[str, ManifestEntry],
           options: IngestOptions, summary: IngestSummary, progress: Progress) -> Iterator[Task]:
    version = parser_version()
    for path in files:
        try:
            sha = out.hashes.sha256(path)
        except OSError as exc:
            out.read_problems.append((str(path), None, "read", f"无法读取文件：{exc.strerror or exc}"))
            summary.failed += 1
            progress.advance(0, 1)
            continue
        finally:
            summary.hashed = out.hashes.hashed
        if sha in out.contents:
            summary.duplicates += 1
            progress.skip(1)
            continue
        out.contents.add(sha)
        if not options.reparse and known.get(sha) == version:
            summary.skipped += 1
            progress.skip(1)
            continue
        entry = manifest.get(str(path.resolve())) if manifest else None
        yield Task(str(path), sha, version, options.provenance, entry)
