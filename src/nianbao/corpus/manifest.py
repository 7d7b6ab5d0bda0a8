"""The ingest manifest: per-file metadata from the crawler, read by the extractor's own loader.

`extract.overrides.load_manifest` reads and checks the CSV (`path,url,title,organization,published`
and the other override keys); the corpus adds one column of its own, `body_id`, which overrides
the body rule (docs/corpus.md) instead of a report field. The other values are applied by the
extractor (`load_report(path, meta=…)`: provenance "override", region and body id derived from an
overridden organization).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..extract.overrides import load_manifest as load_overrides

CORPUS_COLUMNS = ("body_id",)


@dataclass(frozen=True)
class ManifestEntry:
    meta: dict[str, str] = field(default_factory=dict)  # the extractor's overrides (blank cells left out)
    body_id: str | None = None


def load_manifest(path: Path) -> dict[str, ManifestEntry]:
    """Resolved file path → entry; a bad file, column or value is a ReadError naming the manifest line."""
    out: dict[str, ManifestEntry] = {}
    for target, values in load_overrides(path, extra=CORPUS_COLUMNS).items():
        body_id = values.pop("body_id", None)
        out[str(target)] = ManifestEntry(meta=values, body_id=body_id)
    return out


def overrides(entry: ManifestEntry | None) -> dict[str, str] | None:
    """The entry as the extractor's overrides (`load_report(path, meta=…)`)."""
    return dict(entry.meta) if entry is not None and entry.meta else None
