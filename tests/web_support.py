"""Fixtures for the web app tests: report texts with known problems, written here from the bundled example."""

from __future__ import annotations

from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "linchuan_2023.txt"
NEW_ROW = "一、本年新收政府信息公开申请数量 | 21 | 3 | 0 | 1 | 2 | 0 | 27 |"
BROKEN_CELL = "applications.new_received.natural_person"  # 21 printed as 24: its row and column no longer add up
BLANK_CELL = "active_disclosure.art20_6.coercion.decisions"  # printed as —
XSS_TITLE = "临川县<script>alert('title')</script>自然资源局2023年政府信息公开工作年度报告"
XSS_TEXT = "<img src=x onerror=alert('img')> <svg onload=alert('svg')></svg> \"><script>alert(1)</script>"


def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def broken_text() -> str:
    """The example with 表三 一、自然人 printed as 24 instead of 21 (the row sums to 30, its total says 27)."""
    text = example_text()
    assert NEW_ROW in text
    return text.replace(NEW_ROW, NEW_ROW.replace("| 21 |", "| 24 |"))


def xss_text() -> str:
    """The example with script and event-handler payloads in the title and in the narrative."""
    text = broken_text()
    text = text.replace("临川县自然资源局2023年政府信息公开工作年度报告", XSS_TITLE, 1)
    return text.replace("（一）主动公开。", "（一）主动公开。" + XSS_TEXT, 1)


def synth_pdf(tmp: Path) -> Path:
    """A synthetic report rendered as PDF by the project's own generator (LibreOffice needed)."""
    from nianbao.synth import write_corpus

    paths = write_corpus(1, tmp, formats=("pdf",), seed=11)
    return next(p for p in paths if p.suffix == ".pdf")


def year_variant(year: int, organization: str = "临川县自然资源局", published: str | None = None,
                 new_total_delta: int = 0) -> str:
    """The example as another year's report (and optionally another body, a late date, a changed total)."""
    text = example_text().replace("2024年1月25日", "@SIGNED@").replace("2024-01-26", "@PUBLISHED@")
    text = text.replace("2023", str(year)).replace("临川县自然资源局", organization)
    text = text.replace("@SIGNED@", f"{year + 1}年1月25日").replace("@PUBLISHED@", published or f"{year + 1}-01-26")
    if new_total_delta:
        text = text.replace(NEW_ROW, NEW_ROW.replace("| 27 |", f"| {27 + new_total_delta} |"))
    return text


def make_corpus(folder: Path) -> Path:
    """A small corpus: one body over three years, a second body (one late report), ingested with DuckDB."""
    from nianbao.corpus import IngestOptions, ingest

    src = folder / "reports"
    src.mkdir(parents=True)
    files = {
        "linchuan_2021.txt": year_variant(2021),
        "linchuan_2022.txt": year_variant(2022, new_total_delta=1),
        "linchuan_2023.txt": year_variant(2023),
        "qingshan_2022.txt": year_variant(2022, organization="青山县统计局"),
        "qingshan_2023.txt": year_variant(2023, organization="青山县统计局", published="2024-03-15"),
    }
    for name, text in files.items():
        (src / name).write_text(text, encoding="utf-8")
    db = folder / "corpus.duckdb"
    ingest([src], db, IngestOptions(jobs=1))
    return db
