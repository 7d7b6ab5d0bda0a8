"""Legacy Word (.doc) and WPS (.wps) files → Document, through LibreOffice.

The file is converted with `soffice --headless --convert-to docx` into a temporary directory
(with its own LibreOffice profile, so parallel conversions do not fight over a lock) and the
result is read by the DOCX reader. Without LibreOffice the file is refused with a ReadError that
says how to install it; the conversion is bounded by TIMEOUT seconds.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..document import Document
from ..errors import ReadError

TIMEOUT = 120  # seconds for one conversion


def soffice() -> str | None:
    """Path of the LibreOffice binary, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_legacy(path: str, data: bytes, sha256: str) -> Document:
    exe = soffice()
    suffix = Path(path).suffix.lower() or ".doc"
    if exe is None:
        raise ReadError(path, f"读取 {suffix} 文件需要 LibreOffice：请安装（Debian/Ubuntu：apt-get install "
                              "libreoffice-writer），或先将文件另存为 .docx",
                        f"reading {suffix} files needs LibreOffice: install it (apt-get install "
                        "libreoffice-writer) or save the file as .docx")
    from .docx import read_docx

    with tempfile.TemporaryDirectory(prefix="nianbao-doc-") as tmp:
        src = Path(tmp) / f"source{suffix if suffix in ('.doc', '.wps') else '.doc'}"
        src.write_bytes(data)
        out = Path(tmp) / "out"
        cmd = [exe, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--norestore",
               "--convert-to", "docx", "--outdir", str(out), str(src)]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise ReadError(path, f"LibreOffice 转换超时（{TIMEOUT} 秒）", f"LibreOffice conversion timed out "
                                  f"({TIMEOUT} s)") from None
        except OSError as exc:
            raise ReadError(path, f"无法运行 LibreOffice：{exc}", f"cannot run LibreOffice: {exc}") from None
        converted = out / (src.stem + ".docx")
        if proc.returncode != 0 or not converted.is_file():
            detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()[-300:]
            raise ReadError(path, f"LibreOffice 无法转换该文件（文件可能已损坏或加密）：{detail}",
                            f"LibreOffice could not convert the file (damaged or encrypted?): {detail}")
        doc = read_docx(path, converted.read_bytes(), sha256)
    return doc
