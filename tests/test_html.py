"""HTML reader: hand-made pages in the styles of government content systems.

The fixtures in tests/fixtures/html/ were written for these tests (make_fixtures.py there
expands the repetitive table rows). Every expected value below is typed here from the
report each page prints, not read back from the parser.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import nianbao
from nianbao.document import Grid, ImageRef, Paragraph
from nianbao.errors import ReadError
from nianbao.readers import read
from nianbao.readers.decode import decode_bytes
from nianbao.readers.html import read_html

FIX = Path(__file__).resolve().parent / "fixtures" / "html"

APP_KEYS_2019 = [
    "new_received", "carried_over", "granted", "partially_granted",
    "withheld.state_secret", "withheld.prohibited_by_law", "withheld.security_stability",
    "withheld.third_party_rights", "withheld.internal_affairs", "withheld.process_information",
    "withheld.enforcement_file", "withheld.administrative_query",
    "unavailable.not_held", "unavailable.needs_creation", "unavailable.unclear_after_correction",
    "not_processed.complaint", "not_processed.duplicate", "not_processed.publication",
    "not_processed.excessive", "not_processed.confirmation", "other", "total", "carried_forward",
]
APP_KEYS_2021 = APP_KEYS_2019[:20] + ["other.no_correction", "other.fee_unpaid", "other.other", "total",
                                      "carried_forward"]
COLS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org", "total"]
Z = "0 0 0 0 0 0 0"

# 表三 as printed, one line per row (自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计)
COUNTY_2021_APPS = """
41 5 0 1 2 0 49
3 0 0 0 0 0 3
20 2 0 1 1 0 24
6 1 0 0 0 0 7
0 0 0 0 0 0 0
1 0 0 0 0 0 1
0 0 0 0 0 0 0
2 0 0 0 0 0 2
0 0 0 0 0 0 0
1 0 0 0 0 0 1
0 0 0 0 0 0 0
0 0 0 0 0 0 0
7 1 0 0 1 0 9
2 0 0 0 0 0 2
1 0 0 0 0 0 1
0 0 0 0 0 0 0
1 0 0 0 0 0 1
0 0 0 0 0 0 0
0 0 0 0 0 0 0
0 0 0 0 0 0 0
0 0 0 0 0 0 0
0 0 0 0 0 0 0
1 0 0 0 0 0 1
42 4 0 1 2 0 49
2 1 0 0 0 0 3
"""
COUNTY_2021 = {
    "active": {"art20_1": {"rules": {"issued": 0, "repealed": 0, "in_force": 0},
                           "normative_documents": {"issued": 4, "repealed": 1, "in_force": 23}},
               "art20_5": {"licensing": {"decisions": 1532}},
               "art20_6": {"penalty": {"decisions": 86}, "coercion": {"decisions": 3}},
               "art20_8": {"fees": {"amount": 27.5}}},
    "apps": ("2021", COUNTY_2021_APPS),
    "reviews": {"review": [2, 1, 0, 0, 3], "litigation_direct": [1, 0, 0, 1, 2],
                "litigation_after_review": [0, 0, 0, 0, 0]},
}

DEPT_2019_APPS = """
17 2 1 0 0 0 20
1 0 0 0 0 0 1
9 1 1 0 0 0 11
2 0 0 0 0 0 2
0 0 0 0 0 0 0
0 0 0 0 0 0 0
0 0 0 0 0 0 0
1 0 0 0 0 0 1
0 0 0 0 0 0 0
0 0 0 0 0 0 0
0 0 0 0 0 0 0
0 0 0 0 0 0 0
3 1 0 0 0 0 4
0 0 0 0 0 0 0
1 0 0 0 0 0 1
0 0 0 0 0 0 0
1 0 0 0 0 0 1
0 0 0 0 0 0 0
0 0 0 0 0 0 0
0 0 0 0 0 0 0
0 0 0 0 0 0 0
17 2 1 0 0 0 20
1 0 0 0 0 0 1
"""
DEPT_2019 = {
    "active": {"art20_1": {"rules": {"new_made": 0, "new_published": 0, "total_published": 0},
                           "normative_documents": {"new_made": 6, "new_published": 6, "total_published": 38}},
               "art20_5": {"licensing": {"previous": 12, "change": 2, "decisions": 348},
                           "other_services": {"previous": 5, "change": 0, "decisions": 61}},
               "art20_6": {"penalty": {"previous": 9, "change": -1, "decisions": 120},
                           "coercion": {"previous": 2, "change": 0, "decisions": 4}},
               "art20_8": {"fees": {"previous": 3, "change": 0}},
               "art20_9": {"procurement": {"projects": 14, "amount": 1285600}}},
    "apps": ("2019", DEPT_2019_APPS),
    "reviews": {"review": [1, 0, 0, 0, 1], "litigation_direct": [0, 0, 0, 0, 0],
                "litigation_after_review": [0, 0, 0, 0, 0]},
}

# a township: 3 new requests, 2 granted, 1 not held; nothing else
TOWN_2021_APPS = "\n".join(["3 0 0 0 0 0 3", Z, "2 0 0 0 0 0 2"] + [Z] * 9 + ["1 0 0 0 0 0 1"] + [Z] * 10
                           + ["3 0 0 0 0 0 3", Z])
TOWN_2021 = {
    "active": {"art20_1": {"rules": {"issued": 0, "repealed": 0, "in_force": 0},
                           "normative_documents": {"issued": 0, "repealed": 0, "in_force": 2}},
               "art20_5": {"licensing": {"decisions": 45}},
               "art20_6": {"penalty": {"decisions": 0}, "coercion": {"decisions": 0}},
               "art20_8": {"fees": {"amount": 0}}},
    "apps": ("2021", TOWN_2021_APPS),
    "reviews": {"review": [0] * 5, "litigation_direct": [0] * 5, "litigation_after_review": [0] * 5},
}
TOWN_2019_APPS = "\n".join(["3 0 0 0 0 0 3", Z, "2 0 0 0 0 0 2"] + [Z] * 9 + ["1 0 0 0 0 0 1"] + [Z] * 8
                           + ["3 0 0 0 0 0 3", Z])
TOWN_2019 = {
    "active": {"art20_1": {"rules": {"new_made": 0, "new_published": 0, "total_published": 0},
                           "normative_documents": {"new_made": 1, "new_published": 1, "total_published": 5}},
               "art20_5": {"licensing": {"previous": 8, "change": -3, "decisions": 40},
                           "other_services": {"previous": 2, "change": -2, "decisions": 0}},
               "art20_6": {"penalty": {"previous": 0, "change": 0, "decisions": 0},
                           "coercion": {"previous": 0, "change": 0, "decisions": 0}},
               "art20_8": {"fees": {"previous": 0, "change": 0}},
               "art20_9": {"procurement": {"projects": 2, "amount": 56000}}},
    "apps": ("2019", TOWN_2019_APPS),
    "reviews": {"review": [0] * 5, "litigation_direct": [0] * 5, "litigation_after_review": [0] * 5},
}

GOV, DEPT, TOWN = "government", "department", "township"

# file -> (title, organization, body_kind, year, template, published, signed, tables, page_meta subset)
CASES: dict[str, tuple] = {
    "01_trs_county_2021.html": ("青松县人民政府2022年政府信息公开工作年度报告", "青松县人民政府", GOV, 2022, "2021",
                                "2023-01-20", "2023-01-18", COUNTY_2021,
                                {"索引号": "11000000X/2023-00012", "发布机构": "青松县人民政府",
                                 "成文日期": "2023-01-18", "发文日期": "2023-01-20", "有效性": "有效",
                                 "来源": "青松县人民政府办公室"}),
    "02_gbk_department_2019.html": ("云溪市交通运输局2020年政府信息公开工作年度报告", "云溪市交通运输局", DEPT, 2020,
                                    "2019", "2021-01-28", "2021-01-26", DEPT_2019,
                                    {"索引号": "YX-JT-2021-0007", "发布机构": "云溪市交通运输局",
                                     "发布日期": "2021年01月28日"}),
    "03_image_tables.html": ("青松县教育局2022年政府信息公开工作年度报告", "青松县教育局", DEPT, 2022, "2021",
                             "2023-01-31", "2023-01-30", None, {"发布时间": "2023-01-31", "来源": "青松县教育局"}),
    "04_split_tables.html": ("白鹭区人民政府2022年政府信息公开工作年度报告", "白鹭区人民政府", GOV, 2022, "2021",
                             "2023-01-17", "2023-01-16", COUNTY_2021, {"来源": "白鹭区政府办"}),
    "05_layout_table_township.html": ("柳林镇人民政府2022年政府信息公开工作年度报告", "柳林镇人民政府", TOWN, 2022,
                                      "2021", "2023-01-13", "2023-01-12", TOWN_2021, {"发布日期": "2023年1月13日"}),
    "06_nested_tables.html": ("云溪市生态环境局2020年政府信息公开工作年度报告", "云溪市生态环境局", DEPT, 2020, "2019",
                              "2021-01-29", "2021-01-29", DEPT_2019, {"信息来源": "云溪市生态环境局"}),
    "07_repeated_header.html": ("青松县发展和改革局2022年政府信息公开工作年度报告", "青松县发展和改革局", DEPT, 2022,
                                "2021", "2023-01-21", "2023-01-20", COUNTY_2021,
                                {"发布机构": "青松县发展和改革局"}),
    "08_gbk_undeclared.html": ("石桥镇人民政府2022年政府信息公开工作年度报告", "石桥镇人民政府", TOWN, 2022, "2021",
                               "2023-01-11", "2023-01-10", TOWN_2021, {"发布时间": "2023-01-11"}),
    "09_wrong_declaration.html": ("2022年政府信息公开工作年度报告", "枫林街道办事处", TOWN, 2022, "2021",
                                  "2023-01-10", None, TOWN_2021, {"发布机构": "枫林街道办事处"}),
    "10_http_header_gbk.html": ("云溪市自然资源局2020年政府信息公开工作年度报告", "云溪市自然资源局", DEPT, 2020,
                                "2019", "2021-01-28", "2021-01-27", DEPT_2019, {"发布时间": "2021-01-28"}),
    "11_div_soup_br.html": ("红岭县人民政府2022年政府信息公开工作年度报告", "红岭县人民政府", GOV, 2022, "2021",
                            "2023-01-20", "2023-01-19", COUNTY_2021,
                            {"索引号": "HL-2023-001", "发布机构": "红岭县人民政府办公室", "发布时间": "2023-01-20"}),
    "12_word_export_2019.html": ("云溪市审计局2019年政府信息公开工作年度报告", "云溪市审计局", DEPT, 2019, "2019",
                                 "2020-01-20", "2020-01-20", DEPT_2019, {}),
    "13_caption_rows_th.html": ("梅岭乡人民政府2021年政府信息公开工作年度报告", "梅岭乡人民政府", TOWN, 2021, "2021",
                                "2022-01-15", "2022-01-14", TOWN_2021, {"发布日期": "2022-01-15"}),
    "14_header_comment_gb18030.html": ("青松县卫生健康委员会2022年政府信息公开工作年度报告", "青松县卫生健康委员会",
                                       DEPT, 2022, "2021", "2023-01-26", "2023-01-25", COUNTY_2021,
                                       {"来源": "县卫健委"}),
    "15_partial_image.html": ("桃源街道办事处2023年政府信息公开工作年度报告", "桃源街道办事处", TOWN, 2023, "2021",
                              "2024-01-16", "2024-01-15", "partial", {"发布时间": "2024-01-16"}),
    "16_township_2019_signed.html": ("东湖乡人民政府2019年政府信息公开工作年度报告", "东湖乡人民政府", TOWN, 2019,
                                     "2019", "2020-01-16", "2020-01-16", TOWN_2019,
                                     {"发文机关": "东湖乡人民政府", "成文日期": "2020年01月16日"}),
}

_CACHE: dict[str, object] = {}


def parsed(name: str) -> nianbao.Report:
    if name not in _CACHE:
        _CACHE[name] = nianbao.parse(FIX / name)
    return _CACHE[name]  # type: ignore[return-value]


def test_at_least_fifteen_fixtures() -> None:
    assert len(list(FIX.glob("*.html"))) >= 15
    assert set(CASES) <= {p.name for p in FIX.glob("*.html")}


@pytest.mark.parametrize("name", sorted(CASES))
def test_meta(name: str) -> None:
    title, org, kind, year, template, published, signed, _, _ = CASES[name]
    r = parsed(name)
    assert r.source.format == "html"
    assert r.meta.title == title
    assert r.meta.organization == org
    assert r.meta.body_kind == kind
    assert r.meta.year == year
    assert r.meta.template == template
    assert r.meta.published == (dt.date.fromisoformat(published) if published else None)
    assert r.meta.signed == (dt.date.fromisoformat(signed) if signed else None)


@pytest.mark.parametrize("name", sorted(CASES))
def test_page_meta_and_title(name: str) -> None:
    title, *_, page_meta = CASES[name]
    doc = read(FIX / name)
    for key, value in page_meta.items():
        assert doc.page_meta.get(key) == value, (key, doc.page_meta)
    assert doc.page_title == title


@pytest.mark.parametrize("name", sorted(CASES))
def test_sections_present_and_no_page_furniture(name: str) -> None:
    r = parsed(name)
    assert [s.present for s in r.sections] == [True] * 6
    assert r.sections[0].heading == "一、总体情况"
    assert r.sections[3].heading == "四、政府信息公开行政复议、行政诉讼情况"
    doc = read(FIX / name)
    text = "\n".join(p.text for p in doc.paragraphs())
    for junk in ("当前位置", "您现在的位置", "栏目1", "频道3", "相关文章", "版权所有", "打印", "关闭", "字体",
                 "微信", "网站标识码", "乡镇动态", "浏览次数", "点击数", "var _hmt", "索引号"):
        assert junk not in text, junk
    assert not any("\ufffd" in p.text for p in doc.paragraphs())


def _apps_expected(version: str, block: str) -> dict[str, dict[str, int]]:
    keys = APP_KEYS_2019 if version == "2019" else APP_KEYS_2021
    lines = [ln.split() for ln in block.strip().splitlines()]
    assert len(lines) == len(keys)
    return {k: dict(zip(COLS, map(int, vals), strict=True)) for k, vals in zip(keys, lines, strict=True)}


@pytest.mark.parametrize("name", sorted(n for n, c in CASES.items() if isinstance(c[7], dict)))
def test_every_table_value(name: str) -> None:
    exp = CASES[name][7]
    r = parsed(name)
    t = r.tables
    assert t.active_disclosure is not None and t.applications is not None and t.reviews_litigation is not None
    assert t.active_disclosure.items == exp["active"]
    assert t.applications.rows == _apps_expected(*exp["apps"])
    for group, values in exp["reviews"].items():
        g = getattr(t.reviews_litigation, group)
        assert [g.upheld, g.corrected, g.other, g.pending, g.total] == values, group
    assert not [f for f in r.findings if f.rule.startswith("extract.")], r.findings


def test_values_carry_html_provenance() -> None:
    r = parsed("01_trs_county_2021.html")
    p = r.provenance["applications.granted.total"]
    # tables of the page: the 索引号 table, 表二, 表三, 表四; (一)予以公开 is row 5 (3 header rows,
    # 2 rows above); 总计 is column 9 (3 label columns + 6 values before it)
    assert (p.table, p.row, p.col, p.text) == (2, 5, 9, "24")
    p = r.provenance["reviews_litigation.litigation_direct.total"]
    assert (p.table, p.row, p.col, p.text) == (3, 3, 9, "2")
    assert p.line is not None


def test_image_tables_are_findings_and_null() -> None:
    r = parsed("03_image_tables.html")
    assert r.tables.active_disclosure is None
    assert r.tables.applications is None
    assert r.tables.reviews_litigation is None
    images = {f.cells[0]: f.evidence for f in r.findings if f.rule == "extract.table_image"}
    assert images == {"active_disclosure": "/u/cms/www/202301/b2_a1f3.png",
                      "applications": "/u/cms/www/202301/b3_77c0.jpg",
                      "reviews_litigation": "/u/cms/www/202301/b4_9e12.png"}
    missing = {f.cells[0] for f in r.findings if f.rule == "extract.table_missing"}
    assert missing == {"active_disclosure", "applications", "reviews_litigation"}
    doc = read(FIX / "03_image_tables.html")
    refs = [b for b in doc.blocks if isinstance(b, ImageRef)]
    assert [(i.src, i.alt) for i in refs] == [("/u/cms/www/202301/b2_a1f3.png", "主动公开政府信息情况"),
                                             ("/u/cms/www/202301/b3_77c0.jpg", "收到和处理政府信息公开申请情况"),
                                             ("/u/cms/www/202301/b4_9e12.png", "")]


def test_partial_image_table() -> None:
    r = parsed("15_partial_image.html")
    assert r.tables.applications is None
    assert r.tables.active_disclosure is not None
    assert r.tables.active_disclosure.items == TOWN_2021["active"]
    assert r.tables.reviews_litigation is not None and r.tables.reviews_litigation.review.total == 0
    found = [(f.rule, f.cells, f.evidence) for f in r.findings if f.rule == "extract.table_image"]
    assert found == [("extract.table_image", ["applications"], "/upload/2024/01/taoyuan_b3.png")]


# ---------------------------------------------------------------------------------------------
# reader mechanics on small pages


def _grids(html: str) -> list[Grid]:
    return read_html(html).grids()


def test_rowspan_colspan_expansion_and_merged_copies() -> None:
    page = """<html><body><div class="content"><p>说明文字说明文字</p><table>
      <tr><td rowspan="3" colspan="2">A</td><td colspan="2">B</td></tr>
      <tr><td rowspan="2">C</td><td>D</td></tr>
      <tr><td>E</td></tr>
      <tr><td>1</td><td></td><td>3</td><td>4</td></tr>
    </table></div></body></html>"""
    (g,) = _grids(page)
    texts = [[c.text for c in row] for row in g.rows]
    assert texts == [["A", "A", "B", "B"], ["A", "A", "C", "D"], ["A", "A", "C", "E"], ["1", "", "3", "4"]]
    merged = [[c.merged for c in row] for row in g.rows]
    assert merged == [[False, True, False, True], [True, True, False, False], [True, True, True, False],
                      [False, False, False, False]]
    e = g.rows[2][3]
    assert (e.pos.table, e.pos.row, e.pos.col) == (0, 2, 3)


def test_cell_text_joins_br_p_span_nbsp() -> None:
    page = """<html><body><table>
      <tr><td><p><span>（二）部分公开</span></p><p>（区分处理的，只计这一情形，<br>不计其他情形）</p></td>
          <td>&nbsp;<span style="font-family:宋体">1</span>&nbsp;</td><td>&nbsp;</td></tr>
      <tr><td>Total<br>count</td><td>2</td><td>3</td></tr>
    </table></body></html>"""
    (g,) = _grids(page)
    assert [c.text for c in g.rows[0]] == ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "1", ""]
    assert g.rows[1][0].text == "Total count"


def test_nested_and_layout_tables() -> None:
    long = "我局认真贯彻落实条例要求，" * 20
    page = f"""<html><body><table><tr><td>
        <p>一、总体情况</p><p>{long}</p>
        <table><tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr></table>
      </td></tr></table></body></html>"""
    doc = read_html(page)
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Paragraph", "Paragraph", "Grid"]
    assert doc.blocks[0].text == "一、总体情况"  # type: ignore[union-attr]
    (g,) = doc.grids()
    assert [c.text for c in g.rows[0]] == ["规章", "0", "0", "0"]
    assert g.pos.table == 1  # the layout table is table 0


def test_single_column_table_is_text() -> None:
    page = """<html><body><table><tr><td>一、总体情况</td></tr><tr><td>全年主动公开信息100条。</td></tr>
              </table></body></html>"""
    doc = read_html(page)
    assert [type(b) for b in doc.blocks] == [Paragraph, Paragraph]


def test_br_lines_become_paragraphs() -> None:
    doc = read_html("<html><body><div>一、总体情况<br>全年公开信息<b>120</b>条。<br/><br>二、主动公开政府信息情况</div>"
                    "</body></html>")
    assert [p.text for p in doc.paragraphs()] == ["一、总体情况", "全年公开信息120条。", "二、主动公开政府信息情况"]


def test_empty_page_is_a_read_error(tmp_path: Path) -> None:
    p = tmp_path / "empty.html"
    p.write_bytes(b"   \n  ")
    with pytest.raises(ReadError):
        read(p)
    q = tmp_path / "blank.html"
    q.write_text("<html><body></body></html>", encoding="utf-8")
    r = nianbao.parse(q)  # readable but empty: a report full of findings, not a crash
    assert r.tables.applications is None
    assert any(f.rule == "extract.section_missing" for f in r.findings)


# ---------------------------------------------------------------------------------------------
# encodings


def test_gbk_variants_decode_without_mojibake() -> None:
    for name in ("02_gbk_department_2019.html", "08_gbk_undeclared.html", "10_http_header_gbk.html",
                 "14_header_comment_gb18030.html", "09_wrong_declaration.html"):
        data = (FIX / name).read_bytes()
        text, notes = decode_bytes(data)
        assert "政府信息公开工作年度报告" in text, name
        assert "\ufffd" not in text and not notes, name
    raw = (FIX / "08_gbk_undeclared.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the fixture really is GBK


def test_wrong_big5_declaration_is_overruled() -> None:
    body = "<p>本年新收政府信息公开申请数量，主动公开政府信息情况，行政复议、行政诉讼情况。</p>"
    data = ('<html><head><meta charset="big5"></head><body>' + body + "</body></html>").encode("gbk")
    text, _ = decode_bytes(data)
    assert "本年新收政府信息公开申请数量" in text


def test_http_header_block_is_not_text() -> None:
    doc = read(FIX / "10_http_header_gbk.html")
    text = doc.plain_text()
    assert "HTTP/1.1" not in text and "Content-Length" not in text and "nginx" not in text
