"""The real corpus PDF (淮安市人民政府 2024, 6 pages, tables split over pages, wrapped labels) against
its hand-checked gold.json. Skipped when /work/shared is absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CASE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "huaian_2024"

if not (CASE / "source.pdf").is_file() or not (CASE / "gold.json").is_file():
    pytest.skip(f"corpus case not found: {CASE}", allow_module_level=True)

GOLD = json.loads((CASE / "gold.json").read_text(encoding="utf-8"))

from fixtures.pdf.corpus_gold import COLS, TABLE2_KEYS, TABLE3_KEYS, TABLE4_ORDER  # noqa: E402


@pytest.fixture(scope="module", params=["pdfium", "plumber"])
def report(request: pytest.FixtureRequest) -> dict:
    from nianbao.extract import extract
    from nianbao.readers.pdf import read_pdf

    path = CASE / "source.pdf"
    doc = read_pdf(str(path), path.read_bytes(), "", backend=request.param)
    return extract(doc).model_dump(mode="json")


def test_label_maps_cover_gold() -> None:
    assert set(TABLE3_KEYS) == set(GOLD["table3"])
    assert set(TABLE2_KEYS) == set(GOLD["table2"])
    assert len(GOLD["table4"]) == len(TABLE4_ORDER) == 15


@pytest.mark.parametrize("key", ["title", "organization", "year", "template"])
def test_meta(report: dict, key: str) -> None:
    assert report["meta"][key] == GOLD[key]


@pytest.mark.parametrize("label", list(TABLE3_KEYS))
def test_applications_row(report: dict, label: str) -> None:
    row = report["tables"]["applications"]["rows"][TABLE3_KEYS[label]]
    assert [row[c] for c in COLS] == GOLD["table3"][label]


@pytest.mark.parametrize("label", list(TABLE2_KEYS))
def test_active_disclosure_row(report: dict, label: str) -> None:
    item, row, cols = TABLE2_KEYS[label]
    got = report["tables"]["active_disclosure"]["items"][item][row]
    assert [got[c] for c in cols] == GOLD["table2"][label]


def test_reviews_litigation(report: dict) -> None:
    t4 = report["tables"]["reviews_litigation"]
    assert [t4[g][c] for g, c in TABLE4_ORDER] == GOLD["table4"]


def test_no_extraction_findings(report: dict) -> None:
    assert [f["message"] for f in report["findings"] if f["rule"].startswith("extract.")] == []


def test_provenance_is_page_and_bbox(report: dict) -> None:
    # 表三 starts on page 4 and runs over to page 5 (无法提供 is split over the break)
    first = report["provenance"]["applications.new_received.total"]
    later = report["provenance"]["applications.unavailable.needs_creation.natural_person"]
    assert (first["page"], first["text"]) == (4, "3119")
    assert (later["page"], later["text"]) == (5, "11")
    x0, top, x1, bottom = first["bbox"]
    assert 0 < x0 < x1 <= 595 and 0 < top < bottom <= 842
    assert first["table"] is not None and first["row"] is not None and first["col"] is not None


def test_page_numbers_removed_and_title_lines_kept() -> None:
    from nianbao.document import Paragraph
    from nianbao.readers import read

    doc = read(CASE / "source.pdf")
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert not any(t.strip().strip("-").strip().isdigit() for t in texts)
    assert texts[:2] == ["淮安市人民政府", "2024年政府信息公开工作年度报告"]
    # a paragraph running over a page break is one paragraph
    assert any("还有一些需要加强和改进的地方。主要表现在" in t for t in texts)
