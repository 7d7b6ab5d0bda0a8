"""HTML reports per second per core, and peak memory, on generated pages of realistic size.

    python bench/bench_html.py                 # 5,000 pages, 30-150 KB each, nianbao.parse_many
    python bench/bench_html.py --pages 500     # a quicker run
    python bench/bench_html.py --plain         # a loop of nianbao.parse (no nianbao.batch)
    python bench/bench_html.py --compare 300   # lxml vs selectolax: parse + body finding + table walk
    python bench/bench_html.py --stages 200    # CPU ms per page of each step (reader, extraction, checks)

Pages are generated from a seed (report tables with merged cells, 2019/2021 formats, values
that add up except on 15% of pages, as in real reports) and padded with what real pages carry:
inline scripts and styles, long navigation menus, breadcrumbs, metadata tables, related-article
lists and footers. 500 pages at a time are written to a folder (not timed) and then parsed
with `nianbao.parse_many` (file reading, sniffing, decoding, HTML reading, extraction, checks: timed),
as `nianbao parse DIR` parses a crawled folder; every 表三 read is compared with the values
printed. The table markup helpers come from tests/fixtures/html/make_fixtures.py. Figures are
CPU-time based (one process = one core), so other load on the machine disturbs them less, but
they are still noisy: the same run varies by ±20% on the 2-core VM.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _fixture_helpers():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_fixtures", ROOT / "tests" / "fixtures" / "html" /
                                                  "make_fixtures.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


MF = _fixture_helpers()
PLACES = ["青松县", "白鹭区", "云溪市", "红岭县", "柳林镇", "枫林街道", "东湖乡", "梅岭县", "石桥镇", "桃源区"]
SLIP_SHARE = 0.15  # share of pages whose 表三 does not add up (as in the seeds: some do not)
DEPTS = ["人民政府", "教育局", "财政局", "交通运输局", "生态环境局", "卫生健康委员会", "自然资源局", "审计局"]


def _script(rng: random.Random, size: int) -> str:
    out, n = [], 0
    while n < size:
        line = (f"function f{rng.randrange(10**6)}(a,b){{var x=document.getElementById('m{rng.randrange(999)}');"
                f"if(x){{x.style.display=a?'block':'none';}}return b+{rng.randrange(1000)};}}\n")
        out.append(line)
        n += len(line)
    return "<script type=\"text/javascript\">\n" + "".join(out) + "</script>\n"


def _nav(rng: random.Random, n: int) -> str:
    items = "".join(f'<li class="nav-item"><a href="/col/col{rng.randrange(99999)}/index.html" '
                    f'title="栏目{i}">政务栏目{i}</a></li>' for i in range(n))
    return f'<div class="nav"><ul>{items}</ul></div>\n'


def _values(rng: random.Random) -> tuple[dict, list[list[int]], list[int], str]:
    """Table values as real reports print them: they add up, except on a few pages (a slip in one cell)."""
    from nianbao.synth.generate import _applications, _reviews
    from nianbao.templates import get_template

    version = rng.choice(["2019", "2021"])
    t = get_template(version)
    scale = rng.choice([5, 20, 80, 300])
    app = _applications(rng, t, scale)
    cols = [c.key for c in t.applications.columns]
    apps = [[app[r.key][c] for c in cols] for r in t.applications.rows]
    rev = _reviews(rng, t, scale)
    reviews = [rev[g.key][c.key] for g in t.reviews.groups for c in t.reviews.columns]
    if rng.random() < SLIP_SHARE:  # a typing slip: one 表三 cell off by a little
        row = apps[rng.randrange(len(apps))]
        row[rng.randrange(len(row))] += rng.randrange(1, 4)
    if version == "2021":
        active = {"rules": [0, 0, 0], "normative": [rng.randrange(9), rng.randrange(3), rng.randrange(60)],
                  "licensing": [rng.randrange(3000)], "penalty": [rng.randrange(300)], "coercion": [rng.randrange(9)],
                  "fees": [round(rng.random() * 50, 2)]}
    else:
        active = {k: [rng.randrange(50) for _ in range(3)] for k in
                  ("rules", "normative", "licensing", "other_services", "penalty", "coercion")}
        active["fees"] = [rng.randrange(9), 0]
        active["procurement"] = [rng.randrange(30), rng.randrange(10**6)]
    return active, apps, reviews, version


def make_page(i: int) -> bytes:
    return make_case(i)[0]


def make_case(i: int) -> tuple[bytes, list[list[int]]]:
    """Page `i` and the 表三 values printed on it (rows and columns in template order)."""
    rng = random.Random(i)
    place = rng.choice(PLACES)
    org = place + rng.choice(DEPTS)
    year = rng.choice([2019, 2020, 2021, 2022, 2023])
    active, apps, reviews, version = _values(rng)
    t2 = MF.active_2019(active) if version == "2019" else MF.active_2021(active)
    body = MF.report_body(org, year, place + "人民路1号", t2, MF.app_table(apps, version, deco=rng.random() < 0.3),
                          MF.review_table(reviews), sign_date=f"{year + 1}年1月{rng.randrange(1, 29)}日",
                          extra_sec1="全年主动公开政府信息" + str(rng.randrange(100, 9000)) + "条。" * rng.randrange(1, 20))
    target = rng.randrange(30_000, 150_000)
    title = f"{org}{year}年政府信息公开工作年度报告"
    top = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}_{place}人民政府门户网站</title>\n'
           f'<meta name="ArticleTitle" content="{title}"><meta name="PubDate" content="{year + 1}-01-30 09:00">\n'
           "<style>.nav li{float:left;margin:0 4px}.footer{color:#666}</style>\n")
    chrome = (_nav(rng, rng.randrange(60, 200))
              + '<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 年报</div>\n'
              + f'<table class="xxgk_table"><tr><td>索引号：</td><td>{rng.randrange(10**8)}/{year + 1}-0001</td>'
              + f"<td>发布机构：</td><td>{org}</td></tr><tr><td>发文日期：</td><td>{year + 1}-01-30</td>"
              + "<td>主题分类：</td><td>政务公开</td></tr></table>\n"
              + f'<div class="article"><h1 class="title">{title}</h1>'
              + '<div class="fontsize">字体：[<a>大</a> <a>中</a> <a>小</a>]</div>'
              + f'<div class="TRS_Editor">{body}</div>{MF.SHARE}</div>\n' + MF.related(rng.randrange(5, 30)) + MF.FOOTER)
    size = len((top + chrome).encode("utf-8"))
    pad = _script(rng, max(0, target - size - 200))
    return (top + pad + "</head>\n<body>\n" + chrome + "</body></html>\n").encode("utf-8"), apps


def _rss_mb() -> float:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return float("nan")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(pages: int, every: int, plain: bool = False) -> None:
    """Parse `pages` generated pages, as `nianbao parse DIR` would: `every` pages at a time are
    written to a folder (not timed), then read back with `nianbao.parse_many` (timed per page:
    reading, decoding, parsing, extraction, checks). `plain` uses a loop of `nianbao.parse` instead."""
    import gc

    import nianbao

    gc_time = [0.0, 0.0]  # spent in the cyclic GC; start of the running collection

    def on_gc(phase: str, info: dict) -> None:
        if phase == "start":
            gc_time[1] = time.perf_counter()
        else:
            gc_time[0] += time.perf_counter() - gc_time[1]

    t_cpu = t_wall = 0.0
    total_bytes = ok = done = 0
    gc.callbacks.append(on_gc)
    with tempfile.TemporaryDirectory() as tmp:
        while done < pages:
            chunk = range(done, min(pages, done + every))
            expected = {}
            for i in chunk:
                data, expected[f"p{i:06d}.html"] = make_case(i)
                (Path(tmp) / f"p{i:06d}.html").write_bytes(data)
                total_bytes += len(data)
            files = sorted(Path(tmp).glob("p*.html"))
            results = ((f, nianbao.parse(f)) for f in files) if plain else nianbao.parse_many(files, tune_gc=True)
            while True:
                c0, w0 = time.process_time(), time.perf_counter()
                item = next(results, None)
                t_cpu += time.process_time() - c0
                t_wall += time.perf_counter() - w0
                if item is None:
                    break
                path, report = item
                ok += isinstance(report, nianbao.Report) and report.tables.applications is not None \
                    and _table3(report) == expected[path.name]
                path.unlink()
            done = chunk.stop
            print(f"{done:6d} pages  {done / t_cpu:7.1f} pages/s/core (cpu)  {t_cpu / done * 1000:5.1f} ms/page (cpu)"
                  f"  {done / t_wall:7.1f} pages/s (wall)  avg {total_bytes / done / 1024:5.1f} KB"
                  f"  gc {gc_time[0] / done * 1000:4.2f} ms/page"
                  f"  rss {_rss_mb():6.1f} MB  peak {_peak_mb():6.1f} MB", flush=True)
    gc.callbacks.remove(on_gc)
    print(f"表三 read exactly (every value as generated) on {ok}/{pages} pages")


def _table3(report) -> list[list[int]]:  # type: ignore[no-untyped-def]
    from nianbao.templates import get_template

    t = get_template(report.meta.template or "2021")
    rows = report.tables.applications.rows
    return [[rows[r.key][c.key] for c in t.applications.columns] for r in t.applications.rows]


# ------------------------------------------------------------------------------------------
# lxml vs selectolax: the same minimal pipeline in both


def _lxml_pipeline(data: bytes) -> int:
    from lxml import etree

    root = etree.fromstring(data.decode("utf-8"), etree.HTMLParser(remove_comments=True))
    etree.strip_elements(root, "script", "style", with_tail=False)
    body = root.find("body")
    sizes: dict = {}
    for el in reversed(list(body.iter())):
        n = len(el.text.strip()) if el.text else 0
        for c in el:
            n += sizes.get(c, 0) + (len(c.tail.strip()) if c.tail else 0)
        sizes[el] = 0 if el.tag == "a" else n
    node = body
    while True:
        kids = [c for c in node if isinstance(c.tag, str)]
        if not kids:
            break
        best = max(kids, key=lambda c: sizes.get(c, 0))
        if sizes.get(best, 0) < 0.7 * sizes.get(node, 1) or best.tag == "table":
            break
        node = best
    cells = 0
    for table in node.iter("table"):
        for tr in table.iter("tr"):
            for td in tr:
                _ = "".join(td.itertext()).strip(), td.get("rowspan"), td.get("colspan")
                cells += 1
    return cells


def _selectolax_pipeline(data: bytes) -> int:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(data.decode("utf-8"))
    tree.strip_tags(["script", "style"])
    body = tree.body
    sizes: dict = {}

    def size(el) -> int:  # type: ignore[no-untyped-def]
        n = 0
        child = el.child
        while child is not None:
            if child.is_text_node:
                n += len((child.text_content or "").strip())
            elif child.tag != "-comment":
                n += size(child)
            child = child.next
        sizes[el.mem_id] = 0 if el.tag == "a" else n
        return sizes[el.mem_id]

    size(body)
    node = body
    while True:
        kids = [c for c in node.iter() if c.tag not in ("-text", "-comment")]
        if not kids:
            break
        best = max(kids, key=lambda c: sizes.get(c.mem_id, 0))
        if sizes.get(best.mem_id, 0) < 0.7 * sizes.get(node.mem_id, 1) or best.tag == "table":
            break
        node = best
    cells = 0
    for table in node.css("table"):
        for tr in table.css("tr"):
            for td in tr.iter():
                if td.tag in ("td", "th"):
                    _ = td.text(strip=True), td.attributes.get("rowspan"), td.attributes.get("colspan")
                    cells += 1
    return cells


def compare(pages: int, rounds: int = 3) -> None:
    """Alternate the two pipelines for a few rounds and keep each one's best round (less noise)."""
    sys.setrecursionlimit(10000)
    corpus = [make_page(i) for i in range(pages)]
    mb = sum(map(len, corpus)) / 2**20
    best: dict[str, float] = {}
    cells: dict[str, int] = {}
    for _ in range(rounds):
        for name, fn in (("lxml", _lxml_pipeline), ("selectolax", _selectolax_pipeline)):
            c0 = time.process_time()
            cells[name] = sum(fn(p) for p in corpus)
            best[name] = min(best.get(name, float("inf")), time.process_time() - c0)
    for name, dt in best.items():
        print(f"{name:11s} {pages / dt:7.1f} pages/s/core  {mb / dt:6.1f} MB/s  ({cells[name]} cells walked, "
              f"best of {rounds})")
    from nianbao.readers.html import read_html

    texts = [p.decode("utf-8") for p in corpus]
    c0 = time.process_time()
    for t in texts:
        read_html(t)
    dt = time.process_time() - c0
    print(f"{'reader':11s} {pages / dt:7.1f} pages/s/core  (nianbao.readers.html.read_html, the full reader, lxml)")


