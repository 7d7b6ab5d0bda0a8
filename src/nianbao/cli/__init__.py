"""The `nianbao` command line: thin typer commands over the library API.

Each command lives in its own module and registers itself on `app` here.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="nianbao",
    help="政府信息公开工作年度报告：读取、核查、生成。Read, check and write government information disclosure annual reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Command modules register themselves on `app` when imported; one module per command.
COMMANDS = ("parse", "check", "compare", "render", "ledger", "export", "synth", "db", "ingest", "stats", "sql",
            "serve", "schema")


def _load_commands() -> None:
    import importlib

    for name in COMMANDS:
        try:
            importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise


_load_commands()


def main() -> None:
    app()


__all__ = ["app", "main"]
