"""Metadata from small hand-written report texts: title, organisation, year, dates, contact."""

from __future__ import annotations

import datetime as dt

import pytest

import nianbao
from nianbao.extract.metadata import body_kind, parse_date

BODY = "一、总体情况\n本年度我们认真落实政务公开要求。\n"


def meta(text: str) -> nianbao.model.Meta:
    return nianbao.parse_text(text).meta


def test_title_split_over_two_lines() -> None:
    m = meta("淮安市人民政府\n2024年政府信息公开工作年度报告\n" + BODY)
    assert m.title == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert m.organization == "淮安市人民政府"
    assert m.body_kind == "government"
    assert m.year == 2024


def test_title_on_one_line_after_navigation_junk() -> None:
    m = meta("当前位置：首页 > 信息公开\n字体：[大 中 小]\n东湖区教育局2021年政府信息公开工作年度报告\n" + BODY)
    assert m.title == "东湖区教育局2021年政府信息公开工作年度报告"
    assert m.organization == "东湖区教育局"
    assert m.body_kind == "department"
    assert m.year == 2021


def test_published_field_and_signature() -> None:
    text = ("清河镇人民政府2022年政府信息公开工作年度报告\n发布时间：2023-01-30 09:15  来源：清河镇\n" + BODY
            + "清河镇人民政府\n2023年1月28日\n")
    m = meta(text)
    assert m.published == dt.date(2023, 1, 30)
    assert m.published_basis == "page"
    assert m.signed == dt.date(2023, 1, 28)
    assert m.body_kind == "township"


def test_chinese_numeral_signature_date_is_also_the_publication_date_when_no_field() -> None:
    m = meta("西城街道办事处2023年政府信息公开工作年度报告\n" + BODY + "西城街道办事处\n二〇二四年一月三十日\n")
    assert m.signed == dt.date(2024, 1, 30)
    assert m.published == dt.date(2024, 1, 30)
    assert m.published_basis == "signature"
    assert m.organization == "西城街道办事处"


def test_year_from_the_statistics_period_when_the_title_has_none() -> None:
    m = meta("本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n" + BODY)
    assert m.year == 2020
    assert m.title is None


def test_contact_fields() -> None:
    text = ("某县2022年政府信息公开工作年度报告\n如有疑问请联系（地址：某县人民路1号；邮编：123456；"
            "联系电话：0123-7654321；传真：0123-7654322；电子邮箱：gk@mou.example.cn）。\n" + BODY)
    c = meta(text).contact
    assert (c.address, c.postcode, c.phone, c.fax, c.email) == (
        "某县人民路1号", "123456", "0123-7654321", "0123-7654322", "gk@mou.example.cn")


def test_contact_absent_is_null_not_guessed() -> None:
    c = meta("某县2022年政府信息公开工作年度报告\n" + BODY).contact
    assert (c.address, c.postcode, c.phone, c.fax, c.email) == (None, None, None, None, None)


@pytest.mark.parametrize("text, date", [
    ("2023年1月29日", dt.date(2023, 1, 29)),
    ("2023 年 1 月 29 日", dt.date(2023, 1, 29)),
    ("２０２３年１月２９日", dt.date(2023, 1, 29)),
    ("二〇二〇年一月三十一日", dt.date(2020, 1, 31)),
    ("二〇二四年十二月十日", dt.date(2024, 12, 10)),
    ("2023-02-14", dt.date(2023, 2, 14)),
    ("2023/2/4", dt.date(2023, 2, 4)),
    ("2023年2月30日", None),
    ("没有日期", None),
])
def test_parse_date(text: str, date: dt.date | None) -> None:
    assert parse_date(text) == date


@pytest.mark.parametrize("org, kind", [
    ("青山市人民政府", "government"), ("某某县人民政府", "government"), ("清河镇人民政府", "township"),
    ("大河乡人民政府", "township"), ("西城街道办事处", "township"), ("青山市交通运输局", "department"),
    ("青山市人民政府办公室", "department"), (None, "unknown"),
])
def test_body_kind(org: str | None, kind: str) -> None:
    assert body_kind(org) == kind


def test_breadcrumb_column_name_is_not_the_title() -> None:
    """'当前位置：首页 > 政府信息公开 > 政府信息公开年报' names the column; the report's title is the next line."""
    from nianbao import parse_text

    text = ("当前位置：首页 > 政府信息公开 > 政府信息公开年报\n"
            "青山县统计局2023年政府信息公开工作年度报告\n"
            "一、总体情况\n2023年，我局……\n")
    assert parse_text(text).meta.title == "青山县统计局2023年政府信息公开工作年度报告"


@pytest.mark.parametrize("zero", ["〇", "○", "零"])
def test_title_led_by_the_disclosure_words_with_a_chinese_year_is_the_title(zero: str) -> None:
    """Only a breadcrumb's column name lacks a year: every zero a printed Chinese year uses counts."""
    title = f"政务公开工作二{zero}二三年度报告"
    assert meta(title + "\n" + BODY).title == title


def test_title_on_a_line_that_runs_on_into_the_text() -> None:
    """A scraped page with no line breaks: '栏目' in the paragraph is not a breadcrumb."""
    line = ("东坡区政府信息公开工作2022年度报告 本报告根据《条例》编制。我区拓展民意征集栏目信息内容，"
            "全面推进政务公开工作年度报告制度落实。")
    assert meta(line + "\n" + BODY).title == "东坡区政府信息公开工作2022年度报告"
