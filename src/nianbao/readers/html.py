"""HTML pages (as published by government content systems) → Document.

What the reader does, in order:

1. decode the bytes (``decode_html``: UTF-8, GBK/GB18030 declared or not, a wrong declaration
   is overruled; an HTTP header block saved in front of the page is dropped);
2. parse with lxml, drop scripts/styles/forms widgets/hidden elements;
3. measure every element's text and link text (one bottom-up pass) and find the article body:
   descend from ``<body>`` while one child holds most of the non-link text, then prefer a
   content container named like ``TRS_Editor``/``zoom``/``content``/``article`` inside it;
4. read the page heading (``page_title``) and the metadata block (索引号, 发布机构, 发布时间, …
   → ``page_meta``) from the whole page;
5. walk the body in reading order: paragraphs (``<p>``, ``<div>``, ``<h*>``, ``<br>`` lines),
   tables as ``Grid`` s (rowspan/colspan expanded, copies ``merged=True``), images as
   ``ImageRef``; navigation, share bars, font-size widgets, related lists are skipped.

Layout tables (a cell holding long text or block content, or no row with two filled cells) are
walked as containers, so a report inside a layout table becomes paragraphs and inner grids.
The reader knows nothing of report templates.

Children are listed with lxml's `getchildren()` (built in C, about 4x faster than `list(el)`);
docs/html.md and docs/performance.md have the measurements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

import nianbao.limits as limits  # the module: tests and callers may change its constants

from ..document import Cell, Document, Grid, ImageRef, Paragraph, Position, ReaderNote
from ..errors import ReadError
from ..normalize import CN_NUMERALS, is_value
from .decode import decode_bytes
from .sanitize import clean_text
from .sanitize import note as replaced_note

# Elements whose content is never part of the report.
_DROP = ("script", "style", "noscript", "template", "iframe", "object", "embed", "select", "option",
         "textarea", "button", "input", "svg", "canvas", "map", "audio", "video", "link", "meta")
_BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
                    "blockquote", "section", "article", "center", "pre", "form", "header", "footer",
                    "main", "aside", "nav", "address", "figure", "figcaption", "hr", "tr", "td", "th",
                    "tbody", "thead", "tfoot", "caption", "body", "html", "fieldset", "legend"})
_BREAK_TAGS = _BLOCK | {"br"}
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_JUNK_TAGS = frozenset({"nav", "header", "footer", "aside"})
_CONTAINER_TAGS = frozenset({"div", "ul", "ol", "dl", "table", "section", "td", "nav", "aside", "tbody"})

# class/id words of page furniture (matched inside tokens) and of content containers
_JUNK_HINT = re.compile(
    r"nav|menu|breadcrumb|crumb|footer|header|share|related|relate|copyright|sidebar|toolbar|banner|"
    r"search|login|qrcode|pagination|dqwz|xgwz|xgxx|xglj|fontsize|font-size|zihao|zh-size|"
    r"^(?:top|foot|bottom|print|position|location|weizhi|side|ewm|prev|next|pages?|tools?|fx|wzdh|"
    r"head|dy|gjl|bdsharebuttonbox)(?:[-_]?\w{0,6})?$",
    re.I,
)
_CONTENT_HINT = re.compile(r"trs_?editor|zoom|content|article|xxgk|detail|zhengwen|^zw|main-?text|"
                           r"view|wzy|nrzw|art_?con|con_?text|text_?con|^con$|pages_content|"
                           r"custom_unionstyle|ucap-content|mainbody", re.I)
# elements hidden by the `hidden` attribute or an inline style (spaces removed, case folded)
_HIDING_ATTRS = etree.XPath("//@style|//@hidden")  # C-level; the style is tested in Python (much faster)
_REPORT_TEXT = etree.XPath("//body//text()[contains(., '报告') or contains(., '年报')]")

# Lines that are page furniture, dropped whole (as in the text reader).
_JUNK_LINE = re.compile(
    r"当前位置|您现在的位置|您所在的位置|打印\s{0,8}(?:本页|此页)?\s{0,8}[|｜]?\s{0,8}关闭|【\s{0,8}打印\s{0,8}】|【\s{0,8}关闭\s{0,8}】|"
    r"关闭窗口|分享到|扫一扫|上一篇|下一篇|网站地图|版权所有|ICP备|网站标识码|主办单位|技术支持|"
    r"相关链接|收藏本页|^\s{0,8}(?:打印|关闭|返回顶部|【?\s{0,8}返回\s{0,8}】?)\s{0,8}$"
)
# Spaces are bounded ({0,8}): unbounded ones in front of a literal made long whitespace runs
# quadratic (scripts/regex_audit.py); the digit count is bounded for the same reason.
_JUNK_FRAGMENT = re.compile(
    r"\s{0,8}(?:[【\[]\s{0,8})?字[体号]\s{0,8}[:：]\s{0,8}[\[【]?\s{0,8}"
    r"(?:大\s{0,8}中\s{0,8}小|[大中小]\s{0,8}[|｜]?\s{0,8}[大中小]?\s{0,8}[|｜]?\s{0,8}[大中小]?)?"
    r"\s{0,8}[\]】]?\s{0,8}[】\]]?|【\s{0,8}(?:大|中|小)\s{0,8}】|(?:浏览|访问|阅读|点击)(?:次数|量|数)\s{0,8}[:：]\s{0,8}\d{0,12}"
)
# Words one of which every match of the pattern above contains, tried first: a plain alternation
# is about 10x faster in `re` (≈ 0.09 ms of 4.4 ms a page; tests/test_html_fastpaths.py checks they agree).
_JUNK_LINE_WORDS = re.compile("位置|打印|关闭|分享到|扫一扫|上一篇|下一篇|网站地图|版权所有|ICP备|网站标识码|主办单位|"
                              "技术支持|相关链接|收藏本页|返回")
_JUNK_FRAGMENT_WORDS = re.compile("字体|字号|【|浏览|访问|阅读|点击")


def _is_junk_line(text: str) -> bool:
    return _JUNK_LINE_WORDS.search(text) is not None and _JUNK_LINE.search(text) is not None


def _drop_junk_fragments(text: str) -> str:
    return _JUNK_FRAGMENT.sub("", text) if _JUNK_FRAGMENT_WORDS.search(text) else text


# Metadata keys printed around the body; alternatives longest first. Spaces may separate characters.
_META_KEYS = (
    "信息索引号", "索引号", "发文字号", "文件编号", "文号", "发布机构", "发文机关", "发文机构", "发布单位",
    "公开主体", "信息来源", "文章来源", "来源", "发布时间", "发布日期", "发文日期", "成文日期", "公开日期",
    "生成日期", "更新时间", "主题分类", "信息分类", "组配分类", "体裁分类", "服务对象分类", "公开方式",
    "公开范围", "公开时限", "公开形式", "有效性", "时效性", "主题词", "关键词", "标题", "名称", "作者",
    "责任部门", "所属机构",
)
_STOP_KEYS = ("字体", "字号", "浏览次数", "访问次数", "阅读次数", "点击数", "点击量", "浏览量", "分享到", "打印",
              "关闭", "视力保护色", "扫一扫")


def _key_alt(keys: tuple[str, ...]) -> str:
    return "|".join(r"\s?".join(map(re.escape, k)) for k in sorted(keys, key=len, reverse=True))


_KEYS_ALT = _key_alt(_META_KEYS)
_STOPS_ALT = _key_alt(_STOP_KEYS)
# a key followed by a colon anywhere; a bare key only as a whole piece (a table cell, a <dt>)
_META_RE = re.compile(
    rf"(?:(?P<key>{_KEYS_ALT})|(?P<stop>{_STOPS_ALT}))[ \t\u3000\xa0]*[:：][ \t\u3000\xa0]*"
    rf"|(?:^|(?<=[\s|｜】\]]))(?:(?P<keyb>{_KEYS_ALT})|(?P<stopb>{_STOPS_ALT}))[ \t\u3000\xa0]*\n",
    re.M,
)
_META_HINT = re.compile(rf"{_KEYS_ALT}")
_HEAD_META = {"pubdate": "发布时间", "contentsource": "来源", "sitename": "网站名称", "title": "网页标题"}

_WS = re.compile(r"[ \t\r\n\f\v\xa0\u2002\u2003\u2009\u200b\ufeff]+")
_CJK_BREAK = re.compile(r"(?<=[\u4e00-\u9fff（）()、，。：；“”])[ \t\r\f\v\xa0]*\n\s*(?=[\u4e00-\u9fff（）()“”])")
_BREAK = "\n"
_SECTION_START = re.compile(rf"^\s*[{CN_NUMERALS[:6]}][、.．]")

LONG_CELL = 150  # a cell with more text than this holds prose: the table is a layout table
META_BLOCK_MAX = 1000  # a metadata block is short
# … and made of few elements: testing an element's whole text is then cheap. Without this bound
# a chain of 2,000 nested <div>s with a short text cost O(depth²): each level collected its subtree.
META_BLOCK_ELEMENTS = 200
TITLE_ELEMENTS = 200  # a title candidate (the element holding 报告 and two wrappers) is small


# What `_measure` knows of an element, as a list (about a thousand are made per page; a list is
# several times cheaper to make than an object): characters of text (whitespace-trimmed pieces),
# characters of text inside <a>, and how many links, tables, images and elements its subtree holds.
Stat = list[int]
TOTAL, LINKS, N_LINKS, N_TABLES, N_IMAGES, SIZE = range(6)


def _own(st: Stat) -> int:
    """Text that is not link text."""
    return st[TOTAL] - st[LINKS]


# Stats of childless elements are never changed, so the plain ones share these (≈ 0.1 ms of 4.4 ms a page).
_N_LEAF = 512
_LEAF: list[Stat] = [[n, 0, 0, 0, 0, 1] for n in range(_N_LEAF)]


@dataclass(slots=True)
class _Measured:
    stats: dict[etree._Element, Stat]
    # elements owning a text or tail naming 报告/年报, in document order (title candidates); noting
    # them while measuring saves the XPath over the page: 0.34 ms of ≈ 4.4 ms a page (docs/performance.md)
    report_text_owners: list[etree._Element]


# --------------------------------------------------------------------------------------------
# entry points


def read_html_file(path: str, data: bytes, sha256: str) -> Document:
    text, notes = decode_html(data)
    doc = read_html(text, path=path, sha256=sha256)
    doc.notes[:0] = notes
    if any(isinstance(b, ImageRef) for b in doc.blocks):
        _read_pictures(path, doc)
    return doc


def _read_pictures(path: str, doc: Document) -> None:
    """Pictures of a saved page (tables published as images) OCR'd when their file is beside the page."""
    import base64
    from pathlib import Path
    from urllib.parse import unquote, urlsplit

    from .image import expand_images

    base = Path(path).parent

    def load(src: str) -> bytes | None:
        if src.startswith("data:"):
            head, _, body = src.partition(",")
            try:
                return base64.b64decode(body) if head.endswith(";base64") else None
            except ValueError:
                return None
        parts = urlsplit(src)
        if parts.scheme or parts.netloc:
            return None  # on another server: not fetched (nianbao reads files, it does not crawl)
        rel = unquote(parts.path)
        # an absolute site path (/u/cms/…/b3.jpg) may have been saved beside the page under its name
        for candidate in (base / rel.lstrip("/"), base / Path(rel).name):
            try:
                if candidate.is_file():
                    return candidate.read_bytes()
            except OSError:
                continue
        return None

    missing = expand_images(doc, load)
    if missing:
        listed = "、".join(missing[:5]) + ("……" if len(missing) > 5 else "")
        doc.notes.append(ReaderNote("extract.image_missing",
                                    f"网页中的 {len(missing)} 张图片不在网页文件旁（{listed}），未能 OCR 识别；"
                                    "如其中有表格，请将图片与网页一并保存",
                                    f"{len(missing)} picture(s) of the page are not on disk beside it ({', '.join(missing[:5])}); "
                                    "they were not OCR'd", evidence=" ".join(missing)))


