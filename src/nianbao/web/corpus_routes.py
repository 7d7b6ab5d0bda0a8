"""The corpus browser over issue 14's DuckDB corpus, opened read-only: reports with filters, a body's
series by year, a dashboard of charts, and the same data as JSON under /api/corpus.

Every query is parameterised; the connection is read-only (DuckDB refuses writes on it), and each
request works on its own cursor because a DuckDB connection is not shared between threads.
"""

from __future__ import annotations

import json
import math
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from ..model import BODY_KIND_ZH
from .pages import page, service

router = APIRouter()
PAGE_SIZE = 50
KINDS = BODY_KIND_ZH
FINDING_FILTERS = {"": "全部", "error": "有错误", "warning": "有警告", "clean": "无错误和警告"}


class Corpus:
    """A read-only DuckDB connection and a cursor per use."""

    def __init__(self, path: Path) -> None:
        from ..corpus import connect

        self.path = path
        self._con = connect(path, read_only=True)
        self._lock = threading.Lock()

    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        with self._lock:
            cur = self._con.cursor()
        try:
            result = cur.execute(sql, params or [])
            names = [d[0] for d in result.description]
            return [dict(zip(names, row, strict=True)) for row in result.fetchall()]
        finally:
            cur.close()

    def cursor(self) -> Any:
        with self._lock:
            return self._con.cursor()


def open_corpus(db: Path) -> Corpus:
    return Corpus(db)


def corpus(request: Request) -> Corpus:
    c = request.app.state.corpus
    if c is None:
        raise HTTPException(404, "没有打开语料库：启动时加 --db corpus.duckdb 才能浏览语料库（先用 nianbao ingest 建库）。")
    return c


# -- queries -----------------------------------------------------------------------------------

@dataclass
class Filters:
    year: int | None = None
    kind: str = ""
    region: str = ""
    findings: str = ""  # "" | error | warning | clean | a rule id
    late: str = ""  # "" | yes | no
    q: str = ""
    page: int = 1

    def where(self) -> tuple[str, list[Any]]:
        parts, params = ["TRUE"], []
        if self.year is not None:
            parts.append("r.year = ?")
            params.append(self.year)
        if self.kind:
            parts.append("r.body_kind = ?")
            params.append(self.kind)
        if self.region:
            parts.append("(r.province = ? OR r.city = ? OR r.county = ? OR starts_with(r.region_code, ?)"
                         " OR contains(r.organization, ?))")
            params += [self.region] * 5
        if self.findings == "error":
            parts.append("r.n_error > 0")
        elif self.findings == "warning":
            parts.append("r.n_warning > 0")
        elif self.findings == "clean":
            parts.append("r.n_error = 0 AND r.n_warning = 0")
        elif self.findings:
            parts.append("EXISTS (SELECT 1 FROM findings f WHERE f.report_id = r.id AND f.rule = ?)")
            params.append(self.findings)
        if self.late == "yes":
            parts.append(_LATE)
        elif self.late == "no":
            parts.append("NOT " + _LATE)
        if self.q:
            parts.append("(contains(r.organization, ?) OR contains(r.title, ?))")
            params += [self.q, self.q]
        return " AND ".join(parts), params

    def query_string(self, **change: Any) -> str:
        from urllib.parse import urlencode

        values = {k: getattr(self, k) for k in ("year", "kind", "region", "findings", "late", "q", "page")}
        values.update(change)
        return urlencode({k: v for k, v in values.items() if v not in (None, "") and not (k == "page" and v == 1)})


_LATE = "EXISTS (SELECT 1 FROM findings f WHERE f.report_id = r.id AND f.rule = 'check.late')"
_LIST = f"""SELECT r.id, r.title, r.organization, r.body_id, r.year, r.body_kind, r.province, r.city, r.county,
  r.template, r.published, r.format, r.n_error, r.n_warning, r.n_info, {_LATE} AS late
FROM reports r WHERE {{where}} ORDER BY r.year DESC NULLS LAST, r.organization, r.id LIMIT ? OFFSET ?"""


