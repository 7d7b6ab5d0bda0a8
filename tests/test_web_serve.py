"""`nianbao serve`: prints its URL, answers on it, binds to 127.0.0.1 by default; a bad --db is refused."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("uvicorn")

SRC = str(Path(__file__).resolve().parents[1] / "src")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_prints_url_and_answers() -> None:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "nianbao", "serve", "--port", str(port)], env=_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line
        deadline = time.time() + 20
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:
                    body = r.read().decode("utf-8")
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.2)
        assert "把文件拖到这里" in body
        # bound to the loopback address only
        out = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True)
        if out.returncode == 0 and out.stdout.strip():
            assert [line.split()[3] for line in out.stdout.splitlines()] == [f"127.0.0.1:{port}"]
    finally:
        proc.terminate()
        proc.wait(10)


def test_serve_refuses_a_missing_or_bad_db(tmp_path: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "nianbao", "serve", "--db", str(tmp_path / "none.duckdb")],
                       env=_env(), capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "语料库文件不存在" in r.stderr
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"not a database")
    r = subprocess.run([sys.executable, "-m", "nianbao", "serve", "--db", str(bad)],
                       env=_env(), capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "无法打开语料库" in r.stderr
