"""PDF reader on hand-made layouts (drawn with reportlab in the test) and on bad files.

Expected values are the literals of tests/fixtures/pdf/report.py, which the PDFs are drawn from.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("reportlab")

import nianbao  # noqa: E402
from fixtures.pdf.pdfgen import FONT, Sheet  # noqa: E402
from fixtures.pdf.report import (  # noqa: E402
    ACTIVE,
    APPLICATIONS,
    REVIEWS,
    one_number_per_line_report,
    ruled_report,
)
from nianbao.document import Grid, ImageRef, Paragraph  # noqa: E402
from nianbao.errors import ReadError  # noqa: E402
from nianbao.readers import read  # noqa: E402

LAYOUTS = {
    "ruled, split, header not repeated": {"split_app": True, "repeat_header": False},
    "ruled, split, header repeated": {"split_app": True, "repeat_header": True},
    "no ruling lines, split": {"split_app": True, "ruled": False},
    "no ruling lines, header repeated": {"split_app": True, "ruled": False, "repeat_header": True},
    "page numbers 第 N 页, no running header": {"header": None, "page_numbers": "第 {n} 页"},
}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("pdf")
    out = {name: ruled_report(d / f"r{k}.pdf", **opts) for k, (name, opts) in enumerate(LAYOUTS.items())}
    out["one number per line"] = one_number_per_line_report(d / "one.pdf")
    out["scanned page"] = ruled_report(d / "scan.pdf", scanned_after_section=1)
    return out


def _parse(path: Path, backend: str = "pdfium") -> dict:
    from nianbao.extract import extract
    from nianbao.readers.pdf import read_pdf

    return extract(read_pdf(str(path), path.read_bytes(), "", backend=backend)).model_dump(mode="json")


@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("backend", ["pdfium", "plumber"])
def test_layouts_give_every_value(pdfs: dict[str, Path], layout: str, backend: str) -> None:
    d = _parse(pdfs[layout], backend)
    assert d["tables"]["applications"]["rows"] == APPLICATIONS
    assert d["tables"]["reviews_litigation"] == REVIEWS
    assert d["tables"]["active_disclosure"]["items"] == ACTIVE
    assert [f["message"] for f in d["findings"] if f["rule"].startswith("extract.")] == []
    assert d["meta"]["title"] == "青禾县人民政府2023年政府信息公开工作年度报告"
    assert d["meta"]["year"] == 2023
    assert d["meta"]["template"] == "2021"


def test_the_split_table_really_spans_pages(pdfs: dict[str, Path]) -> None:
    d = _parse(pdfs["ruled, split, header repeated"])
    pages = {d["provenance"][f"applications.{k}.total"]["page"] for k in APPLICATIONS}
    assert len(pages) == 2


def test_one_number_per_line(pdfs: dict[str, Path]) -> None:
    d = _parse(pdfs["one number per line"])
    assert d["tables"]["applications"]["rows"] == APPLICATIONS
    assert d["tables"]["reviews_litigation"] == REVIEWS


@pytest.mark.parametrize("layout", ["ruled, split, header not repeated", "page numbers 第 N 页, no running header"])
def test_headers_footers_and_page_numbers_removed(pdfs: dict[str, Path], layout: str) -> None:
    doc = read(pdfs[layout])
    text = doc.plain_text()
    assert "青禾县人民政府办公室\n" not in text + "\n"  # the running header line
    paras = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert not any(p in ("- 1 -", "- 2 -", "第 1 页", "第 2 页", "第1页", "-1-", "-2-") for p in paras)
    assert "青禾县人民政府办公室根据" in text  # the same words inside the body stay


def test_paragraphs_grouped_and_title_lines_kept(pdfs: dict[str, Path]) -> None:
    doc = read(pdfs["ruled, split, header not repeated"])
    paras = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert [p.text for p in paras[:2]] == ["青禾县人民政府", "2023年政府信息公开工作年度报告"]
    intro = paras[2].text
    assert intro.startswith("本报告由") and intro.endswith("联系。")  # wrapped lines joined into one
    assert paras[2].pos.page == 1 and paras[2].pos.bbox is not None


@pytest.fixture()
def no_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages without a text layer only reported (NIANBAO_OCR=0); tests/test_ocr.py covers reading them."""
    from nianbao.readers import pdf

    monkeypatch.setattr(pdf, "OCR", False)


