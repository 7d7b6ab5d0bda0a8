"""render: the official layouts (DOCX merged cells, fonts; valid HTML; Markdown), the fill-in
YAML, refusing tables that fail the arithmetic, and text/Markdown round trips."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import nianbao
from nianbao.api import load_data
from nianbao.checks import relation_errors
from nianbao.cli import app
from nianbao.errors import FillError
from nianbao.writers import render_bytes

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_YAML = ROOT / "examples" / "report_fill.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
runner = CliRunner()


def _yaml(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "r.yaml"
    p.write_text(text, encoding="utf-8")
    return p


SMALL_2019 = """
organization: 东阳县人民政府
year: 2020
applications:
  new_received: [3, 1, 0, 0, 0, 0, 4]
  granted: [2, 1, 0, 0, 0, 0, 3]
  other: [1, 0, 0, 0, 0, 0, 1]
  total: [3, 1, 0, 0, 0, 0, 4]
reviews_litigation:
  review: [1, 0, 0, 0, 1]
"""


# -- fill-in YAML ----------------------------------------------------------------------------

def test_example_yaml_loads_with_chinese_keys() -> None:
    r = load_data(EXAMPLE_YAML)
    assert r.meta.organization == "青山县统计局" and r.meta.year == 2023 and r.meta.template == "2021"
    rows = r.tables.applications.rows
    # six values given: 总计 is their sum (10+2+1)
    assert rows["new_received"] == {"natural_person": 10, "commercial_enterprise": 2, "research_institution": 0,
                                    "social_welfare_org": 0, "legal_service_org": 1, "other_org": 0, "total": 13}
    assert rows["withheld.third_party_rights"]["natural_person"] == 1
    assert rows["unavailable.not_held"]["total"] == 4
    assert rows["other.other"]["total"] == 0  # not listed: none
    assert r.tables.active_disclosure.items["art20_1"]["normative_documents"] == {"issued": 2, "repealed": 0,
                                                                                 "in_force": 15}
    assert r.tables.reviews_litigation.review.total == 1
    assert r.meta.contact.phone == "0791-8888888"
    assert [s.heading for s in r.sections][0] == "一、总体情况"
    assert relation_errors(r) == []


def test_english_keys_and_2019_template_by_year(tmp_path: Path) -> None:
    r = load_data(_yaml(tmp_path, SMALL_2019))
    assert r.meta.template == "2019" and r.meta.body_kind == "government"
    assert r.tables.applications.rows["other"]["total"] == 1
    assert "other.other" not in r.tables.applications.rows


@pytest.mark.parametrize("text, needle", [
    ("年度: 2023\n表三:\n  本年新收: [1, 2]\n", "应有7个数"),
    ("年度: 2023\n表三:\n  不存在的行: [1, 0, 0, 0, 0, 0]\n", "不存在的行"),
    ("年度: 2023\n表四:\n  行政裁决: [0, 0, 0, 0]\n", "行政裁决"),
    ("年度: 2023\n表二:\n  政府集中采购: [1, 2]\n", "政府集中采购"),  # a 2019 row in a 2021 report
    ("年度: 2023\n随便: 1\n", "随便"),
    ("年度: 2023\n表三:\n  予以公开: [1, 很多, 0, 0, 0, 0]\n", "不是数字"),
])
def test_fill_errors_name_the_key(tmp_path: Path, text: str, needle: str) -> None:
    with pytest.raises(FillError) as info:
        load_data(_yaml(tmp_path, text))
    assert needle in str(info.value) and "r.yaml" in str(info.value)


# -- DOCX --------------------------------------------------------------------------------------

def _tc_props(tc) -> tuple[int, str | None]:  # type: ignore[no-untyped-def]
    pr = tc.find(f"{W}tcPr")
    span = pr.find(f"{W}gridSpan") if pr is not None else None
    vm = pr.find(f"{W}vMerge") if pr is not None else None
    return (int(span.get(f"{W}val")) if span is not None else 1,
            None if vm is None else (vm.get(f"{W}val") or "continue"))


def _text(tc) -> str:  # type: ignore[no-untyped-def]
    return "".join(t.text or "" for t in tc.iter(f"{W}t"))


def test_docx_has_official_merged_cells_and_fonts(tmp_path: Path) -> None:
    import docx

    out = tmp_path / "r.docx"
    out.write_bytes(render_bytes(load_data(EXAMPLE_YAML), "docx"))
    d = docx.Document(str(out))
    sec = d.sections[0]
    assert (round(sec.page_width.cm, 1), round(sec.page_height.cm, 1)) == (21.0, 29.7)
    title_run = d.paragraphs[0].runs[0]
    assert title_run._element.rPr.rFonts.get(f"{W}eastAsia") == "方正小标宋简体"
    heading = next(p for p in d.paragraphs if p.text == "一、总体情况")
    assert heading.runs[0]._element.rPr.rFonts.get(f"{W}eastAsia") == "黑体"
    body = next(p for p in d.paragraphs if p.text.startswith("（一）主动公开"))
    assert body.runs[0]._element.rPr.rFonts.get(f"{W}eastAsia") == "仿宋_GB2312"

    t3 = next(t for t in d.tables if "勾稽关系" in _text(t._tbl))
    rows = t3._tbl.findall(f"{W}tr")
    r0 = rows[0].findall(f"{W}tc")
    assert "勾稽关系" in _text(r0[0]) and _tc_props(r0[0]) == (3, "restart")  # 3 columns x 3 rows
    assert _text(r0[1]) == "申请人情况" and _tc_props(r0[1])[0] == 7
    r1 = rows[1].findall(f"{W}tc")
    assert _tc_props(r1[0]) == (3, "continue")
    assert [_text(tc) for tc in r1[1:]] == ["自然人", "法人或其他组织", "总计"]
    assert _tc_props(r1[2])[0] == 5 and _tc_props(r1[1]) == (1, "restart") and _tc_props(r1[3]) == (1, "restart")
    r2 = rows[2].findall(f"{W}tc")
    assert [_text(tc) for tc in r2[2:7]] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    # 三、本年度办理结果 spans every outcome row and (七)总计: 2 + 8 + 3 + 5 + 3 (2021) + 1 rows
    r5 = rows[5].findall(f"{W}tc")
    assert _text(r5[0]) == "三、本年度办理结果" and _tc_props(r5[0]) == (1, "restart")
    assert _text(r5[1]) == "（一）予以公开" and _tc_props(r5[1])[0] == 2
    continued = sum(1 for tr in rows[6:] if _tc_props(tr.findall(f"{W}tc")[0]) == (1, "continue"))
    assert continued == 21  # 21 outcome rows of 2021 + (七)总计, the first one starting the span
    withheld = rows[7].findall(f"{W}tc")
    assert _text(withheld[1]) == "（三）不予公开" and _tc_props(withheld[1]) == (1, "restart")
    assert _text(withheld[2]) == "1.属于国家秘密"
    assert _text(rows[-1].findall(f"{W}tc")[0]) == "四、结转下年度继续办理"
    assert len(rows) == 3 + 2 + 22 + 1

    t4 = next(t for t in d.tables if _text(t._tbl.findall(f"{W}tr")[0]).startswith("行政复议"))
    rows4 = t4._tbl.findall(f"{W}tr")
    h0 = rows4[0].findall(f"{W}tc")
    assert [(_text(tc), _tc_props(tc)[0]) for tc in h0] == [("行政复议", 5), ("行政诉讼", 10)]
    h1 = rows4[1].findall(f"{W}tc")
    assert _tc_props(h1[0]) == (1, "restart") and [_text(tc) for tc in h1[5:]] == ["未经复议直接起诉", "复议后起诉"]
    assert len(rows4[3].findall(f"{W}tc")) == 15

    t2 = [t for t in d.tables if _text(t._tbl).startswith("第二十条")]
    assert [_text(t._tbl.findall(f"{W}tr")[0]) for t in t2] == [
        "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    assert _tc_props(t2[0]._tbl.findall(f"{W}tr")[0].findall(f"{W}tc")[0])[0] == 4  # caption spans the table


def test_docx_is_deterministic() -> None:
    r = load_data(EXAMPLE_YAML)
    assert render_bytes(r, "docx") == render_bytes(r, "docx")


def test_docx_round_trip_when_reader_present(tmp_path: Path) -> None:
    pytest.importorskip("nianbao.readers.docx")
    r = load_data(EXAMPLE_YAML)
    out = tmp_path / "r.docx"
    out.write_bytes(render_bytes(r, "docx"))
    back = nianbao.parse(out)
    assert back.tables.model_dump() == r.tables.model_dump()
    assert back.meta.organization == "青山县统计局" and back.meta.year == 2023


# -- HTML / Markdown / text -----------------------------------------------------------------------

def test_html_is_valid_html5() -> None:
    html5lib = pytest.importorskip("html5lib")
    for source in (EXAMPLE_YAML, ROOT / "examples" / "linchuan_2023.txt"):
        text = render_bytes(load_data(source), "html").decode("utf-8")
        html5lib.HTMLParser(strict=True).parse(text)  # raises on any parse error
        assert text.count("<table") >= 6 and 'rowspan="3" colspan="3"' in text


def test_html_round_trip_when_reader_present(tmp_path: Path) -> None:
    pytest.importorskip("nianbao.readers.html")
    r = load_data(EXAMPLE_YAML)
    out = tmp_path / "r.html"
    out.write_bytes(render_bytes(r, "html"))
    assert nianbao.parse(out).tables.model_dump() == r.tables.model_dump()


@pytest.mark.parametrize("fmt, suffix", [("md", ".md"), ("text", ".txt")])
def test_markdown_and_text_round_trip(tmp_path: Path, fmt: str, suffix: str) -> None:
    for source in (EXAMPLE_YAML, ROOT / "examples" / "linchuan_2023.txt"):
        r = load_data(source)
        out = tmp_path / f"r{suffix}"
        out.write_bytes(render_bytes(r, fmt))
        back = nianbao.parse(out)
        assert back.tables.model_dump() == r.tables.model_dump(), source.name
        assert back.meta.year == r.meta.year and back.meta.organization == r.meta.organization


# -- the command --------------------------------------------------------------------------------

def test_render_refuses_wrong_arithmetic_and_names_cells(tmp_path: Path) -> None:
    bad = EXAMPLE_YAML.read_text(encoding="utf-8").replace("予以公开: [5, 1, 0, 0, 1, 0]",
                                                            "予以公开: [6, 1, 0, 0, 1, 0]")
    src = _yaml(tmp_path, bad)
    out = tmp_path / "out.docx"
    res = runner.invoke(app, ["render", str(src), "-o", str(out)])
    assert res.exit_code == 1 and not out.exists()
    assert "applications.total.natural_person" in res.output.replace("\n", "")
    res = runner.invoke(app, ["render", str(src), "-o", str(out), "--allow-errors"])
    assert res.exit_code == 0 and out.exists()


def test_render_template_follows_year_unless_told(tmp_path: Path) -> None:
    src = _yaml(tmp_path, SMALL_2019.replace("year: 2020", "year: 2022"))
    out = tmp_path / "o.html"
    res = runner.invoke(app, ["render", str(src), "-o", str(out)])
    assert res.exit_code == 2 and "--template 2019" in res.output  # 2019 rows, 2022 requires 2021
    res = runner.invoke(app, ["render", str(src), "-o", str(out), "--template", "2019"])
    assert res.exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "（六）其他处理" in html and "申请人逾期未按收费通知要求缴纳费用" not in html


def test_render_bad_inputs(tmp_path: Path) -> None:
    res = runner.invoke(app, ["render", str(tmp_path / "missing.yaml"), "-o", str(tmp_path / "x.docx")])
    assert res.exit_code == 2 and "missing.yaml" in res.output
    res = runner.invoke(app, ["render", str(EXAMPLE_YAML), "-o", str(tmp_path / "x.rtf")])
    assert res.exit_code == 2


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_render_pdf_has_text_layer(tmp_path: Path) -> None:
    import pdfplumber

    out = tmp_path / "r.pdf"
    res = runner.invoke(app, ["render", str(EXAMPLE_YAML), "-o", str(out)])
    assert res.exit_code == 0, res.output
    with pdfplumber.open(out) as pdf:
        text = "".join((p.extract_text() or "") for p in pdf.pages).replace(" ", "")
    assert "青山县统计局2023年政府信息公开工作" in text.replace("\n", "") and "结转下年度继续办理" in text