_HTTP_HEAD = re.compile(r"\A\s*(?:HTTP/\d(?:\.\d)?\s+\d{3}[^\n]*\n)?(?:[A-Za-z][A-Za-z0-9-]*:[^\n]*\n)+\r?\n")


def decode_html(data: bytes) -> tuple[str, list]:
    """Decode a page (charset from a meta tag, a saved HTTP header or detection); drop the header."""
    text, notes = decode_bytes(data)
    m = _HTTP_HEAD.match(text[:8192].replace("\r\n", "\n")) if not text.lstrip().startswith("<") else None
    if m:
        # the header lines are ASCII: cut the same number of lines from the decoded text
        n_lines = m.group(0).count("\n")
        text = text.split("\n", n_lines)[-1] if text.count("\n") >= n_lines else ""
    return text, notes


def read_html(text: str, path: str = "<html>", sha256: str = "") -> Document:
    """Read the text of an HTML page into a Document."""
    # lxml refuses strings holding NUL, control characters or lone surrogates: replace them first
    text, n_sur, n_ctl = clean_text(text)
    text, elements = _within_element_limit(text)
    root = _parse(text, path)
    doc = Document(path=path, format="html", sha256=sha256)
    if root.get(_TOO_DEEP):
        doc.notes.append(ReaderNote("extract.reader_note", "页面元素嵌套超过 2048 层，更深处的内容未读取",
                                    "elements are nested more than 2,048 deep; the deeper content was not read"))
    if elements:
        doc.notes.append(ReaderNote(
            "extract.reader_note",
            f"页面元素过多（约 {elements} 个标签，上限 {limits.MAX_HTML_TAGS} 个）：只读取了前 {limits.MAX_HTML_TAGS} 个标签以内的内容",
            f"too many elements (about {elements} tags, limit {limits.MAX_HTML_TAGS}): only the content before "
            f"tag {limits.MAX_HTML_TAGS} was read"))
    replaced = replaced_note(n_sur, n_ctl)
    if replaced is not None:
        doc.notes.append(replaced)
    head_meta = _head_meta(root)
    for el in _hidden(root):
        if el.getparent() is not None and el.tag not in ("html", "body"):
            _drop(el)
    etree.strip_elements(root, *_DROP, with_tail=False)
    body = root.find("body")
    if body is None:
        body = root
    limits.check_deadline()
    measured = _measure(body)
    stats = measured.stats
    article = _find_body(body, stats)
    doc.page_title = _page_title(root, head_meta, stats, _title_owners(root, body, measured))
    _page_meta_outside(body, article, stats, doc.page_meta)
    walker = _Walker(doc, stats, article, {t: i for i, t in enumerate(root.iter("table"))})
    walker.run()
    for name, key in _HEAD_META.items():
        if name in head_meta and key not in doc.page_meta and not _has_key_like(doc.page_meta, key):
            doc.page_meta[key] = head_meta[name]
    return doc


