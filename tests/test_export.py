"""export: one row per report, one column per cell key, in CSV, XLSX and Parquet."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nianbao.cli import app
from nianbao.writers.export import cell_columns, columns

ROOT = Path(__file__).resolve().parents[1]

YAML_2019 = """
organization: 东阳县人民政府
year: 2020
applications:
  new_received: [3, 1, 0, 0, 0, 0, 4]
  granted: [2, 1, 0, 0, 0, 0, 3]
  other: [1, 0, 0, 0, 0, 0, 1]
  total: [3, 1, 0, 0, 0, 0, 4]
active_disclosure:
  政府集中采购: [2, "251000元"]
"""


@pytest.fixture()
def reports(tmp_path: Path) -> list[Path]:
    """Two report JSONs (2021 and 2019 form) written by `render`'s loader, plus the example text."""
    from nianbao.api import load_data

    a = tmp_path / "a.json"
    a.write_text(load_data(ROOT / "examples" / "report_fill.yaml").to_json(), encoding="utf-8")
    y = tmp_path / "b.yaml"
    y.write_text(YAML_2019, encoding="utf-8")
    b = tmp_path / "b.json"
    b.write_text(load_data(y).to_json(), encoding="utf-8")
    return [a, b, ROOT / "examples" / "linchuan_2023.txt"]


def test_columns_cover_both_templates() -> None:
    cols = cell_columns()
    assert len(cols) == len(set(cols))
    assert cols[0] == "applications.new_received.natural_person"
    # 2019 其他处理 then the three 2021 sub-rows, then (七)总计
    order = [c.rsplit(".", 1)[0] for c in cols if c.endswith(".total") and c.startswith("applications.")]
    k = order.index("applications.other")
    assert order[k:k + 5] == ["applications.other", "applications.other.no_correction",
                              "applications.other.fee_unpaid", "applications.other.other", "applications.total"]
    assert "active_disclosure.art20_9.procurement.amount" in cols and "active_disclosure.art20_1.rules.issued" in cols
    assert "reviews_litigation.litigation_after_review.total" in cols
    assert columns()[-4:] == ["findings.error", "findings.warning", "findings.info", "findings.total"]


def test_csv(tmp_path: Path, reports: list[Path]) -> None:
    out = tmp_path / "all.csv"
    res = CliRunner().invoke(app, ["export", *map(str, reports), "--to", "csv", "-o", str(out)])
    assert res.exit_code == 0, res.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == 3
    a, b, c = rows
    assert a["meta.organization"] == "青山县统计局" and a["applications.new_received.total"] == "13"
    assert a["applications.other.other.total"] == "0" and a["applications.other.total"] == ""  # not in 2021
    assert b["meta.template"] == "2019" and b["applications.other.total"] == "1"
    assert b["active_disclosure.art20_9.procurement.amount"] == "251000"
    assert b["tables.units"] == "art20_9.procurement.amount=元"
    assert c["meta.year"] == "2023" and c["applications.new_received.total"] == "27"
    assert c["reviews_litigation.review.total"] == "2"


def test_xlsx_and_parquet(tmp_path: Path, reports: list[Path]) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "all.xlsx"
    assert CliRunner().invoke(app, ["export", *map(str, reports), "-o", str(out)]).exit_code == 0
    ws = load_workbook(out).active
    header = [c.value for c in ws[1]]
    values = [c.value for c in ws[2]]
    assert values[header.index("applications.total.total")] == 13
    pa = pytest.importorskip("pyarrow.parquet")
    pq_out = tmp_path / "all.parquet"
    assert CliRunner().invoke(app, ["export", *map(str, reports), "--to", "parquet", "-o", str(pq_out)]).exit_code == 0
    table = pa.read_table(pq_out)
    assert table.num_rows == 3
    assert table.column("applications.new_received.total").to_pylist() == [13, 4, 27]
    assert table.column("active_disclosure.art20_8.fees.amount").to_pylist()[2] == 12.6


def test_bad_file_is_reported_and_batch_goes_on(tmp_path: Path, reports: list[Path]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    out = tmp_path / "x.csv"
    res = CliRunner().invoke(app, ["export", str(bad), str(reports[0]), "-o", str(out)])
    assert res.exit_code == 1 and "bad.json" in res.output
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) == 2
    res = CliRunner().invoke(app, ["export", str(reports[0]), "--to", "ods", "-o", str(tmp_path / "x.ods")])
    assert res.exit_code == 2
