"""`nianbao check FILE... [--previous FILE] [--format text|json|html|md] [--out PATH]`."""

from __future__ import annotations

import io
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..api import load_report
from ..checks import recheck
from ..checks.common import cell_labels
from ..errors import NianbaoError
from ..model import Report
from ..writers.review_sheet import SEVERITY_ZH, cell_lines, ordered, render_html, render_markdown, summary
from . import app
from .common import for_each_file, out_console, report_error, save, unique_output


class Format(StrEnum):
    text = "text"
    json = "json"
    html = "html"
    md = "md"


_SUFFIX = {Format.text: ".txt", Format.json: ".json", Format.html: ".html", Format.md: ".md"}
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_MAX_CELLS = 6
_stdout = Console(highlight=False)


@app.command("check")
def check_command(
    files: list[Path] = typer.Argument(..., help="报告文件（txt/html/pdf/docx/图片）或报告 JSON"),
    previous: Path | None = typer.Option(None, "--previous", "-p",
                                         help="同一机关上一年度的报告（源文件或 JSON），用于跨年度核对"),
    format: Format = typer.Option(Format.text, "--format", "-f", help="输出格式：text 终端表格 · json 报告 JSON · "
                                  "html/md 审核意见单"),
    out: Path | None = typer.Option(None, "--out", "-o", help="输出文件；为已存在的目录时每个报告各写一个文件"),
) -> None:
    """核查报告：勾稽关系、完整性、格式版本、发布时限、正文与表格、跨年度。Check reports against the rules.

    Exit code: 0 no error-level finding · 1 at least one error · 2 an input could not be used
    (the other inputs are still checked and written).
    """
    unusable = False
    prev: Report | None = None
    if previous is not None:
        try:
            prev = load_report(previous)
        except (NianbaoError, OSError, ValueError) as exc:
            report_error(previous, exc)
            unusable = True
    reports: list[tuple[Path, Report]] = []
    for path, report in for_each_file(files, lambda p: recheck(load_report(p), prev), "核查中"):
        if report is None:
            unusable = True
            continue
        assert isinstance(report, Report)
        reports.append((path, report))

    if out is not None and out.is_dir():
        taken: set[str] = set()
        for path, report in reports:
            target = unique_output(out, path, f".check{_SUFFIX[format]}", taken)
            unusable |= not save(target, _render(format, [report], one_line=False, width=120))
    elif out is not None:
        if reports:
            unusable |= not save(out, _render(format, [r for _, r in reports], one_line=len(files) > 1, width=120))
    elif format is Format.text:
        for _, report in reports:
            print_report(report, _stdout)
    else:
        text = _render(format, [r for _, r in reports], one_line=len(files) > 1, width=120)
        out_console.file.write(text)
        out_console.file.flush()

    if unusable:
        raise typer.Exit(2)
    if any(f.severity == "error" for _, r in reports for f in r.findings):
        raise typer.Exit(1)


def _render(format: Format, reports: list[Report], one_line: bool, width: int) -> str:
    if format is Format.json:
        return "".join(r.to_json(indent=None if one_line else 2) + "\n" for r in reports)
    if format is Format.html:
        return render_html(reports)
    if format is Format.md:
        return render_markdown(reports)
    buf = io.StringIO()
    console = Console(file=buf, width=width, no_color=True, highlight=False, soft_wrap=False)
    for report in reports:
        print_report(report, console)
    return buf.getvalue()


def print_report(report: Report, console: Console) -> None:
    """A terminal table of one report's findings, errors first."""
    m = report.meta
    console.rule(Text(report.source.path, style="bold"))
    console.print(Text(f"{m.organization or '（机关未识别）'} · {m.year or '年度未知'}年度 · 格式 {m.template} · "
                       f"发布 {m.published or '未知'} · {summary(report)}"))
    if not report.findings:
        console.print(Text("未发现问题。", style="green"))
        return
    labels = cell_labels(report)
    table = Table(show_lines=True, expand=True)
    table.add_column("级别", no_wrap=True)
    table.add_column("规则", overflow="fold")
    table.add_column("说明 · 依据 · 单元格", overflow="fold", ratio=1)
    for f in ordered(report.findings):
        body = Text(f.message)
        if f.evidence:
            body.append("\n依据：" + f.evidence, style="dim")
        for line in cell_lines(report, f, labels)[:_MAX_CELLS]:
            body.append(f"\n· {line.label} = {line.value}" + (f"（{line.where}）" if line.where != "—" else ""),
                        style="dim")
        if len(f.cells) > _MAX_CELLS:
            body.append(f"\n…（共 {len(f.cells)} 格）", style="dim")
        table.add_row(Text(SEVERITY_ZH[f.severity], style=_STYLE[f.severity]), Text(f.rule), body)
    console.print(table)