def _within_element_limit(text: str) -> tuple[str, int]:
    """The page cut before its MAX_HTML_TAGS-th tag (lxml closes what is left open), and the number
    of tags when it was cut (0 when not). Parsing and measuring cost grows with the elements; a
    report page has a few thousand, a hostile one a million cells (10 MB: 5.6 s, 830 MB)."""
    limit = limits.MAX_HTML_TAGS
    tags = text.count("<")
    if tags <= limit:
        return text, 0
    at = -1
    for _ in range(limit):  # to the limit-th "<" (there are more than `limit`)
        at = text.find("<", at + 1)
    return (text[:at], tags) if at >= 0 else (text, 0)


def _hidden(root: etree._Element) -> list[etree._Element]:
    """Elements with a `hidden` attribute or a `display:none`/`visibility:hidden` style, in document order.

    The style is compared with spaces removed and case folded. (Folding every letter is the same
    as folding only the letters of the two phrases: other letters cannot be part of a match.)
    """
    out: list[etree._Element] = []
    last = None
    for attr in _HIDING_ATTRS(root):
        if attr.attrname != "hidden":
            style = attr.replace(" ", "").lower()
            if "display:none" not in style and "visibility:hidden" not in style:
                continue
        el = attr.getparent()
        if el is not last:
            last = el
            out.append(el)
    return out


def _drop(el: etree._Element) -> None:
    """Remove an element but keep its tail text in the flow."""
    parent = el.getparent()
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _has_key_like(meta: dict[str, str], key: str) -> bool:
    if key == "发布时间":
        return any(k in meta for k in ("发布日期", "发文日期", "成文日期", "公开日期"))
    return False


