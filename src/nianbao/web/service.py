"""What the pages and the JSON API share: settings, parsing uploads in the sandbox, downloads."""

from __future__ import annotations

import hashlib
import io
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Report
from .sandbox import Limits, SandboxError, run_limited
from .store import Entry, Store
from .tasks import display_name, parse_pasted, parse_upload, render_region


def default_keep_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "nianbao" / "uploads"


@dataclass
class Settings:
    db: Path | None = None
    max_upload_mb: float = 20.0
    limits: Limits = field(default_factory=Limits)
    keep_dir: Path = field(default_factory=default_keep_dir)
    parallel: int = 2  # sandboxed parses at once; more requests wait
    # Host headers accepted; `nianbao serve` on a loopback address accepts only loopback names, so a
    # web page elsewhere cannot reach the server through DNS rebinding.
    allowed_hosts: tuple[str, ...] = ("*",)

    @property
    def max_body(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)


@dataclass
class Outcome:
    name: str
    entry: Entry | None = None
    error: str | None = None


class Service:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store = Store()
        self._slots = threading.BoundedSemaphore(max(1, settings.parallel))

    def _run(self, func: Any, args: tuple[Any, ...]) -> Any:
        with self._slots:
            return run_limited(func, args, self.settings.limits)

    def parse_file(self, name: str, data: bytes, keep: bool = False) -> Outcome:
        shown = display_name(name)
        if len(data) > self.settings.max_body:
            return Outcome(shown, error=f"{shown}：文件过大（超过 {self.settings.max_upload_mb:g} MB）")
        try:
            result = self._run(parse_upload, (shown, data))
        except SandboxError as exc:
            return Outcome(shown, error=_named(shown, str(exc)))
        report = Report.model_validate_json(result["report"])
        keep_data = data if result["view"].get("kind") in ("pdf", "image") else None
        entry = self.store.add(shown, report, result["view"], result["format"], keep_data)
        if keep:
            self.keep_safely(entry, data)
        return Outcome(shown, entry=entry)

    def parse_text(self, text: str, keep: bool = False) -> Outcome:
        name = "粘贴的文本"
        try:
            result = self._run(parse_pasted, (text, name))
        except SandboxError as exc:
            return Outcome(name, error=_named(name, str(exc)))
        report = Report.model_validate_json(result["report"])
        entry = self.store.add(name, report, result["view"], "text", None)
        if keep:
            self.keep_safely(entry, text.encode("utf-8"))
        return Outcome(name, entry=entry)

    def keep_safely(self, entry: Entry, data: bytes) -> None:
        """Keep the upload; a folder that cannot be written is said on the report page, not a failed upload."""
        from ..errors import NianbaoError

        try:
            entry.kept = self.keep(entry, data)
        except (NianbaoError, OSError) as exc:
            entry.keep_error = f"未能保存到服务器：{exc}"

    def keep(self, entry: Entry, data: bytes) -> Path:
        """Save the upload and its report JSON (only when the user ticked 保存): <sha12>-<name>."""
        from ..writers.output import make_folder, write_file

        folder = self.settings.keep_dir
        make_folder(folder)
        sha = hashlib.sha256(data).hexdigest()[:12]
        target = folder / f"{sha}-{entry.name}"  # display_name() left no separators in the name
        write_file(target, data)
        write_file(target.with_name(target.name + ".json"), entry.report.to_json())
        return target

    def page_png(self, entry: Entry, page: int, bbox: tuple[float, float, float, float] | None,
                 crop: bool = False) -> bytes:
        if entry.data is None:
            raise SandboxError("这份报告没有可显示的页面图像")
        fmt = "pdf" if entry.view.get("kind") == "pdf" else "image"
        return self._run(render_region, (entry.data, fmt, page, bbox, 110, crop))


def _named(name: str, message: str) -> str:
    return message if message.startswith(name) else f"{name}：{message}"


# -- downloads ---------------------------------------------------------------------------------

DOWNLOADS = {
    "json": ("报告 JSON", "application/json", ".json"),
    "xlsx": ("Excel（XLSX）", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    "docx": ("Word（官方格式）", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "pdf": ("PDF（官方格式）", "application/pdf", ".pdf"),
    "review-html": ("审核意见单（网页）", "text/html; charset=utf-8", "-审核意见.html"),
    "review-docx": ("审核意见（Word）", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "-审核意见.docx"),
}


class DownloadUnavailable(Exception):
    """The output cannot be made here (a converter or module missing); `str()` says why in Chinese."""


def download_bytes(report: Report, kind: str, office: str = "", reviewer: str = "") -> bytes:
    if kind == "json":
        return report.to_json().encode("utf-8")
    if kind == "xlsx":
        from ..writers.export import flatten, write_xlsx

        buf = io.BytesIO()
        write_xlsx([flatten(report)], buf)
        return buf.getvalue()
    if kind in ("docx", "pdf"):
        from ..errors import ConverterMissing
        from ..writers import render_bytes

        try:
            return render_bytes(report, kind)
        except ConverterMissing as exc:
            raise DownloadUnavailable(f"服务器上没有安装 LibreOffice，无法生成 PDF：{exc}") from None
    if kind == "review-html":
        from ..writers.review_sheet import render_html

        return render_html([report]).encode("utf-8")
    if kind == "review-docx":
        return review_docx(report, office, reviewer)
    raise KeyError(kind)


def review_docx(report: Report, office: str = "", reviewer: str = "") -> bytes:
    """The 审核意见 DOCX (issue 15's writer); office and reviewer are left blank to fill in by hand when not given."""
    from ..writers.review import ReviewItem
    from ..writers.review_docx import review_docx as write

    return write(ReviewItem(report), office=office, reviewer=reviewer)


def download_name(entry: Entry, kind: str) -> str:
    if kind == "review-docx":
        from ..writers.review import ReviewItem
        from ..writers.review_docx import review_filename

        return review_filename(ReviewItem(entry.report))
    stem = Path(entry.name).stem or "report"
    return stem + DOWNLOADS[kind][2]
