"""Run work on untrusted files in a child process with CPU-time, memory and wall-clock limits.

A crafted PDF or a zip bomb must not take the server down: each parse (and each page render)
runs in a fresh process forked from a `forkserver` that has nianbao imported already (so a
parse does not pay the import again), with `RLIMIT_AS` and `RLIMIT_CPU` set in the child and
a wall-clock deadline enforced by the parent, which kills the child when it passes.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# Imported once in the fork server so that each child starts with them loaded (a missing one is
# skipped by multiprocessing). bench/bench_web.py measures what is left of the cost.
_PRELOAD = ["nianbao.web.tasks", "nianbao.readers.html", "nianbao.readers.pdf", "nianbao.readers.pdf_pdfium",
            "nianbao.readers.docx", "nianbao.readers.legacy", "nianbao.readers.image", "nianbao.readers.decode",
            "nianbao.model.cells", "nianbao.checks", "charset_normalizer", "pdfplumber", "pypdfium2",
            "encodings.gbk", "encodings.gb18030", "encodings.big5", "PIL.Image", "PIL.ImageDraw",
            "PIL.PngImagePlugin"]


@dataclass(frozen=True, slots=True)
class Limits:
    seconds: float = 60.0  # wall clock and CPU time of one task
    memory_mb: int = 2048  # address space of the child (RLIMIT_AS)


class SandboxError(Exception):
    """The task failed; `str()` is a Chinese message for the user."""


_context: Any = None


def _ctx(method: str = "forkserver") -> Any:
    global _context
    if method != "forkserver":  # "spawn" (a fresh interpreter per task) is only measured, in bench/
        return multiprocessing.get_context(method)
    if _context is None:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        _context = ctx
    return _context


def _child(conn: Any, func: Callable[..., Any], args: tuple[Any, ...], limits: Limits) -> None:
    # its own process group, so a timeout also ends what it started (soffice for .doc/.wps)
    os.setpgrp()
    cpu = max(1, int(limits.seconds))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    mem = limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
    try:
        result: tuple[str, Any] = ("ok", func(*args))
    except MemoryError:
        result = ("error", f"内存超出限制（{limits.memory_mb} MB），已中止")
    except Exception as exc:  # the parent shows the message; the child must always answer
        # a ReadError's reason without its path: the caller names the file as the user knows it
        result = ("error", getattr(exc, "reason", None) or str(exc) or type(exc).__name__)
    try:
        conn.send(result)
    except MemoryError:
        conn.send(("error", f"内存超出限制（{limits.memory_mb} MB），已中止"))
    conn.close()


def run_limited(func: Callable[..., Any], args: tuple[Any, ...], limits: Limits, method: str = "forkserver") -> Any:
    """func(*args) in a limited child process; SandboxError with a Chinese message on any failure."""
    ctx = _ctx(method)
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(sender, func, args, limits), daemon=True)
    try:
        proc.start()
    except OSError as exc:  # the fork server died (e.g. killed): start a new one next time
        global _context
        _context = None
        raise SandboxError(f"无法启动解析进程：{exc}") from None
    finally:
        sender.close()
    try:
        if not receiver.poll(limits.seconds + 2):
            _kill_group(proc)
            raise SandboxError(f"处理超时（超过 {limits.seconds:g} 秒），已中止")
        try:
            status, value = receiver.recv()
        except EOFError:
            proc.join(5)
            raise SandboxError(_died(proc.exitcode, limits)) from None
    finally:
        receiver.close()
        proc.join(5)
        if proc.is_alive():
            _kill_group(proc)
            proc.join()
    if status != "ok":
        raise SandboxError(value)
    return value


def _kill_group(proc: Any) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()


def _died(code: int | None, limits: Limits) -> str:
    if code in (-signal.SIGXCPU, -signal.SIGKILL):
        return f"处理超时（CPU 时间超过 {limits.seconds:g} 秒），已中止"
    if code == -signal.SIGSEGV:
        return "处理进程崩溃（文件可能已损坏或是恶意构造的）"
    return f"处理进程异常退出（退出码 {code}），可能超出了内存限制（{limits.memory_mb} MB）"
