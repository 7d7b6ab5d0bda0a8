"""`compare_reports` and `nianbao compare`: consecutive-year pairs with known carry-over breaks, cell changes
worked out by hand, copied passages, the four output formats read back; near-duplicates across bodies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from checks_support import clean_report, set_cell
from nianbao.cli import app
from nianbao.compare import compare_reports, near_duplicates
from nianbao.compare.near_duplicates import batch_findings
from nianbao.compare.passages import masked, shared_runs
from nianbao.writers import render_bytes
from review_support import break_carry_over, break_in_force, linked_pair

runner = CliRunner()

COPIED = ("本机关坚持以公开为常态、不公开为例外，认真落实政府信息公开条例，围绕中心工作加强主动公开，规范依申请公开办理，"
          "全年主动公开政府信息{n}条，政府网站专栏更新及时，公开质量稳步提升。")


def _pair(carry: bool = False, in_force: bool = False) -> tuple:
    prev, this = linked_pair(7)
    if carry:
        break_carry_over(this, "legal_service_org", by=3)
    if in_force:
        break_in_force(this, by=2)
    prev.sections[0].text = COPIED.format(n=210)
    this.sections[0].text = "今年新增一段开头的话。" + COPIED.format(n="1,385")
    return prev, this


def test_relations_verdicts_match_the_breaks_put_in() -> None:
    prev, this = _pair(carry=True, in_force=True)
    c = compare_reports(this, prev)  # newest first: swapped
    assert (c.a.year, c.b.year) == (2022, 2023) and c.same_body and c.consecutive
    verdicts = {(r.rule, r.scope): r.verdict for r in c.relations}
    broken = {k for k, v in verdicts.items() if v == "broken"}
    assert broken == {("check.carryover_mismatch", "法律服务机构"), ("check.carryover_mismatch", "总计"),
                      ("check.in_force_drift", "行政规范性文件")}
    assert all(v == "holds" for k, v in verdicts.items() if k not in broken)
    assert len(verdicts) == 7 + 2  # 表三 seven columns, 表二 two rows (规章, 规范性文件)
    rules = {f.rule for f in c.b.findings}
    assert {"check.carryover_mismatch", "check.in_force_drift", "check.similar_to_previous"} <= rules


def test_a_clean_pair_holds_everywhere() -> None:
    prev, this = linked_pair(8)
    c = compare_reports(prev, this)
    assert {r.verdict for r in c.relations} == {"holds"}


def test_blank_leaves_a_relation_open() -> None:
    prev, this = linked_pair(9)
    set_cell(prev, "applications.carried_forward.other_org", None)
    c = compare_reports(prev, this)
    other = next(r for r in c.relations if r.scope == "其他")
    assert other.verdict == "unknown"


def test_cell_changes() -> None:
    prev, this = linked_pair(10)
    set_cell(prev, "reviews_litigation.review.upheld", 4)
    set_cell(this, "reviews_litigation.review.upheld", 5)
    set_cell(prev, "reviews_litigation.review.corrected", 0)
    set_cell(this, "reviews_litigation.review.corrected", 2)
    c = compare_reports(prev, this)
    t4 = {x.path: x for x in next(t for t in c.tables if t.key == "reviews_litigation").cells}
    upheld = t4["reviews_litigation.review.upheld"]
    assert (upheld.a, upheld.b, upheld.delta, upheld.pct) == (4, 5, 1, 25.0)
    corrected = t4["reviews_litigation.review.corrected"]
    assert (corrected.delta, corrected.pct) == (2, None)  # no percentage of a change from 0
    assert len(t4) == 15 and upheld.label == "行政复议 / 结果维持"


def test_copied_passage_found_despite_new_numbers() -> None:
    prev, this = _pair()
    c = compare_reports(prev, this)
    s1 = c.sections[0]
    assert s1.flagged and s1.similarity is not None and s1.similarity >= 0.9
    longest = s1.passages[0]
    assert longest.text.startswith("本机关坚持以公开为常态") and longest.text.endswith("公开质量稳步提升。")
    assert "1,385" in longest.text  # the new number is inside the copied passage
    assert this.sections[0].text[longest.b_start:longest.b_end] == longest.text
    assert not c.sections[1].flagged  # short texts are not judged


def test_masked_maps_back_to_the_original() -> None:
    m = masked("共 1,234 件，2023年")
    assert m.text == "共#件，#年"
    assert m.spans[1] == (2, 7)  # '1,234'
    assert shared_runs("短", "短") == []


def test_outputs(tmp_path: Path) -> None:
    prev, this = _pair(carry=True)
    this.meta.organization = "=cmd|' /C calc'!A0"  # formula-like text from a web page
    this.sections[0].text += "<script>alert(1)</script>"
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(prev.to_json(), encoding="utf-8")
    b.write_text(this.to_json(), encoding="utf-8")
    res = runner.invoke(app, ["compare", str(a), str(b)])
    assert res.exit_code == 0, res.output
    assert "[不衔接] 上年结转 = 上年报告的结转下年度继续办理" in res.stdout and "雷同" in res.stdout
    res = runner.invoke(app, ["compare", str(b), str(a), "--format", "json"])
    data = json.loads(res.stdout)
    assert data["a"]["year"] == 2022 and data["b"]["year"] == 2023
    assert {r["verdict"] for r in data["relations"]} == {"holds", "broken"}
    page = tmp_path / "c.html"
    assert runner.invoke(app, ["compare", str(a), str(b), "-o", str(page)]).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>本机关坚持以公开为常态" in html
    assert 'src="http' not in html and "<link" not in html
    book = tmp_path / "c.xlsx"
    assert runner.invoke(app, ["compare", str(a), str(b), "-o", str(book)]).exit_code == 0
    wb = load_workbook(book)
    assert wb.sheetnames == ["表格", "跨年度衔接", "重复率", "核查结果"]
    rel = [[c.value for c in row] for row in wb["跨年度衔接"].iter_rows(min_row=2)]
    assert ["上年结转 = 上年报告的结转下年度继续办理", "check.carryover_mismatch", "法律服务机构"] == rel[4][:3]
    assert rel[4][5] == "不衔接"
    names = [row[0].value for row in wb["核查结果"].iter_rows(min_row=2)]
    injected = next(cell for row in wb["核查结果"].iter_rows(min_row=2) for cell in row[:1]
                    if str(cell.value).startswith("=cmd"))
    assert injected.data_type == "s" and injected.value.startswith("=cmd|")  # text, not a formula
    assert names


def test_compare_needs_two_reports(tmp_path: Path) -> None:
    a = tmp_path / "a.json"
    a.write_text(clean_report().to_json(), encoding="utf-8")
    res = runner.invoke(app, ["compare", str(a)])
    assert res.exit_code == 2 and "需要两份报告" in res.stderr


def test_compare_from_the_corpus_db(tmp_path: Path) -> None:
    try:
        from nianbao import corpus
    except ImportError:  # the corpus package (issue 14) is not in this tree: --db says so
        res = runner.invoke(app, ["compare", "--db", str(tmp_path / "c.duckdb"), "--body", "B", "--years", "2022,2023"])
        assert res.exit_code == 2 and "未包含语料库模块" in res.stderr
        return
    prev, this = _pair(carry=True)
    src = tmp_path / "src"
    src.mkdir()
    for r in (prev, this):
        (src / f"{r.meta.year}.txt").write_bytes(render_bytes(r, "text"))
    db = tmp_path / "corpus.duckdb"
    corpus.ingest([src], db)
    org = this.meta.organization
    res = runner.invoke(app, ["compare", "--db", str(db), "--body", org, "--years", "2022,2023", "-f", "json"])
    assert res.exit_code == 0, res.output
    broken = {r["scope"] for r in json.loads(res.stdout)["relations"] if r["verdict"] == "broken"}
    assert broken == {"法律服务机构", "总计"}
    res = runner.invoke(app, ["compare", "--db", str(db), "--body", "不存在的机关", "--years", "2022,2023"])
    assert res.exit_code == 2 and "没有机关“不存在的机关”的2022年度报告" in res.stderr
    res = runner.invoke(app, ["compare", "--db", str(tmp_path / "none.duckdb"), "--body", org, "--years", "2022,2023"])
    assert res.exit_code == 2 and "语料库文件不存在" in res.stderr


def test_years_must_be_two(tmp_path: Path) -> None:
    res = runner.invoke(app, ["compare", "--db", str(tmp_path / "c.duckdb"), "--body", "B", "--years", "2022"])
    assert res.exit_code == 2 and "--years 应为两个年度" in res.stderr


# -- near-duplicates across bodies (check.similar_across_bodies) ------------------------------

OTHER = ("今年重点推进了基层政务公开标准化规范化建设，梳理完善了公开事项目录，对门户网站栏目进行了全面改版，"
         "新增办事指南栏目与互动交流渠道，群众满意度明显提升，同时加强了工作人员的业务培训和考核。")


def test_near_duplicates_fires_across_bodies_only() -> None:
    items = [("r1", "1", COPIED.format(n=12)), ("r2", "1", OTHER), ("r3", "1", COPIED.format(n="3,400")),
             ("r1", "2", COPIED.format(n=99))]
    got = [(d.a_id, d.b_id) for d in near_duplicates(items)]
    assert got == [("r1", "r3"), ("r3", "r1")]  # r1's own two sections are not paired; r2 is different text
    bodies = {"r1": "甲", "r3": "甲", "r2": "乙"}
    assert list(near_duplicates(items, body_of=bodies.__getitem__)) == []  # one body: the cross-year check's job


def test_near_duplicates_quiet_on_different_texts_and_short_ones() -> None:
    assert list(near_duplicates([("a", "1", COPIED.format(n=1)), ("b", "1", OTHER)])) == []
    assert list(near_duplicates([("a", "1", "无。"), ("b", "1", "无。")])) == []


@pytest.mark.parametrize("copied", [True, False])
def test_batch_findings(copied: bool) -> None:
    a = clean_report("2021", seed=1, organization="甲县教育局")
    b = clean_report("2021", seed=2, organization="乙县财政局")
    a.sections[4].text = COPIED.format(n=5)
    b.sections[4].text = COPIED.format(n=6) if copied else OTHER
    found = batch_findings([a, b])
    if not copied:
        assert found == {}
        return
    assert sorted(found) == [0, 1]
    f = found[0][0]
    assert f.rule == "check.similar_across_bodies" and f.severity == "warning"
    assert "第五部分" in f.message and "乙县财政局" in f.message and "2022年度" in f.message

