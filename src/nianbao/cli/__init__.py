"""The `nianbao` command line: thin typer commands over the library API.

Each command lives in its own module and registers itself on `app` here.
"""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="nianbao",
    help="政府信息公开工作年度报告：读取、核查、生成。Read, check and write government information disclosure annual reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# One module per command; importing it adds its command to `app` (`@app.command`), in this order.
COMMANDS = ("parse", "check", "compare", "render", "ledger", "export", "synth", "ingest", "stats", "sql", "schema")

for _name in COMMANDS:
    importlib.import_module(f"{__name__}.{_name}")


def main() -> None:
    app()


__all__ = ["app", "main"]
