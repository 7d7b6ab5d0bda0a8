"""Report-level checks: completeness, template version, timeliness (条例 第四十九条), text vs tables."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ..model import Finding, Report, where
from ..normalize import CN_NUMERALS
from ..rules.calendar import day_off
from ..rules.catalogue import finding
from ..rules.relations import application_row_labels
from ..templates import TEMPLATES, get_template, template_for_year
from .common import applications_template, cell_labels, equal, fmt, total, value

# -- completeness ---------------------------------------------------------------------------

_FEE_WORDS = ("处理费", "收费", "收取费用")
_ACCOUNTABILITY_WORDS = ("考核", "评议", "考评", "责任追究", "问责")


def check_completeness(report: Report) -> Iterator[Finding]:
    meta = report.meta
    if meta.period_year is None:
        yield finding("check.period_missing", [], "", year=meta.year or "YYYY")
    elif meta.year is not None and meta.period_year != meta.year:
        yield finding("check.period_mismatch", [], f"统计期限 {meta.period_year} 年；报告年度 {meta.year} 年",
                      period=meta.period_year, year=meta.year)
    if not any(v for _, v in meta.contact):
        yield finding("check.contact_missing", [], "")
    six = next((s for s in report.sections if s.number == 6), None)
    if meta.template == "2021" and six is not None and six.present \
            and not any(w in six.text for w in _FEE_WORDS):
        yield finding("check.fee_not_reported", [], f"{six.heading or '六'}：{_excerpt(six.text)}")
    is_people_gov = meta.body_kind == "government" or (
        meta.body_kind == "township" and (meta.organization or "").endswith("人民政府"))
    if is_people_gov and (meta.year is None or meta.year >= 2019) and report.sections:
        text = "\n".join(s.text for s in report.sections)
        if not any(w in text for w in _ACCOUNTABILITY_WORDS):
            yield finding("check.accountability_missing", [],
                          f"{meta.organization or ''}：各部分正文中未见“考核”“评议”“责任追究”等字样")


def _excerpt(text: str, n: int = 40) -> str:
    s = re.sub(r"\s+", " ", text).strip()
    return s if len(s) <= n else s[:n] + "……"


# -- is there anything to check ------------------------------------------------------------

_REPORT_WORDS = ("年度报告", "年报")


def check_substance(report: Report) -> Iterator[Finding]:
    """Not a report at all (no title, no standard section, no table), or a report without any table."""
    t = report.tables
    if t.active_disclosure is not None or t.applications is not None or t.reviews_litigation is not None:
        return
    title = report.meta.title or ""
    images = sum(f.rule == "extract.table_image" for f in report.findings)
    scanned = any(f.rule == "extract.scanned_pages" for f in report.findings)
    if not any(s.present for s in report.sections) and not any(w in title for w in _REPORT_WORDS) \
            and not images and not scanned:  # pictures of pages or tables: unread, not proven no report
        yield finding("check.not_a_report", [], f"标题：{title or '（无）'}；{report.source.path}")
        return
    reason, reason_en = ("", "")
    if images:
        reason, reason_en = f"（{images}张表格以图片形式发布）", f" ({images} published as images)"
    elif scanned:
        reason, reason_en = "（页面为扫描图像，未识别文字）", " (scanned pages, no text read)"
    yield finding("check.no_tables", ["active_disclosure", "applications", "reviews_litigation"],
                  f"{report.meta.title or report.source.path}", reason=reason, reason_en=reason_en)


# -- template version -----------------------------------------------------------------------

def check_template_year(report: Report) -> Iterator[Finding]:
    meta = report.meta
    if meta.template_evidence != "tables" or meta.year is None or meta.template not in TEMPLATES:
        return
    used = get_template(meta.template)
    required = template_for_year(meta.year)
    evidence = f"报告年度 {meta.year}；表格格式 {used.version}（{used.basis}）"
    if meta.year < used.first_year:
        yield finding("check.template_anachronism", [], evidence, year=meta.year, template=used.version,
                      first_year=used.first_year)
    elif required.first_year > used.first_year:
        yield finding("check.template_outdated", [], evidence + f"；应为 {required.version}（{required.basis}）",
                      year=meta.year)


# -- timeliness -----------------------------------------------------------------------------

def deadline(year: int, body_kind: str) -> tuple[dt.date, str, str] | None:
    """(due date, basis zh, basis en) for a report on `year`, or None when no statutory date applies/known."""
    if year < 2019:
        return dt.date(year + 1, 3, 31), "2007年《条例》第三十一条", "2007 Regulations art. 31"
    if body_kind == "department":
        return dt.date(year + 1, 1, 31), "《条例》第四十九条", "Regulations art. 49"
    if body_kind == "government":
        return dt.date(year + 1, 3, 31), "《条例》第四十九条", "Regulations art. 49"
    return None


def _cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def check_timeliness(report: Report) -> Iterator[Finding]:
    meta = report.meta
    if meta.year is None:
        yield finding("check.year_unknown", [], f"标题：{meta.title or '（无）'}")
        return
    published = meta.published
    due = deadline(meta.year, meta.body_kind)
    date_kind, date_kind_en = ("落款日期", "signature date") if meta.published_basis == "signature" \
        else ("发布日期", "publication date")
    if published is None:
        note = f"（应于{_cn_date(due[0])}前公布）" if due else ""
        note_en = f" (due by {due[0].isoformat()})" if due else ""
        yield finding("check.published_unknown", [], "", deadline_note=note, deadline_note_en=note_en)
        return
    if due is None:
        if meta.body_kind == "township":
            yield finding("check.no_statutory_deadline", [], f"{date_kind} {published.isoformat()}",
                          published=published.isoformat())
        else:
            yield finding("check.body_kind_unknown", [],
                          f"机关：{meta.organization or '（未识别）'}；{date_kind} {published.isoformat()}",
                          organization=meta.organization or "本机关", published=published.isoformat())
        return
    day, basis, basis_en = due
    if published > day:
        days = (published - day).days
        note, note_en = holiday_note(day)
        yield finding("check.late", [], f"{date_kind} {published.isoformat()} > 期限 {day.isoformat()}",
                      organization=meta.organization or "本机关", year=meta.year, deadline=_cn_date(day),
                      basis_law=basis, basis_law_en=basis_en, date_kind=date_kind, date_kind_en=date_kind_en,
                      published=published.isoformat(), days=days, holiday_note=note, holiday_note_en=note_en)


def check_published_early(report: Report) -> Iterator[Finding]:
    """A report on year Y dated on or before 31 December of Y (it cannot cover the whole year)."""
    meta = report.meta
    if meta.year is None or meta.published is None or meta.published > dt.date(meta.year, 12, 31):
        return
    date_kind, date_kind_en = ("落款日期", "signature date") if meta.published_basis == "signature" \
        else ("发布日期", "publication date")
    yield finding("check.published_before_year_end", [], f"{date_kind} {meta.published.isoformat()} ≤ "
                  f"{meta.year}-12-31", year=meta.year, date_kind=date_kind, date_kind_en=date_kind_en,
                  published=meta.published.isoformat())


_WEEKDAYS_ZH = CN_NUMERALS[:6] + "日"  # 周一 … 周六, 周日
_HOLIDAYS_ZH = {"New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节",
                "Labour Day": "劳动节", "Dragon Boat Festival": "端午节", "National Day": "国庆节",
                "Mid-autumn Festival": "中秋节"}


def holiday_note(day: dt.date) -> tuple[str, str]:
    """(zh, en) remark when `day` was not a working day; the 条例's date stands all the same."""
    off, name = day_off(day)
    if not off:
        return "", ""
    what = f"{_HOLIDAYS_ZH.get(name, name)}假期" if name else f"周{_WEEKDAYS_ZH[day.weekday()]}"
    what_en = f"the {name} holiday" if name else day.strftime("a %A")
    return (f"（期限当日为{what}，但条例规定的是固定日期，不因节假日顺延）",
            f" (the deadline fell on {what_en}; the date set by the Regulations is fixed and does not move)")


