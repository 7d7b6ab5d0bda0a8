"""Issue 13: who issued a report, what kind of body, which year, where; overrides; provenance.

Expected values are written by hand (tests/fixtures/metadata/openings.yaml and below).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import nianbao
from nianbao.cli import app
from nianbao.errors import ReadError
from nianbao.extract import extract
from nianbao.extract.overrides import load_manifest, parse_meta_args
from nianbao.normalize import nfkc
from nianbao.readers.html import read_html

OPENINGS = [case for name in ("openings.yaml", "openings_holdout.yaml", "pages.yaml")
            for case in yaml.safe_load((Path(__file__).parent / "fixtures" / "metadata" / name).read_text(encoding="utf-8"))]


def place_of(meta: nianbao.model.Meta) -> tuple[str | None, str | None]:
    return (meta.region.province, meta.region.place()) if meta.region else (None, None)


@pytest.mark.parametrize("case", OPENINGS, ids=[c["id"] for c in OPENINGS])
def test_opening(case: dict) -> None:
    exp = case["expect"]
    if "html" in case:
        m = extract(read_html(case["html"])).meta
    else:
        m = nianbao.parse_text(case["text"]).meta
    got = {"organization": m.organization, "kind": m.body_kind, "year": m.year,
           "province": place_of(m)[0], "place": place_of(m)[1]}
    assert got == {k: exp[k] for k in got}
    if "normalized" in exp:
        assert m.organization_normalized == exp["normalized"]
    # never a name the source does not print
    assert m.organization is None or m.organization in (case.get("text") or case["html"])
    assert "organization" in m.provenance and "body_kind" in m.provenance and "year" in m.provenance


def test_fixture_set_is_wide() -> None:
    provinces = {c["expect"]["province"] for c in OPENINGS if c["expect"]["province"]}
    assert len(OPENINGS) >= 60 and len(provinces) >= 25


@pytest.mark.parametrize("sentence", [
    "如有疑问请联系吴起县人民政府。", "以及自治区人民政府的部署", "通过区人民政府门户网站公开", "对全市人民政府系统开展考核",
])
def test_sentence_mentions_are_not_the_issuer(sentence: str) -> None:
    m = nianbao.parse_text(f"一、总体情况\n2022年，本单位{sentence}\n").meta
    assert m.organization is None or not m.organization.startswith(("请", "以及", "通过", "对", "现"))


def test_body_id_same_body_under_varying_names() -> None:
    body = "\n2021年，我县全县主动公开信息1000条。报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n"
    ids = {
        nianbao.parse_text("青田县人民政府2021年政府信息公开工作年度报告" + body).meta.body_id,
        nianbao.parse_text("青田县2020年政府信息公开工作年度报告" + body).meta.body_id,
        nianbao.parse_text("一、总体情况" + body + "青田县人民政府办公室\n2022年1月20日\n").meta.body_id,
        nianbao.parse_text("丽水市青田县人民政府2022年政府信息公开工作年度报告" + body).meta.body_id,
    }
    assert ids == {"331121:人民政府"}
    dept = nianbao.parse_text("青田县教育局2021年政府信息公开工作年度报告\n2021年，县教育局公开信息。\n").meta
    assert dept.body_id == "331121:教育局"


def test_year_conflict_title_against_tables_header() -> None:
    text = ("某某县人民政府2022年政府信息公开工作年度报告\n一、总体情况\n本年度公开工作稳步推进。\n"
            "二、主动公开政府信息情况\n| 2021年度主动公开情况 | | |\n| 信息内容 | 本年制发件数 | 本年废止件数 |\n| 规章 | 1 | 0 |\n")
    r = nianbao.parse_text(text)
    assert r.meta.year == 2022
    hits = [f for f in r.findings if f.rule == "extract.year_conflict"]
    assert hits and "2021" in hits[0].message


def test_no_conflict_when_readings_agree() -> None:
    text = ("某某县人民政府2022年政府信息公开工作年度报告\n发布时间：2023-01-20\n一、总体情况\n2022年，全县稳步推进。\n")
    assert not [f for f in nianbao.parse_text(text).findings if f.rule == "extract.year_conflict"]


def test_overrides_win_and_say_so() -> None:
    text = "一、总体情况\n2022年，本局主动公开信息10条。\n"
    m = nianbao.parse_text(text, meta={"organization": "青田县教育局", "year": "2022", "published": "2023-01-10",
                                       "url": "http://www.qingtian.gov.cn/a.html"}).meta
    assert (m.organization, m.body_kind, m.year, str(m.published)) == ("青田县教育局", "department", 2022, "2023-01-10")
    assert m.provenance["organization"].source == "override" and m.provenance["year"].source == "override"
    assert m.region is not None and m.region.county_code == "331121"
    assert m.url == "http://www.qingtian.gov.cn/a.html"


def test_url_host_is_evidence_for_the_region() -> None:
    m = nianbao.parse_text("区政府2021年政府信息公开工作年度报告\n2021年，全区稳步推进政务公开。\n",
                           meta={"url": "https://www.liangping.gov.cn/zwgk/nb/1.html"}).meta
    assert m.region is not None and m.region.county == "梁平区"
    assert m.provenance["region"].source == "url"
    assert m.organization_normalized is None  # the report itself does not say which 区


def test_parse_meta_args() -> None:
    assert parse_meta_args(["year=2021", "organization = 某县人民政府"]) == {"year": "2021",
                                                                            "organization": "某县人民政府"}
    with pytest.raises(ValueError, match="KEY=VALUE"):
        parse_meta_args(["colour=red"])
    with pytest.raises(ValueError, match="年份"):
        parse_meta_args(["year=twenty"])
    with pytest.raises(ValueError, match="日期"):
        parse_meta_args(["published=yesterday"])
    with pytest.raises(ValueError, match="government"):
        parse_meta_args(["body_kind=ministry"])


def test_manifest(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("一、总体情况\n2021年，本局公开信息。\n", encoding="utf-8")
    (tmp_path / "m.csv").write_text("path,url,title,organization,published\n"
                                    "a.txt,http://www.qingtian.gov.cn/1.html,,青田县教育局,2022-01-15\n", encoding="utf-8")
    rows = load_manifest(tmp_path / "m.csv")
    assert rows == {(tmp_path / "a.txt").resolve(): {"url": "http://www.qingtian.gov.cn/1.html",
                                                    "organization": "青田县教育局", "published": "2022-01-15"}}
    res = CliRunner().invoke(app, ["parse", str(tmp_path / "a.txt"), "--manifest", str(tmp_path / "m.csv")])
    assert res.exit_code == 0, res.output
    meta = json.loads(res.stdout)["meta"]
    assert meta["organization"] == "青田县教育局" and meta["region"]["county_code"] == "331121"
    assert meta["provenance"]["published"]["source"] == "override"


def test_bad_manifest_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text("file,url\nx,y\n", encoding="utf-8")
    with pytest.raises(ReadError, match="path"):
        load_manifest(tmp_path / "m.csv")
    (tmp_path / "d.csv").write_text("path,published\na.txt,2023-02-30\n", encoding="utf-8")
    with pytest.raises(ReadError, match="第 2 行 published"):
        load_manifest(tmp_path / "d.csv")
    (tmp_path / "g.csv").write_bytes("path,organization\na.txt,青田县教育局\n".encode("gbk"))
    with pytest.raises(ReadError, match="UTF-8"):
        load_manifest(tmp_path / "g.csv")
    res = CliRunner().invoke(app, ["parse", "x.txt", "--manifest", str(tmp_path / "m.csv")])
    assert res.exit_code == 2 and "path" in res.output


def test_cli_meta_on_parse_and_check(tmp_path: Path) -> None:
    f = tmp_path / "r.txt"
    f.write_text("一、总体情况\n本年度工作稳步推进。\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["parse", str(f), "--meta", "organization=江西省教育厅", "--meta", "year=2022"])
    assert res.exit_code == 0, res.output
    meta = json.loads(res.stdout)["meta"]
    assert (meta["organization"], meta["body_kind"], meta["year"]) == ("江西省教育厅", "department", 2022)
    assert meta["region"]["province"] == "江西省" and meta["body_id"] == "360000:教育厅"
    res = CliRunner().invoke(app, ["check", str(f), "--format", "json", "--meta", "year=2022"])
    assert res.exit_code in (0, 1), res.output
    res = CliRunner().invoke(app, ["parse", str(f), "--meta", "bogus"])
    assert res.exit_code == 2


def test_explain_shows_where_meta_was_read(tmp_path: Path) -> None:
    f = tmp_path / "r.txt"
    f.write_text("青田县教育局2021年政府信息公开工作年度报告\n一、总体情况\n2021年，本局稳步推进。\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["parse", str(f), "--explain"])
    assert res.exit_code == 0
    assert "元数据来源" in res.stdout and "331121:教育局" in res.stdout and "title 第1行" in res.stdout


def test_html_site_name_and_office_source() -> None:
    html = ("<html><head><title>2021年政府信息公开工作年度报告_青田县人民政府</title>"
            "<meta name='SiteName' content='青田县人民政府'></head><body>"
            "<h1>2021年政府信息公开工作年度报告</h1><div>发布时间：2022-01-20 来源：县政府办</div>"
            "<div class='content'><p>一、总体情况</p><p>2021年，我县坚持以公开为常态，全县主动公开信息3000条。</p>"
            "</div></body></html>")
    m = extract(read_html(html)).meta
    assert (m.organization, m.body_kind, m.year) == ("青田县人民政府", "government", 2021)
    assert m.provenance["organization"].source in ("page:网站名称", "page:<title>")
    assert m.region is not None and m.region.code == "331121"


def test_html_department_page_on_a_county_site_keeps_the_department() -> None:
    html = ("<html><head><title>2021年政府信息公开工作年度报告_青田县人民政府</title>"
            "<meta name='SiteName' content='青田县人民政府'></head><body>"
            "<h1>2021年政府信息公开工作年度报告</h1><div>发布时间：2022-01-20 信息来源：青田县民政局</div>"
            "<div class='content'><p>一、总体情况</p><p>2021年，我局主动公开信息80条。</p></div></body></html>")
    m = extract(read_html(html)).meta
    assert (m.organization, m.body_kind) == ("青田县民政局", "department")


def test_parse_many_with_a_manifest_and_overrides_on_a_report_json(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("一、总体情况\n2021年，本局公开信息。\n", encoding="utf-8")
    (tmp_path / "m.csv").write_text("path,organization\na.txt,江西省教育厅\n", encoding="utf-8")
    [(path, report)] = list(nianbao.parse_many([a], load_manifest(tmp_path / "m.csv")))
    assert isinstance(report, nianbao.Report) and report.meta.organization == "江西省教育厅"
    j = tmp_path / "a.json"
    j.write_text(report.to_json(), encoding="utf-8")
    again = nianbao.load_report(j, {"organization": "南昌市人民政府", "year": "2021"})
    assert (again.meta.organization, again.meta.body_kind, again.meta.year) == ("南昌市人民政府", "government", 2021)
    assert again.meta.provenance["organization"].source == "override"


def test_report_json_round_trips_the_new_meta_keys() -> None:
    r = nianbao.parse_text("青田县教育局2021年政府信息公开工作年度报告\n一、总体情况\n2021年，本局稳步推进。\n")
    back = nianbao.Report.from_json(r.to_json())
    assert back.meta == r.meta
    data = json.loads(r.to_json())["meta"]
    for key in ("title", "organization", "body_kind", "year", "template", "published", "signed", "contact"):
        assert key in data  # the contract's keys are kept as they were
    assert {"region", "body_id", "organization_normalized", "provenance", "url"} <= set(data)


@pytest.mark.parametrize("text, organization, kind, place", [
    # a seal mark after the signature
    ("一、总体情况\n2021年，本局主动公开信息10条。\n祁东县市场监督管理局（盖章）\n2022年1月20日\n",
     "祁东县市场监督管理局", "department", "祁东县"),
    # 人民政府信息公开: 政府 belongs to both words
    ("吉水县人民政府信息公开工作年度报告\n报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n",
     "吉水县人民政府", "government", "吉水县"),
    # a sentence citing the prefecture's notice is no title, and 我市 is not the 州
    ("一、总体情况\n根据《中华人民共和国政府信息公开条例》和《红河州人民政府办公室关于做好2022年政府信息公开工作年度报告"
     "编制发布工作的通知》要求，编制本年度报告。2022年，我市持续深化政务公开，全市主动公开信息。本报告通过红河州人民政府"
     "门户网站和蒙自市人民政府门户网站全文公开。\n", "蒙自市人民政府", "government", "蒙自市"),
    # 关于印发《…》的通知 names the body inside the book-title marks; the office signs for the government
    ("关于印发《宁都县2021年政府信息公开工作年度报告》的通知\n各乡镇人民政府，县政府各部门：\n现将报告印发给你们。"
     "2021年，我县全县主动公开信息3000条。\n宁都县人民政府办公室\n2022年3月10日\n",
     "宁都县人民政府办公室", "government", "宁都县"),
])
def test_edge_phrasings(text: str, organization: str, kind: str, place: str) -> None:
    m = nianbao.parse_text(text).meta
    assert (m.organization, m.body_kind, m.region.place() if m.region else None) == (organization, kind, place)


_LINES = [ln for case in OPENINGS if "text" in case for ln in case["text"].splitlines() if ln.strip()]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_LINES), min_size=1, max_size=6), st.integers(0, 40))
def test_any_mix_of_lines_names_only_what_it_prints(lines: list[str], cut: int) -> None:
    text = "\n".join(lines)[cut:]
    m = nianbao.parse_text(text).meta
    assert m.organization is None or m.organization in nfkc(text)
    assert m.organization is None or not m.organization.startswith(("请", "通过", "以及", "对", "现", "根据"))
    if m.body_id is not None:
        assert m.region is not None and m.body_id.startswith(f"{m.region.code}:")


def test_year_conflict_on_an_html_page_title_against_the_publication_date() -> None:
    html = ("<html><head><title>x</title></head><body><h1>青田县教育局2021年政府信息公开工作年度报告</h1>"
            "<div>发布时间：2021-01-20</div><div class='content'><p>一、总体情况</p><p>本局稳步推进。</p></div></body></html>")
    r = extract(read_html(html))
    assert r.meta.provenance["year"].source == "page:title"
    hits = [f for f in r.findings if f.rule == "extract.year_conflict"]
    assert hits and "2020" in hits[0].message and "发布日期" in hits[0].message
