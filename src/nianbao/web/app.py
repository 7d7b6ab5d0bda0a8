"""The FastAPI application behind `nianbao serve`."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from ..version import __version__
from .api_routes import router as api_router
from .pages import page
from .pages import router as pages_router
from .security import SafetyMiddleware
from .service import Service, Settings

STATIC = Path(__file__).parent / "static"
ERROR_ZH = {400: "请求有误", 404: "找不到页面", 405: "不支持的请求方式", 413: "上传内容过大", 422: "无法处理",
            500: "服务器内部错误", 503: "暂不可用"}


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(title="nianbao 年报核查", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="政府信息公开工作年度报告：解析、核查、对比与语料库查询的 JSON 接口。")
    app.state.service = Service(settings)
    app.state.corpus = None
    if settings.db is not None:
        from .corpus_routes import open_corpus

        app.state.corpus = open_corpus(settings.db)
    app.add_middleware(SafetyMiddleware, max_body=settings.max_body)
    if "*" not in settings.allowed_hosts:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))
    app.mount("/static", StaticFiles(directory=STATIC, follow_symlink=False), name="static")
    app.include_router(pages_router)
    app.include_router(api_router)
    _optional_routers(app)

    @app.get("/api/docs", include_in_schema=False, response_class=HTMLResponse)
    def api_docs(request: Request) -> HTMLResponse:
        return page(request, "apidocs.html")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else ""
        # Starlette's own English defaults ("Not Found", "Method Not Allowed") are replaced
        message = detail if detail and not detail.isascii() else ERROR_ZH.get(exc.status_code, "出错了") + "。"
        return _error(request, exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        fields = "；".join(".".join(str(x) for x in e.get("loc", ())) + "：" + str(e.get("msg", ""))
                          for e in exc.errors()[:5])
        return _error(request, 422, f"请求内容不完整或格式不对（{fields}）")

    return app


def _optional_routers(app: FastAPI) -> None:
    """Compare and the corpus pages (their modules depend on branches merged later)."""
    from .compare_routes import router as compare_router
    from .corpus_routes import router as corpus_router

    app.include_router(compare_router)
    app.include_router(corpus_router)


def _error(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    if request.url.path.startswith("/api"):
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    return page(request, "error.html", status=status, message=message, title=ERROR_ZH.get(status, "出错了"))
