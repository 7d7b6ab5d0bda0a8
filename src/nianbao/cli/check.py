"""`nianbao check FILE... [--previous FILE...] [--format text|json|html|md|xlsx|docx] [--out PATH]`."""

from __future__ import annotations

import datetime as dt
import io
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..api import load_data
from ..checks.common import cell_labels
from ..compare import review_batch
from ..model import Report
from ..writers.review import ReviewItem
from ..writers.review_docx import review_docx, review_filename
from ..writers.review_html import render_review_html
from ..writers.review_sheet import SEVERITY_ZH, cell_lines, ordered, render_html, render_markdown, summary
from ..writers.review_xlsx import write_review_xlsx
from . import app
from .common import (
    SOURCES,
    error,
    expand_inputs,
    for_each_file,
    meta_loader,
    note,
    out_console,
    output_folder,
    output_format,
    save,
    save_in,
)


class Format(StrEnum):
    text = "text"
    json = "json"
    html = "html"
    md = "md"
    xlsx = "xlsx"
    docx = "docx"


_SUFFIX = {Format.text: ".txt", Format.json: ".json", Format.html: ".html", Format.md: ".md"}
# -o's extension → format (docx writes one file per report into a folder: it has no extension here)
_BY_SUFFIX = {".txt": "text", ".xlsx": "xlsx", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md",
              ".json": "json", ".jsonl": "json"}
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_MAX_CELLS = 6
_stdout = Console(highlight=False)


@app.command("check")
def check_command(
    files: list[Path] = typer.Argument(..., help=SOURCES + "、报告 JSON（含 JSON Lines）、填报 YAML 或文件夹；- 读标准输入"),
    previous: list[Path] = typer.Option([], "--previous", "-p",
                                        help="上一年度的报告或其所在目录（可多次给出）；按机关自动与本年报告配对，用于跨年度核对"),
    format: Format | None = typer.Option(None, "--format", "-f", help="输出格式：text 终端表格 · json 报告 JSON · "
                                         "html/md 审核意见单 · xlsx 审核工作簿 · docx 每份报告一份审核意见（-o 目录）；"
                                         "默认按 -o 的扩展名，否则 text"),
    out: Path | None = typer.Option(None, "--out", "-o", help="输出文件（格式按扩展名：.txt .json .html .md .xlsx）；"
                                    "为已存在的目录时按输入的目录结构每个报告各写一个文件"),
    office: str = typer.Option("", "--office", help="审核机关（写入审核意见）"),
    reviewer: str = typer.Option("", "--reviewer", help="审核人（写入审核意见）"),
    date: str | None = typer.Option(None, "--date", help="审核日期 YYYY-MM-DD（写入审核意见；默认留空待填）"),
    similar: bool = typer.Option(True, "--similar/--no-similar", help="多份报告时核查不同机关之间的雷同"),
    meta: list[str] = typer.Option([], "--meta", help="覆盖元数据 KEY=VALUE（title/organization/year/published/"
                                   "url/body_kind），可重复"),
) -> None:
    """核查报告：勾稽关系、完整性、格式版本、发布时限、正文与表格、跨年度、雷同。Check reports against the rules.

    Exit code: 0 no error-level finding · 1 at least one error · 2 an input could not be used
    or an output could not be written (the other inputs are still checked and written).
    """
    to_dir = out is not None and out.is_dir()
    if out is not None and not to_dir and format is not Format.docx:  # docx: -o is a folder to make
        fmt = Format(output_format(out, _BY_SUFFIX, format.value if format is not None else None, "text"))
    else:
        fmt = format or Format.text
    review_date = _review_date(date)
    if fmt is Format.docx and out is None:
        error("--format docx 需要 -o 目录（每份报告写一份审核意见）")
        raise typer.Exit(2)
    if to_dir and fmt is Format.xlsx:
        error(f"{out}：是目录；审核工作簿请给出 .xlsx 文件名")
        raise typer.Exit(2)
    if fmt is Format.xlsx and out is None:
        error("--format xlsx 需要 -o 文件名")
        raise typer.Exit(2)
    work = meta_loader(meta, None)  # a bad --meta stops here, before anything is read
    unusable = False
    prevs: list[Report] = []
    for _path, report in for_each_file(_expand(previous), load_data, "读取上年报告"):
        if report is None:
            unusable = True
        else:
            prevs.append(report)
    inputs = expand_inputs(files)
    names = dict(inputs)
    loaded: list[tuple[str, Report]] = []  # (output name in a folder, report); a JSON Lines file gives several
    for path, got in for_each_file([p for p, _ in inputs], work, "读取中"):
        if got is None:
            unusable = True
            continue
        loaded.extend((names[path] + (f"-{k}" if len(got) > 1 else ""), r) for k, r in enumerate(got, 1))
    items = review_batch([r for _, r in loaded], prevs, similar=similar,
                         explicit=len(loaded) == 1 and len(previous) == 1)
    reports = [(name, it.report) for (name, _), it in zip(loaded, items, strict=True)]
    one_line = len(inputs) > 1 or len(reports) > 1

    if fmt is Format.xlsx:
        assert out is not None
        if items:
            book = io.BytesIO()
            write_review_xlsx(items, book)
            if save(out, book.getvalue()):
                note(f"已写入 {out}：{len(items)} 份报告，{sum(len(it.report.findings) for it in items)} 条意见")
            else:
                unusable = True
    elif fmt is Format.docx:
        assert out is not None
        if out.exists() and not out.is_dir():
            error(f"{out}：已存在且不是目录；审核意见按报告逐份写入目录")
            raise typer.Exit(2)
        output_folder(out)
        taken: set[str] = set()
        written = 0
        for it in items:
            target = _unique(out / review_filename(it), taken)
            written += save(target, review_docx(it, office, reviewer, review_date))
        unusable |= written < len(items)
        note(f"已写入 {written} 份审核意见于 {out}")
    elif out is not None and to_dir:
        for name, report in reports:
            unusable |= not save_in(out, f"{name}.check{_SUFFIX[fmt]}", _render(fmt, [report], one_line=False, width=120))
    elif out is not None:
        if reports:
            unusable |= not save(out, _render(fmt, [r for _, r in reports], one_line=one_line, width=120, items=items))
    elif fmt is Format.text:
        for _, report in reports:
            print_report(report, _stdout)
    else:
        text = _render(fmt, [r for _, r in reports], one_line=one_line, width=120, items=items)
        out_console.file.write(text)
        out_console.file.flush()

    if unusable:
        raise typer.Exit(2)
    if any(f.severity == "error" for _, r in reports for f in r.findings):
        raise typer.Exit(1)


def _review_date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        error(f"--date 应为 YYYY-MM-DD，而不是“{text}”")
        raise typer.Exit(2) from None


def _expand(paths: list[Path]) -> list[Path]:
    """--previous may name a directory: its report files (a shell glob would spill into FILE...)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.is_file() and not f.name.startswith(".")
                          and not f.name.endswith(".gold.json"))
        else:
            out.append(p)
    return out


def _unique(target: Path, taken: set[str]) -> Path:
    name, k = target.name, 1
    while name in taken:
        k += 1
        name = f"{target.stem}-{k}{target.suffix}"
    taken.add(name)
    return target.with_name(name)


def _render(format: Format, reports: list[Report], one_line: bool, width: int,
            items: list[ReviewItem] | None = None) -> str:
    if format is Format.json:
        return "".join(r.to_json(indent=None if one_line else 2) + "\n" for r in reports)
    if format is Format.html:
        return render_review_html(items) if items is not None and len(items) > 1 else render_html(reports)
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
