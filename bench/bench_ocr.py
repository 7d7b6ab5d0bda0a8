"""OCR: accuracy on synthetic scans, speed and memory per core, the engine comparison, the text-layer path.

    python3 bench/bench_ocr.py accuracy --n 6 --dpis 150,200,300 [--seed 3] [--keep DIR]
    python3 bench/bench_ocr.py speed --n 3                  # pages/s per core, peak RSS, text-layer PDFs
    python3 bench/bench_ocr.py engines --n 2 --dpi 200      # rapidocr vs tesseract on the same pages

accuracy: `nianbao synth --formats scan` (LibreOffice PDF → rasterised at each dpi, turned up to 1°,
speckles, blur, JPEG), each report parsed, every table cell compared with the gold. A wrong cell is
"pointed at" when a finding names it (a failing relation, check.ocr_alternative, check.ocr_low_confidence,
a blank cell, a missing row …); the wrong cells nothing points to are listed: they are the defect to hunt.
The same reports (same seed) are scanned at every dpi, so the columns compare resolutions.

speed: one OCR thread (NIANBAO_OCR_THREADS=1), so pages/s is per core (CPU seconds of this process);
peak RSS from getrusage. The text-layer PDFs of the same reports are read with OCR on and off: OCR code
is only imported for pages without a text layer, so both columns must agree.

engines: the pages of a scan, read by our pipeline (RapidOCR PP-OCRv4) and by Tesseract 5 (chi_sim, the
Debian packages tesseract-ocr + tesseract-ocr-chi-sim) on the same deskewed page; compared with the text
layer of the PDF the scan was made from (characters in reading order, digits separately).
"""

from __future__ import annotations

import argparse
import difflib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("NIANBAO_OCR_THREADS", "1")

