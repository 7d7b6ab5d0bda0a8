"""The serialised report follows the nianbao.report/1 contract (shared/spec/report-json.md) key by key."""

from __future__ import annotations

import json

import pytest

import nianbao
from text_fixtures import REPORT_2019, REPORT_2021

# Written from the contract, not from the model.
TOP_KEYS = {"schema", "source", "meta", "sections", "tables", "figures", "findings"}
# Keys the contract allows us to add; anything else at the top level is a contract change.
TOP_EXTRA_ALLOWED = {"provenance"}
SOURCE_KEYS = {"path", "sha256", "format"}
META_KEYS = {"title", "organization", "body_kind", "year", "template", "published", "signed", "contact"}
CONTACT_KEYS = {"address", "postcode", "phone", "fax", "email"}
SECTION_KEYS = {"number", "title", "present", "heading", "text"}
SECTION_TITLES = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
                  "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"]
TABLE_KEYS = {"active_disclosure", "applications", "reviews_litigation"}
FINDING_KEYS = {"rule", "severity", "message", "cells", "evidence"}
APPLICANT_COLS = {"natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
                  "legal_service_org", "other_org", "total"}
COMMON_ROWS = [
    "new_received", "carried_over", "granted", "partially_granted",
    "withheld.state_secret", "withheld.prohibited_by_law", "withheld.security_stability",
    "withheld.third_party_rights", "withheld.internal_affairs", "withheld.process_information",
    "withheld.enforcement_file", "withheld.administrative_query",
    "unavailable.not_held", "unavailable.needs_creation", "unavailable.unclear_after_correction",
    "not_processed.complaint", "not_processed.duplicate", "not_processed.publication",
    "not_processed.excessive", "not_processed.confirmation",
]
ROWS = {
    "2019": [*COMMON_ROWS, "other", "total", "carried_forward"],
    "2021": [*COMMON_ROWS, "other.no_correction", "other.fee_unpaid", "other.other", "total", "carried_forward"],
}
REVIEW_GROUPS = {"review", "litigation_direct", "litigation_after_review"}
REVIEW_COLS = {"upheld", "corrected", "other", "pending", "total"}
ACTIVE_ITEMS = {
    "2019": {"art20_1": {"rules", "normative_documents"}, "art20_5": {"licensing", "other_services"},
             "art20_6": {"penalty", "coercion"}, "art20_8": {"fees"}, "art20_9": {"procurement"}},
    "2021": {"art20_1": {"rules", "normative_documents"}, "art20_5": {"licensing"},
             "art20_6": {"penalty", "coercion"}, "art20_8": {"fees"}},
}


@pytest.fixture(scope="module", params=["2019", "2021"])
def version_and_json(request: pytest.FixtureRequest) -> tuple[str, dict]:
    text = REPORT_2019 if request.param == "2019" else REPORT_2021
    return request.param, json.loads(nianbao.parse_text(text, path="fixture.txt").to_json())


def test_top_level_and_envelope_keys(version_and_json: tuple[str, dict]) -> None:
    _, data = version_and_json
    assert TOP_KEYS <= set(data)
    assert set(data) - TOP_KEYS <= TOP_EXTRA_ALLOWED
    assert data["schema"] == "nianbao.report/1"
    assert set(data["source"]) == SOURCE_KEYS
    assert data["source"]["format"] == "text" and data["source"]["path"] == "fixture.txt"


def test_meta_keys_and_types(version_and_json: tuple[str, dict]) -> None:
    version, data = version_and_json
    meta = data["meta"]
    assert META_KEYS <= set(meta)
    assert set(meta["contact"]) == CONTACT_KEYS
    assert meta["template"] == version
    assert isinstance(meta["year"], int)
    assert meta["body_kind"] in ("government", "department", "township", "unknown")
    # ISO dates as strings
    assert meta["published"] == ("2021-01-18" if version == "2019" else "2023-01-18")
    assert meta["signed"] == ("2021-01-17" if version == "2019" else "2023-01-17")


def test_six_sections_in_order(version_and_json: tuple[str, dict]) -> None:
    _, data = version_and_json
    sections = data["sections"]
    assert [s["number"] for s in sections] == [1, 2, 3, 4, 5, 6]
    assert [s["title"] for s in sections] == SECTION_TITLES
    for s in sections:
        assert set(s) >= SECTION_KEYS
        assert isinstance(s["present"], bool)


