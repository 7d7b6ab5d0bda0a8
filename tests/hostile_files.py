"""Hostile input files, generated (never copied): the cases of issue 18 and the fuzz harness's extras.

Every generator returns `(file name, bytes)`. Used by tests/test_hostile.py (one test per case),
bench/bench_hostile.py (time and peak memory per case, each in a subprocess) and
scripts/fuzz_readers.py (the hostile extras of the long run). Sizes are parameters so tests can
use a smaller copy of a case where the full one only matters for the benchmark.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)


def docx_bytes(body: str, numbering: str | None = None, prolog: str = "", extra: dict[str, bytes] | None = None,
               compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal .docx: `body` is the inner XML of <w:body>; `prolog` goes before the root (a DOCTYPE)."""
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
           f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("word/document.xml", doc)
        if numbering is not None:
            zf.writestr("word/numbering.xml", f'<?xml version="1.0" encoding="UTF-8"?>'
                                              f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>')
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def w_p(text: str, num: tuple[str, str] | None = None) -> str:
    ppr = ""
    if num is not None:
        ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr></w:pPr>'
    return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"


def numbering_xml(fmt: str = "upperRoman", start: str = "1", ilvl: str = "0", num_id: str = "1") -> str:
    return (f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/>'
            f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="0"/></w:num>')


def pdf_bytes(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF from numbered object bodies (object k+1 = objects[k]) with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for k, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % k + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref))
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def pdf_text(text_ops: bytes, to_unicode: bytes | None = None, kids: bytes = b"[3 0 R]",
             pages_extra: bytes = b"") -> bytes:
    """One page showing `text_ops` in Helvetica; an optional ToUnicode CMap for the font."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids %s /Count 1 %s >>" % (kids, pages_extra),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        _stream(b"BT /F1 24 Tf 72 700 Td " + text_ops + b" ET"),
    ]
    if to_unicode is None:
        objects.append(font + b" >>")
    else:
        objects.append(font + b" /ToUnicode 6 0 R >>")
        objects.append(_stream(to_unicode))
    return pdf_bytes(objects)


def to_unicode_cmap(pairs: dict[int, str]) -> bytes:
    """A ToUnicode CMap mapping single-byte codes to UTF-16BE hex strings (may be a lone surrogate)."""
    lines = [f"<{code:02X}> <{hexstr}>" for code, hexstr in pairs.items()]
    return ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CMapName /Hostile def /CMapType 2 def\n"
            "1 begincodespacerange <00> <FF> endcodespacerange\n"
            f"{len(lines)} beginbfchar\n" + "\n".join(lines) + "\nendbfchar\n"
            "endcmap CMapName currentdict /CMap defineresource pop end end").encode()


# --------------------------------------------------------------------------- the cases


def html_spans(cells: int = 8, span: int = 1000) -> tuple[str, bytes]:
    """A small page whose few cells claim huge row and column spans (issue 18: 17 s, 2.2 GB)."""
    tds = "".join(f'<td rowspan="{span}" colspan="{span}">{k}</td>' for k in range(cells))
    filler = "<p>" + "政府信息公开工作年度报告。" * 600 + "</p>"
    return "spans.html", f"<html><body>{filler}<table><tr>{tds}</tr><tr><td>1</td><td>2</td></tr></table>" \
                         f"</body></html>".encode()


def html_table(rows: int = 1000, cols: int = 1000) -> tuple[str, bytes]:
    """One table of rows × cols cells of digits (issue 18: a million cells, 5.6 s, 830 MB)."""
    row = "<tr>" + "<td>1</td>" * cols + "</tr>"
    return "big-table.html", f"<html><body><p>标题</p><table>{row * rows}</table></body></html>".encode()


def html_deep(depth: int = 5000, tag: str = "div") -> tuple[str, bytes]:
    """Elements nested deeper than Python's recursion limit."""
    return "deep.html", ("<html><body>" + f"<{tag}>" * depth + "年度报告正文" + f"</{tag}>" * depth
                         + "</body></html>").encode()


def html_long_run(size: int = 250_000) -> tuple[str, bytes]:
    """A 250 KB page whose text is one run of letters and digits (the contact-block e-mail regex)."""
    run = ("ab1" * (size // 3))[:size]
    return "long-run.html", f"<html><body><p>联系电话：{run}</p></body></html>".encode()


def html_controls() -> tuple[str, bytes]:
    """NUL and other control characters inside a page (lxml refuses them in strings)."""
    return "controls.html", ("<html><body><p>政府信息公开\x00工作\x01年度\x1f报告</p>"
                             "<table><tr><td>新收政府信息公开申请数量</td><td>1\x002</td></tr></table></body></html>").encode()


def text_letters(n: int = 100_000) -> tuple[str, bytes]:
    """One line of n letters (issue 18: 25–30 s)."""
    return "letters.txt", ("a" * n + "\n").encode()


def text_space_tab(n: int = 100_000) -> tuple[str, bytes]:
    """One line of n alternating spaces and tabs between two words (issue 18: 20 s)."""
    return "spaces.txt", ("x" + " \t" * (n // 2) + "y\n").encode()


def text_contact(size: int = 150_000) -> tuple[str, bytes]:
    """A 150 KB text of dotted letter runs with no @ (the contact-block e-mail regex)."""
    body = ("a." * (size // 2))[:size]
    return "contact.txt", f"联系电话：\n{body}\n".encode()


def text_digits(n: int = 5001) -> tuple[str, bytes]:
    """A table cell and a narrative figure of n digits (Python's int-string limit is 4,300)."""
    digits = "9" * n
    return "digits.txt", (f"一、总体情况\n全年主动公开政府信息{digits}条。\n"
                          f"三、收到和处理政府信息公开申请情况\n"
                          f"| 本年新收政府信息公开申请数量 | {digits} | 1 | 1 |\n").encode()


def text_junk(size: int) -> tuple[str, bytes]:
    """`size` bytes of six repeated junk lines (issue 18: 200 MB → 186 s, 7.7 GB, 966,200 findings)."""
    block = ("| 1 | 2 | 3 |\n规章 0 0 0\n当前位置：首页\n二、主动公开\n一、总体情况 abc\n"
             "电话：12345678 邮编 100000\n").encode()
    return "junk.txt", block * max(1, size // len(block))


def html_junk(size: int) -> tuple[str, bytes]:
    """`size` bytes of a page of repeated small tables, paragraphs and links."""
    block = ("<p>当前位置：首页</p><table><tr><td>规章</td><td>0</td><td>0</td></tr><tr><td>1</td><td>2</td></tr></table>"
             "<div><a href='x'>一、总体情况</a><p>电话：12345678 邮编 100000</p></div>\n").encode()
    return "junk.html", b"<html><body>" + block * max(1, (size - 40) // len(block)) + b"</body></html>"


def text_controls() -> tuple[str, bytes]:
    """A text with a few NUL and control characters (read, with the characters replaced)."""
    body = "政府信息公开工作年度报告\n一、总体情况\n" + "全年主动公开政府信息12条，各项工作有序推进。\n" * 20
    return "controls.txt", (body[:30] + "\x00" + body[30:60] + "\x07\x0b" + body[60:]).encode()


def docx_numbering_start(start: str = "2147483647", fmt: str = "upperRoman") -> tuple[str, bytes]:
    """One numbered paragraph whose list starts at 2**31-1 in upper Roman (issue 18: > 60 s)."""
    return "numbering.docx", docx_bytes(w_p("总体情况", ("1", "0")), numbering_xml(fmt, start))


def docx_bad_numbering() -> tuple[str, bytes]:
    """Numbering attributes Word ignores: empty, non-numeric, negative, huge ilvl."""
    body = (w_p("一段正文", ("1", "")) + w_p("二段正文", ("1", "x")) + w_p("三段正文", ("1", "-3"))
            + w_p("四段正文", ("1", "99999999999999999999")))
    numbering = (numbering_xml("decimal", "") + numbering_xml("decimal", "abc", ilvl="")
                 + '<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="zz"><w:start w:val="-5"/></w:lvl></w:abstractNum>')
    return "bad-numbering.docx", docx_bytes(body, numbering)


def docx_surrogate() -> tuple[str, bytes]:
    """A symbol whose code is a lone surrogate (<w:sym w:char="D800"/>)."""
    body = '<w:p><w:r><w:t>年度报告</w:t></w:r><w:r><w:sym w:font="Symbol" w:char="D800"/></w:r></w:p>'
    body += '<w:p><w:r><w:sym w:char="FFFFFFFFFF"/><w:sym w:char=""/><w:sym w:char="0"/></w:r></w:p>'
    return "surrogate.docx", docx_bytes(body)


def docx_entities(kind: str = "laughs") -> tuple[str, bytes]:
    """Entity expansion ('billion laughs') or an external entity in document.xml."""
    if kind == "laughs":
        ents = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{k} "{("&a" + str(k - 1) + ";") * 10}">'
                                             for k in range(1, 10))
        prolog = f"<!DOCTYPE w:document [{ents}]>"
        return "laughs.docx", docx_bytes(w_p("&a9;"), prolog=prolog)
    prolog = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return "xxe.docx", docx_bytes(w_p("&xxe;"), prolog=prolog)


def docx_zip_bomb(size: int = 150 * 1024 * 1024) -> tuple[str, bytes]:
    """document.xml that deflates from ~150 KB to `size` bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>'.encode())
            chunk = b"A" * (1 << 20)
            for _ in range(size >> 20):
                fh.write(chunk)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return "bomb.docx", buf.getvalue()


def docx_cells(rows: int = 1000, cols: int = 1000) -> tuple[str, bytes]:
    """A Word table of a million cells."""
    row = "<w:tr>" + "<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>" * cols + "</w:tr>"
    return "cells.docx", docx_bytes(f"<w:tbl>{row * rows}</w:tbl>")


def docx_varied_cells(rows: int = 300, cols: int = 700) -> tuple[str, bytes]:
    """A Word table of rows × cols different numbers (compresses like a real file: not a zip bomb)."""
    import random

    rng = random.Random(1)
    body = "".join("<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{rng.randrange(100000)}</w:t></w:r></w:p></w:tc>"
                                      for _ in range(cols)) + "</w:tr>" for _ in range(rows))
    return "varied-cells.docx", docx_bytes(f"<w:tbl>{body}</w:tbl>")


def docx_deep(depth: int = 300) -> tuple[str, bytes]:
    """Tables nested in cells `depth` levels deep."""
    body = "<w:tbl><w:tr><w:tc>" * depth + w_p("深处") + "</w:tc></w:tr></w:tbl>" * depth
    return "deep.docx", docx_bytes(body)


def docx_big_part(size: int = 15 * 1024 * 1024) -> tuple[str, bytes]:
    """A document.xml of `size` bytes of varied paragraphs (compresses too little to look like a bomb)."""
    import random

    rng = random.Random(5)
    chars = "政府信息公开工作年度报告主动公开依申请行政复议诉讼一二三四五六七八九十0123456789，。"
    paras = []
    total = 0
    while total < size:
        p = w_p("".join(rng.choice(chars) for _ in range(200)))
        paras.append(p)
        total += len(p.encode())
    return "big-part.docx", docx_bytes("".join(paras))


def pdf_surrogate() -> tuple[str, bytes]:
    """A font whose ToUnicode map sends 'A' to the lone surrogate U+DEC0."""
    return "surrogate.pdf", pdf_text(b"(AB) Tj", to_unicode_cmap({0x41: "DEC0", 0x42: "5E74"}))


def pdf_dense(pages: int = 10, lines: int = 200, per_line: int = 100, size: float = 3) -> tuple[str, bytes]:
    """Pages packed with tiny digits (60,000 characters a page with the defaults), drawn with reportlab."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for p in range(pages):  # every line differs (identical lines on every page are running headers)
        c.setFont("Helvetica", size)
        for i in range(lines):
            c.drawString(10, 830 - i * size * 1.05, " ".join([f"{p}{i}"] + ["12"] * per_line))
        c.showPage()
    c.save()
    return "dense.pdf", buf.getvalue()


def pdf_page_loop() -> tuple[str, bytes]:
    """A page tree whose /Pages node lists itself as a kid."""
    return "loop.pdf", pdf_text(b"(Hello) Tj", kids=b"[2 0 R 3 0 R]", pages_extra=b"/Parent 2 0 R")


CASES: dict[str, Callable[[], tuple[str, bytes]]] = {
    "html 8 cells rowspan=colspan=1000": html_spans,
    "html 1000x1000 table": html_table,
    "html nested 5000 deep": html_deep,
    "html 250 KB letter run": html_long_run,
    "html control chars": html_controls,
    "text 100k letters": text_letters,
    "text 100k spaces/tabs": text_space_tab,
    "text 150 KB contact run": text_contact,
    "text 5001-digit number": text_digits,
    "text 200 MB junk": lambda: text_junk(200 * 1024 * 1024),
    "text junk at the 1 MB limit": lambda: text_junk(1024 * 1024),
    "html junk at the 16 MB limit": lambda: html_junk(16 * 1024 * 1024),
    "text control chars": text_controls,
    "docx numbering start 2^31-1": docx_numbering_start,
    "docx bad numbering attrs": docx_bad_numbering,
    "docx w:sym surrogate": docx_surrogate,
    "docx billion laughs": lambda: docx_entities("laughs"),
    "docx external entity": lambda: docx_entities("xxe"),
    "docx zip bomb": docx_zip_bomb,
    "docx 1000x1000 table": docx_cells,
    "docx 300x700 table of varied numbers": docx_varied_cells,
    "docx nested tables 300": docx_deep,
    "docx 15 MB document.xml": docx_big_part,
    "pdf ToUnicode surrogate": pdf_surrogate,
    "pdf page-tree loop": pdf_page_loop,
    "pdf 10 pages of 60,000 chars": pdf_dense,
}
