"""Errors with a message a person can act on: which file, what is wrong.

One hierarchy: every error nianbao raises on bad input or an unusable output is a `NianbaoError`,
so a command catches that one class, prints `错误 <message>` and goes on with the batch.
"""

from __future__ import annotations

import errno
from pathlib import Path


class NianbaoError(Exception):
    """Base class for the errors nianbao raises on bad input or an unusable output."""


class ReadError(NianbaoError):
    """A source file could not be read. `str()` names the file and the reason (in Chinese)."""

    def __init__(self, path: str | Path, reason: str, reason_en: str = "") -> None:
        self.path = str(path)
        self.reason = reason
        self.reason_en = reason_en or reason
        super().__init__(f"{self.path}: {reason}")


class FillError(NianbaoError):
    """A fill-in YAML has a value nianbao cannot place: file, where in it, and the problem."""

    def __init__(self, path: str | Path, where: str, problem: str) -> None:
        self.path = str(path)
        self.where = where
        self.problem = problem
        super().__init__(f"{path}: {where}：{problem}")


class LedgerError(NianbaoError):
    """The ledger has errors; `messages` lists every one (file and row named)."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("\n".join(messages))


class TemplateMismatch(NianbaoError):
    """The data's tables follow one template version and another was asked for."""


class RenderError(NianbaoError):
    """An output could not be produced from a report (e.g. the converter failed on it)."""


class ConverterMissing(RenderError):
    """An external converter (LibreOffice for PDF) is not installed."""


class OutputError(NianbaoError):
    """An output file cannot be written there. `str()` is one Chinese line naming the file."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}：{reason}")


_OS_REASONS = {
    errno.EACCES: "权限不足",
    errno.EPERM: "权限不足",
    errno.EROFS: "只读文件系统",
    errno.ENOENT: "文件夹不存在",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "输入输出错误",
    errno.EEXIST: "已有同名文件",
}


def os_reason(exc: OSError) -> str:
    """The Chinese reason for an operating-system refusal (errno), for one-line messages."""
    return _OS_REASONS.get(exc.errno or 0, exc.strerror or type(exc).__name__)
