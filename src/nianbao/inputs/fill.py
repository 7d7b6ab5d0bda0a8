"""The fill-in YAML format: a report a person types, with Chinese or English keys.

See `docs/writers.md` and `examples/report_fill.yaml`. Every table key may be the label printed
in the form (规章, 本年新收政府信息公开申请数量, 行政复议 …, numbering optional) or the
contract key (rules, new_received, review …). A row is a list of values in the form's column
order or a mapping column → value; a blank cell is `null` or empty. 表三 rows may be given with
six values (总计 is then their sum). A row (or 表四 group) not listed is all zeros: the person
filling the file says there were none; write `null` for a cell to print it blank. Unknown keys
are errors that name the key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import yaml

from ..errors import FillError, ReadError
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
from ..normalize import CN_NUMERALS, label_key, parse_value
from ..templates import (
    MONEY_UNITS,
    SECTIONS,
    TABLE_NAMES,
    TEMPLATES,
    Column,
    Row,
    Template,
    get_template,
    outcome_groups,
    template_for_year,
)

FILL_SUFFIXES = (".yaml", ".yml")

_TOP = {
    "organization": ("organization", "机关", "单位", "发布机关", "机关名称"),
    "year": ("year", "年度", "统计年度"),
    "template": ("template", "格式", "模板", "格式版本"),
    "title": ("title", "标题"),
    "published": ("published", "发布日期", "发布时间"),
    "signed": ("signed", "落款日期", "成文日期"),
    "body_kind": ("body_kind", "机关类型"),
    "contact": ("contact", "联系方式"),
    "sections": ("sections", "正文"),
    **{key: (key, name.number, name.title) for key, name in TABLE_NAMES.items()},
}
_CONTACT = {"address": ("address", "地址"), "postcode": ("postcode", "邮编", "邮政编码"),
            "phone": ("phone", "电话", "联系电话"), "fax": ("fax", "传真"),
            "email": ("email", "电子邮箱", "邮箱")}
_BODY_KINDS = {"government": ("government", "人民政府", "政府"), "department": ("department", "部门", "政府部门"),
               "township": ("township", "乡镇", "街道", "乡镇街道"), "unknown": ("unknown", "未知")}


_YAML_PROBLEMS = (
    ("expected ',' or ']'", "列表 [ ] 没有正确结束（缺少逗号或 ]）"),
    ("expected ',' or '}'", "映射 { } 没有正确结束（缺少逗号或 }）"),
    ("mapping values are not allowed", "此处不能有“键: 值”（冒号后缺空格，或缩进不对）"),
    ("could not find expected ':'", "缺少冒号"),
    ("found character '\\t'", "不能用制表符缩进，请用空格"),
    ("found unexpected end of stream", "引号或括号没有结束"),
    ("expected <block end>", "缩进不对"),
    ("did not find expected key", "缩进不对或缺少“键:”"),
    ("found undefined alias", "未定义的别名（*）"),
)


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """`第 3 行第 3 列：缺少冒号` from PyYAML's multi-line English message."""
    mark = getattr(exc, "problem_mark", None)
    where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列：" if mark is not None else ""
    problem = str(getattr(exc, "problem", "") or exc)
    zh = next((z for en, z in _YAML_PROBLEMS if en in problem), None)
    return where + (zh or f"格式有误（{' '.join(problem.split())}）")


