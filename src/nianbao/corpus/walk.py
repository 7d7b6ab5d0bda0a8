"""Find the report files under the paths given to `ingest`.

Folders are walked recursively, following symbolic links once: a link back into a folder being
walked (a loop) and a dangling link are reported as problems, not followed; a folder that cannot be
listed is reported and the walk goes on. A file named on the command line is always taken; inside
folders, only the extensions a reader handles and report JSON (`.json`) are.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..readers import EXTENSIONS

SUFFIXES = frozenset(EXTENSIONS) | {".json"}


@dataclass
class Walk:
    files: list[Path] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (path, reason in Chinese)
    ignored: int = 0  # files with other extensions, or excluded


def walk(paths: Iterable[Path], exclude: Iterable[str] = ()) -> Walk:
    """The files to ingest, sorted per folder so that every run sees them in the same order."""
    out = Walk()
    patterns = tuple(exclude)

    def excluded(p: Path) -> bool:
        return any(fnmatch.fnmatch(p.name, pat) or fnmatch.fnmatch(str(p), pat) for pat in patterns)

    def visit(folder: Path, ancestors: frozenset[tuple[int, int]]) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            out.problems.append((str(folder), f"无法读取目录：{exc.strerror or exc}"))
            return
        for entry in entries:
            p = Path(entry.path)
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
                is_file = not is_dir and entry.is_file(follow_symlinks=True)
            except OSError as exc:
                out.problems.append((str(p), f"无法读取：{exc.strerror or exc}"))
                continue
            if is_dir:
                try:
                    st = entry.stat(follow_symlinks=True)
                except OSError as exc:
                    out.problems.append((str(p), f"无法读取目录：{exc.strerror or exc}"))
                    continue
                key = (st.st_dev, st.st_ino)
                if key in ancestors:
                    out.problems.append((str(p), "符号链接循环（指向其上级目录），已跳过"))
                    continue
                visit(p, ancestors | {key})
            elif is_file:
                if p.suffix.lower() not in SUFFIXES or excluded(p):
                    out.ignored += 1
                    continue
                if not os.access(p, os.R_OK):
                    out.problems.append((str(p), "无法读取文件：权限不足"))
                    continue
                out.files.append(p)
            elif entry.is_symlink():
                out.problems.append((str(p), "符号链接指向的文件不存在"))
            else:
                out.ignored += 1  # sockets, fifos, devices

    for root in paths:
        root = Path(root)
        if root.is_dir():
            st = root.stat()
            visit(root, frozenset({(st.st_dev, st.st_ino)}))
        elif root.is_file():
            if excluded(root):
                out.ignored += 1
            else:
                out.files.append(root)
        elif root.is_symlink():
            out.problems.append((str(root), "符号链接指向的文件不存在"))
        else:
            out.problems.append((str(root), "文件不存在"))
    return out
