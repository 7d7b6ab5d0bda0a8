"""The indicators of `nianbao stats`, computed in SQL over the long tables (definitions: docs/corpus.md).

Every indicator is a sum over the reports of a group; a blank cell (NULL) is never counted as 0:
it is left out of the sum and counted in the indicator's `_blank` column. Shares and rates only use
reports where every cell they need is filled, so numerator and denominator cover the same reports.
The 表三 outcome groups are derived from the template definitions (`outcome_rows` of both versions).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

from ..templates import TEMPLATES
from .schema import META_LABELS

DIMENSIONS = ("year", "body_kind", "province", "city", "county", "region_code", "template", "format", "body_id",
              "organization")

# 表三 outcome groups (三(一)…三(六)) in form order, labels as the 2021 form prints them.
OUTCOME_LABELS = {"granted": "予以公开", "partially_granted": "部分公开", "withheld": "不予公开",
                  "unavailable": "无法提供", "not_processed": "不予处理", "other": "其他处理"}


def _outcome_cells() -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {g: [] for g in OUTCOME_LABELS}
    for version in sorted(TEMPLATES):
        for key in TEMPLATES[version].applications.outcome_rows:
            cell = f"applications.{key}.total"
            group = groups[key.split(".", 1)[0]]
            if cell not in group:
                group.append(cell)
    return groups


@dataclass(frozen=True)
class Sum:
    name: str
    label: str
    cells: tuple[str, ...]


def sums() -> tuple[Sum, ...]:
    """The summed indicators: name, Chinese label, the cells (总计 column) they add."""
    out = [
        Sum("applications_new", "本年新收申请", ("applications.new_received.total",)),
        Sum("applications_carried", "上年结转申请", ("applications.carried_over.total",)),
        Sum("handled_total", "办理结果总计", ("applications.total.total",)),
    ]
    for group, cells in _outcome_cells().items():
        out.append(Sum(f"outcome_{group}", OUTCOME_LABELS[group], tuple(cells)))
    out += [
        Sum("carried_forward", "结转下年度", ("applications.carried_forward.total",)),
        Sum("reviews", "行政复议", ("reviews_litigation.review.total",)),
        Sum("reviews_corrected", "行政复议结果纠正", ("reviews_litigation.review.corrected",)),
        Sum("reviews_pending", "行政复议尚未审结", ("reviews_litigation.review.pending",)),
        Sum("litigations", "行政诉讼", ("reviews_litigation.litigation_direct.total",
                                     "reviews_litigation.litigation_after_review.total")),
        Sum("litigations_corrected", "行政诉讼结果纠正", ("reviews_litigation.litigation_direct.corrected",
                                                  "reviews_litigation.litigation_after_review.corrected")),
        Sum("litigations_pending", "行政诉讼尚未审结", ("reviews_litigation.litigation_direct.pending",
                                                "reviews_litigation.litigation_after_review.pending")),
    ]
    return tuple(out)


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _in(cells: tuple[str, ...]) -> str:
    return f"cell IN ({', '.join(_lit(c) for c in cells)})"


def labels() -> dict[str, str]:
    """Column name → Chinese label, for every column `compute` can return (rules excepted)."""
    out = {"reports": "报告数", "reports_with_t3": "有表三的报告数", "reports_with_t4": "有表四的报告数"}
    for s in sums():
        out[s.name] = s.label
        out[f"{s.name}_blank"] = f"{s.label}（空白单元格数）"
    for group, label in OUTCOME_LABELS.items():
        out[f"share_{group}"] = f"{label}占比"
    out.update({"review_correction_rate": "行政复议纠错率", "litigation_correction_rate": "行政诉讼纠错率",
                "late_reports": "逾期发布的报告数", "findings_error": "错误（条）", "findings_warning": "警告（条）",
                "findings_info": "提示（条）"})
    for d in DIMENSIONS:
        out[d] = META_LABELS[d]
    return out


def stats_sql(by: tuple[str, ...]) -> str:
    s = sums()
    per_report = ",\n    ".join(
        f"sum(value) FILTER (WHERE {_in(x.cells)}) AS {x.name},\n    "
        f"count(*) FILTER (WHERE {_in(x.cells)} AND value IS NULL) AS {x.name}_blank" for x in s)
    dims = "".join(f"r.{d}, " for d in by)
    group = ", ".join(by)
    agg = ",\n  ".join(f"sum({x.name}) AS {x.name}, sum({x.name}_blank)::BIGINT AS {x.name}_blank" for x in s)
    shares = ",\n  ".join(
        f"sum(outcome_{g}) FILTER (WHERE handled_total IS NOT NULL AND outcome_{g} IS NOT NULL)"
        f" / nullif(sum(handled_total) FILTER (WHERE outcome_{g} IS NOT NULL), 0) AS share_{g}"
        for g in OUTCOME_LABELS)

    def rate(prefix: str) -> str:
        ok = f"{prefix}_corrected IS NOT NULL AND {prefix} IS NOT NULL AND {prefix}_pending IS NOT NULL"
        return (f"sum({prefix}_corrected) FILTER (WHERE {ok}) / "
                f"nullif(sum({prefix} - {prefix}_pending) FILTER (WHERE {ok}), 0)")

    return f"""
