"""Reports of one body from the corpus database (issue 14): `load_from_corpus(db, body, years)`.

Uses the corpus package's own opening (`corpus.connection.connect`, read-only) and rebuilding
(`corpus.rows.load_reports`). The body is a `body_id` or an organisation name; when a body has several
reports for one year, the one with the fewest errors, then the smallest sha256, stands for it (the
choice the corpus's cross-year pairing makes). Every failure is a CorpusError in Chinese.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import NianbaoError
from ..model import Report


class CorpusError(NianbaoError):
    """The corpus database, or the body/year asked for, is not there."""


def load_from_corpus(db: Path, body: str, years: Sequence[int]) -> list[Report]:
    """The reports of `body` for each of `years`, in that order."""
    try:
        from ..corpus.connection import connect
        from ..corpus.rows import load_reports
    except ImportError:
        raise CorpusError("此版本未包含语料库模块（nianbao.corpus），无法使用 --db；请直接给出两份报告文件") from None
    if not db.exists():
        raise CorpusError(f"{db}: 语料库文件不存在（先运行 nianbao ingest）")
    try:
        con = connect(db, read_only=True)
    except NianbaoError as exc:
        raise CorpusError(str(exc)) from None
    try:
        ids = []
        for year in years:
            row = con.execute("SELECT id FROM reports WHERE (body_id = ? OR organization = ?) AND year = ? "
                              "ORDER BY n_error, sha256 LIMIT 1", [body, body, year]).fetchone()
            if row is None:
                raise CorpusError(f"{db}: 语料库中没有机关“{body}”的{year}年度报告")
            ids.append(row[0])
        reports = load_reports(con, ids)
        return [reports[i] for i in ids]
    finally:
        con.close()