# ------------------------------------------------------------------------------------------
# where the time goes: the steps of nianbao.parse timed one by one


class _Timer:
    """CPU time spent per named step."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}

    def __call__(self, name: str, fn, *args):  # type: ignore[no-untyped-def]
        c0 = time.process_time()
        out = fn(*args)
        self.spent[name] = self.spent.get(name, 0.0) + time.process_time() - c0
        return out


def _clean_tree(root):  # type: ignore[no-untyped-def]
    """read_html's second step: drop hidden elements, strip scripts/styles/widgets; the <body>."""
    from lxml import etree

    from nianbao.readers import html as H

    for el in H._hidden(root):
        if el.getparent() is not None and el.tag not in ("html", "body"):
            H._drop(el)
    etree.strip_elements(root, *H._DROP, with_tail=False)
    body = root.find("body")
    return root if body is None else body


def stages(pages: int, rounds: int = 3) -> None:
    """CPU ms per page of each step of `nianbao.parse` on an HTML page (best of a few rounds).

    The reader's steps are called in the order `read_html` calls them (private helpers of
    readers/html.py: keep this in step with that function).
    """
    from nianbao.api import _run_checks
    from nianbao.document import Document
    from nianbao.extract import extract
    from nianbao.readers import html as H

    corpus = [make_page(i) for i in range(pages)]
    best: dict[str, float] = {}
    for _ in range(rounds):
        timed = _Timer()
        for data in corpus:
            text, _ = timed("decode", H.decode_html, data)
            root = timed("lxml parse", H._parse, text, "page.html")
            head = timed("head meta", H._head_meta, root)
            body = timed("hidden + strip", _clean_tree, root)
            measured = timed("measure", H._measure, body)
            stats = measured.stats
            article = timed("find body", H._find_body, body, stats)
            doc = Document(path="page.html", format="html", sha256="")
            doc.page_title = timed("page title", H._page_title, root, head, stats, H._title_owners(root, body, measured))
            timed("page metadata", H._page_meta_outside, body, article, stats, doc.page_meta)
            walker = H._Walker(doc, stats, article, {t: i for i, t in enumerate(root.iter("table"))})
            timed("walk (paragraphs, grids)", walker.run)
            report = timed("extract", extract, doc)
            timed("checks", _run_checks, report)
        for name, dt in timed.spent.items():
            best[name] = min(best.get(name, float("inf")), dt)
    total = sum(best.values())
    print(f"{pages} pages, avg {sum(map(len, corpus)) / pages / 1024:.1f} KB; CPU ms per page, best of {rounds} rounds")
    for name, dt in best.items():
        print(f"  {name:26s} {dt / pages * 1000:6.2f} ms  {dt / total * 100:5.1f} %")
    print(f"  {'total':26s} {total / pages * 1000:6.2f} ms  = {pages / total:.1f} pages/s/core")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=5000)
    ap.add_argument("--every", type=int, default=500, help="pages written (then parsed) at a time; figures printed after each")
    ap.add_argument("--compare", type=int, default=0, metavar="N", help="compare lxml and selectolax on N pages")
    ap.add_argument("--stages", type=int, default=0, metavar="N", help="time each step of the parse on N pages")
    ap.add_argument("--plain", action="store_true", help="a loop of nianbao.parse instead of nianbao.parse_many")
    args = ap.parse_args()
    if args.compare:
        compare(args.compare)
    elif args.stages:
        stages(args.stages)
    else:
        run(args.pages, args.every, args.plain)


if __name__ == "__main__":
    main()
