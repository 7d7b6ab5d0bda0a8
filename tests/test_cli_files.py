"""Issue 17: what every command does with its output files, and the messages a user reads."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checks_support import clean_report
from nianbao.cli import app
from test_ledger import CURRENT

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "report_fill.yaml"
runner = CliRunner()


def _flat(text: str) -> str:
    return text.replace("\n", "")


@pytest.fixture()
def inputs(tmp_path: Path) -> dict[str, Path]:
    """One of each input a command takes: a report JSON, a report text, a ledger."""
    folder = tmp_path / "in"
    folder.mkdir()
    report = folder / "r.json"
    report.write_text(clean_report().to_json(), encoding="utf-8")
    ledger = folder / "ledger.csv"
    ledger.write_text(CURRENT, encoding="utf-8")
    return {"report": report, "ledger": ledger, "yaml": EXAMPLE}


def _command(name: str, inputs: dict[str, Path], target: Path) -> list[str]:
    return {
        "parse": ["parse", str(inputs["report"]), "-o", str(target.with_suffix(".json"))],
        "check": ["check", str(inputs["report"]), "-o", str(target.with_suffix(".html"))],
        "compare": ["compare", str(inputs["report"]), str(inputs["report"]), "-o", str(target.with_suffix(".html"))],
        "render": ["render", str(inputs["yaml"]), "-o", str(target.with_suffix(".docx"))],
        "ledger": ["ledger", str(inputs["ledger"]), "--year", "2024", "-o", str(target.with_suffix(".json"))],
        "ledger --template": ["ledger", "--template", str(target.with_suffix(".xlsx"))],
        "export": ["export", str(inputs["report"]), "-o", str(target.with_suffix(".csv"))],
        "synth": ["synth", "-n", "1", "-o", str(target)],
    }[name]


COMMANDS = ["parse", "check", "compare", "render", "ledger", "ledger --template", "export", "synth"]


@pytest.mark.parametrize("where", ["missing folder", "file as folder", "proc"])
@pytest.mark.parametrize("command", COMMANDS)
def test_unwritable_output_is_one_chinese_line_exit_2(tmp_path: Path, inputs: dict[str, Path],
                                                      command: str, where: str) -> None:
    if where == "proc" and not Path("/proc/self").exists():
        pytest.skip("no /proc here")
    if command == "synth" and where == "missing folder":
        pytest.skip("synth's output is a folder: it is created with its parents")
    (tmp_path / "plain").write_text("", encoding="utf-8")
    target = {"missing folder": tmp_path / "no" / "such" / "x",
              "file as folder": tmp_path / "plain" / "x",
              "proc": Path("/proc/nianbao-x")}[where]
    res = runner.invoke(app, _command(command, inputs, target))
    assert res.exit_code == 2, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    errors = [line for line in res.stderr.splitlines() if line.startswith("错误 ")]
    assert len(errors) == 1, res.stderr
    assert "无法写入（" in errors[0] and str(target.parent if command != "synth" else target) in errors[0]
    assert "Traceback" not in res.output and "Errno" not in res.output
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("command", ["parse", "check", "compare", "render", "ledger", "export"])
def test_existing_directory_as_output_file(tmp_path: Path, inputs: dict[str, Path], command: str) -> None:
    args = _command(command, inputs, tmp_path / "d")
    folder = Path(args[-1])
    folder.mkdir()
    res = runner.invoke(app, args)
    if command in ("parse", "check"):  # a folder there means one output file per input
        assert res.exit_code in (0, 1), res.output
        assert any(folder.rglob("*.json*")) or any(folder.rglob("*.html"))
    else:
        assert res.exit_code == 2 and f"错误 {folder}：无法写入（这是一个文件夹）" in res.stderr


def test_dev_null_fifo_and_symlink_are_written_through(tmp_path: Path, inputs: dict[str, Path]) -> None:
    res = runner.invoke(app, ["ledger", str(inputs["ledger"]), "--year", "2024", "-o", "/dev/null"])
    assert res.exit_code == 0, res.output
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    real = tmp_path / "real.html"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(real)
    res = runner.invoke(app, ["check", str(inputs["report"]), "-o", str(link)])
    assert link.is_symlink() and "<html" in real.read_text(encoding="utf-8").lower()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "nianbao", "export", str(inputs["report"]), "--to", "csv",
                             "-o", str(fifo)], env=env, stderr=subprocess.PIPE)
    data = fifo.read_bytes()
    assert proc.wait(60) == 0
    assert data.decode("utf-8-sig").startswith("path") or b"," in data
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    # /dev/stdout into a pipe: a link to /proc/self/fd/1, whose target (pipe:[…]) has no path
    proc = subprocess.run([sys.executable, "-m", "nianbao", "render", str(EXAMPLE), "-f", "md", "-o", "/dev/stdout"],
                          env=env, capture_output=True, timeout=120)
    assert proc.returncode == 0 and "政府信息公开工作年度报告" in proc.stdout.decode("utf-8"), proc.stderr


# -- parse --out ---------------------------------------------------------------------------------


def test_parse_out_json_file_one_object_or_json_lines(tmp_path: Path, inputs: dict[str, Path]) -> None:
    single = tmp_path / "single.json"
    assert runner.invoke(app, ["parse", str(inputs["report"]), "--out", str(single)]).exit_code == 0
    assert single.is_file() and json.loads(single.read_text(encoding="utf-8"))["schema"] == "nianbao.report/1"
    assert runner.invoke(app, ["parse", str(inputs["report"]), "--out", str(single)]).exit_code == 0  # again
    second = tmp_path / "second.json"
    second.write_text(inputs["report"].read_text(encoding="utf-8"), encoding="utf-8")
    many = tmp_path / "many.json"
    assert runner.invoke(app, ["parse", str(inputs["report"]), str(second), "-o", str(many)]).exit_code == 0
    lines = many.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and all(json.loads(line)["schema"] == "nianbao.report/1" for line in lines)
    res = runner.invoke(app, ["parse", str(inputs["report"]), "--out", str(tmp_path / "x.docx")])
    assert res.exit_code == 2 and "--out 应为 .json/.jsonl 文件或文件夹" in res.stderr
    assert not (tmp_path / "x.docx").exists()


def test_parse_out_dir_mirrors_the_tree_with_a_manifest(tmp_path: Path, inputs: dict[str, Path]) -> None:
    text = clean_report().model_copy()  # a report text: render the clean report as .txt and .html
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    for name in ("a.txt", "sub/a.txt", "a.html"):
        fmt = "txt" if name.endswith(".txt") else "html"
        res = runner.invoke(app, ["render", str(inputs["report"]), "-o", str(tmp_path / f"r.{fmt}")])
        assert res.exit_code == 0, res.output
        (src / name).write_bytes((tmp_path / f"r.{fmt}").read_bytes())
    assert text.meta.year is not None
    out = tmp_path / "out"
    # the order of the inputs does not change the names
    for order in (["a.txt", "a.html", "sub"], ["sub", "a.html", "a.txt"]):
        res = runner.invoke(app, ["parse", *[str(src / n) for n in order], "--out", str(out)])
        assert res.exit_code == 0, res.output
        got = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
        assert got == ["a.html.json", "a.txt.json", "manifest.json", "sub/a.txt.json"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    pairs = {Path(e["input"]).relative_to(src).as_posix(): e["output"] for e in manifest["files"]}
    assert pairs == {"a.txt": "a.txt.json", "a.html": "a.html.json", "sub/a.txt": "sub/a.txt.json"}
    assert json.loads((out / "sub" / "a.txt.json").read_text(encoding="utf-8"))["source"]["path"] == \
        str(src / "sub" / "a.txt")


def test_parallel_parse_runs_into_one_folder_lose_nothing(tmp_path: Path) -> None:
    src = tmp_path / "src"
    for batch in ("one", "two"):
        (src / batch).mkdir(parents=True)
        for k in range(6):
            report = clean_report(seed=k)
            report.source.path = f"{batch}/{k}.json"
            (src / batch / f"r{k}.json").write_text(report.to_json(), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    # the same folder as common root for both runs: each mirrors its own sub-folder
    # both runs mirror below src/ (each names a file of the other's folder) and share one/r0, two/r0
    procs = [subprocess.Popen([sys.executable, "-m", "nianbao", "parse", str(src / batch), str(src / other / "r0.json"),
                               "--out", str(out)], env=env, stderr=subprocess.PIPE)
             for batch, other in (("one", "two"), ("two", "one"))]
    assert [p.wait(120) for p in procs] == [0, 0], [p.stderr.read().decode() for p in procs if p.stderr]
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.json") if p.name != "manifest.json")
    assert written == sorted(f"{b}/r{k}.json.json" for b in ("one", "two") for k in range(6))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["files"]) == 12 and all(e["status"] == "ok" for e in manifest["files"])
    assert not [p for p in out.rglob(".*")]  # no temporary or lock files left


# -- format from the extension -------------------------------------------------------------------


@pytest.mark.parametrize("args, needle", [
    (["ledger", "{ledger}", "--year", "2024", "-o", "{tmp}/x.docx"], "不支持的输出格式 .docx"),
    (["check", "{report}", "-o", "{tmp}/x.docx"], "不支持的输出格式 .docx"),
    (["compare", "{report}", "{report}", "-o", "{tmp}/x.md"], "不支持的输出格式 .md"),
    (["compare", "{report}", "{report}", "-f", "json", "-o", "{tmp}/x.html"], "扩展名 .html 与 --format json 不符"),
    (["check", "{report}", "-f", "html", "-o", "{tmp}/x.md"], "扩展名 .md 与 --format html 不符"),
    (["export", "{report}", "--to", "xlsx", "-o", "{tmp}/x.csv"], "扩展名 .csv 与 --to xlsx 不符"),
    (["render", "{report}", "-o", "{tmp}/x.json"], "不支持的输出格式 .json"),
    (["ledger", "--template", "{tmp}/x.csv"], "不支持的输出格式 .csv"),
])
def test_wrong_extension_is_refused_and_nothing_written(tmp_path: Path, inputs: dict[str, Path],
                                                       args: list[str], needle: str) -> None:
    args = [a.format(ledger=inputs["ledger"], report=inputs["report"], tmp=tmp_path) for a in args]
    res = runner.invoke(app, args)
    assert res.exit_code == 2 and needle in res.stderr, res.output
    assert not Path(args[-1]).exists()


def test_check_format_follows_the_extension(tmp_path: Path, inputs: dict[str, Path]) -> None:
    for suffix, probe in ((".html", "<html"), (".md", "# "), (".json", '"schema"'), (".txt", "未发现问题")):
        target = tmp_path / f"sheet{suffix}"
        res = runner.invoke(app, ["check", str(inputs["report"]), "-o", str(target)])
        assert res.exit_code == 0, res.output
        assert probe in target.read_text(encoding="utf-8").lower() or probe in target.read_text(encoding="utf-8")


# -- render of incomplete reports ----------------------------------------------------------------


def test_render_warns_for_each_gap_and_still_writes(tmp_path: Path) -> None:
    data = tmp_path / "min.yaml"
    data.write_text("机关: 某县某局\n正文:\n  总体情况: 本年度收到政府信息公开申请99件。\n", encoding="utf-8")
    out = tmp_path / "min.html"
    res = runner.invoke(app, ["render", str(data), "-o", str(out)])
    assert res.exit_code == 0 and out.exists(), res.output
    warnings = [line for line in res.stderr.splitlines() if line.startswith("警告 ")]
    rules = [line.rsplit("（", 1)[-1].rstrip("）") for line in warnings]
    assert rules.count("render.year_missing") == 1
    assert rules.count("render.table_empty") == 3
    assert rules.count("render.section_empty") == 5  # 二 to 六: 一 has text
    assert all(str(data) in line for line in warnings)


def test_render_warns_when_text_contradicts_tables(tmp_path: Path) -> None:
    report = clean_report()
    report.sections[0].text += "全年共收到政府信息公开申请987654件。"
    report.figures["applications_received"] = 987654
    data = tmp_path / "r.json"
    data.write_text(report.to_json(), encoding="utf-8")
    res = runner.invoke(app, ["render", str(data), "-o", str(tmp_path / "r.md")])
    assert res.exit_code == 0 and "check.text_applications" in res.stderr and "987654" in res.stderr
    # a fill-in YAML has no figures yet: they are read from its text
    data = tmp_path / "fill.yaml"
    data.write_text(EXAMPLE.read_text(encoding="utf-8").replace("政府信息公开申请13件", "政府信息公开申请99件"),
                    encoding="utf-8")
    res = runner.invoke(app, ["render", str(data), "-o", str(tmp_path / "f.md")])
    assert res.exit_code == 0 and "（99件）与表三本年新收申请总计（13件）不一致" in res.stderr, res.stderr
    res = runner.invoke(app, ["render", str(EXAMPLE), "-o", str(tmp_path / "e.md")])
    assert "check.text_applications" not in res.stderr  # the example agrees with its tables


def test_pdf_without_libreoffice_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice anywhere
    res = runner.invoke(app, ["render", str(EXAMPLE), "-o", str(tmp_path / "x.pdf")])
    assert res.exit_code == 2
    errors = [line for line in res.stderr.splitlines() if line.startswith("错误 ")]
    assert len(errors) == 1 and "LibreOffice" in errors[0] and "apt-get install" in errors[0]
    assert not (tmp_path / "x.pdf").exists()


# -- messages ------------------------------------------------------------------------------------


@pytest.mark.parametrize("args, needle", [
    (["parse"], "错误 缺少参数 FILES"),
    (["render", "x.yaml"], "错误 缺少选项 --out/-o"),
    (["check", "x.json", "--format", "xx"], "错误 选项 --format/-f 的值“xx”无效：应为 text、json、html、md、xlsx、docx 之一"),
    (["synth", "-n", "many", "-o", "x"], "错误 选项 --n/-n 的值无效：应为整数"),
    (["check", "x.json", "--bogus"], "错误 没有选项 --bogus"),
    (["chek", "x.json"], "错误 没有命令 chek（是否想用 check"),
    (["render", "x.yaml", "-o"], "错误 选项 -o 需要一个值"),
    (["schema", "extra"], "错误 多余的参数：extra"),
])
def test_usage_errors_are_chinese_one_line(args: list[str], needle: str) -> None:
    res = runner.invoke(app, args)
    assert res.exit_code == 2
    assert res.stderr.startswith(needle) and res.stderr.count("\n") == 1, res.stderr
    assert not any(w in res.stderr for w in ("Usage", "Error", "Missing", "Invalid", "╭"))


def test_version_and_short_help() -> None:
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout.startswith("nianbao ")
    for args in (["-h"], ["check", "-h"], ["render", "-h"]):
        res = runner.invoke(app, args)
        assert res.exit_code == 0 and "--help" in res.stdout and "-h" in res.stdout


def test_long_paths_are_never_wrapped(tmp_path: Path) -> None:
    deep = tmp_path / ("很长的文件夹名称" * 6) / ("another-long-folder-name-" * 4)
    missing = deep / "报告.txt"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "40"}
    proc = subprocess.run([sys.executable, "-m", "nianbao", "check", str(missing)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert f"错误 {missing}" in proc.stderr.splitlines()[0], proc.stderr


def test_invalid_report_json_names_each_field(tmp_path: Path) -> None:
    data = json.loads(clean_report().to_json())
    data["meta"]["year"] = "二〇二二"
    data["meta"]["template"] = "2020"
    data["tables"]["applications"]["rows"]["new_received"]["natural_person"] = "十"
    data["sections"][0]["tittle"] = "typo"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    res = runner.invoke(app, ["check", str(bad)])
    assert res.exit_code == 2
    lines = res.stderr.splitlines()
    assert f"错误 {bad}: 字段 meta.year 应为整数（现为 \"二〇二二\"）" in lines
    assert f"错误 {bad}: 字段 meta.template 应为2019、2021、pre2019、unknown 之一（现为 \"2020\"）" in lines
    assert any("tables.applications.rows.new_received.natural_person 应为数字" in line for line in lines)
    assert any("sections[0].tittle 不是约定中的字段" in line for line in lines)
    assert not any(w in res.stderr for w in ("validation error", "pydantic", "Input should"))
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema": "nianbao.report/1",\n "a": 1\n "b": 2}', encoding="utf-8")
    res = runner.invoke(app, ["check", str(broken)])
    assert f"错误 {broken}: 不是有效的 JSON：第 3 行第 2 列缺少逗号" in res.stderr


def _project_jsons(tmp_path: Path, inputs: dict[str, Path]) -> dict[str, Path]:
    """One report JSON of each kind the project writes."""
    out: dict[str, Path] = {}
    assert runner.invoke(app, ["synth", "-n", "1", "-o", str(tmp_path / "syn")]).exit_code == 0
    out["synth gold"] = next((tmp_path / "syn").rglob("*.gold.json"))
    text = next(p for p in (tmp_path / "syn").rglob("*.txt"))
    out["parse output"] = tmp_path / "parsed.json"
    assert runner.invoke(app, ["parse", str(text), "-o", str(out["parse output"])]).exit_code == 0
    corrected = json.loads(out["parse output"].read_text(encoding="utf-8"))
    corrected["meta"]["organization"] = "更正后的机关"
    out["corrected"] = tmp_path / "corrected.json"
    out["corrected"].write_text(json.dumps(corrected, ensure_ascii=False, indent=2), encoding="utf-8")
    out["ledger output"] = tmp_path / "ledger.json"
    res = runner.invoke(app, ["ledger", str(inputs["ledger"]), "--year", "2024", "-o", str(out["ledger output"])])
    assert res.exit_code == 0, res.output
    out["parse JSON Lines"] = tmp_path / "lines.jsonl"
    assert runner.invoke(app, ["parse", str(text), str(out["corrected"]), "-o", str(out["parse JSON Lines"])]
                         ).exit_code == 0
    return out


def test_every_command_accepts_every_report_json_the_project_writes(tmp_path: Path,
                                                                    inputs: dict[str, Path]) -> None:
    for kind, path in _project_jsons(tmp_path, inputs).items():
        many = kind == "parse JSON Lines"
        for args in (["check", str(path), "-f", "json"], ["export", str(path), "-o", str(tmp_path / "t.csv")],
                     ["parse", str(path)], ["render", str(path), "-o", str(tmp_path / "r.md"), "--allow-errors"]):
            res = runner.invoke(app, args)
            if many and args[0] == "render":  # render writes one report: it says so
                assert res.exit_code == 2 and "含 2 份报告" in res.stderr
                continue
            assert res.exit_code in (0, 1), (kind, args, res.output)
            assert "错误" not in res.stderr or args[0] == "check", (kind, args, res.stderr)


def test_stdin_and_url(tmp_path: Path, inputs: dict[str, Path]) -> None:
    res = runner.invoke(app, ["check", "-", "-f", "json"], input=inputs["report"].read_bytes())
    assert res.exit_code == 0 and json.loads(res.stdout)["schema"] == "nianbao.report/1"
    res = runner.invoke(app, ["render", str(inputs["report"]), "-o", str(tmp_path / "r.txt")])
    res = runner.invoke(app, ["parse", "-"], input=(tmp_path / "r.txt").read_bytes())
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["source"]["path"] == "-"
    res = runner.invoke(app, ["check", "https://www.example.gov.cn/2023/nb.html"])
    assert res.exit_code == 2
    assert res.stderr.startswith("错误 https://www.example.gov.cn/2023/nb.html: nianbao 不下载网页")


@pytest.mark.parametrize("text, expected", [
    ("机关: 某局\n年度: 2023\n表三:\n  本年新收政府信息公开申请数量: [1, 2, abc, 0, 0, 0]\n",
     "第 4 行 表三 → 本年新收政府信息公开申请数量：“abc”不是数字"),
    ("机关: 某局\n年度: 二零二三\n", "第 2 行 年度：“二零二三”不是年份"),
    ("机关: 某局\n年度: [2023\n表三: 1\n", "不是有效的 YAML：第 3 行第 3 列：列表 [ ] 没有正确结束（缺少逗号或 ]）"),
    ('机关: "某局\n', "不是有效的 YAML：第 2 行第 1 列：引号或括号没有结束"),
])
def test_fill_yaml_errors_name_the_line(tmp_path: Path, text: str, expected: str) -> None:
    data = tmp_path / "填报.yaml"
    data.write_text(text, encoding="utf-8")
    res = runner.invoke(app, ["render", str(data), "-o", str(tmp_path / "x.md")])
    assert res.exit_code == 2
    assert res.stderr == f"错误 {data}: {expected}\n"


# -- rules every command follows, including commands added later --------------------------------

SRC = ROOT / "src" / "nianbao"
# Files allowed to write without writers/output.py, and why: each writes only inside a temporary folder.
TEMPORARY_WRITES = {
    "writers/pdf.py": "the DOCX handed to LibreOffice and its PDF, in a TemporaryDirectory",
    "readers/legacy.py": "the .doc/.wps copy LibreOffice converts, in a TemporaryDirectory",
    "api.py": "standard input copied for a reader, in a TemporaryDirectory",
    "synth/generate.py": "the DOCX of a synthetic PDF, in a TemporaryDirectory",
    "corpus/export.py": "a Parquet export is a folder: written beside the target and swapped in with os.replace "
                        "(CSV/XLSX go through a temporary file the same way)",
}


def test_files_are_written_only_through_writers_output() -> None:
    import re

    pattern = re.compile(r"\.write_text\(|\.write_bytes\(|\bopen\([^)]*['\"][wax]b?['\"]|\.mkdir\(|os\.replace\(")
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel == "writers/output.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line) and rel not in TEMPORARY_WRITES:
                offenders.append(f"{rel}:{n}: {line.strip()}")
    assert offenders == [], offenders


def _commands() -> list[str]:
    import typer

    return sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_short_help_and_chinese_usage_errors(command: str) -> None:
    res = runner.invoke(app, [command, "-h"])
    assert res.exit_code == 0 and "-h" in res.stdout
    res = runner.invoke(app, [command, "--no-such-option"])
    assert res.exit_code == 2 and res.stderr.startswith("错误 没有选项 --no-such-option"), res.stderr
    assert res.stderr.count("\n") == 1


def test_bad_meta_override_is_one_chinese_line(inputs: dict[str, Path]) -> None:
    res = runner.invoke(app, ["parse", str(inputs["report"]), "--meta", "yaer=2020"])
    assert res.exit_code == 2 and res.stderr.startswith("错误 --meta 参数“yaer=2020”无效"), res.stderr
    assert "内部错误" not in res.stderr
