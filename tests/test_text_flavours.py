"""Property tests: random valid tables, rendered as scraped report text in every flavour seen in
practice, parse back to exactly the generated values (a blank cell → None).

The renderer below is written independently of the reader: it knows the printed labels of the
national forms (from the reference, not from `nianbao.templates`) and prints a whole report —
title, intro, six section headings, the three tables — as pipe rows, one cell per line with
stray `|` lines, tab-separated, multi-space-separated or `label 0 0 0` rows, plus the mess of
real pages: navigation junk, wrapped headers, full-width digits, thousands separators, blank
marks. Only the *keys* (which items/rows/columns exist) are taken from the template
definitions, and a test checks that those keys agree with the printed labels written here.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nianbao
from nianbao.templates import V2019, V2021, Template

# --------------------------------------------------------------------------------------------
# The printed forms (reference template.md §2.3–2.5, §3.3–3.4), keyed by contract keys.
# --------------------------------------------------------------------------------------------

APPLICANT_COLUMNS = ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
                     "legal_service_org", "other_org", "total")
REVIEW_GROUPS = ("review", "litigation_direct", "litigation_after_review")
REVIEW_COLUMNS = ("upheld", "corrected", "other", "pending", "total")

# (caption, [(row key, printed label)], [(column key, printed header)]) per 表二 item
ACTIVE_2019 = {
    "art20_1": ("第二十条第（一）项", [("rules", "规章"), ("normative_documents", "规范性文件")],
                [("new_made", "本年新制作数量"), ("new_published", "本年新公开数量"),
                 ("total_published", "对外公开总数量")]),
    "art20_5": ("第二十条第（五）项", [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")],
                [("previous", "上一年项目数量"), ("change", "本年增/减"), ("decisions", "处理决定数量")]),
    "art20_6": ("第二十条第（六）项", [("penalty", "行政处罚"), ("coercion", "行政强制")],
                [("previous", "上一年项目数量"), ("change", "本年增/减"), ("decisions", "处理决定数量")]),
    "art20_8": ("第二十条第（八）项", [("fees", "行政事业性收费")],
                [("previous", "上一年项目数量"), ("change", "本年增/减")]),
    "art20_9": ("第二十条第（九）项", [("procurement", "政府集中采购")],
                [("projects", "采购项目数量"), ("amount", "采购总金额")]),
}
ACTIVE_2021 = {
    "art20_1": ("第二十条第（一）项", [("rules", "规章"), ("normative_documents", "行政规范性文件")],
                [("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数")]),
    "art20_5": ("第二十条第（五）项", [("licensing", "行政许可")], [("decisions", "本年处理决定数量")]),
    "art20_6": ("第二十条第（六）项", [("penalty", "行政处罚"), ("coercion", "行政强制")],
                [("decisions", "本年处理决定数量")]),
    "art20_8": ("第二十条第（八）项", [("fees", "行政事业性收费")], [("amount", "本年收费金额（单位：万元）")]),
}

# 表三 rows in printed order: (group cell printed before the label on the same row or None, label, key)
_APP_HEAD = [
    (None, "一、本年新收政府信息公开申请数量", "new_received"),
    (None, "二、上年结转政府信息公开申请数量", "carried_over"),
    ("三、本年度办理结果", "（一）予以公开", "granted"),
    (None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partially_granted"),
    ("（三）不予公开", "1.属于国家秘密", "withheld.state_secret"),
    (None, "2.其他法律行政法规禁止公开", "withheld.prohibited_by_law"),
    (None, "3.危及“三安全一稳定”", "withheld.security_stability"),
    (None, "4.保护第三方合法权益", "withheld.third_party_rights"),
    (None, "5.属于三类内部事务信息", "withheld.internal_affairs"),
    (None, "6.属于四类过程性信息", "withheld.process_information"),
    (None, "7.属于行政执法案卷", "withheld.enforcement_file"),
    (None, "8.属于行政查询事项", "withheld.administrative_query"),
    ("（四）无法提供", "1.本机关不掌握相关政府信息", "unavailable.not_held"),
    (None, "2.没有现成信息需要另行制作", "unavailable.needs_creation"),
    (None, "3.补正后申请内容仍不明确", "unavailable.unclear_after_correction"),
    ("（五）不予处理", "1.信访举报投诉类申请", "not_processed.complaint"),
    (None, "2.重复申请", "not_processed.duplicate"),
    (None, "3.要求提供公开出版物", "not_processed.publication"),
    (None, "4.无正当理由大量反复申请", "not_processed.excessive"),
    (None, "5.要求行政机关确认或重新出具已获取信息", "not_processed.confirmation"),
]
_APP_TAIL = [
    (None, "（七）总计", "total"),
    (None, "四、结转下年度继续办理", "carried_forward"),
]
APP_ROWS = {
    "2019": [*_APP_HEAD, (None, "（六）其他处理", "other"), *_APP_TAIL],
    "2021": [*_APP_HEAD,
             ("（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other.no_correction"),
             (None, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other.fee_unpaid"),
             (None, "3.其他", "other.other"),
             *_APP_TAIL],
}
ACTIVE = {"2019": ACTIVE_2019, "2021": ACTIVE_2021}
TEMPLATES: dict[str, Template] = {"2019": V2019, "2021": V2021}

FLAVOURS = ("pipe", "cell_per_line", "tab", "multi_space", "single_space")
JUNK_TOP = ("当前位置：首页 > 政务公开 > 政府信息公开年报", "您现在的位置：首页 > 信息公开",
            "字体：[大 中 小]", "【打印】【关闭】", "打印 关闭")
JUNK_BOTTOM = ("打印 关闭", "【打印本页】 【关闭窗口】", "上一篇：关于做好政务公开工作的通知", "扫一扫在手机打开当前页")
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


# --------------------------------------------------------------------------------------------
# Generated data
# --------------------------------------------------------------------------------------------

@dataclass
class Tables:
    version: str
    active: dict[str, dict[str, dict[str, int | float | None]]]
    applications: dict[str, dict[str, int | None]]
    reviews: list[int | None]  # 15 values, groups × columns in order


@dataclass
class Style:
    flavour: str
    rnd: random.Random
    junk: bool
    fullwidth: bool
    thousands: bool
    wrap_headers: bool
    blank_marks: tuple[str, ...]
    blank_empty_ok: bool = field(default=False)  # only pipe rows can print a blank cell as nothing


count = st.one_of(st.integers(0, 9), st.integers(10, 250_000))
maybe_count = st.one_of(st.none(), count, count)


@st.composite
def tables(draw: st.DrawFn, version: str) -> Tables:
    active: dict[str, dict[str, dict[str, int | float | None]]] = {}
    for item, (_cap, rows, cols) in ACTIVE[version].items():
        active[item] = {}
        for row_key, _ in rows:
            cells: dict[str, int | float | None] = {}
            for col_key, _ in cols:
                if version == "2019" and col_key == "change":
                    v: int | float | None = draw(st.one_of(st.none(), st.integers(-5000, 5000)))
                elif version == "2021" and col_key == "amount":  # 万元, up to two decimals
                    cents = draw(st.one_of(st.none(), st.integers(0, 10_000_000)))
                    v = None if cents is None else (cents // 100 if cents % 100 == 0 else cents / 100)
                elif col_key == "amount":  # 2019 procurement, yuan
                    cents = draw(st.one_of(st.none(), st.integers(0, 10**10)))
                    v = None if cents is None else (cents // 100 if draw(st.booleans()) else cents / 100)
                else:
                    v = draw(maybe_count)
                cells[col_key] = v
            active[item][row_key] = cells
    applications = {key: {c: draw(maybe_count) for c in APPLICANT_COLUMNS} for _g, _l, key in APP_ROWS[version]}
    reviews = draw(st.lists(maybe_count, min_size=15, max_size=15))
    return Tables(version, active, applications, reviews)


@st.composite
def styles(draw: st.DrawFn, flavour: str) -> Style:
    marks = draw(st.sampled_from([("—",), ("/",), ("—", "/", "无"), ("-", "／", "——")]))
    return Style(
        flavour=flavour,
        rnd=random.Random(draw(st.integers(0, 2**32))),
        junk=draw(st.booleans()),
        fullwidth=draw(st.booleans()),
        thousands=draw(st.booleans()),
        wrap_headers=draw(st.booleans()),
        blank_marks=marks,
        blank_empty_ok=flavour == "pipe" and draw(st.booleans()),
    )


# --------------------------------------------------------------------------------------------
# The renderer: logical rows (lists of cell texts) → report text in one flavour
# --------------------------------------------------------------------------------------------

def fmt_value(v: int | float | None, s: Style, signed: bool = False, unit: str | None = None) -> str:
    if v is None:
        if s.blank_empty_ok and s.rnd.random() < 0.5:
            return ""
        return s.rnd.choice(s.blank_marks)
    if isinstance(v, float):
        body = f"{abs(v):,.2f}" if s.thousands and abs(v) >= 1000 else f"{abs(v):.2f}"
        if s.rnd.random() < 0.5:
            body = body.rstrip("0").rstrip(".") if "." in body else body
    else:
        body = f"{abs(v):,}" if s.thousands and abs(v) >= 1000 else str(abs(v))
    if s.fullwidth and s.rnd.random() < 0.5:
        body = body.translate(FULLWIDTH)
    if v < 0:
        body = s.rnd.choice(("-", "减", "−")) + body
    elif signed and v > 0 and s.rnd.random() < 0.2:
        body = s.rnd.choice(("+", "增")) + body
    if unit and s.rnd.random() < 0.3:
        body += unit
    return body


def header(text: str, s: Style, wrap_at: int = 3) -> str:
    """A header cell; wrapped headers are split with a newline (the renderer decides how to print it)."""
    if s.wrap_headers and len(text) > wrap_at + 2 and s.flavour in ("pipe", "cell_per_line"):
        return text[:wrap_at] + "\n" + text[wrap_at:]
    return text


def table2_rows(t: Tables, s: Style) -> list[list[str]]:
    rows: list[list[str]] = []
    for item, (caption, labels, cols) in ACTIVE[t.version].items():
        rows.append([caption])
        rows.append(["信息内容", *(header(h, s) for _k, h in cols)])
        for row_key, label in labels:
            values = t.active[item][row_key]
            cells = [label]
            for col_key, _h in cols:
                unit = "万元" if col_key == "amount" and t.version == "2021" else ("元" if col_key == "amount" else None)
                cells.append(fmt_value(values[col_key], s, signed=col_key == "change", unit=unit))
            rows.append(cells)
    return rows


def table3_rows(t: Tables, s: Style) -> list[list[str]]:
    rows: list[list[str]] = [
        ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
        ["自然人", "法人或其他组织", "总计"],
        ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
    ]
    for group, label, key in APP_ROWS[t.version]:
        values = [fmt_value(t.applications[key][c], s) for c in APPLICANT_COLUMNS]
        rows.append([*([group] if group else []), label, *values])
    return rows


def table4_rows(t: Tables, s: Style) -> list[list[str]]:
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return [
        ["行政复议", "行政诉讼"],
        [*heads, header("未经复议直接起诉", s), "复议后起诉"],
        heads * 2,
        [fmt_value(v, s) for v in t.reviews],
    ]


def render_rows(rows: list[list[str]], s: Style) -> list[str]:
    out: list[str] = []
    f = s.flavour
    for row in rows:
        if f == "pipe":
            line = " | ".join(row) + s.rnd.choice((" |", " |", " | |", " ||||"))
            if not row[0] or s.rnd.random() < 0.2:  # an empty first cell shows as a leading pipe
                line = "| " + line
            out.extend(line.split("\n"))  # a wrapped header breaks the physical line
        elif f == "cell_per_line":
            lines = [f"| {row[0]}"]
            for cell in row[1:]:
                lines.append("|")
                lines.extend(cell.split("\n") if cell else [])
            lines.extend(s.rnd.choice((["|", "|"], ["|", "||||"], ["||||"])))
            out.extend(lines)
        elif f == "tab":
            out.append("\t".join(row))
        elif f == "multi_space":
            sep = s.rnd.choice(("  ", "   ", "    ", "\u3000"))
            out.append(sep.join(row))
        elif f == "single_space":
            out.append(" ".join(row))
        else:  # pragma: no cover
            raise ValueError(f)
    return out


ORGS = ("临川县自然资源局", "青山市人民政府", "东湖区教育局", "清河镇人民政府", "西城街道办事处")


def render_report(t: Tables, s: Style, org: str, year: int) -> str:
    lines: list[str] = []
    if s.junk:
        lines.extend(s.rnd.sample(JUNK_TOP, 2))
    lines.append(f"{org}{year}年政府信息公开工作年度报告")
    if s.junk:
        lines.append(f"发布时间：{year + 1}-01-2{s.rnd.randint(0, 9)} 09:30  字体：[大 中 小]")
    lines.append(f"本报告依据《中华人民共和国政府信息公开条例》编制。报告中所列数据的统计期限自{year}年1月1日起"
                 f"至{year}年12月31日止。")
    lines.append("一、总体情况")
    lines.append(f"{year}年，我单位认真贯彻落实政务公开各项要求，及时公开各类政府信息。")
    lines.append("（一）主动公开。围绕重点工作及时发布信息。")
    lines.append("二、主动公开政府信息情况")
    lines.extend(render_rows(table2_rows(t, s), s))
    lines.append("三、收到和处理政府信息公开申请情况")
    lines.extend(render_rows(table3_rows(t, s), s))
    lines.append("四、政府信息公开行政复议、行政诉讼情况")
    lines.extend(render_rows(table4_rows(t, s), s))
    lines.append("五、存在的主要问题及改进情况")
    lines.append("一是公开内容还不够丰富；二是解读形式较为单一。下一步将加以改进。")
    lines.append("六、其他需要报告的事项")
    lines.append("本年度未收取信息处理费。")
    lines.append(org)
    lines.append(f"{year + 1}年1月2{s.rnd.randint(0, 9)}日")
    if s.junk:
        lines.append(s.rnd.choice(JUNK_BOTTOM))
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------

def _assert_parses_back(t: Tables, s: Style, org: str, year: int) -> None:
    text = render_report(t, s, org, year)
    report = nianbao.parse_text(text)
    tabs = report.tables
    ctx = f"\n--- rendered text ---\n{text}"
    bad = [f.rule + ": " + f.message for f in report.findings
           if f.rule in ("extract.table_missing", "extract.row_missing", "extract.value_unreadable",
                         "extract.duplicate_row")]
    assert not bad, f"{bad}{ctx}"
    assert report.meta.template == t.version, ctx
    assert report.meta.year == year, ctx
    assert [sec.present for sec in report.sections] == [True] * 6, ctx

    assert tabs.active_disclosure is not None, ctx
    assert tabs.active_disclosure.template == t.version
    assert tabs.active_disclosure.items == t.active, ctx

    assert tabs.applications is not None, ctx
    assert tabs.applications.rows == t.applications, ctx

    assert tabs.reviews_litigation is not None, ctx
    got = [getattr(getattr(tabs.reviews_litigation, g), c) for g in REVIEW_GROUPS for c in REVIEW_COLUMNS]
    assert got == t.reviews, ctx


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("flavour", FLAVOURS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_tables_parse_back(flavour: str, version: str, data: st.DataObject) -> None:
    t = data.draw(tables(version), label="tables")
    s = data.draw(styles(flavour), label="style")
    org = data.draw(st.sampled_from(ORGS), label="org")
    year = data.draw(st.integers(2019, 2020) if version == "2019" else st.integers(2021, 2025), label="year")
    _assert_parses_back(t, s, org, year)


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_all_blank_and_all_zero_tables(flavour: str) -> None:
    """Edge cases hypothesis may not hit: every cell blank, every cell 0 (never confused)."""
    for version in ("2019", "2021"):
        for fill in (None, 0):
            active = {item: {rk: {ck: fill for ck, _ in cols} for rk, _ in rows}
                      for item, (_c, rows, cols) in ACTIVE[version].items()}
            apps = {key: dict.fromkeys(APPLICANT_COLUMNS, fill) for _g, _l, key in APP_ROWS[version]}
            t = Tables(version, active, apps, [fill] * 15)
            s = Style(flavour, random.Random(7), junk=True, fullwidth=False, thousands=False,
                      wrap_headers=True, blank_marks=("—", "/"))
            _assert_parses_back(t, s, ORGS[0], 2020 if version == "2019" else 2023)


def test_printed_labels_cover_the_template_keys() -> None:
    """The labels written here and the template definitions name the same cells."""
    for version, template in TEMPLATES.items():
        assert [r.key for r in template.applications.rows] == [k for _g, _l, k in APP_ROWS[version]]
        assert [c.key for c in template.applications.columns] == list(APPLICANT_COLUMNS)
        assert [g.key for g in template.reviews.groups] == list(REVIEW_GROUPS)
        assert [c.key for c in template.reviews.columns] == list(REVIEW_COLUMNS)
        got = {i.key: ([r.key for r in i.rows], [c.key for c in i.columns]) for i in template.active.items}
        want = {k: ([r for r, _ in rows], [c for c, _ in cols]) for k, (_cap, rows, cols) in ACTIVE[version].items()}
        assert got == want


def test_renderer_prints_each_flavour() -> None:
    """The renderer really produces the flavour it claims (guards the property test itself)."""
    apps = {key: dict.fromkeys(APPLICANT_COLUMNS, 1) for _g, _l, key in APP_ROWS["2019"]}
    active = {item: {rk: {ck: 1 for ck, _ in cols} for rk, _ in rows}
              for item, (_c, rows, cols) in ACTIVE_2019.items()}
    t = Tables("2019", active, apps, [1] * 15)

    def text(flavour: str) -> str:
        return render_report(t, Style(flavour, random.Random(1), False, False, False, False, ("—",)), ORGS[0], 2020)

    assert "规章 | 1 | 1 | 1 |" in text("pipe")
    assert "| 规章\n|\n1\n|\n1\n|\n1\n" in text("cell_per_line")
    assert "规章\t1\t1\t1\n" in text("tab")
    assert "规章 1 1 1\n" in text("single_space")
    multi = text("multi_space")
    assert "规章 1" not in multi and "规章" in multi
