"""The `nianbao` command line: thin typer commands over the library API.

Each command lives in its own module and registers itself on `app` here. Usage errors (missing
argument, bad option value, unknown option) are printed by `usage.show_usage_error` in Chinese,
one line, for every command: `_Group.main` is the one place click's errors pass through.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from ..version import __version__
from .usage import ce, show_usage_error


class _Group(TyperGroup):
    """The command group, with click's usage errors shown in Chinese (see cli/usage.py)."""

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except ce.NoArgsIsHelpError as exc:  # `nianbao` alone: the help, as before
            if not standalone_mode:
                raise
            exc.show()
            sys.exit(exc.exit_code)
        except ce.ClickException as exc:
            if not standalone_mode:
                raise
            show_usage_error(exc)
            sys.exit(exc.exit_code)
        except typer.Abort:
            if not standalone_mode:
                raise
            sys.stderr.write("已中止\n")
            sys.exit(1)
        except Exception as exc:  # a bug: one line, not a traceback (NIANBAO_DEBUG=1 shows it)
            if not standalone_mode or os.environ.get("NIANBAO_DEBUG"):
                raise
            text = f"{type(exc).__name__}: {exc}".replace("\n", " ")
            sys.stderr.write(f"错误 程序内部错误，请报告此问题（设 NIANBAO_DEBUG=1 可看详情）：{text}\n")
            sys.exit(3)
        if not standalone_mode:
            return rv
        sys.exit(rv if isinstance(rv, int) else 0)


app = typer.Typer(
    name="nianbao",
    cls=_Group,
    help="政府信息公开工作年度报告：读取、核查、生成。Read, check and write government information disclosure annual reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"nianbao {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(False, "--version", "-V", callback=_print_version, is_eager=True,
                                 help="显示版本号后退出"),
) -> None:
    pass


# One module per command; importing it adds its command to `app` (`@app.command`), in this order.
COMMANDS = ("parse", "check", "compare", "render", "ledger", "export", "synth", "ingest", "stats", "sql", "serve",
            "schema")

for _name in COMMANDS:
    importlib.import_module(f"{__name__}.{_name}")


def main() -> None:
    app()


__all__ = ["app", "main"]
