"""The ingest manifest: per-file metadata that overrides what was read (CSV: path,url,title,organization,published[,body_id]).

The overrides are applied by the extractor's own mechanism (`load_report(path, meta=…)`, issue 13:
provenance "override", region and body id derived from an overridden organization). This loader
is kept (one function) because the shared `extract.overrides.load_manifest` refuses the extra
`body_id` column that the corpus uses to override the body rule; once it accepts it, it can
replace `load_manifest` here.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

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


def overrides(entry: ManifestEntry | None) -> dict[str, str] | None:
    """The entry as the extractor's overrides (`load_report(path, meta=…)`); blank cells change nothing."""
    if entry is None:
        return None
    out = {k: getattr(entry, k) for k in ("url", "title", "organization") if getattr(entry, k)}
    if entry.published is not None:
        out["published"] = entry.published.isoformat()
    return out or None
