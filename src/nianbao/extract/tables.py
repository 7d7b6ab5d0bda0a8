"""Grid cells → the three standard tables, by label, never by position alone.

All grids of the document are read as one stream of cells in reading order. A cell whose text
is a row label of 表三 or 表二 starts that row; the value cells that follow fill the row's
columns left to right until the template's column count is reached. 表四 has no row labels:
after its header (行政复议 …) the value cells fill its numbers (groups × columns). Because rows are found by
their labels, a missing or reordered row is detected instead of shifting the numbers, and a
table split over pages or grids is joined.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field, replace

from ..document import Cell, Document, Grid, Paragraph, Position
from ..limits import abbreviate
from ..model import ActiveDisclosureTable, ApplicationsTable, Finding, Provenance, ReviewGroup, ReviewsTable
from ..model.report import CellValue
from ..normalize import Value, label_key, parse_value, split_numbering, squash
from ..rules.catalogue import TABLE_LABELS, finding
from ..templates import APPLICATIONS_NOTE_WORD, MONEY_UNITS, TEMPLATES, Group, Row, Template
from .labels import Memo, cached_matcher
from .sections import heading_section

_SPACE_SPLIT = re.compile(r"[\s\u3000]+")
_ROW_TABLES = ("applications", "active_disclosure")  # the tables whose rows are found by label


@dataclass
class _RowRead:
    key: str  # contract key (applications row, or item.row for 表二)
    label: str  # label as printed
    expected: int
    values: list[CellValue] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    units: list[str | None] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    grid_row: int = -1  # the grid row its first value came from
    extra: list[Cell] = field(default_factory=list)  # value cells beyond `expected` on that grid row
    fixes: list[tuple[str, str]] = field(default_factory=list)  # (rule, printed cell) repairs of an OCR'd row

    @property
    def full(self) -> bool:
        return len(self.values) >= self.expected


@dataclass
class TablesRead:
    active: ActiveDisclosureTable | None
    applications: ApplicationsTable | None
    reviews: ReviewsTable | None
    provenance: dict[str, Provenance]
    findings: list[Finding]
    images: list[tuple[str, str]]  # (table or "", image src) seen where a table was expected


@dataclass(frozen=True, slots=True)
class _Label:
    """What a cell text means as a label (independent of the document: cached per template)."""

    kind: str  # "pair" | "active_group" | "app_group" | "app_row" | "active_row"
    row: Row | None = None
    item_key: str = ""  # 表二 item of an active_row
    ncols: int = 0  # columns of an active_row
    parts: tuple[str, str] = ("", "")  # a "pair": group label and row label in one cell
    group: Group | None = None  # the template group of an app_group
    fuzzy: bool = False  # matched by edit distance only (a printed typo): reported as info


class _Labels:
    """The label matchers of a template and what each cell text seen so far means."""

    def __init__(self, template: Template) -> None:
        self.app_matcher = cached_matcher(tuple(template.applications.rows), tuple(template.applications.groups))
        self.active_rows: dict[int, tuple[str, Row, int]] = {}
        active_defs: list[Row] = []
        for item in template.active.items:
            for row in item.rows:
                self.active_rows[id(row)] = (item.key, row, len(item.columns))
                active_defs.append(row)
        self.active_matcher = cached_matcher(tuple(active_defs))
        self.classify: Memo[_Label | None] = Memo(self._classify)  # cell text -> what it means (pure)
        # Words that mark a table's header, from the template: 第二十条 (the 表二 item captions'
        # common stem), the 表三 note and first header group (申请人情况), 行政复议 (表四's first group).
        captions = [item.caption for item in template.active.items]
        self.active_markers = (os.path.commonprefix(captions).split("第（")[0],)
        header_group = next(g.label for g in template.applications.groups if not g.number)
        self.application_markers = (APPLICATIONS_NOTE_WORD, label_key(header_group))
        self.review_markers = (template.reviews.groups[0].label,)
        self.review_cells = len(template.reviews.groups) * len(template.reviews.columns)

    def _classify(self, text: str) -> _Label | None:
        # A group label and a row label in one cell ('三、本年度办理结果 （一）予以公开'): both count.
        parts = _SPACE_SPLIT.split(text.strip(), maxsplit=1)
        if len(parts) == 2 and isinstance(self.app_matcher.match(parts[0]), Group) \
                and isinstance(self.app_matcher.match(parts[1]), Row):
            return _Label("pair", parts=(parts[0], parts[1]))
        if any(m in text for m in self.active_markers) and len(label_key(text)) < 20:
            return _Label("active_group")
        key = label_key(text)
        if any(m in key for m in self.application_markers):
            return _Label("app_group")
        target = self.app_matcher.match(text)
        if isinstance(target, Group):
            return _Label("app_group", group=target, fuzzy=self.app_matcher.fuzzy(text))
        if isinstance(target, Row):
            return _Label("app_row", target, fuzzy=self.app_matcher.fuzzy(text))
        target = self.active_matcher.match(text)
        if isinstance(target, Row):
            item_key, row, ncols = self.active_rows[id(target)]
            return _Label("active_row", row, item_key, ncols, fuzzy=self.active_matcher.fuzzy(text))
        return None


_LABELS: dict[str, _Labels] = {}


def _labels(template: Template) -> _Labels:
    # One label index per template version, built once (hashing a whole Template costs more than a row).
    labels = _LABELS.get(template.version)
    if labels is None:
        labels = _LABELS[template.version] = _Labels(template)
    return labels


class _Stream:
    """Routes each cell to the table it belongs to and collects the rows."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self.labels = _labels(template)
        self.context: str | None = None
        self.current: _RowRead | None = None
        self.app_rows: dict[str, _RowRead] = {}
        self.active_read: dict[str, _RowRead] = {}
        self.duplicates: list[tuple[str, str, str]] = []  # (table, row key, label)
        self.review_values: list[CellValue] = []
        self.review_cells: list[Cell] = []
        self.fuzzy: list[tuple[str, str, str]] = []  # (table, row key, printed label) matched by edit distance
        self.group: tuple[Group, str] | None = None  # the 表三 group label just read, as printed
        self.group_rows: list[tuple[Group, _RowRead]] = []  # numbers printed on a group label's row
        self.pending: str | None = None  # the last text that matched no label (a row label not in the template?)
        self.orphans: list[tuple[str, _RowRead]] = []  # (table, numbers printed after such a text)
        self.pending_row = 0  # the grid row of `pending`
        self.grid_row = 0  # counts the grid rows seen: value cells beyond a row's columns on its own line
        # (table, row key) of rows started by label, in reading order, orphans as ("", id) between them
        self.order: list[tuple[str, str]] = []
        self.line_rows: list[tuple[str, _RowRead | None]] = []  # (printed line, row) read from a line of OCR text

    # -- routing -------------------------------------------------------------------------
    def heading(self, table: str | None) -> None:
        self._close()
        self.context = table
        self.group = None

    def row(self, cells: list[Cell]) -> None:
        self.grid_row += 1
        texts = [c for c in cells if not c.merged]
        raw = "".join(c.text for c in texts)
        joined = squash(raw) if "复" in raw else ""  # only a 表四 header needs the normalised text
        if any(m in joined for m in self.labels.review_markers) and ("诉讼" in joined or "结果维持" in joined):
            self._close()
            self.context = "reviews_litigation"
        for k, cell in enumerate(texts):
            if self.context == "reviews_litigation":
                self._review_row(texts[k:])
                return
            self._cell(cell)

    def _review_row(self, cells: list[Cell]) -> None:
        """A row of 表四: its data are the value cells after its last header text.

        Header rows (行政复议 | 行政诉讼, 结果维持 …) carry only padding after their last text; a
        data row holds the numbers, where a blank mark (—, /) or an empty cell between numbers
        is a blank value and keeps its position. A table label met here ends 表四.
        """
        values: list[tuple[Cell, Value]] = []
        for k, cell in enumerate(cells):
            value = parse_value(cell.text)
            if value is not None:
                values.append((cell, value))
                continue
            if self._match_label(cell.text) and self.context != "reviews_litigation":
                self._commit_review(values)
                for rest in cells[k + 1:]:
                    self._cell(rest)
                return
            values = []  # what came before a header text is not data
        self._commit_review(values)

    def _commit_review(self, values: list[tuple[Cell, Value]]) -> None:
        if not any(cell.text.strip() for cell, _ in values):
            return  # only padding
        for cell, value in values:
            self._review_cell(cell, value)

    def _cell(self, cell: Cell) -> None:
        text = cell.text
        value = parse_value(text)
        if value is None or not text.strip():
            if text.strip() and self._match_label(text):
                return
        if self.context == "reviews_litigation":
            return  # 表四 cells are read row by row (_review_row)
        cur = self.current
        if (cur is None or cur.full) and value is not None and text.strip() and self.context in _ROW_TABLES:
            if self.pending is not None:
                # numbers after a label that is no template row: kept aside and reported by name
                widest = max(len(i.columns) for i in self.template.active.items)
                cur = self.current = _RowRead("", self.pending, len(self.template.applications.columns)
                                              if self.context == "applications" else widest)
                self.orphans.append((self.context, cur))
                self.order.append(("", str(id(cur))))
                self.pending = None
            elif cur is None and self.group is not None and self.context == "applications":
                # numbers on the row of a group label (a 2019-style undivided （六）其他处理 in a 2021
                # table, a subtotal): kept aside and reported, never dropped or given to a row
                group, printed = self.group
                cur = self.current = _RowRead(f"group:{group.label}", printed,
                                              len(self.template.applications.columns))
                self.group_rows.append((group, cur))
        if cur is None or cur.full:
            if value is None and text.strip() and self.context in _ROW_TABLES:
                # a text that is no label: the numbers after it would be a stray row; two such texts on
                # one line may be one label cut apart ('（六）其他处' | '理', a wrapped label OCR'd as two)
                joined = self.pending is not None and self.pending_row == self.grid_row
                if joined and self._match_label(f"{self.pending}{text}"):
                    return
                self.pending = f"{self.pending}{text}" if joined else text
                self.pending_row = self.grid_row
            elif cur is not None and value is not None and text.strip() and cur.grid_row == self.grid_row \
                    and cell.pos.ocr is not None:
                cur.extra.append(cell)  # more numbers on the row's line than it has columns: reported
            return
        cur.grid_row = self.grid_row
        if value is not None:
            cur.values.append(value.value)
            cur.units.append(value.unit)
            cur.cells.append(cell)
        elif cur.values:
            # text where a number belongs: keep the position, report it
            cur.values.append(None)
            cur.units.append(None)
            cur.cells.append(cell)
            cur.unreadable.append(text)
        else:
            # a wrapped label goes on in the next cell
            cur.label = f"{cur.label}{text}"

    def _match_label(self, text: str) -> bool:
        """Act on a label cell (start a row, switch table); False when the text is no label."""
        label = self.labels.classify[text]
        if label is None:
            return False
        kind = label.kind
        if kind == "pair":
            self._match_label(label.parts[0])
            return self._match_label(label.parts[1])
        if kind == "active_group":
            self._close()
            self.context = "active_disclosure"
            self.group = None
        elif kind == "app_group":
            cur = self.current
            if cur is not None and not cur.values and self.context == "applications":
                # a row label still waiting for its numbers: a group label merged down beside its
                # sub-rows and vertically centred prints on the line of those numbers, and a header
                # repeated after a page break comes between a cut label and its numbers; they stay the row's
                return True
            self._close()
            self.context = "applications"
            self.group = (label.group, text) if label.group is not None else None
        elif kind == "app_row":
            row = label.row
            assert row is not None
            self._start("applications", self.app_rows, row.key, text, len(self.template.applications.columns))
            self.context = "applications"
        else:  # active_row
            row = label.row
            assert row is not None
            self._start("active_disclosure", self.active_read, f"{label.item_key}.{row.key}", text, label.ncols)
            self.context = "active_disclosure"
        return True

    def _start(self, table: str, store: dict[str, _RowRead], key: str, label: str, expected: int) -> None:
        self._close()
        self.group = None
        if self.labels.classify[label].fuzzy:  # type: ignore[union-attr]
            self.fuzzy.append((table, key, label))
        read = _RowRead(key, label, expected)
        existing = store.get(key)
        if existing is not None and existing.values:
            self.duplicates.append((table, key, label))
            self.current = _RowRead(key, label, expected)  # read and dropped
            return
        store[key] = read
        self.current = read
        self.order.append((table, key))

    def _close(self) -> None:
        self.current = None
        self.pending = None

    def _review_cell(self, cell: Cell, value: Value) -> None:
        if len(self.review_values) >= self.labels.review_cells:
            return
        self.review_values.append(value.value)
        self.review_cells.append(cell)


