"""Compare two reports: two uploads, or two years of one body in the corpus (issue 15's `nianbao.compare`)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from .pages import page

router = APIRouter()


@router.get("/compare", response_class=HTMLResponse, include_in_schema=False)
def compare_form(request: Request) -> HTMLResponse:
    return page(request, "compare.html", result=None)
