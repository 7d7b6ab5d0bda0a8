"""`nianbao parse FILE... [--out DIR] [--explain]`."""

from __future__ import annotations

from pathlib import Path

import typer

from ..model import Report
from ..writers.explain import explain_report
from . import app
from .common import for_each_file, meta_loader, out_console, save, unique_output


@app.command("parse")
def parse_command(
    files: list[Path] = typer.Argument(..., help="报告文件（txt/html/pdf/docx/图片）或报告 JSON"),
    out: Path | None = typer.Option(None, "--out", "-o", help="输出目录：每个文件写一个 .json"),
    explain: bool = typer.Option(False, "--explain", help="逐格显示数值读自原文何处"),
    compact: bool = typer.Option(False, "--compact", help="每个报告输出一行 JSON（JSON Lines）"),
    meta: list[str] = typer.Option([], "--meta", help="覆盖元数据 KEY=VALUE（title/organization/year/published/"
                                   "url/body_kind），可重复"),
    manifest: Path | None = typer.Option(None, "--manifest", help="抓取清单 CSV（path,url,title,organization,"
                                         "published），逐文件覆盖元数据"),
) -> None:
    """解析报告为结构化 JSON（nianbao.report/1）。Parse reports into the report JSON.

    One JSON object per input on stdout (indented for one file, one per line for several), or
    one file per input in --out. A file that cannot be read is reported on stderr with the
    reason; the others are still processed and the exit code is 1.
    """
    work = meta_loader(meta, manifest)  # a bad --meta or manifest stops here, before anything is written
    failed = unwritten = 0
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    one_line = compact or len(files) > 1
    for path, report in for_each_file(files, work, "解析中"):
        if report is None:
            failed += 1
            continue
        assert isinstance(report, Report)
        if out is not None:
            target = unique_output(out, path, ".json", taken)
            unwritten += not save(target, report.to_json())
        if explain:
            explain_report(report, out_console)
        elif out is None:
            print(report.to_json(indent=None if one_line else 2))
    if unwritten:
        raise typer.Exit(2)
    if failed:
        raise typer.Exit(1)
