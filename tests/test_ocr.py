"""Reading pictures of tables by OCR: image files, scanned PDF pages, pictures in DOCX and beside HTML pages.

The pictures are drawn by the tests (tests/ocr_fixtures.py) from literals; the expected values are those
literals. OCR runs are kept few and small (a table, not a page): each costs ~1-2 s on one core.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

import nianbao
from nianbao.errors import ReadError
from nianbao.model import Finding, Provenance, Report, Source
from nianbao.model.report import OcrProvenance
from ocr_fixtures import REVIEWS, available, draw_table, review_table, scan

needs_ocr = pytest.mark.skipif(not available(), reason="OCR engine, OpenCV or the wqy-zenhei font missing")
TITLE = "四、政府信息公开行政复议、行政诉讼情况"


@pytest.fixture(scope="module")
def review_png(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rows, spans = review_table()
    path = tmp_path_factory.mktemp("ocr") / "t4.png"
    scan(draw_table(rows, spans, title=TITLE), angle=1.2).save(path)
    return path


def _reviews(report: Report) -> dict:
    t = report.tables.reviews_litigation
    assert t is not None
    return t.model_dump()


@needs_ocr
def test_png_of_review_table(review_png: Path) -> None:
    report = nianbao.parse(review_png)
    assert report.source.format == "image"
    assert _reviews(report) == REVIEWS
    prov = report.provenance["reviews_litigation.litigation_direct.total"]
    assert prov.ocr is not None and prov.ocr.score > 0.5 and prov.text == "13"
    from PIL import Image

    with Image.open(review_png) as img:
        x0, y0, x1, y1 = prov.ocr.crop
        assert 0 <= x0 < x1 <= img.size[0] and 0 <= y0 < y1 <= img.size[1]
        assert x1 - x0 < 150 and y1 - y0 < 80  # the crop is the cell's ink, not the table
        crop = img.convert("L").crop(prov.ocr.crop)
        assert crop.getextrema()[0] < 100  # there is ink in it
    assert any(f.rule == "extract.ocr_pages" for f in report.findings)
    assert not [f for f in report.findings if f.rule.startswith("check.t4")]


def _pdf_with_picture(path: Path, png: Path, picture_page: bool) -> Path:
    """A reportlab PDF: title and 表四 heading as text, then the picture of 表四 on its own page (a scan) or
    below the heading on the same page (a table pasted as a picture)."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont("STSong-Light", 11)
    c.drawString(72, 760, "青禾县人民政府2023年政府信息公开工作年度报告")
    c.drawString(72, 720, "本报告依据《中华人民共和国政府信息公开条例》编制。")
    c.drawString(72, 690, TITLE)
    if picture_page:
        c.showPage()
    top = 782 if picture_page else 670
    with Image.open(png) as img:
        w, h = img.size
        c.drawImage(ImageReader(img.copy()), 30, top - h * 535 / w, width=535, height=h * 535 / w)
    if not picture_page:  # (a scanned page has no text at all)
        c.drawString(72, top - h * 535 / w - 30, "五、存在的主要问题及改进情况")
    c.showPage()
    c.save()
    return path


@needs_ocr
def test_pdf_with_text_page_and_scanned_page(tmp_path: Path, review_png: Path) -> None:
    path = _pdf_with_picture(tmp_path / "mixed.pdf", review_png, picture_page=True)
    report = nianbao.parse(path)
    assert _reviews(report) == REVIEWS
    assert report.meta.title == "青禾县人民政府2023年政府信息公开工作年度报告"
    assert report.provenance["reviews_litigation.review.total"].page == 2
    notes = [f for f in report.findings if f.rule == "extract.ocr_pages"]
    assert len(notes) == 1 and "第 2 页" in notes[0].message and "没有文字层" in notes[0].message
    assert not any(f.rule == "extract.scanned_pages" for f in report.findings)