def _parse(text: str, path: str) -> etree._Element:
    text = re.sub(r"\A\s*<\?xml[^>]*\?>", "", text)
    if not text.strip():
        raise ReadError(path, "HTML 文件没有内容", "the HTML file is empty")
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ReadError(path, f"无法解析 HTML：{exc}", f"cannot parse HTML: {exc}") from None
    if root is None:
        raise ReadError(path, "HTML 文件没有内容", "the HTML file is empty")
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        # libxml2 stops at 2,048 levels of nesting: what is deeper is not in the tree
        root.set(_TOO_DEEP, "1")
    return root


_TOO_DEEP = "data-nianbao-too-deep"


def _head_meta(root: etree._Element) -> dict[str, str]:
    """Machine-readable page metadata of government sites (<meta name="ArticleTitle" …>)."""
    out: dict[str, str] = {}
    for m in root.iter("meta"):
        name = (m.get("name") or "").strip().lower()
        content = _clean(m.get("content") or "")
        if name in ("articletitle", "pubdate", "contentsource", "sitename") and content:
            out[name] = content
    title = root.find(".//title")
    if title is not None:
        text = _clean("".join(title.itertext()))
        if text:
            out["title"] = text
    return out


# --------------------------------------------------------------------------------------------
# measuring and finding the body


def _measure(body: etree._Element) -> _Measured:
    """Sizes of every element's text (see `Stat`), and the title candidates, in one pass.

    Elements are taken in reverse document order, so each one's subtree is complete when it is
    reached; it then adds itself (and its tail) to its parent's sums.
    """
    elements = list(body.iter(etree.Element))  # elements only (no comments, PIs, entities)
    stats: dict[etree._Element, Stat] = {}
    get = stats.get
    text_hits: list[int] = []  # index of an element whose text names the report
    tail_hits: list[tuple[int, etree._Element]] = []
    for i in range(len(elements) - 1, -1, -1):
        el = elements[i]
        text = el.text
        n = 0
        if text:
            n = len(text.strip())
            if "报告" in text or "年报" in text:
                text_hits.append(i)
        st = get(el)  # made by a child of el: the children's sums
        tag = el.tag
        if st is None:  # no child elements
            if tag == "a":
                st = [n, n, 1, 0, 0, 1]
            elif tag == "table":
                st = [n, 0, 0, 1, 0, 1]
            elif tag == "img":
                st = [n, 0, 0, 0, 1, 1]
            else:
                st = _LEAF[n] if n < _N_LEAF else [n, 0, 0, 0, 0, 1]
            stats[el] = st
        else:
            st[TOTAL] += n
            st[SIZE] += 1
            if tag == "a":
                st[LINKS] = st[TOTAL]
                st[N_LINKS] += 1
            elif tag == "table":
                st[N_TABLES] += 1
            elif tag == "img":
                st[N_IMAGES] += 1
        if el is body:
            continue
        tail = el.tail
        add = st[TOTAL]
        if tail:
            add += len(tail.strip())
            if "报告" in tail or "年报" in tail:
                tail_hits.append((i, el))
        parent = el.getparent()
        ps = get(parent)
        if ps is None:
            stats[parent] = [add, st[LINKS], st[N_LINKS], st[N_TABLES], st[N_IMAGES], st[SIZE]]
        else:
            ps[TOTAL] += add
            ps[SIZE] += st[SIZE]
            if st[N_LINKS] or st[N_TABLES] or st[N_IMAGES]:  # links > 0 implies n_links > 0
                ps[LINKS] += st[LINKS]
                ps[N_LINKS] += st[N_LINKS]
                ps[N_TABLES] += st[N_TABLES]
                ps[N_IMAGES] += st[N_IMAGES]
    return _Measured(stats, _in_document_order(elements, stats, text_hits, tail_hits))


def _in_document_order(elements: list[etree._Element], stats: dict[etree._Element, Stat], text_hits: list[int],
                       tail_hits: list[tuple[int, etree._Element]]) -> list[etree._Element]:
    """Owners of text hits (at their element) and tail hits (after their element's subtree)."""
    keyed = [((i, 1, 0), elements[i]) for i in text_hits]
    for i, el in tail_hits:
        # a tail comes before the next element's text; of tails ending together, the innermost first
        depth = sum(1 for _ in el.iterancestors())
        keyed.append(((i + stats[el][SIZE], 0, -depth), el))
    keyed.sort(key=lambda k: k[0])
    return [el for _, el in keyed]


def _title_owners(root: etree._Element, body: etree._Element, measured: _Measured) -> list[etree._Element]:
    """Owners of the texts naming the report under <body>: as measured when `body` is the page's
    only <body> (so measuring saw them all), else from the XPath over the whole page."""
    bodies = list(root.iter("body"))
    if len(bodies) == 1 and bodies[0] is body:
        return measured.report_text_owners
    return [t.getparent() for t in _REPORT_TEXT(root)]


@lru_cache(maxsize=4096)
def _junk_name(names: str) -> bool:
    """Some class/id token names page furniture."""
    return any(_JUNK_HINT.search(t) for t in names.split())


@lru_cache(maxsize=4096)
def _content_name(names: str) -> bool:
    """Some class/id token names a content container (and is not furniture)."""
    return any(_CONTENT_HINT.search(t) and not _JUNK_HINT.search(t) for t in names.split())


def _names(el: etree._Element) -> str:
    cls = el.get("class")
    ident = el.get("id")
    if cls is None:
        return ident or ""
    return f"{cls} {ident}" if ident else cls


