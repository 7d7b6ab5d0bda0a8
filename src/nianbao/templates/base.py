"""The vocabulary of a template definition.

A template is plain data: which tables it has, their rows and columns with the keys of the
report JSON contract, the official labels and the label variants seen in practice. Readers
never see it; the extractor, the checks and the writers all read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class TableName:
    """How a table is named in print: 表二 + its title, and in English."""

    number: str  # 表二
    title: str  # 主动公开政府信息情况
    number_en: str  # table 2
    name_en: str  # active disclosure

    @property
    def quoted(self) -> str:
        """表二“主动公开政府信息情况”, as messages cite it."""
        return f"{self.number}“{self.title}”"


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: str
    aliases: tuple[str, ...] = ()
    money: bool = False  # amounts (元/万元) may be decimals; counts may not
    signed: bool = False  # may be negative (本年增/减)
    unit: str | None = None  # unit printed in the official header, e.g. 万元


@dataclass(frozen=True, slots=True)
class Row:
    key: str
    label: str  # the official label, as printed in the national form
    aliases: tuple[str, ...] = ()  # other spellings seen in practice (without numbering)
    number: str = ""  # the outline number printed before the label: 一, 七, 1 …
    # True where the bare label is ambiguous (e.g. 其他) and only counts with its number.
    needs_number: bool = False


@dataclass(frozen=True, slots=True)
class Group:
    """A heading row that carries no numbers of its own (三、本年度办理结果, （三）不予公开 …)."""

    label: str
    aliases: tuple[str, ...] = ()
    number: str = ""


@dataclass(frozen=True, slots=True)
class Item:
    """One sub-table of 表二 (a 第二十条 item)."""

    key: str  # art20_1 …
    caption: str  # 第二十条第（一）项
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]


@dataclass(frozen=True, slots=True)
class ApplicationsTable:
    """表三: rows × the seven applicant columns."""

    title: str
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    groups: tuple[Group, ...]
    # The keys of the rows that (七)总计 adds up (the data rows of 三、本年度办理结果).
    outcome_rows: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ReviewsTable:
    """表四: three groups of five numbers, read left to right as one row of 15."""

    title: str
    groups: tuple[Column, ...]  # review, litigation_direct, litigation_after_review
    columns: tuple[Column, ...]  # upheld, corrected, other, pending, total


@dataclass(frozen=True, slots=True)
class ActiveTable:
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class Section:
    number: int
    title: str  # standard title
    aliases: tuple[str, ...]  # full heading texts seen in practice (without the numeral)
    keywords: tuple[str, ...]  # any of these in a short numbered heading identifies the section
    table: str | None = None  # the table printed under this section


@dataclass(frozen=True, slots=True)
class Template:
    version: str  # "2019" | "2021"
    name: str
    basis: str  # the document that issued it
    first_year: int  # first reporting year it applies to
    sections: tuple[Section, ...]
    active: ActiveTable
    applications: ApplicationsTable
    reviews: ReviewsTable
    # Phrases that only this version's tables print; used to tell the versions apart.
    hints: tuple[str, ...] = field(default=())

    def section(self, number: int) -> Section:
        return self.sections[number - 1]

    def application_row(self, key: str) -> Row:
        for row in self.applications.rows:
            if row.key == key:
                return row
        raise KeyError(key)