def load_fill(path: str | Path, version: str | None = None) -> Report:
    """A report from a fill-in YAML file.

    `version` (2019/2021) overrides the template the YAML's year (or 格式 key) selects."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise ReadError(p, "文件不存在", "file not found") from None
    try:
        data = yaml.safe_load(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ReadError(p, "不是 UTF-8 编码的文本文件", "not UTF-8 text") from None
    except yaml.YAMLError as exc:
        raise ReadError(p, f"不是有效的 YAML：{_yaml_problem(exc)}", f"not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ReadError(p, "YAML 顶层应为键值对", "the YAML top level must be a mapping")
    try:
        return report_from_fill(data, p, hashlib.sha256(raw).hexdigest(), version)
    except FillError as exc:
        line = _line_of(raw.decode("utf-8-sig"), exc.where)
        if line is None:
            raise
        raise FillError(p, f"第 {line} 行 {exc.where}", exc.problem) from None


def _key_lines(text: str) -> dict[str, int]:
    """`键 → 子键` paths of the YAML's mappings → the line (1-based) each key is on."""
    lines: dict[str, int] = {}

    def walk(node: yaml.Node, prefix: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = f"{prefix} → {key.value}" if prefix else str(key.value)
                lines.setdefault(name, key.start_mark.line + 1)
                walk(value, name)

    try:
        walk(yaml.compose(text), "")
    except yaml.YAMLError:
        pass
    return lines


def _line_of(text: str, where: str) -> int | None:
    """The line of the longest leading part of `where` (表三 → 行名 → 列) that is a key in the YAML."""
    lines = _key_lines(text)
    parts = where.split(" → ")
    for n in range(len(parts), 0, -1):
        found = lines.get(" → ".join(parts[:n]))
        if found is not None:
            return found
    return None


def _norm(key: object) -> str:
    return label_key(str(key)) or str(key).strip()


def _lookup(table: dict[str, tuple[str, ...]], key: object) -> str | None:
    k = _norm(key)
    for name, names in table.items():
        if k in {_norm(n) for n in names} or str(key).strip() == name:
            return name
    return None


def _date(value: object, path: Path, where: str) -> dt.date | None:
    from ..extract.metadata import coerce_date

    d = coerce_date(value)
    if isinstance(d, str):
        raise FillError(path, where, f"“{value}”不是日期（应如 2024-01-26）")
    return d


def _value(v: object, path: Path, where: str) -> CellValue:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, bool):
        raise FillError(path, where, f"“{v}”不是数字")
    if isinstance(v, int | float):
        return v
    parsed = parse_value(str(v))
    if parsed is None:
        raise FillError(path, where, f"“{v}”不是数字")
    return parsed.value


def _row_values(v: object, columns: tuple[Column, ...], path: Path, where: str,
                sum_last: bool = False) -> dict[str, CellValue]:
    keys = [c.key for c in columns]
    if isinstance(v, dict):
        out: dict[str, CellValue] = {k: None for k in keys}
        for ck, cv in v.items():
            col = next((c for c in columns if _norm(ck) in {_norm(c.key), _norm(c.label),
                                                            *(_norm(a) for a in c.aliases)}), None)
            if col is None:
                allowed = "、".join(c.label for c in columns)
                raise FillError(path, f"{where} → {ck}", f"不是本行的列（应为：{allowed}）")
            out[col.key] = _value(cv, path, f"{where} → {ck}")
        return out
    values = v if isinstance(v, list) else [v]
    if sum_last and len(values) == len(keys) - 1:
        parsed = [_value(x, path, where) for x in values]
        total = None if any(x is None for x in parsed) else sum(parsed)  # type: ignore[arg-type]
        return dict(zip(keys, [*parsed, total], strict=True))
    if len(values) != len(keys):
        raise FillError(path, where, f"应有{len(keys)}个数（{'、'.join(c.label for c in columns)}），实为{len(values)}个")
    return {k: _value(x, path, where) for k, x in zip(keys, values, strict=True)}


def _match_row(rows: tuple[Row, ...], key: object, prefix: str | None = None) -> Row | None:
    k = _norm(key)
    for row in rows:
        if prefix is not None and not row.key.startswith(prefix + "."):
            continue
        names = {_norm(row.label), *(_norm(a) for a in row.aliases)}
        if str(key).strip() == row.key or k in names:
            return row
    return None