def list_reports(c: Corpus, f: Filters) -> tuple[list[dict[str, Any]], int]:
    where, params = f.where()
    total = c.query(f"SELECT count(*) AS n FROM reports r WHERE {where}", params)[0]["n"]
    rows = c.query(_LIST.format(where=where), [*params, PAGE_SIZE, (max(1, f.page) - 1) * PAGE_SIZE])
    return rows, total


def filter_options(c: Corpus) -> dict[str, Any]:
    years = [r["year"] for r in c.query("SELECT DISTINCT year FROM reports WHERE year IS NOT NULL ORDER BY year DESC")]
    rules = c.query("SELECT rule, count(*) AS n FROM findings GROUP BY rule ORDER BY n DESC, rule")
    return {"years": years, "kinds": KINDS, "rules": rules, "findings": FINDING_FILTERS}


def series(c: Corpus, body_id: str) -> tuple[list[dict[str, Any]], dict[str, str]]:
    rows = c.query("SELECT * FROM series WHERE body_id = ? ORDER BY year", [body_id])
    labels = {r["cell"]: r["label_zh"] for r in c.query("SELECT cell, label_zh FROM cell_labels")}
    return rows, labels


def rule_title(rule: str) -> str:
    from ..rules.catalogue import RULES

    r = RULES.get(rule)
    return r.title if r is not None else rule


def dashboard_data(c: Corpus) -> dict[str, Any]:
    """The numbers the dashboard draws (also served as JSON)."""
    from ..corpus.stats import OUTCOME_LABELS, compute

    cur = c.cursor()
    try:
        by_year = compute(cur, ("year",))
        by_kind = compute(cur, ("body_kind",))
    finally:
        cur.close()
    top = c.query("SELECT rule, count(*) AS n FROM findings WHERE severity <> 'info' GROUP BY rule "
                  "ORDER BY n DESC, rule LIMIT 15")
    years = [r for r in by_year if r["year"] is not None]

    def num(v: Any) -> float | None:
        return None if v is None or (isinstance(v, float) and math.isnan(v)) else round(float(v), 4)

    return {
        "years": [str(r["year"]) for r in years],
        "reports_by_year": [r["reports"] for r in years],
        "applications_by_year": [num(r["applications_new"]) for r in years],
        "outcomes": [{"name": label, "data": [num(r[f"share_{g}"]) for r in years]}
                     for g, label in OUTCOME_LABELS.items()],
        "top_findings": [{"rule": r["rule"], "title": rule_title(r["rule"]), "n": r["n"]} for r in top],
        "late_by_kind": [{"kind": KINDS.get(r["body_kind"] or "unknown", r["body_kind"] or "未能判断"),
                          "late": r["late_reports"], "reports": r["reports"]} for r in by_kind],
    }