# -- narrative figures against the tables (C9) ------------------------------------------------

def _figure_where(report: Report, name: str) -> str:
    p = report.provenance.get(f"figures.{name}")
    if p is None:
        return f"正文 {fmt(report.figures[name])}"
    return f"正文“{p.text}”（{where(p)}）"


def check_text_vs_tables(report: Report) -> Iterator[Finding]:
    figures = report.figures
    tables = report.tables
    if "applications_received" in figures and tables.applications is not None:
        labels = application_row_labels(applications_template(report))
        new = value(report, "applications.new_received.total")
        carried = value(report, "applications.carried_over.total")
        stated = figures["applications_received"]
        if new is not None:
            accepted = {new} | ({total([new, carried])} if carried is not None else set())
            if stated not in accepted:
                cells = ["applications.new_received.total"]
                ev = f"{_figure_where(report, 'applications_received')} ≠ 表三 {labels['new_received']} 总计({fmt(new)})"
                if carried is not None:
                    cells.append("applications.carried_over.total")
                    ev += f"，{labels['new_received']}+{labels['carried_over']} 总计({fmt(total([new, carried]))})"
                yield finding("check.text_applications", cells, ev, text_value=fmt(stated), table_value=fmt(new))
    yield from _text_vs_active(report)
    if tables.reviews_litigation is None:
        return
    if "reviews" in figures:
        reviews = value(report, "reviews_litigation.review.total")
        if reviews is not None and figures["reviews"] != reviews:
            yield finding("check.text_reviews", ["reviews_litigation.review.total"],
                          f"{_figure_where(report, 'reviews')} ≠ 表四 行政复议 总计({fmt(reviews)})",
                          text_value=fmt(figures["reviews"]), table_value=fmt(reviews))
    if "litigations" in figures:
        paths = ["reviews_litigation.litigation_direct.total", "reviews_litigation.litigation_after_review.total"]
        parts = [value(report, p) for p in paths]
        if all(v is not None for v in parts):
            suits = total([v for v in parts if v is not None])
            if figures["litigations"] != suits:
                yield finding("check.text_litigations", paths,
                              f"{_figure_where(report, 'litigations')} ≠ 表四 行政诉讼 未经复议直接起诉 总计"
                              f"({fmt(parts[0])})+复议后起诉 总计({fmt(parts[1])})={fmt(suits)}",
                              text_value=fmt(figures["litigations"]), table_value=fmt(suits))


