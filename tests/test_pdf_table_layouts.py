"""Issue 11: the table layouts real PDF reports print, drawn with reportlab (tests/fixtures/pdf/layouts.py)
and made by LibreOffice and Chromium (cached in tests/fixtures/pdf/made/), read cell by cell.

Expected values are the numbers the fixtures were drawn from (`Layout.expected`), never nianbao's
output. Also: pdfplumber's own table finder on the same files and on the corpus PDF, and a check
that nianbao never reads fewer cells right than it does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("reportlab")

from fixtures.pdf.layouts import Layout, layouts  # noqa: E402
from fixtures.pdf.office_layouts import office_layouts  # noqa: E402
from fixtures.pdf.plumber_baseline import CORPUS, corpus_expected, flatten, plumber_document, right  # noqa: E402
from nianbao.extract import extract  # noqa: E402
from nianbao.readers.pdf import read_pdf  # noqa: E402

LAYOUTS = {lay.name: lay for lay in layouts()}
# the same layouts without any ruling line (cells placed by text position only)
UNRULED = {lay.name: lay for lay in layouts("none")}
OFFICE = {lay.name: lay for lay in office_layouts()}
# findings a layout may carry besides its own: none of extract.* (no row missing, incomplete, unmatched…)
QUIET = ("extract.label_fuzzy",)  # info: a printed typo, reported with its text (asserted below)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("layouts")
    out = {name: lay.build(d / f"layout{k}.pdf") for k, (name, lay) in enumerate({**LAYOUTS, **UNRULED}.items())}
    out.update({name: lay.build(None) for name, lay in OFFICE.items()})  # type: ignore[arg-type]
    return out


def _parse(path: Path, backend: str = "pdfium") -> dict:
    return extract(read_pdf(str(path), path.read_bytes(), "", backend=backend)).model_dump(mode="json")


def _check(d: dict, lay: Layout) -> None:
    got = flatten(d)
    wrong = {k: (v, got.get(k)) for k, v in lay.expected.items() if got.get(k, "absent") != v}
    assert wrong == {}, f"{len(wrong)} of {len(lay.expected)} cells wrong (expected, got)"
    rules = [f["rule"] for f in d["findings"] if f["rule"].startswith("extract.")]
    assert sorted(r for r in rules if r not in QUIET) == sorted(lay.findings)
    # every value read carries where it was printed: page and box
    for k, v in lay.expected.items():
        if v is not None:
            p = d["provenance"][k]
            assert p["page"] >= 1 and p["bbox"] is not None and p["text"].strip(), k


@pytest.mark.parametrize("backend", ["pdfium", "plumber"])
@pytest.mark.parametrize("name", list(LAYOUTS))
def test_reportlab_layout_reads_every_cell(built: dict[str, Path], name: str, backend: str) -> None:
    _check(_parse(built[name], backend), LAYOUTS[name])


@pytest.mark.parametrize("name", list(UNRULED))
def test_unruled_layout_reads_every_cell(built: dict[str, Path], name: str) -> None:
    _check(_parse(built[name]), UNRULED[name])


@pytest.mark.parametrize("name", list(OFFICE))
def test_producer_layout_reads_every_cell(built: dict[str, Path], name: str) -> None:
    if not built[name].is_file():
        pytest.skip(f"{built[name]} not built (tests/fixtures/pdf/make_pdf_fixtures.py)")
    _check(_parse(built[name]), OFFICE[name])


def test_printed_typos_are_info_findings_with_the_printed_text(built: dict[str, Path]) -> None:
    d = _parse(built["printed typos"])
    fuzzy = {f["evidence"]: f for f in d["findings"] if f["rule"] == "extract.label_fuzzy"}
    assert set(fuzzy) == {"2.其他法律行政止公开", "5.属于三类内部事物信息", "7.属于行政执法卷"}
    assert all(f["severity"] == "info" for f in fuzzy.values())
    assert fuzzy["2.其他法律行政止公开"]["cells"] == ["applications.withheld.prohibited_by_law"]


def test_undivided_other_row_keeps_values_without_a_split(built: dict[str, Path]) -> None:
    lay = LAYOUTS["2021 report with one （六）其他处理 row"]
    d = _parse(built[lay.name])
    assert d["meta"]["template"] == "2021"
    assert [f for f in d["findings"] if f["rule"] == "extract.other_undivided"][0]["evidence"] == "（六）其他处理"
    assert d["tables"]["applications"]["rows"]["other"]["total"] == lay.expected["applications.other.total"]


def test_numbers_printed_below_a_page_break_keep_their_page(built: dict[str, Path]) -> None:
    name = "page break inside a wrapped label, numbers below, header not repeated"
    d = _parse(built[name])
    label_page = d["provenance"]["applications.granted.total"]["page"]
    assert d["provenance"]["applications.partially_granted.total"]["page"] == label_page + 1
    # and 表四's data row, printed on the page after its header
    assert d["provenance"]["reviews_litigation.review.upheld"]["page"] > label_page


def test_wps_borders_are_one_filled_path(built: dict[str, Path]) -> None:
    """The fixtures draw borders as WPS does (one filled path of thin rectangles per page): the
    reader must see them as ruling lines, i.e. read the tables as ruled grids."""
    import pypdfium2 as pdfium

    from nianbao.readers import pdf_layout, pdf_pdfium

    pdf = pdfium.PdfDocument(built["vertical group label, 4-row header"].read_bytes())
    page = pdf_pdfium.page_layout(pdf, 1)
    assert pdf_layout.ruled_tables(page), "no ruled table found on the 表三 page"
    pdf.close()


# --------------------------------------------------------------------------- against pdfplumber


def _cases() -> list[tuple[str, Path | None, dict | None]]:
    out: list[tuple[str, Path | None, dict | None]] = [(n, None, None) for n in [*LAYOUTS, *UNRULED, *OFFICE]]
    out.append(("corpus: huaian_2024", CORPUS / "source.pdf", corpus_expected()))
    return out


@pytest.mark.parametrize("name", [c[0] for c in _cases()])
def test_nianbao_reads_at_least_as_many_cells_right_as_pdfplumber(built: dict[str, Path], name: str) -> None:
    if name.startswith("corpus"):
        path, expected = CORPUS / "source.pdf", corpus_expected()
        if expected is None or not path.is_file():
            pytest.skip("../shared/corpus not present")
    else:
        lay = LAYOUTS.get(name) or UNRULED.get(name) or OFFICE[name]
        path, expected = built[name], lay.expected
        if not path.is_file():
            pytest.skip(f"{path} not built")
    ours = right(_parse(path), expected)
    theirs = right(extract(plumber_document(path)).model_dump(mode="json"), expected)
    assert ours >= theirs, f"nianbao {ours} < pdfplumber {theirs} of {len(expected)}"
    assert ours == len(expected)


# --------------------------------------------------------------------------- reader mechanisms


def _edges(*segs: tuple[str, float, float, float, float]) -> list:
    from nianbao.readers.pdf_layout import Edge

    return [Edge(*s) for s in segs]


def test_a_row_left_open_at_a_page_break_is_closed() -> None:
    """Chromium draws no border at the top of a row continued on the next page: the column lines
    start above the first horizontal line. The row is still cells of the table."""
    from nianbao.readers.pdf_layout import Char, PageLayout, page_blocks

    xs = [50.0, 150.0, 200.0, 250.0]
    edges = _edges(*[("v", x, 60.0, x, 140.0) for x in xs],
                   *[("h", 50.0, y, 250.0, y) for y in (80.0, 110.0, 140.0)])
    chars = [Char(t, x, 65.0, x + 10, 75.0) for t, x in (("甲", 60.0), ("1", 160.0), ("2", 210.0))]
    chars += [Char(t, x, 90.0, x + 10, 100.0) for t, x in (("乙", 60.0), ("3", 160.0), ("4", 210.0))]
    page = PageLayout(1, 595.0, 842.0, chars, edges)
    blocks, _ = page_blocks(page, set(), 0)
    grids = [b for b in blocks if hasattr(b, "rows")]
    assert len(grids) == 1 and len(blocks) == 1  # nothing left outside the table
    assert [[c.text for c in r] for r in grids[0].rows] == [["甲", "1", "2"], ["乙", "3", "4"], ["", "", ""]]


def test_characters_in_no_cell_of_a_ruled_table_are_kept_as_text() -> None:
    from nianbao.document import Paragraph
    from nianbao.readers.pdf_layout import Char, PageLayout, layout_blocks

    # a table whose middle column has no line on its right below the first row: that region is no cell
    edges = _edges(("v", 50.0, 80.0, 50.0, 140.0), ("v", 150.0, 80.0, 150.0, 140.0),
                   ("v", 200.0, 80.0, 200.0, 110.0), ("v", 250.0, 80.0, 250.0, 110.0),
                   *[("h", 50.0, y, 250.0, y) for y in (80.0, 110.0)], ("h", 50.0, 140.0, 150.0, 140.0))
    chars = [Char("甲", 60.0, 90.0, 70.0, 100.0), Char("7", 160.0, 90.0, 166.0, 100.0),
             Char("8", 210.0, 90.0, 216.0, 100.0), Char("9", 210.0, 120.0, 216.0, 130.0)]
    blocks = layout_blocks([PageLayout(1, 595.0, 842.0, chars, edges)])
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == ["9"]  # not dropped with the table
