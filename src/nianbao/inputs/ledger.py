"""Application ledger (台账) → 表三 and 表四, with validation; and the empty ledger template.

One row per application: 收到日期, 申请人类型 (the six applicant columns of 表三), 办理结果 and
具体情形 (the outcome rows of the template version of the year, by their Chinese labels),
答复日期, 是否延期. A second sheet (or CSV) lists 行政复议/行政诉讼 cases: 类型, 结果.

Counting rules (reporting year Y):
- 本年新收: rows received in Y; 上年结转: rows of last year's ledger (`previous`) still pending on
  Y-1-12-31; an application is pending on 12-31 when it has no outcome or was answered later;
- outcome rows: applications answered in Y (this year's and carried-over ones), by outcome;
- 结转下年度继续办理: applications still pending on Y-12-31.
Every message names the file and the row as the spreadsheet numbers it.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LedgerError, ReadError
from ..model import (
    ApplicationsTable,
    Finding,
    Meta,
    Report,
    ReviewGroup,
    ReviewsTable,
    Section,
    Source,
    Tables,
)
from ..normalize import label_key, nfkc
from ..rules.calendar import EXTENSION_DAYS, LEGAL_DAYS, add_working_days, calendar_covers
from ..rules.catalogue import finding
from ..templates import SECTIONS, Template, outcome_groups, template_for_year

APP_SHEET = "依申请公开台账"
REVIEW_SHEET = "复议诉讼台账"
OPTIONS_SHEET = "选项"

# column → accepted header texts (Chinese as printed in the template; English for scripts)
APP_HEADERS = {
    "number": ("序号", "no", "number"),
    "received": ("收到日期", "收到申请日期", "受理日期", "received"),
    "applicant": ("申请人类型", "申请人情况", "申请人", "applicant"),
    "outcome": ("办理结果", "处理结果", "outcome"),
    "reason": ("具体情形", "理由", "具体理由", "reason"),
    "answered": ("答复日期", "办结日期", "answered"),
    "extended": ("是否延期", "延期", "extended"),
    "note": ("备注", "note"),
}
REVIEW_HEADERS = {
    "number": ("序号", "no", "number"),
    "kind": ("类型", "案件类型", "kind"),
    "received": ("收到日期", "立案日期", "received"),
    "result": ("结果", "审理结果", "result"),
    "closed": ("结案日期", "审结日期", "closed"),
    "note": ("备注", "note"),
}
_YES = {"是", "y", "yes", "true", "1", "延期", "已延期", "√"}
_NO = {"否", "n", "no", "false", "0", "未延期", "不延期", ""}

@dataclass(slots=True)
class Application:
    file: str
    row: int
    received: dt.date
    applicant: str  # 表三 column key
    outcome: str | None  # 表三 row key, None when pending
    answered: dt.date | None
    extended: bool


@dataclass(slots=True)
class LedgerResult:
    report: Report
    warnings: list[str] = field(default_factory=list)


# -- reading sheets ------------------------------------------------------------------------

Sheet = list[tuple[int, list[object]]]  # (row number as the file shows it, cells)


def _read_csv(path: Path) -> Sheet:
    from ..readers.decode import decode_bytes

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError(path, "文件不存在", "file not found") from None
    text, _ = decode_bytes(data)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    return [(i + 1, list(r)) for i, r in enumerate(rows)]


def _read_xlsx(path: Path) -> dict[str, Sheet]:
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise ReadError(path, "文件不存在", "file not found") from None
    except Exception as exc:  # not a workbook
        raise ReadError(path, f"不是有效的 Excel 文件：{exc}", f"not a valid xlsx file: {exc}") from None
    out: dict[str, Sheet] = {}
    for ws in wb.worksheets:
        if ws.title == OPTIONS_SHEET or ws.sheet_state != "visible":
            continue
        out[ws.title] = [(i + 1, list(r)) for i, r in enumerate(ws.iter_rows(values_only=True))]
    wb.close()
    return out


def read_sheets(path: Path, reviews: Path | None = None) -> tuple[Sheet, Sheet | None, str]:
    """(applications sheet, reviews sheet or None, label of the reviews source)."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        sheets = _read_xlsx(path)
        if not sheets:
            raise ReadError(path, "工作簿中没有工作表", "no worksheet")
        names = list(sheets)
        app = sheets.get(APP_SHEET, sheets[names[0]])
        rev_name = REVIEW_SHEET if REVIEW_SHEET in sheets else (names[1] if len(names) > 1 else None)
        rev = sheets[rev_name] if rev_name else None
        rev_label = f"{path.name}“{rev_name}”工作表"
    elif path.suffix.lower() in (".csv", ".txt"):
        app = _read_csv(path)
        rev, rev_label = None, ""
    else:
        raise ReadError(path, "台账应为 .xlsx 或 .csv 文件", "a ledger is an .xlsx or .csv file")
    if reviews is not None:
        rev = _read_csv(reviews) if reviews.suffix.lower() != ".xlsx" else next(iter(_read_xlsx(reviews).values()))
        rev_label = reviews.name
    return app, rev, rev_label