# Marks OCR reads for the rules of a table row printed as one line of text: [ | ] and l/I standing alone
_LINE_RULES = re.compile(r"[\[\]|lI]")


def _ocr_line_row(stream: _Stream, para: Paragraph) -> list[Cell] | None:
    """An OCR'd line that is a table row whose rules were not seen as a table (a row cut onto the
    next page): its label matches a row and, with the rule marks read as separators and o as 0, it
    holds exactly that row's count of numbers. The cells it gives, or None."""
    o = para.pos.ocr
    if o is None or stream.context not in _ROW_TABLES:
        return None
    label, _, rest = para.text.strip().partition(" ")
    what = stream.labels.classify[label] if label else None
    if what is None or what.kind not in ("app_row", "active_row") or not rest.strip():
        return None
    expected = what.ncols if what.kind == "active_row" else len(stream.template.applications.columns)
    tokens = _LINE_RULES.sub(" ", rest).replace("o", "0").replace("O", "0").split()
    if len(tokens) != expected or any(parse_value(t) is None for t in tokens):
        return None
    pos = para.pos
    return [Cell(label, pos)] + [Cell(t, Position(page=pos.page, bbox=pos.bbox, ocr=replace(o, raw=t, low=True)))
                                 for t in tokens]


def read_tables(doc: Document, template: Template) -> TablesRead:
    stream = _Stream(template)
    images: list[tuple[str, str]] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            cells = _ocr_line_row(stream, block)
            if cells is not None:
                stream.row(cells)
                stream.line_rows.append((block.text, stream.current))
                continue
            number = heading_section(block.text)
            if number is not None:
                stream.heading(template.section(number).table)
        elif isinstance(block, Grid):
            for row in block.rows:
                # trailing empty cells are kept: within a row's columns they are blank values,
                # beyond them they are ignored; 表四 padding is told apart in _review_row
                stream.row(row)
        else:
            images.append((stream.context or "", block.src))
    return _build(stream, template, images)


