"""`nianbao render DATA -o OUT [--template 2019|2021] [--allow-errors]`."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import NianbaoError, RenderError, TemplateMismatch
from . import app
from .common import err_console, report_error, save


@app.command("render")
def render_command(
    data: Path = typer.Argument(..., help="报告 JSON、填报 YAML 或报告原文件"),
    out: Path = typer.Option(..., "--out", "-o", help="输出文件：.docx / .html / .md / .txt / .pdf"),
    template: str | None = typer.Option(None, "--template", help="表格格式版本 2019 或 2021（默认按年度）"),
    allow_errors: bool = typer.Option(False, "--allow-errors", help="表格勾稽关系不符时仍然输出"),
) -> None:
    """按国家规定格式生成年度报告（Word/HTML/Markdown）。Render a report in the official layout.

    Exit code 0 on success, 1 when the tables fail the arithmetic checks (nothing is written
    unless --allow-errors), 2 for unusable input.
    """
    from ..api import load_data
    from ..checks import table_errors
    from ..writers import FORMATS, choose_template, render_bytes

    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        err_console.print(f"[bold red]错误[/] {out}: 不支持的输出格式（可用：{'、'.join(sorted(FORMATS))}）")
        raise typer.Exit(2)
    if template is not None and template not in ("2019", "2021"):
        err_console.print(f"[bold red]错误[/] --template 应为 2019 或 2021，而不是“{template}”")
        raise typer.Exit(2)
    try:
        report = load_data(data, template)
    except (NianbaoError, OSError) as exc:
        report_error(data, exc)
        raise typer.Exit(2) from None
    try:
        tmpl = choose_template(report, template)
    except TemplateMismatch as exc:
        err_console.print(f"[bold red]错误[/] {data}: {exc}")
        raise typer.Exit(2) from None
    report.meta.template = tmpl.version  # type: ignore[assignment]
    errors = table_errors(report)
    for e in errors:
        level = "[yellow]警告[/]" if allow_errors else "[bold red]错误[/]"
        err_console.print(f"{level} {data}: {e.message}")
        err_console.print(f"    单元格：{_cells(report, e.cells)}", soft_wrap=True)
    if errors and not allow_errors:
        err_console.print(f"{data}: 表格有 {len(errors)} 处勾稽错误，未生成 {out}；改正数据或加 --allow-errors")
        raise typer.Exit(1)
    try:
        payload = render_bytes(report, fmt, tmpl)
    except RenderError as exc:  # e.g. LibreOffice missing for PDF
        report_error(out, exc)
        raise typer.Exit(2) from None
    if not save(out, payload):
        raise typer.Exit(2)
    err_console.print(f"已生成 {out}（{tmpl.version} 年版格式）")


def _cells(report: object, cells: tuple[str, ...]) -> str:
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
