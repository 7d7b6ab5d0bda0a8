"""nianbao — read, check and write government information disclosure annual reports (政府信息公开工作年度报告).

    >>> import nianbao
    >>> report = nianbao.parse("report.txt")
    >>> report.tables.applications.rows["new_received"]["total"]
"""

from __future__ import annotations

from .api import load_report, parse, parse_many, parse_text
from .batch import batch
from .document import Document
from .errors import NianbaoError, ReadError
from .model import Finding, Report
from .version import __version__

__all__ = ["Document", "Finding", "NianbaoError", "ReadError", "Report", "batch", "load_report", "parse",
           "parse_many", "parse_text", "__version__"]
