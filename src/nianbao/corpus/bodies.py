"""One `body_id` for the same body across years, and its region.

The rule (docs/corpus.md, "Bodies across years"), first that applies:
1. the manifest's `body_id` column for that file;
2. `report.meta.body_id` when the extractor sets one (issue 13 adds it; read defensively until then);
3. the organization's name normalised: NFKC, spaces and punctuation dropped, a trailing 办公室/办公厅
   (a government's report is often signed by its general office) dropped, and the department names
   renamed in the 2018 institutional reform mapped to their current names (RENAMED below);
4. none (no organization): the report stays out of cross-year pairing.
"""

from __future__ import annotations

import re
from typing import Any

from ..normalize import nfkc

# Old department name → current one (2018 reform); the current name is what body ids use.
RENAMED: tuple[tuple[str, str], ...] = (
    ("国土资源局", "自然资源局"),
    ("国土资源厅", "自然资源厅"),
    ("环境保护局", "生态环境局"),
    ("环境保护厅", "生态环境厅"),
    ("环保局", "生态环境局"),
    ("卫生和计划生育委员会", "卫生健康委员会"),
    ("卫生计生委", "卫生健康委员会"),
    ("卫健委", "卫生健康委员会"),
    ("工商行政管理局", "市场监督管理局"),
    ("食品药品监督管理局", "市场监督管理局"),
    ("质量技术监督局", "市场监督管理局"),
    ("市场监管局", "市场监督管理局"),
    ("人社局", "人力资源和社会保障局"),
    ("住建局", "住房和城乡建设局"),
    ("城乡建设局", "住房和城乡建设局"),
    ("农业局", "农业农村局"),
    ("文化广电新闻出版局", "文化和旅游局"),
    ("旅游发展委员会", "文化和旅游局"),
    ("旅游局", "文化和旅游局"),
    ("安全生产监督管理局", "应急管理局"),
)
_OFFICE_SUFFIX = re.compile(r"(办公室|办公厅)$")
_DROP = re.compile(r"[\s\"'“”‘’「」『』《》〈〉<>()（）\[\]【】,，、.。;；:：!！?？·•\-—–_/|]+")


def normalise_organization(name: str | None) -> str | None:
    """The organization part of a body id (rule 3); None when there is no name."""
    if not name:
        return None
    text = _DROP.sub("", nfkc(name))
    if "人民政府" in text or text.endswith(("办公室", "办公厅")):
        stripped = _OFFICE_SUFFIX.sub("", text)
        text = stripped or text
    for old, new in RENAMED:
        if text.endswith(old) and not text.endswith(new):
            text = text[: -len(old)] + new
            break
    return text or None


def body_id(meta: Any, override: str | None = None) -> tuple[str | None, str | None]:
    """(body id, the rule that gave it: manifest | meta | organization) for a report's metadata."""
    if override:
        return override, "manifest"
    from_meta = getattr(meta, "body_id", None)
    if from_meta:
        return str(from_meta), "meta"
    norm = normalise_organization(getattr(meta, "organization", None))
    return (norm, "organization") if norm else (None, None)


def region(meta: Any) -> tuple[str | None, str | None, str | None, str | None]:
    """(province, city, county, code) from the report's metadata when the extractor provides them.

    Issue 13 adds region fields to `meta`; until then these are None. Both a nested `meta.region`
    object and flat `meta.province`… fields are read, so either shape works.
    """
    holder = getattr(meta, "region", None) or meta

    def get(*names: str) -> str | None:
        for name in names:
            value = holder.get(name) if isinstance(holder, dict) else getattr(holder, name, None)
            if value:
                return str(value)
        return None

    return (get("province"), get("city", "prefecture"), get("county", "district"),
            get("code", "region_code", "adcode"))
