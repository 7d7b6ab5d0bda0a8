"""The one way nianbao writes an output file: `open_output` / `write_file`.

- A regular file (or a path that does not exist yet) is written atomically: a temporary file beside
  it, renamed into place once complete, so a failure never leaves a half-written file.
- A device (/dev/null, /dev/stdout), a fifo or a socket is written straight through: renaming over
  it would replace the device node by a plain file.
- A symlink is followed and what it points at is written as above; the link itself stays.
- A new file gets the mode the user's umask gives (mkstemp's 0600 is widened); a replaced file
  keeps its mode.
- A folder that does not exist, a directory as the target, a read-only place or any other refusal
  raises `OutputError` with one Chinese line naming the file, e.g. `x.docx：无法写入（权限不足）`.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from ..errors import OutputError, os_reason


def _error(target: Path, exc: OSError) -> OutputError:
    reason = os_reason(exc)
    if exc.errno == errno.ENOENT and target.parent.is_dir():  # e.g. /proc: the folder is there, files cannot be
        reason = "此处不能新建文件"
    return OutputError(target, f"无法写入（{reason}）")


def _umask() -> int:
    # os.umask can only be read by setting it; set it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def open_output(target: str | Path, mode: str = "w") -> Iterator[IO[Any]]:
    """A file object for writing `target` (mode "w" text UTF-8, or "wb"); see the module docstring."""
    target = Path(target)
    kwargs: dict[str, Any] = {} if "b" in mode else {"encoding": "utf-8"}
    try:
        st: os.stat_result | None = os.stat(target)  # follows symlinks
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _error(target, exc) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError(target, "无法写入（这是一个文件夹）")
    if st is not None and not stat.S_ISREG(st.st_mode):
        # opened by the name given: /dev/stdout is a link to /proc/self/fd/1, whose target (pipe:[…]) has no path
        try:
            fh = open(target, mode, **kwargs)  # noqa: SIM115  (closed below; devices and fifos are written through)
        except OSError as exc:
            raise _error(target, exc) from None
        with fh:
            yield fh
        return
    real = Path(os.path.realpath(target))  # a symlink's destination: the link is never replaced
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
    except OSError as exc:
        raise _error(target, exc) from None
    try:
        os.fchmod(fd, stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask())
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
        os.replace(tmp, real)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError) and not isinstance(exc, OutputError):
            raise _error(target, exc) from None
        raise


def write_file(target: str | Path, data: str | bytes) -> None:
    """Write all of `data` to `target` (text as UTF-8) through `open_output`."""
    with open_output(target, "wb" if isinstance(data, bytes) else "w") as fh:
        fh.write(data)


@contextmanager
def locked(folder: str | Path) -> Iterator[None]:
    """An exclusive lock on `folder` itself (flock on the directory: no lock file is left behind),
    for read-modify-write of a shared file, so parallel runs into one folder keep each other's entries."""
    import fcntl

    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise _error(Path(folder), exc) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def make_folder(folder: str | Path) -> None:
    """Create `folder` (and its parents) for outputs; OutputError in one Chinese line when it cannot be."""
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _error(Path(folder), exc) from None


@contextmanager
def output_directory(target: str | Path, replaceable: Callable[[Path], bool]) -> Iterator[Path]:
    """A folder output (e.g. Parquet partitions): built in a temporary folder beside `target`, then
    swapped into place. An existing `target` is replaced only when `replaceable(target)` says it is
    an earlier output of the same kind; anything else raises OutputError and is left as it was."""
    target = Path(target)
    if target.exists() and (not target.is_dir() or not replaceable(target)):
        raise OutputError(target, "已存在且不是同类的导出文件夹，未覆盖")
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as exc:
        raise _error(target, exc) from None
    try:
        built = tmp / "out"
        yield built
        if target.exists():
            os.replace(target, tmp / "old")
        os.replace(built, target)
    except OSError as exc:
        raise _error(target, exc) from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
