"""The corpus browser (issue 14's DuckDB corpus, opened read-only)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter

router = APIRouter()


def open_corpus(db: Path) -> Any:
    import duckdb

    return duckdb.connect(str(db), read_only=True)
