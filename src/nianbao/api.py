"""The public Python API: parse a source file (or text) into a checked Report."""

from __future__ import annotations

import hashlib
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import nullcontext
from pathlib import Path

from .batch import batch
from .checks import run_checks
from .errors import ReadError, os_reason
from .extract import extract
from .inputs.fill import FILL_SUFFIXES, load_fill
from .inputs.report_json import looks_like_json, reports_from_json
from .limits import deadline
from .model import Report
from .readers import EXTENSIONS, read, read_text, sniff_format
from .readers.sanitize import cap_document, sanitize_document
from .rules.catalogue import cap_findings


def parse(path: str | Path, meta: Mapping[str, str] | None = None, *, time_budget: float | None = None) -> Report:
    """Read a report file (text, HTML, PDF, DOCX, image) and return its Report with findings.

    `meta`: overrides for title, organization, year, published, url, body_kind (a crawl's
    manifest row, see `nianbao.extract.overrides.load_manifest`); they win over the report.
    Raises ReadError (naming the file and the problem, in Chinese) when the file cannot be read,
    and its subclass `limits.TimeLimitExceeded` when reading, extracting and checking take longer
    than `time_budget` seconds (default `limits.TIME_BUDGET`, 60; 0 turns the budget off). See
    docs/limits.md for every limit a file meets.
    """
    with deadline(str(path), time_budget):
        report = extract(read(path), meta)
        _run_checks(report)
    return report


def parse_many(paths: str | Path | Iterable[str | Path], meta: Mapping[Path, Mapping[str, str]] | None = None, *,
               tune_gc: bool = False, time_budget: float | None = None) -> Iterator[tuple[Path, Report | Exception]]:
    """Parse many files, yielding (path, Report) or (path, the error) for each: one bad file
    (a ReadError naming it and the problem, or any other failure) never stops the rest.

    `paths` is one path (a str or Path: a file, or a folder whose report files are parsed, sub-
    folders included, in name order) or an iterable of paths. Each file has its own time budget
    (`time_budget`, as in `parse`). `meta`: per-file overrides keyed by resolved path, as
    `nianbao.extract.overrides.load_manifest` returns them for a crawl's manifest.

    The garbage collector's process-wide settings are left alone unless `tune_gc=True`, which runs
    the loop inside `nianbao.batch()` (faster on long runs; for a process that owns its GC settings,
    as the command line does: `batch` unfreezes every frozen object when it ends).
    """
    with batch() if tune_gc else nullcontext():
        for p in _expand_paths(paths):
            try:
                result: Report | Exception = parse(p, meta.get(p.resolve()) if meta else None,
                                                   time_budget=time_budget)
            except Exception as exc:  # the batch goes on; the caller gets the error
                result = exc
            yield p, result


def _expand_paths(paths: str | Path | Iterable[str | Path]) -> Iterator[Path]:
    """One path (a str is a path, never an iterable of characters) or many; folders are walked."""
    items = [paths] if isinstance(paths, (str, Path)) else paths
    for item in items:
        p = Path(item)
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in EXTENSIONS
                              and not f.name.startswith("."))
        else:
            yield p


def parse_text(text: str, path: str = "<text>", meta: Mapping[str, str] | None = None, *,
               time_budget: float | None = None) -> Report:
    """Parse a report given as plain text (the same limits and time budget as `parse`)."""
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    with deadline(path, time_budget):
        report = extract(sanitize_document(cap_document(read_text(text, path=path, sha256=sha))), meta)
        _run_checks(report)
    return report


STDIN = "-"


def load_report(path: str | Path, meta: Mapping[str, str] | None = None) -> Report:
    """A Report from either a report JSON (`nianbao.report/1`) or a source file to parse.

    Every command that takes a report goes through here, so hand-corrected JSON works anywhere.
    `-` reads standard input (a report JSON, or a report's text/HTML/PDF/DOCX bytes). `meta`: overrides
    (see `parse`), applied to a report JSON too.
    """
    reports = load_reports(path, meta)
    if len(reports) != 1:
        raise ReadError(path, f"含 {len(reports)} 份报告（JSON Lines），此处只能用一份",
                        f"holds {len(reports)} reports (JSON Lines); one expected")
    return reports[0]


def load_reports(path: str | Path, meta: Mapping[str, str] | None = None) -> list[Report]:
    """Like `load_report`, but a JSON Lines file (`parse` of several inputs) gives all its reports."""
    name = str(path)
    if _URL.match(name):  # a Path argument has folded `//` into `/`: show the address as typed
        raise ReadError(_URL.sub(r"\1://", name), "nianbao 不下载网页：请先保存文件（如 curl -o 报告.html 网址），再处理保存的文件",
                        "URLs are not fetched; download the file first")
    if name == STDIN:
        return _load_stdin(meta)
    p = Path(path)
    if p.is_dir():  # the commands expand folders; one reaches here only when it holds no report file
        raise ReadError(p, "这是一个文件夹，其中没有报告文件（txt/html/pdf/docx/json 等）", "folder without report files")
    if p.suffix.lower() in (".json", ".jsonl"):
        try:
            data = p.read_bytes()
        except FileNotFoundError:
            raise ReadError(p, "文件不存在", "file not found") from None
        except OSError as exc:
            raise ReadError(p, f"无法读取（{os_reason(exc)}）", f"cannot read: {exc.strerror}") from None
        return _with_meta(reports_from_json(data, str(p)), meta)
    return [parse(p, meta)]


def _with_meta(reports: list[Report], meta: Mapping[str, str] | None) -> list[Report]:
    if meta:
        from .extract.overrides import apply_to_report

        for report in reports:
            apply_to_report(report, meta)
    return reports


_URL = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]+):/+")


def _load_stdin(meta: Mapping[str, str] | None = None) -> list[Report]:
    """Standard input: a report JSON, or a source file's bytes (parsed from a temporary copy)."""
    data = sys.stdin.buffer.read()
    if not data.strip():
        raise ReadError("标准输入", "没有内容", "standard input is empty")
    if looks_like_json(data):
        return _with_meta(reports_from_json(data, "标准输入"), meta)
    with tempfile.TemporaryDirectory(prefix="nianbao-stdin-") as folder:
        fmt = sniff_format(Path("stdin"), data)
        copy = Path(folder) / f"stdin.{_SUFFIX.get(fmt, 'txt')}"
        copy.write_bytes(data)
        try:
            report = parse(copy, meta)
        except ReadError as exc:
            raise ReadError("标准输入", exc.reason, exc.reason_en) from None
    report.source.path = STDIN
    return [report]


_SUFFIX = {"html": "html", "pdf": "pdf", "docx": "docx", "doc": "doc", "image": "png"}


def load_data(path: str | Path, version: str | None = None, meta: Mapping[str, str] | None = None) -> Report:
    """A Report from a fill-in YAML file, or from anything `load_report` takes.

    `version` (2019/2021) overrides the template the YAML's year (or 格式 key) selects; `meta`
    overrides are applied as `load_report` applies them (a fill-in YAML states its own metadata)."""
    p = Path(path)
    if p.suffix.lower() in FILL_SUFFIXES:
        return load_fill(p, version)
    return load_report(p, meta)


def _run_checks(report: Report) -> None:
    """Add the rule checks' findings (at most limits.FINDINGS_PER_RULE of each rule)."""
    report.findings.extend(cap_findings(run_checks(report)))