_validate_provenance = Provenance.__pydantic_validator__.validate_python


def _prov(cell: Cell) -> Provenance:
    # One per table cell (~200 a report): a dict of the set fields only, validated directly. The fields
    # are spelled out on purpose: a loop over the Position fields cost ≈ 0.1 ms more a page (profiled).
    p = cell.pos
    data: dict[str, object] = {"text": cell.text}
    if p.line is not None:
        data["line"] = p.line
    if p.column is not None:
        data["column"] = p.column
    if p.offset is not None:
        data["offset"] = p.offset
    if p.page is not None:
        data["page"] = p.page
    if p.bbox is not None:
        data["bbox"] = p.bbox
    if p.table is not None:
        data["table"] = p.table
    if p.row is not None:
        data["row"] = p.row
    if p.col is not None:
        data["col"] = p.col
    o = p.ocr
    if o is not None:
        data["ocr"] = {"score": o.score, "raw": o.raw, "crop": o.crop, "dpi": o.dpi,
                       "alternatives": list(o.alternatives), "low": o.low, "image": o.image}
    return _validate_provenance(data)


# How near a printed label must be to the template row its position points to (difflib ratio of the
# label keys). Far below the edit-distance matcher's: the position already says which row it is; this
# only keeps a foreign row (a subtotal, a row of another template) out.
_POSITION_RATIO = 0.45


