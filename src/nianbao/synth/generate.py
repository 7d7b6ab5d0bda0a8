"""Synthetic annual reports with known answers (gold JSON), in text, HTML, DOCX and PDF.

Each report is drawn from `random.Random(f"{seed}:{index}")` only, so a seed always gives the
same corpus. Numbers are plausible for the kind of body (a county government gets hundreds of
applications, a township a handful) and satisfy the tables' arithmetic, except in reports broken
on purpose: one cell is changed and the checks that must then fail are recorded in the gold file
as `expected_findings` (with the cells involved). Presentation varies the way published reports
do: pipe rows or one cell per line (text), wrapped labels and headers, navigation junk,
full-width digits, thousands separators, blank cells (—, /, 无, empty), tables published as images
or left out, both template versions (and the old one used after 2021), varied organisations,
years and section wording; in DOCX/PDF, table rows breaking across pages, narrow label columns,
表四 headers wrapped one character per line, tall rows and shifted page breaks.

Layout of `out`: one directory per format, `<id>.<ext>` beside `<id>.gold.json` (the report
JSON contract for what a correct parser reads from that file, plus `expected_findings`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..checks import relation_errors
from ..model import (
    ActiveDisclosureTable,
    ApplicationsTable,
    Contact,
    Meta,
    Report,
    ReviewGroup,
    ReviewsTable,
    Section,
    Source,
    Tables,
)
from ..model.report import CellValue
from ..normalize import CN_NUMERALS
from ..templates import SECTIONS, V2019, V2021, Template, get_template, template_for_year
from ..writers.base import Decor
from ..writers.layout import format_value, tables_layouts
from ..writers.output import make_folder, write_file

FORMATS = ("text", "html", "docx", "pdf", "scan")
EXTENSIONS = {"text": ".txt", "html": ".html", "docx": ".docx", "pdf": ".pdf", "scan": ".pdf"}

_PLACES = ("临川", "青山", "东阳", "西平", "南屏", "北林", "安宁", "永和", "长乐", "清河", "白水", "丰城", "兴隆",
           "云溪", "龙泉", "石门", "桃源", "宁远", "金溪", "凤台", "新安", "平江", "泰和", "瑞昌", "广丰", "宜阳")
_LEVELS = ("县", "市", "区")
_DEPARTMENTS = ("自然资源局", "教育局", "财政局", "生态环境局", "市场监督管理局", "人力资源和社会保障局",
                "住房和城乡建设局", "卫生健康委员会", "交通运输局", "应急管理局", "统计局", "司法局", "民政局",
                "农业农村局", "水利局", "文化和旅游局", "医疗保障局", "退役军人事务局")
_TOWNS = ("城关", "河口", "新桥", "马坪", "高桥", "石塘", "双溪", "柳林", "黄土岭", "三江", "大坝", "沙坪")
_TOWN_KINDS = ("镇人民政府", "乡人民政府", "街道办事处")
_JUNK_TOP = (("当前位置：首页 > 政府信息公开 > 政府信息公开年报",), ("您现在的位置：首页 > 信息公开 > 年度报告",),
             ("当前位置：首页 > 政务公开 > 法定主动公开内容 > 政府信息公开年报", "字体：[大 中 小]  打印本页 关闭窗口"))
_JUNK_BOTTOM = (("打印 | 关闭",), ("【打印】【关闭】",), ("上一篇：关于公布政务服务事项清单的通知", "下一篇：无"),
                ("网站地图 | 联系我们", "版权所有：本网站  ICP备00000000号"))
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@dataclass
class Synthetic:
    report: Report  # the gold report (what a correct parser reads)
    expected_findings: list[dict[str, Any]] = field(default_factory=list)
    decor: Decor = field(default_factory=Decor)
    template: Template | None = None
    text_style: dict[str, Any] = field(default_factory=dict)
    charset: str = "utf-8"


# -- numbers -------------------------------------------------------------------------------

def _applications(rng: random.Random, t: Template, scale: int) -> dict[str, dict[str, CellValue]]:
    cols = [c.key for c in t.applications.columns]
    share = (1.0, 0.25, 0.03, 0.05, 0.08, 0.06)
    rows: dict[str, dict[str, CellValue]] = {r.key: dict.fromkeys(cols, 0) for r in t.applications.rows}
    weights = {"granted": 40, "partially_granted": 8, "unavailable.not_held": 20, "unavailable.needs_creation": 4,
               "unavailable.unclear_after_correction": 3, "not_processed.complaint": 5, "not_processed.duplicate": 4,
               "other": 3, "other.no_correction": 2, "other.other": 2}
    outcome_rows = list(t.applications.outcome_rows)
    w = [weights.get(k, 1) for k in outcome_rows]
    for col, s in zip(cols[:-1], share, strict=True):
        n = rng.randint(0, max(0, int(scale * s))) if rng.random() < 0.9 or s == 1.0 else 0
        co = rng.randint(0, 3) if rng.random() < 0.3 else 0
        cf = rng.randint(0, min(n + co, 3)) if rng.random() < 0.3 else 0
        rows["new_received"][col] = n
        rows["carried_over"][col] = co
        rows["carried_forward"][col] = cf
        done = Counter(rng.choices(outcome_rows, weights=w, k=n + co - cf))
        for k in outcome_rows:
            rows[k][col] = done.get(k, 0)
        rows["total"][col] = n + co - cf
    for row in rows.values():
        row["total"] = sum(row[c] for c in cols[:-1])  # type: ignore[misc]
    return rows


def _reviews(rng: random.Random, t: Template, scale: int) -> dict[str, dict[str, CellValue]]:
    out = {}
    for g in t.reviews.groups:
        vals = {}
        for c in t.reviews.columns[:-1]:
            vals[c.key] = rng.randint(0, max(1, scale // 40)) if rng.random() < 0.35 else 0
        vals[t.reviews.columns[-1].key] = sum(vals.values())
        out[g.key] = vals
    return out


def _active(rng: random.Random, t: Template, kind: str, city: bool) -> tuple[dict[str, Any], dict[str, str]]:
    items: dict[str, dict[str, dict[str, CellValue]]] = {}
    units: dict[str, str] = {}
    big = {"government": 3.0, "department": 1.0, "township": 0.15}[kind]
    for item in t.active.items:
        items[item.key] = {}
        for row in item.rows:
            vals: dict[str, CellValue] = {}
            may_make = row.key != "rules" or (kind == "government" and city)
            for c in item.columns:
                if not may_make:
                    vals[c.key] = 0
                elif c.key in ("new_made", "issued"):
                    vals[c.key] = rng.randint(0, int(20 * big) + 1)
                elif c.key == "new_published":
                    vals[c.key] = min(vals.get("new_made", 0) or 0, rng.randint(0, int(20 * big) + 1))  # type: ignore[type-var]
                elif c.key in ("total_published", "in_force"):
                    vals[c.key] = (vals.get("new_published") or vals.get("issued") or 0) + rng.randint(0, int(80 * big))  # type: ignore[operator]
                elif c.key == "repealed":
                    vals[c.key] = rng.randint(0, 5)
                elif c.key == "previous":
                    vals[c.key] = rng.randint(0, int(200 * big))
                elif c.key == "change":
                    vals[c.key] = rng.randint(-8, 15)
                elif c.key == "decisions":
                    vals[c.key] = rng.randint(0, int(2000 * big)) if rng.random() < 0.8 else 0
                elif c.key == "projects":
                    vals[c.key] = rng.randint(0, int(30 * big))
                elif c.key == "amount" and c.unit == "万元":
                    vals[c.key] = round(rng.uniform(0, 300 * big), rng.choice((1, 2))) if rng.random() < 0.6 else 0
                elif c.key == "amount":
                    vals[c.key] = rng.randint(0, 5_000_000) if rng.random() < 0.7 else 0
                    if vals[c.key] and rng.random() < 0.4:
                        units[f"{item.key}.{row.key}.{c.key}"] = "元"
                else:
                    vals[c.key] = rng.randint(0, 10)
            items[item.key][row.key] = vals
    return items, units


# -- one report ------------------------------------------------------------------------------

def _organization(rng: random.Random) -> tuple[str, str, bool]:
    place = rng.choice(_PLACES)
    level = rng.choice(_LEVELS)
    kind = rng.choices(("government", "department", "township"), weights=(3, 5, 2))[0]
    if kind == "government":
        return f"{place}{level}人民政府", kind, level == "市"
    if kind == "department":
        return f"{place}{level}{rng.choice(_DEPARTMENTS)}", kind, False
    return f"{rng.choice(_TOWNS)}{rng.choice(_TOWN_KINDS)}", kind, False


def _sections(rng: random.Random, org: str, year: int, tables: Tables, figures: dict[str, int]) -> list[Section]:
    me = "我县" if "县" in org[:4] else "我市" if "市" in org[:4] else "我局" if org.endswith("局") else "我单位"
    app = tables.applications
    received = figures.get("applications_received")
    proactive = figures["proactive_total"]
    texts = {
        1: [f"{year}年，{me}坚持以公开为常态、不公开为例外，认真贯彻落实《中华人民共和国政府信息公开条例》，"
            f"全面推进决策、执行、管理、服务、结果公开，全年主动公开政府信息{proactive}条。",
            "（一）主动公开。围绕重点工作及时发布政策文件、工作动态和通知公告，做好政策解读和回应关切。",
            "（二）依申请公开。规范受理、审查、答复流程，答复文书统一使用规范格式。" +
            (f"全年共收到政府信息公开申请{received}件。" if received is not None else ""),
            "（三）政府信息管理。落实公开属性源头认定和保密审查，动态调整公开目录。",
            "（四）平台建设。依托政府门户网站政府信息公开专栏集中发布，推动政务新媒体规范运行。",
            "（五）监督保障。将政务公开纳入年度目标考核，开展业务培训。"],
        2: [],
        3: [] if app is None or rng.random() < 0.6 else ["本年度依申请公开办理情况如下表。"],
        4: [],
        5: [rng.choice(("一是政策解读形式较为单一；二是基层公开标准化规范化有待加强。",
                        "主要问题是信息发布的及时性有待提高，公开内容的全面性还需加强。",
                        "工作人员业务能力有待进一步提升，依申请公开答复说理不够充分。")) +
            "下一步将加强培训和督促检查，提升公开质量。"],
        6: [rng.choice(("本年度未收取信息处理费。", "无其他需要报告的事项。", "本年度无收取信息处理费情况。"))],
    }
    out = []
    for sec in SECTIONS:
        title = rng.choice(sec.aliases[:3]) if rng.random() < 0.35 else sec.title
        out.append(Section(number=sec.number, title=sec.title, present=True,
                           heading=f"{CN_NUMERALS[sec.number - 1]}、{title}", text="\n".join(texts[sec.number])))
    return out


def _break(rng: random.Random, tables: Tables, template: Template) -> None:
    """Change one 表三 or 表四 cell so that the arithmetic fails."""
    delta = rng.choice((1, 1, 2, 3, 10))
    if tables.applications is not None and (tables.reviews_litigation is None or rng.random() < 0.8):
        row = rng.choice([r.key for r in template.applications.rows])
        col = rng.choice([c.key for c in template.applications.columns])
        v = tables.applications.rows[row][col]
        if v is None:
            return
        tables.applications.rows[row][col] = v + delta  # type: ignore[operator]
    elif tables.reviews_litigation is not None:
        g = getattr(tables.reviews_litigation, rng.choice([x.key for x in template.reviews.groups]))
        col = rng.choice([c.key for c in template.reviews.columns])
        v = getattr(g, col)
        if v is not None:
            setattr(g, col, v + delta)


def generate(seed: int, index: int) -> Synthetic:
    """The gold report number `index` of corpus `seed` (before any format-specific presentation)."""
    rng = random.Random(f"{seed}:{index}")
    org, kind, city = _organization(rng)
    year = rng.randint(2019, 2024)
    version = template_for_year(year).version
    if version == V2021.version and rng.random() < 0.1:
        version = V2019.version  # the old format still used after 2021
    template = get_template(version)
    scale = {"government": 300, "department": 40, "township": 6}[kind]
    items, units = _active(rng, template, kind, city)
    tables = Tables(
        active_disclosure=ActiveDisclosureTable(template=version, items=items, units=units),  # type: ignore[arg-type]
        applications=ApplicationsTable(rows=_applications(rng, template, scale)),
        reviews_litigation=ReviewsTable(**{k: ReviewGroup(**v) for k, v in _reviews(rng, template, scale).items()}),
    )
    broken = rng.random() < 0.15
    if broken:
        _break(rng, tables, template)
    # blank cells (printed as —, /, 无 or nothing): null in the gold, never 0. Not in a broken report: a
    # blank next to a changed cell could leave its relation open or still provably broken.
    blank = rng.random() < 0.15
    if blank and not broken:
        for _ in range(rng.randint(1, 4)):
            row = rng.choice([r.key for r in template.applications.rows])
            col = rng.choice([c.key for c in template.applications.columns])
            tables.applications.rows[row][col] = None  # type: ignore[union-attr]
    published = dt.date(year + 1, 1, 1) + dt.timedelta(days=rng.randint(5, 85))
    # signed a few days before publication, but never in the reporting year itself
    signed = max(published - dt.timedelta(days=rng.randint(0, 6)), dt.date(year + 1, 1, 2))
    app = tables.applications
    figures = {"proactive_total": rng.randint(20, 5000)}
    if app is not None and app.rows["new_received"]["total"] is not None:
        figures["applications_received"] = int(app.rows["new_received"]["total"])  # type: ignore[arg-type]
    title = f"{org}{year}年政府信息公开工作年度报告"
    meta = Meta(title=title, organization=org, body_kind=kind, year=year, template=version,  # type: ignore[arg-type]
                published=published, signed=signed, template_evidence="tables",
                contact=Contact(phone=f"0{rng.randint(300, 999)}-{rng.randint(2000000, 8999999)}"))
    report = Report(source=Source(path="", sha256="", format="text"), meta=meta,
                    sections=_sections(rng, org, year, tables, figures), tables=tables, figures=figures)
    expected = [{"rule": f.rule, "check": f.rule, "cells": list(f.cells), "evidence": f.evidence}
                for f in relation_errors(report)]
    blanks = [f"applications.{row}.{col}" for row, cols in tables.applications.rows.items()  # type: ignore[union-attr]
              for col, v in cols.items() if v is None]
    if blanks:
        expected.append({"rule": "check.blank_cells", "cells": blanks})
    return Synthetic(report=report, expected_findings=expected, template=template)


_FEE_WORDS = ("处理费", "收费")


def _report_findings(report: Report, template: Template) -> list[dict[str, Any]]:
    """The findings of the report as presented that do not come from its numbers: dates, format, the
    opening paragraph (statistical period, contact) and section 六 (fees). Decided from what this module
    printed, with the deadlines of 条例 第四十九条."""
    from ..checks import deadline

    meta = report.meta
    out: list[dict[str, Any]] = []
    assert meta.year is not None and meta.published is not None
    due = deadline(meta.year, meta.body_kind)
    if meta.published <= dt.date(meta.year, 12, 31):
        out.append({"rule": "check.published_before_year_end", "cells": []})
    if due is None:
        out.append({"rule": "check.no_statutory_deadline", "cells": []})
    elif meta.published > due[0]:
        out.append({"rule": "check.late", "cells": [], "deadline": due[0].isoformat()})
    if template is V2019 and meta.year >= V2021.first_year:
        out.append({"rule": "check.template_outdated", "cells": []})
    if meta.period_year is None:
        out.append({"rule": "check.period_missing", "cells": []})
    if not any(v for _, v in meta.contact):
        out.append({"rule": "check.contact_missing", "cells": []})
    six = report.sections[5].text
    if template is V2021 and not any(w in six for w in _FEE_WORDS):
        out.append({"rule": "check.fee_not_reported", "cells": []})
    return out


def _printed(value: CellValue, rng: random.Random, fullwidth: bool, commas: bool, unit: str | None) -> str:
    text = format_value(value)
    if value is None:
        return rng.choice(("—", "/", "无", "-", ""))
    if isinstance(value, int) and value < 0 and rng.random() < 0.3:
        text = f"减{-value}"
    if commas and isinstance(value, int) and abs(value) >= 1000:
        text = f"{value:,}"
    if fullwidth:
        text = text.translate(_FULLWIDTH)
    return text + (unit or "")


def present(syn: Synthetic, fmt: str, seed: int, index: int) -> Synthetic:
    """Format-specific presentation (mess) of a generated report, and the gold adjusted to it."""
    rng = random.Random(f"{seed}:{index}:{fmt}")
    report = syn.report.model_copy(deep=True)
    template = syn.template
    assert template is not None
    decor = Decor()
    expected = [dict(e) for e in syn.expected_findings]
    web = fmt in ("text", "html")
    if web and rng.random() < 0.6:
        decor.junk_top = list(rng.choice(_JUNK_TOP))
        decor.junk_bottom = list(rng.choice(_JUNK_BOTTOM))
    if web and report.meta.published is not None:
        decor.page_meta = {"发布时间": f"{report.meta.published.isoformat()} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}"}
    else:
        report.meta.published = report.meta.signed  # only the signature dates the document
    report.meta.published_basis = "page" if web else "signature"
    decor.intro = ""
    if rng.random() < 0.5:
        decor.intro = (f"本报告依据《中华人民共和国政府信息公开条例》编制。报告中所列数据的统计期限自{report.meta.year}年1月1日起"
                       f"至{report.meta.year}年12月31日止。如对本报告有疑问，请与{report.meta.organization}办公室联系"
                       f"（电话：{report.meta.contact.phone}）。")
        report.meta.period_year = report.meta.year
    else:  # the gold states only what the text prints: no period, no contact
        report.meta.contact = Contact()
    expected += _report_findings(report, template)
    # the text printed in each value cell
    fullwidth = rng.random() < 0.15
    commas = rng.random() < 0.3
    units = report.tables.active_disclosure.units if report.tables.active_disclosure else {}
    for tables in tables_layouts(report.tables, template).values():
        for table in tables:
            for row in table.rows:
                for cell in row:
                    if cell.kind == "value" and cell.path:
                        fw = fullwidth or rng.random() < 0.02
                        unit = units.get(cell.path.split(".", 1)[1]) if cell.path.startswith("active") else None
                        text = _printed(cell.value, rng, fw, commas, unit)
                        if cell.path.startswith("reviews") and text == "":
                            text = "—"  # a 表四 row has no label: an empty first cell would vanish in text
                        decor.cell_text[cell.path] = text
    if rng.random() < 0.3:  # header labels wrapped inside their cells
        for col in (*template.applications.columns, *template.reviews.columns):
            if len(col.label) >= 4 and rng.random() < 0.5:
                k = len(col.label) // 2
                decor.header_text[col.label] = col.label[:k] + "\n" + col.label[k:]
    # tables missing or published as images
    outdated = report.meta.template != template_for_year(report.meta.year).version
    if rng.random() < 0.12:
        table = rng.choice(("active_disclosure", "applications", "reviews_litigation")
                           if not outdated else ("applications", "reviews_litigation"))
        if fmt == "html" and rng.random() < 0.7:
            decor.images[table] = f"/uploads/{report.meta.year}/{hashlib.sha1(f'{seed}{index}'.encode()).hexdigest()[:12]}.png"
            expected.append({"rule": "extract.table_image", "cells": [table]})
        else:
            decor.omit_tables.add(table)
        setattr(report.tables, table, None)
        expected = [e for e in expected if not any(c.startswith(table) for c in e["cells"])]
        expected.append({"rule": "extract.table_missing", "cells": [table]})
    style: dict[str, Any] = {}
    if fmt == "text":
        style = {"style": rng.choice(("pipe", "pipe", "cellline")), "drop_merged_labels": rng.random() < 0.5,
                 "wrap": rng.choice((0, 0, 7, 9, 12)), "blank_lines": rng.random() < 0.3}
    charset = "gbk" if fmt == "html" and rng.random() < 0.2 else "utf-8"
    if fmt in ("docx", "pdf", "scan"):  # page layout of the tables (drawn last: the choices above stay as they were)
        decor.split_rows = rng.random() < 0.6  # Word lets a row break across pages unless told otherwise
        decor.label_width = rng.choice((None, None, 1.8, 1.4, 1.0))  # narrower: labels wrap onto more lines
        decor.table_gap = rng.choice((0, 0, 1, 2, 3))
        if rng.random() < 0.4:  # 表四 in 五号: its headers wrap one character per line
            decor.table_font_size = {"reviews_litigation": 10.5}
        if rng.random() < 0.15:
            decor.row_height = rng.choice((24.0, 32.0))
    report.figures = dict(report.figures)
    return Synthetic(report=report, expected_findings=expected, decor=decor, template=template,
                     text_style=style, charset=charset)


def render_synthetic(syn: Synthetic, fmt: str) -> bytes:
    if fmt == "text":
        from ..writers.text import to_text

        return to_text(syn.report, syn.template, syn.decor, **syn.text_style).encode("utf-8")
    if fmt == "html":
        from ..writers.html import to_html

        return to_html(syn.report, syn.template, syn.decor, charset=syn.charset).encode(syn.charset)
    if fmt in ("docx", "pdf", "scan"):
        from ..writers.docx import to_docx

        return to_docx(syn.report, syn.template, syn.decor)
    raise ValueError(fmt)


def gold_json(syn: Synthetic, path: Path, fmt: str, data: bytes) -> dict[str, Any]:
    report = syn.report.model_copy(deep=True)
    report.source = Source(path=path.name, sha256=hashlib.sha256(data).hexdigest(), format=fmt)  # type: ignore[arg-type]
    out = report.model_dump(mode="json", by_alias=True)
    out["expected_findings"] = syn.expected_findings
    out["synthetic"] = {"text_style": syn.text_style, "charset": syn.charset}
    return out


def write_corpus(n: int, out: Path, formats: tuple[str, ...] = ("text",), seed: int = 0, start: int = 0,
                 scan_dpi: int | None = None) -> list[Path]:
    """Write `n` reports in every format under `out/<format>/`; returns the report files.

    `scan`: the PDF rasterised and degraded (writers/scan.py) at `scan_dpi`, or 150/200/300 dpi at random.
    """
    written: list[Path] = []
    for fmt in formats:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r} (use {', '.join(FORMATS)})")
    pdf_jobs: list[tuple[Path, Synthetic, str]] = []
    with tempfile.TemporaryDirectory(prefix="nianbao-synth-") as tmp:
        for i in range(start, start + n):
            base = generate(seed, i)
            for fmt in formats:
                syn = present(base, fmt, seed, i)
                target = out / fmt / f"r{seed}_{i:05d}{EXTENSIONS[fmt]}"
                make_folder(target.parent)
                data = render_synthetic(syn, fmt)
                if fmt in ("pdf", "scan"):
                    src = Path(tmp) / fmt / f"{target.stem}.docx"
                    src.parent.mkdir(exist_ok=True)
                    src.write_bytes(data)
                    pdf_jobs.append((target, syn, fmt))
                    continue
                write_file(target, data)
                _write_gold(target, syn, fmt, data)
                written.append(target)
        if pdf_jobs:
            from ..writers.pdf import docx_to_pdf, fix_pdf_bytes

            pdfs: list[Path] = []
            for kind in ("pdf", "scan"):  # one soffice run per format: the two share file names
                pdfs += docx_to_pdf([Path(tmp) / f / f"{t.stem}.docx" for t, _, f in pdf_jobs if f == kind],
                                    Path(tmp) / f"{kind}-out")
            pdf_jobs.sort(key=lambda job: job[2] != "pdf")
            for (target, syn, fmt), pdf in zip(pdf_jobs, pdfs, strict=True):
                data = fix_pdf_bytes(pdf.read_bytes())
                if fmt == "scan":
                    from .scan import scan_pdf, scan_style

                    rng = random.Random(f"{seed}:{target.stem}:scan")
                    style = scan_style(rng, scan_dpi)
                    data = scan_pdf(data, style, rng)
                    syn.text_style = {"scan": style.describe()}
                write_file(target, data)
                _write_gold(target, syn, "pdf", data)
                written.append(target)
    return written


def _write_gold(target: Path, syn: Synthetic, fmt: str, data: bytes) -> None:
    gold = gold_json(syn, target, fmt, data)
    write_file(target.with_suffix(".gold.json"), json.dumps(gold, ensure_ascii=False, indent=1))


def load_gold(path: Path) -> tuple[Report, list[dict[str, Any]]]:
    """The gold report and its expected findings from a `.gold.json` file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    expected = data.pop("expected_findings", [])
    data.pop("synthetic", None)
    return Report.model_validate(data), expected
