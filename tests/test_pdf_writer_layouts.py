"""PDFs made by the project's own writer (synthetic report → DOCX → LibreOffice → PDF) with the
layouts real reports have and the default writer avoids: table rows breaking across pages, narrow
label columns (labels wrapped onto several lines and cut by the page break), 表四 in 五号 (its
headers wrapped one character per line), tall rows. Every table value and the metadata are
compared with the synthetic gold report. Skipped when LibreOffice (soffice) is not installed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
    pytest.skip("LibreOffice (soffice) is not installed", allow_module_level=True)

from nianbao.document import Grid  # noqa: E402
from nianbao.model import Report  # noqa: E402
from nianbao.normalize import is_value  # noqa: E402
from nianbao.readers import pdf_layout  # noqa: E402
from nianbao.synth import generate, present  # noqa: E402
from nianbao.writers.base import Decor  # noqa: E402

SEED = 1
# (report index, page layout of its tables); rows may break across pages in all of them
CASES: dict[str, tuple[int, dict]] = {
    "narrow labels, 表四 五号": (4, {"label_width": 1.0, "table_font_size": {"reviews_litigation": 10.5}}),
    "narrow labels, 表三 in 小四": (8, {"label_width": 1.0, "table_gap": 1,
                                      "table_font_size": {"applications": 12.0, "reviews_litigation": 12.0}}),
    "tall rows, 表四 五号": (7, {"row_height": 30.0, "table_gap": 1, "table_font_size": {"reviews_litigation": 10.5}}),
}
META = ("title", "organization", "body_kind", "year", "template", "signed")
REVIEW_HEADS = ("结果维持", "结果纠正", "其他结果", "尚未审结")


def _layout(decor: Decor, opts: dict) -> None:
    decor.split_rows = True
    decor.label_width = None
    decor.table_gap = 0
    decor.row_height = None
    decor.table_font_size = {}
    for key, value in opts.items():
        setattr(decor, key, value)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Report]]:
    from nianbao.writers.docx import to_docx
    from nianbao.writers.pdf import docx_to_pdf

    d = tmp_path_factory.mktemp("writer-pdf")
    sources, golds = [], []
    for k, (index, opts) in enumerate(CASES.values()):
        syn = present(generate(SEED, index), "pdf", SEED, index)
        _layout(syn.decor, opts)
        src = d / f"case{k}.docx"
        src.write_bytes(to_docx(syn.report, syn.template, syn.decor))
        sources.append(src)
        golds.append(syn.report)
    pdfs = docx_to_pdf(sources, d / "pdf")  # one LibreOffice run for all
    return {name: (pdf, gold) for name, pdf, gold in zip(CASES, pdfs, golds, strict=True)}


def _cells(tables: dict, prefix: str = "") -> dict[str, object]:
    """Flatten a tables dump to {cell path: value}, so that a failure names the cell."""
    out: dict[str, object] = {}
    for key, value in tables.items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            out.update(_cells(value, path))
        else:
            out[path] = value
    return out


@pytest.mark.parametrize("case", list(CASES))
def test_every_table_value_and_the_metadata(made: dict[str, tuple[Path, Report]], case: str) -> None:
    import nianbao

    path, gold = made[case]
    got = nianbao.parse(path)
    want = _cells(gold.tables.model_dump(mode="json"))
    have = _cells(got.tables.model_dump(mode="json"))
    assert len(want) > 100  # all three tables are there
    assert {k: have.get(k) for k in want if have.get(k) != want[k]} == {}
    assert {k: getattr(got.meta, k) for k in META} == {k: getattr(gold.meta, k) for k in META}


def test_rows_really_break_across_pages(made: dict[str, tuple[Path, Report]],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The layouts above do cut rows in two (else the test before would prove nothing)."""
    from nianbao.readers import read

    joined: list[str] = []
    real = pdf_layout.join_split_row

    def spy(prev: Grid, cur: Grid, *args: float) -> bool:
        ok = real(prev, cur, *args)
        if ok:
            joined.append(" | ".join(c.text for c in prev.rows[-1] if not c.merged))
        return ok

    monkeypatch.setattr(pdf_layout, "join_split_row", spy)
    for path, _ in made.values():
        read(path)
    assert joined, "no table row was broken across a page in these PDFs"


@pytest.mark.parametrize("case", [c for c in CASES if "表四 五号" in c])
def test_review_headers_wrapped_one_character_per_line_stay_in_their_cells(
        made: dict[str, tuple[Path, Report]], case: str) -> None:
    import pypdfium2 as pdfium

    from nianbao.readers import read
    from nianbao.readers.pdf_pdfium import page_layout

    path, gold = made[case]
    # the header 结果维持 is printed one character per line: 持 under 果 under 结, in one column
    pdf = pdfium.PdfDocument(str(path))
    try:
        chars = [c for i in range(len(pdf)) for c in page_layout(pdf, i).chars]
    finally:
        pdf.close()

    def below(a: pdf_layout.Char, text: str) -> pdf_layout.Char | None:
        return next((c for c in chars if c.text == text and abs((c.x0 + c.x1) - (a.x0 + a.x1)) < 2
                     and 0 < c.top - a.top < 2 * a.size), None)

    stacked = [c for c in chars if c.text == "结" and (g := below(c, "果")) is not None
               and (w := below(g, "维")) is not None and below(w, "持") is not None]
    assert stacked
    # each header cell holds its whole label; the data row, after the headers, only the 15 numbers
    rows = [[c.text for c in row if not c.merged] for b in read(path).blocks if isinstance(b, Grid)
            for row in b.rows]
    head = next(k for k, row in enumerate(rows) if sum(row.count(h) for h in REVIEW_HEADS) == 8)
    assert rows[head].count("总计") == 2  # the header row of the two 行政诉讼 groups, every label whole
    data = rows[head + 1]
    assert len(data) == 15 and all(is_value(t) for t in data), data