def _row_keys(template: Template, table: str) -> list[str]:
    if table == "applications":
        return [r.key for r in template.applications.rows]
    return [f"{i.key}.{r.key}" for i in template.active.items for r in i.rows]


def _alike(printed: str, row: Row) -> bool:
    """A printed label still somewhat like the template row: its label keys ≥ _POSITION_RATIO alike, or
    the same outline number printed and a character in common."""
    key, target = label_key(printed), label_key(row.label)
    ratio = difflib.SequenceMatcher(None, key, target, autojunk=False).ratio()
    number, _ = split_numbering(printed)
    return ratio >= _POSITION_RATIO or (ratio > 0 and bool(number) and number == row.number)


def _template_row(template: Template, table: str, key: str) -> tuple[Row, int]:
    if table == "applications":
        return template.application_row(key), len(template.applications.columns)
    item_key, _, row_key = key.partition(".")
    item = next(i for i in template.active.items if i.key == item_key)
    return next(r for r in item.rows if r.key == row_key), len(item.columns)


def _place_orphans(stream: _Stream, template: Template) -> list[tuple[str, str, str]]:
    """Give rows whose label matched nothing to the template rows their position leaves unread.

    The rows read before and after a run of such rows by label bound a gap in the template's order;
    when the gap's rows without numbers are as many as the run, each row of the run has its row's
    count of numbers and a label still somewhat like it (an OCR misreading: doubled or lost
    characters), the run is read as those rows in order. Returns (table, row key, printed label).
    """
    placed: list[tuple[str, str, str]] = []
    by_id = {str(id(read)): (table, read) for table, read in stream.orphans}
    order = stream.order
    idx = 0
    while idx < len(order):
        if order[idx][0] or order[idx][1] not in by_id:
            idx += 1
            continue
        run_end = idx
        while run_end < len(order) and not order[run_end][0] and order[run_end][1] in by_id \
                and by_id[order[run_end][1]][0] == by_id[order[idx][1]][0]:
            run_end += 1
        run = [by_id[ident] for _, ident in order[idx:run_end]]
        table = run[0][0]
        before = next((k for t, k in reversed(order[:idx]) if t == table), None)
        after = next((k for t, k in order[run_end:] if t == table), None)
        idx = run_end
        if not all(any(c.pos.ocr is not None for c in read.cells) for _, read in run):
            continue  # a printed label that is really no template row: extract.row_unmatched
        store = stream.app_rows if table == "applications" else stream.active_read
        keys = _row_keys(template, table)
        lo = keys.index(before) + 1 if before in keys else 0
        hi = keys.index(after) if after in keys else len(keys)
        gap = [k for k in keys[lo:hi] if not (store.get(k) and store[k].values)]
        if len(gap) != len(run):
            continue
        rows = [_template_row(template, table, k) for k in gap]
        if not all(len(read.values) == n and _alike(read.label, row)
                   for (_, read), (row, n) in zip(run, rows, strict=True)):
            continue
        for (_, read), key, (_, n) in zip(run, gap, rows, strict=True):
            placed.append((table, key, read.label))
            read.key, read.expected = key, n
            store[key] = read
            stream.orphans.remove((table, read))
    return placed


