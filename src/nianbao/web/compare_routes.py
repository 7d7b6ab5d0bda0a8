"""Compare two reports (issue 15's `nianbao.compare.compare_reports`): two uploads, two reports the
server holds, or two years of one body in the corpus."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, File, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from ..model import Report
from .pages import entry_or_404, page, service

router = APIRouter()
VERDICT_ZH = {"holds": "成立", "broken": "不成立", "unknown": "无法判断"}


def comparison(a: Report, b: Report) -> Any:
    from ..compare import compare_reports

    return compare_reports(a.model_copy(deep=True), b.model_copy(deep=True))


def render(request: Request, cmp: Any, a_id: str | None = None, b_id: str | None = None,
           status: int = 200) -> HTMLResponse:
    query = request.url.query  # the same pair, for the download links
    return page(request, "compare.html", status=status, cmp=cmp, verdicts=VERDICT_ZH, a_id=a_id, b_id=b_id,
                download=f"{request.url.path}/download", query=query)


COMPARE_DOWNLOADS = {"html": ("网页（独立文件）", "text/html; charset=utf-8"),
                     "xlsx": ("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                     "json": ("JSON", "application/json")}


def comparison_file(cmp: Any, fmt: str) -> Response:
    import io

    from .pages import attachment

    if fmt == "html":
        from ..compare.render import comparison_html

        data = comparison_html(cmp).encode("utf-8")
    elif fmt == "xlsx":
        from ..compare.render import write_comparison_xlsx

        buf = io.BytesIO()
        write_comparison_xlsx(cmp, buf)
        data = buf.getvalue()
    elif fmt == "json":
        data = cmp.to_json().encode("utf-8")
    else:
        raise HTTPException(404, "没有这种下载格式")
    name = f"对比_{cmp.a.organization or '报告'}_{cmp.a.year or ''}-{cmp.b.year or ''}.{fmt}"
    from .tasks import display_name

    return attachment(data, COMPARE_DOWNLOADS[fmt][1], display_name(name))


@router.get("/compare", response_class=HTMLResponse, include_in_schema=False)
def compare_page(request: Request, a: str = "", b: str = "") -> Response:
    """The form; with ?a=&b= (ids of reports the server holds), their comparison."""
    if a and b:
        ea, eb = entry_or_404(request, a), entry_or_404(request, b)
        return render(request, comparison(ea.report, eb.report), ea.id, eb.id)
    return page(request, "compare.html", cmp=None)


@router.get("/compare/download/{fmt}", include_in_schema=False)
def compare_download(request: Request, fmt: str, a: str, b: str) -> Response:
    ea, eb = entry_or_404(request, a), entry_or_404(request, b)
    return comparison_file(comparison(ea.report, eb.report), fmt)


@router.post("/compare", include_in_schema=False)
async def compare_uploads(request: Request, a: UploadFile = File(...), b: UploadFile = File(...)) -> Response:
    svc = service(request)
    outcomes = []
    for upload in (a, b):
        data = await upload.read()
        outcomes.append(await run_in_threadpool(svc.parse_file, upload.filename or "上传文件", data, False))
    errors = [o.error for o in outcomes if o.entry is None]
    if errors:
        return page(request, "compare.html", status=422, cmp=None, error="；".join(e for e in errors if e))
    ea, eb = (o.entry for o in outcomes)
    assert ea is not None and eb is not None
    return RedirectResponse(f"/compare?a={ea.id}&b={eb.id}", status_code=303)


def corpus_pair(request: Request, body: str, a: int, b: int) -> tuple[Report, Report]:
    from ..corpus import load_reports
    from .corpus_routes import corpus

    c = corpus(request)
    rows = c.query("SELECT year, report_id FROM series WHERE body_id = ? AND year IN (?, ?)", [body, a, b])
    ids = {r["year"]: r["report_id"] for r in rows}
    missing = [str(y) for y in (a, b) if y not in ids]
    if missing:
        raise HTTPException(404, f"语料库中没有该机关 {'、'.join(missing)} 年度的报告")
    cur = c.cursor()
    try:
        reports = load_reports(cur, [ids[a], ids[b]])
    finally:
        cur.close()
    return reports[ids[a]], reports[ids[b]]


@router.get("/compare/corpus", response_class=HTMLResponse, include_in_schema=False)
def compare_corpus(request: Request, body: str, a: int, b: int) -> HTMLResponse:
    ra, rb = corpus_pair(request, body, a, b)
    return render(request, comparison(ra, rb))


@router.get("/compare/corpus/download/{fmt}", include_in_schema=False)
def compare_corpus_download(request: Request, fmt: str, body: str, a: int, b: int) -> Response:
    ra, rb = corpus_pair(request, body, a, b)
    return comparison_file(comparison(ra, rb), fmt)


@router.post("/api/compare", tags=["api"], summary="对比两份报告 JSON（较早的一份为 a）")
def api_compare(a: dict[str, Any] = Body(...), b: dict[str, Any] = Body(...)) -> dict[str, Any]:
    try:
        ra, rb = Report.model_validate(a), Report.model_validate(b)
    except Exception as exc:
        raise HTTPException(422, f"不是有效的 nianbao.report/1 报告 JSON：{exc}") from None
    return comparison(ra, rb).model_dump(mode="json")


@router.get("/api/corpus/compare", tags=["corpus"], summary="语料库中一个机关两个年度的对比")
def api_corpus_compare(request: Request, body: str, a: int, b: int) -> dict[str, Any]:
    ra, rb = corpus_pair(request, body, a, b)
    return comparison(ra, rb).model_dump(mode="json")
