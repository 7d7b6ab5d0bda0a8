"""What one input file may cost: the limits that keep hostile or broken files cheap (docs/limits.md).

Every limit is a module constant (tests and callers may change them) and is chosen far above what a
real annual report needs, so that only a broken or hostile file meets one. Meeting a limit is never
a traceback: either the file is refused with a `ReadError` naming it and the limit, or the excess is
left out and a finding says so.

The per-file time budget is cooperative: `parse` opens a `deadline(path)`, and the readers,
extraction and checks call `check_deadline()` between steps (per table, per page, per thousand
lines…). Past the budget, `TimeLimitExceeded` (a ReadError) is raised with a Chinese message. One
library call (lxml parsing a page, pdfium laying out a page) is not interrupted; the size limits
below bound those. For a hard limit, run each file in a subprocess with a timeout
(scripts/fuzz_readers.py does).
"""

from __future__ import annotations

import contextvars
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import ReadError

# --- sizes of input files, by format (bytes). A report is 50-300 KB of text, 50 KB-3 MB of HTML;
# PDFs and DOCX carry images. Text and HTML are limited hardest: their cost grows with every
# character (a text of nothing but table rows costs ~2.5 s per MB, bench/bench_hostile.py).
MAX_FILE_BYTES = {"text": 1024 * 1024, "html": 16 * 1024 * 1024}
MAX_FILE_BYTES_DEFAULT = 200 * 1024 * 1024

# --- text: characters of text one file may yield (all formats; a report has 20,000-100,000)
MAX_DOCUMENT_CHARS = 500_000
# PDF pages are read while their characters stay below this: laying out costs ~16 µs a character
# (a report PDF has 30,000-80,000)
MAX_PDF_CHARS = 250_000

# --- tables
MAX_SPAN = 100  # rowspan/colspan: the widest template table has 12 columns and 30 rows
MAX_TABLE_CELLS = 20_000  # cells read from one source table (a template table has < 400)
MAX_DOCUMENT_CELLS = 200_000  # cells read from one file, all tables together
MAX_HTML_TAGS = 150_000  # an HTML page is cut before this many tags (a report page has 1,000-10,000)

# --- numbers: the largest count a report prints has 9-10 digits (applications, money in 元);
# a "number" of more digits than this is unreadable (a finding), never converted.
MAX_DIGITS = 15

# --- findings: more than this many findings of one rule are summarised by one finding with the count
FINDINGS_PER_RULE = 50

# --- time: seconds one file may take in `parse` (read + extract + checks); NIANBAO_TIME_BUDGET overrides
def _env_seconds(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


TIME_BUDGET = _env_seconds("NIANBAO_TIME_BUDGET", 60)


class TimeLimitExceeded(ReadError):
    """The file took longer than the per-file time budget."""


_deadline: contextvars.ContextVar[tuple[float, str, float] | None] = contextvars.ContextVar("nianbao_deadline",
                                                                                          default=None)


@contextmanager
def deadline(path: str, seconds: float | None = None) -> Iterator[None]:
    """Run the work on one file under the time budget (`seconds`, default TIME_BUDGET; 0 or less: none).

    Nested deadlines keep the outer one when it is earlier.
    """
    budget = TIME_BUDGET if seconds is None else seconds
    outer = _deadline.get()
    if budget <= 0:
        token = _deadline.set(outer)
    else:
        end = time.monotonic() + budget
        token = _deadline.set(outer if outer is not None and outer[0] <= end else (end, path, budget))
    try:
        yield
    finally:
        _deadline.reset(token)


def check_deadline() -> None:
    """Raise TimeLimitExceeded when the current file is past its budget (cheap: call it often)."""
    current = _deadline.get()
    if current is not None and time.monotonic() > current[0]:
        _, path, budget = current
        raise TimeLimitExceeded(path, f"处理超时：超过每个文件 {budget:g} 秒的时间上限（文件过大、过于复杂或构造异常）",
                                f"time limit exceeded: more than {budget:g} s for one file")


def too_many_digits(digits: str) -> bool:
    """A digit run longer than any count a report holds (see MAX_DIGITS)."""
    return len(digits) > MAX_DIGITS


def abbreviate(text: str, keep: int = 40) -> str:
    """A long text cut for a message: the start, and how long it was."""
    if len(text) <= keep:
        return text
    return f"{text[:keep]}…（共 {len(text)} 字符）"
