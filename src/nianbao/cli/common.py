"""Helpers shared by the commands: batch loops that never stop at a bad file, output names."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from ..batch import batch
from ..errors import NianbaoError, OutputError
from ..writers.output import write_file

err_console = Console(stderr=True, highlight=False)
# Piped output (files, pagers) gets a wide console so tables are not squeezed to 80 columns.
out_console = Console(highlight=False, width=None if sys.stdout.isatty() else 160)

T = TypeVar("T")


def report_error(path: str | Path, exc: BaseException) -> None:
    """One line on stderr naming the file and the problem."""
    if isinstance(exc, NianbaoError):
        msg = str(exc)
    else:
        msg = f"{path}: {type(exc).__name__}: {exc}"
    err_console.print(f"[bold red]错误[/] {msg}", markup=True)


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


def save(target: Path, data: str | bytes) -> bool:
    """Write one output file; a target that cannot be written is reported (`错误 x：…`) and False returned."""
    try:
        write_file(target, data)
    except OutputError as exc:
        report_error(target, exc)
        return False
    return True


def unique_output(out_dir: Path, src: Path, suffix: str, taken: set[str]) -> Path:
    """DIR/<stem><suffix>, made unique when two inputs share a stem."""
    name = src.stem + suffix
    k = 1
    while name in taken:
        k += 1
        name = f"{src.stem}-{k}{suffix}"
    taken.add(name)
    return out_dir / name


def meta_loader(meta: list[str], manifest: Path | None) -> Callable[[Path], object]:
    """`api.load_data` with the --meta overrides and the manifest's row for each file.

    A bad --meta item or manifest stops the command before any file is read (exit 2).
    """
    import typer

    from ..api import load_data
    from ..extract.overrides import load_manifest, overrides_for, parse_meta_args

    try:
        given = parse_meta_args(meta)
        rows = load_manifest(manifest) if manifest is not None else {}
    except (ValueError, NianbaoError) as exc:
        report_error(manifest or "--meta", exc)
        raise typer.Exit(2) from None

    def work(path: Path) -> object:
        return load_data(path, meta={**overrides_for(rows, path), **given} or None)
    return work