def _is_layout_table(table: etree._Element, stats: dict[etree._Element, Stat]) -> bool:
    for cell in _table_cells(table):
        st = stats.get(cell)
        if st is not None and (st[N_TABLES] or st[TOTAL] > LONG_CELL):
            return True
    return False


def _find_body(body: etree._Element, stats: dict[etree._Element, Stat]) -> etree._Element:
    node = body
    while True:
        own = _own(stats[node])
        children = [c for c in node.getchildren() if isinstance(c.tag, str) and c in stats]
        if not children or own <= 0:
            break
        best = max(children, key=lambda c: _own(stats[c]))
        if _own(stats[best]) < 0.7 * own:
            break
        if best.tag == "table" and not _is_layout_table(best, stats):
            break
        if best.tag in ("p", "span", "a", "font", "h1", "h2", "h3", "li", "pre"):
            break
        node = best
    # a named content container inside the chosen node that holds most of its text wins
    best_hint: etree._Element | None = None
    for el in node.iter("div", "td", "article", "section", "span"):
        if el is node:
            continue
        names = _names(el)
        if names and _content_name(names):
            st = stats.get(el)
            if st is None:
                continue
            if _own(st) >= 0.5 * _own(stats[node]) and (best_hint is None or _own(st) >= _own(stats[best_hint])):
                best_hint = el
    if best_hint is not None:
        node = best_hint
    elif _own(stats[node]) < 200:
        # little text (the table may be an image): a named container anywhere may still be the body
        hinted = [el for el in body.iter("div", "td", "article", "section")
                  if _content_name(_names(el))
                  and (_own(stats[el]) > 0 or stats[el][N_IMAGES])]
        if hinted:
            node = max(hinted, key=lambda e: (_own(stats[e]) + 50 * stats[e][N_IMAGES], -len(list(e.iterancestors()))))
    return node


# --------------------------------------------------------------------------------------------
# title and metadata


def _page_title(root: etree._Element, head: dict[str, str], stats: dict[etree._Element, Stat],
                owners: list[etree._Element]) -> str | None:
    site = head.get("title", "")
    candidates: list[str] = []
    if "articletitle" in head:
        candidates.append(head["articletitle"])
    seen: set[etree._Element] = set()
    nodes: list[etree._Element] = list(root.iter("h1", "h2", "h3"))
    for el in owners:
        for _ in range(3):  # the text's element and up to two wrappers (<p><b><span>title)
            if el is None or not isinstance(el.tag, str) or el.tag in ("body", "html", "title", "head"):
                break
            nodes.append(el)
            el = el.getparent()
    for el in nodes:
        if el in seen:
            continue
        seen.add(el)
        st = stats.get(el)
        if st is None or st[TOTAL] > 120 or st[SIZE] > TITLE_ELEMENTS:
            continue
        text = _clean(_text_with_breaks(el).replace(_BREAK, ""))
        text = re.sub(r"^(?:标\s*题|名\s*称)\s*[:：]\s*", "", text)
        if 4 <= len(text) <= 100 and not _is_junk_line(text):
            candidates.append(text)
    best: str | None = None
    best_score = 0
    for text in candidates:
        score = 0
        if re.search(r"年度?报告|年报", text):
            score += 2
        if re.search(r"政府信息公开|政务公开|信息公开", text):
            score += 2
        if text == site and "报告" not in site:
            score = 0
        if score > best_score:
            best, best_score = text, score
    if best is None and site:
        # the <title> often reads "report title_site name": keep the part naming the report
        for part in re.split(r"\s{0,8}[_|｜—–-]{1,2}\s{0,8}", site[:300]):
            if re.search(r"年度?报告|年报", part) and re.search(r"信息公开|政务公开", part):
                return part
    return best


def _meta_pairs(text: str) -> tuple[dict[str, str], int]:
    """Key/value pairs in a short text; also how many characters they did not explain."""
    pairs: dict[str, str] = {}
    matches = list(_META_RE.finditer(text))
    if not matches:
        return pairs, len(text.strip())
    unexplained = len(text[: matches[0].start()].strip())
    for k, m in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(text)
        raw = text[m.end():end]
        value = ""
        rest = ""
        for ln in raw.split("\n"):
            if ln.strip() and not value:
                value = ln
            elif value:
                rest += ln
        value = _drop_junk_fragments(_clean(value)).strip(" []【】|｜")
        if m.group("stop") or m.group("stopb"):
            continue
        if len(value) > 120:
            unexplained += len(value)
            continue
        unexplained += len(_clean(rest))
        key = _WS.sub("", m.group("key") or m.group("keyb"))
        if value and key not in pairs:
            pairs[key] = value
    return pairs, unexplained


def _page_meta_outside(body: etree._Element, article: etree._Element, stats: dict[etree._Element, Stat],
                       out: dict[str, str]) -> None:
    """Metadata blocks of the page outside the article body (the body is read by the walker)."""
    stack = [body]
    while stack:
        el = stack.pop()
        if el is article or not isinstance(el.tag, str):
            continue
        st = stats.get(el)
        if st is None:
            continue
        if el.tag == "a" or (st[N_LINKS] >= 3 and st[LINKS] >= 0.8 * st[TOTAL]):
            continue
        if st[TOTAL] <= META_BLOCK_MAX and st[SIZE] <= META_BLOCK_ELEMENTS:
            if st[TOTAL] == 0 or not _META_HINT.search("".join(el.itertext())):
                continue
            text = _text_with_breaks(el)
            if _META_RE.search(text):
                pairs, _ = _meta_pairs(text)
                for k, v in pairs.items():
                    out.setdefault(k, v)
                continue
            if st[TOTAL] <= 0:
                continue
        stack.extend(reversed([c for c in el.getchildren() if isinstance(c.tag, str)]))


