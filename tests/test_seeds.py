"""Acceptance tests: parse the five real seed reports and compare with hand-read expectations.

Every expected value below was written down by reading the seed text in
/work/shared/seeds (NOT by running any parser).  Seeds are selected by their
file-name prefix (000..004) only; all expectations are literal data here.

Contract: /work/shared/spec/report-json.md (nianbao.report/1).
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

SEEDS_DIR = Path(__file__).resolve().parents[2] / "shared" / "seeds"

if not SEEDS_DIR.is_dir():
    pytest.skip(f"seed folder not found: {SEEDS_DIR}", allow_module_level=True)


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------

def seed_path(prefix: str) -> Path:
    matches = sorted(SEEDS_DIR.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix}_*.txt not present in {SEEDS_DIR}")
    return matches[0]


@functools.cache
def _parse_cached(path: str) -> dict:
    import nianbao  # imported lazily so that collection works before the package exists

    report = nianbao.parse(Path(path))
    return report.model_dump(mode="json")


def parsed(prefix: str) -> dict:
    return _parse_cached(str(seed_path(prefix)))


COLS = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
    "total",
)

TABLE_NAMES = ("active_disclosure", "applications", "reviews_litigation")

NUMERALS = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六"}

ZERO_ROW = {
    "natural_person": 0, "commercial_enterprise": 0, "research_institution": 0,
    "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0,
}
ZERO_GROUP = {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0}


# ---------------------------------------------------------------------------
# expected data, one dict per seed
#
# sections: {number: {present, heading (printed prefix), contains, not_contains}}
#   "heading"      - the section heading must start with this (as printed in the seed)
#   "contains"     - substrings the section text must contain (narrative only)
#   "not_contains" - substrings from the neighbouring section (boundary checks)
# table_text: substrings of the printed table that must land in that section's text
#   (kept separate: only meaningful if section text keeps the scraped table text)
# figures: key -> int (must equal) or None (must be absent/null: surely not stated)
#   keys not listed are not asserted either way.
# ---------------------------------------------------------------------------

# ---- 000: 大安市人民政府, 2019 report; no title line, tables missing ----------------
SEED_000 = {
    "meta": {
        "year": 2019,  # "所列数据截止日期为2019年12月31日", "我市2019年度政府信息公开工作情况"
        "organization": "大安市人民政府",  # signature line 25
        "body_kind": "government",
        "template": "2019",  # year 2019, no tables printed
        "published": "2020-01-31",  # no 发布时间 printed -> signature date "2020年1月31日"
        "signed": "2020-01-31",
        "title": None,  # first line is the intro "本报告由…", no title line
        "contact": {  # intro line 1: (地址:大安市人民路21号;邮编:131300;电话:0436-5211180;传真:0436-5211180)
            "address": "大安市人民路21号",
            "postcode": "131300",
            "phone": "0436-5211180",
            "fax": "0436-5211180",
            "email": None,
        },
    },
    "sections": {
        1: {  # heading variant "一、基本情况" maps to section 1
            "present": True,
            "heading": "一、基本情况",
            "contains": ["2019年共发布解读22次", "我市主动公开政府信息1751条"],
            "not_contains": ["二、主动公开政府信息情况", "政策解读力度薄弱"],
        },
        2: {
            "present": True,  # heading printed, no table text
            "heading": "二、主动公开政府信息情况",
            "contains": [],
            "not_contains": ["三、收到和处理政府信息公开申请情况", "政策解读力度薄弱"],
        },
        3: {
            "present": True,
            "heading": "三、收到和处理政府信息公开申请情况",
            "contains": [],
            "not_contains": ["四、政府信息公开行政复议、行政诉讼情况", "政策解读力度薄弱"],
        },
        4: {
            "present": True,
            "heading": "四、政府信息公开行政复议、行政诉讼情况",
            "contains": [],
            "not_contains": ["五、存在的主要问题及改进情况", "政策解读力度薄弱"],
        },
        5: {
            "present": True,
            "heading": "五、存在的主要问题及改进情况",
            "contains": ["政策解读力度薄弱", "严格执行政务公开制度"],
            "not_contains": ["六、其他需要报告的事项"],
        },
        6: {
            "present": True,
            "heading": "六、其他需要报告的事项",  # printed "六、其他需要报告的事项(无)"
            "contains": ["无"],
            "not_contains": ["严格执行政务公开制度"],
        },
    },
    "table_text": {},
    "tables": None,  # headings 二/三/四 have no table text
    "figures": {
        "proactive_total": 1751,  # "今年,我市主动公开政府信息1751条"
        "interpretations": 22,  # "2019年共发布解读22次"
        "applications_received": None,  # no 依申请 number anywhere in the narrative
        "reviews": None,  # 行政复议 only in headings/intro list
        "litigations": None,
    },
}

# ---- 001: 大英县 (县政府办公室 wrote it about 我县), 2020; one-cell-per-line tables ----
SEED_001 = {
    "meta": {
        "year": 2020,  # "制定了2020年度政府信息公开工作报告", 统计期限 2020-01-01..2020-12-31
        "organization": "大英县人民政府",  # no signature; county report about 我县
        "body_kind": "government",
        "template": "2019",  # 上一年项目数量 / 本年增/减 / 第二十条第(九)项 / single (六)其他处理
        "published": None,  # no 发布时间 and no signature date anywhere
        "signed": None,
        "title": None,
        "contact": {"address": None, "postcode": None, "phone": None, "fax": None, "email": None},
    },
    "sections": {
        1: {
            "present": True,
            "heading": "一、总体情况",
            "contains": ["主动公开政府政务信息991条", "全县受理依申请公开8件", "全年累计公开相关文件信息132条"],
            "not_contains": ["二、主动公开政府信息情况", "第二十条第(一)项"],
        },
        2: {
            "present": True,
            "heading": "二、主动公开政府信息情况",
            "contains": [],
            "not_contains": ["三、收到和处理政府信息公开申请情况", "本年新收政府信息公开申请数量"],
        },
        3: {
            "present": True,
            "heading": "三、收到和处理政府信息公开申请情况",
            "contains": [],
            "not_contains": ["四、政府信息公开行政复议、行政诉讼情况", "未经复议直接起诉"],
        },
        4: {
            "present": True,
            "heading": "四、政府信息公开行政复议、行政诉讼情况",
            "contains": [],
            "not_contains": ["五、存在的主要问题及改进情况", "政务公开机构力量薄弱"],
        },
        5: {
            "present": True,
            "heading": "五、存在的主要问题及改进情况",
            "contains": ["政务公开机构力量薄弱", "下一步工作打算"],
            "not_contains": ["六、其他需要报告的事项"],
        },
        6: {
            "present": True,
            "heading": "六、其他需要报告的事项",
            "contains": ["无"],  # body is "无。"
            "not_contains": ["公众能够方便查询"],
        },
    },
    "table_text": {
        2: ["第二十条第(九)项", "其他对外管理服务事项"],
        3: ["本年新收政府信息公开申请数量", "结转下年度继续办理"],
        4: ["未经复议直接起诉"],
    },
    "tables": {
        "active_disclosure": {
            "template": "2019",
            "items": {
                "art20_1": {  # header cells are truncated "本年新 |" "本年新 |" but column order is standard
                    "rules": {"new_made": 0, "new_published": 0, "total_published": 0},
                    "normative_documents": {"new_made": 1, "new_published": 1, "total_published": 11},
                },
                "art20_5": {
                    "licensing": {"previous": 0, "change": 0, "decisions": 0},
                    "other_services": {"previous": 0, "change": 0, "decisions": 0},
                },
                "art20_6": {
                    "penalty": {"previous": 0, "change": 0, "decisions": 0},
                    "coercion": {"previous": 0, "change": 0, "decisions": 0},
                },
                "art20_8": {
                    "fees": {"previous": 0, "change": 0},
                },
                "art20_9": {
                    "procurement": {"projects": 0, "amount": 0},
                },
            },
        },
        "applications": {
            "rows": {
                "new_received": {"natural_person": 8, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 8},
                "carried_over": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "granted": {"natural_person": 4, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 4},
                "partially_granted": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "withheld.state_secret": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "withheld.prohibited_by_law": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "withheld.security_stability": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "withheld.third_party_rights": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "withheld.internal_affairs": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "withheld.process_information": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "withheld.enforcement_file": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "withheld.administrative_query": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "unavailable.not_held": {"natural_person": 2, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 2},
                "unavailable.needs_creation": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "unavailable.unclear_after_correction": {"natural_person": 2, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 2},
                "not_processed.complaint": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "not_processed.duplicate": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "not_processed.publication": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "not_processed.excessive": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "not_processed.confirmation": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "other": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                # (七)总计 is printed as all zeros although the rows above sum to 8: expect what is printed
                "total": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "carried_forward": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
            },
        },
        # data row printed: 0 1 0 0 0 | 0 0 0 0 0 | 0 0 0 0 0 (结果纠正 1 but 总计 0: as printed)
        "reviews_litigation": {
            "review": {"upheld": 0, "corrected": 1, "other": 0, "pending": 0, "total": 0},
            "litigation_direct": {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0},
            "litigation_after_review": {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0},
        },
    },
    "figures": {
        "proactive_total": 991,  # "依托四川省政府信息公开系统主动公开政府政务信息991条"
        "applications_received": 8,  # "全县受理依申请公开8件"
        "reviews": None,  # narrative never mentions 行政复议 (only heading + table)
        "litigations": None,
        # interpretations not asserted: "全年累计公开相关文件信息132条" is ambiguous
    },
}

# ---- 002: 鞍山市应急管理局 (department), 2020; pipe tables; 五 存在的问题 + 六 整改措施 ----
SEED_002 = {
    "meta": {
        "year": 2020,  # "2020年,市应急局政务公开工作…"
        "organization": "鞍山市应急管理局",  # signature line
        "body_kind": "department",
        "template": "2019",  # 本年新 制作数量 / 上一年项目数量 / 第二十条第(九)项
        "published": "2021-01-25",  # no 发布时间 -> signature date "2021年1月25日"
        "signed": "2021-01-25",
        "title": None,
        "contact": {"address": None, "postcode": None, "phone": None, "fax": None, "email": None},
    },
    "sections": {
        1: {
            "present": True,
            "heading": "一、总体情况",
            "contains": ["各类信息共计128条", "鞍山市应急管理局信息发布管理制度"],
            "not_contains": ["二、主动公开政府信息情况", "第二十条第(一)项"],
        },
        2: {
            "present": True,
            "heading": "二、主动公开政府信息情况",
            "contains": [],
            "not_contains": ["三、收到和处理政府信息公开申请情况", "本年新收政府信息公开申请数量"],
        },
        3: {
            "present": True,
            "heading": "三、收到和处理政府信息公开申请情况",
            "contains": [],
            "not_contains": ["四、政府信息公开行政复议、行政诉讼情况", "未经复议直接起诉"],
        },
        4: {
            "present": True,
            "heading": "四、政府信息公开行政复议、行政诉讼情况",
            "contains": [],
            "not_contains": ["五、存在的问题", "政务公开机制有待完善"],
        },
        5: {  # "五、存在的问题" is section 5; "六、整改措施" is folded into it
            "present": True,
            "heading": "五、存在的问题",
            "contains": ["政务公开机制有待完善", "科学合理设置公开栏目", "进一步加强检查指导"],
            "not_contains": ["未经复议直接起诉"],
        },
        6: {"present": False},  # no 其他需要报告的事项 section
    },
    "table_text": {
        2: ["政府集中采购", "其他对外管理服务事项"],
        3: ["本年新收政府信息公开申请数量", "结转下年度继续办理"],
        4: ["未经复议直接起诉"],
    },
    "tables": {
        "active_disclosure": {
            "template": "2019",
            "items": {
                "art20_1": {
                    "rules": {"new_made": 0, "new_published": 0, "total_published": 0},
                    "normative_documents": {"new_made": 15, "new_published": 15, "total_published": 15},
                },
                "art20_5": {
                    "licensing": {"previous": 0, "change": 0, "decisions": 0},
                    "other_services": {"previous": 9, "change": 9, "decisions": 9},
                },
                "art20_6": {
                    "penalty": {"previous": 0, "change": 8, "decisions": 8},
                    "coercion": {"previous": 0, "change": 0, "decisions": 0},
                },
                "art20_8": {
                    "fees": {"previous": 0, "change": 0},
                },
                "art20_9": {  # "政府集中采购 | 7 | 689380 |", no unit printed
                    "procurement": {"projects": 7, "amount": 689380},
                },
            },
        },
        "applications": {  # every printed cell is 0
            "rows": {
                "new_received": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "carried_over": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "granted": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "partially_granted": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "withheld.state_secret": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "withheld.prohibited_by_law": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "withheld.security_stability": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "withheld.third_party_rights": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "withheld.internal_affairs": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "withheld.process_information": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "withheld.enforcement_file": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "withheld.administrative_query": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "unavailable.not_held": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "unavailable.needs_creation": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "unavailable.unclear_after_correction": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "not_processed.complaint": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "not_processed.duplicate": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "not_processed.publication": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "not_processed.excessive": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "not_processed.confirmation": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "other": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "total": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
                "carried_forward": {"natural_person": 0, "commercial_enterprise": 0, "research_institution": 0, "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0},
            },
        },
        "reviews_litigation": {  # data row: fifteen 0
            "review": {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0},
            "litigation_direct": {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0},
            "litigation_after_review": {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0},
        },
    },
    "figures": {
        # proactive_total not asserted: "编辑、发布和更新的各类信息共计128条" is not plainly 主动公开
        "interpretations": None,  # the word 解读 does not occur in the seed
        "applications_received": None,  # no 依申请 number in the narrative
        "reviews": None,
        "litigations": None,
    },
}

# ---- 003: 开远市人民政府, 2022; title line + 发布时间; tables missing ----------------
SEED_003 = {
    "meta": {
        "year": 2022,  # title "开远市2022年…", 统计期限 2022-01-01..2022-12-31
        "organization": "开远市人民政府",  # no signature name; government named by the title
        "body_kind": "government",
        "template": "2021",  # year >= 2021
        "published": "2023-02-14",  # "发布时间: 2023-02-14 09:50"
        "signed": "2023-01-29",  # closing date line "2023年1月29日" (no name printed above it)
        "title": "开远市2022年政府信息公开工作年度报告",  # first line
        "contact": {  # (地址:开远市东新路219号;邮编:661600;联系电话:0873-7236877)
            "address": "开远市东新路219号",
            "postcode": "661600",
            "phone": "0873-7236877",
            "fax": None,
            "email": None,
        },
    },
    "sections": {
        1: {
            "present": True,
            "heading": "一、总体情况",
            "contains": ["收到依申请公开事项21件", "申请人提起行政复议4件", "政务新媒体账号29个"],
            "not_contains": ["二、主动公开政府信息情况", "搜索功能不够完善"],
        },
        2: {
            "present": True,
            "heading": "二、主动公开政府信息情况",
            "contains": [],
            "not_contains": ["三、收到和处理政府信息公开申请情况", "搜索功能不够完善"],
        },
        3: {
            "present": True,
            "heading": "三、收到和处理政府信息公开申请情况",
            "contains": [],
            "not_contains": ["四、政府信息公开行政复议、行政诉讼情况", "搜索功能不够完善"],
        },
        4: {
            "present": True,
            "heading": "四、政府信息公开行政复议、行政诉讼情况",
            "contains": [],
            "not_contains": ["五、存在的主要问题及改进情况", "搜索功能不够完善"],
        },
        5: {
            "present": True,
            "heading": "五、存在的主要问题及改进情况",
            "contains": ["搜索功能不够完善", "下一步改进措施"],
            "not_contains": ["六、其他需要报告的事项", "未发出政府信息处理费收费通知书"],
        },
        6: {
            "present": True,
            "heading": "六、其他需要报告的事项",
            "contains": ["未发出政府信息处理费收费通知书"],
            "not_contains": ["对申请人进行答复"],
        },
    },
    "table_text": {},
    "tables": None,
    "figures": {
        # proactive_total not asserted: "2022年通过门户网站发布信息4026条" is website-only wording
        "interpretations": 5,  # "等政策解读图文稿5件"
        "applications_received": 21,  # "2022年我市收到依申请公开事项21件"
        "reviews": 4,  # "申请人提起行政复议4件"
        "litigations": 2,  # "行政诉讼2件"
    },
}

# ---- 004: 青田县, 2019; web page scrape, everything inline on one line; tables missing ----
SEED_004 = {
    "meta": {
        "year": 2019,  # title "…2019年度报告", 统计期限 2019-01-01..2019-12-31
        # no signature; the report prints only "青田县政府" (门户网站): a name it does not print is never
        # returned (issue 13); meta.organization_normalized completes it to 青田县人民政府.
        "organization": "青田县政府",
        "body_kind": "government",
        "template": "2019",  # year 2019, no tables printed
        "published": None,  # no 发布时间, no signature date
        "signed": None,
        "title": "青田县政府信息公开工作2019年度报告",  # text before " 本年度报告根据"
        "contact": {  # (地址:青田县鹤城中路33号,邮编:323900,电话:0578-6508316,电子邮箱:997408914@qq.com)
            "address": "青田县鹤城中路33号",
            "postcode": "323900",
            "phone": "0578-6508316",
            "fax": None,
            "email": "997408914@qq.com",
        },
    },
    "sections": {
        1: {  # heading "一、总体情况" appears inline after the intro paragraph
            "present": True,
            "heading": "一、总体情况",
            "contains": ["主动公开政府信息11858条", "共发布政策解读文件60件", "掌握人员调整情况"],
            "not_contains": ["二、主动公开政府信息情况", "政策解读的专业性和通俗性"],
        },
        2: {  # heading at the end of the long line 6, no table text
            "present": True,
            "heading": "二、主动公开政府信息情况",
            "contains": [],
            "not_contains": ["三、收到和处理政府信息公开申请情况", "政策解读的专业性和通俗性"],
        },
        3: {
            "present": True,
            "heading": "三、收到和处理政府信息公开申请情况",
            "contains": [],
            "not_contains": ["四、政府信息公开行政复议、行政诉讼情况", "政策解读的专业性和通俗性"],
        },
        4: {
            "present": True,
            "heading": "四、政府信息公开行政复议、行政诉讼情况",
            "contains": [],
            "not_contains": ["五、存在的主要问题及改进情况", "政策解读的专业性和通俗性"],
        },
        5: {  # "五、存在的主要问题及改进情况 (一)存在的主要问题 …" inline
            "present": True,
            "heading": "五、存在的主要问题及改进情况",
            "contains": ["政策解读的专业性和通俗性有待进一步加强", "最多跑一次"],
            "not_contains": ["六、其他需要报告的事项", "政府信息公开情况统计表"],
        },
        6: {  # "六、其他需要报告的事项 (一)其他需要报告的事项:无。 (二)2019年政府信息公开情况统计表。"
            "present": True,
            "heading": "六、其他需要报告的事项",
            "contains": ["政府信息公开情况统计表"],
            "not_contains": ["最多跑一次"],
        },
    },
    "table_text": {},
    "tables": None,
    "figures": {
        "proactive_total": 11858,  # "2019年度青田县主动公开政府信息11858条"
        "interpretations": 60,  # "共发布政策解读文件60件"
        "applications_received": None,  # only "妥善处理依申请公开"; 13966件 are 信访事项, not applications
        "reviews": None,
        "litigations": None,
    },
}

EXPECTED = {
    "000": SEED_000,
    "001": SEED_001,
    "002": SEED_002,
    "003": SEED_003,
    "004": SEED_004,
}

ALL_SEEDS = sorted(EXPECTED)
SEEDS_WITH_TABLES = [s for s in ALL_SEEDS if EXPECTED[s]["tables"] is not None]
SEEDS_WITHOUT_TABLES = [s for s in ALL_SEEDS if EXPECTED[s]["tables"] is None]

META_KEYS = ("year", "organization", "body_kind", "template", "published", "signed", "title")
CONTACT_KEYS = ("address", "postcode", "phone", "fax", "email")


def _section(d: dict, number: int) -> dict:
    matches = [s for s in d["sections"] if s.get("number") == number]
    assert len(matches) == 1, f"expected exactly one section {number}, got {len(matches)}"
    return matches[0]


def _section_cases():
    for seed in ALL_SEEDS:
        for number, exp in EXPECTED[seed]["sections"].items():
            yield pytest.param(seed, number, exp, id=f"{seed}-s{number}")


def _table_text_cases():
    for seed in ALL_SEEDS:
        for number, needles in EXPECTED[seed]["table_text"].items():
            yield pytest.param(seed, number, needles, id=f"{seed}-s{number}")


def _figure_cases():
    for seed in ALL_SEEDS:
        for key, value in EXPECTED[seed]["figures"].items():
            yield pytest.param(seed, key, value, id=f"{seed}-{key}")


# ---------------------------------------------------------------------------
# tests
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("seed", ALL_SEEDS)
def test_envelope(seed):
    d = parsed(seed)
    assert d["schema"] == "nianbao.report/1"
    assert d["source"]["format"] == "text"
    assert [s["number"] for s in d["sections"]] == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize("seed", ALL_SEEDS)
@pytest.mark.parametrize("key", META_KEYS)
def test_meta(seed, key):
    d = parsed(seed)
    assert d["meta"][key] == EXPECTED[seed]["meta"][key]


@pytest.mark.parametrize("seed", ALL_SEEDS)
@pytest.mark.parametrize("key", CONTACT_KEYS)
def test_meta_contact(seed, key):
    d = parsed(seed)
    assert d["meta"]["contact"][key] == EXPECTED[seed]["meta"]["contact"][key]


@pytest.mark.parametrize(("seed", "number", "exp"), list(_section_cases()))
def test_section(seed, number, exp):
    sec = _section(parsed(seed), number)
    assert sec["present"] is exp["present"]
    if not exp["present"]:
        return
    heading = (sec.get("heading") or "").strip()
    assert heading.startswith(exp["heading"]), f"heading {heading!r}"
    assert heading.startswith(NUMERALS[number] + "、")
    text = sec.get("text") or ""
    for needle in exp["contains"]:
        assert needle in text, f"section {number} text lacks {needle!r}"
    for needle in exp["not_contains"]:
        assert needle not in text, f"section {number} text leaks {needle!r}"


@pytest.mark.parametrize(("seed", "number", "needles"), list(_table_text_cases()))
def test_table_text_stays_out_of_section_text(seed, number, needles):
    """Section text is the narrative: table cells live in `tables`, not in the section text."""
    sec = _section(parsed(seed), number)
    text = sec.get("text") or ""
    for needle in needles:
        assert needle not in text, f"section {number} text holds table text {needle!r}"


@pytest.mark.parametrize("seed", SEEDS_WITHOUT_TABLES)
def test_tables_missing(seed):
    d = parsed(seed)
    for name in TABLE_NAMES:
        assert d["tables"][name] is None, f"{name} should be null"


@pytest.mark.parametrize("seed", SEEDS_WITHOUT_TABLES)
@pytest.mark.parametrize("name", TABLE_NAMES)
def test_table_missing_finding(seed, name):
    d = parsed(seed)
    hits = [
        f for f in d["findings"]
        if f.get("rule") == "extract.table_missing" and name in (f.get("cells") or [])
    ]
    assert hits, f"no extract.table_missing finding naming {name}"


@pytest.mark.parametrize("seed", SEEDS_WITH_TABLES)
def test_no_table_missing_finding(seed):
    d = parsed(seed)
    hits = [f for f in d["findings"] if f.get("rule") == "extract.table_missing"]
    assert hits == []


@pytest.mark.parametrize("seed", SEEDS_WITH_TABLES)
def test_active_disclosure(seed):
    got = parsed(seed)["tables"]["active_disclosure"]
    exp = EXPECTED[seed]["tables"]["active_disclosure"]
    assert got is not None
    assert got["template"] == exp["template"]
    assert got["items"] == exp["items"]


@pytest.mark.parametrize("seed", SEEDS_WITH_TABLES)
def test_applications(seed):
    got = parsed(seed)["tables"]["applications"]
    exp = EXPECTED[seed]["tables"]["applications"]
    assert got is not None
    assert set(got["rows"]) == set(exp["rows"]), "row keys (2019 template rows only)"
    for row, cols in exp["rows"].items():
        assert got["rows"][row] == cols, f"applications.{row}"


@pytest.mark.parametrize("seed", SEEDS_WITH_TABLES)
def test_reviews_litigation(seed):
    got = parsed(seed)["tables"]["reviews_litigation"]
    exp = EXPECTED[seed]["tables"]["reviews_litigation"]
    assert got is not None
    for group in ("review", "litigation_direct", "litigation_after_review"):
        assert got[group] == exp[group], f"reviews_litigation.{group}"


@pytest.mark.parametrize(("seed", "key", "value"), list(_figure_cases()))
def test_figures(seed, key, value):
    figures = parsed(seed)["figures"]
    if value is None:
        assert figures.get(key) is None, f"{key} is not stated in the narrative"
    else:
        assert figures.get(key) == value


def test_expected_data_is_well_formed():
    """Sanity check of the literal data in this file (no parser involved)."""
    assert ALL_SEEDS == ["000", "001", "002", "003", "004"]
    for seed, exp in EXPECTED.items():
        assert sorted(exp["sections"]) == [1, 2, 3, 4, 5, 6], seed
        assert set(exp["meta"]) == set(META_KEYS) | {"contact"}, seed
        assert set(exp["meta"]["contact"]) == set(CONTACT_KEYS), seed
        if exp["tables"] is None:
            continue
        rows = exp["tables"]["applications"]["rows"]
        assert len(rows) == 23, seed
        for row, cols in rows.items():
            assert tuple(cols) == COLS, (seed, row)
        for group in exp["tables"]["reviews_litigation"].values():
            assert set(group) == set(ZERO_GROUP), seed
    # seed 002's applications and reviews tables are printed as all zeros
    assert all(v == ZERO_ROW for v in SEED_002["tables"]["applications"]["rows"].values())
    assert all(v == ZERO_GROUP for v in SEED_002["tables"]["reviews_litigation"].values())
