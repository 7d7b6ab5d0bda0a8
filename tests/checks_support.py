"""Builders for the check tests: clean reports and consistent tables, written from the contract.

The row/column keys and the relations below are written independently from
shared/spec/report-json.md and shared/reference/template.md §5 (C1–C4), not taken from the
template definitions the checks derive their relations from.
"""

from __future__ import annotations

import datetime as dt
import random

from nianbao.model import (
    ActiveDisclosureTable,
    ApplicationsTable,
    Contact,
    Meta,
    Report,
    ReviewGroup,
    ReviewsTable,
    Section,
    Source,
    Tables,
)

APPLICANTS = ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
              "legal_service_org", "other_org")
COLUMNS = APPLICANTS + ("total",)
OUTCOMES_COMMON = (
    "granted", "partially_granted",
    "withheld.state_secret", "withheld.prohibited_by_law", "withheld.security_stability",
    "withheld.third_party_rights", "withheld.internal_affairs", "withheld.process_information",
    "withheld.enforcement_file", "withheld.administrative_query",
    "unavailable.not_held", "unavailable.needs_creation", "unavailable.unclear_after_correction",
    "not_processed.complaint", "not_processed.duplicate", "not_processed.publication",
    "not_processed.excessive", "not_processed.confirmation",
)
OUTCOMES = {
    "2019": OUTCOMES_COMMON + ("other",),
    "2021": OUTCOMES_COMMON + ("other.no_correction", "other.fee_unpaid", "other.other"),
}
GROUPS = ("review", "litigation_direct", "litigation_after_review")
RESULTS = ("upheld", "corrected", "other", "pending")

ACTIVE_SHAPE = {
    "2019": {
        "art20_1": (("rules", "normative_documents"), ("new_made", "new_published", "total_published")),
        "art20_5": (("licensing", "other_services"), ("previous", "change", "decisions")),
        "art20_6": (("penalty", "coercion"), ("previous", "change", "decisions")),
        "art20_8": (("fees",), ("previous", "change")),
        "art20_9": (("procurement",), ("projects", "amount")),
    },
    "2021": {
        "art20_1": (("rules", "normative_documents"), ("issued", "repealed", "in_force")),
        "art20_5": (("licensing",), ("decisions",)),
        "art20_6": (("penalty", "coercion"), ("decisions",)),
        "art20_8": (("fees",), ("amount",)),
    },
}

SECTION_TITLES = ("总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
                  "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项")


def applications(version: str, rng: random.Random, high: int = 9) -> ApplicationsTable:
    """A 表三 satisfying C1–C3 in every column and C2 in every row."""
    rows: dict[str, dict[str, int | float | None]] = {}
    outcomes = OUTCOMES[version]
    for key in outcomes + ("new_received", "carried_over", "total", "carried_forward"):
        rows[key] = {}
    for col in APPLICANTS:
        for key in outcomes:
            rows[key][col] = rng.randint(0, high)
        handled = sum(rows[key][col] for key in outcomes)  # type: ignore[misc]
        rows["total"][col] = handled
        forward = rng.randint(0, high)
        rows["carried_forward"][col] = forward
        carried = rng.randint(0, handled + forward)
        rows["carried_over"][col] = carried
        rows["new_received"][col] = handled + forward - carried
    for key in rows:
        rows[key]["total"] = sum(rows[key][c] for c in APPLICANTS)  # type: ignore[misc]
    return ApplicationsTable(rows=rows)


def reviews(rng: random.Random, high: int = 5) -> ReviewsTable:
    groups = {}
    for g in GROUPS:
        parts = {r: rng.randint(0, high) for r in RESULTS}
        groups[g] = ReviewGroup(**parts, total=sum(parts.values()))
    return ReviewsTable(**groups)


def active(version: str, rng: random.Random, rules: int = 0) -> ActiveDisclosureTable:
    items: dict[str, dict[str, dict[str, int | float | None]]] = {}
    for item, (rows, cols) in ACTIVE_SHAPE[version].items():
        items[item] = {}
        for row in rows:
            items[item][row] = {}
            for col in cols:
                if col == "change":
                    items[item][row][col] = rng.randint(-3, 3)
                elif col == "amount":
                    items[item][row][col] = round(rng.uniform(0, 100), 2)
                else:
                    items[item][row][col] = rng.randint(0, 20)
    for col in items["art20_1"]["rules"]:
        items["art20_1"]["rules"][col] = rules
    return ActiveDisclosureTable(template=version, items=items)


