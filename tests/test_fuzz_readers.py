"""A short fuzz run over every reader (the long one: scripts/fuzz_readers.py).

Mutated text, HTML, DOCX and PDF reports (tests/fuzz_mutate.py: byte flips, truncations,
spliced chunks, zip members and XML of DOCX, PDF objects, pathological text) and hypothesis-made
text must give a Report that can be written, or the documented ReadError with a Chinese reason.
Images: add a seed in fuzz_mutate.seeds() once the OCR reader lands.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fuzz_mutate as fm
import nianbao
from nianbao.errors import ReadError

CASES_PER_SEED = 25


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[str, bytes]]:
    return fm.seeds()


@pytest.mark.parametrize("seed", ["text", "html", "docx", "pdf"])
def test_mutated_reports(seed: str, seeds: dict[str, tuple[str, bytes]], tmp_path: Path) -> None:
    bad = []
    for case in range(CASES_PER_SEED):
        suffix, data = fm.mutate(seed, case, seeds)
        path = tmp_path / f"{case}{suffix}"
        path.write_bytes(data)
        outcome = fm.judge(path, nianbao.parse)
        if outcome.startswith("BAD"):
            bad.append(f"{seed} {case}: {outcome}")
    assert not bad, "\n".join(bad)


# characters that broke readers before: surrogates, NUL and controls, digits, spaces, pipes, CJK
_ALPHABET = st.sampled_from(list("0123456789 \t|\n\r\x00\x07\ud800\udfff=<>&;:：、。一二三四五六七八九十年月日公开申请表")
                            + ["电话：", "字体：", "一、", "（一）", "本年新收政府信息公开申请数量", "99999999999999999999"])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=400).map("".join))
def test_parse_text_never_raises(text: str) -> None:
    try:
        report = nianbao.parse_text(text)
    except ReadError as exc:  # pragma: no cover - the text reader reads any str
        assert fm.CJK.search(exc.reason)
        return
    report.to_json().encode("utf-8")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".html", ".docx", ".pdf"]))
def test_random_bytes_under_any_extension(tmp_path_factory: pytest.TempPathFactory, data: bytes,
                                          suffix: str) -> None:
    path = tmp_path_factory.mktemp("fz") / f"x{suffix}"
    path.write_bytes(data or b"x")
    assert not fm.judge(path, nianbao.parse).startswith("BAD")
