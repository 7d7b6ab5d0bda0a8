"""The speed-ups in the PDF and DOCX readers give the same results as the plain ways they replace:
PDFium calls without ctypes argument checking, the port of pdfplumber's intersections_to_cells,
and the DOCX reader's lazily parsed styles/numbering parts."""

from __future__ import annotations

import random
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

pytest.importorskip("reportlab")
pdfium = pytest.importorskip("pypdfium2")

from fixtures.pdf.report import ruled_report  # noqa: E402
from nianbao.readers import docx as docx_reader  # noqa: E402
from nianbao.readers import pdf_layout, pdf_pdfium, read  # noqa: E402


def _layouts(path: Path) -> list[pdf_layout.PageLayout]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [pdf_pdfium.page_layout(pdf, i) for i in range(len(pdf))]
    finally:
        pdf.close()


def _rotated(path: Path) -> Path:
    """A page drawn sideways (text running upwards), so the characters are placed a second time."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from fixtures.pdf.pdfgen import FONT

    c = canvas.Canvas(str(path), pagesize=A4)
    c.translate(A4[0], 0)
    c.rotate(90)
    c.setFont(FONT, 11)
    for k in range(12):
        c.drawString(72, 500 - 16 * k, f"第{k + 1}行 行政处罚 {k * 37} 件")
    c.showPage()
    c.save()
    return path


def test_unchecked_pdfium_calls_give_the_same_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pypdfium2.raw as raw

    files = [ruled_report(tmp_path / "r.pdf"), _rotated(tmp_path / "rot.pdf")]
    fast = [_layouts(f) for f in files]
    assert fast[1][0].rotation == 90 and len(fast[0]) > 1 and fast[0][0].chars
    monkeypatch.setattr(pdf_pdfium, "_GET_UNICODE", raw.FPDFText_GetUnicode)
    monkeypatch.setattr(pdf_pdfium, "_LOOSE_BOX", raw.FPDFText_GetLooseCharBox)
    assert [_layouts(f) for f in files] == fast


def test_intersections_to_cells_matches_pdfplumber() -> None:
    from pdfplumber.table import edges_to_intersections, intersections_to_cells, merge_edges

    rng = random.Random(5)
    for _ in range(200):
        xs = sorted(rng.sample(range(0, 400, 10), rng.randint(2, 9)))
        ys = sorted(rng.sample(range(0, 400, 10), rng.randint(2, 9)))
        edges = []
        for _ in range(rng.randint(2, 30)):
            if rng.random() < 0.5:
                y, (a, b) = rng.choice(ys), sorted(rng.sample(xs, 2))
                edges.append({"x0": a, "x1": b, "top": y, "bottom": y, "width": b - a, "height": 0,
                              "orientation": "h"})
            else:
                x, (a, b) = rng.choice(xs), sorted(rng.sample(ys, 2))
                edges.append({"x0": x, "x1": x, "top": a, "bottom": b, "width": 0, "height": b - a,
                              "orientation": "v"})
        points = edges_to_intersections(merge_edges(edges, 3, 3, 3, 3), 3, 3)
        assert pdf_layout.intersections_to_cells(points) == intersections_to_cells(points)


def _styled_numbering_docx(path: Path) -> Path:
    """Numbering that comes from a paragraph style (styles.xml), not from the paragraph itself."""
    d = docx.Document()
    d.part.numbering_part.element.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="9">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '</w:abstractNum>'))
    d.part.numbering_part.element.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="9"><w:abstractNumId w:val="9"/></w:num>'))
    d.styles.element.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="ReportHeading"><w:name w:val="Report Heading"/>'
        '<w:pPr><w:numPr><w:numId w:val="9"/></w:numPr></w:pPr></w:style>'))
    for text in ("总体情况", "主动公开政府信息情况"):
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(f'<w:pStyle {nsdecls("w")} w:val="ReportHeading"/>'))
    d.add_paragraph("正文段落")
    d.save(path)
    return path


def test_style_numbering_is_read_when_a_paragraph_names_the_style(tmp_path: Path) -> None:
    texts = [b.text for b in read(_styled_numbering_docx(tmp_path / "s.docx")).blocks]
    assert texts == ["一、总体情况", "二、主动公开政府信息情况", "正文段落"]


def test_styles_part_is_not_parsed_when_no_paragraph_needs_it(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    d = docx.Document()
    d.add_paragraph("一、总体情况")
    d.add_table(rows=1, cols=2).cell(0, 1).text = "12"
    d.save(tmp_path / "plain.docx")
    parsed: list[str] = []
    real = docx_reader._xml

    def spy(zf, name, needed=None, path=""):  # type: ignore[no-untyped-def]
        parsed.append(name)
        return real(zf, name, needed, path)

    monkeypatch.setattr(docx_reader, "_xml", spy)
    doc = read(tmp_path / "plain.docx")
    assert [b.text for b in doc.paragraphs()] == ["一、总体情况"]
    assert parsed == ["word/document.xml"]


def _page(texts: list[str]) -> pdf_layout.PageLayout:
    chars = [pdf_layout.Char(t, 10.0 * k, 0.0, 10.0 * k + 9, 10.0) for k, t in enumerate(texts)]
    return pdf_layout.PageLayout(1, 600.0, 800.0, chars)


def test_visible_and_unreadable_characters_are_counted() -> None:
    from nianbao.readers.pdf import _count_chars

    # 7 visible: 政 府 A \ue000 \ufffd \x01 5; whitespace (space, tab, ideographic space, \x1c) is not counted
    assert _count_chars(_page(["政", " ", "府", "\t", "A", "\u3000", "\ue000", "\ufffd", "\x01", "\x1c", "5"])) == (7, 3)
    # pdfminer's placeholder for an unmapped glyph, and a ligature, are several code points per character
    assert _count_chars(_page(["(cid:12)", "(cid:7)", "fi", " ", "表"])) == (4, 2)