def chart_json(data: dict[str, Any]) -> str:
    """JSON for a <script type="application/json"> block: '<' escaped so no text can close the block."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# -- pages -------------------------------------------------------------------------------------

def _filters(year: str, kind: str, region: str, findings: str, late: str, q: str, page_no: int) -> Filters:
    try:
        y = int(year) if year.strip() else None
    except ValueError:
        raise HTTPException(400, f"年度“{year[:20]}”不是数字") from None
    if kind and kind not in KINDS:
        raise HTTPException(400, "机关类别只能是：" + "、".join(KINDS))
    if late not in ("", "yes", "no"):
        raise HTTPException(400, "“逾期”只能是 yes 或 no")
    return Filters(y, kind, region.strip()[:100], findings.strip()[:100], late, q.strip()[:100], max(1, page_no))


@router.get("/corpus", response_class=HTMLResponse, include_in_schema=False)
def corpus_list(request: Request, year: str = "", kind: str = "", region: str = "", findings: str = "",
                late: str = "", q: str = "", page_no: int = Query(1, alias="page")) -> HTMLResponse:
    c = corpus(request)
    f = _filters(year, kind, region, findings, late, q, page_no)
    rows, total = list_reports(c, f)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    return page(request, "corpus.html", rows=rows, total=total, f=f, pages=pages, options=filter_options(c),
                kinds=KINDS, db=c.path.name)


@router.get("/corpus/report/{report_id}", include_in_schema=False)
def corpus_report(request: Request, report_id: int) -> Response:
    """A corpus report opened in the report page (rebuilt from the database; no source file)."""
    from ..corpus import load_reports

    c = corpus(request)
    cur = c.cursor()
    try:
        reports = load_reports(cur, [report_id])
    finally:
        cur.close()
    report = reports.get(report_id)
    if report is None:
        raise HTTPException(404, "语料库中没有这份报告")
    name = Path(report.source.path).name or str(report_id)
    entry = service(request).store.add(name, report, {"kind": "none"}, report.source.format, None)
    return RedirectResponse(f"/report/{entry.id}", status_code=303)


@router.get("/corpus/body", response_class=HTMLResponse, include_in_schema=False)
def corpus_body(request: Request, id: str) -> HTMLResponse:  # noqa: A002 - the query parameter's name
    c = corpus(request)
    rows, labels = series(c, id)
    if not rows:
        raise HTTPException(404, "语料库中没有这个机关（或它的报告没有年度）")
    from ..corpus.schema import SERIES_CELLS

    chart = {"years": [str(r["year"]) for r in rows],
             "series": [{"name": labels.get(cell, cell), "data": [r.get(cell) for r in rows]}
                        for cell in SERIES_CELLS[:4]]}
    return page(request, "corpus_body.html", body_id=id, rows=rows, cells=SERIES_CELLS, labels=labels,
                chart=chart_json(chart), kinds=KINDS)


@router.get("/corpus/dashboard", response_class=HTMLResponse, include_in_schema=False)
def corpus_dashboard(request: Request) -> HTMLResponse:
    c = corpus(request)
    data = dashboard_data(c)
    return page(request, "corpus_dashboard.html", data=data, chart=chart_json(data), db=c.path.name)


# -- JSON --------------------------------------------------------------------------------------

@router.get("/api/corpus/reports", tags=["corpus"], summary="语料库中的报告（可按年度、类别、地区、问题、逾期筛选）")
def api_corpus_reports(request: Request, year: str = "", kind: str = "", region: str = "", findings: str = "",
                       late: str = "", q: str = "", page_no: int = Query(1, alias="page")) -> dict[str, Any]:
    f = _filters(year, kind, region, findings, late, q, page_no)
    rows, total = list_reports(corpus(request), f)
    return {"total": total, "page": f.page, "page_size": PAGE_SIZE,
            "reports": [{**r, "id": str(r["id"]), "published": r["published"].isoformat() if r["published"] else None}
                        for r in rows]}


@router.get("/api/corpus/reports/{report_id}", tags=["corpus"], summary="语料库中一份报告的 JSON")
def api_corpus_report(request: Request, report_id: int) -> dict[str, Any]:
    from ..corpus import load_reports

    cur = corpus(request).cursor()
    try:
        report = load_reports(cur, [report_id]).get(report_id)
    finally:
        cur.close()
    if report is None:
        raise HTTPException(404, "语料库中没有这份报告")
    return report.model_dump(mode="json", by_alias=True)


@router.get("/api/corpus/series", tags=["corpus"], summary="一个机关各年度的主要数字")
def api_corpus_series(request: Request, body: str) -> dict[str, Any]:
    rows, labels = series(corpus(request), body)
    if not rows:
        raise HTTPException(404, "语料库中没有这个机关")
    return {"body_id": body, "labels": labels,
            "years": [{k: (str(v) if k in ("report_id", "previous_id") and v is not None else v)
                       for k, v in r.items()} for r in rows]}


@router.get("/api/corpus/stats", tags=["corpus"], summary="统计指标（nianbao stats），可分组")
def api_corpus_stats(request: Request, by: str = "") -> dict[str, Any]:
    from ..corpus.stats import compute, labels

    dims = tuple(d for d in by.split(",") if d)
    cur = corpus(request).cursor()
    try:
        rows = compute(cur, dims)
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from None
    finally:
        cur.close()
    return {"labels": labels(), "rows": rows}


@router.get("/api/corpus/dashboard", tags=["corpus"], summary="统计图表的数据")
def api_corpus_dashboard(request: Request) -> dict[str, Any]:
    return dashboard_data(corpus(request))