def _build(stream: _Stream, template: Template, images: list[tuple[str, str]]) -> TablesRead:
    findings: list[Finding] = []
    prov: dict[str, Provenance] = {}
    for table, key, printed in _place_orphans(stream, template):
        zh, en = TABLE_LABELS[table]
        findings.append(finding("extract.label_by_position", [f"{table}.{key}"], abbreviate(printed, 200),
                                table_label=zh, table_label_en=en, printed=abbreviate(printed),
                                row_label=_row_label(template, table, key)))
    for line, read in stream.line_rows:
        if read is not None and read.key:
            table = "applications" if read.key in stream.app_rows else "active_disclosure"
            zh, en = TABLE_LABELS[table]
            findings.append(finding("extract.ocr_line_row", [f"{table}.{read.key}"], abbreviate(line, 200),
                                    table_label=zh, table_label_en=en, printed=abbreviate(line),
                                    row_label=abbreviate(read.label)))
    zh_app, en_app = TABLE_LABELS["applications"]
    zh_act, en_act = TABLE_LABELS["active_disclosure"]

    applications = None
    if any(r.values for r in stream.app_rows.values()):
        rows: dict[str, dict[str, CellValue]] = {}
        cols = template.applications.columns
        undivided = {_undivided_key(g, template) for g, r in stream.group_rows if r.values} - {None}
        undivided = {k for k in undivided if not any(stream.app_rows.get(row.key) and stream.app_rows[row.key].values
                                                     for row in template.applications.rows
                                                     if row.key.startswith(f"{k}."))}
        for row in template.applications.rows:
            read = stream.app_rows.get(row.key)
            rows[row.key] = {c.key: None for c in cols}
            if read is None or not read.values:
                if any(row.key.startswith(f"{key}.") for key in undivided):
                    continue  # said by the one extract.other_undivided finding
                findings.append(finding("extract.row_missing", [f"applications.{row.key}"], "",
                                        table_label=zh_app, table_label_en=en_app, row_label=row.label))
                continue
            _fill(read, [c.key for c in cols], rows[row.key], f"applications.{row.key}", prov, findings,
                  zh_app, en_app)
        _group_rows(stream, template, rows, prov, findings)
        applications = ApplicationsTable(rows=rows)

    active = None
    if any(r.values for r in stream.active_read.values()):
        items: dict[str, dict[str, dict[str, CellValue]]] = {}
        units: dict[str, str] = {}
        for item in template.active.items:
            items[item.key] = {}
            for row in item.rows:
                path = f"{item.key}.{row.key}"
                cells = {c.key: None for c in item.columns}
                items[item.key][row.key] = cells
                read = stream.active_read.get(path)
                if read is None or not read.values:
                    findings.append(finding("extract.row_missing", [f"active_disclosure.{path}"], "",
                                            table_label=zh_act, table_label_en=en_act, row_label=row.label))
                    continue
                _fill(read, [c.key for c in item.columns], cells, f"active_disclosure.{path}", prov, findings,
                      zh_act, en_act)
                for col, unit in zip(item.columns, read.units, strict=False):
                    if unit in MONEY_UNITS:
                        units[f"{path}.{col.key}"] = unit
        active = ActiveDisclosureTable(template=template.version, items=items, units=units)  # type: ignore[arg-type]

    reviews = None
    if stream.review_values:
        groups = {}
        k = 0
        for group in template.reviews.groups:
            vals = {}
            for col in template.reviews.columns:
                path = f"reviews_litigation.{group.key}.{col.key}"
                if k < len(stream.review_values):
                    vals[col.key] = stream.review_values[k]
                    prov[path] = _prov(stream.review_cells[k])
                else:
                    vals[col.key] = None
                k += 1
            groups[group.key] = ReviewGroup(**vals)
        reviews = ReviewsTable(**groups)
        if len(stream.review_values) < stream.labels.review_cells:
            zh, en = TABLE_LABELS["reviews_litigation"]
            findings.append(finding("extract.row_incomplete", ["reviews_litigation"],
                                    " | ".join(c.text for c in stream.review_cells),
                                    table_label=zh, table_label_en=en, row_label="数据行",
                                    found=len(stream.review_values), expected=stream.labels.review_cells))

    for table, read in stream.orphans:
        if not any(v is not None for v in read.values):
            continue  # only blanks after a header text
        zh, en = TABLE_LABELS[table]
        findings.append(finding("extract.row_unmatched", [table], read.label, table_label=zh, table_label_en=en,
                                printed=read.label, values=" ".join(c.text for c in read.cells)))
    for table, key, label in stream.fuzzy:
        zh, en = TABLE_LABELS[table]
        row_label = _row_label(template, table, key)
        findings.append(finding("extract.label_fuzzy", [f"{table}.{key}"], label, table_label=zh,
                                table_label_en=en, printed=label, row_label=row_label))
    for table, key, label in stream.duplicates:
        zh, en = TABLE_LABELS[table]
        findings.append(finding("extract.duplicate_row", [f"{table}.{key}"], label,
                                table_label=zh, table_label_en=en, row_label=label))
    return TablesRead(active, applications, reviews, prov, findings, images)


