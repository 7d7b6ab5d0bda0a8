"""`nianbao parse` / `nianbao schema` on the command line, and `load_report`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import nianbao
from nianbao.cli import app
from nianbao.errors import ReadError
from text_fixtures import REPORT_2021

runner = CliRunner()


def _flat(text: str) -> str:
    """stderr without the line breaks a narrow console may insert into long paths."""
    return text.replace("\n", "")


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    p = tmp_path / "qingshan_2022.txt"
    p.write_text(REPORT_2021, encoding="utf-8")
    return p


def test_one_file_prints_indented_report_json(report_file: Path) -> None:
    result = runner.invoke(app, ["parse", str(report_file)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("{\n  ")  # indented
    data = json.loads(result.stdout)
    assert data["schema"] == "nianbao.report/1"
    assert data["source"]["path"] == str(report_file)
    assert data["source"]["format"] == "text"
    assert len(data["source"]["sha256"]) == 64
    assert data["meta"]["organization"] == "青山市交通运输局"
    assert data["tables"]["applications"]["rows"]["new_received"]["total"] == 14
    assert data["tables"]["reviews_litigation"]["litigation_direct"]["total"] == 2


def test_several_files_print_one_json_per_line(tmp_path: Path, report_file: Path) -> None:
    second = tmp_path / "copy.txt"
    second.write_text(REPORT_2021.replace("行政处罚 | 58 |", "行政处罚 | 59 |"), encoding="utf-8")
    result = runner.invoke(app, ["parse", str(report_file), str(second)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().split("\n")
    assert len(lines) == 2
    first, other = (json.loads(line) for line in lines)
    assert first["source"]["path"] == str(report_file)
    assert other["source"]["path"] == str(second)
    assert first["tables"]["active_disclosure"]["items"]["art20_6"]["penalty"]["decisions"] == 58
    assert other["tables"]["active_disclosure"]["items"]["art20_6"]["penalty"]["decisions"] == 59


def test_out_dir_writes_one_json_per_input_and_no_temp_files(tmp_path: Path, report_file: Path) -> None:
    sub = tmp_path / "b"
    sub.mkdir()
    same_stem = sub / report_file.name  # two inputs with the same name must not overwrite each other
    same_stem.write_text(REPORT_2021, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["parse", str(report_file), str(same_stem), "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    # the input tree is mirrored below the inputs' common folder, plus the manifest
    assert written == sorted([report_file.name + ".json", f"b/{report_file.name}.json", "manifest.json"])
    for name in written[:-1] if written[-1] == "manifest.json" else written:
        data = json.loads((out / name).read_text(encoding="utf-8"))
        assert data["schema"] in ("nianbao.report/1", "nianbao.manifest/1")
    assert result.stdout.strip() == ""  # the reports went to files


@pytest.mark.parametrize("kind", ["missing", "empty", "directory", "binary"])
def test_unreadable_file_is_named_with_reason_and_batch_goes_on(tmp_path: Path, report_file: Path,
                                                                kind: str) -> None:
    bad = tmp_path / f"bad_{kind}.txt"
    if kind == "empty":
        bad.write_bytes(b"")
    elif kind == "directory":
        bad.mkdir()
    elif kind == "binary":
        bad.write_bytes(bytes(range(256)) * 40 + b"\x00\xff\xfe\x00" * 100)
    out = tmp_path / "out"
    result = runner.invoke(app, ["parse", str(bad), str(report_file), "--out", str(out)])
    assert result.exit_code == 1
    err = _flat(result.stderr)
    assert str(bad) in err
    reason = {"missing": "不存在", "empty": "为空", "directory": "文件夹", "binary": ""}[kind]
    assert reason in err
    if kind == "binary":
        assert "二进制" in err or "无法" in err or "不是" in err or "解码" in err, err
    # the good file of the same call was still processed
    assert sorted(p.name for p in out.iterdir()) == sorted([report_file.name + ".json", "manifest.json"])


def test_unreadable_file_on_stdout_mode(tmp_path: Path, report_file: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = runner.invoke(app, ["parse", str(report_file), str(missing)])
    assert result.exit_code == 1
    assert str(missing) in _flat(result.stderr)
    lines = [line for line in result.stdout.split("\n") if line.strip()]
    assert len(lines) == 1 and json.loads(lines[0])["schema"] == "nianbao.report/1"


def test_explain_shows_cell_paths_source_text_and_lines(report_file: Path) -> None:
    result = runner.invoke(app, ["parse", str(report_file), "--explain"], env={"COLUMNS": "240"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "new_received.total" in out
    assert "review.total" in out
    assert "2,310" in out  # the source text as printed, thousands separator included
    # 行政许可 | 2,310 is on line 16 of the fixture
    line_of_licensing = next(i for i, line in enumerate(REPORT_2021.splitlines(), start=1) if line.startswith("行政许可"))
    assert f"第{line_of_licensing}行" in out


def test_schema_prints_a_valid_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert "properties" in schema
    assert {"schema", "source", "meta", "sections", "tables", "figures", "findings"} <= set(schema["properties"])
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(schema)
    report = json.loads(nianbao.parse_text(REPORT_2021).to_json())
    jsonschema.validate(report, schema)


def test_python_m_nianbao_help() -> None:
    env = {**os.environ, "COLUMNS": "200"}
    proc = subprocess.run([sys.executable, "-m", "nianbao", "--help"], capture_output=True, text=True,
                          timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "parse" in proc.stdout and "schema" in proc.stdout


def test_load_report_round_trip(tmp_path: Path, report_file: Path) -> None:
    report = nianbao.parse(report_file)
    saved = tmp_path / "r.json"
    saved.write_text(report.to_json(), encoding="utf-8")
    again = nianbao.load_report(saved)
    assert again == report
    assert again.to_json() == report.to_json()
    # a source file goes through the parser
    assert nianbao.load_report(report_file).tables == report.tables


@pytest.mark.parametrize("content, needle", [
    ('{"schema": "something.else/2", "meta": {}}', "nianbao.report/1"),
    ("[1, 2, 3]", "nianbao.report/1"),
    ("{not json", "JSON"),
])
def test_load_report_rejects_other_json(tmp_path: Path, content: str, needle: str) -> None:
    p = tmp_path / "other.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ReadError) as info:
        nianbao.load_report(p)
    assert str(p) in str(info.value)
    assert needle in str(info.value)


def test_load_report_rejects_contract_violations(tmp_path: Path, report_file: Path) -> None:
    data = json.loads(nianbao.parse(report_file).to_json())
    data["meta"]["year"] = "twenty"
    p = tmp_path / "broken.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ReadError) as info:
        nianbao.load_report(p)
    assert str(p) in str(info.value) and "year" in str(info.value)


def test_parse_command_accepts_report_json(tmp_path: Path, report_file: Path) -> None:
    saved = tmp_path / "r.json"
    saved.write_text(nianbao.parse(report_file).to_json(), encoding="utf-8")
    result = runner.invoke(app, ["parse", str(saved)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["tables"]["applications"]["rows"]["total"]["total"] == 14
