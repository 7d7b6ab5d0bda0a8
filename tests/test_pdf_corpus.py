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

# gold.json's printed labels → contract keys (table3 rows, 2021 template)
TABLE3_KEYS = {
    "一、本年新收政府信息公开申请数量": "new_received",
    "二、上年结转政府信息公开申请数量": "carried_over",
    "（一）予以公开": "granted",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "partially_granted",
    "1.属于国家秘密": "withheld.state_secret",
    "2.其他法律行政法规禁止公开": "withheld.prohibited_by_law",
    "3.危及“三安全一稳定”": "withheld.security_stability",
    "4.保护第三方合法权益": "withheld.third_party_rights",
    "5.属于三类内部事务信息": "withheld.internal_affairs",
    "6.属于四类过程性信息": "withheld.process_information",
    "7.属于行政执法案卷": "withheld.enforcement_file",
    "8.属于行政查询事项": "withheld.administrative_query",
    "1.本机关不掌握相关政府信息": "unavailable.not_held",
    "2.没有现成信息需要另行制作": "unavailable.needs_creation",
    "3.补正后申请内容仍不明确": "unavailable.unclear_after_correction",
    "1.信访举报投诉类申请": "not_processed.complaint",
    "2.重复申请": "not_processed.duplicate",
    "3.要求提供公开出版物": "not_processed.publication",
    "4.无正当理由大量反复申请": "not_processed.excessive",
    "5.要求行政机关确认或重新出具已获取信息": "not_processed.confirmation",
    "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": "other.no_correction",
    "2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": "other.fee_unpaid",
    "3、其他": "other.other",
    "（七）总计": "total",
    "四、结转下年度继续办理": "carried_forward",
}
COLS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org", "total"]
# gold.json table2 labels → (item, row, columns in printed order)
TABLE2_KEYS = {
    "规章": ("art20_1", "rules", ["issued", "repealed", "in_force"]),
    "行政规范性文件": ("art20_1", "normative_documents", ["issued", "repealed", "in_force"]),
    "行政许可": ("art20_5", "licensing", ["decisions"]),
    "行政处罚": ("art20_6", "penalty", ["decisions"]),
    "行政强制": ("art20_6", "coercion", ["decisions"]),
    "行政事业性收费": ("art20_8", "fees", ["amount"]),
}
TABLE4_ORDER = [(g, c) for g in ("review", "litigation_direct", "litigation_after_review")
                for c in ("upheld", "corrected", "other", "pending", "total")]


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
