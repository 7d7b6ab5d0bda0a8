"""`nianbao schema`: print the JSON Schema of the report contract."""

from __future__ import annotations

from ..model.schema import report_json_schema_text
from . import app


@app.command("schema")
def schema_command() -> None:
    """打印报告 JSON（nianbao.report/1）的 JSON Schema。Print the JSON Schema of the report JSON."""
    print(report_json_schema_text())