def test_scanned_page_reported_and_kept_for_ocr(pdfs: dict[str, Path], no_ocr: None) -> None:
    doc = read(pdfs["scanned page"])
    notes = [n for n in doc.notes if n.rule == "extract.scanned_pages"]
    assert len(notes) == 1 and "第 2 页" in notes[0].message
    assert [b.src for b in doc.blocks if isinstance(b, ImageRef)] == ["pdf-page:2"]
    d = nianbao.parse(pdfs["scanned page"]).model_dump(mode="json")
    assert any(f["rule"] == "extract.scanned_pages" for f in d["findings"])
    from nianbao.readers.pdf import page_ref, render_page

    assert page_ref("pdf-page:2") == 2
    img = render_page(pdfs["scanned page"], 2, scale=0.5)
    assert img.size[0] > 100 and img.size[1] > 100


def test_fully_scanned_pdf_has_null_tables(tmp_path: Path, no_ocr: None) -> None:
    s = Sheet(tmp_path / "scan.pdf", header=None, page_numbers=None)
    s.scanned_page()
    path = s.save()
    d = nianbao.parse(path).model_dump(mode="json")
    assert d["tables"] == {"active_disclosure": None, "applications": None, "reviews_litigation": None}
    assert any(f["rule"] == "extract.scanned_pages" for f in d["findings"])


def _small_table_pdf(path: Path, rotate: int = 0, text_angle: int = 0, wrap_number: bool = False) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    w, h = A4
    if rotate:
        c.setPageRotation(rotate)
    if text_angle == 90:  # content turned so that it reads upright once the page is rotated
        c.translate(w, 0)
        c.rotate(90)
    c.setFont(FONT, 11)
    c.drawString(72, 700, "二、主动公开政府信息情况")
    widths = [130, 60 if not wrap_number else 28]
    rows = [("行政处罚", "3985758"), ("行政强制", "88283")]
    y = 680
    for label, value in rows:
        x = 72
        for k, text in enumerate((label, value)):
            c.rect(x, y - 40, widths[k], 40, stroke=1, fill=0)
            if k == 1 and wrap_number:
                c.drawString(x + 2, y - 16, text[:4])
                c.drawString(x + 2, y - 30, text[4:])
            else:
                c.drawString(x + 3, y - 24, text)
            x += widths[k]
        y -= 40
    c.showPage()
    c.save()
    return path


def _grid_texts(doc) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[c.text for c in row if not c.merged] for g in doc.blocks if isinstance(g, Grid) for row in g.rows]


def test_number_wrapped_inside_a_cell_is_joined(tmp_path: Path) -> None:
    doc = read(_small_table_pdf(tmp_path / "wrap.pdf", wrap_number=True))
    assert _grid_texts(doc) == [["行政处罚", "3985758"], ["行政强制", "88283"]]


@pytest.mark.parametrize("rotate,text_angle", [(90, 0), (90, 90), (0, 90)])
def test_rotated_pages(tmp_path: Path, rotate: int, text_angle: int) -> None:
    doc = read(_small_table_pdf(tmp_path / "rot.pdf", rotate=rotate, text_angle=text_angle))
    assert _grid_texts(doc) == [["行政处罚", "3985758"], ["行政强制", "88283"]]
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == ["二、主动公开政府信息情况"]


def test_merged_cells_are_marked(pdfs: dict[str, Path]) -> None:
    doc = read(pdfs["ruled, split, header not repeated"])
    first = doc.grids()[0]
    assert [c.text for c in first.rows[0]] == ["第二十条第（一）项", "", "", ""]
    assert [c.merged for c in first.rows[0]] == [False, True, True, True]
    cell = first.rows[2][1]
    assert cell.text == "2" and cell.pos.page == 1 and cell.pos.row == 2 and cell.pos.col == 1


