"""The public Python API: parse a source file (or text) into a checked Report."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import nullcontext
from pathlib import Path

from .batch import batch
from .checks import run_checks
from .errors import ReadError
from .extract import extract
from .inputs.fill import FILL_SUFFIXES, load_fill
from .model import SCHEMA_ID, Report
from .readers import read, read_text


def parse(path: str | Path, meta: Mapping[str, str] | None = None) -> Report:
    """Read a report file (text, HTML, PDF, DOCX, image) and return its Report with findings.

    `meta`: overrides for title, organization, year, published, url, body_kind (a crawl's
    manifest row, see `nianbao.extract.overrides.load_manifest`); they win over the report.
    Raises ReadError (naming the file and the problem) when the file cannot be read.
    """
    report = extract(read(path), meta)
    _run_checks(report)
    return report


def parse_many(paths: Iterable[str | Path], meta: Mapping[Path, Mapping[str, str]] | None = None, *,
               tune_gc: bool = False) -> Iterator[tuple[Path, Report | Exception]]:
    """Parse many files, yielding (path, Report) or (path, the error) for each: one bad file
    (a ReadError naming it and the problem, or any other failure) never stops the rest.

    `meta`: per-file overrides keyed by resolved path, as `nianbao.extract.overrides.load_manifest`
    returns them for a crawl's manifest. The garbage collector's process-wide settings are left
    alone unless `tune_gc=True`, which runs the loop inside `nianbao.batch()` (faster on long runs;
    for a process that owns its GC settings, as the command line does: `batch` unfreezes every
    frozen object when it ends).
    """
    with batch() if tune_gc else nullcontext():
        for path in paths:
            p = Path(path)
            try:
                result: Report | Exception = parse(p, meta.get(p.resolve()) if meta else None)
            except Exception as exc:  # the batch goes on; the caller gets the error
                result = exc
            yield p, result


def parse_text(text: str, path: str = "<text>", meta: Mapping[str, str] | None = None) -> Report:
    """Parse a report given as plain text."""
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    report = extract(read_text(text, path=path, sha256=sha), meta)
    _run_checks(report)
    return report


def load_report(path: str | Path, meta: Mapping[str, str] | None = None) -> Report:
    """A Report from either a report JSON (`nianbao.report/1`) or a source file to parse.

    Every command that takes a report goes through here, so hand-corrected JSON works anywhere.
    """
    p = Path(path)
    if p.suffix.lower() == ".json":
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ReadError(p, "文件不存在", "file not found") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ReadError(p, f"不是有效的 JSON：{exc}", f"not valid JSON: {exc}") from None
        if not isinstance(data, dict) or data.get("schema") != SCHEMA_ID:
            raise ReadError(p, f"不是 {SCHEMA_ID} 格式的报告 JSON", f"not a {SCHEMA_ID} report JSON")
        try:
            report = Report.model_validate(data)
        except Exception as exc:  # pydantic ValidationError: say which field
            raise ReadError(p, f"报告 JSON 内容不符合约定：{exc}", f"report JSON does not match the contract: {exc}") \
                from None
        if meta:
            from .extract.overrides import apply_to_report

            apply_to_report(report, meta)
        return report
    return parse(p, meta)


def load_data(path: str | Path, version: str | None = None, meta: Mapping[str, str] | None = None) -> Report:
    """A Report from a fill-in YAML file, or from anything `load_report` takes.

    `version` (2019/2021) overrides the template the YAML's year (or 格式 key) selects; `meta`
    overrides are applied as `load_report` applies them (a fill-in YAML states its own metadata)."""
    p = Path(path)
    if p.suffix.lower() in FILL_SUFFIXES:
        return load_fill(p, version)
    return load_report(p, meta)


def _run_checks(report: Report) -> None:
    """Add the rule checks' findings."""
    report.findings.extend(run_checks(report))