WITH v AS (
  SELECT report_id,
    bool_or(tbl = 'applications') AS has_t3,
    bool_or(tbl = 'reviews_litigation') AS has_t4,
    {per_report}
  FROM cells GROUP BY report_id
), f AS (
  SELECT report_id,
    count(*) FILTER (WHERE severity = 'error') AS e,
    count(*) FILTER (WHERE severity = 'warning') AS w,
    count(*) FILTER (WHERE severity = 'info') AS i,
    bool_or(rule = 'check.late') AS late
  FROM findings GROUP BY report_id
), base AS (
  SELECT {dims}v.*, coalesce(f.e, 0) AS e, coalesce(f.w, 0) AS w, coalesce(f.i, 0) AS i,
         coalesce(f.late, FALSE) AS late
  FROM reports r LEFT JOIN v ON v.report_id = r.id LEFT JOIN f ON f.report_id = r.id
)
SELECT {group + ', ' if by else ''}count(*) AS reports,
  count(*) FILTER (WHERE has_t3) AS reports_with_t3,
  count(*) FILTER (WHERE has_t4) AS reports_with_t4,
  {agg},
  {shares},
  {rate('reviews')} AS review_correction_rate,
  {rate('litigations')} AS litigation_correction_rate,
  count(*) FILTER (WHERE late) AS late_reports,
  sum(e)::BIGINT AS findings_error, sum(w)::BIGINT AS findings_warning, sum(i)::BIGINT AS findings_info
FROM base
{('GROUP BY ' + group + ' ORDER BY ' + group) if by else ''}"""


def compute(con: duckdb.DuckDBPyConnection, by: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """One dict per group: the dimensions, the indicators, then `rule:<rule id>` counts of findings."""
    bad = [d for d in by if d not in DIMENSIONS]
    if bad:
        raise ValueError(f"不能按“{'、'.join(bad)}”分组（可用：{', '.join(DIMENSIONS)}）")
    cur = con.execute(stats_sql(by))
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    dims = "".join(f"r.{d}, " for d in by)
    rule_rows = con.execute(
        f"SELECT {dims}f.rule, count(*) FROM findings f JOIN reports r ON r.id = f.report_id "
        f"GROUP BY ALL ORDER BY ALL").fetchall()
    rules = sorted({r[-2] for r in rule_rows})
    index = {tuple(row[d] for d in by): row for row in rows}
    for row in rows:
        for rule in rules:
            row[f"rule:{rule}"] = 0
    for r in rule_rows:
        target = index.get(tuple(r[:len(by)]))
        if target is not None:
            target[f"rule:{r[-2]}"] = r[-1]
    for row in rows:
        for k, v in row.items():
            if isinstance(v, float) and v.is_integer() and not k.startswith(("share_", "review_", "litigation_c")):
                row[k] = int(v)
    return rows
