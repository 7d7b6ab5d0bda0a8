"""The HTML pages: upload, report, correction, downloads, page images."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from ..model import Provenance
from .sandbox import SandboxError
from .service import DOWNLOADS, DownloadUnavailable, Outcome, Service, download_bytes, download_name
from .store import EditError, Entry, correct
from .views import cell_origin, findings_view, meta_view, tables_view

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
router = APIRouter()


def service(request: Request) -> Service:
    return request.app.state.service


def entry_or_404(request: Request, entry_id: str) -> Entry:
    entry = service(request).store.get(entry_id)
    if entry is None:
        raise HTTPException(404, "找不到这份报告：链接有误，或服务器已重启/已清理（上传的报告只保存在内存中）。请重新上传。")
    return entry


def error_html(status: int, message: str) -> str:
    return TEMPLATES.get_template("error.html").render(status=status, message=message, has_db=False)


def page(request: Request, name: str, status: int = 200, **context: object) -> HTMLResponse:
    context.setdefault("has_db", service(request).settings.db is not None)
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status)


def attachment(data: bytes, media_type: str, filename: str) -> Response:
    # RFC 6266/5987: a plain ASCII fallback and the UTF-8 name; the name went through display_name()
    header = f"attachment; filename=\"download{Path(filename).suffix}\"; filename*=UTF-8''{quote(filename)}"
    return Response(data, media_type=media_type, headers={"content-disposition": header})


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def index(request: Request) -> HTMLResponse:
    s = service(request).settings
    return page(request, "index.html", max_mb=s.max_upload_mb, keep_dir=str(s.keep_dir))


async def parse_form(request: Request, files: list[UploadFile], text: str, keep: bool) -> list[Outcome]:
    svc = service(request)
    outcomes: list[Outcome] = []
    for upload in files:
        if not upload.filename and not upload.size:
            continue  # the empty file input of a form
        data = await upload.read()
        outcomes.append(await run_in_threadpool(svc.parse_file, upload.filename or "上传文件", data, keep))
    if text.strip():
        outcomes.append(await run_in_threadpool(svc.parse_text, text, keep))
    return outcomes


@router.post("/upload", response_class=HTMLResponse, include_in_schema=False)
async def upload(request: Request, files: list[UploadFile] | None = File(None), text: str = Form(""),
                 keep: bool = Form(False)) -> Response:
    outcomes = await parse_form(request, files or [], text, keep)
    if not outcomes:
        return page(request, "index.html", status=400, error="请选择文件，或粘贴报告全文。",
                    max_mb=service(request).settings.max_upload_mb, keep_dir=str(service(request).settings.keep_dir))
    if len(outcomes) == 1 and outcomes[0].entry is not None:
        return RedirectResponse(f"/report/{outcomes[0].entry.id}", status_code=303)
    status = 200 if any(o.entry for o in outcomes) else 422
    return page(request, "batch.html", status=status, outcomes=outcomes)


def report_context(entry: Entry) -> dict[str, object]:
    report = entry.report
    counts = {s: sum(1 for f in report.findings if f.severity == s) for s in ("error", "warning", "info")}
    return {
        "entry": entry, "report": report, "meta": meta_view(entry), "tables": tables_view(report, entry.edits),
        "findings": findings_view(report), "counts": counts, "downloads": DOWNLOADS,
        "edits": [(p, a, b) for p, (a, b) in entry.edits.items()],
    }


@router.get("/report/{entry_id}", response_class=HTMLResponse, include_in_schema=False)
def report_page(request: Request, entry_id: str) -> HTMLResponse:
    entry = entry_or_404(request, entry_id)
    return page(request, "report.html", **report_context(entry))


@router.post("/report/{entry_id}/cell", include_in_schema=False)
def correct_cell(request: Request, entry_id: str, path: str = Form(...), value: str = Form("")) -> Response:
    entry = entry_or_404(request, entry_id)
    try:
        correct(entry, path, value)
    except EditError as exc:
        return page(request, "report.html", status=400, error=str(exc), **report_context(entry))
    return RedirectResponse(f"/report/{entry.id}", status_code=303)


@router.get("/report/{entry_id}/download/{kind}", include_in_schema=False)
async def download(request: Request, entry_id: str, kind: str, office: str = "", reviewer: str = "") -> Response:
    entry = entry_or_404(request, entry_id)
    if kind not in DOWNLOADS:
        raise HTTPException(404, "没有这种下载格式")
    try:
        data = await run_in_threadpool(download_bytes, entry.report, kind, office[:100], reviewer[:50])
    except DownloadUnavailable as exc:
        return page(request, "error.html", status=503, message=str(exc))
    return attachment(data, DOWNLOADS[kind][1], download_name(entry, kind))


def cell_box(prov: Provenance | None, pdf: bool, number: int) -> tuple[float, float, float, float] | None:
    """The box to draw on page `number` of the upload: a PDF page is drawn in points (the bbox); an
    uploaded picture is drawn in its own pixels, which for an OCR'd cell is the crop it was read from."""
    if prov is None or (prov.page or 1) != number:
        return None
    if not pdf and prov.ocr is not None and not prov.ocr.image:
        return tuple(float(v) for v in prov.ocr.crop)  # type: ignore[return-value]
    return prov.bbox


@router.get("/report/{entry_id}/page/{number}.png", include_in_schema=False)
async def page_image(request: Request, entry_id: str, number: int, cell: str | None = None,
                     crop: bool = False) -> Response:
    entry = entry_or_404(request, entry_id)
    prov = entry.report.provenance.get(cell) if cell else None
    bbox = cell_box(prov, entry.view.get("kind") == "pdf", number)
    pages = entry.view.get("pages", 1)
    if not 1 <= number <= pages:
        raise HTTPException(404, f"没有第 {number} 页")
    try:
        png = await run_in_threadpool(service(request).page_png, entry, number, bbox, crop and bbox is not None)
    except SandboxError as exc:
        raise HTTPException(422, str(exc)) from None
    return Response(png, media_type="image/png", headers={"cache-control": "private, max-age=600"})


@router.get("/report/{entry_id}/cell", include_in_schema=False)
def cell_panel(request: Request, entry_id: str, path: str) -> HTMLResponse:
    """The origin of one cell as a page of its own (what the side panel shows, without script)."""
    entry = entry_or_404(request, entry_id)
    try:
        origin = cell_origin(entry, path)
    except KeyError:
        raise HTTPException(404, "没有这个单元格") from None
    return page(request, "cell.html", entry=entry, origin=origin)
