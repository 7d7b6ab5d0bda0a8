"""Generate docs/rules.md from the rule catalogue: `python -m nianbao.rules.docs > docs/rules.md`."""

from __future__ import annotations

import sys

from .basis import basis
from .catalogue import RULES, Rule

_SEVERITY = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}
_STAGES = (
    ("extract", "Extraction rules (`extract.*`)",
     "Emitted while a source file is read into a Report: what could not be found or read."),
    ("check", "Check rules (`check.*`)",
     "Emitted by `nianbao.checks.run_checks` over a Report (and `nianbao check`): what is wrong or doubtful."),
    ("render", "Render rules (`render.*`)",
     "Emitted by `nianbao render` (warnings; the report is still written): what the printed report lacks. "
     "Narrative figures that contradict the tables are reported there too, as `check.text_*`."),
    ("ledger", "Ledger rules (`ledger.*`)",
     "Emitted by `nianbao ledger` while an application ledger is counted into 表三/表四."),
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render() -> str:
    """The markdown text of docs/rules.md."""
    lines = [
        "# Rule catalogue",
        "",
        "<!-- Generated from the catalogue (src/nianbao/rules/catalogue.py, basis.py) by",
        "     `python -m nianbao.rules.docs > docs/rules.md`. Do not edit by hand: a test fails when stale. -->",
        "",
        "Every finding nianbao emits names one of these rules. A finding carries the rule id, its severity, "
        "a Chinese message (`message`) and an English one (`message_en`), the cells it concerns as dotted "
        "paths (`applications.total.natural_person`, see the report JSON contract) and the evidence "
        "(the numbers). `{name}` in a message is filled in per finding.",
        "",
        "`nianbao check` exits with 1 when any finding has severity `error`.",
        "",
    ]
    for stage, heading, intro in _STAGES:
        rules = sorted((r for r in RULES.values() if r.stage == stage), key=lambda r: r.id)
        lines += [f"## {heading}", "", intro, "", "| id | severity | title |", "|---|---|---|"]
        lines += [f"| [`{r.id}`](#{_anchor(r)}) | {r.severity} | {_cell(r.title)} |" for r in rules]
        lines.append("")
        for r in rules:
            lines += [
                f"### {r.id}",
                "",
                f"- severity: {_SEVERITY[r.severity]}",
                f"- title: {r.title}",
                f"- message: {r.message}",
                f"- message_en: {r.message_en}",
                *([f"- basis: {basis(r.id)}"] if basis(r.id) else []),
                "",
            ]
            if r.description:
                lines += [r.description, ""]
    return "\n".join(lines)


def _anchor(rule: Rule) -> str:
    return rule.id.replace(".", "").replace("_", "_").lower()


def main() -> None:
    sys.stdout.write(render())


if __name__ == "__main__":
    main()
