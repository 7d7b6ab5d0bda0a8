"""DOCX reader: fixtures built with python-docx in the test (merged cells, nested tables, a text
box, automatic numbering), the made-up report of tests/fixtures/pdf/report.py as a Word file, the
five seeds rendered to DOCX, and bad files (zip bomb, thousands of tables, not a Word file, .doc)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

import nianbao
from fixtures.pdf.report import (
    ACTIVE,
    APPLICATIONS,
    INTRO,
    REVIEWS,
    TITLE_1,
    TITLE_2,
    active_rows,
    application_rows,
    review_rows,
)
from nianbao.document import Grid, Paragraph
from nianbao.errors import ReadError
from nianbao.readers import read, read_text

WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def add_table(d, rows) -> None:  # type: ignore[no-untyped-def]
    """rows: list of lists of TCell|None (None = covered by a span), merged with cell.merge."""
    ncols = len(rows[0])
    t = d.add_table(rows=len(rows), cols=ncols)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            target = t.cell(r, c)
            if cell.rowspan > 1 or cell.colspan > 1:
                target = target.merge(t.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
            target.text = cell.text
    return t


def report_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph(TITLE_1)
    d.add_paragraph(TITLE_2)
    d.add_paragraph(INTRO)
    d.add_paragraph("一、总体情况")
    d.add_paragraph("全年主动公开政府信息1234条。")
    d.add_paragraph("二、主动公开政府信息情况")
    add_table(d, active_rows())
    d.add_paragraph("三、收到和处理政府信息公开申请情况")
    add_table(d, application_rows())
    d.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    add_table(d, review_rows())
    d.add_paragraph("五、存在的主要问题及改进情况")
    d.add_paragraph("六、其他需要报告的事项")
    d.save(path)
    return path


def test_report_docx_values(tmp_path: Path) -> None:
    r = nianbao.parse(report_docx(tmp_path / "r.docx")).model_dump(mode="json")
    assert r["source"]["format"] == "docx"
    assert r["tables"]["applications"]["rows"] == APPLICATIONS
    assert r["tables"]["reviews_litigation"] == REVIEWS
    assert r["tables"]["active_disclosure"]["items"] == ACTIVE
    assert r["meta"]["title"] == "青禾县人民政府2023年政府信息公开工作年度报告"
    assert [f["message"] for f in r["findings"] if f["rule"].startswith("extract.")] == []
    prov = r["provenance"]["applications.granted.total"]
    assert prov["table"] == 1 and prov["text"] == str(APPLICATIONS["granted"]["total"])


def test_body_order_merged_cells_nested_table_text_box(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("第一段")
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "横向合并"
    t.cell(1, 0).merge(t.cell(2, 0)).text = "纵向合并"
    t.cell(1, 1).text = "1"
    t.cell(2, 2).text = "3"
    inner = t.cell(1, 2).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内表"
    inner.cell(0, 1).text = "9"
    p = d.add_paragraph("带文本框的段落")
    box = parse_xml(
        f'<w:r {nsdecls("w", "a", "wp")} {WPS}><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        '<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框里的字</w:t></w:r></w:p>'
        '</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>')
    p._p.append(box)
    d.add_paragraph("末段")
    d.save(tmp_path / "x.docx")
    doc = read(tmp_path / "x.docx")
    kinds = [(type(b).__name__, b.text if isinstance(b, Paragraph) else None) for b in doc.blocks]
    assert kinds == [("Paragraph", "第一段"), ("Grid", None), ("Grid", None), ("Grid", None),
                     ("Paragraph", "带文本框的段落"), ("Paragraph", "文本框里的字"), ("Paragraph", "末段")]
    outer1, nested, outer2 = doc.grids()
    assert [(c.text, c.merged) for c in outer1.rows[0]] == [("横向合并", False), ("", True), ("", True)]
    assert [(c.text, c.merged) for c in outer1.rows[1]] == [("纵向合并", False), ("1", False), ("", False)]
    assert [[c.text for c in r] for r in nested.rows] == [["内表", "9"]]
    assert [(c.text, c.merged) for c in outer2.rows[0]] == [("", True), ("", False), ("3", False)]
    assert outer2.rows[0][2].pos.row == 2 and outer2.rows[0][2].pos.table == 0


def test_automatic_numbering_is_drawn(tmp_path: Path) -> None:
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="7">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>'
        '</w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="7"><w:abstractNumId w:val="7"/></w:num>'))
    for text, level in [("总体情况", 0), ("主动公开情况", 1), ("依申请公开情况", 1), ("主动公开政府信息情况", 0)]:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="7"/></w:numPr>'))
    d.add_paragraph("3.已写在文字里的编号")
    d.save(tmp_path / "n.docx")
    texts = [b.text for b in read(tmp_path / "n.docx").blocks]
    assert texts == ["一、总体情况", "（一）主动公开情况", "（二）依申请公开情况", "二、主动公开政府信息情况",
                     "3.已写在文字里的编号"]


def render_docx(text: str, path: Path) -> Path:
    d = docx.Document()
    for block in read_text(text).blocks:
        if isinstance(block, Paragraph):
            d.add_paragraph(block.text)
        elif isinstance(block, Grid):
            ncols = max(len(r) for r in block.rows)
            t = d.add_table(rows=len(block.rows), cols=ncols)
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = cell.text
    d.save(path)
    return path


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed folder not found")
@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else [], ids=lambda p: p.name[:3])
def test_seed_docx_parses_like_its_text(seed: Path, tmp_path: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    keys = ("title", "organization", "body_kind", "year", "template", "published", "signed")
    want = nianbao.parse_text(text).model_dump(mode="json")
    got = nianbao.parse(render_docx(text, tmp_path / "seed.docx")).model_dump(mode="json")
    assert {k: got["meta"][k] for k in keys} == {k: want["meta"][k] for k in keys}
    assert got["tables"] == want["tables"]
    assert got["figures"] == want["figures"]
    assert [s["present"] for s in got["sections"]] == [s["present"] for s in want["sections"]]


# --------------------------------------------------------------------------- bad files


def test_zip_bomb_is_refused_before_reading(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(120):  # 120 MB of zeros, ~120 KB compressed
                fh.write(chunk)
    path = tmp_path / "bomb.docx"
    path.write_bytes(buf.getvalue())
    assert path.stat().st_size < 2_000_000
    with pytest.raises(ReadError) as exc:
        read(path)
    assert "压缩炸弹" in exc.value.reason or "过大" in exc.value.reason


def test_thousands_of_tables_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from nianbao.readers import docx as docx_reader

    monkeypatch.setattr(docx_reader, "MAX_TABLES", 50)
    d = docx.Document()
    body = d.element.body
    tbl = '<w:tbl {}><w:tr><w:tc><w:p><w:r><w:t>规章</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p>' \
          '</w:tc></w:tr></w:tbl>'.format(nsdecls("w"))
    for _ in range(2000):
        body.append(parse_xml(tbl))
    d.save(tmp_path / "many.docx")
    doc = read(tmp_path / "many.docx")
    assert len(doc.grids()) == 50
    assert any("表格过多" in n.message for n in doc.notes)
    report = nianbao.parse(tmp_path / "many.docx")
    assert any("表格过多" in f.message for f in report.findings)


@pytest.mark.parametrize("case", ["truncated", "not a word file", "xlsx"])
def test_bad_docx_gives_a_clear_error(tmp_path: Path, case: str) -> None:
    path = tmp_path / "bad.docx"
    if case == "truncated":
        report_docx(tmp_path / "ok.docx")
        data = (tmp_path / "ok.docx").read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif case == "not a word file":
        path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    else:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr("xl/workbook.xml", "<workbook/>")
        path.write_bytes(buf.getvalue())
    with pytest.raises(ReadError) as exc:
        read(path)
    assert str(path) in str(exc.value)
    assert "Word" in exc.value.reason or "zip" in exc.value.reason


def test_doc_without_libreoffice_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from nianbao.readers import legacy

    monkeypatch.setattr(legacy, "soffice", lambda: None)
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ReadError) as exc:
        read(path)
    assert "libreoffice-writer" in exc.value.reason


def test_doc_with_libreoffice(tmp_path: Path) -> None:
    from nianbao.readers import legacy

    if legacy.soffice() is None:
        pytest.skip("LibreOffice not installed")
    import subprocess

    src = report_docx(tmp_path / "r.docx")
    subprocess.run([legacy.soffice(), f"-env:UserInstallation=file://{tmp_path}/p", "--headless",
                    "--convert-to", "doc", "--outdir", str(tmp_path / "d"), str(src)], check=True, timeout=180)
    r = nianbao.parse(tmp_path / "d" / "r.doc").model_dump(mode="json")
    assert r["tables"]["applications"]["rows"] == APPLICATIONS
