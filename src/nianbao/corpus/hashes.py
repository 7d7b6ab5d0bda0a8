"""Content hashes remembered between runs, so a second `ingest` does not read every file again.

A file is keyed by the sha256 of its bytes; finding it means reading the whole file, which over a
crawl of scanned PDFs is most of a re-run that has nothing new to parse. The `files` table keeps
each walked file's size, modification time (ns) and sha256; a file whose size and mtime are both
unchanged gets its remembered hash. The rule is git's index, with git's guard against a "racily
clean" file: an entry is not stored while the file's mtime is within `RACY_SECONDS` of the moment
it was hashed (a write in the same clock tick would leave size and mtime as they were).
`--reparse` hashes every file again.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import duckdb

from .schema import transaction

RACY_SECONDS = 2.0


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# `path` is one of the roots or inside one of the folders among them; parameters: `under(roots)`.
UNDER = ("(path IN (SELECT unnest(?::VARCHAR[])) "
         "OR EXISTS (SELECT 1 FROM unnest(?::VARCHAR[]) AS t(f) WHERE starts_with(path, t.f)))")


def under(roots: list[Path]) -> list[list[str]]:
    """The parameters of `UNDER`: the roots as paths, and the folders among them as prefixes."""
    return [[str(r) for r in roots], [str(r).rstrip("/") + "/" for r in roots if not r.is_file()]]


class HashCache:
    """sha256 of walked files: remembered when unchanged, computed (and remembered) otherwise."""

    def __init__(self, con: duckdb.DuckDBPyConnection, roots: list[Path], remember: bool = True) -> None:
        self.known: dict[str, tuple[int, int, str]] = {}
        self.fresh: list[tuple[str, int, int, str]] = []
        self.hashed = 0
        if remember:
            for path, size, mtime, sha in con.execute(
                    f"SELECT path, size, mtime_ns, sha256 FROM files WHERE {UNDER}",
                    under([Path(os.path.abspath(r)) for r in roots])).fetchall():
                self.known[path] = (size, mtime, sha)

    def sha256(self, path: Path) -> str:
        """The file's sha256 (OSError when it cannot be read)."""
        st = path.stat()
        key = os.path.abspath(path)
        hit = self.known.get(key)
        if hit is not None and hit[0] == st.st_size and hit[1] == st.st_mtime_ns:
            return hit[2]
        sha = file_sha256(path)
        self.hashed += 1
        if time.time() - st.st_mtime > RACY_SECONDS:
            self.fresh.append((key, st.st_size, st.st_mtime_ns, sha))
        return sha

    def save(self, con: duckdb.DuckDBPyConnection) -> None:
        """Remember the hashes computed this run (one transaction)."""
        if not self.fresh:
            return
        # Four list parameters, not an Arrow table built from tuples: pyarrow imports pandas on its first
        # conversion from Python objects (0.2-0.3 s), which the writing process would pay after the last file.
        paths, sizes, mtimes, shas = (list(c) for c in zip(*self.fresh, strict=True))
        with transaction(con):
            con.execute("INSERT OR REPLACE INTO files SELECT unnest(?::VARCHAR[]), unnest(?::BIGINT[]), "
                        "unnest(?::BIGINT[]), unnest(?::VARCHAR[])", [paths, sizes, mtimes, shas])
        self.fresh = []