def _text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return nfkc(str(v)).strip()


def _header(sheet: Sheet, wanted: dict[str, tuple[str, ...]], file: str, errors: list[str]) -> tuple[int, dict[str, int]]:
    """Find the header row (the first row naming a required column) and map columns."""
    keys = {label_key(n) or n.lower(): col for col, names in wanted.items() for n in names}
    for idx, (_number, cells) in enumerate(sheet[:10]):
        found: dict[str, int] = {}
        for k, cell in enumerate(cells):
            t = _text(cell)
            col = keys.get(label_key(t) or t.lower())
            if col is not None and col not in found:
                found[col] = k
        if len(found) >= 2:
            return idx, found
    names = "、".join(v[0] for v in wanted.values())
    errors.append(f"{file}：找不到表头行（应有这些列：{names}）")
    return -1, {}


def _date(v: object, name: str, where: str, errors: list[str]) -> dt.date | None:
    """A date cell: the date, or None for an empty cell and for text that is not a date (then one
    error naming the cell)."""
    from ..extract.metadata import coerce_date

    d = coerce_date(v)
    if isinstance(d, str):
        errors.append(f"{where}：{name}“{_text(v)}”不是日期")
        return None
    return d


# -- vocabularies --------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Vocabulary:
    template: Template
    applicants: dict[str, str]  # normalised label -> column key
    outcomes: dict[str, str]  # normalised label -> row key (leaf) or "group:<prefix>"
    reasons: dict[str, dict[str, str]]  # prefix -> normalised child label -> row key
    applicant_labels: tuple[str, ...]
    outcome_labels: tuple[str, ...]
    reason_labels: dict[str, tuple[str, ...]]
    review_kinds: dict[str, str]
    review_results: dict[str, str]


def vocabulary(template: Template) -> Vocabulary:
    t = template.applications
    applicants = {label_key(c.label): c.key for c in t.columns[:-1]}
    for c in t.columns[:-1]:
        for a in c.aliases:
            applicants[label_key(a)] = c.key
    _, groups = outcome_groups(template)
    outcomes: dict[str, str] = {}
    outcome_labels: list[str] = []
    reasons: dict[str, dict[str, str]] = {}
    reason_labels: dict[str, tuple[str, ...]] = {}
    for key in t.outcome_rows:
        row = template.application_row(key)
        if "." not in key:
            outcome_labels.append(row.label.split("（")[0])
            for name in (row.label, *row.aliases):
                outcomes[label_key(name)] = key
            continue
        prefix = key.split(".")[0]
        if prefix not in reasons:
            group_label = groups[prefix].split("）", 1)[1]
            outcome_labels.append(group_label)
            outcomes[label_key(group_label)] = f"group:{prefix}"
            reasons[prefix] = {}
        reasons[prefix][label_key(row.label)] = key
        for a in row.aliases:
            reasons[prefix][label_key(a)] = key
    for prefix in reasons:
        reason_labels[prefix] = tuple(template.application_row(k).label for k in t.outcome_rows
                                      if k.startswith(prefix + "."))
    kinds = {label_key(name): g.key for g in template.reviews.groups for name in (g.label, *g.aliases)}
    results = {label_key(c.label): c.key for c in template.reviews.columns[:-1]}
    return Vocabulary(template, applicants, outcomes, reasons, tuple(c.label for c in t.columns[:-1]),
                      tuple(outcome_labels), reason_labels, kinds, results)


# -- applications --------------------------------------------------------------------------

