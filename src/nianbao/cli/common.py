"""Helpers shared by the commands: batch loops that never stop at a bad file, output names."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NoReturn, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from ..batch import batch
from ..errors import NianbaoError, OutputError, os_reason
from ..writers.output import make_folder, write_file

# soft_wrap: a message is one line however long (grep finds `错误 FILE`); a terminal folds it visually.
err_console = Console(stderr=True, highlight=False, soft_wrap=True)
# Piped output (files, pagers) gets a wide console so tables are not squeezed to 80 columns.
out_console = Console(highlight=False, width=None if sys.stdout.isatty() else 160)

T = TypeVar("T")


def error(message: str) -> None:
    """`错误 <message>` on stderr, one line; the message is never read as rich markup."""
    err_console.print(Text.assemble(("错误", "bold red"), " ", message))


def warn(message: str) -> None:
    """`警告 <message>` on stderr, one line."""
    err_console.print(Text.assemble(("警告", "yellow"), " ", message))


def note(message: str) -> None:
    """A progress or result line on stderr (`已生成 x.docx`)."""
    err_console.print(Text(message))


def report_error(path: str | Path, exc: BaseException) -> None:
    """One line per problem on stderr, each naming the file (an error may carry several: `messages`)."""
    if isinstance(exc, NianbaoError):
        lines = getattr(exc, "messages", None) or str(exc).splitlines() or [str(path)]
    elif isinstance(exc, OSError):
        lines = [f"{path}：无法读取（{os_reason(exc)}）"]
    else:  # a bug: say so in Chinese, keep the exception's own words for the bug report
        lines = [f"{path}：处理失败（程序内部错误，请报告此问题：{type(exc).__name__}: {exc}）".replace("\n", " ")]
    for line in lines:
        error(line)


def for_each_file(paths: Iterable[Path], work: Callable[[Path], T], label: str = "处理中") -> Iterator[tuple[Path, T | None]]:
    """Run `work` on every file; a failure is reported and yields (path, None); the batch goes on."""
    items = list(paths)
    show = len(items) > 1 and sys.stderr.isatty()
    with batch(), Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                           TimeRemainingColumn(), console=err_console, transient=True, disable=not show) as progress:
        task = progress.add_task(label, total=len(items))
        for path in items:
            try:
                result: T | None = work(path)
            except (NianbaoError, OSError, ValueError) as exc:
                report_error(path, exc)
                result = None
            except Exception as exc:  # a bug must not lose the rest of the batch
                report_error(path, exc)
                result = None
            progress.advance(task)
            yield path, result


def output_folder(folder: Path) -> None:
    """Make the output folder (and its parents) or say why not and exit 2."""
    try:
        make_folder(folder)
    except OutputError as exc:
        report_error(folder, exc)
        raise typer.Exit(2) from None


def save_in(folder: Path, rel: str, data: str | bytes) -> bool:
    """`save` FOLDER/rel, making the sub-folders a mirrored name needs; False (reported) when it cannot be."""
    target = folder / rel
    try:
        make_folder(target.parent)
        write_file(target, data)
    except OutputError as exc:
        report_error(target, exc)
        return False
    return True


def save(target: Path, data: str | bytes) -> bool:
    """Write one output file; a target that cannot be written is reported (`错误 x：…`) and False returned."""
    try:
        write_file(target, data)
    except OutputError as exc:
        report_error(target, exc)
        return False
    return True


MANIFEST = "manifest.json"


def _source_kinds() -> str:
    """The report file formats nianbao reads, for help texts (a format without a reader is not listed)."""
    from ..readers import READERS

    shown = {"text": "txt", "doc": "doc/wps", "image": "图片"}
    return "/".join(shown.get(fmt, fmt) for fmt in READERS)


SOURCES = f"报告文件（{_source_kinds()}）"


def expand_inputs(args: Iterable[Path]) -> list[tuple[Path, str]]:
    """Every input file with the name it has below the inputs' common folder (its output's name).

    A folder argument stands for the report files under it (sub-folders included, hidden files
    skipped). Names mirror the tree and keep the extension, so `a.txt`, `a.html` and `sub/a.txt`
    give three different outputs whatever order they come in; `-` (standard input) is `stdin`.
    """
    from ..readers import EXTENSIONS

    wanted = set(EXTENSIONS) | {".json", ".jsonl"}
    args = list(args)
    real = [a for a in args if str(a) != "-"]
    anchors = [os.path.abspath(a if a.is_dir() else a.parent) for a in real]
    base = os.path.commonpath(anchors) if anchors else os.getcwd()
    out: list[tuple[Path, str]] = []
    seen: set[str] = set()
    for arg in args:
        if str(arg) == "-":
            files = [arg]
        elif arg.is_dir():
            files = sorted(f for f in arg.rglob("*") if f.is_file() and f.suffix.lower() in wanted
                           and f.name != MANIFEST and not any(p.startswith(".") for p in f.relative_to(arg).parts))
            files = files or [arg]  # an empty folder: reported by the loader, by name
        else:
            files = [arg]
        for f in files:
            name = "stdin" if str(f) == "-" else os.path.relpath(os.path.abspath(f), base)
            if name in seen:  # the same file named twice: one output
                continue
            seen.add(name)
            out.append((f, name))
    return out


def refuse_format(target: Path, allowed: Iterable[str], what: str = "输出") -> NoReturn:
    """`错误 x.docx：不支持的输出格式 .docx（可用：…）` and exit 2: never write content under a wrong extension."""
    suffix = target.suffix or "（无扩展名）"
    error(f"{target}：不支持的{what}格式 {suffix}（可用：{'、'.join(allowed)}）")
    raise typer.Exit(2)


def output_format(target: Path, by_suffix: dict[str, str], asked: str | None, default: str,
                  flag: str = "--format") -> str:
    """The format to write `target` in, from its extension; a --format that disagrees is refused.

    A device or fifo (/dev/stdout, a pipe) or a name without extension takes --format or `default`.
    """
    suffix = target.suffix.lower()
    special = target.exists() and not target.is_file() and not target.is_dir()
    if special or not suffix:
        return asked or default
    fmt = by_suffix.get(suffix)
    if fmt is None:
        refuse_format(target, sorted(by_suffix))
    if asked is not None and asked != fmt:
        wanted = "、".join(s for s, f in by_suffix.items() if f == asked)
        error(f"{target}：扩展名 {suffix} 与 {flag} {asked} 不符（{asked} 格式应写入 {wanted} 文件）")
        raise typer.Exit(2)
    return fmt


def meta_loader(meta: list[str], manifest: Path | None) -> Callable[[Path], object]:
    """`api.load_data` with the --meta overrides and the manifest's row for each file, as a list
    (a JSON Lines file holds several reports).

    A bad --meta item or manifest stops the command before any file is read (exit 2).
    """
    from ..api import load_data, load_reports
    from ..extract.overrides import load_manifest, overrides_for, parse_meta_args
    from ..inputs.fill import FILL_SUFFIXES

    try:
        given = parse_meta_args(meta)
        rows = load_manifest(manifest) if manifest is not None else {}
    except NianbaoError as exc:
        report_error(manifest or "--meta", exc)
        raise typer.Exit(2) from None
    except ValueError as exc:  # a bad --meta item: the message names it
        error(str(exc))
        raise typer.Exit(2) from None

    def work(path: Path) -> object:
        overrides = {**overrides_for(rows, path), **given} or None
        if path.suffix.lower() in FILL_SUFFIXES:
            return [load_data(path, meta=overrides)]
        return load_reports(path, overrides)
    return work
