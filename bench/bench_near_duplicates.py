"""雷同 across bodies: MinHash LSH (datasketch) against comparing every pair, on generated sections.

    python bench/bench_near_duplicates.py               # 4,000 sections (pairwise on the first 1,000)
    python bench/bench_near_duplicates.py --n 20000     # LSH only past --pairwise-max

Sections are drawn from a pool of sentences (like real reports, which share much boilerplate), and one
section in 50 is a copy of an earlier one with its numbers changed: the planted pairs. Prints, side by
side, the time per section and the planted pairs found by LSH and by exact pairwise Jaccard of the same
masked 4-gram sets, and the LSH index's memory (tracemalloc peak).
"""

from __future__ import annotations

import argparse
import random
import time
import tracemalloc

from nianbao.compare.near_duplicates import DEFAULT_THRESHOLD, near_duplicates, shingles

SENTENCES = [
    "坚持以公开为常态、不公开为例外", "认真贯彻落实政府信息公开条例", "围绕中心工作加强主动公开", "规范依申请公开办理流程",
    "强化政策解读和回应关切", "加强政府网站和政务新媒体管理", "完善政府信息公开指南和目录", "落实保密审查制度",
    "开展业务培训提升工作能力", "将政务公开纳入绩效考核", "推进基层政务公开标准化规范化", "优化政务服务事项办事指南",
    "及时发布通知公告和工作动态", "做好重大行政决策预公开", "加强公开平台建设", "办理人大代表建议和政协委员提案",
]


def section(rng: random.Random) -> str:
    parts = rng.sample(SENTENCES, rng.randint(4, 8))
    parts.insert(rng.randint(0, len(parts)), f"全年主动公开政府信息{rng.randint(10, 9999)}条")
    parts.insert(rng.randint(0, len(parts)), f"收到依申请公开{rng.randint(1, 300)}件")
    return "，".join(parts) + "。"


def corpus(n: int, seed: int = 0) -> tuple[list[tuple[str, str, str]], set[frozenset[str]]]:
    rng = random.Random(seed)
    items: list[tuple[str, str, str]] = []
    planted: set[frozenset[str]] = set()
    for i in range(n):
        if i > 10 and i % 50 == 0:
            j = rng.randrange(i)
            text = items[j][2]
            for old in set(filter(str.isdigit, text)):
                text = text.replace(old, str(rng.randint(0, 9)))
            planted.add(frozenset((items[j][0], f"r{i}")))
        else:
            text = section(rng)
        items.append((f"r{i}", "1", text))
    return items, planted


def pairwise(items: list[tuple[str, str, str]], threshold: float) -> set[frozenset[str]]:
    sets = [(rid, shingles(text)) for rid, _, text in items]
    found = set()
    for i, (a, sa) in enumerate(sets):
        for b, sb in sets[:i]:
            if len(sa & sb) / len(sa | sb) >= threshold:
                found.add(frozenset((a, b)))
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=4000)
    ap.add_argument("--pairwise-max", type=int, default=1000)
    ap.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    args = ap.parse_args()
    items, planted = corpus(args.n)
    import datasketch  # noqa: F401  (imported before the clock starts: it loads scipy, ~2 s)

    tracemalloc.start()
    t0 = time.process_time()
    lsh = {frozenset((d.a_id, d.b_id)) for d in near_duplicates(items, threshold=args.threshold)}
    t_lsh = time.process_time() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"sections {args.n}, planted copies {len(planted)}, threshold {args.threshold}")
    print(f"{'method':<10} {'sections':>8} {'ms/section':>11} {'planted found':>14} {'other pairs':>12}")
    print(f"{'lsh':<10} {args.n:>8} {1000 * t_lsh / args.n:>11.3f} {len(planted & lsh):>14} {len(lsh - planted):>12}"
          f"   (peak {peak / 2**20:.1f} MiB, {peak / args.n:.0f} B/section)")
    m = min(args.n, args.pairwise_max)
    sub = items[:m]
    keep = {rid for rid, _, _ in sub}
    t0 = time.process_time()
    exact = pairwise(sub, args.threshold)
    t_pair = time.process_time() - t0
    sub_planted = {p for p in planted if p <= keep}
    sub_lsh = {p for p in lsh if p <= keep}
    print(f"{'pairwise':<10} {m:>8} {1000 * t_pair / m:>11.3f} {len(sub_planted & exact):>14} "
          f"{len(exact - sub_planted):>12}   (on the first {m}; LSH found {len(sub_lsh & exact)}/{len(exact)} "
          f"of these pairs)")


if __name__ == "__main__":
    main()