def test_tables_have_the_three_keys_and_exact_rows(version_and_json: tuple[str, dict]) -> None:
    version, data = version_and_json
    tables = data["tables"]
    assert set(tables) == TABLE_KEYS
    rows = tables["applications"]["rows"]
    assert list(rows) == ROWS[version]  # the other version's rows are absent, not null-filled
    for cols in rows.values():
        assert set(cols) == APPLICANT_COLS
    other_version = "2021" if version == "2019" else "2019"
    for key in set(ROWS[other_version]) - set(ROWS[version]):
        assert key not in rows
    reviews = tables["reviews_litigation"]
    assert set(reviews) == REVIEW_GROUPS
    for group in reviews.values():
        assert set(group) == REVIEW_COLS
    active = tables["active_disclosure"]
    assert active["template"] == version
    assert {item: set(rows) for item, rows in active["items"].items()} == ACTIVE_ITEMS[version]


def test_values_are_int_float_or_null(version_and_json: tuple[str, dict]) -> None:
    _, data = version_and_json
    values = [v for cols in data["tables"]["applications"]["rows"].values() for v in cols.values()]
    values += [v for g in data["tables"]["reviews_litigation"].values() for v in g.values()]
    values += [v for rows in data["tables"]["active_disclosure"]["items"].values()
               for cols in rows.values() for v in cols.values()]
    assert all(v is None or (isinstance(v, int | float) and not isinstance(v, bool)) for v in values)


def test_findings_keys() -> None:
    # 表四 removed: a finding must say so, with the contract's keys
    text = REPORT_2021.split("四、政府信息公开行政复议、行政诉讼情况")[0] + "四、政府信息公开行政复议、行政诉讼情况\n无。\n"
    data = json.loads(nianbao.parse_text(text).to_json())
    assert data["tables"]["reviews_litigation"] is None
    assert data["findings"]
    for f in data["findings"]:
        assert set(f) >= FINDING_KEYS
        assert f["severity"] in ("error", "warning", "info")
        assert isinstance(f["cells"], list) and isinstance(f["message"], str) and f["message"]
    missing = [f for f in data["findings"] if f["rule"] == "extract.table_missing"]
    assert [f["cells"] for f in missing] == [["reviews_litigation"]]


def test_figures_are_numbers() -> None:
    data = json.loads(nianbao.parse_text(REPORT_2021).to_json())
    assert data["figures"] == {"proactive_total": 312, "interpretations": 9, "applications_received": 14,
                               "reviews": 1, "litigations": 2}


def test_cell_paths() -> None:
    report = nianbao.parse_text(REPORT_2021)
    assert report.cell("applications.new_received.total") == 14
    assert report.cell("applications.unavailable.not_held.natural_person") == 3
    assert report.cell("applications.other.no_correction.total") == 0
    assert report.cell("reviews_litigation.litigation_direct.pending") == 1
    assert report.cell("active_disclosure.art20_5.licensing.decisions") == 2310
    assert report.cell("active_disclosure.art20_8.fees.amount") == 3.75
    assert report.cell("active_disclosure.art20_6.coercion.decisions") is None  # printed —
    for bad in ("applications.other.total", "applications.nope.total", "reviews_litigation.review.nope",
                "nope.x.y"):
        with pytest.raises(KeyError):
            report.cell(bad)
    r2019 = nianbao.parse_text(REPORT_2019)
    assert r2019.cell("applications.other.total") == 0
    assert r2019.cell("active_disclosure.art20_5.licensing.change") == -3
    with pytest.raises(KeyError):
        r2019.cell("applications.other.fee_unpaid.total")


def test_cell_of_a_null_table_is_a_key_error() -> None:
    report = nianbao.parse_text("某某县2022年政府信息公开工作年度报告\n一、总体情况\n无。\n")
    assert report.tables.applications is None
    with pytest.raises(KeyError):
        report.cell("applications.total.total")


def test_provenance_paths_name_existing_cells() -> None:
    report = nianbao.parse_text(REPORT_2021)
    cell_paths = [p for p in report.provenance if not p.startswith("figures.")]
    assert len(cell_paths) == 25 * 7 + 15 + 10  # 表三 (25 rows) + 表四 + 表二 (2021: 6+1+2+1)
    for path in cell_paths:
        report.cell(path)  # no KeyError
        assert report.provenance[path].line is not None


def test_json_round_trip_is_lossless() -> None:
    report = nianbao.parse_text(REPORT_2019)
    again = nianbao.Report.from_json(report.to_json())
    assert again == report
