"""Opening a corpus database: migrations on a writable open, a clear error for a file that is not a corpus."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ..errors import ReadError
from ..writers.output import make_folder
from .schema import SCHEMA_VERSION, migrate


def parser_version() -> str:
    """The version stamped on every report row; a different one makes `ingest` parse the file again."""
    from ..version import __version__

    return __version__


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to the corpus (created and migrated when writable).

    Read-only opens never change the file; they need a corpus made by `nianbao ingest`.
    """
    p = Path(path)
    if read_only:
        if not p.exists():
            raise ReadError(p, "语料库不存在（先运行 nianbao ingest）", "corpus database not found")
        try:
            con = duckdb.connect(str(p), read_only=True)
        except duckdb.Error as exc:
            raise ReadError(p, f"无法打开语料库：{exc}", f"cannot open corpus: {exc}") from None
        try:
            row = con.execute("SELECT max(version) FROM schema_migrations").fetchall()[0]
        except duckdb.Error:
            con.close()
            raise ReadError(p, "不是 nianbao 语料库（缺少 schema_migrations 表）", "not a nianbao corpus") from None
        if row is None or row[0] is None or row[0] > SCHEMA_VERSION:
            con.close()
            raise ReadError(p, f"语料库结构版本（{row[0] if row else None}）与本程序（{SCHEMA_VERSION}）不符",
                            "schema version mismatch")
        return con
    make_folder(p.parent)
    try:
        con = duckdb.connect(str(p))
    except duckdb.Error as exc:
        raise ReadError(p, f"无法打开语料库：{exc}", f"cannot open corpus: {exc}") from None
    try:
        migrate(con)
    except RuntimeError as exc:  # a corpus written by a newer nianbao: one line, not a traceback
        con.close()
        raise ReadError(p, str(exc), "corpus schema is newer than this program") from None
    except BaseException:
        con.close()
        raise
    return con
