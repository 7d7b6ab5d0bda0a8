"""`nianbao ledger LEDGER.xlsx|csv --year Y [--previous FILE] [-o report.json]`; `--template FILE.xlsx`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..errors import NianbaoError
from . import app
from .common import error, note, output_format, report_error, save, warn


@app.command("ledger")
def ledger_command(
    ledger: Path | None = typer.Argument(None, help="依申请公开台账（.xlsx 或 .csv）"),
    year: int | None = typer.Option(None, "--year", "-y", help="统计年度"),
    previous: Path | None = typer.Option(None, "--previous", help="上一年度台账（计算上年结转）"),
    reviews: Path | None = typer.Option(None, "--reviews", help="复议诉讼台账 CSV（.xlsx 台账用第二个工作表）"),
    organization: str | None = typer.Option(None, "--org", help="机关名称（写入报告 meta.organization）"),
    out: Path | None = typer.Option(None, "--out", "-o", help="输出报告 JSON 文件（.json；默认打印）；生成 Word 等用 nianbao render"),
    template: Path | None = typer.Option(None, "--template", help="生成空白台账模板（.xlsx，含下拉选项）"),
) -> None:
    """由依申请公开台账计算表三、表四。Compute tables 3 and 4 from an application ledger.

    Every problem is reported with its file and row number. Errors (unknown categories, dates
    outside the year, missing fields) stop the computation: exit code 1 and nothing written.
    Late answers (beyond 20 working days, 40 with an extension) are warnings and findings.
    """
    from ..errors import LedgerError
    from ..inputs.ledger import ledger_report

    if out is not None:
        output_format(out, {".json": "json"}, None, "json")  # before the work: never JSON under .docx
    from ..writers.ledger_template import write_template

    if template is not None:
        output_format(template, {".xlsx": "xlsx"}, None, "xlsx")
        try:
            write_template(template, year)
        except NianbaoError as exc:
            report_error(template, exc)
            raise typer.Exit(2) from None
        note(f"已生成空白台账 {template}")
        return
    if ledger is None or year is None:
        error("需要台账文件和 --year（或用 --template 生成空白台账）")
        raise typer.Exit(2)
    try:
        result = ledger_report(ledger, year, previous, reviews, organization)
    except LedgerError as exc:
        for msg in exc.messages:
            error(msg)
        note(f"台账有 {len(exc.messages)} 处错误，未生成报告")
        raise typer.Exit(1) from None
    except (NianbaoError, OSError) as exc:
        report_error(ledger, exc)
        raise typer.Exit(2) from None
    for w in result.warnings:
        warn(w)
    text = result.report.to_json()
    if out is None:
        sys.stdout.write(text + "\n")
    else:
        if not save(out, text):
            raise typer.Exit(2)
        note(f"已生成 {out}")
