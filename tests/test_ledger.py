"""Ledger → 表三/表四, with the expected tables typed by hand, and every validation error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nianbao.cli import app
from nianbao.errors import LedgerError
from nianbao.inputs.ledger import ledger_report
from nianbao.rules.calendar import add_working_days

HEAD = "序号,收到日期,申请人类型,办理结果,具体情形,答复日期,是否延期\n"

# 2024: one application for every outcome category of the 2021 form, plus two pending at 12-31
CURRENT = HEAD + """1,2024-01-08,自然人,予以公开,,2024-01-15,否
2,2024-02-01,商业企业,部分公开,,2024-02-20,否
3,2024-03-04,自然人,不予公开,属于国家秘密,2024-03-20,否
4,2024-03-05,自然人,不予公开,其他法律行政法规禁止公开,2024-03-21,否
5,2024-03-06,自然人,不予公开,危及“三安全一稳定”,2024-03-22,否
6,2024-03-07,自然人,不予公开,保护第三方合法权益,2024-04-25,是
7,2024-03-08,自然人,不予公开,属于三类内部事务信息,2024-03-25,否
8,2024-03-11,自然人,不予公开,属于四类过程性信息,2024-03-26,否
9,2024-03-12,自然人,不予公开,属于行政执法案卷,2024-03-27,否
10,2024-03-13,科研机构,不予公开,属于行政查询事项,2024-03-28,否
11,2024-05-06,社会公益组织,无法提供,本机关不掌握相关政府信息,2024-05-20,否
12,2024-05-07,自然人,无法提供,没有现成信息需要另行制作,2024-05-21,否
13,2024-05-08,自然人,无法提供,补正后申请内容仍不明确,2024-05-22,否
14,2024-06-03,自然人,不予处理,信访举报投诉类申请,2024-06-17,否
15,2024-06-04,自然人,不予处理,重复申请,2024-06-18,否
16,2024-06-05,其他,不予处理,要求提供公开出版物,2024-06-19,否
17,2024-06-06,自然人,不予处理,无正当理由大量反复申请,2024-06-20,否
18,2024-06-07,自然人,不予处理,要求行政机关确认或重新出具已获取信息,2024-06-21,否
19,2024-07-01,自然人,其他处理,申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请,2024-07-15,否
20,2024-07-02,商业企业,其他处理,申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请,2024-07-16,否
21,2024-07-03,自然人,其他处理,其他,2024-07-17,否
22,2024-12-20,自然人,,,,
23,2024-12-10,商业企业,予以公开,,2025-01-06,否
"""
# 2023: P1 answered in 2024, P2 still open at the end of 2024, P3 closed in 2023
PREVIOUS = HEAD + """1,2023-12-25,自然人,予以公开,,2024-01-10,否
2,2023-12-28,法律服务机构,,,,
3,2023-06-01,自然人,予以公开,,2023-06-10,否
"""
REVIEWS = """类型,结果,结案日期
行政复议,结果维持,2024-05-01
行政复议,结果纠正,2024-07-01
行政复议,,
未经复议直接起诉,其他结果,2024-09-01
复议后起诉,结果维持,2025-02-01
"""

COLS = ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org", "total")


def _row(*values: int) -> dict[str, int]:
    return dict(zip(COLS, values, strict=True))


# Typed by hand from the ledgers above (not computed).
EXPECTED = {
    "new_received": _row(17, 3, 1, 1, 0, 1, 23),
    "carried_over": _row(1, 0, 0, 0, 1, 0, 2),
    "granted": _row(2, 0, 0, 0, 0, 0, 2),
    "partially_granted": _row(0, 1, 0, 0, 0, 0, 1),
    "withheld.state_secret": _row(1, 0, 0, 0, 0, 0, 1),
    "withheld.prohibited_by_law": _row(1, 0, 0, 0, 0, 0, 1),
    "withheld.security_stability": _row(1, 0, 0, 0, 0, 0, 1),
    "withheld.third_party_rights": _row(1, 0, 0, 0, 0, 0, 1),
    "withheld.internal_affairs": _row(1, 0, 0, 0, 0, 0, 1),
    "withheld.process_information": _row(1, 0, 0, 0, 0, 0, 1),
    "withheld.enforcement_file": _row(1, 0, 0, 0, 0, 0, 1),
    "withheld.administrative_query": _row(0, 0, 1, 0, 0, 0, 1),
    "unavailable.not_held": _row(0, 0, 0, 1, 0, 0, 1),
    "unavailable.needs_creation": _row(1, 0, 0, 0, 0, 0, 1),
    "unavailable.unclear_after_correction": _row(1, 0, 0, 0, 0, 0, 1),
    "not_processed.complaint": _row(1, 0, 0, 0, 0, 0, 1),
    "not_processed.duplicate": _row(1, 0, 0, 0, 0, 0, 1),
    "not_processed.publication": _row(0, 0, 0, 0, 0, 1, 1),
    "not_processed.excessive": _row(1, 0, 0, 0, 0, 0, 1),
    "not_processed.confirmation": _row(1, 0, 0, 0, 0, 0, 1),
    "other.no_correction": _row(1, 0, 0, 0, 0, 0, 1),
    "other.fee_unpaid": _row(0, 1, 0, 0, 0, 0, 1),
    "other.other": _row(1, 0, 0, 0, 0, 0, 1),
    "total": _row(17, 2, 1, 1, 0, 1, 22),
    "carried_forward": _row(1, 1, 0, 0, 1, 0, 3),
}


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, text in (("cur.csv", CURRENT), ("prev.csv", PREVIOUS), ("rev.csv", REVIEWS)):
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        out[name] = p
    return out


def test_every_category_counted(files: dict[str, Path]) -> None:
    res = ledger_report(files["cur.csv"], 2024, files["prev.csv"], files["rev.csv"], "青山县统计局")
    r = res.report
    assert r.tables.applications.rows == EXPECTED
    assert r.tables.reviews_litigation.model_dump() == {
        "review": {"upheld": 1, "corrected": 1, "other": 0, "pending": 1, "total": 3},
        "litigation_direct": {"upheld": 0, "corrected": 0, "other": 1, "pending": 0, "total": 1},
        "litigation_after_review": {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1},
    }
    assert r.meta.year == 2024 and r.meta.template == "2021" and r.meta.organization == "青山县统计局"
    assert r.findings == []  # row 6 (answered after 34 working days) was extended to 40


def test_xlsx_ledger_with_second_sheet(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "依申请公开台账"
    ws.append(["收到日期", "申请人类型", "办理结果", "具体情形", "答复日期", "是否延期"])
    ws.append([dt.datetime(2020, 3, 2), "自然人", "其他处理", None, dt.datetime(2020, 3, 10), "否"])  # 2019 form
    ws.append([dt.datetime(2020, 4, 1), "法律服务机构", "予以公开", None, dt.datetime(2020, 4, 8), None])
    rev = wb.create_sheet("复议诉讼台账")
    rev.append(["类型", "结果"])
    rev.append(["行政复议", "结果维持"])
    path = tmp_path / "l.xlsx"
    wb.save(path)
    r = ledger_report(path, 2020).report
    assert r.meta.template == "2019"
    rows = r.tables.applications.rows
    assert rows["other"] == _row(1, 0, 0, 0, 0, 0, 1)
    assert rows["granted"] == _row(0, 0, 0, 0, 1, 0, 1)
    assert rows["new_received"]["total"] == 2 and rows["total"]["total"] == 2
    assert r.tables.reviews_litigation.review.upheld == 1


@pytest.mark.parametrize("line, needles", [
    ("5,2024-03-01,个人,予以公开,,2024-03-05,否", ["第2行", "申请人类型“个人”"]),
    ("5,2024-03-01,自然人,同意公开,,2024-03-05,否", ["第2行", "办理结果“同意公开”"]),
    ("5,2024-03-01,自然人,不予公开,,2024-03-05,否", ["第2行", "未填具体情形"]),
    ("5,2024-03-01,自然人,不予公开,商业秘密,2024-03-05,否", ["第2行", "具体情形“商业秘密”"]),
    ("5,2023-12-30,自然人,予以公开,,2024-01-05,否", ["第2行", "不在2024年内"]),
    ("5,2024-03-01,自然人,予以公开,,2024-02-25,否", ["第2行", "早于收到日期"]),
    ("5,2024-03-01,自然人,予以公开,,,否", ["第2行", "未填答复日期"]),
    ("5,2024-03-01,自然人,,,2024-03-05,否", ["第2行", "未填办理结果"]),
    ("5,2024-03-01,自然人,予以公开,,2024-03-05,可能", ["第2行", "是否延期"]),
    ("5,三月一日,自然人,予以公开,,2024-03-05,否", ["第2行", "不是日期"]),
    ("5,,自然人,予以公开,,2024-03-05,否", ["第2行", "未填收到日期"]),
])
def test_validation_errors_name_the_row(tmp_path: Path, line: str, needles: list[str]) -> None:
    p = tmp_path / "bad.csv"
    p.write_text(HEAD + line + "\n", encoding="utf-8")
    with pytest.raises(LedgerError) as info:
        ledger_report(p, 2024)
    msg = "\n".join(info.value.messages)
    assert all(n in msg for n in needles) and "bad.csv" in msg


def test_review_sheet_errors(tmp_path: Path) -> None:
    led = tmp_path / "l.csv"
    led.write_text(HEAD, encoding="utf-8")
    rev = tmp_path / "r.csv"
    rev.write_text("类型,结果\n行政裁决,结果维持\n行政复议,驳回\n", encoding="utf-8")
    with pytest.raises(LedgerError) as info:
        ledger_report(led, 2024, reviews=rev)
    assert any("r.csv第2行" in m and "行政裁决" in m for m in info.value.messages)
    assert any("r.csv第3行" in m and "驳回" in m for m in info.value.messages)


def test_working_days_follow_the_official_calendar() -> None:
    # 2024: 清明 4-4..4-6 off, Sunday 4-7 worked; 劳动节 5-1..5-5 off, Sunday 4-28 worked
    assert add_working_days(dt.date(2024, 3, 1), 20) == dt.date(2024, 3, 29)
    assert add_working_days(dt.date(2024, 3, 1), 40) == dt.date(2024, 4, 28)
    assert add_working_days(dt.date(2024, 9, 27), 1) == dt.date(2024, 9, 29)  # Sunday 9-29 was worked


@pytest.mark.parametrize("answered, extended, late", [
    ("2024-03-29", "否", False), ("2024-04-01", "否", True),
    ("2024-04-28", "是", False), ("2024-04-29", "是", True),
])
def test_late_answers_are_warnings_with_the_row(tmp_path: Path, answered: str, extended: str, late: bool) -> None:
    p = tmp_path / "l.csv"
    p.write_text(HEAD + f"1,2024-03-01,自然人,予以公开,,{answered},{extended}\n", encoding="utf-8")
    res = ledger_report(p, 2024)
    assert bool(res.report.findings) == late
    if late:
        f = res.report.findings[0]
        assert f.rule == "ledger.late_answer" and "第2行" in f.message and "l.csv" in f.message
    assert res.report.tables.applications.rows["granted"]["total"] == 1


def test_command_template_and_errors(tmp_path: Path, files: dict[str, Path]) -> None:
    runner = CliRunner()
    tpl = tmp_path / "台账.xlsx"
    assert runner.invoke(app, ["ledger", "--template", str(tpl), "--year", "2024"]).exit_code == 0
    from openpyxl import load_workbook

    wb = load_workbook(tpl)
    ws = wb["依申请公开台账"]
    assert [c.value for c in ws[1]][:7] == ["序号", "收到日期", "申请人类型", "办理结果", "具体情形", "答复日期", "是否延期"]
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
    options = wb["选项"]
    assert options.sheet_state == "hidden"
    col_c = lists["C2:C2000"].split("!")[1].replace("$", "")
    assert [c.value for c in options[col_c.split(":")[0]:col_c.split(":")[1]] for c in c] == \
        ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert "E2:E2000" in lists and "G2:G2000" in lists
    # the empty template reads as an empty ledger
    out = tmp_path / "r.json"
    res = runner.invoke(app, ["ledger", str(tpl), "--year", "2024", "-o", str(out)])
    assert res.exit_code == 0, res.output
    # errors: exit 1, nothing written
    bad = tmp_path / "bad.csv"
    bad.write_text(HEAD + "1,2024-01-02,个人,予以公开,,2024-01-05,否\n", encoding="utf-8")
    out2 = tmp_path / "r2.json"
    res = runner.invoke(app, ["ledger", str(bad), "--year", "2024", "-o", str(out2)])
    assert res.exit_code == 1 and not out2.exists() and "第2行" in res.output
    res = runner.invoke(app, ["ledger", str(files["cur.csv"]), "--year", "2024", "--previous", str(files["prev.csv"]),
                              "--reviews", str(files["rev.csv"]), "-o", str(out)])
    assert res.exit_code == 0
    import nianbao

    assert nianbao.load_report(out).tables.applications.rows == EXPECTED
