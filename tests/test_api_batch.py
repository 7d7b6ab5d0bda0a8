"""`nianbao.parse_many` and `nianbao.batch`: a batch goes on past bad files; the GC freeze is undone."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import nianbao
from nianbao import ReadError

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "linchuan_2023.txt"


def test_parse_many_goes_on_past_bad_files(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    shutil.copy(EXAMPLE, good)
    empty = tmp_path / "b.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "c.html"
    results = list(nianbao.parse_many([good, empty, missing, str(good)]))
    assert [p.name for p, _ in results] == ["a.txt", "b.txt", "c.html", "a.txt"]
    assert isinstance(results[0][1], nianbao.Report) and isinstance(results[3][1], nianbao.Report)
    for _, err in results[1:3]:
        assert isinstance(err, ReadError)
    assert "b.txt" in str(results[1][1]) and "c.html" in str(results[2][1])
    assert results[0][1].to_json() == results[3][1].to_json()
    assert results[0][1].to_json() == nianbao.parse(good).to_json()


def test_batch_freezes_once_and_undoes_it() -> None:
    before = gc.get_freeze_count()
    threshold = gc.get_threshold()
    with nianbao.batch():
        assert gc.get_threshold()[0] >= 5000 and gc.get_threshold()[1:] == threshold[1:]
        frozen = gc.get_freeze_count()
        assert frozen > before
        with nianbao.batch():  # nested: no second freeze
            assert gc.get_freeze_count() == frozen
        assert gc.get_freeze_count() == frozen
        assert gc.get_threshold()[0] >= 5000  # the inner batch did not restore it
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == threshold


def test_batch_is_undone_when_the_loop_fails() -> None:
    try:
        with nianbao.batch():
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold()[0] < 5000


def test_parse_many_leaves_the_gc_alone_unless_asked() -> None:
    """Issue 17: between two results (the caller's code) and after, the caller's GC settings hold."""
    before = gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()
    it = nianbao.parse_many([EXAMPLE, EXAMPLE])
    for _ in it:
        assert (gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()) == before
    assert (gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()) == before


def test_abandoned_parse_many_releases_the_freeze() -> None:
    it = nianbao.parse_many([EXAMPLE, EXAMPLE], tune_gc=True)
    next(it)
    assert gc.get_freeze_count() > 0
    it.close()  # the caller stops early
    assert gc.get_freeze_count() == 0


def test_parse_many_restores_a_callers_custom_threshold() -> None:
    saved = gc.get_threshold()
    gc.set_threshold(123, 4, 5)
    try:
        results = list(nianbao.parse_many([EXAMPLE]))
        assert gc.get_threshold() == (123, 4, 5)
        assert results[0][1].meta.year is not None
    finally:
        gc.set_threshold(*saved)


def test_parse_many_takes_a_path_or_a_folder(tmp_path: Path) -> None:
    """A str is one path (not an iterable of characters); a folder is walked in name order."""
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "sub/a.txt"):
        (tmp_path / name).write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "notes.xyz").write_text("not a report")
    one = list(nianbao.parse_many(str(tmp_path / "b.txt")))
    assert [p.name for p, _ in one] == ["b.txt"] and not isinstance(one[0][1], Exception)
    folder = list(nianbao.parse_many(str(tmp_path)))
    assert [p.relative_to(tmp_path).as_posix() for p, _ in folder] == ["b.txt", "sub/a.txt"]
    assert [p.name for p, _ in nianbao.parse_many(tmp_path)] == ["b.txt", "a.txt"]
