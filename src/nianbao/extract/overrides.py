"""Meta overrides for crawled corpora: `--meta KEY=VALUE` and a sidecar manifest CSV.

A crawler knows things a saved page may not print (its URL, the title of the listing that linked
to it, the publishing body of the site section). The manifest carries them, one row per file:

    path,url,title,organization,published

`path` is relative to the manifest's folder (or absolute). Values override what the report says;
each overridden field's provenance is "override". The URL's host is evidence for the region.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path

from ..errors import ReadError
from ..model import MetaSource, Report

KEYS = ("title", "organization", "year", "published", "url", "body_kind")
MANIFEST_COLUMNS = ("path", "url", "title", "organization", "published")
BODY_KINDS = ("government", "department", "township", "unknown")


def parse_meta_args(items: list[str] | None) -> dict[str, str]:
    """`["organization=某县人民政府", "year=2022"]` → dict; ValueError (Chinese) on a bad item."""
    out: dict[str, str] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        key = key.strip().lower()
        if not sep or key not in KEYS:
            raise ValueError(f"--meta 参数“{item}”无效：应为 KEY=VALUE，KEY 取 {', '.join(KEYS)}")
        problem = value_problem(key, value.strip())
        if problem:
            raise ValueError(f"--meta {key}：{problem}")
        out[key] = value.strip()
    return out


def value_problem(key: str, value: str) -> str | None:
    """Why an override value cannot be used (Chinese), or None."""
    from .metadata import parse_date

    if key == "year" and not (value.isdigit() and len(value) == 4):
        return f"应为四位年份，收到“{value}”"
    if key == "published" and value and parse_date(value) is None:
        return f"不是有效日期：“{value}”（应如 2023-01-30 或 2023年1月30日）"
    if key == "body_kind" and value and value not in BODY_KINDS:
        return f"应为 {' / '.join(BODY_KINDS)} 之一，收到“{value}”"
    return None


def load_manifest(path: str | Path, extra: tuple[str, ...] = ()) -> dict[Path, dict[str, str]]:
    """The manifest's rows: resolved file path → {field: value} (empty cells left out).

    `extra`: columns a caller handles itself (the corpus's `body_id`), kept as read. Raises
    ReadError naming the manifest and the problem (missing file, no `path` column, …).
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ReadError(p, "清单文件不存在", "manifest not found") from None
    except UnicodeDecodeError:
        raise ReadError(p, "清单文件不是 UTF-8 编码的 CSV", "manifest is not UTF-8 CSV") from None
    reader = csv.DictReader(text.splitlines())
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    if "path" not in columns:
        expected = ",".join((*MANIFEST_COLUMNS, *extra))
        raise ReadError(p, f"清单缺少 path 列（应有列：{expected}）",
                        f"manifest has no path column (expected: {expected})")
    unknown = [c for c in columns if c not in MANIFEST_COLUMNS and c not in KEYS and c not in extra]
    if unknown:
        raise ReadError(p, f"清单含未知列：{', '.join(unknown)}", f"manifest has unknown columns: {', '.join(unknown)}")
    out: dict[Path, dict[str, str]] = {}
    for n, row in enumerate(reader, start=2):
        values = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
        rel = values.pop("path", "")
        if not rel:
            raise ReadError(p, f"第 {n} 行没有 path", f"row {n} has no path")
        for key, value in values.items():
            problem = value_problem(key, value) if value and key not in extra else None
            if problem:
                raise ReadError(p, f"第 {n} 行 {key}：{problem}", f"row {n}: bad {key} {value!r}")
        target = Path(rel) if Path(rel).is_absolute() else p.parent / rel
        out[target.resolve()] = {k: v for k, v in values.items() if v}
    return out


def overrides_for(manifest: dict[Path, dict[str, str]], path: str | Path) -> dict[str, str]:
    return manifest.get(Path(path).resolve(), {})


def apply_to_report(report: Report, overrides: Mapping[str, str]) -> None:
    """Overrides on a report already parsed (a report JSON): the fields are set as given, with
    provenance "override"; the kind follows a new organisation's name unless body_kind is given.
    Region and body_id are re-derived only when the source is parsed again."""
    from .metadata import body_kind, parse_date

    m = report.meta
    for key, value in overrides.items():
        if key == "title":
            m.title = value
        elif key == "organization":
            m.organization = value
            if "body_kind" not in overrides:
                m.body_kind = body_kind(value)  # type: ignore[assignment]
        elif key == "year" and value.isdigit():
            m.year = int(value)
        elif key == "published" and parse_date(value):
            m.published = parse_date(value)
            m.published_basis = "page"
        elif key == "url":
            m.url = value
        elif key == "body_kind" and value in BODY_KINDS:
            m.body_kind = value  # type: ignore[assignment]
        else:
            continue
        m.provenance[key] = MetaSource(source="override", text=value)
