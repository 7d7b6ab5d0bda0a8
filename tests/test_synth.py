"""The synthetic corpus: deterministic, arithmetic as recorded, and parse → the gold tables for
every generated report in every format whose reader exists (a modest number here; the full
size runs in bench/bench_roundtrip.py)."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import nianbao
from nianbao.cli import app
from nianbao.rules.catalogue import RULES
from nianbao.synth import generate, load_gold, write_corpus

N_CI = {"text": 40, "html": 40, "docx": 40, "pdf": 6}
READERS = {"text": None, "html": "nianbao.readers.html", "docx": "nianbao.readers.docx", "pdf": "nianbao.readers.pdf"}


def _compare(path: Path) -> list[str]:
    gold, _ = load_gold(path.with_suffix(".gold.json"))
    got = nianbao.parse(path)
    problems = []
    if got.tables.model_dump() != gold.tables.model_dump():
        a, b = gold.tables.model_dump(), got.tables.model_dump()
        problems.append(f"{path.name}: tables differ {_first_diff(a, b)}")
    for key in ("year", "template", "organization", "body_kind"):
        if getattr(got.meta, key) != getattr(gold.meta, key):
            problems.append(f"{path.name}: meta.{key} {getattr(got.meta, key)!r} != {getattr(gold.meta, key)!r}")
    return problems


def _first_diff(a: object, b: object, path: str = "") -> str:
    if isinstance(a, dict) and isinstance(b, dict):
        for k in a.keys() | b.keys():
            if a.get(k) != b.get(k):
                return _first_diff(a.get(k), b.get(k), f"{path}.{k}")
    return f"{path}: gold {a!r} read {b!r}"


@pytest.mark.parametrize("fmt", list(N_CI))
def test_round_trip(tmp_path_factory: pytest.TempPathFactory, fmt: str) -> None:
    if READERS[fmt] and importlib.util.find_spec(READERS[fmt]) is None:
        pytest.skip(f"{fmt} reader not installed")
    if fmt == "pdf" and shutil.which("soffice") is None:
        pytest.skip("LibreOffice not installed")
    out = tmp_path_factory.mktemp(f"synth_{fmt}")
    files = write_corpus(N_CI[fmt], out, (fmt,), seed=7)
    assert len(files) == N_CI[fmt]
    problems = [p for f in files for p in _compare(f)]
    assert problems == []


def test_deterministic(tmp_path: Path) -> None:
    a = write_corpus(6, tmp_path / "a", ("text", "html", "docx"), seed=3)
    b = write_corpus(6, tmp_path / "b", ("text", "html", "docx"), seed=3)
    for x, y in zip(a, b, strict=True):
        assert x.read_bytes() == y.read_bytes(), x.name
        assert x.with_suffix(".gold.json").read_bytes() == y.with_suffix(".gold.json").read_bytes()
    c = write_corpus(6, tmp_path / "c", ("text",), seed=4)
    assert [f.read_bytes() for f in c] != [f.read_bytes() for f in a if f.suffix == ".txt"]


def _sums_that_fail(report: nianbao.Report) -> list[set[str]]:
    """The sums of 表三 and 表四 that do not hold, as the sets of their cells, worked out here by hand
    from the printed form (一+二 = 三(七)+四 per column; 总计 = the six applicant columns per row; 三(七) =
    the outcome rows per column; 总计 = the four results per 表四 group). A sum with a blank cell is skipped."""
    template = nianbao.templates.get_template(report.meta.template)
    out: list[set[str]] = []

    def check(lhs: list[str], rhs: list[str], get: dict[str, object]) -> None:
        vals = [get[c] for c in lhs + rhs]
        if None not in vals and sum(get[c] for c in lhs) != sum(get[c] for c in rhs):  # type: ignore[misc]
            out.append(set(lhs + rhs))

    rows = report.tables.applications.rows
    cells = {f"applications.{r}.{c}": v for r, cols in rows.items() for c, v in cols.items()}
    cols = [c.key for c in template.applications.columns]
    for c in cols:
        check([f"applications.new_received.{c}", f"applications.carried_over.{c}"],
              [f"applications.total.{c}", f"applications.carried_forward.{c}"], cells)
        check([f"applications.total.{c}"], [f"applications.{r}.{c}" for r in template.applications.outcome_rows], cells)
    for r in rows:
        check([f"applications.{r}.total"], [f"applications.{r}.{c}" for c in cols if c != "total"], cells)
    reviews = report.tables.reviews_litigation
    for g in ("review", "litigation_direct", "litigation_after_review"):
        got = getattr(reviews, g).model_dump()
        cells = {f"reviews_litigation.{g}.{k}": v for k, v in got.items()}
        check([f"reviews_litigation.{g}.total"],
              [f"reviews_litigation.{g}.{k}" for k in ("upheld", "corrected", "other", "pending")], cells)
    return out


def test_variety_and_recorded_breakage() -> None:
    reports = [generate(11, i) for i in range(300)]
    metas = [s.report.meta for s in reports]
    assert {m.template for m in metas} == {"2019", "2021"}
    assert {m.body_kind for m in metas} == {"government", "department", "township"}
    assert len({m.year for m in metas}) == 6
    assert any(m.template == "2019" and m.year >= 2021 for m in metas)  # the old format used late
    broken = [s for s in reports if any("check" in e for e in s.expected_findings)]
    assert 0.05 < len(broken) / len(reports) < 0.3
    for s in reports:
        arithmetic = [e for e in s.expected_findings if "check" in e]  # the rest: test_synth_gold.py
        failing = _sums_that_fail(s.report)
        assert bool(failing) == bool(arithmetic), s.report.meta.title
        recorded = {c for e in arithmetic for c in e["cells"]}
        for cells in failing:  # every broken sum is recorded, with all of its cells
            assert cells <= recorded, (s.report.meta.title, sorted(cells - recorded))
        for e in arithmetic:  # and nothing is recorded that is not a broken sum
            assert e["rule"] in RULES and any(set(e["cells"]) & cells for cells in failing)
    # every table cell the gold holds is an int, a float (money) or null, never a string
    for s in reports[:50]:
        for row in s.report.tables.applications.rows.values():
            assert all(v is None or isinstance(v, int) for v in row.values())


def test_expected_findings_agree_with_the_checks(tmp_path: Path) -> None:
    """A broken synthetic report makes the rule engine flag the cell that was changed."""
    pytest.importorskip("nianbao.checks")
    files = write_corpus(60, tmp_path, ("text",), seed=5)
    seen = 0
    for f in files:
        gold, expected = load_gold(f.with_suffix(".gold.json"))
        arith = [e for e in expected if "check" in e]  # the arithmetic breaks (the other findings: test_synth_gold)
        report = nianbao.parse(f)
        flagged = {c for x in report.findings if x.severity == "error" for c in x.cells}
        for e in arith:
            seen += 1
            assert set(e["cells"]) & flagged, (f.name, e)
        for e in expected:
            if e["rule"] == "extract.table_missing":
                assert any(x.rule == "extract.table_missing" and x.cells == e["cells"] for x in report.findings)
    assert seen > 0


def test_synth_command(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["synth", "--n", "3", "--out", str(tmp_path), "--formats", "text,html",
                                   "--seed", "2"])
    assert res.exit_code == 0, res.output
    assert len(list((tmp_path / "text").glob("*.txt"))) == 3
    assert len(list((tmp_path / "html").glob("*.gold.json"))) == 3
    res = CliRunner().invoke(app, ["synth", "--n", "3", "--out", str(tmp_path), "--formats", "rtf"])
    assert res.exit_code == 2