def clean_report(version: str = "2021", seed: int = 0, **meta: object) -> Report:
    """A report no check rule objects to: consistent tables, dates in time, all parts present."""
    rng = random.Random(seed)
    year = 2022 if version == "2021" else 2020
    fields: dict[str, object] = {
        "title": f"某市某局{year}年政府信息公开工作年度报告",
        "organization": "某市某局",
        "body_kind": "department",
        "year": year,
        "template": version,
        "template_evidence": "tables",
        "published": dt.date(year + 1, 1, 20),
        "published_basis": "page",
        "period_year": year,
        "contact": Contact(phone="0000-1234567"),
    }
    fields.update(meta)
    texts = [
        f"{year}年，本局认真贯彻《中华人民共和国政府信息公开条例》，全年主动公开政府信息120条。",
        "主动公开情况见下表。", "申请情况见下表。", "复议诉讼情况见下表。",
        "存在的主要问题是公开内容不够全面，改进措施是加强培训。",
        "本年度未收取信息处理费。",
    ]
    sections = [Section(number=i + 1, title=t, present=True, heading=f"{'一二三四五六'[i]}、{t}", text=texts[i])
                for i, t in enumerate(SECTION_TITLES)]
    return Report(
        source=Source(path=f"<clean {version} {seed}>", sha256="0" * 64, format="text"),
        meta=Meta(**fields),
        sections=sections,
        tables=Tables(active_disclosure=active(version, rng), applications=applications(version, rng),
                      reviews_litigation=reviews(rng)),
    )


def set_cell(report: Report, path: str, value: int | float | None) -> None:
    """Write a value at a dotted cell path (test helper; mirrors the contract's cell references)."""
    table, _, rest = path.partition(".")
    if table == "applications":
        row, _, col = rest.rpartition(".")
        report.tables.applications.rows[row][col] = value  # type: ignore[union-attr]
    elif table == "reviews_litigation":
        group, col = rest.split(".")
        setattr(getattr(report.tables.reviews_litigation, group), col, value)
    elif table == "active_disclosure":
        item, row, col = rest.split(".")
        report.tables.active_disclosure.items[item][row][col] = value  # type: ignore[union-attr]
    else:
        raise KeyError(path)


def all_cells(report: Report) -> list[str]:
    out: list[str] = []
    t = report.tables
    if t.applications is not None:
        out += [f"applications.{r}.{c}" for r, cols in t.applications.rows.items() for c in cols]
    if t.reviews_litigation is not None:
        out += [f"reviews_litigation.{g}.{c}" for g in GROUPS for c in RESULTS + ("total",)]
    if t.active_disclosure is not None:
        out += [f"active_disclosure.{i}.{r}.{c}" for i, rows in t.active_disclosure.items.items()
                for r, cols in rows.items() for c in cols]
    return out


def expected_relations(version: str, path: str) -> set[tuple[str, frozenset[str]]]:
    """(rule, cells) of every arithmetic relation (C1–C4) the cell takes part in."""
    table, _, rest = path.partition(".")
    out: set[tuple[str, frozenset[str]]] = set()
    if table == "applications":
        row, _, col = rest.rpartition(".")
        out.add(("check.t3_row_sum", frozenset(f"applications.{row}.{c}" for c in COLUMNS)))
        if row in ("new_received", "carried_over", "total", "carried_forward"):
            out.add(("check.t3_balance", frozenset(f"applications.{r}.{col}" for r in
                                                   ("new_received", "carried_over", "total", "carried_forward"))))
        if row in OUTCOMES[version] or row == "total":
            out.add(("check.t3_outcome_sum",
                     frozenset(f"applications.{r}.{col}" for r in OUTCOMES[version] + ("total",))))
    elif table == "reviews_litigation":
        group = rest.split(".")[0]
        out.add(("check.t4_group_sum",
                 frozenset(f"reviews_litigation.{group}.{c}" for c in RESULTS + ("total",))))
    return out