def test_shaded_rows_are_not_a_table(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(tmp_path / "shade.pdf"))
    c.setFont(FONT, 12)
    for k in range(4):
        c.setFillGray(0.9)
        c.rect(72, 700 - 30 * k, 450, 28, stroke=0, fill=1)
        c.setFillGray(0)
        c.drawString(76, 708 - 30 * k, f"第{k + 1}段有底纹的正文，不是表格。")
    c.showPage()
    c.save()
    doc = read(tmp_path / "shade.pdf")
    assert doc.grids() == []
    assert len(doc.paragraphs()) == 4


# --------------------------------------------------------------------------- bad files


def _encrypted(path: Path) -> Path:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    enc = pdfencrypt.StandardEncryption("secret", ownerPassword="owner", canPrint=0)
    c = canvas.Canvas(str(path), encrypt=enc)
    c.setFont(FONT, 12)
    c.drawString(72, 700, "加密的报告")
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("case", ["encrypted", "truncated", "zero", "not a pdf", "garbage after header"])
def test_bad_pdfs_give_a_clear_error(tmp_path: Path, pdfs: dict[str, Path], case: str) -> None:
    path = tmp_path / "bad.pdf"
    if case == "encrypted":
        _encrypted(path)
        words = "加密"
    elif case == "truncated":
        data = pdfs["one number per line"].read_bytes()
        path.write_bytes(data[: len(data) // 3])
        words = ""
    elif case == "zero":
        path.write_bytes(b"")
        words = "0 字节"
    elif case == "not a pdf":
        path.write_bytes("这是一个文本文件，扩展名却是 pdf".encode() * 10 + b"\x00\x01")
        words = ""
    else:
        path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 50)
        words = "PDF"
    try:
        doc = read(path)
    except ReadError as exc:
        assert str(path) in str(exc)
        assert words in exc.reason
        return
    # a truncated file that PDFium can repair is read as far as it goes; never an exception
    assert case == "truncated" and doc.format == "pdf"


def test_batch_goes_on_after_a_bad_pdf(tmp_path: Path, pdfs: dict[str, Path]) -> None:
    from typer.testing import CliRunner

    from nianbao.cli import app

    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\nnot really")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["parse", str(bad), str(pdfs["one number per line"]), "--out", str(out)])
    assert "bad.pdf" in result.output
    assert len(list(out.glob("*.json"))) == 1


def test_page_limit_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pdfs: dict[str, Path]) -> None:
    from nianbao.readers import pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 1)
    doc = pdf_reader.read_pdf("x.pdf", pdfs["one number per line"].read_bytes(), "")
    assert {b.pos.page for b in doc.blocks} == {1}
    assert any("只读取了前 1 页" in n.message for n in doc.notes)


def test_garbled_font_page_is_not_read(monkeypatch: pytest.MonkeyPatch, pdfs: dict[str, Path], no_ocr: None) -> None:
    from nianbao.readers import pdf_layout, pdf_pdfium

    real = pdf_pdfium.page_layout

    def garble(pdf, index):  # type: ignore[no-untyped-def]
        page = real(pdf, index)
        if page.number == 1:
            page.chars = [pdf_layout.Char("\ue000", c.x0, c.top, c.x1, c.bottom) for c in page.chars]
        return page

    monkeypatch.setattr(pdf_pdfium, "page_layout", garble)
    doc = read(pdfs["one number per line"])
    assert any(n.rule == "extract.scanned_pages" and "第 1 页" in n.message for n in doc.notes)
    assert all(b.pos.page != 1 for b in doc.blocks if not isinstance(b, ImageRef))


def test_pdf_bytes_in_memory_are_not_written(pdfs: dict[str, Path]) -> None:
    # reading must not leave files behind next to the source
    before = set(pdfs["one number per line"].parent.iterdir())
    read(pdfs["one number per line"])
    assert set(pdfs["one number per line"].parent.iterdir()) == before
