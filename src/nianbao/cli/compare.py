"""`nianbao compare A B [--format text|html|json|xlsx] [-o FILE]`, or `--db corpus.duckdb --body ID --years Y1,Y2`."""

from __future__ import annotations

import io
from enum import StrEnum
from pathlib import Path

import typer

from ..api import load_data
from ..compare import compare_reports
from ..compare.render import comparison_html, comparison_text, write_comparison_xlsx
from ..errors import NianbaoError, ReadError
from ..model import Report
from . import app
from .common import error, out_console, output_format, report_error, save


class Format(StrEnum):
    text = "text"
    html = "html"
    json = "json"
    xlsx = "xlsx"


_BY_SUFFIX = {".html": "html", ".htm": "html", ".json": "json", ".xlsx": "xlsx", ".txt": "text"}


@app.command("compare")
def compare_command(
    files: list[Path] = typer.Argument(None, help="两份报告（源文件、报告 JSON 或填报 YAML；- 读标准输入），通常为同一机关相邻两年"),
    format: Format | None = typer.Option(None, "--format", "-f", help="text · html（单页） · json · xlsx；默认按 -o 扩展名"),
    out: Path | None = typer.Option(None, "--out", "-o", help="输出文件，格式按扩展名（.txt .html .json .xlsx）；xlsx 必须给出"),
    db: Path | None = typer.Option(None, "--db", help="语料库 DuckDB 文件（与 --body、--years 一起使用）"),
    body: str | None = typer.Option(None, "--body", help="机关标识或机关名称"),
    years: str | None = typer.Option(None, "--years", help="两个年度，如 2023,2024"),
    all_cells: bool = typer.Option(False, "--all-cells", help="text 格式列出全部单元格（默认只列有变化的）"),
) -> None:
    """两份报告并排比较：表格逐格增减、跨年度衔接、各部分重复率、双方核查结果。Compare two reports.

    Exit code 0 when compared, 2 for unusable input.
    """
    asked = format.value if format is not None else None
    fmt = Format(output_format(out, _BY_SUFFIX, asked, "text")) if out is not None else format or Format.text
    if fmt is Format.xlsx and out is None:
        error("xlsx 格式需要 -o 文件名")
        raise typer.Exit(2)
    reports = _load(files or [], db, body, years)
    comparison = compare_reports(reports[0], reports[1])
    if fmt is Format.xlsx:
        assert out is not None
        book = io.BytesIO()
        write_comparison_xlsx(comparison, book)
        if not save(out, book.getvalue()):
            raise typer.Exit(2)
        return
    text = {Format.text: lambda: comparison_text(comparison, all_cells), Format.html: lambda: comparison_html(comparison),
            Format.json: lambda: comparison.to_json() + "\n"}[fmt]()
    if out is not None:
        if not save(out, text):
            raise typer.Exit(2)
    else:
        out_console.file.write(text)
        out_console.file.flush()


def _load(files: list[Path], db: Path | None, body: str | None, years: str | None) -> list[Report]:
    if db is not None:
        if files:
            error("给出 --db 时不再给出报告文件")
            raise typer.Exit(2)
        wanted = _years(years)
        if not body:
            error("--db 需要 --body（机关标识或名称）")
            raise typer.Exit(2)
        try:
            return _from_corpus(db, body, wanted)
        except NianbaoError as exc:
            report_error(db, exc)
            raise typer.Exit(2) from None
    if len(files) != 2:
        error(f"需要两份报告，给出了{len(files)}份（或用 --db --body --years）")
        raise typer.Exit(2)
    out = []
    for path in files:
        try:
            out.append(load_data(path))
        except (NianbaoError, OSError, ValueError) as exc:
            report_error(path, exc)
            raise typer.Exit(2) from None
    return out


def _years(text: str | None) -> list[int]:
    try:
        got = [int(x) for x in (text or "").replace("，", ",").split(",") if x.strip()]
    except ValueError:
        got = []
    if len(got) != 2:
        error(f"--years 应为两个年度，如 2023,2024，而不是“{text or ''}”")
        raise typer.Exit(2)
    return got


def _from_corpus(db: Path, body: str, years: list[int]) -> list[Report]:
    """The reports of `body` (a body_id or an organisation name) for each of `years`, from the corpus of
    issue 14 through its own read-only `connect` and `load_reports`. For a body and year with several
    reports, the one with the fewest errors, then the smallest sha256 (the corpus's cross-year choice)."""
    try:
        from ..corpus.connection import connect
        from ..corpus.rows import load_reports
    except ImportError:
        raise ReadError(db, "此版本未包含语料库模块（nianbao.corpus），无法使用 --db；请直接给出两份报告文件",
                        "the corpus package is not installed") from None
    if not db.exists():
        raise ReadError(db, "语料库文件不存在（先运行 nianbao ingest）", "corpus database not found")
    con = connect(db, read_only=True)  # a ReadError in Chinese for a file that is not a corpus
    try:
        ids = []
        for year in years:
            row = con.execute("SELECT id FROM reports WHERE (body_id = ? OR organization = ?) AND year = ? "
                              "ORDER BY n_error, sha256 LIMIT 1", [body, body, year]).fetchone()
            if row is None:
                raise ReadError(db, f"语料库中没有机关“{body}”的{year}年度报告", f"no report of {body} for {year}")
            ids.append(row[0])
        reports = load_reports(con, ids)
        return [reports[i] for i in ids]
    finally:
        con.close()