import nianbao  # noqa: E402
from nianbao.checks.common import _flatten  # noqa: E402
from nianbao.synth.generate import load_gold, write_corpus  # noqa: E402


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pages(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def _pointed(report: nianbao.Report) -> set[str]:
    out: set[str] = set()
    for f in report.findings:
        out.update(f.cells)
    return out


def _is_pointed(path: str, pointed: set[str]) -> bool:
    return any(path == p or path.startswith(p + ".") for p in pointed)


def accuracy(args: argparse.Namespace) -> None:
    root = args.keep or Path(tempfile.mkdtemp(prefix="nianbao-ocr-"))
    print(f"{'dpi':>4} {'reports':>7} {'pages':>5} {'cells':>6} {'right':>6} {'accuracy':>9} {'wrong':>5} "
          f"{'unflagged':>9} {'CPU s/page':>10}")
    for dpi in [int(d) for d in args.dpis.split(",")]:
        out = root / f"dpi{dpi}"
        if not (out / "scan").exists():
            write_corpus(args.n, out, ("scan",), seed=args.seed, scan_dpi=dpi)
        cells = right = pages = 0
        unflagged: list[str] = []
        wrong: list[str] = []
        cpu = 0.0
        files = sorted((out / "scan").glob("*.pdf"))
        for pdf in files:
            gold, _ = load_gold(pdf.with_suffix(".gold.json"))
            t0 = time.process_time()
            report = nianbao.parse(pdf)
            cpu += time.process_time() - t0
            pages += _pages(pdf)
            g, r = _flatten(gold), _flatten(report)
            pointed = _pointed(report)
            for path, value in g.items():
                cells += 1
                if path in r and r[path] == value:
                    right += 1
                    continue
                p = report.provenance.get(path)
                line = (f"{pdf.name} {path}: gold {value}, read {r.get(path)}"
                        + (f" (raw '{p.ocr.raw}', score {p.ocr.score:.2f}, alternatives {p.ocr.alternatives[:4]})"
                           if p is not None and p.ocr is not None else ""))
                wrong.append(line)
                if not _is_pointed(path, pointed):
                    unflagged.append(line)
        print(f"{dpi:>4} {len(files):>7} {pages:>5} {cells:>6} {right:>6} {right / max(cells, 1):>9.2%} "
              f"{cells - right:>5} {len(unflagged):>9} {cpu / max(pages, 1):>10.2f}", flush=True)
        if args.verbose:
            for line in wrong:
                print("   wrong:", line)
        for line in unflagged:
            print("   NOTHING POINTS TO:", line)
    if args.keep is None:
        shutil.rmtree(root, ignore_errors=True)


def speed(args: argparse.Namespace) -> None:
    from nianbao.readers import pdf as pdf_reader

    root = Path(tempfile.mkdtemp(prefix="nianbao-ocr-speed-"))
    write_corpus(args.n, root, ("pdf", "scan"), seed=args.seed, scan_dpi=200)
    scans = sorted((root / "scan").glob("*.pdf"))
    texts = sorted((root / "pdf").glob("*.pdf"))
    # text-layer PDFs first, before any OCR module is loaded: the path of a text PDF must not load them
    rows = []
    for p in texts:  # warm-up: imports, caches
        nianbao.parse(p)
    for label, ocr_on in (("text-layer PDF, OCR on", True), ("text-layer PDF, OCR off", False),
                          ("text-layer PDF, OCR on (again)", True)):
        pdf_reader.OCR = ocr_on
        pages = sum(_pages(p) for p in texts)
        t0 = time.process_time()
        for _ in range(args.repeat):
            for p in texts:
                nianbao.parse(p)
        cpu = time.process_time() - t0
        rows.append((label, pages * args.repeat, cpu))
    loaded = "rapidocr_onnxruntime" in sys.modules or "cv2" in sys.modules
    pdf_reader.OCR = True
    rss_before = _rss_mb()
    from nianbao.readers.ocr import engine

    t0 = time.process_time()
    engine()
    load = time.process_time() - t0
    pages = sum(_pages(p) for p in scans)
    t0 = time.process_time()
    for p in scans:
        nianbao.parse(p)
    cpu = time.process_time() - t0
    rows.append(("scanned PDF at 200 dpi (OCR)", pages, cpu))
    print(f"{'input':32} {'pages':>5} {'CPU s':>7} {'pages/s/core':>12} {'s/page':>7}")
    for label, n, c in rows:
        print(f"{label:32} {n:>5} {c:>7.2f} {n / max(c, 1e-9):>12.2f} {c / max(n, 1):>7.3f}")
    print(f"OCR modules loaded while reading text-layer PDFs: {loaded}")
    print(f"engine load: {load:.2f} s CPU; peak RSS before OCR {rss_before:.0f} MB, after {_rss_mb():.0f} MB")
    shutil.rmtree(root, ignore_errors=True)


def _reading_text(lines: list[tuple[tuple[float, float, float, float], str]]) -> str:
    rows: list[list[tuple[tuple[float, float, float, float], str]]] = []
    for box, text in sorted(lines, key=lambda x: (x[0][1] + x[0][3]) / 2):
        mid = (box[1] + box[3]) / 2
        if rows and abs(mid - (rows[-1][0][0][1] + rows[-1][0][0][3]) / 2) < (box[3] - box[1]) * 0.5:
            rows[-1].append((box, text))
        else:
            rows.append([(box, text)])
    return "".join(t for row in rows for _, t in sorted(row, key=lambda x: x[0][0]))


def _score(truth: str, read: str) -> tuple[float, float]:
    keep = lambda s: "".join(ch for ch in s if not ch.isspace())  # noqa: E731
    digits = lambda s: "".join(ch for ch in s if ch.isdigit())  # noqa: E731
    return (difflib.SequenceMatcher(None, keep(truth), keep(read), autojunk=False).ratio(),
            difflib.SequenceMatcher(None, digits(truth), digits(read), autojunk=False).ratio())


def engines(args: argparse.Namespace) -> None:
    import random

    import cv2
    import numpy as np
    import pypdfium2 as pdfium

    from nianbao.readers import image_tables as it
    from nianbao.readers.ocr import engine
    from nianbao.synth.scan import scan_pdf as make_scan
    from nianbao.synth.scan import scan_style

    root = Path(tempfile.mkdtemp(prefix="nianbao-ocr-eng-"))
    write_corpus(args.n, root, ("pdf",), seed=args.seed)
    tess = shutil.which("tesseract")
    totals: dict[str, list[float]] = {"rapidocr": [0, 0, 0, 0], "tesseract": [0, 0, 0, 0]}
    for source in sorted((root / "pdf").glob("*.pdf")):
        # the scan of exactly this PDF, so its text layer is the truth for every page
        rng = random.Random(source.stem)
        text_pdf = pdfium.PdfDocument(str(source))
        scan_pdf = pdfium.PdfDocument(make_scan(source.read_bytes(), scan_style(rng, args.dpi), rng))
        for i in range(len(scan_pdf)):
            truth = text_pdf[i].get_textpage().get_text_range()
            image = scan_pdf[i].render(scale=args.dpi / 72, grayscale=True).to_pil()
            gray, binary = it.denoise(np.asarray(image.convert("L")))
            gray = it._rotate(gray, it.skew_angle(binary))
            t0 = time.process_time()
            page = it.analyse_page(image, i + 1, args.dpi)
            ours = _reading_text([(ln.box, ln.text) for ln in page.lines])
            dt = time.process_time() - t0
            c, d = _score(truth, ours)
            totals["rapidocr"] = [a + b for a, b in zip(totals["rapidocr"], (c, d, dt, 1), strict=True)]
            if tess:
                png = root / "page.png"
                cv2.imwrite(str(png), gray)
                t0 = resource.getrusage(resource.RUSAGE_CHILDREN)
                res = subprocess.run([tess, str(png), "-", "-l", "chi_sim", "--psm", "6"], capture_output=True,
                                     text=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"}, check=False)
                t1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                c, d = _score(truth, res.stdout)
                dt = (t1.ru_utime - t0.ru_utime) + (t1.ru_stime - t0.ru_stime)
                totals["tesseract"] = [a + b for a, b in zip(totals["tesseract"], (c, d, dt, 1), strict=True)]
        text_pdf.close()
        scan_pdf.close()
    engine()
    print(f"{'engine':10} {'pages':>5} {'chars':>7} {'digits':>7} {'CPU s/page':>10}")
    for name, (c, d, dt, n) in totals.items():
        if n:
            print(f"{name:10} {int(n):>5} {c / n:>7.1%} {d / n:>7.1%} {dt / n:>10.2f}")
        else:
            print(f"{name:10} not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)")
    shutil.rmtree(root, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("accuracy")
    a.add_argument("--n", type=int, default=6)
    a.add_argument("--dpis", default="150,200,300")
    a.add_argument("--seed", type=int, default=3)
    a.add_argument("--keep", type=Path, default=None)
    a.add_argument("--verbose", "-v", action="store_true")
    s = sub.add_parser("speed")
    s.add_argument("--n", type=int, default=3)
    s.add_argument("--seed", type=int, default=4)
    s.add_argument("--repeat", type=int, default=3)
    e = sub.add_parser("engines")
    e.add_argument("--n", type=int, default=2)
    e.add_argument("--dpi", type=int, default=200)
    e.add_argument("--seed", type=int, default=5)
    args = ap.parse_args()
    {"accuracy": accuracy, "speed": speed, "engines": engines}[args.cmd](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