# narrative figure -> (表二 cell path, what the narrative states (zh, en))
ACTIVE_FIGURES: dict[str, tuple[str, str, str]] = {
    "rules_in_force": ("active_disclosure.art20_1.rules.in_force", "现行有效规章件数", "rules in force"),
    "rules_issued": ("active_disclosure.art20_1.rules.issued", "本年制发规章件数", "rules issued"),
    "rules_repealed": ("active_disclosure.art20_1.rules.repealed", "本年废止规章件数", "rules repealed"),
    "normative_documents_in_force": ("active_disclosure.art20_1.normative_documents.in_force",
                                     "现行有效规范性文件件数", "normative documents in force"),
    "normative_documents_issued": ("active_disclosure.art20_1.normative_documents.issued",
                                   "本年制发规范性文件件数", "normative documents issued"),
    "normative_documents_repealed": ("active_disclosure.art20_1.normative_documents.repealed",
                                     "本年废止规范性文件件数", "normative documents repealed"),
    "licensing_decisions": ("active_disclosure.art20_5.licensing.decisions", "行政许可决定数", "licensing decisions"),
    "penalty_decisions": ("active_disclosure.art20_6.penalty.decisions", "行政处罚决定数", "penalty decisions"),
    "coercion_decisions": ("active_disclosure.art20_6.coercion.decisions", "行政强制决定数", "coercion decisions"),
}


def _text_vs_active(report: Report) -> Iterator[Finding]:
    """C9 for 表二: only cells the report's 表二 has (the 2019 表二 has no 现行有效件数) and that are filled."""
    if report.tables.active_disclosure is None:
        return
    labels: dict[str, str] | None = None
    for name, (path, zh, en) in ACTIVE_FIGURES.items():
        stated = report.figures.get(name)
        table = value(report, path) if stated is not None else None
        if table is None or equal(stated, table):  # type: ignore[arg-type]
            continue
        labels = cell_labels(report) if labels is None else labels
        label = labels.get(path, path).removeprefix("表二 ")
        yield finding("check.text_active", [path], f"{_figure_where(report, name)} ≠ 表二 {label}({fmt(table)})",
                      figure_label=zh, figure_label_en=en, text_value=fmt(stated), table_value=fmt(table),
                      cell_label=label, cell_path=path)
