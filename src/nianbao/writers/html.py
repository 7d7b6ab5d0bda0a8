"""Standalone HTML in the official layout (valid HTML5; tables with rowspan/colspan)."""

from __future__ import annotations

from html import escape

from ..model import Report
from ..templates import Template
from .base import Decor, Part, cell_text, report_parts, report_title
from .layout import LTable

CSS = """
body{font-family:"仿宋_GB2312","FangSong","STFangsong",serif;font-size:16pt;line-height:1.6;
max-width:210mm;margin:2em auto;padding:0 1em}
h1{font-family:"方正小标宋简体","STZhongsong","SimSun",serif;font-size:22pt;text-align:center;font-weight:normal}
h2{font-family:"黑体","SimHei",sans-serif;font-size:16pt;font-weight:normal}
p{text-indent:2em;margin:.3em 0}
p.meta{text-indent:0;text-align:center;font-size:12pt;color:#555}
p.sign{text-align:right;text-indent:0}
table{border-collapse:collapse;width:100%;margin:.6em 0;font-size:10.5pt}
th,td{border:1px solid #000;padding:2px 4px;text-align:center;vertical-align:middle}
td.label{text-align:left}
caption{font-weight:bold}
""".strip()


def table_html(table: LTable, decor: Decor, indent: str = "") -> str:
    out = [f'{indent}<table data-table="{escape(table.key)}">']
    for r, row in enumerate(table.rows):
        out.append(f"{indent}<tr>")
        for cell in row:
            tag = "th" if r < table.header_rows else "td"
            attrs = ""
            if cell.rowspan > 1:
                attrs += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                attrs += f' colspan="{cell.colspan}"'
            if cell.kind == "label":
                attrs += ' class="label"'
            text = "<br>".join(escape(x) for x in cell_text(cell, decor).split("\n"))
            out.append(f"{indent}<{tag}{attrs}>{text}</{tag}>")
        out.append(f"{indent}</tr>")
    out.append(f"{indent}</table>")
    return "\n".join(out)


# Part kind -> its HTML, the escaped text at {}; any other text part is a plain paragraph.
_PART_HTML = {
    "title": "<h1>{}</h1>",
    "heading": "<h2>{}</h2>",
    "meta": '<p class="meta">{}</p>',
    "signature": '<p class="sign">{}</p>',
    "junk": '<div class="nav">{}</div>',
    "image": '<p><img src="{}" alt=""></p>',
}


def _part(part: Part, decor: Decor) -> str:
    if part.kind == "table" and part.table is not None:
        return table_html(part.table, decor)
    return _PART_HTML.get(part.kind, "<p>{}</p>").format(escape(part.text))


def to_html(report: Report, template: Template | None = None, decor: Decor | None = None,
            charset: str = "utf-8") -> str:
    decor = decor or Decor()
    body = "\n".join(_part(p, decor) for p in report_parts(report, template, decor))
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="{charset}">\n'
            f"<title>{escape(report_title(report))}</title>\n<style>\n{CSS}\n</style>\n</head>\n"
            f"<body>\n{body}\n</body>\n</html>\n")
