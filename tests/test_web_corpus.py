"""The corpus browser, the dashboard, compare and the corpus API through TestClient, on a small corpus
of five reports ingested here (two bodies; one body over three years; one late report)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("multipart")

from fastapi.testclient import TestClient  # noqa: E402

from nianbao.web import Settings, create_app  # noqa: E402
from web_support import broken_text, make_corpus, year_variant  # noqa: E402

LINCHUAN = "临川县自然资源局"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(Settings(db=db)))


def total(page: str) -> int:
    return int(re.search(r'id="total">(\d+)<', page).group(1))


def test_list_and_filters(client: TestClient) -> None:
    page = client.get("/corpus").text
    assert total(page) == 5 and page.count('href="/corpus/report/') == 5
    assert total(client.get("/corpus", params={"year": 2023}).text) == 2
    assert total(client.get("/corpus", params={"kind": "department"}).text) == 5
    assert total(client.get("/corpus", params={"kind": "township"}).text) == 0
    assert total(client.get("/corpus", params={"region": "青山县统计局"}).text) == 2  # matched in the name
    assert total(client.get("/corpus", params={"q": "临川"}).text) == 3
    # 青山 2023 was published on 2024-03-15, after the 31 January deadline of a department
    late = client.get("/corpus", params={"late": "yes"}).text
    assert total(late) == 1 and "青山县统计局" in late
    assert total(client.get("/corpus", params={"late": "no"}).text) == 4
    # linchuan 2022 prints a 表三 total one more than its row: an error in that report only
    errors = client.get("/corpus", params={"findings": "check.t3_row_sum"}).text
    assert total(errors) == 1 and ">2022<" in errors
    assert client.get("/corpus", params={"year": "abc"}).status_code == 400
    assert client.get("/corpus", params={"kind": "x"}).status_code == 400


def test_body_series_and_report(client: TestClient) -> None:
    page = client.get("/corpus/body", params={"id": LINCHUAN}).text
    years = re.findall(r"<tr>\s*<td>(\d{4})</td>", page)
    assert years == ["2021", "2022", "2023"]
    assert 'data-chart="series"' in page and "/static/vendor/echarts/echarts.min.js" in page
    assert "与2022年对比" in page
    assert client.get("/corpus/body", params={"id": "没有这个机关"}).status_code == 404
    report_id = re.search(r'href="/corpus/report/(\d+)"', page).group(1)
    r = client.get(f"/corpus/report/{report_id}")
    assert r.status_code == 200 and "临川县自然资源局2021年政府信息公开工作年度报告" in r.text
    assert client.get("/corpus/report/1").status_code == 404


def test_dashboard_data(client: TestClient) -> None:
    page = client.get("/corpus/dashboard").text
    for chart in ("reports", "applications", "outcomes", "findings", "late"):
        assert f'data-chart="{chart}"' in page
    data = client.get("/api/corpus/dashboard").json()
    assert data["years"] == ["2021", "2022", "2023"]
    assert data["reports_by_year"] == [1, 2, 2]
    assert data["applications_by_year"] == [27, 28 + 27, 27 + 27]  # 新收 总计 as printed (linchuan 2022 prints 28)
    granted = next(o for o in data["outcomes"] if o["name"] == "予以公开")
    assert granted["data"][0] == pytest.approx(12 / 27, abs=1e-4)
    department = next(k for k in data["late_by_kind"] if k["kind"] == "政府部门")
    assert department == {"kind": "政府部门", "late": 1, "reports": 5}
    assert any(f["rule"] == "check.t3_row_sum" for f in data["top_findings"])


def test_corpus_api(client: TestClient) -> None:
    body = client.get("/api/corpus/reports", params={"year": 2022}).json()
    assert body["total"] == 2 and {r["organization"] for r in body["reports"]} == {LINCHUAN, "青山县统计局"}
    report_id = next(r["id"] for r in body["reports"] if r["organization"] == LINCHUAN)
    report = client.get(f"/api/corpus/reports/{report_id}").json()
    assert report["meta"]["year"] == 2022 and report["tables"]["applications"]["rows"]["new_received"]["total"] == 28
    series = client.get("/api/corpus/series", params={"body": LINCHUAN}).json()
    assert [y["year"] for y in series["years"]] == [2021, 2022, 2023]
    stats = client.get("/api/corpus/stats", params={"by": "year"}).json()
    assert [r["reports"] for r in stats["rows"]] == [1, 2, 2]
    assert client.get("/api/corpus/stats", params={"by": "password"}).status_code == 400


def test_corpus_is_read_only(client: TestClient, db: Path) -> None:
    import duckdb

    corpus = client.app.state.corpus
    with pytest.raises(duckdb.Error):
        corpus.query("DELETE FROM reports")
    assert total(client.get("/corpus").text) == 5


def test_compare_years_of_a_body(client: TestClient) -> None:
    page = client.get("/compare/corpus", params={"body": LINCHUAN, "a": 2022, "b": 2023}).text
    assert "两份报告属于同一机关" in page and "年度相邻" in page
    # 本年新收 总计: 28 in 2022, 27 in 2023
    row = re.search(r"<tr><td>一 本年新收政府信息公开申请数量 / 总计</td>(.*?)</tr>", page, re.S)
    assert row is not None
    cells = re.findall(r'<td class="num[^"]*">([^<]*)</td>', row.group(1))
    assert cells[:3] == ["28", "27", "-1"]
    data = client.get("/api/corpus/compare", params={"body": LINCHUAN, "a": 2023, "b": 2022}).json()
    assert data["a"]["year"] == 2022 and data["b"]["year"] == 2023
    assert client.get("/compare/corpus", params={"body": LINCHUAN, "a": 2019, "b": 2023}).status_code == 404


def test_compare_two_uploads(client: TestClient) -> None:
    files = {"a": ("2022.txt", year_variant(2022).encode("utf-8")), "b": ("2023.txt", broken_text().encode("utf-8"))}
    r = client.post("/compare", files=files, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/compare?a=")
    page = client.get(r.headers["location"]).text
    row = re.search(r"<tr><td>一 本年新收政府信息公开申请数量 / 自然人</td>(.*?)</tr>", page, re.S)
    cells = re.findall(r'<td class="num[^"]*">([^<]*)</td>', row.group(1))
    assert cells[:4] == ["21", "24", "+3", "+14.3%"]
    assert "跨年度衔接" in page
    bad = client.post("/compare", files={"a": ("a.txt", b""), "b": ("b.txt", b"x")})
    assert bad.status_code == 422 and "a.txt：文件为空" in bad.text


def test_api_compare(client: TestClient) -> None:
    parsed = client.post("/api/parse", files=[("files", ("a.txt", year_variant(2022).encode("utf-8"))),
                                              ("files", ("b.txt", year_variant(2023).encode("utf-8")))]).json()
    a, b = (r["report"] for r in parsed["reports"])
    data = client.post("/api/compare", json={"a": b, "b": a}).json()  # given newest first: swapped back
    assert data["a"]["year"] == 2022 and data["consecutive"] is True
    assert client.post("/api/compare", json={"a": {}, "b": {}}).status_code == 422


def test_review_docx_download(client: TestClient) -> None:
    from docx import Document

    r = client.post("/upload", files={"files": ("r.txt", broken_text().encode("utf-8"))}, follow_redirects=False)
    entry = r.headers["location"].rsplit("/", 1)[1]
    r = client.get(f"/report/{entry}/download/review-docx", params={"office": "临川县政务公开办公室", "reviewer": "张三"})
    assert r.status_code == 200
    doc = Document(io.BytesIO(r.content))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "审核意见" in text and "临川县政务公开办公室" in text and "张三" in text
    assert "check.t3_row_sum" in text or "勾稽" in text


def test_without_db_the_corpus_pages_say_so() -> None:
    plain = TestClient(create_app(Settings()))
    r = plain.get("/corpus")
    assert r.status_code == 404 and "--db" in r.text
    assert plain.get("/api/corpus/reports").status_code == 404


def test_compare_downloads(client: TestClient) -> None:
    from openpyxl import load_workbook

    params = {"body": LINCHUAN, "a": 2022, "b": 2023}
    page = client.get("/compare/corpus", params=params).text
    assert 'href="/compare/corpus/download/xlsx?body=' in page
    html = client.get("/compare/corpus/download/html", params=params)
    assert html.status_code == 200 and "attachment" in html.headers["content-disposition"]
    assert "临川县自然资源局" in html.text
    wb = load_workbook(io.BytesIO(client.get("/compare/corpus/download/xlsx", params=params).content))
    assert wb.sheetnames
    assert client.get("/compare/corpus/download/json", params=params).json()["b"]["year"] == 2023
    assert client.get("/compare/corpus/download/exe", params=params).status_code == 404
    files = {"a": ("2022.txt", year_variant(2022).encode("utf-8")), "b": ("2023.txt", year_variant(2023).encode("utf-8"))}
    location = client.post("/compare", files=files, follow_redirects=False).headers["location"]
    query = location.split("?", 1)[1]
    assert client.get(f"/compare/download/json?{query}").json()["a"]["year"] == 2022
