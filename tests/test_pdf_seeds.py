"""The five seeds, rendered to PDF from their text (in the test), parse back to the values of the text form."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("reportlab")

import nianbao  # noqa: E402
from fixtures.pdf.pdfgen import LEFT, RIGHT, Sheet, TCell  # noqa: E402
from nianbao.document import Grid, Paragraph  # noqa: E402
from nianbao.readers import read_text  # noqa: E402

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
if not SEEDS.is_dir():
    pytest.skip(f"seed folder not found: {SEEDS}", allow_module_level=True)

SEED_FILES = sorted(SEEDS.glob("*.txt"))
COMPARED_META = ("title", "organization", "body_kind", "year", "template", "published", "signed")


def render_pdf(text: str, path: Path) -> Path:
    """Paragraphs as wrapped body text, grids as ruled tables (rows padded to the widest row)."""
    s = Sheet(path, header=None, page_numbers="- {n} -")
    for block in read_text(text).blocks:
        if isinstance(block, Paragraph):
            s.para(block.text, indent=False)
        elif isinstance(block, Grid):
            ncols = max(len(r) for r in block.rows)
            rows: list[list[TCell | None]] = [[TCell(c.text) for c in r] + [TCell("")] * (ncols - len(r))
                                              for r in block.rows]
            s.table(rows, [(RIGHT - LEFT) / ncols] * ncols, size=8 if ncols > 9 else 10)
    return s.save()


def _summary(d: dict) -> dict:
    return {
        "meta": {k: d["meta"][k] for k in COMPARED_META},
        "tables": d["tables"],
        "figures": d["figures"],
        "sections": [(s["number"], s["present"]) for s in d["sections"]],
    }


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_seed_pdf_parses_like_its_text(seed: Path, tmp_path: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    want = _summary(nianbao.parse_text(text).model_dump(mode="json"))
    got = _summary(nianbao.parse(render_pdf(text, tmp_path / "seed.pdf")).model_dump(mode="json"))
    assert got == want
