"""One loop that hands chunks of files to workers, whatever runs them (local pool, Dask, Ray).

It keeps a few chunks per worker in flight (no worker idles between chunks; memory stays flat in
corpus size) and yields each chunk's result as it finishes. When a worker process dies (a native
library crashing on a hostile file, the kernel's OOM killer), the engine reports every chunk it
was running or holding as failed, innocent ones included. So the loop stops feeding, lets what is
in flight finish, then parses the suspects' files one at a time with nothing else in flight: a file
that takes its worker down while alone is the cause, and becomes that file's failure (stage `read`
in `errors`); every other file is parsed normally, and the run goes on.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from typing import Any, Protocol

from .work import ChunkResult, Task

WORKER_DIED = "解析进程意外退出（读取所用的库崩溃或内存不足），已跳过此文件"
IN_FLIGHT = 4  # chunks handed to each worker at a time: none idles between chunks; memory stays flat


class Engine(Protocol):
    """What the loop needs from an engine; handles are its futures (or Ray object refs)."""

    died: tuple[type[BaseException], ...]  # what waiting on a handle raises when its worker died

    def submit(self, chunk: list[Task]) -> Any: ...

    def wait_any(self, handles: Collection[Any]) -> Collection[Any]:
        """At least one of the handles, finished."""

    def result(self, handle: Any) -> ChunkResult: ...

    def recover(self) -> None:
        """Be ready for new work after a worker died (the local pool starts again; clusters replace workers)."""


def dispatch(engine: Engine, chunks: Iterable[list[Task]], workers: int) -> Iterator[ChunkResult]:
    in_flight = workers * IN_FLIGHT
    todo = iter(chunks)
    pending: dict[Any, list[Task]] = {}
    suspects: list[Task] = []
    while True:
        while not suspects and len(pending) < in_flight and (chunk := next(todo, None)) is not None:
            pending[engine.submit(chunk)] = chunk
        if not pending:
            if not suspects:
                return
            yield from _isolate(engine, suspects)
            suspects = []
            continue
        for handle in engine.wait_any(list(pending)):
            chunk = pending.pop(handle)
            try:
                result = engine.result(handle)
            except engine.died:
                suspects += chunk
                continue
            yield result


def _isolate(engine: Engine, suspects: list[Task]) -> Iterator[ChunkResult]:
    engine.recover()
    for task in suspects:
        handle = engine.submit([task])
        engine.wait_any([handle])
        try:
            yield engine.result(handle)
        except engine.died:
            yield ChunkResult(errors=[(task.path, task.sha256, WORKER_DIED)])
            engine.recover()
