"""The HTML reader's and extractor's fast paths give what the plain definitions give.

- `_measure` (one reverse pass summing into parents) against a recursive definition of the
  element statistics, and its title candidates against the XPath over all text nodes;
- `_grid_text` (squashed cell by cell, cached) against squashing the whole grid text at once.
"""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from nianbao.document import Cell, Document, Grid, Position
from nianbao.extract.template_detect import _grid_text
from nianbao.normalize import squash
from nianbao.readers import html as H

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "html").glob("*.html"))
TAGS = ["div", "p", "span", "a", "table", "tr", "td", "br", "img", "ul", "li", "b", "h1", "font"]
TEXTS = ["", "政府信息公开工作年度报告", "  报告 ", "年报", "12", " \u3000 ", "当前位置：首页", "abc", "\n", "年 报"]


def _reference(el: etree._Element) -> list[int]:
    """[total, links, n_links, n_tables, n_images, size] by their definitions."""
    total = sum(len(t.strip()) for t in el.itertext())
    children = [c for c in el if isinstance(c.tag, str)]
    sub = [_reference(c) for c in children]
    links = total if el.tag == "a" else sum(s[1] for s in sub)
    return [total, links, (el.tag == "a") + sum(s[2] for s in sub), (el.tag == "table") + sum(s[3] for s in sub),
            (el.tag == "img") + sum(s[4] for s in sub), 1 + sum(s[5] for s in sub)]


def _random_page(rng: random.Random) -> str:
    def tree(depth: int) -> str:
        out = []
        for _ in range(rng.randrange(1, 5)):
            tag = rng.choice(TAGS)
            inner = tree(depth + 1) if depth < 4 and rng.random() < 0.6 else ""
            out.append(f"<{tag}>{rng.choice(TEXTS)}{inner}</{tag}>{rng.choice(TEXTS)}")
        return "".join(out)
    return f"<html><body>{rng.choice(TEXTS)}{tree(0)}</body></html>"


def _pages() -> list[str]:
    rng = random.Random(11)
    return [p.read_bytes().decode("utf-8", "replace") for p in FIXTURES] + [_random_page(rng) for _ in range(200)]


def test_measure_matches_the_definitions() -> None:
    for text in _pages():
        root = H._parse(text, "t.html")
        body = root.find("body")
        assert body is not None
        measured = H._measure(body)
        for el in body.iter(etree.Element):
            assert measured.stats[el] == _reference(el), etree.tostring(el, encoding="unicode")[:200]
        xpath_owners = [t.getparent() for t in H._REPORT_TEXT(root)]
        assert measured.report_text_owners == xpath_owners


def test_leaf_stats_are_shared_but_never_changed() -> None:
    for text in _pages()[:40]:
        body = H._parse(text, "t.html").find("body")
        assert body is not None
        H._measure(body)
    assert all(st == [n, 0, 0, 0, 0, 1] for n, st in enumerate(H._LEAF))


_CELL_TEXT = st.text(alphabet=st.sampled_from(list("报告本年新制作数量１２3 \u3000\xa0|\n\u0301\u00a8ｱ（）")), max_size=8)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.lists(_CELL_TEXT, max_size=4), max_size=4), min_size=1, max_size=3),
       st.lists(st.booleans(), min_size=16, max_size=16))
def test_grid_text_cell_by_cell_equals_squashing_at_once(grids: list[list[list[str]]], merged: list[bool]) -> None:
    k = 0
    doc = Document(path="x", format="html", sha256="")
    for rows in grids:
        cells = []
        for row in rows:
            out = []
            for text in row:
                out.append(Cell(text, Position(), merged[k % len(merged)]))
                k += 1
            cells.append(out)
        doc.blocks.append(Grid(rows=cells))
    assert _grid_text(doc) == squash("\n".join(g.text() for g in doc.grids()))


_JUNK_PIECES = ["当前位置：首页", "您 现在的位置", "打印 本页 | 关闭", "【 打印 】", "【关闭】", "关闭窗口", "分享到", "扫一扫",
                "上一篇", "网站地图", "版权所有", "ICP备", "返回顶部", "【 返回 】", " 打印 ", "字体：[大 中 小]", "字号:【 大 】",
                "【中】", "浏览次数：12", "阅读量:", "点击数：", "访问", "字", "体", "返", "回", "报告", "一、总体情况", " ", "\u3000",
                "2023年", "|", "】", "["]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_JUNK_PIECES), max_size=6))
def test_junk_word_prefilters_agree_with_the_patterns(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert H._is_junk_line(text) == (H._JUNK_LINE.search(text) is not None)
    assert H._drop_junk_fragments(text) == H._JUNK_FRAGMENT.sub("", text)


def _clean_reference(text: str) -> str:
    if "\n" in text:
        text = H._CJK_BREAK.sub("", text)
    return H._WS.sub(" ", text).strip(" \u3000")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("报告12ab（）“”、 \t\n\r\xa0\u3000\u2002\u200b\ufeff\f\v.")), max_size=12))
def test_clean_fast_path_agrees_with_the_patterns(text: str) -> None:
    assert H._clean(text) == _clean_reference(text)


def _cell_text_reference(td: etree._Element) -> str:
    """The general way: text with breaks, cleaned line by line, joined (no fast path)."""
    out = ""
    for ln in (H._clean(x) for x in H._text_with_breaks(td).split("\n") if x):
        if ln:
            if out and not (H._is_cjkish(out[-1]) or H._is_cjkish(ln[0])):
                out += " "
            out += ln
    return out


_CELL_BITS = ["", " ", "\xa0", "12", "报告", "a b", "\n", "（一）", "“x”"]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(_CELL_BITS), st.sampled_from(["p", "div", "span", "br", "b"]), st.sampled_from(_CELL_BITS),
       st.lists(st.tuples(st.sampled_from(["span", "font", "br", "p"]), st.sampled_from(_CELL_BITS),
                          st.sampled_from(_CELL_BITS)), max_size=3),
       st.sampled_from(_CELL_BITS), st.booleans())
def test_word_style_cells_read_as_the_general_way(before: str, tag: str, text: str,
                                                  inner: list[tuple[str, str, str]], after: str, second: bool) -> None:
    kids = "".join(f"<{t}>{x}</{t}>{tail}" if t != "br" else f"<br>{tail}" for t, x, tail in inner)
    extra = "<p>二</p>" if second else ""
    html_text = f"<html><body><table><tr><td>{before}<{tag}>{text}{kids}</{tag}>{after}{extra}</td></tr></table></body></html>"
    td = next(H._parse(html_text, "t.html").iter("td"))
    assert H._cell_text(td) == _cell_text_reference(td)