# What a lone speck of dirt or a rule's stub reads as: never a number the table printed on its own.
_SPECKS = frozenset("Il|.,'`·!i:;")
_TWO_NUMBERS = re.compile(r"^\s*(\d+)\s+(\d+)\s*$")


def _is_speck(cell: Cell) -> bool:
    o = cell.pos.ocr
    return o is not None and o.raw.strip() in _SPECKS and o.raw.strip() != ""


def _repair_ocr_row(read: _RowRead) -> None:
    """Make an OCR'd row's cell count the template's, when one reading explains the difference.

    Too many cells on the row's line: lone specks (or rule stubs) read as I, l, |, . (repaired to 1)
    are dropped when they are exactly the surplus, so the row then has exactly its columns. One cell too few: a cell read as
    two numbers apart ('1 3', two cells whose rule was lost) is split when that gives exactly its
    columns. Each repair is recorded (`read.fixes`) for a finding; any other count stays as read.
    """
    cells = read.cells + read.extra
    if read.extra:
        specks = [c for c in cells if _is_speck(c)]
        if len(specks) == len(read.extra):  # more specks than surplus: which one is a number is a guess
            kept = [c for c in cells if not any(c is d for d in specks)]
            parsed = [parse_value(c.text) for c in kept]
            if all(v is not None for v in parsed):
                read.cells = kept
                read.values = [v.value for v in parsed if v is not None]
                read.units = [v.unit for v in parsed if v is not None]
                read.extra = []
                read.fixes.append(("extract.ocr_speck_dropped", "、".join(c.pos.ocr.raw for c in specks
                                                                          if c.pos.ocr is not None)))
        return
    if len(read.values) != read.expected - 1 or read.extra:
        return
    splits = [k for k, c in enumerate(read.cells) if c.pos.ocr is not None and _TWO_NUMBERS.match(c.pos.ocr.raw)]
    if len(splits) != 1:
        return
    k = splits[0]
    m = _TWO_NUMBERS.match(read.cells[k].pos.ocr.raw)  # type: ignore[union-attr]
    assert m is not None
    read.values[k:k + 1] = [int(m.group(1)), int(m.group(2))]
    read.units[k:k + 1] = [read.units[k], read.units[k]]
    read.cells[k:k + 1] = [read.cells[k], read.cells[k]]
    read.fixes.append(("extract.ocr_split", read.cells[k].pos.ocr.raw))  # type: ignore[union-attr]


