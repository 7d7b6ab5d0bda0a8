"""`nianbao synth --n N --out DIR --formats text,html,docx,pdf --seed S`."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import NianbaoError, os_reason
from ..writers.output import make_folder
from . import app
from .common import error, note


@app.command("synth")
def synth_command(
    n: int = typer.Option(20, "--n", "-n", help="报告份数（每种格式各一份）"),
    out: Path = typer.Option(..., "--out", "-o", help="输出目录（每种格式一个子目录）"),
    formats: str = typer.Option("text", "--formats", "-f", help="text,html,docx,pdf,scan 中的一种或几种（scan：PDF 栅格化为扫描件）"),
    seed: int = typer.Option(0, "--seed", "-s", help="随机种子：同一种子生成相同的语料"),
    scan_dpi: int = typer.Option(0, "--scan-dpi", help="scan 格式的扫描分辨率（150/200/300；0 = 随机）"),
) -> None:
    """生成带标准答案的合成年报语料。Write synthetic reports, each with a gold JSON beside it."""
    from ..synth import FORMATS, write_corpus

    fmts = tuple(f.strip() for f in formats.split(",") if f.strip())
    bad = [f for f in fmts if f not in FORMATS]
    if bad or not fmts or n < 0:
        error(f"格式应为 {','.join(FORMATS)} 中的一种或几种，份数不能为负")
        raise typer.Exit(2)
    try:
        make_folder(out)
        files = write_corpus(n, out, fmts, seed, scan_dpi=scan_dpi or None)
    except NianbaoError as exc:
        error(str(exc))
        raise typer.Exit(2) from None
    except OSError as exc:  # a sub-folder that cannot be made
        error(f"{exc.filename or out}：无法写入（{os_reason(exc)}）")
        raise typer.Exit(2) from None
    note(f"已生成 {len(files)} 个文件（{n} 份 × {len(fmts)} 种格式）及其标准答案于 {out}")
