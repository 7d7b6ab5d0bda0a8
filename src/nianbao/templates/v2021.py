"""The revised format, 国办公开办函〔2021〕30号: reporting years from 2021."""

from __future__ import annotations

from .base import ActiveTable, ApplicationsTable, Column, Group, Item, Row, Template
from .common import (
    APPLICANT_COLUMNS,
    APPLICATION_GROUPS,
    APPLICATIONS_TITLE,
    REVIEWS,
    ROW_CARRIED_FORWARD,
    ROW_TOTAL,
    ROWS_BEFORE_OTHER,
    SECTIONS,
    TABLE_NAMES,
)

_DECISIONS = (Column("decisions", "本年处理决定数量", ("处理决定数量", "本年处理决定数")),)

ACTIVE = ActiveTable(
    title=TABLE_NAMES["active_disclosure"].title,
    items=(
        Item("art20_1", "第二十条第（一）项",
             (Row("rules", "规章"), Row("normative_documents", "行政规范性文件", ("规范性文件",))),
             (Column("issued", "本年制发件数", ("本年制发数",)),
              Column("repealed", "本年废止件数", ("本年废止数",)),
              Column("in_force", "现行有效件数", ("现行有效数",)))),
        Item("art20_5", "第二十条第（五）项", (Row("licensing", "行政许可"),), _DECISIONS),
        Item("art20_6", "第二十条第（六）项", (Row("penalty", "行政处罚"), Row("coercion", "行政强制")), _DECISIONS),
        Item("art20_8", "第二十条第（八）项",
             (Row("fees", "行政事业性收费", ("行政事业收费",)),),
             (Column("amount", "本年收费金额（单位：万元）", ("本年收费金额", "收费金额"), money=True, unit="万元"),)),
    ),
)

_OTHER_ROWS = (
    Row("other.no_correction", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ("申请人无正当理由逾期不补正", "无正当理由逾期不补正"), "1"),
    Row("other.fee_unpaid", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ("申请人逾期未按收费通知要求缴纳费用", "逾期未按收费通知要求缴纳费用"), "2"),
    Row("other.other", "其他", (), "3", needs_number=True),
)

APPLICATIONS = ApplicationsTable(
    title=APPLICATIONS_TITLE,
    rows=ROWS_BEFORE_OTHER + _OTHER_ROWS + (ROW_TOTAL, ROW_CARRIED_FORWARD),
    columns=APPLICANT_COLUMNS,
    groups=APPLICATION_GROUPS + (Group("其他处理", (), "六"),),
    outcome_rows=tuple(r.key for r in ROWS_BEFORE_OTHER[2:]) + tuple(r.key for r in _OTHER_ROWS),
)

TEMPLATE = Template(
    version="2021",
    name="中华人民共和国政府信息公开工作年度报告格式",
    basis="国办公开办函〔2021〕30号",
    first_year=2021,
    sections=SECTIONS,
    active=ACTIVE,
    applications=APPLICATIONS,
    reviews=REVIEWS,
    hints=("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额",
           "逾期不补正", "逾期未按收费通知要求缴纳费用"),
)
