"""Metadata field accuracy over the hand-written openings (tests/fixtures/metadata/openings.yaml).

    python bench/bench_metadata.py [--show-misses] [--repeat N]

Three files: openings.yaml (written with the mechanism), openings_holdout.yaml and pages.yaml (HTML
pages), both written after it and run once before any change (first scores in docs/metadata.md). Prints accuracy of organisation, kind, year and region (province + most specific place), the
number of invented or fragment names (an organisation the text does not print, or one starting
with a sentence word such as 请/通过/以及/对/现), and the time per opening with the gazetteer
loaded once (first-use cost printed separately). Goal: >= 95 % each, 0 invented/fragments.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

import yaml

import nianbao
from nianbao.extract import extract
from nianbao.extract.gazetteer import gazetteer
from nianbao.readers.html import read_html

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "metadata"
FILES = ("openings.yaml", "openings_holdout.yaml", "pages.yaml")
_FRAGMENT_START = re.compile(r"^(?:请|通过|以及|及|对|现|向|由|经|在|将|和|与|根据|按照)")


def place_of(meta: nianbao.model.Meta) -> tuple[str | None, str | None]:
    return (meta.region.province, meta.region.place()) if meta.region else (None, None)


def meta_of(case: dict) -> nianbao.model.Meta:
    """The meta of a text opening (parse_text) or of a page (the HTML reader, then extraction)."""
    if "html" in case:
        return extract(read_html(case["html"]), case.get("meta")).meta
    return nianbao.parse_text(case["text"], meta=case.get("meta")).meta


def run(cases: list[dict], show: bool) -> dict[str, int]:
    score = {"organization": 0, "kind": 0, "year": 0, "region": 0, "normalized": 0, "normalized_n": 0,
             "invented": 0, "fragment": 0}
    for case in cases:
        exp = case["expect"]
        m = meta_of(case)
        source = case.get("text") or case["html"]
        got_region = place_of(m)
        ok = {
            "organization": m.organization == exp["organization"],
            "kind": m.body_kind == exp["kind"],
            "year": m.year == exp["year"],
            "region": got_region == (exp["province"], exp["place"]),
        }
        for k, v in ok.items():
            score[k] += v
        if "normalized" in exp:
            score["normalized_n"] += 1
            score["normalized"] += m.organization_normalized == exp["normalized"]
        if m.organization and m.organization not in source:
            score["invented"] += 1
            ok["invented"] = False
        if m.organization and _FRAGMENT_START.match(m.organization):
            score["fragment"] += 1
            ok["fragment"] = False
        if show and not all(ok.values()):
            print(f"  {case['id']}: org={m.organization!r} kind={m.body_kind} year={m.year} region={got_region}"
                  f" | expected {exp}")
    return score


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    t0 = time.perf_counter()
    gazetteer()
    load = time.perf_counter() - t0
    every: list[dict] = []
    for name in FILES:
        cases = yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))
        every += cases
        report(name, cases, run(cases, args.show_misses))
    report("all", every, run(every, False))
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        run(every, False)
    per = (time.perf_counter() - t0) / (args.repeat * len(every)) * 1000
    print(f"gazetteer first use {load * 1000:.0f} ms (once per process); per opening (read + extract + checks) {per:.2f} ms")


def report(name: str, cases: list[dict], score: dict[str, int]) -> None:
    n = len(cases)
    print(f"{name}: {n} openings")
    for k in ("organization", "kind", "year", "region"):
        print(f"  {k:<13}{score[k]:>4}/{n}  {100 * score[k] / n:5.1f} %")
    if score["normalized_n"]:
        print(f"  {'normalized':<13}{score['normalized']:>4}/{score['normalized_n']}")
    print(f"  invented names {score['invented']}, fragment names {score['fragment']}")


if __name__ == "__main__":
    main()
