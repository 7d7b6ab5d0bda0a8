"""Many reports in one process: keep Python's cyclic garbage collector out of the way.

A full collection walks every object the collector tracks: the modules, pydantic's validators
and the parsers' bounded caches, about 20 ms a time once they are filled. In a batch, each
report leaves a few thousand objects behind for a while, so full collections come every few
dozen reports; with the young-generation collections (one every 700 allocations, each walking
the parse's live objects) the collector cost ≈ 1.2 ms per HTML page of ≈ 10 ms (measured with
`gc.callbacks` on `bench/bench_html.py`).

Parsing makes almost no reference cycles, so during a batch:
- the objects that exist when it starts are left out of the collector's scans (`gc.freeze`);
- young collections run every 5,000 allocations instead of 700 (the collector stays on: a
  cycle made by a caller is still freed). On the HTML benchmark this took the collector from
  ≈ 1.2 to ≈ 0.4 ms per page (freezing) and the instructions per page by a further 3 %
  (44.3 → 42.9 M, valgrind; 5,000, 20,000 and 100,000 gave the same).
Both are undone when the batch ends. They are process-wide settings: nested and concurrent
batches share them, and the outermost one restores them.
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
