"""Cell values and labels as printed → numbers and matching keys (nianbao.normalize)."""

from __future__ import annotations

import pytest

from nianbao.normalize import (
    Value,
    chinese_numeral,
    is_value,
    label_key,
    parse_value,
    split_numbering,
    squash,
)


@pytest.mark.parametrize("text, value, unit", [
    ("0", 0, None),
    ("12", 12, None),
    ("１２", 12, None),                 # full-width digits
    ("１，０４６", 1046, None),          # full-width thousands separator
    ("1,046", 1046, None),
    ("1,250,000", 1250000, None),
    (" 7 ", 7, None),
    ("12.6", 12.6, None),
    ("0.75", 0.75, None),
    ("251000元", 251000, "元"),
    ("1,250,000元", 1250000, "元"),
    ("3.5万元", 3.5, "万元"),
    ("８件", 8, "件"),
    ("-3", -3, None),
    ("−3", -3, None),                   # U+2212 minus
    ("减3", -3, None),
    ("减少12", -12, None),
    ("增3", 3, None),
    ("增加4", 4, None),
    ("+1", 1, None),
    ("1O", 10, None),                   # OCR: letter O for zero
    ("l2", 12, None),                   # OCR: l for one
    ("2O2", 202, None),
])
def test_numbers(text: str, value: int | float, unit: str | None) -> None:
    got = parse_value(text)
    assert got is not None
    assert got.value == value and type(got.value) is type(value)
    assert got.unit == unit
    assert not got.blank


@pytest.mark.parametrize("text", [None, "", "  ", "—", "——", "-", "–", "/", "／", "无", "\\", "…", "　"])
def test_blank_marks_are_none_not_zero(text: str | None) -> None:
    got = parse_value(text)
    assert got == Value(None, blank=True)
    assert is_value(text)


@pytest.mark.parametrize("text", ["规章", "总计", "1,04", "12a", "第一项", "OIl", "2023年", "12.3.4", "一"])
def test_not_numbers(text: str) -> None:
    assert parse_value(text) is None
    assert not is_value(text)


@pytest.mark.parametrize("text, number, rest", [
    ("（三）不予公开", "三", "不予公开"),
    ("(三)不予公开", "三", "不予公开"),
    ("( 三 ) 不予公开", "三", "不予公开"),
    ("一、本年新收政府信息公开申请数量", "一", "本年新收政府信息公开申请数量"),
    ("四．结转下年度继续办理", "四", "结转下年度继续办理"),
    ("1.属于国家秘密", "1", "属于国家秘密"),
    ("1、属于国家秘密", "1", "属于国家秘密"),
    ("（1）属于国家秘密", "1", "属于国家秘密"),
    ("①属于国家秘密", "1", "属于国家秘密"),  # circled digits (NFKC would make them bare digits)
    ("规章", "", "规章"),
    ("2023年度", "", "2023年度"),
    ("3.5万元", "", "3.5万元"),  # a decimal is not an outline number
])
def test_split_numbering(text: str, number: str, rest: str) -> None:
    assert split_numbering(text) == (number, rest)


def test_label_key_ignores_numbering_brackets_quotes_and_spaces() -> None:
    assert label_key("（三）不予公开") == label_key("(三) 不予公开") == "不予公开"
    assert label_key("1.属于国家秘密") == label_key("1、属于 国家秘密") == "属于国家秘密"
    assert label_key("3.危及“三安全一稳定”") == label_key('3.危及"三安全一稳定"') == "危及三安全一稳定"
    assert label_key("（二）部分公开（区分处理的，只计这一情形，不计其他情形）") == \
        label_key("(二)部分公开(区分处理的,只计这一情形,不计其他情形)") == "部分公开区分处理的只计这一情形不计其他情形"
    assert label_key("本年增/减") == "本年增减"
    assert label_key("") == ""


def test_squash_removes_all_kinds_of_space() -> None:
    assert squash("１２\u3000３ 4\u00a05\t6") == "123456"


@pytest.mark.parametrize("text, value", [
    ("二〇二四", 2024), ("二零二零", 2020), ("一九九九", 1999), ("三十", 30), ("三十一", 31), ("十二", 12),
    ("十", 10), ("九", 9), ("", None), ("廿", None),
])
def test_chinese_numeral(text: str, value: int | None) -> None:
    assert chinese_numeral(text) == value
