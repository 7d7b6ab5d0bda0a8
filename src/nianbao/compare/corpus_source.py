"""Reports of one body from the corpus database (issue 14, DuckDB): `load_from_corpus(db, body, years)`.

The corpus keeps one row per report in its `reports` table with the report JSON. Its schema is being
built on another branch; this reader looks the columns up by name (the JSON column, the body column and
the year) and says in Chinese what is missing instead of failing with a database error.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import NianbaoError
from ..model import Report

JSON_COLUMNS = ("report_json", "json", "report", "data")
BODY_COLUMNS = ("body_id", "body", "organization")
YEAR_COLUMNS = ("year", "meta_year")


class CorpusError(NianbaoError):
    """The corpus database, its table or the body/year asked for is not there."""


def _pick(columns: Sequence[str], wanted: Sequence[str], db: Path, what: str) -> str:
    for name in wanted:
        if name in columns:
            return name
    raise CorpusError(f"{db}: 语料库 reports 表中没有{what}列（应为 {' / '.join(wanted)} 之一；现有列：{', '.join(columns)}）")


def load_from_corpus(db: Path, body: str, years: Sequence[int]) -> list[Report]:
    """The reports of `body` (a body id, or an organisation name) for each of `years`, in that order."""
    if not db.exists():
        raise CorpusError(f"{db}: 语料库文件不存在")
    try:
        import duckdb
    except ImportError:
        raise CorpusError("读取语料库需要 duckdb：pip install duckdb") from None
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        raise CorpusError(f"{db}: 无法打开语料库（不是 DuckDB 数据库？）：{exc}") from None
    try:
        tables = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
        if "reports" not in tables:
            raise CorpusError(f"{db}: 语料库中没有 reports 表（现有：{', '.join(sorted(tables)) or '无'}）")
        columns = [r[0] for r in con.execute(
            "select column_name from information_schema.columns where table_name = 'reports'").fetchall()]
        js = _pick(columns, JSON_COLUMNS, db, "报告 JSON ")
        year_col = _pick(columns, YEAR_COLUMNS, db, "年度")
        body_cols = [c for c in BODY_COLUMNS if c in columns]
        if not body_cols:
            _pick(columns, BODY_COLUMNS, db, "机关")
        where = " or ".join(f'"{c}" = ?' for c in body_cols)
        out = []
        for year in years:
            rows = con.execute(f'select "{js}" from reports where ({where}) and "{year_col}" = ? limit 1',
                               [body] * len(body_cols) + [year]).fetchall()
            if not rows:
                raise CorpusError(f"{db}: 语料库中没有机关“{body}”的{year}年度报告")
            raw = rows[0][0]
            try:
                out.append(Report.model_validate_json(raw) if isinstance(raw, str | bytes)
                           else Report.model_validate(raw))
            except ValueError as exc:
                raise CorpusError(f"{db}: 机关“{body}”{year}年度的报告 JSON 不符合约定：{exc}") from None
        return out
    finally:
        con.close()
