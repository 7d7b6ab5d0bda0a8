"""`nianbao serve [--db corpus.duckdb] [--host 127.0.0.1] [--port 8000]`: the web app."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app
from .common import err_console


@app.command("serve")
def serve_command(
    db: Path | None = typer.Option(None, "--db", help="语料库（DuckDB 文件），只读打开，用于浏览与统计图表"),
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址；默认只允许本机访问"),
    port: int = typer.Option(8000, "--port", help="端口"),
    max_upload: float = typer.Option(20.0, "--max-upload", help="单次上传上限（MB）"),
    timeout: float = typer.Option(60.0, "--timeout", help="解析一个文件的时间上限（秒）"),
    memory: int = typer.Option(2048, "--memory", help="解析进程的内存上限（MB）"),
    keep_dir: Path | None = typer.Option(None, "--keep-dir", help="用户选择保存时，上传文件存放的目录"),
) -> None:
    """网页界面：上传报告核查、更正、下载、对比、浏览语料库。Start the web app."""
    import uvicorn

    from ..web import Settings, create_app
    from ..web.sandbox import Limits

    if db is not None and not db.is_file():
        err_console.print(f"[bold red]错误[/] {db}: 语料库文件不存在")
        raise typer.Exit(2)
    loopback = host in ("127.0.0.1", "localhost", "::1")
    settings = Settings(db=db, max_upload_mb=max_upload, limits=Limits(seconds=timeout, memory_mb=memory),
                        allowed_hosts=("127.0.0.1", "localhost", "[::1]") if loopback else ("*",))
    if keep_dir is not None:
        settings.keep_dir = keep_dir
    try:
        application = create_app(settings)
    except Exception as exc:  # a corpus that cannot be opened: say which and why
        err_console.print(f"[bold red]错误[/] {db}: 无法打开语料库：{exc}")
        raise typer.Exit(2) from None
    shown = f"[{host}]" if ":" in host else host
    print(f"nianbao 网页界面：http://{shown}:{port}/   （按 Ctrl+C 停止）", flush=True)
    if not loopback:
        err_console.print(f"[yellow]注意[/] 监听 {host}：同一网络中的其他计算机也能访问本服务")
    uvicorn.run(application, host=host, port=port, log_level="warning")
