"""Many reports in one process: keep Python's cyclic garbage collector out of the way.

Parsing makes almost no reference cycles, so during a batch the objects that exist when it starts
are left out of the collector's scans (`gc.freeze`) and young collections run every 5,000
allocations instead of 700 (the collector stays on). Both are process-wide settings, undone when
the outermost batch ends (nested and concurrent batches share them); `gc.unfreeze` also releases
objects a caller froze itself, so only callers that own the process's GC settings (the command
line, `parse_many(..., tune_gc=True)`) use it. What it buys: docs/performance.md.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_THRESHOLD = 5000

_lock = threading.Lock()
_depth = 0
_saved_threshold: tuple[int, int, int] | None = None


@contextmanager
def batch() -> Iterator[None]:
    """Run a loop of parses with the cyclic GC tuned for it (see the module docstring)."""
    global _depth, _saved_threshold
    with _lock:
        _depth += 1
        if _depth == 1:
            gc.freeze()
            _saved_threshold = gc.get_threshold()
            first, *older = _saved_threshold
            gc.set_threshold(max(first, YOUNG_THRESHOLD), *older)
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                if _saved_threshold is not None:
                    gc.set_threshold(*_saved_threshold)
                    _saved_threshold = None
                gc.unfreeze()