# --------------------------------------------------------------------------------------------
# text helpers


def _clean(text: str) -> str:
    # Every character _WS matches but the space is unprintable (so is U+3000): a printable text
    # without a space has nothing to clean (most cells and many lines).
    if text.isprintable() and " " not in text:
        return text
    if "\n" in text:  # a CJK line break needs a newline
        text = _CJK_BREAK.sub("", text)
    return _WS.sub(" ", text).strip(" \u3000")


def _inline_only(el: etree._Element) -> bool:
    """No <br> or block element below `el`: its text is its itertext(), without breaks."""
    for e in el.iterdescendants():
        tag = e.tag
        if tag.__class__ is not str or tag in _BREAK_TAGS:
            return False
    return True


def _text_with_breaks(el: etree._Element) -> str:
    """Text of an element with a line break at <br> and around block elements."""
    tag = el.tag
    if tag.__class__ is str and tag != "br" and _inline_only(el):  # the usual case, at C speed
        return f"{_BREAK}{''.join(el.itertext())}{_BREAK}" if tag in _BLOCK else "".join(el.itertext())
    parts: list[str] = []
    _collect(el, parts)
    return "".join(parts)


def _collect(root: etree._Element, parts: list[str]) -> None:
    """Append the text of `root` with breaks at <br> and around blocks.

    Walked with an explicit stack, not recursion: a page may nest elements deeper than Python's
    recursion limit (lxml keeps up to 2,047 levels).
    """
    stack: list[tuple[etree._Element, int]] = [(root, _COLLECT_OPEN)]
    pop, push = stack.pop, stack.append
    while stack:
        e, step = pop()
        if step == _COLLECT_TAIL:
            tail = e.tail
            if tail:
                parts.append(tail)
            continue
        if step == _COLLECT_CLOSE:
            parts.append(_BREAK)
            continue
        tag = e.tag
        if tag.__class__ is not str:
            tag = ""  # a comment or PI: its text counts
        if tag == "br":
            parts.append(_BREAK)
        else:
            if tag in _BLOCK:
                parts.append(_BREAK)
                push((e, _COLLECT_CLOSE))
            text = e.text
            if text:
                parts.append(text)
        children = e.getchildren()
        for k in range(len(children) - 1, -1, -1):
            c = children[k]
            push((c, _COLLECT_TAIL))
            push((c, _COLLECT_OPEN))


_COLLECT_OPEN, _COLLECT_CLOSE, _COLLECT_TAIL = 0, 1, 2


def _cell_text(td: etree._Element) -> str:
    if not len(td):
        text = td.text
        return _clean(text) if text else ""
    if _inline_only(td):  # td/th is a block: its text between two breaks
        raw = "".join(td.itertext())
        if _BREAK not in raw:
            return _clean(raw)  # one line
    else:
        only = _sole_inline_block(td)
        if only is not None:  # Word's <td><p><span>…</span></p></td>: the <p>'s one line
            raw = "".join(only.itertext())
            if _BREAK not in raw:
                return _clean(raw)
        raw = _text_with_breaks(td)
    lines = [_clean(x) for x in raw.split(_BREAK) if x]
    out = ""
    for ln in lines:
        if not ln:
            continue
        if out and not (_is_cjkish(out[-1]) or _is_cjkish(ln[0])):
            out += " "
        out += ln
    return out


def _sole_inline_block(td: etree._Element) -> etree._Element | None:
    """The cell's only content when it is one block (a <p>) holding inline content, with nothing
    but blank text around it: then the cell's text is that block's one line."""
    if len(td) != 1:
        return None
    child = td[0]
    tag = child.tag
    if tag.__class__ is not str or tag == "br" or tag not in _BLOCK or not _inline_only(child):
        return None
    if (td.text and _clean(td.text)) or (child.tail and _clean(child.tail)):
        return None
    return child


def _is_cjkish(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


# --------------------------------------------------------------------------------------------
# tables


def _table_rows(table: etree._Element) -> list[etree._Element]:
    rows: list[etree._Element] = []
    for child in table.getchildren():
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child.getchildren() if r.tag == "tr")
    return rows


def _table_cells(table: etree._Element) -> list[etree._Element]:
    return [c for r in _table_rows(table) for c in r.getchildren() if c.tag in ("td", "th")]


def _span(value: str | None) -> int:
    if value is None:
        return 1
    text = str(value).strip().rstrip(";")
    if not text.isdigit() or len(text) > 6:  # "1e9", "-3": 1 as browsers read them; 5,000 digits: the cap
        return limits.MAX_SPAN if text.isdigit() else 1
    n = int(text)
    return min(max(n, 1), limits.MAX_SPAN)


