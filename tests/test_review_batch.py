"""Batch review: `nianbao check THIS... --previous LAST...` pairs by body (files shuffled and renamed),
writes the review workbook and one 审核意见 DOCX per report; both are opened and read back."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

from checks_support import clean_report
from nianbao.cli import app
from nianbao.compare import pair_with_previous
from nianbao.model import Report
from review_support import batch, body_name, linked_pair

runner = CliRunner()
N = 52


def _dump(reports: list[Report], folder: Path, rng: random.Random) -> list[Path]:
    """Each report under a random file name, in a shuffled order: nothing pairs by name or position."""
    folder.mkdir()
    out = []
    order = list(reports)
    rng.shuffle(order)
    for r in order:
        path = folder / f"{rng.getrandbits(48):012x}.json"
        r.source.path = path.name
        path.write_text(r.to_json(), encoding="utf-8")
        out.append(path)
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path], Path, dict[str, set[str]]]:
    root = tmp_path_factory.mktemp("batch")
    rng = random.Random(15)
    this_years, last_years, broken = batch(N)
    this_years.append(clean_report("2021", seed=99, organization="无上年县档案局", year=2023, period_year=2023,
                                   published=__import__("datetime").date(2024, 1, 10)))
    broken["无上年县档案局"] = set()
    this_files = _dump(this_years, root / "this", rng)
    _dump(last_years[:-1], root / "last", rng)  # the last body's previous report is not given
    broken[body_name(N - 1)] = set()  # so its breaks (if any) cannot be seen
    return root, this_files, root / "last", broken


def test_pairing_is_by_body_not_position() -> None:
    this_years, last_years, _ = batch(12)
    shuffled = list(reversed(last_years))
    for p in pair_with_previous(this_years, shuffled):
        assert p.previous is not None
        assert p.previous.meta.organization == this_years[p.index].meta.organization
        assert p.previous.meta.year == this_years[p.index].meta.year - 1  # type: ignore[operator]
    # a body renamed with full-width brackets and 人民政府 ↔ 政府 is still the same body
    prev, this = linked_pair(3)
    prev.meta.organization, this.meta.organization = "安平县人民政府（办公室）", "安平县政府(办公室)"
    assert pair_with_previous([this], [prev])[0].previous is prev
    # no previous report of that body, or of the year before: nothing is guessed
    other, _ = linked_pair(4)
    got = pair_with_previous([this], [other])[0]
    assert got.previous is None and "未提供2022年度报告" in got.note


def test_review_workbook(corpus: tuple[Path, list[Path], Path, dict[str, set[str]]]) -> None:
    root, files, last, broken = corpus
    out = root / "review.xlsx"
    res = runner.invoke(app, ["check", *map(str, files), "--previous", str(last), "-o", str(out)])
    assert res.exit_code == 0, res.output  # warnings only: carry-over breaks are warnings
    wb = load_workbook(out)
    assert wb.sheetnames == ["汇总", "问题清单"]
    summary = [dict(zip([c.value for c in wb["汇总"][1]], [c.value for c in row], strict=True))
               for row in wb["汇总"].iter_rows(min_row=2)]
    assert len(summary) == N + 1
    assert {row["机关"] for row in summary} == set(broken)
    by_body = {row["机关"]: row for row in summary}
    for body, rules in broken.items():
        row = by_body[body]
        assert row["报告年度"] == 2023 and row["机关类别"] == "政府部门"
        assert row["发布时限"] == "按时（期限 2024-01-31）"
        assert row["审核结论"] == ("请核实" if rules else "通过"), body
        assert row["错误"] == 0
    assert "未提供2022年度报告" in by_body["无上年县档案局"]["上年报告"]
    assert "未提供2022年度报告" in by_body[body_name(N - 1)]["上年报告"]
    # worst first: the reports with warnings come before the clean ones
    statuses = [row["审核结论"] for row in summary]
    assert statuses == sorted(statuses, key=["需整改", "请核实", "通过"].index)

    findings = [dict(zip([c.value for c in wb["问题清单"][1]], [c.value for c in row], strict=True))
                for row in wb["问题清单"].iter_rows(min_row=2)]
    got: dict[str, set[str]] = {body: set() for body in broken}
    for f in findings:
        got[f["机关"]].add(f["规则"])
    assert got == broken
    carry = next(f for f in findings if f["规则"] == "check.carryover_mismatch")
    assert "二 上年结转政府信息公开申请数量" in carry["所涉单元格"]
    assert re.search(r"= \d+", carry["表中数字（原文及位置）"])
    assert "上年“结转下年度继续办理”" in carry["法规/格式依据"]


def test_review_docx_one_per_report(corpus: tuple[Path, list[Path], Path, dict[str, set[str]]]) -> None:
    root, files, last, broken = corpus
    outdir = root / "opinions"
    res = runner.invoke(app, ["check", *map(str, files), "--previous", str(last), "--format", "docx", "-o",
                              str(outdir), "--office", "某县人民政府办公室", "--reviewer", "张三", "--date", "2024-02-05"])
    assert res.exit_code == 0, res.output
    names = sorted(p.name for p in outdir.iterdir())
    assert len(names) == N + 1
    assert f"{body_name(1)}_2023年度_审核意见.docx" in names
    doc = Document(str(outdir / f"{body_name(1)}_2023年度_审核意见.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "政府信息公开工作年度报告审核意见" in text
    facts = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}
    assert facts["审核机关"] == "某县人民政府办公室" and facts["审核人"] == "张三"
    assert facts["审核日期"] == "2024年2月5日"
    assert facts["被审核机关"].startswith(body_name(1))
    grid = doc.tables[1]
    header = [c.text for c in grid.rows[0].cells]
    assert header == ["序号", "级别", "问题、核对依据与法规依据", "所涉单元格及表中数字", "整改情况"]
    rows = [[c.text for c in row.cells] for row in grid.rows[1:]]
    carry = [r for r in rows if "check.carryover_mismatch" in r[2]]
    # body 1's break is in 商业企业 (review_support.batch), so its 总计 column breaks too
    assert [r[2].split("”列")[0].removeprefix("表三“") for r in carry] == ["商业企业", "总计"]
    assert "二 上年结转政府信息公开申请数量 / 商业企业 = " in carry[0][3]  # the numbers next to the finding
    assert carry[0][4] == ""  # for the body's answer
    clean = Document(str(outdir / f"{body_name(0)}_2023年度_审核意见.docx"))
    assert "经核查，未发现问题。" in "\n".join(p.text for p in clean.paragraphs)


def test_review_page_has_contents_and_summary(corpus: tuple[Path, list[Path], Path, dict[str, set[str]]]) -> None:
    root, files, last, broken = corpus
    out = root / "review.html"
    res = runner.invoke(app, ["check", *map(str, files[:10]), "--previous", str(last), "-o", str(out)])
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    assert "<h2>目录</h2>" in page and 'class="summary"' in page
    assert page.count('<a href="#r') == 10 and page.count('<h2 id="r') == 10
    assert "<link" not in page and "<script" not in page  # one standalone page


def test_similar_sections_across_bodies_in_a_batch(tmp_path: Path) -> None:
    text = ("本单位坚持以公开为常态、不公开为例外，认真落实政府信息公开条例，围绕中心工作加强主动公开，规范依申请公开办理，"
            "全年主动公开政府信息{n}条，发布政策解读{k}篇，政府网站专栏更新及时，公开质量稳步提升。")
    a = clean_report("2021", seed=1, organization="甲县教育局")
    b = clean_report("2021", seed=2, organization="乙县财政局")
    c = clean_report("2021", seed=3, organization="丙县民政局")
    a.sections[0].text = text.format(n=120, k=8)
    b.sections[0].text = text.format(n=3456, k=31)  # copied, numbers changed
    paths = []
    for name, r in (("a", a), ("b", b), ("c", c)):
        p = tmp_path / f"{name}.json"
        p.write_text(r.to_json(), encoding="utf-8")
        paths.append(str(p))
    res = runner.invoke(app, ["check", *paths, "--format", "json"])
    reports = [Report.model_validate_json(line) for line in res.stdout.splitlines() if line.strip()]
    similar = {r.meta.organization: [f for f in r.findings if f.rule == "check.similar_across_bodies"]
               for r in reports}
    assert len(similar["甲县教育局"]) == 1 and len(similar["乙县财政局"]) == 1 and similar["丙县民政局"] == []
    assert "乙县财政局" in similar["甲县教育局"][0].message and "第一部分" in similar["甲县教育局"][0].message
    res = runner.invoke(app, ["check", *paths, "--format", "json", "--no-similar"])
    assert "check.similar_across_bodies" not in res.stdout


def _with_id(report: Report, body_id: str) -> Report:
    object.__setattr__(report.meta, "body_id", body_id)  # the meta work (issue 13) adds meta.body_id
    return report


def test_pairing_prefers_the_body_id_and_never_crosses_two_ids() -> None:
    prev, this = linked_pair(5)
    renamed = prev.model_copy(deep=True)
    renamed.meta.organization = "另一个名称的同一机关"
    assert pair_with_previous([_with_id(this, "B1")], [_with_id(renamed, "B1")])[0].previous is renamed
    # same name, different ids: two bodies (e.g. 教育局 of two counties), not paired
    other = _with_id(prev.model_copy(deep=True), "B2")
    assert pair_with_previous([this], [other])[0].previous is None
    # a previous report without an id is still found by its name
    plain = prev.model_copy(deep=True)
    assert pair_with_previous([this], [plain])[0].previous is plain
