"""writers/output.py: every kind of target a user may name as an output, and the CLI's one-line error."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nianbao.cli import app
from nianbao.errors import OutputError
from nianbao.writers.output import open_output, write_file

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "report_fill.yaml"


def test_new_file_gets_the_umask_mode_and_no_temp_is_left(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_file(tmp_path / "a.txt", "内容")
    finally:
        os.umask(old)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "内容"
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_replacing_a_regular_file_is_atomic_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.bin"
    target.write_bytes(b"old")
    target.chmod(0o604)
    inode = target.stat().st_ino
    with pytest.raises(RuntimeError), open_output(target, "wb") as fh:
        fh.write(b"half")
        raise RuntimeError("writer failed")
    assert target.read_bytes() == b"old"  # a failure leaves the old file whole
    assert [p.name for p in tmp_path.iterdir()] == ["a.bin"]
    write_file(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_ino != inode  # renamed into place, not rewritten
    assert stat.S_IMODE(target.stat().st_mode) == 0o604


def test_symlink_is_written_through_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_file(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "not-yet.txt")
    write_file(dangling, "made")
    assert dangling.is_symlink() and (tmp_path / "not-yet.txt").read_text(encoding="utf-8") == "made"


def test_dev_null_stays_a_device() -> None:
    write_file("/dev/null", b"x" * 10)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_file(fifo, b"through the pipe")
    reader.join(10)
    assert got == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.parametrize("case", ["directory", "missing folder", "file as folder", "proc"])
def test_unusable_targets_raise_one_chinese_line(tmp_path: Path, case: str) -> None:
    target = {
        "directory": tmp_path,
        "missing folder": tmp_path / "no" / "x.docx",
        "file as folder": tmp_path / "f.txt" / "x.docx",
        "proc": Path("/proc/x.docx"),
    }[case]
    (tmp_path / "f.txt").write_text("", encoding="utf-8")
    if case == "proc" and not Path("/proc/self").exists():
        pytest.skip("no /proc here")
    with pytest.raises(OutputError) as info:
        write_file(target, b"x")
    msg = str(info.value)
    assert msg.startswith(f"{target}：无法写入（") and msg.endswith("）") and "\n" not in msg
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]  # nothing half-written


def test_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as root: permissions are not enforced (the /proc case covers a refusal)")
        with pytest.raises(OutputError, match="权限不足"):
            write_file(folder / "x.docx", b"x")
    finally:
        folder.chmod(0o700)


def test_cli_prints_the_error_and_exits_2(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["render", str(EXAMPLE), "-o", str(tmp_path / "missing" / "x.docx")])
    assert res.exit_code == 2
    assert f"错误 {tmp_path / 'missing' / 'x.docx'}：无法写入（文件夹不存在）" in res.output.replace("\n", "")
    folder = tmp_path / "folder.md"
    folder.mkdir()
    res = CliRunner().invoke(app, ["render", str(EXAMPLE), "-o", str(folder)])
    assert res.exit_code == 2 and "无法写入（这是一个文件夹）" in res.output.replace("\n", "")
