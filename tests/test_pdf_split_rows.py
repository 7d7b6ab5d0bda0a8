"""Table rows broken across a page break, in hand-made PDFs (reportlab): the part of a row on the
next page is joined to the part before it, and a row that merely starts a new page is not.

Expected values are the literals of tests/fixtures/pdf/report.py, which the tables are drawn from.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("reportlab")

from fixtures.pdf.pdfgen import LEFT, RIGHT, WIDTH, Sheet, TCell, wrap  # noqa: E402
from fixtures.pdf.report import (  # noqa: E402
    APP_ROWS,
    APP_WIDTHS,
    APPLICATIONS,
    FILLER,
    INTRO,
    REVIEW_WIDTHS,
    REVIEWS,
    app_values,
    application_rows,
    review_rows,
)

ROW = {key: 2 + i for i, (_, _, key) in enumerate(APP_ROWS)}  # table row of each 表三 row (2 header rows)
HEADER_ROWS = 2


def _cut(rows: list[list[TCell | None]], r: int, first: list[TCell | None], second: list[TCell | None],
         span_text: dict[int, str] | None = None) -> tuple[list[list[TCell | None]], list[list[TCell | None]]]:
    """Rows up to row `r` (whose first part is `first`) on one page, `second` (the rest of row r)
    and the rows after it on the next. A cell spanning down across the cut is shortened on the
    first page and goes on from the top of the next (empty, or with `span_text[col]`: a label cut
    in two); the slots it covers in `first`/`second` are None."""
    top = [list(row) for row in rows[:r]] + [list(first)]
    bottom = [list(second)] + [list(row) for row in rows[r + 1:]]
    for i, row in enumerate(rows[:r]):
        for k, cell in enumerate(row):
            if cell is not None and i + cell.rowspan > r + 1:
                top[i][k] = TCell(cell.text, r + 1 - i, cell.colspan)
                bottom[0][k] = TCell((span_text or {}).get(k, ""), i + cell.rowspan - r, cell.colspan)
    return top, bottom


def _values(key: str) -> list[TCell | None]:
    return [TCell(str(v)) for v in app_values(ROW[key] - HEADER_ROWS)]


def _blank() -> list[TCell | None]:
    return [TCell("") for _ in range(7)]


def _report(path: Path, top: list[list[TCell | None]], bottom: list[list[TCell | None]],
            repeat_header: bool = False) -> Path:
    """A report whose 表三 is `top` at the foot of page 1 and `bottom` at the head of page 2."""
    s = Sheet(path, header=None, page_numbers="- {n} -")
    title = "青禾县人民政府2023年政府信息公开工作年度报告"
    s.c.setFont("STSong-Light", 22)
    for line in wrap(title, RIGHT - LEFT, 22):  # a title wrapped over two centred lines
        s.c.drawCentredString(WIDTH / 2, s.y - 22, line)
        s.y -= 30
    s.para(INTRO)
    s.para("一、总体情况", indent=False)
    s.para(FILLER)
    s.para("三、收到和处理政府信息公开申请情况", indent=False)
    height = 40.0 * len(top)
    s.y = 80.0 + height  # the first part ends at the foot of the page
    s.table(top, APP_WIDTHS)
    s.new_page()
    s.table((application_rows()[:HEADER_ROWS] if repeat_header else []) + bottom, APP_WIDTHS)
    s.para("四、政府信息公开行政复议、行政诉讼情况", indent=False)
    s.table(review_rows(), REVIEW_WIDTHS, size=8)
    s.para("青禾县人民政府")
    s.new_page()  # the date of the signature alone on the last page
    s.para("2024年1月20日", indent=False)
    return s.save()


def _layouts() -> dict[str, tuple[list[list[TCell | None]], list[list[TCell | None]], dict]]:
    rows = application_rows()
    r = ROW["withheld.security_stability"]  # （三）不予公开 / 3.危及“三安全一稳定”, a row inside a group
    out: dict[str, tuple[list[list[TCell | None]], list[list[TCell | None]], dict]] = {}
    # (a) the label on page 1, its numbers on page 2
    out["label on page 1, numbers on page 2"] = (
        *_cut(rows, r, [None, TCell("3.危及“三安全一稳定”"), *_blank()], [None, TCell(""), *_values(
            "withheld.security_stability")]), {})
    # (a) and the label cut in two as well
    out["label cut, numbers on page 2"] = (
        *_cut(rows, r, [None, TCell("3.危及“三安"), *_blank()], [None, TCell("全一稳定”"),
                                                               *_values("withheld.security_stability")]), {})
    # (b) the label cut in two, the numbers beside its first part
    out["label cut, numbers on page 1"] = (
        *_cut(rows, r, [None, TCell("3.危"), *_values("withheld.security_stability")],
              [None, TCell("及“三安全一稳定”"), *_blank()]), {})
    # (b) with the group label spanning the rows cut in two as well, and the header repeated
    out["group label cut too, header repeated"] = (
        *_cut(rows, r, [None, TCell("3.危"), *_values("withheld.security_stability")],
              [None, TCell("及“三安全一稳定”"), *_blank()], span_text={}), {"repeat_header": True})
    # (c) a wide number wrapped and cut in two: 114 as 11 | 4
    values = _values("withheld.security_stability")
    assert values[0] is not None and len(values[0].text) == 3
    head, tail = values[0].text[:2], values[0].text[2:]
    out["number cut in two"] = (
        *_cut(rows, r, [None, TCell("3.危及“三安全一稳定”"), TCell(head), *values[1:]],
              [None, TCell(""), TCell(tail), *([TCell("")] * 6)]), {})
    # not a split: the page breaks between two rows
    out["page breaks between rows"] = (rows[:r], rows[r:], {})
    return out


def _group_cut(top: list[list[TCell | None]], bottom: list[list[TCell | None]]) -> None:
    """（三）不予公开 printed as （三）不予 on page 1 and 公开 on page 2."""
    for k, row in enumerate(top):
        if row[0] is not None and row[0].text == "（三）不予公开":
            top[k][0] = TCell("（三）不予", row[0].rowspan, row[0].colspan)
    assert bottom[0][0] is not None
    bottom[0][0] = TCell("公开", bottom[0][0].rowspan, bottom[0][0].colspan)


LAYOUTS = _layouts()


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("split")
    out = {}
    for k, (name, (top, bottom, opts)) in enumerate(LAYOUTS.items()):
        if name.startswith("group label cut"):
            _group_cut(top, bottom)
        out[name] = _report(d / f"s{k}.pdf", top, bottom, **opts)
    return out


def _parse(path: Path, backend: str) -> dict:
    from nianbao.extract import extract
    from nianbao.readers.pdf import read_pdf

    return extract(read_pdf(str(path), path.read_bytes(), "", backend=backend)).model_dump(mode="json")


@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("backend", ["pdfium", "plumber"])
def test_split_row_gives_every_value(pdfs: dict[str, Path], layout: str, backend: str) -> None:
    d = _parse(pdfs[layout], backend)
    assert d["tables"]["applications"]["rows"] == APPLICATIONS
    assert d["tables"]["reviews_litigation"] == REVIEWS
    tables = ("applications", "reviews_litigation")  # (the report has no sections 二, 五, 六)
    assert [f["message"] for f in d["findings"] if f["rule"].startswith("extract.")
            and any(c.startswith(tables) for c in f["cells"])] == []


@pytest.mark.parametrize("layout", [k for k in LAYOUTS if k != "page breaks between rows"])
def test_the_row_really_is_split_and_joined(pdfs: dict[str, Path], layout: str) -> None:
    from nianbao.document import Grid
    from nianbao.readers import read

    grids = [b for b in read(pdfs[layout]).blocks if isinstance(b, Grid)]
    rows = [[c.text for c in row if not c.merged] for g in grids for row in g.rows]
    joined = [row for row in rows if "3.危及“三安全一稳定”" in row]
    assert len(joined) == 1  # one row, with the label whole …
    want = [str(v) for v in app_values(ROW["withheld.security_stability"] - HEADER_ROWS)]
    assert joined[0][-7:] == want  # … and its seven numbers beside it
    # the parts of the row were printed on two pages
    d = _parse(pdfs[layout], "pdfium")
    pages = {d["provenance"][f"applications.{k}.total"]["page"] for k in APPLICATIONS}
    assert pages == {1, 2}
    if layout.startswith("group label cut"):
        assert any("（三）不予公开" in row for row in rows)


def test_meta_from_a_wrapped_title_and_a_date_alone_on_the_last_page(pdfs: dict[str, Path]) -> None:
    import nianbao
    from nianbao.document import Paragraph
    from nianbao.readers import read

    path = pdfs["page breaks between rows"]
    doc = read(path)
    assert not doc.notes  # the short last page is text, not a scan
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)][-1] == "2024年1月20日"
    meta = nianbao.parse(path).meta
    assert meta.title == "青禾县人民政府2023年政府信息公开工作年度报告"
    assert (meta.organization, meta.body_kind, meta.year) == ("青禾县人民政府", "government", 2023)
    assert str(meta.signed) == "2024-01-20"
