"""PDF through LibreOffice: the DOCX writer's output converted by `soffice --headless`.

Why LibreOffice: the PDF then is what most offices publish (a Word document printed to PDF):
real text layer with embedded subset TrueType fonts, ruled tables with merged cells, labels
wrapping inside narrow cells, pages breaking inside tables. `scripts/setup.sh` installs
`libreoffice-writer-nogui` and `fonts-wqy-zenhei` (LibreOffice substitutes it for 仿宋_GB2312 and
the other government font names). Many files are converted in one `soffice` run (`docx_to_pdf`),
which is far faster than one process per file.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import ConverterMissing, RenderError
from ..model import Report
from ..templates import Template
from .base import Decor

TIMEOUT = 600


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise ConverterMissing("生成 PDF 需要 LibreOffice，未找到 soffice：请安装（Debian/Ubuntu："
                               "sudo apt-get install libreoffice-writer-nogui fonts-wqy-zenhei，或运行 "
                               "scripts/setup.sh），或改为输出 .docx")
    return exe


def docx_to_pdf(docx_files: list[Path], out_dir: Path) -> list[Path]:
    """Convert DOCX files to PDF in `out_dir` with one soffice run; returns the PDF paths."""
    if not docx_files:
        return []
    exe = soffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="nianbao-lo-") as profile:
        cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, docx_files)]
        env = {**os.environ, "SAL_USE_VCLPLUGIN": "svp"}
        proc = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, env=env, check=False)
    pdfs = [out_dir / (p.stem + ".pdf") for p in docx_files]
    missing = [p for p in pdfs if not p.exists()]
    if proc.returncode != 0 or missing:
        detail = proc.stderr.decode("utf-8", "replace").strip()[-500:]
        raise RenderError(f"LibreOffice 未能转换 {len(missing)} 个文件（退出码 {proc.returncode}）：{detail}")
    return pdfs


def to_pdf(report: Report, template: Template | None = None, decor: Decor | None = None) -> bytes:
    from .docx import to_docx

    with tempfile.TemporaryDirectory(prefix="nianbao-pdf-") as tmp:
        src = Path(tmp) / "report.docx"
        src.write_bytes(to_docx(report, template, decor))
        (pdf,) = docx_to_pdf([src], Path(tmp) / "out")
        return fix_pdf_bytes(pdf.read_bytes())


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate)\s*\(D:(\d{14})")
_PDF_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")


def fix_pdf_bytes(data: bytes) -> bytes:
    """Same bytes for the same content: fixed dates and a content-derived /ID (equal lengths, so
    the cross-reference offsets stay valid)."""
    data = _PDF_DATE.sub(lambda m: m.group(0)[:-14] + b"20000101000000", data)
    digest = hashlib.sha256(_PDF_ID.sub(b"", data)).hexdigest().upper().encode()

    def _id(m: re.Match[bytes]) -> bytes:
        a = digest[: len(m.group(1))].ljust(len(m.group(1)), b"0")
        b = digest[: len(m.group(2))].ljust(len(m.group(2)), b"0")
        return m.group(0).replace(m.group(1), a, 1).replace(m.group(2), b, 1)

    return _PDF_ID.sub(_id, data)
