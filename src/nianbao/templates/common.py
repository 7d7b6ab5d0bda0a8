"""The parts both national templates share: sections, 表三 rows and columns, 表四."""

from __future__ import annotations

from .base import Column, Group, ReviewsTable, Row, Section, TableName

# The three tables of both versions, by their key in the report JSON.
TABLE_NAMES: dict[str, TableName] = {
    "active_disclosure": TableName("表二", "主动公开政府信息情况", "table 2", "active disclosure"),
    "applications": TableName("表三", "收到和处理政府信息公开申请情况", "table 3", "applications"),
    "reviews_litigation": TableName("表四", "政府信息公开行政复议、行政诉讼情况", "table 4", "reviews and litigation"),
}

SECTIONS: tuple[Section, ...] = (
    Section(1, "总体情况", ("总体情况", "基本情况", "概述", "总体概述", "工作概述", "基本概况"),
            ("总体", "基本情况", "概述", "概况")),
    Section(2, "主动公开政府信息情况", ("主动公开政府信息情况", "主动公开政府信息的情况", "主动公开情况"),
            ("主动公开",), table="active_disclosure"),
    Section(3, "收到和处理政府信息公开申请情况",
            ("收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请的情况", "依申请公开政府信息情况",
             "依申请公开情况"),
            ("申请",), table="applications"),
    Section(4, "政府信息公开行政复议、行政诉讼情况",
            ("政府信息公开行政复议、行政诉讼情况", "政府信息公开行政复议行政诉讼情况",
             "政府信息公开行政复议和行政诉讼情况",
             "因政府信息公开工作被申请行政复议、提起行政诉讼的情况",
             "因政府信息公开工作被申请行政复议提起行政诉讼情况",
             "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
             "行政复议、行政诉讼情况", "行政复议和行政诉讼情况"),
            ("复议", "诉讼"), table="reviews_litigation"),
    Section(5, "存在的主要问题及改进情况",
            ("存在的主要问题及改进情况", "存在的主要问题和改进情况", "政府信息公开工作存在的主要问题及改进情况",
             "工作中存在的主要问题和改进情况", "工作中存在的主要问题及改进情况", "存在的问题及改进情况",
             "存在的主要问题及改进措施", "存在的问题和改进措施", "存在的问题", "存在问题"),
            ("问题",)),
    Section(6, "其他需要报告的事项", ("其他需要报告的事项", "其他需要报告事项", "其他事项"),
            ("其他需要报告", "其他事项")),
)

# Headings that some bodies print as a section of their own but belong to section 5.
SECTION5_SPILLOVER: tuple[str, ...] = ("整改措施", "改进措施", "整改情况", "改进情况", "下一步工作打算", "下一步工作")

APPLICANT_COLUMNS: tuple[Column, ...] = (
    Column("natural_person", "自然人"),
    Column("commercial_enterprise", "商业企业"),
    Column("research_institution", "科研机构"),
    Column("social_welfare_org", "社会公益组织"),
    Column("legal_service_org", "法律服务机构"),
    Column("other_org", "其他", ("其他组织",)),
    Column("total", "总计"),
)

ROWS_BEFORE_OTHER: tuple[Row, ...] = (
    Row("new_received", "本年新收政府信息公开申请数量", ("本年新收政府信息公开申请数", "本年新收申请数量", "本年新收"), "一"),
    Row("carried_over", "上年结转政府信息公开申请数量", ("上年结转政府信息公开申请数", "上年结转申请数量", "上年结转"), "二"),
    Row("granted", "予以公开", (), "一"),
    Row("partially_granted", "部分公开（区分处理的，只计这一情形，不计其他情形）", ("部分公开",), "二"),
    Row("withheld.state_secret", "属于国家秘密", ("国家秘密",), "1"),
    Row("withheld.prohibited_by_law", "其他法律行政法规禁止公开", ("法律行政法规禁止公开", "其他法律法规禁止公开"), "2"),
    Row("withheld.security_stability", "危及“三安全一稳定”", ("危及三安全一稳定",), "3"),
    Row("withheld.third_party_rights", "保护第三方合法权益", ("第三方合法权益",), "4"),
    Row("withheld.internal_affairs", "属于三类内部事务信息", ("三类内部事务信息",), "5"),
    Row("withheld.process_information", "属于四类过程性信息", ("四类过程性信息",), "6"),
    Row("withheld.enforcement_file", "属于行政执法案卷", ("行政执法案卷",), "7"),
    Row("withheld.administrative_query", "属于行政查询事项", ("行政查询事项",), "8"),
    Row("unavailable.not_held", "本机关不掌握相关政府信息", ("本机关不掌握",), "1"),
    Row("unavailable.needs_creation", "没有现成信息需要另行制作", ("没有现成信息",), "2"),
    Row("unavailable.unclear_after_correction", "补正后申请内容仍不明确", ("补正后申请内容",), "3"),
    Row("not_processed.complaint", "信访举报投诉类申请", ("信访举报投诉",), "1"),
    Row("not_processed.duplicate", "重复申请", (), "2"),
    Row("not_processed.publication", "要求提供公开出版物", ("公开出版物",), "3"),
    Row("not_processed.excessive", "无正当理由大量反复申请", ("大量反复申请",), "4"),
    Row("not_processed.confirmation", "要求行政机关确认或重新出具已获取信息",
        ("要求行政机关确认或重新出具", "确认或重新出具已获取信息"), "5"),
)

ROW_TOTAL = Row("total", "总计", (), "七", needs_number=True)
ROW_CARRIED_FORWARD = Row("carried_forward", "结转下年度继续办理", ("结转下年度", "结转下年度继续办理数量"), "四")

APPLICATION_GROUPS: tuple[Group, ...] = (
    Group("本年度办理结果", ("办理结果",), "三"),
    Group("不予公开", (), "三"),
    Group("无法提供", (), "四"),
    Group("不予处理", (), "五"),
    Group("申请人情况", ()),
    Group("法人或其他组织", ()),
)

APPLICATIONS_TITLE = TABLE_NAMES["applications"].title
APPLICATIONS_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICATIONS_NOTE_WORD = "勾稽关系"  # the word by which the note is recognised however it is worded

# Units a money cell may print beside its number (Column.unit is the one the official header names).
MONEY_UNITS = ("元", "万元")

# Header texts the forms print that are not row or column labels (used by the writers).
ACTIVE_CONTENT_HEADER = "信息内容"  # first column header of every 表二 sub-table
LITIGATION_LABEL = "行政诉讼"  # 表四 header spanning the two litigation groups

REVIEW_COLUMNS: tuple[Column, ...] = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)

REVIEWS = ReviewsTable(
    title=TABLE_NAMES["reviews_litigation"].title,
    groups=(
        Column("review", "行政复议"),
        Column("litigation_direct", "未经复议直接起诉", ("行政诉讼未经复议直接起诉",)),
        Column("litigation_after_review", "复议后起诉", ("行政诉讼复议后起诉",)),
    ),
    columns=REVIEW_COLUMNS,
)