def _fill(read: _RowRead, col_keys: list[str], out: dict[str, CellValue], base: str,
          prov: dict[str, Provenance], findings: list[Finding], zh: str, en: str) -> None:
    if any(c.pos.ocr is not None for c in read.cells):
        _repair_ocr_row(read)
    for rule, printed in read.fixes:
        findings.append(finding(rule, [base], abbreviate(printed, 200), table_label=zh, table_label_en=en,
                                row_label=abbreviate(read.label), printed=abbreviate(printed), expected=read.expected))
    if read.extra:
        shown = " ".join(c.text for c in read.cells + read.extra)
        findings.append(finding("extract.row_overfull", [base], abbreviate(shown, 200),
                                table_label=zh, table_label_en=en, row_label=abbreviate(read.label),
                                found=len(read.cells) + len(read.extra), expected=read.expected,
                                values=abbreviate(shown, 80)))
    for col, value, cell in zip(col_keys, read.values, read.cells, strict=False):
        out[col] = value
        prov[f"{base}.{col}"] = _prov(cell)
    if len(read.values) < read.expected:
        findings.append(finding("extract.row_incomplete", [base], read.label, table_label=zh, table_label_en=en,
                                row_label=read.label, found=len(read.values), expected=read.expected))
    for text in read.unreadable:
        findings.append(finding("extract.value_unreadable", [base], abbreviate(text, 200), table_label=zh,
                                table_label_en=en, row_label=read.label, text=abbreviate(text)))


def _row_label(template: Template, table: str, key: str) -> str:
    return _template_row(template, table, key)[0].label


def _undivided_key(group: Group, template: Template) -> str | None:
    """The contract key of a group printed as one undivided row, as an older template has it:
    （六）其他处理 is a row `other` in the 2019 template and the group of other.* in 2021."""
    for older in TEMPLATES.values():
        if older is template:
            continue
        for row in older.applications.rows:
            if label_key(row.label) == label_key(group.label) and row.number == group.number \
                    and any(r.key.startswith(f"{row.key}.") for r in template.applications.rows):
                return row.key
    return None


def _group_rows(stream: _Stream, template: Template, rows: dict[str, dict[str, CellValue]],
                prov: dict[str, Provenance], findings: list[Finding]) -> None:
    """Numbers printed on the row of a group label: an undivided （六）其他处理 keeps its values
    under the older template's key (`other`, no split invented); any other group's numbers are
    reported, never dropped silently."""
    zh, en = TABLE_LABELS["applications"]
    cols = [c.key for c in template.applications.columns]
    for group, read in stream.group_rows:
        if not read.values:
            continue
        key = _undivided_key(group, template)
        if key is not None and key not in rows and not any(
                stream.app_rows.get(r.key) and stream.app_rows[r.key].values
                for r in template.applications.rows if r.key.startswith(f"{key}.")):
            rows[key] = {c: None for c in cols}
            _fill(read, cols, rows[key], f"applications.{key}", prov, findings, zh, en)
            parts = "、".join(r.label for r in template.applications.rows if r.key.startswith(f"{key}."))
            findings.append(finding("extract.other_undivided", [f"applications.{key}"], read.label,
                                    table_label=zh, table_label_en=en, printed=read.label, key=key,
                                    version=template.version, parts=parts))
            continue
        findings.append(finding("extract.group_values", [], read.label, table_label=zh, table_label_en=en,
                                printed=read.label, values=" ".join(c.text for c in read.cells)))
