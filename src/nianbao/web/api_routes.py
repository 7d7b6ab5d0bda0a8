"""The JSON API under /api (documented at /api/docs): parse, check, reports held by the server, cells."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, File, Form, Request, UploadFile
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from ..model import Finding, Report
from .pages import entry_or_404, parse_form
from .store import EditError, correct
from .views import cell_origin

router = APIRouter(prefix="/api", tags=["api"])


class ParsedReport(BaseModel):
    id: str
    name: str
    url: str
    report: dict[str, Any]


class ParseError(BaseModel):
    name: str
    message: str


class ParseResult(BaseModel):
    reports: list[ParsedReport]
    errors: list[ParseError]


class CheckRequest(BaseModel):
    report: dict[str, Any]
    previous: dict[str, Any] | None = None


class CheckResult(BaseModel):
    findings: list[Finding]


class Correction(BaseModel):
    value: str | int | float | None = None


@router.post("/parse", response_model=ParseResult, summary="解析上传的报告文件或粘贴的文本")
async def api_parse(request: Request, files: list[UploadFile] | None = File(None), text: str = Form(""),
                    keep: bool = Form(False)) -> ParseResult:
    """Each file is parsed in a sandboxed worker (time and memory limits); one bad file does not stop the rest."""
    outcomes = await parse_form(request, files or [], text, keep)
    if not outcomes:
        raise HTTPException(400, "请上传文件（files）或提供文本（text）")
    reports = [ParsedReport(id=o.entry.id, name=o.name, url=f"/report/{o.entry.id}",
                            report=o.entry.report.model_dump(mode="json", by_alias=True))
               for o in outcomes if o.entry is not None]
    errors = [ParseError(name=o.name, message=o.error or "") for o in outcomes if o.entry is None]
    return ParseResult(reports=reports, errors=errors)


def _report(data: dict[str, Any], what: str) -> Report:
    try:
        return Report.model_validate(data)
    except Exception as exc:
        raise HTTPException(422, f"{what}不是有效的 nianbao.report/1 报告 JSON：{exc}") from None


@router.post("/check", response_model=CheckResult, summary="对报告 JSON 重新核查")
def api_check(payload: CheckRequest = Body(...)) -> CheckResult:
    """Run the check rules on a report JSON (and, given last year's, the cross-year rules)."""
    from ..checks import run_checks

    report = _report(payload.report, "report ")
    previous = _report(payload.previous, "previous ") if payload.previous is not None else None
    return CheckResult(findings=run_checks(report, previous))


@router.get("/reports/{entry_id}", summary="服务器上保存的一份报告（JSON）")
def api_report(request: Request, entry_id: str) -> dict[str, Any]:
    return entry_or_404(request, entry_id).report.model_dump(mode="json", by_alias=True)


@router.get("/reports/{entry_id}/cells/{path}", summary="一个单元格的值、来源位置和相关问题")
def api_cell(request: Request, entry_id: str, path: str) -> dict[str, Any]:
    entry = entry_or_404(request, entry_id)
    try:
        return cell_origin(entry, path)
    except KeyError:
        raise HTTPException(404, f"没有这个单元格：{path[:80]}") from None


@router.post("/reports/{entry_id}/cells/{path}", summary="更正一个单元格并重新核查")
async def api_correct(request: Request, entry_id: str, path: str, body: Correction) -> dict[str, Any]:
    entry = entry_or_404(request, entry_id)
    text = "" if body.value is None else str(body.value)
    try:
        await run_in_threadpool(correct, entry, path, text)
    except EditError as exc:
        raise HTTPException(422, str(exc)) from None
    return {"cell": cell_origin(entry, path),
            "findings": [f.model_dump(mode="json") for f in entry.report.findings]}
