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
from ..errors import NianbaoError, OutputError
from ..model import Report
from ..writers.output import make_folder
from ..writers.review_sheet import SEVERITY_ZH, cell_lines, ordered, render_html, render_markdown, summary
from . import app
from .common import (
    SOURCES,
    expand_inputs,
    for_each_file,
    meta_loader,
    out_console,
    output_format,
    report_error,
    save,
)


class Format(StrEnum):
    text = "text"
    json = "json"
    html = "html"
    md = "md"


_SUFFIX = {Format.text: ".txt", Format.json: ".json", Format.html: ".html", Format.md: ".md"}
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_MAX_CELLS = 6
_stdout = Console(highlight=False)


_BY_SUFFIX = {".txt": "text", ".json": "json", ".jsonl": "json", ".html": "html", ".htm": "html", ".md": "md",
              ".markdown": "md"}


@app.command("check")
def check_command(
    files: list[Path] = typer.Argument(..., help=SOURCES + "或报告 JSON（含 JSON Lines）；- 读标准输入"),
    previous: Path | None = typer.Option(None, "--previous", "-p",
                                         help="同一机关上一年度的报告（源文件或 JSON），用于跨年度核对"),
    format: Format | None = typer.Option(None, "--format", "-f", help="输出格式：text 终端表格 · json 报告 JSON · "
                                         "html/md 审核意见单（默认按 -o 的扩展名，否则 text）"),
    out: Path | None = typer.Option(None, "--out", "-o", help="输出文件（格式按扩展名：.txt .json .html .md）；"
                                    "为已存在的目录时每个报告各写一个文件"),
    meta: list[str] = typer.Option([], "--meta", help="覆盖元数据 KEY=VALUE（title/organization/year/published/"
                                   "url/body_kind），可重复"),
) -> None:
    """核查报告：勾稽关系、完整性、格式版本、发布时限、正文与表格、跨年度。Check reports against the rules.

    Exit code: 0 no error-level finding · 1 at least one error · 2 an input could not be used
    or an output could not be written (the other inputs are still checked and written).
    """
    to_dir = out is not None and out.is_dir()
    asked = format.value if format is not None else None
    if out is not None and not to_dir:
        fmt = Format(output_format(out, _BY_SUFFIX, asked, "text"))
    else:
        fmt = format or Format.text
    work = meta_loader(meta, None)  # a bad --meta stops here, before anything is read
    unusable = False
    prev: Report | None = None
    if previous is not None:
        try:
            prev = load_report(previous)
        except (NianbaoError, OSError, ValueError) as exc:
            report_error(previous, exc)
            unusable = True
    inputs = expand_inputs(files)
    names = dict(inputs)
    reports: list[tuple[str, Report]] = []  # (output name in a folder, report)
    for path, loaded in for_each_file([p for p, _ in inputs], work, "核查中"):
        if loaded is None:
            unusable = True
            continue
        reports.extend((names[path] + (f"-{k}" if len(loaded) > 1 else ""), recheck(r, prev))
                       for k, r in enumerate(loaded, 1))

    if out is not None and to_dir:
        for name, report in reports:
            target = out / f"{name}.check{_SUFFIX[fmt]}"
            try:
                make_folder(target.parent)
            except OutputError as exc:
                report_error(target, exc)
                unusable = True
                continue
            unusable |= not save(target, _render(fmt, [report], one_line=False, width=120))
    elif out is not None:
        if reports:
            unusable |= not save(out, _render(fmt, [r for _, r in reports], one_line=len(inputs) > 1 or len(reports) > 1, width=120))
    elif fmt is Format.text:
        for _, report in reports:
            print_report(report, _stdout)
    else:
        text = _render(fmt, [r for _, r in reports], one_line=len(inputs) > 1 or len(reports) > 1, width=120)
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
