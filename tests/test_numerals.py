"""The numeral classes built from normalize's one table match the year and outline forms reports print."""

from __future__ import annotations

import pytest

from nianbao.extract.labels import _STRAY
from nianbao.extract.metadata import _YEAR_IN_TITLE
from nianbao.extract.organization import _TITLE_CUT
from nianbao.readers.html import _SECTION_START


@pytest.mark.parametrize("year", ["二〇二一", "二○二一", "二零二一", "二〇一九", "2021"])
def test_year_in_title(year: str) -> None:
    assert _YEAR_IN_TITLE.search(f"某某县{year}年政府信息公开工作年度报告").group(1) == year
    assert _TITLE_CUT.search(f"某某县{year}年").group(0) == year


@pytest.mark.parametrize("text", ["三〇二一年", "二一二一年", "二〇二年"])
def test_not_a_year(text: str) -> None:
    assert _YEAR_IN_TITLE.search(text) is None


def test_outline_numerals() -> None:
    assert _SECTION_START.match("六、存在的主要问题")
    assert not _SECTION_START.match("七、其他")
    assert _STRAY.match("表 （十）")
    assert not _STRAY.match("表 （十一二三）")
