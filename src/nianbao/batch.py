"""Many reports in one process: keep Python's cyclic garbage collector off long-lived objects.

A full collection walks every object the collector tracks: the modules, pydantic's validators
and the parsers' bounded caches, about 20 ms a time once they are filled. In a batch, each
report leaves a few thousand objects behind for a while, so full collections come every few
dozen reports and cost more than half a millisecond per report (measured with `gc.callbacks`
on the HTML benchmark). Parsing makes almost no reference cycles, so the objects that exist
when a batch starts can be left out of the collector's scans (`gc.freeze`) until it ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0


@contextmanager
def batch() -> Iterator[None]:
    """Run a loop of parses with the objects that exist at its start frozen out of the GC.

    At the end they are handed back (`gc.unfreeze`). Nested and concurrent batches share one freeze.
    """
    global _depth
    with _lock:
        _depth += 1
        if _depth == 1:
            gc.freeze()
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.unfreeze()
