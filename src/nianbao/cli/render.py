"""`nianbao render DATA -o OUT [--format F] [--template 2019|2021] [--allow-errors]`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from ..errors import NianbaoError, RenderError, TemplateMismatch
from . import app
from .common import error, note, output_format, report_error, save, warn


class Kind(StrEnum):
    docx = "docx"
    html = "html"
    md = "md"
    text = "text"
    pdf = "pdf"


class Version(StrEnum):
    v2019 = "2019"
    v2021 = "2021"


@app.command("render")
def render_command(
    data: Path = typer.Argument(..., help="报告 JSON、填报 YAML 或报告原文件；- 读标准输入"),
    out: Path = typer.Option(..., "--out", "-o", help="输出文件，格式按扩展名：.docx / .html / .md / .txt / .pdf"),
    format: Kind | None = typer.Option(None, "--format", "-f", help="输出格式；默认按扩展名，"
                                       "写到 /dev/stdout、管道等无扩展名处时用（默认 docx）"),
    template: Version | None = typer.Option(None, "--template", help="表格格式版本 2019 或 2021（默认按年度）"),
    allow_errors: bool = typer.Option(False, "--allow-errors", help="表格勾稽关系不符时仍然输出"),
) -> None:
    """按国家规定格式生成年度报告（Word/HTML/Markdown/文本/PDF）。Render a report in the official layout.

    What the written report lacks (no year, a table without data, an empty section, narrative
    figures that contradict the tables) is listed as warnings; the report is still written.
    Exit code 0 on success, 1 when the tables fail the arithmetic checks (nothing is written
    unless --allow-errors), 2 for unusable input or an output that cannot be written.
    """
    from ..api import load_data
    from ..checks import table_errors
    from ..checks.render_ready import check_render_ready
    from ..writers import FORMATS, choose_template, render_bytes

    fmt = output_format(out, FORMATS, format.value if format is not None else None, "docx")
    version = template.value if template is not None else None
    try:
        report = load_data(data, version)
        tmpl = choose_template(report, version)
    except TemplateMismatch as exc:
        error(f"{data}: {exc}")
        raise typer.Exit(2) from None
    except (NianbaoError, OSError) as exc:
        report_error(data, exc)
        raise typer.Exit(2) from None
    report.meta.template = tmpl.version  # type: ignore[assignment]
    errors = table_errors(report)
    for e in errors:
        (warn if allow_errors else error)(f"{data}: {e.message}（单元格：{_cells(report, e.cells)}）")
    if errors and not allow_errors:
        note(f"{data}: 表格有 {len(errors)} 处勾稽错误，未生成 {out}；改正数据或加 --allow-errors")
        raise typer.Exit(1)
    for f in check_render_ready(report):
        warn(f"{data}: {f.message}（{f.rule}）")
    try:
        payload = render_bytes(report, fmt, tmpl)
    except RenderError as exc:  # e.g. LibreOffice missing for PDF
        error(f"{out}：{exc}")
        raise typer.Exit(2) from None
    if not save(out, payload):
        raise typer.Exit(2)
    note(f"已生成 {out}（{tmpl.version} 年版格式）")


def _cells(report: object, cells: tuple[str, ...] | list[str]) -> str:
    """The cells of a failed relation with their values; cells holding 0 are summarised."""
    shown, zeros = [], 0
    for path in cells:
        try:
            value = report.cell(path)  # type: ignore[attr-defined]
        except (KeyError, AttributeError, ValueError):
            value = None
        if value == 0:
            zeros += 1
        else:
            shown.append(f"{path}={'空' if value is None else value}")
    return "、".join(shown) + (f"（另有 {zeros} 格为 0）" if zeros else "")