def _applications(data: object, template: Template, path: Path) -> ApplicationsTable:
    t = template.applications
    rows: dict[str, dict[str, CellValue]] = {r.key: dict.fromkeys((c.key for c in t.columns), 0) for r in t.rows}
    if not isinstance(data, dict):
        raise FillError(path, "表三", "应为“行名: [数值…]”的键值对")

    _, groups = outcome_groups(template)
    group_names = {label_key(v): k for k, v in groups.items()}
    outcome_name = label_key(outcome_groups(template)[0])

    def put(key: object, value: object, prefix: str | None) -> None:
        where = f"表三 → {key}" if prefix is None else f"表三 → {prefix} → {key}"
        if _norm(key) == outcome_name and isinstance(value, dict):
            for k2, v2 in value.items():
                put(k2, v2, None)
            return
        g = group_names.get(_norm(key)) or (str(key) if str(key) in groups else None)
        if g is not None and isinstance(value, dict):
            for k2, v2 in value.items():
                put(k2, v2, g)
            return
        row = _match_row(t.rows, key, prefix)
        if row is None:
            other = next(t for t in TEMPLATES.values() if t is not template)
            if _match_row(other.applications.rows, key, prefix) is not None:
                raise FillError(path, where, f"这是{other.version}年版表三的行，本文件按{template.version}年版格式读取；"
                                f"如确需按{other.version}年版输出，请写“格式: {other.version}”或加 --template {other.version}")
            allowed = "、".join(r.label for r in t.rows if prefix is None or r.key.startswith(prefix + "."))
            raise FillError(path, where, f"不是{template.version}年版表三的行（可用：{allowed}）")
        rows[row.key] = _row_values(value, t.columns, path, where, sum_last=True)

    for key, value in data.items():
        put(key, value, None)
    return ApplicationsTable(rows=rows)


def _reviews(data: object, template: Template, path: Path) -> ReviewsTable:
    t = template.reviews
    if not isinstance(data, dict):
        raise FillError(path, "表四", f"应为“{'/'.join(g.label for g in t.groups)}: [{CN_NUMERALS[len(t.columns) - 1]}个数]”")
    zeros = {c.key: 0 for c in t.columns}
    groups: dict[str, ReviewGroup] = {g.key: ReviewGroup(**zeros) for g in t.groups}
    for key, value in data.items():
        g = next((g for g in t.groups if _norm(key) in {_norm(g.key), _norm(g.label)}), None)
        if g is None:
            raise FillError(path, f"表四 → {key}", f"应为{'、'.join(x.label for x in t.groups)}之一")
        groups[g.key] = ReviewGroup(**_row_values(value, t.columns, path, f"表四 → {key}", sum_last=True))
    return ReviewsTable(**groups)


def _active(data: object, template: Template, path: Path) -> ActiveDisclosureTable:
    items = {i.key: {r.key: dict.fromkeys((c.key for c in i.columns), 0) for r in i.rows} for i in template.active.items}
    units: dict[str, str] = {}
    if not isinstance(data, dict):
        raise FillError(path, "表二", "应为“第二十条第（一）项: {规章: [...]}”或“规章: [...]”")

    def put_row(item_key: str, key: object, value: object) -> None:
        item = next(i for i in template.active.items if i.key == item_key)
        row = _match_row(item.rows, key)
        where = f"表二 → {item.caption} → {key}"
        if row is None:
            raise FillError(path, where, f"应为{'、'.join(r.label for r in item.rows)}之一")
        vals = _row_values(value, item.columns, path, where)
        raw = value if isinstance(value, list) else list(value.values()) if isinstance(value, dict) else [value]
        for c, r in zip(item.columns, raw, strict=False):
            if isinstance(r, str):
                pv = parse_value(r)
                if pv is not None and pv.unit in MONEY_UNITS and pv.unit != c.unit:
                    units[f"{item.key}.{row.key}.{c.key}"] = pv.unit
        items[item.key][row.key] = vals

    for key, value in data.items():
        item = next((i for i in template.active.items
                     if _norm(key) in {_norm(i.key), _norm(i.caption)}), None)
        if item is not None:
            if not isinstance(value, dict):
                raise FillError(path, f"表二 → {key}", "应为“行名: [数值…]”的键值对")
            for k2, v2 in value.items():
                put_row(item.key, k2, v2)
            continue
        owner = [i for i in template.active.items if _match_row(i.rows, key) is not None]
        if len(owner) != 1:
            names = "、".join(r.label for i in template.active.items for r in i.rows)
            raise FillError(path, f"表二 → {key}", f"不是{template.version}年版表二的行（可用：{names}）")
        put_row(owner[0].key, key, value)
    return ActiveDisclosureTable(template=template.version, items=items, units=units)  # type: ignore[arg-type]