def _expand(rows: list[list[tuple[etree._Element, str]]], index: int, row0: int = 0) -> list[list[Cell]]:
    """Place every cell at its logical row/column; a span leaves copies marked merged."""
    n = len(rows)
    grid: list[dict[int, Cell]] = [{} for _ in rows]
    budget = limits.MAX_TABLE_CELLS
    for r, row in enumerate(rows):
        placed = grid[r]
        c = 0
        for td, text in row:
            while c in placed:
                c += 1
            line = td.sourceline
            placed[c] = Cell(text, Position(line, None, None, None, None, index, row0 + r, c))
            names = td.keys()  # one call for all attribute names: most cells span nothing
            if "rowspan" not in names and "colspan" not in names:
                c += 1
                continue
            rs_attr = td.get("rowspan")
            cs_attr = td.get("colspan")
            rs = n - r if rs_attr is not None and rs_attr.strip() == "0" else _span(rs_attr)
            rs = min(rs, n - r)  # the grid is sized to the rows present, not to what a span claims
            cs = _span(cs_attr)
            if rs * cs > budget:  # the copies of all spans share the table's cell budget
                cs = max(1, budget // rs)
                rs = min(rs, max(1, budget // cs))
            budget -= rs * cs
            for dr in range(rs):
                target = grid[r + dr]
                for dc in range(cs):
                    if (dr or dc) and (c + dc) not in target:
                        target[c + dc] = Cell(text, Position(line, None, None, None, None, index, row0 + r + dr,
                                                                             c + dc), True)
            c += cs
    out: list[list[Cell]] = []
    for r, placed in enumerate(grid):
        if not placed:
            out.append([])
            continue
        width = max(placed) + 1
        if len(placed) == width:
            out.append([placed[c] for c in range(width)])
        else:
            out.append([placed.get(c) or Cell("", Position(table=index, row=row0 + r, col=c)) for c in range(width)])
    return out


# --------------------------------------------------------------------------------------------
# the walk


class _Walker:
    def __init__(self, doc: Document, stats: dict[etree._Element, Stat], article: etree._Element,
                 table_index: dict[etree._Element, int]) -> None:
        self.doc = doc
        self.table_index = table_index  # position of each <table> among all tables of the page
        self.stats = stats
        self.article = article
        self.article_own = max(1, _own(stats[article])) if article in stats else 1
        self.parts: list[str] = []
        self.line: int | None = None
        self.in_body_text = False  # a section heading was seen: metadata blocks no longer expected
        self.cells = 0  # table cells read so far (limits.MAX_DOCUMENT_CELLS)
        self.steps: list[tuple] = []

    def run(self) -> None:
        """Walk the article with an explicit stack of steps (not recursion: pages nest elements
        deeper than Python's recursion limit, tables within tables included)."""
        self.steps = [(_VISIT, self.article, True)]
        steps = self.steps
        n = 0
        while steps:
            n += 1
            if not n & 4095:
                limits.check_deadline()
            op, a, b = steps.pop()
            if op is _VISIT:
                self.visit(a, b)
            elif op is _TAIL:
                self.add(a.tail, b)
            elif op is _FLUSH:
                self.flush()
            else:
                a(*b)
        self.flush()

    def later(self, todo: list[tuple]) -> None:
        """Schedule `todo` (steps in the order they are to run) before whatever was scheduled."""
        self.steps.extend(reversed(todo))

    # -- text lines
    def add(self, text: str | None, el: etree._Element) -> None:
        if text:
            if self.line is None and text.strip():
                self.line = el.sourceline
            self.parts.append(text)

    def flush(self) -> None:
        if not self.parts:
            return
        text = _clean("".join(self.parts))
        line = self.line
        self.parts = []
        self.line = None
        if not text:
            return
        if len(text) < 120 and _is_junk_line(text):
            return
        text = _drop_junk_fragments(text).strip()
        if not text:
            return
        if not self.in_body_text:
            # a key is followed by a colon (or a line break, which a cleaned line has none of)
            pairs, unexplained = _meta_pairs(text) if ":" in text or "：" in text else ({}, 0)
            if pairs and unexplained <= 4:
                for k, v in pairs.items():
                    self.doc.page_meta.setdefault(k, v)
                return
            if _SECTION_START.match(text):
                self.in_body_text = True
        self.doc.blocks.append(Paragraph(text, Position(line=line)))

    # -- elements
    def is_junk(self, el: etree._Element) -> bool:
        st = self.stats.get(el)
        if st is not None and _own(st) >= 0.5 * self.article_own and _own(st) > 50:
            return False  # whatever it is called, it holds the report
        if el.tag in _JUNK_TAGS:
            return True
        names = _names(el)
        if names and _junk_name(names):
            return True
        if st is not None and el.tag in _CONTAINER_TAGS and st[N_LINKS] >= 3 and st[LINKS] >= 0.6 * st[TOTAL]:
            return True
        return False

    def meta_block(self, el: etree._Element) -> bool:
        """A block (table, list, line) before the report text that only holds page metadata."""
        if self.in_body_text:
            return False
        st = self.stats.get(el)
        if st is None or st[TOTAL] > META_BLOCK_MAX or st[TOTAL] == 0 or st[SIZE] > META_BLOCK_ELEMENTS:
            return False
        text = _text_with_breaks(el)
        if not _META_RE.search(text):
            return False
        pairs, unexplained = _meta_pairs(text)
        if len(pairs) >= 1 and unexplained <= max(4, st[TOTAL] // 10) and (len(pairs) >= 2 or el.tag != "table"):
            for k, v in pairs.items():
                self.doc.page_meta.setdefault(k, v)
            return True
        return False

    def visit(self, el: etree._Element, top: bool = False) -> None:
        tag = el.tag
        if not isinstance(tag, str):
            return
        if not top and tag in ("table", "dl", "ul", "ol", "div", "p", "li", "section", "span") and self.meta_block(el):
            return
        if not top and self.is_junk(el):
            return
        if tag == "br":
            self.flush()
            return
        if tag == "img":
            self.image(el)
            return
        if tag == "table":
            self.flush()
            self.table(el)
            return
        block = tag in _BLOCK
        if block:
            self.flush()
        self.add(el.text, el)
        steps = self.steps
        if block:
            steps.append(_FLUSH_STEP)
        children = el.getchildren()
        for k in range(len(children) - 1, -1, -1):
            child = children[k]
            if child.tail:
                steps.append((_TAIL, child, el))
            steps.append((_VISIT, child, False))

    def image(self, el: etree._Element) -> None:
        src = (el.get("data-original") or el.get("data-src") or el.get("src") or "").strip()
        if not src or src.startswith("data:") and len(src) < 200:
            return
        for dim in ("width", "height"):
            v = re.match(r"\s*(\d+)", el.get(dim) or "")
            if v and int(v.group(1)) < 40:
                return  # an icon or spacer
        if re.search(r"(?:spacer|blank|dot|icon|logo|qrcode|ewm|share|print|close)[^/]*$", src, re.I):
            return
        self.flush()
        self.doc.blocks.append(ImageRef(src=src, alt=_clean(el.get("alt") or el.get("title") or ""),
                                        pos=Position(line=el.sourceline)))

    def table(self, table: etree._Element) -> None:
        index = self.table_index.get(table, len(self.table_index))
        rows = _table_rows(table)
        todo: list[tuple] = []
        cap = table.find("caption")
        if cap is not None:
            todo += [(_VISIT, cap, False), _FLUSH_STEP]
        layout_rows = []
        get = self.stats.get
        for tr in rows:
            cells = [c for c in tr.getchildren() if c.tag == "td" or c.tag == "th"]
            block = False
            for c in cells:  # a prose cell (nested table or long text) makes the row layout
                st = get(c)
                if st is not None and (st[N_TABLES] > 0 or st[TOTAL] > LONG_CELL):
                    block = True
                    break
            layout_rows.append((tr, cells, block))
        # runs of rows without prose cells are grids (if they look like data), the rest is walked
        run: list[tuple[etree._Element, list[etree._Element]]] = []
        row0 = 0
        for r, (tr, cells, block) in enumerate(layout_rows):
            if block:
                todo.append((_CALL, self.emit_run, (run, index, row0)))
                run = []
                row0 = r + 1
                for c in cells:
                    todo += [(_VISIT, c, False), _FLUSH_STEP]
            else:
                run.append((tr, cells))
        todo.append((_CALL, self.emit_run, (run, index, row0)))
        self.later(todo)

    def emit_run(self, run: list[tuple[etree._Element, list[etree._Element]]], index: int, row0: int) -> None:
        if not run:
            return
        run = self.within_budget(run)
        texts = [[(c, _cell_text(c)) for c in cells] for _, cells in run]
        filled = [sum(1 for _, t in row if t) for row in texts]
        if max(filled, default=0) < 2:
            # one filled cell per row: a layout of lines, not a grid
            self.later([step for _, cells in run for c in cells for step in ((_VISIT, c, False), _FLUSH_STEP)])
            return
        # leading rows with a single filled cell are the table's caption lines
        k = 0
        todo: list[tuple] = []
        while k < len(run) and filled[k] <= 1:
            todo += [step for c in run[k][1] for step in ((_VISIT, c, False), _FLUSH_STEP)]
            k += 1
        if k:
            run, texts = run[k:], texts[k:]
        todo.append((_CALL, self.emit_grid, (run, texts, index, row0 + k)))
        self.later(todo)

    def within_budget(self, run: list[tuple[etree._Element, list[etree._Element]]]
                      ) -> list[tuple[etree._Element, list[etree._Element]]]:
        """The rows of a run up to the cell limits (per table and per page); a note for the rest."""
        allowed = min(limits.MAX_TABLE_CELLS, limits.MAX_DOCUMENT_CELLS - self.cells)
        total = 0
        for k, (_, cells) in enumerate(run):
            total += len(cells)
            if total > allowed:
                kept = run[:k]
                dropped = sum(len(c) for _, c in run[k:])
                self.doc.notes.append(ReaderNote(
                    "extract.reader_note",
                    f"表格单元格过多：只读取了前 {k} 行，其余 {len(run) - k} 行（{dropped} 个单元格）未读取"
                    f"（每个表格上限 {limits.MAX_TABLE_CELLS} 个、每个文件上限 {limits.MAX_DOCUMENT_CELLS} 个单元格）",
                    f"too many table cells: only the first {k} rows were read, {len(run) - k} rows ({dropped} cells) "
                    f"were not (limits: {limits.MAX_TABLE_CELLS} per table, {limits.MAX_DOCUMENT_CELLS} per file)"))
                self.cells += total - len(run[k][1])
                return kept
        self.cells += total
        return run

    def emit_grid(self, run: list[tuple[etree._Element, list[etree._Element]]],
                  texts: list[list[tuple[etree._Element, str]]], index: int, row0: int) -> None:
        limits.check_deadline()
        self.in_body_text = self.in_body_text or any(is_value(t) and t for row in texts for _, t in row)
        grid_rows = _expand(texts, index, row0)
        if any(grid_rows):
            first = run[0][0]
            self.doc.blocks.append(Grid(rows=grid_rows, pos=Position(line=first.sourceline, table=index)))
        get = self.stats.get
        for tr, cells in run:  # images inside data cells (a table cell holding a picture)
            st = get(tr)
            if st is not None and not st[N_IMAGES]:
                continue  # none in this row
            for c in cells:
                st = get(c)
                if st is not None and st[N_IMAGES]:
                    for img in c.iter("img"):
                        self.image(img)


# steps of the walk (see _Walker.run)
_VISIT, _TAIL, _FLUSH, _CALL = "visit", "tail", "flush", "call"
_FLUSH_STEP = (_FLUSH, None, None)



__all__ = ["read_html", "read_html_file", "decode_html"]
