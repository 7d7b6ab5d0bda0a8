"""click's own usage errors (missing argument, bad option value, unknown option…) in one Chinese line.

typer prints click's English message in a rich box that wraps at 80 columns; a user (and grep) gets
`错误 <what is wrong>（用法：nianbao CMD -h）` instead, exit code 2 as click gives.
"""

from __future__ import annotations

import re
import sys

try:  # typer ≥ 0.20 carries its own copy of click
    from typer._click import exceptions as ce
except ImportError:  # pragma: no cover - older typer on click
    from click import exceptions as ce  # type: ignore[no-redef]

_QUOTED = re.compile(r"'([^']*)'")
_PYDANTIC_EXPECTED = {
    "int_parsing": "应为整数", "int_from_float": "应为整数", "float_parsing": "应为数字",
    "bool_parsing": "应为 true 或 false", "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
}


def _names(param: object) -> str:
    opts = [o for o in getattr(param, "opts", ()) if o.startswith("-")]
    if not opts:  # an argument
        return str(getattr(param, "name", "") or "参数").upper()
    return "/".join(opts)


def _kind(param: object) -> str:
    return "选项" if any(o.startswith("-") for o in getattr(param, "opts", ())) else "参数"


def _expected(exc: ce.BadParameter) -> str:
    """What the parameter takes, from the validation error typer raised."""
    quoted = _QUOTED.findall(exc.message)
    if "is not one of" in exc.message and len(quoted) > 1:
        return "应为 " + "、".join(quoted[1:]) + " 之一"
    cause = exc.__cause__
    errors = getattr(cause, "errors", None)
    if callable(errors):
        kinds = [e.get("type") for e in errors()]
        for kind in kinds:
            if kind in _PYDANTIC_EXPECTED:
                return _PYDANTIC_EXPECTED[kind]
    return "取值无效"


def chinese_message(exc: ce.ClickException) -> str:
    """One line saying what was wrong with the command line."""
    if isinstance(exc, ce.MissingParameter):
        param = exc.param
        help_text = str(getattr(param, "help", None) or "").split("；")[0]
        return f"缺少{_kind(param)} {_names(param)}" + (f"（{help_text}）" if help_text else "")
    if isinstance(exc, ce.NoSuchOption):
        hint = f"（是否想用 {'、'.join(exc.possibilities)}？）" if exc.possibilities else ""
        return f"没有选项 {exc.option_name}{hint}"
    if isinstance(exc, ce.BadOptionUsage):
        if "requires" in exc.message:
            return f"选项 {exc.option_name} 需要一个值"
        return f"选项 {exc.option_name} 用法不对"
    if isinstance(exc, ce.BadParameter):
        quoted = _QUOTED.findall(exc.message)
        value = f"“{quoted[0]}”" if quoted and "is not one of" in exc.message else ""
        return f"{_kind(exc.param)} {_names(exc.param)} 的值{value}无效：{_expected(exc)}"
    quoted = _QUOTED.findall(exc.message)
    if exc.message.startswith("No such command") and quoted:
        hint = f"（是否想用 {'、'.join(quoted[1:])}？）" if len(quoted) > 1 else ""
        return f"没有命令 {quoted[0]}{hint}"
    if exc.message.startswith("Got unexpected extra argument"):
        extra = re.search(r"\(([^()]*)\)$", exc.message)
        return f"多余的参数：{extra.group(1) if extra else exc.message}"
    return f"命令行有误：{exc.format_message()}"


def show_usage_error(exc: ce.ClickException) -> None:
    """Print `错误 …` on stderr (one line, never wrapped) with a pointer to the command's help."""
    ctx = getattr(exc, "ctx", None)
    where = ctx.command_path if ctx is not None else "nianbao"
    sys.stderr.write(f"错误 {chinese_message(exc)}（帮助：{where} -h）\n")
    sys.stderr.flush()
