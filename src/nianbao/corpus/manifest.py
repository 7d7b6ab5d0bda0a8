"""The ingest manifest: per-file metadata that overrides what was read (CSV: path,url,title,organization,published[,body_id]).

Kept to one loader and one apply function so that the shared manifest loader (issue 13) can
replace `load_manifest` without touching the ingest.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ReadError

FIELDS = ("path", "url", "title", "organization", "published", "body_id")


@dataclass(frozen=True)
class ManifestEntry:
    url: str | None = None
    title: str | None = None
    organization: str | None = None
    published: dt.date | None = None
    body_id: str | None = None


def load_manifest(path: Path) -> dict[str, ManifestEntry]:
    """Resolved file path → entry. Relative paths are relative to the manifest's folder.

    A bad date or a missing `path` column is a ReadError naming the manifest line.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ReadError(path, f"无法读取清单：{exc.strerror}", f"cannot read manifest: {exc.strerror}") from None
    rows = csv.DictReader(text.splitlines())
    if rows.fieldnames is None or "path" not in rows.fieldnames:
        raise ReadError(path, "清单缺少 path 列（应为 path,url,title,organization,published[,body_id]）",
                        "manifest has no path column")
    out: dict[str, ManifestEntry] = {}
    for line, row in enumerate(rows, start=2):
        file = (row.get("path") or "").strip()
        if not file:
            continue
        published = (row.get("published") or "").strip() or None
        try:
            date = dt.date.fromisoformat(published) if published else None
        except ValueError:
            raise ReadError(path, f"第{line}行：发布日期“{published}”不是 YYYY-MM-DD 格式",
                            f"line {line}: bad date {published!r}") from None
        target = Path(file)
        if not target.is_absolute():
            target = path.parent / target
        out[str(target.resolve())] = ManifestEntry(
            **{k: (row.get(k) or "").strip() or None for k in ("url", "title", "organization", "body_id")},
            published=date)
    return out


def apply_manifest(meta: Any, entry: ManifestEntry) -> None:
    """Overwrite the report's metadata with what the manifest gives (blank manifest cells change nothing)."""
    for name in ("title", "organization", "published"):
        value = getattr(entry, name)
        if value is not None:
            setattr(meta, name, value)
