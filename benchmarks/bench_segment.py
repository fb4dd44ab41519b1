"""Segmentation throughput: plain ``jieba.lcut`` vs policytext's default backend.

Usage: python benchmarks/bench_segment.py [--mb 20] [--jieba-mb 2]

Builds a >= 20 MB text from ../shared/corpora (city-gwr-2024, national-gwr-congress,
local-regulations, repeated as needed). jieba is slow, so it is timed on a 2 MB
slice and its MB/s extrapolated; policytext runs on the full text. Also reports
backend token agreement (HMM off both), parallel speedup n_process=2 vs 1 and
peak memory (ru_maxrss).
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"


def load_texts(mb: float) -> list[str]:
    texts = [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted((SHARED / "city-gwr-2024" / "texts").glob("*.txt"))
    ]
    for f in sorted((SHARED / "national-gwr-congress").glob("*.jsonl")):
        texts += [json.loads(line).get("content", "") for line in f.open(encoding="utf-8")]
    texts += [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted((SHARED / "local-regulations" / "texts").glob("*.txt"))[:2000]
    ]
    out, size, i = [], 0, 0
    while size < mb * 1e6:
        t = texts[i % len(texts)]
        out.append(t)
        size += len(t.encode("utf-8"))
        i += 1
    return out


def mbs(texts: list[str], seconds: float) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6 / seconds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=20)
    ap.add_argument("--jieba-mb", type=float, default=2)
    a = ap.parse_args()
    import jieba

    from policytext.segment import Segmenter, segment_texts

    texts = load_texts(a.mb)
    total_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    sl, s = [], 0.0
    for t in texts:
        sl.append(t)
        s += len(t.encode("utf-8")) / 1e6
        if s >= a.jieba_mb:
            break
    jieba.setLogLevel(60)
    jieba.initialize()
    t0 = time.perf_counter()
    for t in sl:
        jieba.lcut(t)
    j_mbs = mbs(sl, time.perf_counter() - t0)

    seg = Segmenter()
    seg("预热")
    t0 = time.perf_counter()
    segment_texts(texts, segmenter=seg, n_process=1)
    t1 = time.perf_counter() - t0
    d_mbs = total_mb / t1
    t0 = time.perf_counter()
    segment_texts(texts, segmenter=seg, n_process=2)
    t2 = time.perf_counter() - t0

    ref = Segmenter(backend="jieba")
    same = total = 0
    for t in sl[:200]:
        ta, tb = seg(t), ref(t)
        bounds_a, pos = set(), 0
        for x in ta:
            bounds_a.add((pos, pos + len(x)))
            pos += len(x)
        pos = 0
        for x in tb:
            same += (pos, pos + len(x)) in bounds_a
            pos += len(x)
        total += max(len(ta), len(tb))
    print(f"text: {total_mb:.1f} MB ({len(texts)} documents); jieba timed on a {s:.1f} MB slice")
    print(f"jieba.lcut (HMM on, default):        {j_mbs:6.2f} MB/s")
    print(
        f"policytext default ({seg.backend_name}, protected spans): {d_mbs:6.2f} MB/s  ({d_mbs / j_mbs:.1f}x jieba)"
    )
    print(
        f"token agreement rjieba vs jieba backend (HMM off, 2 MB slice): {100 * same / total:.2f}%"
    )
    print(f"parallel n_process=2: {t2:.1f}s vs n_process=1: {t1:.1f}s -> speedup {t1 / t2:.2f}x")
    print(
        f"peak memory (ru_maxrss): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
