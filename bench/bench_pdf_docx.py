"""PDF and DOCX reading speed: pages/s and reports/s on one core, peak RSS, per PDF backend.

    python3 bench/bench_pdf_docx.py [--reports 12] [--repeat 2]

Builds a corpus of made-up reports of 5-15 pages with reportlab (ruled and unruled tables, split
tables, running headers) plus the real corpus PDF when /work/shared is present, then, each in a
fresh subprocess (so peak RSS is per backend): reads them with the chosen backend (pypdfium2) and
the runner-up (pdfplumber), reader only and reader + extractor; and the same reports as DOCX.
Goals: >= 10 text-layer PDF reports/s/core, >= 50 DOCX reports/s/core.

"Per core" figures are computed from the CPU time of the (single-threaded) reading process, so a
machine shared with other jobs does not make them look slower than they are; the wall-clock time
per report is printed next to them.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the fixture builders live with the tests
CORPUS_PDF = ROOT.parent / "shared" / "corpus" / "huaian_2024" / "source.pdf"


def build(out: Path, n: int) -> None:
    import docx

    from fixtures.pdf.pdfgen import Sheet
    from fixtures.pdf.report import (
        ACTIVE_WIDTHS,
        APP_WIDTHS,
        FILLER,
        INTRO,
        REVIEW_WIDTHS,
        TITLE_1,
        TITLE_2,
        active_rows,
        application_rows,
        review_rows,
    )

    for k in range(n):
        filler_paras = 4 + (k * 7) % 25  # 5-15 pages in all
        s = Sheet(out / f"r{k:03d}.pdf", header="青禾县人民政府办公室")
        d = docx.Document()
        s.title(TITLE_1)
        s.title(TITLE_2)
        s.para(INTRO)
        for text in (TITLE_1, TITLE_2, INTRO):
            d.add_paragraph(text)
        s.para("一、总体情况", indent=False)
        d.add_paragraph("一、总体情况")
        for _ in range(filler_paras):
            s.para(FILLER * 3)
            d.add_paragraph(FILLER * 3)
        ruled = k % 2 == 0
        for heading, rows, widths, size in (
            ("二、主动公开政府信息情况", active_rows(), ACTIVE_WIDTHS, 10.5),
            ("三、收到和处理政府信息公开申请情况", application_rows(), APP_WIDTHS, 10.5),
            ("四、政府信息公开行政复议、行政诉讼情况", review_rows(), REVIEW_WIDTHS, 8.0),
        ):
            s.para(heading, indent=False)
            s.table(rows, widths, ruled=ruled, size=size)
            d.add_paragraph(heading)
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    if cell is not None:
                        t.cell(r, c).text = cell.text
        for _ in range(filler_paras // 2):
            s.para(FILLER * 2)
        s.save()
        d.save(out / f"r{k:03d}.docx")


def run_one(kind: str, folder: Path, repeat: int) -> dict:
    from nianbao.extract import extract
    from nianbao.readers.docx import read_docx
    from nianbao.readers.pdf import read_pdf

    suffix = ".docx" if kind == "docx" else ".pdf"
    files = sorted(folder.glob(f"*{suffix}"))
    if kind != "docx" and CORPUS_PDF.is_file():
        files.append(CORPUS_PDF)
    blobs = [(str(f), f.read_bytes()) for f in files]
    name, data = blobs[0]  # warm-up: imports and caches are not part of the steady state
    extract(read_docx(name, data, "") if kind == "docx" else read_pdf(name, data, "", backend=kind))
    pages = 0
    read_time = full_time = wall_time = 0.0
    cpu = time.process_time
    for _ in range(repeat):
        for name, data in blobs:
            w0, t0 = time.perf_counter(), cpu()
            doc = read_docx(name, data, "") if kind == "docx" else read_pdf(name, data, "", backend=kind)
            t1 = cpu()
            extract(doc)
            t2, w2 = cpu(), time.perf_counter()
            read_time += t1 - t0
            full_time += t2 - t0
            wall_time += w2 - w0
            if kind != "docx":
                pages += max((b.pos.page or 0) for b in doc.blocks)
    n = len(blobs) * repeat
    return {"kind": kind, "reports": n, "pages": pages, "read_s": read_time, "full_s": full_time,
            "wall_s": wall_time, "peak_rss_mb": _peak_rss_mb()}


def _peak_rss_mb() -> float:
    """This process's high-water RSS (VmHWM is reset at exec, unlike ru_maxrss)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=12)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--dir", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, Path(args.dir), args.repeat)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        build(folder, args.reports)
        print(f"corpus: {args.reports} made-up reports (PDF and DOCX)"
              f"{' + the real corpus PDF' if CORPUS_PDF.is_file() else ''}, each read {args.repeat}x, one core;"
              " per core = per CPU second of the reading process")
        print(f"{'reader':<18}{'pages/s':>9}{'reports/s':>11}{'+extract/s':>12}{'CPU ms/rep':>12}"
              f"{'wall ms/rep':>13}{'peak RSS MB':>13}")
        for kind in ("pdfium", "plumber", "docx"):
            out = subprocess.run([sys.executable, __file__, "--one", kind, "--dir", tmp, "--repeat", str(args.repeat)],
                                 capture_output=True, text=True, check=True)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            label = {"pdfium": "PDF pypdfium2", "plumber": "PDF pdfplumber", "docx": "DOCX"}[kind]
            pps = f"{r['pages'] / r['read_s']:.0f}" if r["pages"] else "-"
            print(f"{label:<18}{pps:>9}{r['reports'] / r['read_s']:>11.1f}{r['reports'] / r['full_s']:>12.1f}"
                  f"{1000 * r['full_s'] / r['reports']:>12.1f}{1000 * r['wall_s'] / r['reports']:>13.1f}"
                  f"{r['peak_rss_mb']:>13.0f}")
        print("goals: >= 10 PDF reports/s/core (text layer), >= 50 DOCX reports/s/core (reader + extractor)")


if __name__ == "__main__":
    main()
