"""`nianbao parse FILE|FOLDER... [--out FILE.json|DIR] [--explain] [--compact]`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import typer

from ..errors import NianbaoError, OutputError
from ..model import Report
from ..writers.explain import explain_report
from ..writers.output import locked, write_file
from . import app
from .common import (
    MANIFEST,
    SOURCES,
    error,
    expand_inputs,
    for_each_file,
    meta_loader,
    out_console,
    output_folder,
    report_error,
    save,
    save_in,
)

_FILE_SUFFIXES = (".json", ".jsonl")


@app.command("parse")
def parse_command(
    files: list[Path] = typer.Argument(..., help=SOURCES + "、报告 JSON 或文件夹；- 读标准输入"),
    out: Path | None = typer.Option(None, "--out", "-o", help="以 .json/.jsonl 结尾：写入这一个文件（多份报告时每行一份，"
                                    "JSON Lines）；否则为输出文件夹：按输入的目录结构每份写一个 .json，并写 manifest.json"),
    explain: bool = typer.Option(False, "--explain", help="逐格显示数值读自原文何处"),
    compact: bool = typer.Option(False, "--compact", help="每个报告输出一行 JSON（JSON Lines）"),
    meta: list[str] = typer.Option([], "--meta", help="覆盖元数据 KEY=VALUE（title/organization/year/published/"
                                   "url/body_kind），可重复"),
    manifest: Path | None = typer.Option(None, "--manifest", help="抓取清单 CSV（path,url,title,organization,"
                                         "published），逐文件覆盖元数据"),
) -> None:
    """解析报告为结构化 JSON（nianbao.report/1）。Parse reports into the report JSON.

    Without --out: one JSON object per input on stdout (indented for one report, one per line
    for several). A file that cannot be read is reported on stderr with the reason; the others
    are still processed and the exit code is 1 (2 when an output cannot be written).
    """
    work = meta_loader(meta, manifest)  # a bad --meta or manifest stops here, before anything is written
    inputs = expand_inputs(files)
    names = dict(inputs)
    to_file = out is not None and not out.is_dir() and (out.suffix.lower() in _FILE_SUFFIXES or out.exists())
    to_dir = out is not None and not to_file
    if to_dir and out is not None:
        if out.suffix and not out.exists():
            error(f"{out}：--out 应为 .json/.jsonl 文件或文件夹，而不是 {out.suffix} 文件")
            raise typer.Exit(2)
        output_folder(out)
    failed = unwritten = 0
    collected: list[Report] = []
    entries: list[dict[str, object]] = []  # this run's lines of DIR/manifest.json
    for path, reports in for_each_file([p for p, _ in inputs], work, "解析中"):
        name = names[path]
        if reports is None:
            failed += 1
            entries.append({"input": _shown(path), "output": None, "status": "error"})
            continue
        for k, report in enumerate(reports, 1):
            if to_dir and out is not None:
                rel = name + (f"-{k}" if len(reports) > 1 else "") + ".json"
                ok = save_in(out, rel, report.to_json())
                unwritten += not ok
                part = f"#{k}" if len(reports) > 1 else ""  # a JSON Lines input: one entry per report
                entries.append({"input": _shown(path) + part, "output": rel if ok else None,
                                 "sha256": report.source.sha256, "status": "ok" if ok else "unwritten"})
            elif to_file:
                collected.append(report)
            if explain:
                explain_report(report, out_console)
            elif out is None:
                print(report.to_json(indent=None if (compact or len(inputs) > 1 or len(reports) > 1) else 2))
    if to_file and out is not None and collected:
        one = len(collected) == 1 and not compact
        text = collected[0].to_json(indent=2) + "\n" if one else "".join(r.to_json(indent=None) + "\n" for r in collected)
        unwritten += not save(out, text)
    if to_dir and out is not None:
        try:
            merge_manifest(out, entries)
        except NianbaoError as exc:
            report_error(out / MANIFEST, exc)
            unwritten += 1
    if unwritten:
        raise typer.Exit(2)
    if failed:
        raise typer.Exit(1)


def _shown(path: Path) -> str:
    return "-" if str(path) == "-" else os.path.abspath(path)


def merge_manifest(folder: Path, entries: list[dict[str, object]]) -> None:
    """Add this run's entries to DIR/manifest.json (inputs → outputs), keyed by input; under a lock,
    so two runs writing into one folder both end up in it."""
    target = folder / MANIFEST
    with locked(folder):
        try:
            old = json.loads(target.read_text(encoding="utf-8"))
            rows = {r["input"]: r for r in old["files"]}
        except FileNotFoundError:
            rows = {}
        except (ValueError, KeyError, TypeError):
            raise OutputError(target, "已存在但不是 nianbao 的清单文件，未覆盖") from None
        rows.update({str(e["input"]): e for e in entries})
        body = {"schema": "nianbao.manifest/1", "files": sorted(rows.values(), key=lambda r: str(r["input"]))}
        write_file(target, json.dumps(body, ensure_ascii=False, indent=1) + "\n")
