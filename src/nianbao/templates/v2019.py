"""The 2019 (试行) format, 国办公开办函〔2019〕60号: reporting years 2019 and 2020."""

from __future__ import annotations

from .base import ActiveTable, ApplicationsTable, Column, Item, Row, Template
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

_ITEM_COLUMNS = (
    Column("previous", "上一年项目数量", ("上一年项目数",)),
    Column("change", "本年增/减", ("本年增减", "本年增加/减少"), signed=True),
    Column("decisions", "处理决定数量", ("处理决定数",)),
)

ACTIVE = ActiveTable(
    title=TABLE_NAMES["active_disclosure"].title,
    items=(
        Item("art20_1", "第二十条第（一）项",
             (Row("rules", "规章"), Row("normative_documents", "规范性文件", ("行政规范性文件",))),
             (Column("new_made", "本年新制作数量", ("本年新制作数", "本年制作数量")),
              Column("new_published", "本年新公开数量", ("本年新公开数",)),
              Column("total_published", "对外公开总数量", ("对外公开总数",)))),
        Item("art20_5", "第二十条第（五）项",
             (Row("licensing", "行政许可"), Row("other_services", "其他对外管理服务事项", ("其他对外管理服务",))),
             _ITEM_COLUMNS),
        Item("art20_6", "第二十条第（六）项",
             (Row("penalty", "行政处罚"), Row("coercion", "行政强制")),
             _ITEM_COLUMNS),
        Item("art20_8", "第二十条第（八）项",
             (Row("fees", "行政事业性收费", ("行政事业收费",)),),
             _ITEM_COLUMNS[:2]),
        Item("art20_9", "第二十条第（九）项",
             (Row("procurement", "政府集中采购", ("集中采购",)),),
             (Column("projects", "采购项目数量", ("采购项目数",)),
              Column("amount", "采购总金额", ("采购金额",), money=True))),
    ),
)

APPLICATIONS = ApplicationsTable(
    title=APPLICATIONS_TITLE,
    rows=ROWS_BEFORE_OTHER + (
        Row("other", "其他处理", (), "六"),
        ROW_TOTAL,
        ROW_CARRIED_FORWARD,
    ),
    columns=APPLICANT_COLUMNS,
    groups=APPLICATION_GROUPS,
    outcome_rows=tuple(r.key for r in ROWS_BEFORE_OTHER[2:]) + ("other",),
)

TEMPLATE = Template(
    version="2019",
    name="中华人民共和国政府信息公开工作年度报告格式（试行）",
    basis="国办公开办函〔2019〕60号",
    first_year=2019,
    sections=SECTIONS,
    active=ACTIVE,
    applications=APPLICATIONS,
    reviews=REVIEWS,
    hints=("本年新制作数量", "本年新制作", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减",
           "第二十条第（九）项", "政府集中采购", "采购项目数量", "采购总金额", "其他对外管理服务事项"),
)

__all__ = ["TEMPLATE"]
