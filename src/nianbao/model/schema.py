"""JSON Schema of the report contract, generated from the model."""

from __future__ import annotations

import json
from typing import Any

from .report import Report


def report_json_schema() -> dict[str, Any]:
    schema = Report.model_json_schema(by_alias=True, mode="serialization")
    schema["$id"] = "https://nianbao.invalid/schema/nianbao.report-1.json"
    schema["title"] = "nianbao.report/1"
    return schema


def report_json_schema_text() -> str:
    return json.dumps(report_json_schema(), ensure_ascii=False, indent=2)
