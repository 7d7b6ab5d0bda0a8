"""The reports a running server holds: in memory, bounded, kept on disk only when the user asks.

An uploaded file lives in memory (its bytes are needed to render a PDF page) under a random,
unguessable id; the oldest entries are dropped when the count or the byte budget is exceeded.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Report
from ..model.report import CellValue
from ..normalize import parse_value


@dataclass
class Entry:
    id: str
    name: str
    report: Report
    view: dict[str, Any]
    fmt: str
    data: bytes | None = None
    created: float = field(default_factory=time.time)
    edits: dict[str, tuple[CellValue, CellValue]] = field(default_factory=dict)  # path -> (read, corrected)
    kept: Path | None = None
    keep_error: str | None = None

    def size(self) -> int:
        return len(self.data or b"") + sum(len(x) for x in self.view.get("lines", ())) + 200_000


class Store:
    def __init__(self, max_entries: int = 64, max_bytes: int = 512 * 1024 * 1024) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, name: str, report: Report, view: dict[str, Any], fmt: str, data: bytes | None) -> Entry:
        entry = Entry(secrets.token_urlsafe(12), name, report, view, fmt, data)
        with self._lock:
            self._items[entry.id] = entry
            total = sum(e.size() for e in self._items.values())
            while len(self._items) > 1 and (len(self._items) > self.max_entries or total > self.max_bytes):
                _, old = self._items.popitem(last=False)
                total -= old.size()
        return entry

    def get(self, entry_id: str) -> Entry | None:
        with self._lock:
            entry = self._items.get(entry_id)
            if entry is not None:
                self._items.move_to_end(entry_id)
            return entry


class EditError(ValueError):
    """A correction that cannot be applied; `str()` is the Chinese message."""


def parse_input(text: str) -> CellValue:
    """A corrected value as typed: digits (full-width too, thousands separators), or empty for blank."""
    text = (text or "").strip()
    if not text:
        return None
    parsed = parse_value(text)
    if parsed is None:
        raise EditError(f"“{text[:40]}”不是数字；请填写数字，留空表示空白单元格")
    return parsed.value


def set_cell(report: Report, path: str, value: CellValue) -> CellValue:
    """Set the value at a cell path and return the previous one; EditError for a path that is not a cell."""
    try:
        old = report.cell(path)  # the path exists: the writes below cannot create a key
    except (KeyError, ValueError):
        raise EditError(f"没有这个单元格：{path[:80]}") from None
    table, _, rest = path.partition(".")
    tables = report.tables
    if table == "applications":
        row, _, col = rest.rpartition(".")
        tables.applications.rows[row][col] = value  # type: ignore[union-attr]
    elif table == "reviews_litigation":
        group, _, col = rest.partition(".")
        setattr(getattr(tables.reviews_litigation, group), col, value)
    else:
        item, row, col = rest.split(".")
        tables.active_disclosure.items[item][row][col] = value  # type: ignore[union-attr]
    return old


def correct(entry: Entry, path: str, text: str) -> None:
    """Apply a correction typed in the page and re-run the checks on the corrected report."""
    from ..checks import recheck

    value = parse_input(text)
    old = set_cell(entry.report, path, value)
    first = entry.edits.get(path, (old, None))[0]
    if first == value:
        entry.edits.pop(path, None)
    else:
        entry.edits[path] = (first, value)
    recheck(entry.report)
