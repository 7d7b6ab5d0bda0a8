"""Numbers stated in the narrative (figures)."""

from __future__ import annotations

import pytest

import nianbao


def figures(sentence: str) -> dict[str, int | float]:
    return nianbao.parse_text(f"某县2022年政府信息公开工作年度报告\n一、总体情况\n{sentence}\n").figures


@pytest.mark.parametrize("sentence, expected", [
    ("全年主动公开政府信息1,280条。", {"proactive_total": 1280}),
    ("全年主动公开政府信息１２８条。", {"proactive_total": 128}),
    ("本年度主动公开各类信息共计356条。", {"proactive_total": 356}),
    ("发布政策解读9篇。", {"interpretations": 9}),
    ("制作图文解读材料共12期。", {"interpretations": 12}),
    ("全年共收到政府信息公开申请27件。", {"applications_received": 27}),
    ("受理依申请公开事项8件，均按时答复。", {"applications_received": 8}),
    ("发生政府信息公开行政复议2件、行政诉讼1件。", {"reviews": 2, "litigations": 1}),
    ("我单位认真做好政务公开工作，信息公开质量有所提升。", {}),
])
def test_figure_patterns(sentence: str, expected: dict[str, int]) -> None:
    assert figures(sentence) == expected


def test_figure_provenance_points_at_the_sentence() -> None:
    r = nianbao.parse_text("某县2022年政府信息公开工作年度报告\n一、总体情况\n今年共发布政策解读9篇。\n")
    p = r.provenance["figures.interpretations"]
    assert p.line == 3
    assert "解读9篇" in p.text
    assert p.column == "今年共发布政策解读9篇。".index(p.text)


def test_first_statement_wins() -> None:
    assert figures("全年主动公开政府信息50条。其中，规章主动公开信息3条。")["proactive_total"] == 50
