"""The corpus database: ingest (resume, idempotence, bad files), body ids, cross-year, stats, export, engines."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from corpus_support import dump
from nianbao.corpus import IngestOptions, connect, ingest, load_reports
from nianbao.corpus.stats import compute
from nianbao.extract.organization import organization_key as normalise_organization
from nianbao.model import (
    ApplicationsTable,
    Finding,
    Meta,
    Report,
    ReviewGroup,
    ReviewsTable,
    Source,
    Tables,
)
from nianbao.synth import write_corpus
from nianbao.templates import get_template

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 40 synthetic reports in text, HTML and DOCX, plus one file that is not what it claims."""
    root = tmp_path_factory.mktemp("corpus")
    write_corpus(16, root, ("text", "html"), seed=5)
    write_corpus(8, root, ("docx",), seed=6)
    (root / "docx" / "broken.pdf").write_bytes(b"this is not a pdf")
    return root


def opts(**kw: object) -> IngestOptions:
    return IngestOptions(exclude=("*.gold.json",), **kw)  # type: ignore[arg-type]


def test_ingest_then_skip_and_same_db(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    first = ingest([corpus], db, opts(jobs=1))
    assert (first.read, first.failed, first.skipped) == (40, 1, 0)
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM reports").fetchall() == [(40,)]
    (path, stage, reason), = con.execute("SELECT path, stage, reason FROM errors").fetchall()
    assert path.endswith("broken.pdf") and stage == "read" and "PDF" in reason
    # the wide view has one row a report and the template's cells as columns
    assert con.execute('SELECT count(*), count("applications.new_received.total") FROM wide').fetchall()[0][0] == 40
    con.close()
    before = dump(db)
    second = ingest([corpus], db, opts(jobs=1))
    assert (second.read, second.skipped, second.failed) == (0, 40, 1)
    assert dump(db) == before


def test_jobs_two_gives_the_same_db(corpus: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    ingest([corpus], a, opts(jobs=1))
    ingest([corpus], b, opts(jobs=2, batch_size=7))
    assert dump(a) == dump(b)


def test_parser_version_change_and_reparse(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    ingest([corpus / "text"], db, opts(jobs=1))
    con = duckdb.connect(str(db))
    con.execute("UPDATE reports SET parser_version = '0.0.0-old' WHERE id = (SELECT min(id) FROM reports)")
    con.close()
    again = ingest([corpus / "text"], db, opts(jobs=1))
    assert (again.read, again.skipped) == (1, 15)
    forced = ingest([corpus / "text"], db, opts(jobs=1, reparse=True))
    assert forced.read == 16
    assert duckdb.connect(str(db), read_only=True).execute("SELECT count(*) FROM reports").fetchall() == [(16,)]


def test_sigkill_then_resume_matches_a_clean_run(corpus: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean.duckdb"
    ingest([corpus], clean, opts(jobs=1))
    db = tmp_path / "killed.duckdb"
    env = {**os.environ, "PYTHONPATH": str(SRC), "NIANBAO_PROGRESS_INTERVAL": "0"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "nianbao", "ingest", str(corpus), "--db", str(db), "--jobs", "1", "--batch", "1",
         "--exclude", "*.gold.json"], env=env, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.startswith("已处理 12/"):
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    con = duckdb.connect(str(db))
    committed = con.execute("SELECT count(*) FROM reports").fetchall()[0][0]
    con.close()
    assert 0 < committed < 40, "the kill should land mid-way"
    resumed = ingest([corpus], db, opts(jobs=1))
    assert resumed.skipped == committed and resumed.read == 40 - committed
    assert dump(db) == dump(clean)


def test_walk_problems_are_reported_not_fatal(corpus: Path, tmp_path: Path) -> None:
    root = tmp_path / "crawl"
    (root / "sub").mkdir(parents=True)
    src = next((corpus / "text").glob("*.txt"))
    (root / "sub" / "a.txt").write_bytes(src.read_bytes())
    (root / "sub" / "same-content.html").write_bytes(src.read_bytes())  # same content: read once
    (root / "sub" / "loop").symlink_to(root)
    (root / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (root / "notes.xyz").write_text("not a report")
    summary = ingest([root], tmp_path / "c.duckdb", opts(jobs=1))
    assert (summary.read, summary.duplicates, summary.walk_problems, summary.ignored) == (1, 1, 2, 1)
    con = connect(tmp_path / "c.duckdb", read_only=True)
    reasons = dict(con.execute("SELECT path, reason FROM errors WHERE stage = 'walk'").fetchall())
    assert "符号链接循环" in reasons[str(root / "sub" / "loop")]
    assert "不存在" in reasons[str(root / "dangling.txt")]
    con.close()
    (root / "sub" / "loop").unlink()  # fixed: the next run no longer lists it
    ingest([root], tmp_path / "c.duckdb", opts(jobs=1))
    con = connect(tmp_path / "c.duckdb", read_only=True)
    assert [p for (p,) in con.execute("SELECT path FROM errors").fetchall()] == [str(root / "dangling.txt")]


# -- a tiny corpus whose indicators are computed by hand ---------------------------------------

def _report(name: str, org: str, kind: str, year: int, apps: dict[str, int | None] | None,
            reviews: dict[str, dict[str, int | None]] | None, findings: list[Finding] | None = None) -> Report:
    t = get_template("2021")
    tables = Tables()
    if apps is not None:
        rows = {r.key: {c.key: 0 for c in t.applications.columns} for r in t.applications.rows}
        for row, value in apps.items():
            rows[row]["total"] = value
        tables.applications = ApplicationsTable(rows=rows)
    if reviews is not None:
        groups = {g: ReviewGroup(**{"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0,
                                    **reviews.get(g, {})})
                  for g in ("review", "litigation_direct", "litigation_after_review")}
        tables.reviews_litigation = ReviewsTable(**groups)
    return Report(source=Source(path=name, sha256="0" * 64, format="text"),
                  meta=Meta(title=f"{org}{year}年政府信息公开工作年度报告", organization=org, body_kind=kind, year=year,
                            template="2021"),
                  tables=tables, findings=findings or [])


def hand_corpus(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    a = _report("a.txt", "青山县统计局", "department", 2022,
                {"new_received": 10, "carried_over": 2, "granted": 5, "partially_granted": 1,
                 "withheld.state_secret": 1, "unavailable.not_held": 2, "total": 9, "carried_forward": 3},
                {"review": {"total": 4, "corrected": 1, "pending": 2},
                 "litigation_direct": {"total": 2, "corrected": 1},
                 "litigation_after_review": {"total": 1, "pending": 1}})
    b = _report("b.txt", "青山县人民政府", "government", 2022,
                {"new_received": 20, "carried_over": None, "granted": 10, "partially_granted": None,
                 "unavailable.not_held": 5, "not_processed.duplicate": 3, "total": None},
                {"review": {"total": 2}})
    c = _report("c.txt", "青山县统计局", "department", 2023,
                {"new_received": None, "carried_over": 1, "granted": 4, "other.other": 1, "total": 5},
                None, [Finding(rule="check.late", severity="error", message="未按时发布")])
    for name, r in (("a", a), ("b", b), ("c", c)):
        (folder / f"{name}.json").write_text(r.to_json(), encoding="utf-8")


def test_stats_definitions_on_a_hand_computed_corpus(tmp_path: Path) -> None:
    hand_corpus(tmp_path / "r")
    db = tmp_path / "c.duckdb"
    ingest([tmp_path / "r"], db, IngestOptions(jobs=1))
    con = connect(db, read_only=True)
    (total,) = compute(con)
    assert total["reports"] == 3 and total["reports_with_t3"] == 3 and total["reports_with_t4"] == 2
    assert (total["applications_new"], total["applications_new_blank"]) == (30, 1)
    assert (total["applications_carried"], total["applications_carried_blank"]) == (3, 1)
    assert (total["handled_total"], total["handled_total_blank"]) == (14, 1)
    # shares only over reports whose 三(七)总计 is filled: a (9) and c (5)
    assert total["share_granted"] == pytest.approx(9 / 14)
    assert total["share_partially_granted"] == pytest.approx(1 / 14)
    assert total["share_withheld"] == pytest.approx(1 / 14)
    assert total["share_unavailable"] == pytest.approx(2 / 14)
    assert total["share_not_processed"] == pytest.approx(0 / 14)
    assert total["share_other"] == pytest.approx(1 / 14)
    assert (total["outcome_partially_granted"], total["outcome_partially_granted_blank"]) == (1, 1)
    assert total["outcome_not_processed"] == 3  # b's 重复申请 counts in the sum even though b's total is blank
    # 复议: a 4 (1 corrected, 2 pending), b 2 → rate 1 / ((4-2) + (2-0))
    assert (total["reviews"], total["reviews_corrected"]) == (6, 1)
    assert total["review_correction_rate"] == pytest.approx(0.25)
    # 诉讼: a direct 2 (1 corrected) + after review 1 (1 pending) → 1 / (3 - 1)
    assert total["litigations"] == 3
    assert total["litigation_correction_rate"] == pytest.approx(0.5)
    assert total["late_reports"] == 1 and total["rule:check.late"] == 1
    by_year = {r["year"]: r for r in compute(con, ("year",))}
    assert by_year[2022]["reports"] == 2 and by_year[2022]["applications_new"] == 30
    assert by_year[2023]["applications_new"] is None and by_year[2023]["applications_new_blank"] == 1
    by_kind = {r["body_kind"]: r["reports"] for r in compute(con, ("body_kind",))}
    assert by_kind == {"department": 2, "government": 1}
    with pytest.raises(ValueError, match="不能按"):
        compute(con, ("colour",))


def test_cross_year_pairs_are_checked_and_stored(tmp_path: Path) -> None:
    hand_corpus(tmp_path / "r")
    db = tmp_path / "c.duckdb"
    summary = ingest([tmp_path / "r"], db, IngestOptions(jobs=1))
    assert summary.crossyear_pairs == 1  # 统计局 2022 → 2023; the 人民政府 has one year
    con = connect(db, read_only=True)
    rows = con.execute(
        "SELECT r.year, p.year, f.rule FROM findings f JOIN reports r ON r.id = f.report_id "
        "JOIN reports p ON p.id = f.previous_id WHERE f.stage = 'crossyear'").fetchall()
    # a carried 3 forward; c says 1 was carried over
    assert (2023, 2022, "check.carryover_mismatch") in rows
    series = con.execute("SELECT body_id, year, previous_year FROM series ORDER BY ALL").fetchall()
    assert series == [("青山县人民政府", 2022, None), ("青山县统计局", 2022, None), ("青山县统计局", 2023, 2022)]


def test_body_id_rule() -> None:
    assert normalise_organization("青山县人民政府办公室") == "青山县人民政府"
    assert normalise_organization(" 青山县 人民政府 ") == "青山县人民政府"
    assert normalise_organization("青山县国土资源局") == "青山县自然资源局"
    assert normalise_organization("青山县自然资源局") == "青山县自然资源局"
    assert normalise_organization("青山县卫生和计划生育委员会") == "青山县卫生健康委员会"
    assert normalise_organization("青山县统计局办公室") == "青山县统计局"
    assert normalise_organization(None) is None


def test_manifest_overrides_metadata_and_body(corpus: Path, tmp_path: Path) -> None:
    files = sorted((corpus / "text").glob("*.txt"))[:2]
    manifest = tmp_path / "m.csv"
    with open(manifest, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["path", "url", "title", "organization", "published", "body_id"])
        w.writerow([str(files[0]), "https://example.org/a", "=HYPERLINK(\"x\")", "某某局", "2024-01-20", "B-1"])
        w.writerow([str(files[1]), "", "", "", "", ""])
    db = tmp_path / "c.duckdb"
    ingest(files, db, IngestOptions(jobs=1, manifest=manifest))
    con = connect(db, read_only=True)
    got = con.execute("SELECT url, title, organization, published::VARCHAR, body_id, body_id_basis FROM reports "
                      "WHERE path = ?", [str(files[0])]).fetchall()
    assert got == [("https://example.org/a", "=HYPERLINK(\"x\")", "某某局", "2024-01-20", "B-1", "manifest")]
    basis = con.execute("SELECT body_id_basis FROM reports WHERE path = ?", [str(files[1])]).fetchall()
    assert basis == [("organization",)]
    # a formula-looking title is exported as text
    out = tmp_path / "o.csv"
    from nianbao.corpus.export import export

    export(con, out)
    lines = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    title = lines[1].index("title")
    assert "'=HYPERLINK(\"x\")" in [row[title] for row in lines[2:]]


def test_loaded_reports_match_the_parsed_ones(corpus: Path, tmp_path: Path) -> None:
    import nianbao

    files = sorted((corpus / "html").glob("*.html"))[:3]
    db = tmp_path / "c.duckdb"
    ingest(files, db, IngestOptions(jobs=1))
    con = connect(db, read_only=True)
    ids = [i for (i,) in con.execute("SELECT id FROM reports ORDER BY path").fetchall()]
    loaded = load_reports(con, ids)
    for rid, path in zip(ids, files, strict=True):
        original = nianbao.parse(path)
        back = loaded[rid]
        assert back.tables.model_dump() == original.tables.model_dump()
        assert back.meta.model_dump() == original.meta.model_dump()  # meta_extra: region, body id, field provenance
        assert [s.model_dump() for s in back.sections] == [s.model_dump() for s in original.sections]
        assert back.figures == original.figures
        assert [f.rule for f in back.findings] == [f.rule for f in original.findings]
        assert back.provenance == original.provenance  # where every value was read


def test_no_provenance_keeps_values_drops_positions(corpus: Path, tmp_path: Path) -> None:
    files = sorted((corpus / "text").glob("*.txt"))[:2]
    a, b = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    ingest(files, a, IngestOptions(jobs=1))
    ingest(files, b, IngestOptions(jobs=1, provenance=False))
    q = "SELECT cell, value, count(line) FROM cells GROUP BY ALL ORDER BY ALL"
    with_prov = duckdb.connect(str(a), read_only=True).execute(q).fetchall()
    without = duckdb.connect(str(b), read_only=True).execute(q).fetchall()
    assert [r[:2] for r in with_prov] == [r[:2] for r in without]
    assert any(r[2] for r in with_prov) and not any(r[2] for r in without)


def test_export_formats(corpus: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from nianbao.corpus.export import export
    from nianbao.errors import OutputError

    db = tmp_path / "c.duckdb"
    ingest([corpus / "text"], db, opts(jobs=1))
    con = connect(db, read_only=True)
    xlsx = tmp_path / "o.xlsx"
    assert export(con, xlsx) == 16
    ws = load_workbook(xlsx).active
    assert ws.freeze_panes == "B3" and ws.auto_filter.ref.startswith("A2:")
    labels = [c.value for c in ws[1]]
    keys = [c.value for c in ws[2]]
    col = keys.index("applications.new_received.total")
    assert labels[col] == "表三 一 本年新收政府信息公开申请数量 / 总计"
    assert ws.max_row == 18
    pq = tmp_path / "o.parquet"
    export(con, pq)
    years = duckdb.sql(f"SELECT year, count(*) FROM read_parquet('{pq}/**/*.parquet', hive_partitioning = true) "
                       "GROUP BY year ORDER BY year").fetchall()
    assert sum(n for _, n in years) == 16 and all((pq / f"year={y}").is_dir() for y, _ in years)
    export(con, pq)  # a previous export of ours is replaced
    keep = tmp_path / "precious"
    keep.mkdir()
    (keep / "thesis.docx").write_text("mine")
    with pytest.raises(OutputError):
        export(con, keep, "parquet")
    assert (keep / "thesis.docx").read_text() == "mine"


def test_cli_ingest_stats_sql(corpus: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from nianbao.cli import app

    db = tmp_path / "c.duckdb"
    runner = CliRunner()
    # the gold files beside the reports are report JSON too (main reads them as such): left out by name
    r = runner.invoke(app, ["ingest", str(corpus / "text"), "--db", str(db), "--jobs", "1", "--exclude", "*.gold.json"])
    assert r.exit_code == 0, r.output
    assert "读取 16 份，跳过 0 份" in r.output
    r = runner.invoke(app, ["stats", "--db", str(db), "--by", "year", "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert sum(g["reports"] for g in data["groups"]) == 16 and data["labels"]["reports"] == "报告数"
    r = runner.invoke(app, ["stats", "--db", str(db), "--by", "template", "--format", "csv", "-o", str(tmp_path / "s.csv")])
    assert r.exit_code == 0, r.output
    rows = list(csv.reader((tmp_path / "s.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:2] == ["格式版本", "报告数"] and rows[1][:2] == ["template", "reports"]
    assert sum(int(row[1]) for row in rows[2:]) == 16
    r = runner.invoke(app, ["stats", "--db", str(db), "--format", "xlsx", "-o", str(tmp_path / "s.xlsx")])
    assert r.exit_code == 0, r.output
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "s.xlsx").active
    assert ws["A1"].value == "报告数" and ws["A2"].value == "reports" and ws["A3"].value == 16
    r = runner.invoke(app, ["sql", "--db", str(db), "SELECT count(*) AS n FROM reports", "--format", "csv"])
    assert r.exit_code == 0 and r.stdout.splitlines() == ["n", "16"]
    r = runner.invoke(app, ["sql", "--db", str(db), "DELETE FROM reports"])
    assert r.exit_code == 2  # read-only
    r = runner.invoke(app, ["stats", "--db", str(tmp_path / "missing.duckdb")])
    assert r.exit_code == 2 and "语料库不存在" in r.output


@pytest.mark.parametrize("engine", ["dask", "ray"])
def test_distributed_engine_gives_the_local_db(engine: str, corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed" if engine == "dask" else "ray")
    local, dist = tmp_path / "l.duckdb", tmp_path / "d.duckdb"
    ingest([corpus], local, opts(jobs=1))
    summary = ingest([corpus], dist, opts(jobs=2, engine=engine, batch_size=8))
    assert (summary.read, summary.failed) == (40, 1)
    # chunks run in long-lived worker processes (what keeps an OCR model loaded between files)
    assert 1 <= len(summary.workers) <= 2
    assert dump(dist) == dump(local)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".d.duckdb.parts")]


def test_dask_cluster_by_address(corpus: Path, tmp_path: Path) -> None:
    """The cluster path: a scheduler started elsewhere (here by the test), reached by its address."""
    distributed = pytest.importorskip("distributed")
    local, dist = tmp_path / "l.duckdb", tmp_path / "d.duckdb"
    ingest([corpus / "text"], local, opts(jobs=1))
    (tmp_path / "parts").mkdir()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster:
        summary = ingest([corpus / "text"], dist, opts(engine="dask", address=cluster.scheduler_address,
                                                       parts_dir=tmp_path / "parts"))
    assert summary.read == 16
    assert dump(dist) == dump(local)
    assert not list((tmp_path / "parts").rglob("*.parquet"))  # loaded parts are removed


def test_loaded_reports_keep_every_kind_of_provenance(corpus: Path, tmp_path: Path) -> None:
    """Text, DOCX, and an OCR reading (from a report JSON: OCR itself is tested in test_ocr.py)."""
    import nianbao
    from nianbao.model import OcrProvenance

    text = sorted((corpus / "text").glob("*.txt"))[0]
    docx = sorted((corpus / "docx").glob("*.docx"))[0]
    scanned = nianbao.parse(sorted((corpus / "text").glob("*.txt"))[1])
    cell = next(iter(sorted(p for p in scanned.provenance if not p.startswith("figures."))))
    scanned.provenance[cell] = scanned.provenance[cell].model_copy(update={"ocr": OcrProvenance(
        score=0.62, raw="l2", crop=(10, 20, 60, 44), dpi=200.0, alternatives=["12", "72"], low=True)})
    as_json = tmp_path / "scan.json"
    as_json.write_text(scanned.to_json(), encoding="utf-8")
    db = tmp_path / "c.duckdb"
    ingest([text, docx, as_json], db, IngestOptions(jobs=1))
    con = connect(db, read_only=True)
    by_path = {p: i for i, p in con.execute("SELECT id, path FROM reports").fetchall()}
    loaded = load_reports(con, list(by_path.values()))
    for path, original in ((text, nianbao.parse(text)), (docx, nianbao.parse(docx)), (as_json, scanned)):
        back = loaded[by_path[str(path)]]
        assert back.provenance == original.provenance, path.name
    assert loaded[by_path[str(as_json)]].provenance[cell].ocr.alternatives == ["12", "72"]
    bare = load_reports(con, list(by_path.values()), provenance=False)  # what the cross-year step reads
    for rid, report in loaded.items():
        assert bare[rid].provenance == {} and bare[rid].tables == report.tables
