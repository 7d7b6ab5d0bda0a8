"""Mutations of report files for fuzzing the readers (tests/test_fuzz_readers.py: a short run;
scripts/fuzz_readers.py: the long one in a sandboxed worker process).

Seeds are generated (a synthetic report rendered as text, HTML and DOCX; the reportlab PDF of
tests/fixtures/pdf/report.py). A mutation is fully determined by (seed name, case number), so a
failing input is rebuilt from the two numbers the run prints.
"""

from __future__ import annotations

import io
import random
import re
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

# Text put into files: pathological runs, numbers no report holds, bytes of a lone surrogate
# (ED A0 80 is U+D800 in "UTF-8"), NUL and control characters, markup and formula starts.
PATHOLOGICAL = [
    b"a" * 20000, b" \t" * 10000, b"9" * 6000, b"1," * 3000, b"a." * 8000, b"\xed\xa0\x80", b"\x00", b"\x07\x1b",
    "电话：".encode() + b" " * 5000, "字体：".encode() + b" " * 3000, b"<" * 3000, b"<div>" * 3000, b"|" * 5000,
    "一、".encode() * 2000, "（一）".encode() * 1000, b"\r" * 3000, b"=HYPERLINK(\"http://x\")", b"\xff\xfe",
    b"<td rowspan=99999 colspan=99999>", b"&#xD800;", b"&#0;", "二〇二〇年十二月三十一日".encode() * 500,
]
DOCX_ATTRS = [b"", b"-1", b"x", b"99999999999999999999", b"2147483647", b"0", b"1e9", b"D800", b" ", b"9" * 5000]


def seeds() -> dict[str, tuple[str, bytes]]:
    """Name -> (file suffix, bytes): one synthetic report per text format, a DOCX and a PDF."""
    from nianbao.synth.generate import generate, present, render_synthetic

    out: dict[str, tuple[str, bytes]] = {}
    for k, fmt in enumerate(("text", "html", "docx")):
        syn = present(generate(7, k), fmt, 7, k)
        out[fmt] = ({"text": ".txt", "html": ".html", "docx": ".docx"}[fmt], render_synthetic(syn, fmt))
    out["pdf"] = (".pdf", _pdf_seed())
    return out


def _pdf_seed() -> bytes:
    import tempfile

    from fixtures.pdf.report import ruled_report

    with tempfile.TemporaryDirectory() as tmp:
        path = ruled_report(Path(tmp) / "seed.pdf")
        return path.read_bytes()


# --------------------------------------------------------------------------- generic byte mutations


def flip(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    b = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        i = rng.randrange(len(b))
        b[i] = rng.choice((b[i] ^ (1 << rng.randrange(8)), rng.randrange(256), 0, 0xFF))
    return bytes(b)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(1, max(2, len(data)))]


def splice(rng: random.Random, data: bytes, other: bytes) -> bytes:
    i = rng.randrange(len(data))
    j = rng.randrange(len(other))
    return data[:i] + other[j: j + rng.randint(1, 4000)] + data[i + rng.randint(0, 200):]


def duplicate(rng: random.Random, data: bytes) -> bytes:
    i = rng.randrange(len(data))
    chunk = data[i: i + rng.randint(1, 500)]
    return data[:i] + chunk * rng.randint(2, 200) + data[i:]


def insert_pathological(rng: random.Random, data: bytes) -> bytes:
    i = rng.randrange(len(data) + 1)
    return data[:i] + rng.choice(PATHOLOGICAL) + data[i:]


def delete(rng: random.Random, data: bytes) -> bytes:
    i = rng.randrange(len(data))
    return data[:i] + data[i + rng.randint(1, 2000):]


BYTE_MUTATIONS: list[Callable[[random.Random, bytes], bytes]] = [flip, truncate, duplicate, insert_pathological,
                                                                   delete]


# --------------------------------------------------------------------------- DOCX: zip members and XML


