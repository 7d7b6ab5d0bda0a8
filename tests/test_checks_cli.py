"""`nianbao check`: exit codes, formats, --previous, --out; and docs/rules.md kept in sync."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from checks_support import clean_report, set_cell
from nianbao.cli import app
from nianbao.model import Provenance, Report
from nianbao.rules.catalogue import finding
from nianbao.rules.docs import render

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def _write(path: Path, report: Report) -> Path:
    path.write_text(report.to_json(), encoding="utf-8")
    return path


def _broken() -> Report:
    r = clean_report("2021", seed=4)
    set_cell(r, "reviews_litigation.review.upheld", 9)  # 表四 行政复议 总计 no longer adds up
    r.provenance["reviews_litigation.review.upheld"] = Provenance(text="9", line=41, column=2)
    r.provenance["reviews_litigation.review.total"] = Provenance(text=str(r.cell("reviews_litigation.review.total")),
                                                                line=41, column=18)
    return r


def test_clean_report_exit_0(tmp_path: Path) -> None:
    res = runner.invoke(app, ["check", str(_write(tmp_path / "ok.json", clean_report()))])
    assert res.exit_code == 0, res.output
    assert "未发现问题" in res.output


def test_error_exit_1_and_text_table(tmp_path: Path) -> None:
    res = runner.invoke(app, ["check", str(_write(tmp_path / "bad.json", _broken()))])
    assert res.exit_code == 1
    assert "check.t4_group_sum" in res.output and "错误" in res.output
    assert "第41行" in res.output  # where the cell was read


def test_warning_only_exit_0(tmp_path: Path) -> None:
    r = clean_report()
    r.meta.contact.phone = None
    res = runner.invoke(app, ["check", str(_write(tmp_path / "w.json", r))])
    assert res.exit_code == 0
    assert "check.contact_missing" in res.output


def test_unusable_input_exit_2_others_processed(tmp_path: Path) -> None:
    bad = tmp_path / "notes.json"
    bad.write_text("{not json", encoding="utf-8")
    good = _write(tmp_path / "bad-table.json", _broken())
    res = runner.invoke(app, ["check", str(bad), str(tmp_path / "absent.txt"), str(good), "--format", "json"])
    assert res.exit_code == 2
    assert "notes.json" in res.stderr and "absent.txt" in res.stderr
    lines = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    assert "check.t4_group_sum" in {f["rule"] for f in lines[0]["findings"]}


def test_json_format_rechecks_stale_findings(tmp_path: Path) -> None:
    r = clean_report()
    r.findings.append(finding("check.year_unknown", [], ""))  # stale: the year is known
    res = runner.invoke(app, ["check", str(_write(tmp_path / "r.json", r)), "--format", "json"])
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert data["schema"] == "nianbao.report/1"
    assert data["findings"] == []


def test_previous(tmp_path: Path) -> None:
    this = clean_report("2021", seed=1)
    last = clean_report("2021", seed=2)
    last.meta.year = 2021
    forward = last.tables.applications.rows["carried_forward"]  # type: ignore[union-attr]
    forward.update(this.tables.applications.rows["carried_over"])  # type: ignore[union-attr]
    forward["natural_person"] = forward["natural_person"] + 1  # type: ignore[operator]
    a = _write(tmp_path / "2022.json", this)
    b = _write(tmp_path / "2021.json", last)
    res = runner.invoke(app, ["check", str(a), "--previous", str(b), "--format", "json"])
    data = json.loads(res.stdout)
    carry = [f for f in data["findings"] if f["rule"] == "check.carryover_mismatch"]
    assert [f["cells"] for f in carry] == [["applications.carried_over.natural_person"]]
    res = runner.invoke(app, ["check", str(a), "--previous", str(tmp_path / "missing.json")])
    assert res.exit_code == 2
    assert "missing.json" in res.stderr


def test_html_sheet(tmp_path: Path) -> None:
    out = tmp_path / "sheet.html"
    res = runner.invoke(app, ["check", str(_write(tmp_path / "bad.json", _broken())), "--format", "html",
                              "--out", str(out)])
    assert res.exit_code == 1
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "审核意见单" in page and "check.t4_group_sum" in page
    assert "表四 行政复议 / 结果维持" in page  # the cell, labelled
    assert "第41行 第3字" in page  # and where it was read
    assert "整改说明" in page
    assert not list(tmp_path.glob(".sheet.html.*"))  # no temporary file left behind


def test_md_sheets_one_per_report_in_a_directory(tmp_path: Path) -> None:
    outdir = tmp_path / "sheets"
    outdir.mkdir()
    a = _write(tmp_path / "a.json", _broken())
    b = _write(tmp_path / "b.json", clean_report())
    res = runner.invoke(app, ["check", str(a), str(b), "--format", "md", "--out", str(outdir)])
    assert res.exit_code == 1
    names = sorted(p.name for p in outdir.iterdir())
    assert names == ["a.json.check.md", "b.json.check.md"]  # the input name kept whole: a.json ≠ a.txt
    text_a = (outdir / "a.json.check.md").read_text(encoding="utf-8")
    assert "【错误】" in text_a and "`reviews_litigation.review.upheld`" in text_a
    assert "未发现问题" in (outdir / "b.json.check.md").read_text(encoding="utf-8")


def test_source_file(tmp_path: Path) -> None:
    """A plain-text source (written here) goes through parse and the checks."""
    src = tmp_path / "r.txt"
    src.write_text("某市某局2022年政府信息公开工作年度报告\n发布时间：2023-02-10\n一、总体情况\n本年度工作平稳。\n"
                   "二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n"
                   "五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n", encoding="utf-8")
    res = runner.invoke(app, ["check", str(src), "--format", "json"])
    data = json.loads(res.stdout)
    rules = {f["rule"] for f in data["findings"]}
    assert "check.late" in rules  # a department (局), due 2023-01-31
    assert "extract.table_missing" in rules
    assert res.exit_code == 1


def test_rules_doc_is_current() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == render(), "docs/rules.md is stale: run `python -m nianbao.rules.docs > docs/rules.md`"
