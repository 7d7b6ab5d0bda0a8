"""The five seed reports, turned into web pages in several styles, parse like their text form.

The pages are built from the text reader's paragraphs and grids (the structure a content
system would have published), wrapped in page furniture; `nianbao.parse` of the page must
give the same year, organisation, sections and tables as `nianbao.parse` of the text.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import pytest

import nianbao
from nianbao.document import Grid, Paragraph
from nianbao.readers import read

SEEDS_DIR = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEEDS = sorted(SEEDS_DIR.glob("[0-9][0-9][0-9]_*.txt")) if SEEDS_DIR.is_dir() else []
if not SEEDS:
    pytest.skip(f"seed folder not found or empty: {SEEDS_DIR}", allow_module_level=True)

NAV = "".join(f'<li><a href="/col/{i}.html">栏目{i}</a></li>' for i in range(40))
CHROME_TOP = (f'<div class="header"><ul class="nav">{NAV}</ul></div>'
              '<div class="position">当前位置：<a href="/">首页</a> &gt; <a>信息公开</a> &gt; <a>年报</a></div>'
              '<div class="tools">字体：[<a>大</a> <a>中</a> <a>小</a>] <a>【打印】</a> <a>【关闭】</a></div>')
CHROME_BOTTOM = ('<div class="xgwz"><h4>相关文章</h4><ul>'
                 + "".join(f'<li><a href="/a/{i}.html">关于做好第{i}批政务公开工作的通知</a></li>' for i in range(10))
                 + '</ul></div><div class="footer"><p>版权所有：某某县人民政府　网站标识码：1234567890</p></div>')


def _cell(text: str, deco: bool) -> str:
    t = html.escape(text)
    return f'<td style="border:1px solid #000"><span style="font-size:12px">{t}</span>&nbsp;</td>' if deco \
        else f"<td>{t}</td>"


def _table(grid: Grid, deco: bool) -> str:
    rows = "".join("<tr>" + "".join(_cell(c.text, deco) for c in row) + "</tr>\n" for row in grid.rows)
    return f'<table border="1" cellspacing="0"><tbody>\n{rows}</tbody></table>\n'


def _blocks(path: Path) -> list[Paragraph | Grid]:
    return [b for b in read(path).blocks if isinstance(b, Paragraph | Grid)]


def style_p_tables(path: Path) -> bytes:
    """One <p> per line, pipe rows as real tables, inside a TRS-style article page."""
    body = "".join(f'<p style="text-indent:2em">{html.escape(b.text)}</p>\n' if isinstance(b, Paragraph)
                   else _table(b, deco=False) for b in _blocks(path))
    page = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>某某市人民政府门户网站</title></head><body>'
            f'{CHROME_TOP}<div class="article"><div class="TRS_Editor">{body}</div></div>{CHROME_BOTTOM}</body></html>')
    return page.encode("utf-8")


def style_div_br(path: Path) -> bytes:
    """Div soup: lines separated by <br>, decorated table cells."""
    parts: list[str] = []
    for b in _blocks(path):
        parts.append(html.escape(b.text) + "<br>\n" if isinstance(b, Paragraph) else _table(b, deco=True))
    page = (f"<html><head><title>信息公开</title></head><body>{CHROME_TOP}"
            f'<div id="zoom"><div>{"".join(parts)}</div></div>{CHROME_BOTTOM}</body></html>')
    return page.encode("utf-8")


def style_gbk_layout(path: Path) -> bytes:
    """GBK bytes (declared gb2312), the page in a layout table with a navigation column."""
    body = "".join(f"<p>{html.escape(b.text)}</p>\n" if isinstance(b, Paragraph) else _table(b, deco=False)
                   for b in _blocks(path))
    left = "".join(f'<tr><td><a href="/l/{i}.asp">信息公开目录{i}</a></td></tr>' for i in range(25))
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            '<title>政务公开</title></head><body><table width="1000"><tr>'
            f'<td width="200" valign="top"><table>{left}</table></td>'
            f'<td valign="top">{CHROME_TOP}<div class="content">{body}</div></td></tr></table>{CHROME_BOTTOM}</body></html>')
    return page.encode("gb18030")


STYLES: dict[str, Callable[[Path], bytes]] = {"p_tables": style_p_tables, "div_br": style_div_br,
                                               "gbk_layout": style_gbk_layout}


@pytest.mark.parametrize("style", sorted(STYLES))
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seed_as_html_parses_like_text(seed: Path, style: str, tmp_path: Path) -> None:
    page = tmp_path / f"{seed.stem}.{style}.html"
    page.write_bytes(STYLES[style](seed))
    want = nianbao.parse(seed)
    got = nianbao.parse(page)
    assert got.source.format == "html"
    assert got.meta.year == want.meta.year
    assert got.meta.organization == want.meta.organization
    assert got.meta.template == want.meta.template
    assert [(s.present, s.heading) for s in got.sections] == [(s.present, s.heading) for s in want.sections]
    assert got.tables.model_dump() == want.tables.model_dump()
    # no page furniture leaked into the report text
    text = "\n".join(s.text for s in got.sections)
    assert "栏目3" not in text and "相关文章" not in text and "版权所有" not in text
