"""The web app through FastAPI's TestClient: every route, the safety rules, the sandbox."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("multipart")

from fastapi.testclient import TestClient  # noqa: E402

from nianbao.web import Settings, create_app  # noqa: E402
from nianbao.web.sandbox import Limits, SandboxError, run_limited  # noqa: E402
from web_support import BLANK_CELL, BROKEN_CELL, broken_text, example_text, synth_pdf, xss_text  # noqa: E402


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    keep = tmp_path_factory.mktemp("kept")
    app = create_app(Settings(max_upload_mb=2, keep_dir=keep, limits=Limits(seconds=30, memory_mb=2048)))
    return TestClient(app)


def upload(client: TestClient, name: str, data: bytes, **form: str) -> str:
    r = client.post("/upload", files={"files": (name, data)}, data=form, follow_redirects=False)
    assert r.status_code == 303, r.text[:2000]
    return r.headers["location"].rsplit("/", 1)[1]


@pytest.fixture(scope="module")
def broken_id(client: TestClient) -> str:
    return upload(client, "临川.txt", broken_text().encode("utf-8"))


def cell_td(page: str, path: str) -> str:
    m = re.search(r'<td class="([^"]*)" data-path="' + re.escape(path) + '"', page)
    assert m, f"no cell {path} in the page"
    return m.group(1)


# -- pages -------------------------------------------------------------------------------------

def test_index_page_and_headers(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert "把文件拖到这里" in r.text
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    # no inline script: every <script> has a src under /static
    for tag in re.findall(r"<script[^>]*>", r.text):
        assert 'src="/static/' in tag


def test_report_page_shows_finding_at_its_cell(client: TestClient, broken_id: str) -> None:
    page = client.get(f"/report/{broken_id}").text
    assert "sev-error" in cell_td(page, BROKEN_CELL)
    assert "sev-warning" in cell_td(page, BLANK_CELL)  # 行政强制 printed as —
    assert "cell" in cell_td(page, "applications.carried_over.commercial_enterprise")
    assert "sev-" not in cell_td(page, "applications.carried_over.commercial_enterprise")
    # metadata with evidence, the six sections, the three tables
    assert "临川县自然资源局2023年政府信息公开工作年度报告" in page
    assert "标题（第3行）：临川县自然资源局2023年政府信息公开工作年度报告" in page  # where the title was read
    assert "网页信息（第4行）：发布时间:2024-01-26" in page and "邮编 344100" in page
    assert page.count('<details class="section') == 6
    for title in ("表二 主动公开政府信息情况", "表三 收到和处理政府信息公开申请情况", "表四 政府信息公开行政复议"):
        assert title in page
    assert "check.t3_row_sum" in page and "check.t3_balance" in page


def test_cell_origin_text_source_line(client: TestClient, broken_id: str) -> None:
    data = client.get(f"/api/reports/{broken_id}/cells/{BROKEN_CELL}").json()
    assert data["value"] == 24
    src = data["source"]
    assert src["kind"] == "lines" and src["line"] == 32
    hit = next(line for line in src["lines"] if line["n"] == src["line"])
    assert hit["text"].startswith("一、本年新收政府信息公开申请数量 | 24 |")
    assert {f["severity"] for f in data["findings"]} == {"error"}
    # the same without script: a page of its own
    page = client.get(f"/report/{broken_id}/cell", params={"path": BROKEN_CELL}).text
    assert '<span class="hit">   32  一、本年新收政府信息公开申请数量 | 24 |' in page
    assert client.get(f"/report/{broken_id}/cell", params={"path": "applications.nope.total"}).status_code == 404


def test_correction_reruns_the_checks(client: TestClient) -> None:
    entry = upload(client, "改.txt", broken_text().encode("utf-8"))
    before = client.get(f"/api/reports/{entry}").json()
    assert any(BROKEN_CELL in f["cells"] for f in before["findings"] if f["severity"] == "error")
    r = client.post(f"/report/{entry}/cell", data={"path": BROKEN_CELL, "value": "２１"}, follow_redirects=False)
    assert r.status_code == 303
    after = client.get(f"/api/reports/{entry}").json()
    assert after["tables"]["applications"]["rows"]["new_received"]["natural_person"] == 21
    assert not [f for f in after["findings"] if f["severity"] == "error"]
    page = client.get(f"/report/{entry}").text
    assert "edited" in cell_td(page, BROKEN_CELL) and "sev-" not in cell_td(page, BROKEN_CELL)
    assert "原读 24 → 更正为 21" in page
    # a blank correction makes the cell blank (and the checks say so)
    r = client.post(f"/report/{entry}/cell", data={"path": BROKEN_CELL, "value": ""}, follow_redirects=False)
    assert client.get(f"/api/reports/{entry}").json()["tables"]["applications"]["rows"]["new_received"][
        "natural_person"] is None
    # bad input: a clear message, nothing changed
    r = client.post(f"/report/{entry}/cell", data={"path": BROKEN_CELL, "value": "abc"})
    assert r.status_code == 400 and "“abc”不是数字" in r.text
    r = client.post(f"/report/{entry}/cell", data={"path": "applications.nope.total", "value": "1"})
    assert r.status_code == 400 and "没有这个单元格" in r.text


def test_api_correction(client: TestClient) -> None:
    entry = upload(client, "api.txt", broken_text().encode("utf-8"))
    r = client.post(f"/api/reports/{entry}/cells/{BROKEN_CELL}", json={"value": 21})
    assert r.status_code == 200
    assert r.json()["cell"]["edited"] == {"read": 24, "corrected": 21}
    assert not [f for f in r.json()["findings"] if f["severity"] == "error"]
    r = client.post(f"/api/reports/{entry}/cells/{BROKEN_CELL}", json={"value": "x1"})
    assert r.status_code == 422 and "不是数字" in r.json()["detail"]


def test_paste_and_several_files(client: TestClient) -> None:
    r = client.post("/upload", data={"text": example_text()}, follow_redirects=False)
    assert r.status_code == 303
    files = [("files", ("good.txt", example_text().encode("utf-8"))),
             ("files", ("empty.pdf", b"")),
             ("files", ("garbage.bin", bytes(range(256)) * 40))]
    r = client.post("/upload", files=files)
    assert r.status_code == 200
    assert "empty.pdf：文件为空（0 字节）" in r.text
    assert "garbage.bin：" in r.text and "不是文本文件" in r.text
    assert r.text.count("查看核查结果") == 1
    r = client.post("/upload", data={"text": "  "})
    assert r.status_code == 400 and "请选择文件" in r.text


def test_format_sniffed_by_content_not_name(client: TestClient) -> None:
    """An HTML page named .pdf is read as HTML; a text named .docx as text."""
    html = "<html><body><h1>测试</h1><p>" + example_text().replace("\n", "</p><p>") + "</p></body></html>"
    entry = upload(client, "page.pdf", html.encode("utf-8"))
    assert client.get(f"/api/reports/{entry}").json()["source"]["format"] == "html"
    entry = upload(client, "report.docx", example_text().encode("utf-8"))
    assert client.get(f"/api/reports/{entry}").json()["source"]["format"] == "text"


def test_keep_only_when_asked(client: TestClient) -> None:
    keep_dir: Path = client.app.state.service.settings.keep_dir
    before = set(keep_dir.glob("*")) if keep_dir.exists() else set()
    upload(client, "not-kept.txt", example_text().encode("utf-8"))
    assert (set(keep_dir.glob("*")) if keep_dir.exists() else set()) == before
    upload(client, "../../kept.txt", example_text().encode("utf-8"), keep="true")
    kept = sorted(p.name for p in keep_dir.iterdir())
    assert any(n.endswith("-kept.txt") for n in kept) and any(n.endswith("-kept.txt.json") for n in kept)
    assert all(p.parent == keep_dir for p in keep_dir.rglob("*"))


def test_downloads(client: TestClient, broken_id: str) -> None:
    base = f"/report/{broken_id}/download"
    r = client.get(f"{base}/json")
    assert r.status_code == 200 and json.loads(r.content)["schema"] == "nianbao.report/1"
    assert "filename*=UTF-8''%E4%B8%B4%E5%B7%9D.json" in r.headers["content-disposition"]
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(client.get(f"{base}/xlsx").content)).active
    header = [c.value for c in next(ws.iter_rows(max_row=1))]
    row = [c.value for c in next(ws.iter_rows(min_row=2, max_row=2))]
    assert row[header.index(BROKEN_CELL)] == 24
    from docx import Document

    doc = Document(io.BytesIO(client.get(f"{base}/docx").content))
    assert any("收到和处理政府信息公开申请情况" in p.text for p in doc.paragraphs)
    sheet = client.get(f"{base}/review-html")
    assert sheet.status_code == 200 and "check.t3_row_sum" in sheet.text
    review = client.get(f"{base}/review-docx")
    assert review.status_code in (200, 503)
    if review.status_code == 503:
        assert "审核意见" in review.text
    else:
        text = "\n".join(p.text for p in Document(io.BytesIO(review.content)).paragraphs)
        assert "审核意见" in text
    assert client.get(f"{base}/exe").status_code == 404


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_pdf_page_image_with_the_cell_box(client: TestClient, tmp_path: Path) -> None:
    from PIL import Image

    pdf = synth_pdf(tmp_path)
    entry = upload(client, pdf.name, pdf.read_bytes())
    report = client.get(f"/api/reports/{entry}").json()
    path, prov = next((k, v) for k, v in report["provenance"].items() if k.startswith("applications.") and v["bbox"])
    origin = client.get(f"/api/reports/{entry}/cells/{path}").json()
    assert origin["source"]["kind"] == "page" and origin["source"]["page"] == prov["page"]
    # the PDF itself holds the value inside that box (read here with pdfium, not through nianbao)
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    page = doc[prov["page"] - 1]
    height, width = page.get_height(), page.get_width()
    x0, top, x1, bottom = prov["bbox"]
    assert page.get_textpage().get_text_bounded(x0 - 1, height - bottom - 1, x1 + 1, height - top + 1).strip() == \
        prov["text"]
    doc.close()
    r = client.get(origin["source"]["url"])
    assert r.status_code == 200 and r.headers["content-type"] == "image/png"
    image = Image.open(io.BytesIO(r.content)).convert("RGB")
    scale = image.width / width
    # the red frame is drawn 3 px outside the box: sample its top edge in the middle of the box
    x, y = round((x0 + x1) / 2 * scale), round(top * scale) - 3
    red = [image.getpixel((x, y + dy)) for dy in range(-2, 3)]
    assert any(p[0] > 180 and p[1] < 60 and p[2] < 60 for p in red), red
    assert client.get(f"/report/{entry}/page/999.png").status_code == 404


# -- JSON API ----------------------------------------------------------------------------------

def test_api_parse_and_check(client: TestClient) -> None:
    r = client.post("/api/parse", files=[("files", ("a.txt", broken_text().encode("utf-8"))),
                                         ("files", ("b.txt", b""))])
    body = r.json()
    assert r.status_code == 200 and len(body["reports"]) == 1 and body["errors"][0]["name"] == "b.txt"
    report = body["reports"][0]["report"]
    assert report["tables"]["applications"]["rows"]["new_received"]["natural_person"] == 24
    report["tables"]["applications"]["rows"]["new_received"]["natural_person"] = 21
    checked = client.post("/api/check", json={"report": report}).json()
    assert not [f for f in checked["findings"] if f["severity"] == "error"]
    r = client.post("/api/check", json={"report": {"schema": "x"}})
    assert r.status_code == 422 and "不是有效的" in r.json()["detail"]
    assert client.post("/api/parse", data={"text": ""}).status_code == 400
    assert client.get("/api/reports/nope").status_code == 404
    assert client.get(f"/api/reports/{body['reports'][0]['id']}/cells/nope").status_code == 404


def test_openapi_and_docs_page(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert {"/api/parse", "/api/check", "/api/reports/{entry_id}/cells/{path}"} <= set(spec["paths"])
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    assert client.get("/static/vendor/echarts/LICENSE").status_code == 200


# -- safety ------------------------------------------------------------------------------------

def test_escaping_of_report_content(client: TestClient) -> None:
    import lxml.html

    entry = upload(client, "<img src=x onerror=alert(1)>.txt", xss_text().encode("utf-8"))
    page = client.get(f"/report/{entry}").text
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in page  # shown as text
    tree = lxml.html.fromstring(page)
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        assert not [a for a in el.attrib if a.lower().startswith("on")], lxml.html.tostring(el)[:200]
        if el.tag == "script":
            assert el.get("src", "").startswith("/static/") and not (el.text or "").strip()
        assert el.tag not in ("img", "svg", "iframe", "object", "embed")


def test_upload_limit_413(client: TestClient) -> None:
    big = b"a" * (2 * 1024 * 1024 + 10)
    r = client.post("/upload", files={"files": ("big.txt", big)})
    assert r.status_code == 413 and "上传内容过大" in r.text and "2 MB" in r.text
    r = client.post("/api/parse", files={"files": ("big.txt", big)})
    assert r.status_code == 413 and "上传内容过大" in r.json()["detail"]

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(5):
            yield b"x" * (600 * 1024)

    r = client.post("/api/check", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


@pytest.mark.parametrize("url", ["/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
                                 "/static/..%2f..%2fweb%2fapp.py", "/../../etc/passwd", "/report/..%2f..%2fetc",
                                 "/report/../../pyproject.toml", "/static/vendor/../../app.py"])
def test_no_path_traversal(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 404
    assert "root:" not in r.text and "import" not in r.text


def test_unknown_pages_are_404_in_chinese(client: TestClient) -> None:
    r = client.get("/nope")
    assert r.status_code == 404 and "找不到" in r.text
    r = client.get("/report/doesnotexist")
    assert r.status_code == 404 and "重新上传" in r.text


def test_sandbox_limits() -> None:
    import time

    with pytest.raises(SandboxError, match="超时"):
        run_limited(time.sleep, (30,), Limits(seconds=1, memory_mb=512))
    with pytest.raises(SandboxError, match="超时"):
        run_limited(sum, (range(10**11),), Limits(seconds=1, memory_mb=512))
    with pytest.raises(SandboxError, match="内存"):
        run_limited(bytearray, (1024**3,), Limits(seconds=10, memory_mb=300))
    assert run_limited(sum, ([1, 2, 3],), Limits(seconds=10, memory_mb=512)) == 6


def test_sandbox_timeout_ends_the_whole_process_group(tmp_path: Path) -> None:
    """A child that started a grandchild (as soffice is for .doc): both are gone after the timeout."""
    import subprocess
    import time

    marker = tmp_path / "pid"
    script = f"import os,time; open({str(marker)!r},'w').write(str(os.getpid())); time.sleep(60)"
    with pytest.raises(SandboxError, match="超时"):
        run_limited(subprocess.run, (["python3", "-c", script],), Limits(seconds=2, memory_mb=1024))
    pid = int(marker.read_text())

    def alive() -> bool:  # a zombie waiting for its reaper is dead too
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return False
        return state != "Z"

    deadline = time.time() + 5
    while alive() and time.time() < deadline:
        time.sleep(0.1)
    assert not alive()


def test_loopback_server_refuses_foreign_host_names() -> None:
    """DNS rebinding: a page on evil.example resolving to 127.0.0.1 must not reach the server."""
    app = create_app(Settings(allowed_hosts=("127.0.0.1", "localhost")))
    local = TestClient(app, base_url="http://127.0.0.1:8000")
    assert local.get("/").status_code == 200
    assert TestClient(app, base_url="http://evil.example").get("/").status_code == 400


def test_cell_box_on_an_uploaded_picture_is_the_ocr_crop_in_pixels() -> None:
    from nianbao.model import Provenance
    from nianbao.model.report import OcrProvenance
    from nianbao.web.pages import cell_box

    ocr = OcrProvenance(score=0.9, raw="12", crop=(300, 400, 360, 430), dpi=200)
    prov = Provenance(text="12", page=1, bbox=(108.0, 144.0, 129.6, 154.8), ocr=ocr)
    assert cell_box(prov, pdf=False, number=1) == (300.0, 400.0, 360.0, 430.0)  # the picture's own pixels
    assert cell_box(prov, pdf=True, number=1) == (108.0, 144.0, 129.6, 154.8)  # a scanned PDF page: points
    assert cell_box(prov, pdf=False, number=2) is None  # another page
    in_docx = prov.model_copy(update={"ocr": ocr.model_copy(update={"image": "word/media/image1.png"})})
    assert cell_box(in_docx, pdf=False, number=1) == (108.0, 144.0, 129.6, 154.8)
    assert cell_box(None, pdf=False, number=1) is None
