"""What the corpus tests share: a database's content, to compare two runs row for row."""

from __future__ import annotations

from pathlib import Path

import duckdb

TABLES = ("reports", "cells", "sections", "figures", "findings", "errors")


def dump(db: Path) -> dict[str, list[tuple]]:
    """Every row of every content table, sorted: what 'the same database' means."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}
    finally:
        con.close()


def count(db: Path, table: str = "reports") -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
    finally:
        con.close()