def _applications(sheet: Sheet, file: str, year: int, voc: Vocabulary, errors: list[str],
                  warnings: list[tuple[str, int, dict[str, str]]]) -> list[Application]:
    start, cols = _header(sheet, APP_HEADERS, file, errors)
    if start < 0:
        return []
    for need in ("received", "applicant", "outcome"):
        if need not in cols:
            errors.append(f"{file}：缺少“{APP_HEADERS[need][0]}”列")
    if any(n not in cols for n in ("received", "applicant", "outcome")):
        return []
    out: list[Application] = []

    def get(cells: list[object], col: str) -> object:
        k = cols.get(col)
        return cells[k] if k is not None and k < len(cells) else None

    for number, cells in sheet[start + 1:]:
        fields = {c: get(cells, c) for c in cols if c not in ("number", "note")}
        if all(_text(v) == "" for v in fields.values()):
            continue
        where = f"{file}第{number}行"
        n_err = len(errors)
        received = _date(fields.get("received"), "收到日期", where, errors)
        if received is None:
            if len(errors) == n_err:
                errors.append(f"{where}：未填收到日期")
        elif received.year != year:
            errors.append(f"{where}：收到日期{received.isoformat()}不在{year}年内")
        applicant_text = _text(fields.get("applicant"))
        applicant = voc.applicants.get(label_key(applicant_text))
        if applicant is None:
            errors.append(f"{where}：申请人类型“{applicant_text}”不在表三的类别中"
                          f"（可填：{'、'.join(voc.applicant_labels)}）")
        outcome_text = _text(fields.get("outcome"))
        reason_text = _text(fields.get("reason"))
        outcome: str | None = None
        if outcome_text:
            hit = voc.outcomes.get(label_key(outcome_text))
            if hit is None:
                errors.append(f"{where}：办理结果“{outcome_text}”不在{voc.template.version}年版表三的类别中"
                              f"（可填：{'、'.join(voc.outcome_labels)}）")
            elif hit.startswith("group:"):
                prefix = hit[6:]
                outcome = voc.reasons[prefix].get(label_key(reason_text))
                if outcome is None:
                    allowed = "、".join(voc.reason_labels[prefix])
                    what = f"具体情形“{reason_text}”不是" if reason_text else "未填具体情形，"
                    errors.append(f"{where}：{what}“{outcome_text}”的类别（可填：{allowed}）")
            else:
                outcome = hit
                if reason_text:
                    errors.append(f"{where}：办理结果“{outcome_text}”没有具体情形，却填了“{reason_text}”")
        elif reason_text:
            errors.append(f"{where}：填了具体情形“{reason_text}”但未填办理结果")
        n_answer = len(errors)
        answered = _date(fields.get("answered"), "答复日期", where, errors)
        bad_answer = len(errors) > n_answer
        if outcome_text and answered is None and not bad_answer:
            errors.append(f"{where}：填了办理结果但未填答复日期")
        if answered is not None and not outcome_text:
            errors.append(f"{where}：填了答复日期但未填办理结果")
        ext_text = _text(fields.get("extended")).lower()
        extended = ext_text in _YES
        if ext_text not in _YES and ext_text not in _NO:
            errors.append(f"{where}：是否延期应填“是”或“否”，而不是“{ext_text}”")
        if isinstance(received, dt.date) and isinstance(answered, dt.date):
            if answered < received:
                errors.append(f"{where}：答复日期{answered.isoformat()}早于收到日期{received.isoformat()}")
            else:
                days = LEGAL_DAYS + (EXTENSION_DAYS if extended else 0)
                deadline = add_working_days(received, days)
                if answered > deadline:
                    warnings.append((file, number, {"received": received.isoformat(),
                                                    "answered": answered.isoformat(),
                                                    "deadline": deadline.isoformat(), "days": str(days)}))
        if len(errors) == n_err:
            out.append(Application(file, number, received, applicant, outcome, answered, extended))  # type: ignore[arg-type]
    return out


def _pending_at(app: Application, day: dt.date) -> bool:
    return app.outcome is None or app.answered is None or app.answered > day