@needs_ocr
def test_docx_picture_and_html_img_beside_the_page(tmp_path: Path, review_png: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("青禾县人民政府2023年政府信息公开工作年度报告")
    d.add_paragraph(TITLE)
    d.add_picture(str(review_png))
    d.add_paragraph("五、存在的主要问题及改进情况")
    d.save(tmp_path / "r.docx")
    report = nianbao.parse(tmp_path / "r.docx")
    assert _reviews(report) == REVIEWS
    assert report.provenance["reviews_litigation.review.upheld"].ocr.image.startswith("word/media/")

    (tmp_path / "page_files").mkdir()
    shutil.copy(review_png, tmp_path / "page_files" / "b4.png")
    html = ("<html><head><meta charset='utf-8'><title>年报</title></head><body><div class='article'>"
            "<h1>青禾县人民政府2023年政府信息公开工作年度报告</h1>"
            f"<p>{TITLE}</p><p><img src='page_files/b4.png' width='800'></p>"
            "<p>三、收到和处理政府信息公开申请情况</p><p><img src='/u/cms/www/202401/b3_77c0.jpg' width='800'></p>"
            "<p>五、存在的主要问题及改进情况</p><p>一是工作人员业务能力有待提高。</p></div></body></html>")
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    report = nianbao.parse(tmp_path / "page.html")
    assert _reviews(report) == REVIEWS
    missing = [f for f in report.findings if f.rule == "extract.image_missing"]
    assert len(missing) == 1 and "b3_77c0.jpg" in missing[0].message
    # 表三 was the missing picture: still reported as a table published as an image
    assert any(f.rule == "extract.table_image" and "applications" in f.cells for f in report.findings)


@needs_ocr
def test_table_without_rulings_read_by_alignment(tmp_path: Path) -> None:
    rows = [["一、本年新收政府信息公开申请数量", "21", "3", "0", "1", "2", "0", "27"],
            ["二、上年结转政府信息公开申请数量", "4", "0", "0", "0", "1", "0", "5"]]
    img = draw_table(rows, ruled=False, widths=[520] + [90] * 7, title="三、收到和处理政府信息公开申请情况")
    path = tmp_path / "t3.jpg"
    scan(img, angle=-0.8).convert("RGB").save(path, quality=85)
    report = nianbao.parse(path)
    app = report.tables.applications
    assert app is not None
    cols = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
            "legal_service_org", "other_org", "total"]
    assert [app.rows["new_received"][c] for c in cols] == [21, 3, 0, 1, 2, 0, 27]
    assert [app.rows["carried_over"][c] for c in cols] == [4, 0, 0, 0, 1, 0, 5]


# -- without the engine: the parts around it ------------------------------------------------------------


def test_digit_lookalikes_repaired_only_in_numeric_cells() -> None:
    from nianbao.readers.image_tables import repair_number

    assert repair_number("1O") == "10"
    assert repair_number("l2") == "12"
    assert repair_number("S0") == "50"
    assert repair_number("B") == "8"
    assert repair_number("Z1") == "21"
    assert repair_number("3。5") == "3.5"
    assert repair_number("O") == "0"
    assert repair_number("其他") is None
    assert repair_number("Sale") is None
    assert repair_number("本年新收") is None


def test_skew_is_measured_within_two_degrees() -> None:
    import numpy as np
    from PIL import Image

    from nianbao.readers.image_tables import skew_angle

    rows, spans = review_table()
    img = draw_table(rows, spans, title=TITLE)
    for angle in (1.5, -0.7):
        turned = np.array(img.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255))
        binary = ((turned < 128) * 255).astype(np.uint8)
        assert abs(skew_angle(binary) + angle) <= 0.1


def test_bad_images_get_a_clear_error(tmp_path: Path) -> None:
    from PIL import Image

    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    with pytest.raises(ReadError, match="图片"):
        nianbao.parse(bad)
    tiny = tmp_path / "tiny.gif"
    Image.new("L", (40, 30), 255).save(tiny)
    with pytest.raises(ReadError, match="太小"):
        nianbao.parse(tiny)


