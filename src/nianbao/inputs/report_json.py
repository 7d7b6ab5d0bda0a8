"""Report JSON (`nianbao.report/1`) → Report, with every problem said in Chinese: which field, what it
should be. One JSON object, or JSON Lines (one report per line, as `parse` writes for several inputs).

Top-level keys the contract does not define are ignored: the contract allows adding keys, and the
project itself adds some (synth's gold files carry `expected_findings` and `synthetic`). Inside
the defined parts the model stays strict, so a misspelt key in a hand-corrected file is reported.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import ValidationError

from ..errors import ReadError
from ..model import SCHEMA_ID, Report


class ReportJSONError(ReadError):
    """A report JSON that does not match the contract; `messages` has one line per problem."""

    def __init__(self, path: str, problems: list[str]) -> None:
        super().__init__(path, "；".join(problems), "report JSON does not match the contract")
        self.messages = [f"{path}: {p}" for p in problems]


_JSON_ERRORS = (
    ("Expecting value", "此处应有一个值"),
    ("Expecting ',' delimiter", "缺少逗号"),
    ("Expecting ':' delimiter", "缺少冒号"),
    ("Expecting property name enclosed in double quotes", "键名应使用双引号（或多了一个逗号）"),
    ("Unterminated string", "字符串缺少结束的引号"),
    ("Invalid control character", "字符串中有控制字符"),
    ("Invalid \\escape", "无效的转义符"),
    ("Extra data", "一个 JSON 结束后还有多余内容"),
)

_EXPECTED = {
    "missing": "缺少此项",
    "extra_forbidden": "不是约定中的字段（拼写有误？）",
    "int_type": "整数", "int_parsing": "整数", "int_from_float": "整数",
    "float_type": "数字", "float_parsing": "数字",
    "string_type": "文本",
    "bool_type": "true 或 false", "bool_parsing": "true 或 false",
    "date_type": "日期（YYYY-MM-DD）", "date_parsing": "日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "日期（YYYY-MM-DD）", "date_from_datetime_inexact": "日期（YYYY-MM-DD）",
    "list_type": "列表（[…]）", "tuple_type": "列表（[…]）",
    "dict_type": "对象（{…}）", "model_type": "对象（{…}）", "model_attributes_type": "对象（{…}）",
    "none_required": "null",
}
# pydantic names the member of a union it tried as the last part of the location
_UNION_MEMBERS = {"int", "float", "str", "bool", "none", "date", "list", "dict"}


def _where(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "（顶层）"


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:40] + "…"


def field_problems(exc: ValidationError) -> list[str]:
    """One Chinese line per wrong field: `字段 meta.year 应为整数（现为 "二〇二一"）`."""
    by_loc: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for err in exc.errors():
        loc = tuple(err["loc"])
        while loc and isinstance(loc[-1], str) and (loc[-1] in _UNION_MEMBERS or "[" in loc[-1]):
            loc = loc[:-1]
        by_loc.setdefault(loc, []).append(err)
    problems = []
    for loc, errs in by_loc.items():
        kinds = [e["type"] for e in errs]
        field = f"字段 {_where(loc)}"
        if "missing" in kinds:
            problems.append(f"{field} 缺少此项")
        elif "extra_forbidden" in kinds:
            problems.append(f"{field} {_EXPECTED['extra_forbidden']}")
        else:
            wanted: list[str] = []
            for e in errs:
                if e["type"] == "literal_error":
                    choice = "、".join(re.findall(r"'([^']*)'", str(e.get("ctx", {}).get("expected", ""))))
                    wanted.append(f"{choice} 之一")
                else:
                    wanted.append(_EXPECTED.get(e["type"], "约定的类型"))
            if "数字" in wanted:  # a cell: int | float | None
                wanted = [w for w in wanted if w != "整数"]
            want = "或".join(dict.fromkeys(wanted))
            problems.append(f"{field} 应为{want}（现为 {_shown(errs[0].get('input'))}）")
    return problems


def _decode(data: bytes, path: str) -> list[Any]:
    """One JSON value, or several (JSON Lines)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReadError(path, "不是 UTF-8 编码的 JSON 文件", "not UTF-8 JSON") from None
    try:
        return [json.loads(text)]
    except json.JSONDecodeError as exc:
        first = exc
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    if first.msg.startswith("Extra data") and len(lines) > 1:
        values = []
        for n, line in lines:
            try:
                values.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ReadError(path, f"不是有效的 JSON Lines：第 {n} 行第 {exc.colno} 列{_json_reason(exc)}",
                                f"not valid JSON Lines: line {n}: {exc.msg}") from None
        return values
    raise ReadError(path, f"不是有效的 JSON：第 {first.lineno} 行第 {first.colno} 列{_json_reason(first)}",
                    f"not valid JSON: {first}") from None


def _json_reason(exc: json.JSONDecodeError) -> str:
    return next((zh for en, zh in _JSON_ERRORS if exc.msg.startswith(en)), f"格式有误（{exc.msg}）")


def _report(value: Any, path: str, where: str = "") -> Report:
    if not isinstance(value, dict) or value.get("schema") != SCHEMA_ID:
        raise ReadError(path, f"{where}不是报告 JSON（应有 \"schema\": \"{SCHEMA_ID}\"）", f"not a {SCHEMA_ID} report JSON")
    known = {f.alias or name for name, f in Report.model_fields.items()}
    try:
        return Report.model_validate({k: v for k, v in value.items() if k in known})
    except ValidationError as exc:
        raise ReportJSONError(path, [where + p for p in field_problems(exc)]) from None


def reports_from_json(data: bytes, path: str) -> list[Report]:
    """Every report in a report JSON file (one, or one per line of a JSON Lines file)."""
    values = _decode(data, path)
    if len(values) == 1:
        return [_report(values[0], path)]
    return [_report(v, path, f"第 {n} 份报告：") for n, v in enumerate(values, 1)]


def looks_like_json(data: bytes) -> bool:
    """Whether bytes (e.g. standard input) are a JSON document rather than a report's text."""
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


__all__ = ["ReportJSONError", "field_problems", "looks_like_json", "reports_from_json"]