def _reviews(sheet: Sheet, file: str, year: int, voc: Vocabulary, errors: list[str]) -> ReviewsTable:
    t = voc.template.reviews
    counts = {g.key: {c.key: 0 for c in t.columns} for g in t.groups}
    start, cols = _header(sheet, REVIEW_HEADERS, file, errors)
    if start >= 0 and "kind" not in cols:
        errors.append(f"{file}：缺少“类型”列")
    if start < 0 or "kind" not in cols:
        return ReviewsTable(**{g: ReviewGroup(**v) for g, v in counts.items()})
    end = dt.date(year, 12, 31)
    for number, cells in sheet[start + 1:]:
        def get(col: str, cells: list[object] = cells) -> object:
            k = cols.get(col)
            return cells[k] if k is not None and k < len(cells) else None

        if all(_text(get(c)) == "" for c in cols if c not in ("number", "note")):
            continue
        where = f"{file}第{number}行"
        kind_text = _text(get("kind"))
        kind = voc.review_kinds.get(label_key(kind_text))
        n_err = len(errors)
        if kind is None:
            errors.append(f"{where}：类型“{kind_text}”应为{'、'.join(g.label for g in t.groups)}之一")
        result_text = _text(get("result"))
        pending_key = t.columns[-2].key
        result = voc.review_results.get(label_key(result_text)) if result_text else pending_key
        if result is None:
            errors.append(f"{where}：结果“{result_text}”应为{'、'.join(c.label for c in t.columns[:-1])}之一")
        received = _date(get("received"), "收到日期", where, errors)
        if received is not None and received.year > year:
            errors.append(f"{where}：收到日期{received.isoformat()}晚于{year}年")
        closed = _date(get("closed"), "结案日期", where, errors)
        if closed is not None and closed > end:
            result = pending_key  # decided after the year: still pending on 12-31
        if len(errors) == n_err:
            counts[kind][result] += 1  # type: ignore[index]
            counts[kind][t.columns[-1].key] += 1  # type: ignore[index]
    return ReviewsTable(**{g: ReviewGroup(**v) for g, v in counts.items()})


def ledger_report(path: Path, year: int, previous: Path | None = None, reviews: Path | None = None,
                  organization: str | None = None) -> LedgerResult:
    """Compute the report (tables filled) of a ledger; LedgerError lists every problem."""
    template = template_for_year(year)
    voc = vocabulary(template)
    errors: list[str] = []
    late: list[tuple[str, int, dict[str, str]]] = []
    app_sheet, rev_sheet, rev_label = read_sheets(path, reviews)
    current = _applications(app_sheet, path.name, year, voc, errors, late)
    carried: list[Application] = []
    if previous is not None:
        prev_sheet, _, _ = read_sheets(previous)
        before = _applications(prev_sheet, previous.name, year - 1, vocabulary(template_for_year(year - 1)),
                               errors, late)
        carried = [a for a in before if _pending_at(a, dt.date(year - 1, 12, 31))]
        for a in carried:  # its outcome is counted this year, in this year's categories
            if a.outcome is not None and a.outcome not in template.applications.outcome_rows:
                errors.append(f"{a.file}第{a.row}行：办理结果不在{template.version}年版表三的类别中，无法计入{year}年")
    reviews_table = _reviews(rev_sheet, rev_label, year, voc, errors) if rev_sheet is not None else None
    if errors:
        raise LedgerError(errors)

    t = template.applications
    cols = [c.key for c in t.columns]
    rows = {r.key: dict.fromkeys(cols, 0) for r in t.rows}
    end = dt.date(year, 12, 31)

    def add(row: str, app: Application) -> None:
        rows[row][app.applicant] += 1
        rows[row][cols[-1]] += 1

    for a in current:
        add("new_received", a)
    for a in carried:
        add("carried_over", a)
    for a in current + carried:
        if _pending_at(a, end):
            add("carried_forward", a)
        else:
            add(a.outcome, a)  # type: ignore[arg-type]
            add("total", a)
    findings: list[Finding] = [finding("ledger.late_answer", [], f"{f}第{n}行", file=f, row=n, **p)
                               for f, n, p in late]
    warnings = [x.message for x in findings]
    if not calendar_covers(year):
        warnings.append(f"chinese_calendar 尚无{year}年的节假日数据，工作日按周一至周五计算")
    if reviews_table is None:
        warnings.append("未提供复议诉讼台账（第二个工作表或 --reviews），表四留空")
    from ..extract.metadata import body_kind

    meta = Meta(title=f"{organization}{year}年政府信息公开工作年度报告" if organization else None,
                organization=organization, body_kind=body_kind(organization), year=year,  # type: ignore[arg-type]
                template=template.version, template_evidence="tables")  # type: ignore[arg-type]
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    report = Report(source=Source(path=str(path), sha256=sha, format="text"), meta=meta,
                    sections=[Section(number=s.number, title=s.title, present=False) for s in SECTIONS],
                    tables=Tables(applications=ApplicationsTable(rows=rows), reviews_litigation=reviews_table),
                    findings=findings)
    return LedgerResult(report, warnings)