def _rezip(members: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in members:
            zf.writestr(info.filename, data)
    return buf.getvalue()


def docx_mutation(rng: random.Random, data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = [(i, zf.read(i)) for i in zf.infolist()]
    xml = [k for k, (i, _) in enumerate(members) if i.filename.endswith(".xml")]
    k = rng.choice([m for m in xml if members[m][0].filename == "word/document.xml"] * 3 + xml)
    info, body = members[k]
    how = rng.randrange(7)
    if how == 0:  # an attribute value replaced by a bad one (numbering, spans, symbols)
        attrs = [m.span(1) for m in re.finditer(rb'w:(?:val|char|ilvl|numId|abstractNumId)="([^"]*)"', body)]
        if attrs:
            a, b = rng.choice(attrs)
            body = body[:a] + rng.choice(DOCX_ATTRS) + body[b:]
    elif how == 1:  # text inside <w:t> replaced by pathological text
        texts = [m.span(1) for m in re.finditer(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>", body)]
        if texts:
            a, b = rng.choice(texts)
            body = body[:a] + rng.choice(PATHOLOGICAL).replace(b"<", b"&lt;") + body[b:]
    elif how == 2:  # an element duplicated many times
        tags = [m.span() for m in re.finditer(rb"<w:(?:p|tr|tc|tbl)\b.*?</w:(?:p|tr|tc|tbl)>", body[:200000])]
        if tags:
            a, b = rng.choice(tags)
            body = body[:b] + body[a:b] * rng.randint(2, 300) + body[b:]
    elif how == 3:  # a DOCTYPE with entities (expansion, external)
        decl = rng.choice([b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
                           b'<!DOCTYPE x [<!ENTITY a "' + b"x" * 100 + b'"><!ENTITY b "' + b"&a;" * 100 + b'">]>'])
        body = re.sub(rb"^(<\?xml[^>]*\?>)?", lambda m: (m.group(0) or b"") + decl, body, count=1)
    elif how == 4:  # a member dropped
        members.pop(k)
        return _rezip(members)
    else:
        body = rng.choice(BYTE_MUTATIONS)(rng, body)
    members[k] = (info, body)
    return _rezip(members)


# --------------------------------------------------------------------------- PDF: objects


def pdf_mutation(rng: random.Random, data: bytes) -> bytes:
    how = rng.randrange(5)
    if how == 0:  # a number in a dictionary (a /Count, /Length, an object reference) changed
        nums = [m.span() for m in re.finditer(rb"(?<=[ /\[])\d+(?= (?:0 R|>>|/|\]))", data)]
        if nums:
            a, b = rng.choice(nums)
            return data[:a] + rng.choice([b"0", b"1", b"2", b"99999999", b"-1", str(rng.randrange(50)).encode()]) + data[b:]
    if how == 1:  # a page tree turned into a loop / a kid pointing at the catalog
        return re.sub(rb"/Kids \[(\d+) 0 R", lambda m: b"/Kids [1 0 R " + m.group(1) + b" 0 R", data, count=1)
    if how == 2:  # a name changed
        names = [m.span() for m in re.finditer(rb"/[A-Za-z]+", data)]
        if names:
            a, b = rng.choice(names)
            return data[:a] + rng.choice([b"/Pages", b"/Page", b"/Kids", b"/Parent", b"/Font", b"/XObject", b"/X"]) + data[b:]
    if how == 3:  # stream content edited (inside the first 200 KB)
        return data[:200] + flip(rng, data[200:200000]) + data[200000:]
    return rng.choice(BYTE_MUTATIONS)(rng, data)


def mutate(seed_name: str, case: int, all_seeds: dict[str, tuple[str, bytes]]) -> tuple[str, bytes]:
    """The mutated file number `case` of seed `seed_name`: (suffix, bytes). Deterministic."""
    rng = random.Random(f"{seed_name}:{case}")
    suffix, data = all_seeds[seed_name]
    if rng.random() < 0.1:  # a spliced chunk of another format
        other = all_seeds[rng.choice(sorted(all_seeds))][1]
        return suffix, splice(rng, data, other)
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        if seed_name == "docx" and rng.random() < 0.7:
            try:
                data = docx_mutation(rng, data)
                continue
            except Exception:  # noqa: BLE001 - an earlier mutation broke the zip (zlib, crc…): mutate the bytes
                pass
        if seed_name == "pdf" and rng.random() < 0.6:
            data = pdf_mutation(rng, data)
            continue
        data = rng.choice(BYTE_MUTATIONS)(rng, data) if data else data
        data = data or b"x"
    return suffix, data


CJK = re.compile("[\u4e00-\u9fff]")


def judge(path: Path, parse: Callable[[Path], object]) -> str:
    """'ok', 'readerror' (a documented ReadError with a Chinese reason) or 'BAD: …' for anything else."""
    from nianbao.errors import ReadError
    from nianbao.writers.markdown import to_markdown

    try:
        report = parse(path)
        report.to_json()  # type: ignore[attr-defined]
        to_markdown(report)  # type: ignore[arg-type]
    except ReadError as exc:
        if not CJK.search(exc.reason.split("（")[0]):
            return f"BAD: ReadError without a Chinese reason: {exc.reason[:200]}"
        if re.search(r"读取失败：(?:文件已损坏或格式不受支持|.{0,20}文件中有不合规范)", exc.reason):
            return f"readerror-generic: {exc.reason[:160]}"
        return "readerror"
    except Exception as exc:  # noqa: BLE001 - the finding of the fuzz run
        import traceback

        tb = traceback.extract_tb(exc.__traceback__)[-1]
        return f"BAD: {type(exc).__name__}: {str(exc)[:120]} at {Path(tb.filename).name}:{tb.lineno}"
    return "ok"
