"""PDF table reading: accuracy and speed of nianbao and of pdfplumber's table finder, side by side.

    python3 bench/bench_pdf_tables.py [--repeat 2] [--quick]

Over the issue-11 PDF fixtures (the reportlab layouts drawn into a temporary directory, ruled and
again without ruling lines, the LibreOffice and Chromium files cached in tests/fixtures/pdf/made/) and the real corpus PDF when
../shared is present, one run, in one process:

- nianbao: `read_pdf` (pypdfium2, and the pdfplumber backend) + the extractor;
- pdfplumber's table finder (`page.find_tables(settings)`, several settings), its tables and the
  text lines around them fed to the same extractor (so only the table reading differs);
- a plain 30-line pdfplumber script (`extract_tables()` + the template's official labels);
- camelot (lattice and stream), when camelot-py is installed, fed to the same extractor.

Accuracy: table cells right out of the cells the fixtures print (expected values from the
fixture data, gold.json for the corpus). Speed: reports per CPU second of this single-threaded
process ("per core"), so other jobs on the machine do not distort it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the fixture builders live with the tests


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=2, help="times each file is read per method (speed)")
    ap.add_argument("--quick", action="store_true", help="skip the slow pdfplumber settings")
    args = ap.parse_args()

    from fixtures.pdf.layouts import layouts
    from fixtures.pdf.office_layouts import office_layouts
    from fixtures.pdf.plumber_baseline import (
        CORPUS,
        SETTINGS,
        corpus_expected,
        plain_script,
        plumber_document,
        right,
    )
    from nianbao.extract import extract
    from nianbao.readers.pdf import read_pdf

    with tempfile.TemporaryDirectory() as tmp:
        cases: list[tuple[str, Path, dict]] = []
        for k, lay in enumerate(layouts() + layouts("none") + office_layouts()):
            path = lay.build(Path(tmp) / f"layout{k}.pdf")
            if path.is_file():
                cases.append((lay.name, path, lay.expected))
        gold = corpus_expected()
        if gold is not None:
            cases.append(("corpus: huaian_2024", CORPUS / "source.pdf", gold))
        datas = {path: path.read_bytes() for _, path, _ in cases}

        def nianbao(backend: str) -> Callable[[Path], dict]:
            return lambda p: extract(read_pdf(str(p), datas[p], "", backend=backend)).model_dump(mode="json")

        def plumber(settings: dict) -> Callable[[Path], dict]:
            return lambda p: extract(plumber_document(p, settings)).model_dump(mode="json")

        methods: dict[str, Callable[[Path], dict]] = {
            "nianbao (pypdfium2)": nianbao("pdfium"),
            "nianbao (pdfplumber backend)": nianbao("plumber"),
        }
        for name, settings in SETTINGS.items():
            if args.quick and name != "lines (default)":
                continue
            methods[f"pdfplumber find_tables: {name} (+ nianbao labels)"] = plumber(settings)
        methods["plain pdfplumber script (extract_tables)"] = plain_script  # type: ignore[dict-item]
        try:  # camelot (MIT), another table finder, when installed (pip install camelot-py)
            import camelot  # noqa: F401

            from fixtures.pdf.plumber_baseline import camelot_document

            for flavor in ("lattice", "stream"):
                if not args.quick:
                    methods[f"camelot {flavor} (+ nianbao labels)"] = (
                        lambda p, flavor=flavor: extract(camelot_document(p, flavor)).model_dump(mode="json"))
        except ImportError:
            print("camelot-py not installed: camelot not compared")

        total = sum(len(e) for _, _, e in cases)
        print(f"{len(cases)} PDFs ({len(cases) - (gold is not None)} fixtures"
              f"{' + the corpus PDF' if gold is not None else ''}), {total} table cells; repeat {args.repeat}\n")
        per_file: dict[str, list[int]] = {}
        rows = []
        for mname, fn in methods.items():
            ok = 0
            counts = []
            cpu0, wall0 = time.process_time(), time.perf_counter()
            for rep in range(args.repeat):
                for _, path, expected in cases:
                    got = fn(path)
                    if rep == 0:
                        n = right(got, expected) if "tables" in got else _right_flat(got, expected)
                        ok += n
                        counts.append(n)
            cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
            n_reads = args.repeat * len(cases)
            per_file[mname] = counts
            rows.append((mname, ok, total, n_reads / cpu, 1000 * wall / n_reads))
        unruled = [k for k, (cname, _, _) in enumerate(cases) if cname.endswith("[none]")]
        ruled = [k for k in range(len(cases)) if k not in unruled]

        def share(counts: list[int], ks: list[int]) -> str:
            n, tot = sum(counts[k] for k in ks), sum(len(cases[k][2]) for k in ks)
            return f"{n}/{tot} ({100 * n / tot:.1f} %)" if tot else "-"

        print("| method | ruled fixtures + corpus | unruled fixtures | all | reports/s/core | wall ms/report |")
        print("|---|---|---|---|---|---|")
        for mname, ok, tot, rps, ms in rows:
            c = per_file[mname]
            print(f"| {mname} | {share(c, ruled)} | {share(c, unruled)} | {100 * ok / tot:.2f} % | {rps:.1f} "
                  f"| {ms:.0f} |")
        print("\ncell boxes of ruled tables, nianbao vs pdfplumber find_tables (within 1.5 pt):",
              _cell_boxes([path for cname, path, _ in cases if not cname.endswith("[none]")]))
        print("\nper file (cells right; columns in the order above):")
        names = list(per_file)
        for k, (cname, _, expected) in enumerate(cases):
            marks = " ".join(f"{per_file[m][k]:>4}" for m in names)
            print(f"  {len(expected):>4} {marks}  {cname}")


def _cell_boxes(paths: list[Path]) -> str:
    """How many ruled-table cell boxes nianbao (PDFium edges) and pdfplumber's find_tables share."""
    import pdfplumber
    import pypdfium2 as pdfium

    from nianbao.readers import pdf_layout, pdf_pdfium

    def near(a: tuple, b: tuple) -> bool:
        return all(abs(x - y) <= 1.5 for x, y in zip(a, b, strict=True))

    same = ours_only = theirs_only = 0
    for path in paths:
        pdf = pdfium.PdfDocument(path.read_bytes())
        with pdfplumber.open(path) as pp:
            for i, page in enumerate(pp.pages):
                ours = [c for _, cells in pdf_layout.ruled_tables(pdf_pdfium.page_layout(pdf, i)) for c in cells]
                theirs = [tuple(c) for t in page.find_tables() for c in t.cells]
                both = sum(1 for c in ours if any(near(c, d) for d in theirs))
                same += both
                ours_only += len(ours) - both
                theirs_only += sum(1 for d in theirs if not any(near(c, d) for c in ours))
        pdf.close()
    return f"{same} the same, {ours_only} only nianbao's, {theirs_only} only pdfplumber's"


def _right_flat(got: dict, expected: dict) -> int:
    """The plain script returns only what it read: a cell it did not return is null."""
    return sum(1 for k, v in expected.items() if got.get(k) == v)


if __name__ == "__main__":
    main()