def _sections(data: object, path: Path) -> list[Section]:
    texts: dict[int, str] = {}
    headings: dict[int, str] = {}
    if data is None:
        data = {}
    if isinstance(data, list):
        data = {i + 1: v for i, v in enumerate(data)}
    if not isinstance(data, dict):
        raise FillError(path, "正文", "应为“总体情况: 文字”的键值对")
    for key, value in data.items():
        number = None
        if isinstance(key, int) and 1 <= key <= 6:
            number = key
        else:
            k = _norm(key)
            for sec in SECTIONS:
                if k == _norm(sec.title) or k in {_norm(a) for a in sec.aliases} or str(key) == f"section{sec.number}":
                    number = sec.number
                    if k != _norm(sec.title):
                        headings[sec.number] = str(key)
                    break
        if number is None:
            raise FillError(path, f"正文 → {key}", f"不是六个部分之一（{'、'.join(s.title for s in SECTIONS)}）")
        texts[number] = "" if value is None else str(value).strip()
    out = []
    for sec in SECTIONS:
        title = headings.get(sec.number, sec.title)
        out.append(Section(number=sec.number, title=sec.title, present=True,
                           heading=f"{CN_NUMERALS[sec.number - 1]}、{title}", text=texts.get(sec.number, "")))
    return out


def report_from_fill(data: dict[str, Any], path: Path, sha256: str = "", override: str | None = None) -> Report:
    known: dict[str, object] = {}
    for key, value in data.items():
        name = _lookup(_TOP, key)
        if name is None:
            allowed = "、".join(v[1] for v in _TOP.values())
            raise FillError(path, str(key), f"未知的项（可用：{allowed}，或对应英文键）")
        known[name] = value
    year = known.get("year")
    if year is not None and not isinstance(year, int):
        try:
            year = int(str(year).strip().rstrip("年"))
        except ValueError:
            raise FillError(path, "年度", f"“{year}”不是年份") from None
    version = str(known["template"]).strip().rstrip("年版") if known.get("template") else None
    if version is not None and version not in TEMPLATES:
        raise FillError(path, "格式", f"“{known['template']}”应为 {' 或 '.join(TEMPLATES)}")
    version = override or version
    template = get_template(version) if version else template_for_year(year)  # type: ignore[arg-type]
    org = known.get("organization")
    contact: dict[str, str | None] = {}
    if isinstance(known.get("contact"), dict):
        for k, v in known["contact"].items():  # type: ignore[union-attr]
            name = _lookup(_CONTACT, k)
            if name is None:
                raise FillError(path, f"联系方式 → {k}", "应为地址、邮编、电话、传真、电子邮箱之一")
            contact[name] = None if v is None else str(v)
    body_kind = None
    if known.get("body_kind"):
        body_kind = _lookup(_BODY_KINDS, known["body_kind"])
        if body_kind is None:
            raise FillError(path, "机关类型", "应为人民政府、部门、乡镇街道之一")
    if body_kind is None:
        from ..extract.metadata import body_kind as infer

        body_kind = infer(str(org) if org else None)
    title = known.get("title") or (f"{org}{year}年政府信息公开工作年度报告" if org and year else None)
    meta = Meta(title=title, organization=str(org) if org else None, body_kind=body_kind,  # type: ignore[arg-type]
                year=year, template=template.version,  # type: ignore[arg-type]
                published=_date(known.get("published"), path, "发布日期"),
                signed=_date(known.get("signed"), path, "落款日期"),
                contact=Contact(**contact), template_evidence="tables")
    tables = Tables(
        active_disclosure=_active(known["active_disclosure"], template, path)
        if known.get("active_disclosure") is not None else None,
        applications=_applications(known["applications"], template, path)
        if known.get("applications") is not None else None,
        reviews_litigation=_reviews(known["reviews_litigation"], template, path)
        if known.get("reviews_litigation") is not None else None,
    )
    return Report(source=Source(path=str(path), sha256=sha256, format="text"), meta=meta,
                  sections=_sections(known.get("sections"), path), tables=tables)