def test_tiff_pages_are_read_in_order() -> None:
    from PIL import Image

    from nianbao.readers.image import _frames

    pages = [Image.new("L", (300, 400), v) for v in (0, 128, 255)]
    buf = io.BytesIO()
    pages[0].save(buf, "TIFF", save_all=True, append_images=pages[1:])
    buf.seek(0)
    frames = _frames(Image.open(buf))
    assert [f.getpixel((0, 0)) for f in frames] == [0, 128, 255]


def _ocr_report(total_read: int, alternatives: list[str], low: bool = False) -> Report:
    """表四 行政复议 read by OCR with its total misread; the other groups add up."""
    from nianbao.model import ReviewGroup, ReviewsTable, Tables

    groups = {
        "review": ReviewGroup(upheld=3, corrected=1, other=0, pending=2, total=total_read),
        "litigation_direct": ReviewGroup(upheld=1, corrected=0, other=0, pending=0, total=1),
        "litigation_after_review": ReviewGroup(upheld=0, corrected=0, other=0, pending=0, total=0),
    }
    report = Report(source=Source(path="x.png", sha256="", format="image"),
                    tables=Tables(reviews_litigation=ReviewsTable(**groups)))
    for group, g in groups.items():
        for col, v in g.model_dump().items():
            path = f"reviews_litigation.{group}.{col}"
            alts = alternatives if path == "reviews_litigation.review.total" else []
            report.provenance[path] = Provenance(
                text=str(v), page=1, bbox=(0, 0, 1, 1),
                ocr=OcrProvenance(score=0.6 if alts else 0.99, raw=str(v), crop=(10, 20, 30, 40), dpi=200,
                                  alternatives=alts, low=low and bool(alts)))
    return report


def test_alternative_reading_that_makes_the_relation_hold_is_proposed() -> None:
    from nianbao.checks import run_checks

    report = _ocr_report(8, ["3", "6", "0"])  # 3+1+0+2 = 6: the engine's second choice fits
    found = run_checks(report)
    rules = [f.rule for f in found]
    assert "check.t4_group_sum" in rules  # the relation still fails: the value is not changed
    (alt,) = [f for f in found if f.rule == "check.ocr_alternative"]
    assert alt.cells[0] == "reviews_litigation.review.total"
    assert "读作6" in alt.message and "x 10–30" in alt.message
    assert report.tables.reviews_litigation.review.total == 8


def test_no_proposal_when_no_reading_fits_and_low_cells_are_listed() -> None:
    from nianbao.checks import run_checks

    found = run_checks(_ocr_report(8, ["3", "9"], low=True))
    assert not [f for f in found if f.rule == "check.ocr_alternative"]
    (low,) = [f for f in found if f.rule == "check.ocr_low_confidence"]
    assert low.cells == ["reviews_litigation.review.total"]


def test_explain_and_review_sheet_mark_ocr_cells() -> None:
    from nianbao.model import where
    from nianbao.writers.review_sheet import render_markdown

    report = _ocr_report(8, ["6"], low=True)
    assert "OCR 0.60" in where(report.provenance["reviews_litigation.review.total"])
    assert "低置信度" in where(report.provenance["reviews_litigation.review.total"])
    assert "低置信度" not in where(report.provenance["reviews_litigation.review.upheld"])
    report.findings = [Finding(rule="check.t4_group_sum", severity="error", message="x",
                               cells=["reviews_litigation.review.total"])]
    assert "OCR 0.60 ⚠低置信度" in render_markdown([report])


@needs_ocr
def test_picture_of_a_table_on_a_text_page(tmp_path: Path, review_png: Path) -> None:
    path = _pdf_with_picture(tmp_path / "picture.pdf", review_png, picture_page=False)
    report = nianbao.parse(path)
    assert _reviews(report) == REVIEWS
    assert report.provenance["reviews_litigation.review.total"].ocr is not None
    assert any(f.rule == "extract.ocr_pages" and "第 1 页" in f.message for f in report.findings)
