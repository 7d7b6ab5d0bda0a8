"""Cross-year rules over the corpus: every body's consecutive years, findings stored with stage 'crossyear'.

Pairing (docs/corpus.md): reports with the same `body_id` and a year; when a body has several
reports for one year (the same report as HTML and PDF, a corrected re-publication) the one with
the fewest errors, then the smallest sha256, stands for that year — the `series` view uses the same
choice. Years Y and Y-1 are paired; a gap (2019, 2021) is no pair. Only bodies with a report not yet
checked (`crossyear_done = false`) are recomputed, so a resumed or incremental run redoes exactly
the bodies that changed.
"""

from __future__ import annotations

import duckdb

from ..checks.crossyear import check_cross_year
from .rows import load_reports
from .schema import arrow_table, transaction

BODIES_PER_TRANSACTION = 500


def run_crossyear(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """(pairs checked, findings stored) for the bodies with unchecked reports."""
    bodies = [b for (b,) in con.execute(
        "SELECT DISTINCT body_id FROM reports WHERE NOT crossyear_done AND body_id IS NOT NULL "
        "ORDER BY body_id").fetchall()]
    pairs_done = found = 0
    for start in range(0, len(bodies), BODIES_PER_TRANSACTION):
        group = bodies[start:start + BODIES_PER_TRANSACTION]
        pairs = con.execute("""
            WITH rep AS (
              SELECT body_id, year, id, row_number() OVER (PARTITION BY body_id, year ORDER BY n_error, sha256) rn
              FROM reports WHERE body_id IN (SELECT unnest(?::VARCHAR[])) AND year IS NOT NULL)
            SELECT cur.id, prev.id FROM rep cur JOIN rep prev
              ON prev.body_id = cur.body_id AND prev.year = cur.year - 1 AND prev.rn = 1
            WHERE cur.rn = 1 ORDER BY cur.body_id, cur.year""", [group]).fetchall()
        reports = load_reports(con, sorted({i for pair in pairs for i in pair}), provenance=False)
        rows = []
        for cur, prev in pairs:
            for seq, f in enumerate(check_cross_year(reports[cur], reports[prev])):
                rows.append((cur, 10_000 + seq, "crossyear", prev, f.rule, f.severity, f.message, list(f.cells),
                             f.evidence))
        with transaction(con):
            con.execute("DELETE FROM findings WHERE stage = 'crossyear' AND report_id IN "
                        "(SELECT id FROM reports WHERE body_id IN (SELECT unnest(?::VARCHAR[])))", [group])
            if rows:
                new = arrow_table("findings", rows)  # noqa: F841 - read by name below
                con.execute("INSERT INTO findings SELECT * FROM new")
            con.execute("UPDATE reports SET crossyear_done = TRUE "
                        "WHERE body_id IN (SELECT unnest(?::VARCHAR[]))", [group])
        pairs_done += len(pairs)
        found += len(rows)
    return pairs_done, found
