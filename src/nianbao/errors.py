"""Errors with a message a person can act on: which file, what is wrong."""

from __future__ import annotations

from pathlib import Path


class NianbaoError(Exception):
    """Base class for the errors nianbao raises on bad input."""


class ReadError(NianbaoError):
    """A source file could not be read. `str()` names the file and the reason (in Chinese)."""

    def __init__(self, path: str | Path, reason: str, reason_en: str = "") -> None:
        self.path = str(path)
        self.reason = reason
        self.reason_en = reason_en or reason
        super().__init__(f"{self.path}: {reason}")
