"""Segmentation throughput: plain ``jieba.lcut`` vs raw rjieba vs policytext's default segmenter.

Usage: python benchmarks/bench_segment.py [--mb 20] [--jieba-mb 2] [--repeat 3]

Builds a >= 20 MB text from ../shared/corpora (city-gwr-2024, national-gwr-congress,
local-regulations, repeated as needed) and prints, in one run on that text:

- plain ``jieba.lcut`` (HMM on, its default) MB/s, timed on a slice (``--jieba-mb``,
  jieba is slow) and said so;
- raw ``rjieba`` (``Jieba().cut(text, False)``, no protected spans) MB/s on the full text;
- policytext's default :class:`Segmenter` (protected spans, whitespace dropped)
  MB/s on the full text, and its ratio to jieba;
- token-boundary agreement of the default segmenter with the reference jieba backend;
- ``segment_texts`` with ``n_process=2`` vs ``1`` on the full text, alternated
  (``max(2, --repeat)`` pairs): best-of speedup, the median of the first two pairs,
  every pair's ratio with the CPU seconds other processes took meanwhile (a pair
  with more than a few hundredths is not an idle-machine number), a CPU-time
  bound, and the load average around them;
- the machine's own two-process ceiling measured right after the pairs
  (``benchmarks/_ceiling.py``: the same pure-Python work in two forked processes vs
  one after the other), and the speedup as a share of it;
- peak memory (ru_maxrss, this process and the pool workers) and the load average
  before and after (the machine is shared: read the MB/s next to it).

Wall-clock numbers are the best of ``--repeat`` runs; CPU-time MB/s (``process_time``)
is printed beside them because it moves less with other processes' load.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"
sys.path.insert(0, str(ROOT / "benchmarks"))

from _ceiling import parallel_ceiling  # noqa: E402


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


def best_of(repeat: int, fn) -> tuple[float, float]:
    """Best wall time and best CPU time (this process) over ``repeat`` calls."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall = min(wall, time.perf_counter() - w0)
        cpu = min(cpu, time.process_time() - c0)
    return wall, cpu


def parallel_pairs(texts, seg, runs: int) -> list[tuple[float, float, float, float, float]]:
    """``runs`` alternated ``n_process=1`` / ``=2`` calls of ``segment_texts`` on the full text.

    Each tuple: serial wall, parallel wall, serial CPU, the caller's CPU in the
    parallel call, the worker's CPU (``RUSAGE_CHILDREN`` delta), and the CPU
    seconds other processes used during the pair (``/proc/stat``; nan elsewhere).
    """
    from policytext.segment import segment_texts

    def kids() -> float:
        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        return r.ru_utime + r.ru_stime

    def machine_busy() -> float:
        try:
            with open("/proc/stat") as fh:
                v = [int(x) for x in fh.readline().split()[1:]]
        except OSError:
            return float("nan")
        return (sum(v) - v[3] - v[4]) / os.sysconf("SC_CLK_TCK")

    out = []
    for _ in range(runs):
        b0, m0 = machine_busy(), time.process_time() + kids()
        w0, c0 = time.perf_counter(), time.process_time()
        segment_texts(texts, segmenter=seg, n_process=1)
        w1, c1, k1 = time.perf_counter(), time.process_time(), kids()
        segment_texts(texts, segmenter=seg, n_process=2)
        w2, c2, k2 = time.perf_counter(), time.process_time(), kids()
        foreign = (machine_busy() - b0) - (c2 + k2 - m0)
        out.append((w1 - w0, w2 - w1, c1 - c0, c2 - c1, k2 - k1, foreign))
    return out


def load() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=20)
    ap.add_argument("--jieba-mb", type=float, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    import jieba
    import rjieba

    from policytext.segment import Segmenter, segment_texts

    load0 = load()
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
    j_wall, j_cpu = best_of(1, lambda: [jieba.lcut(t) for t in sl])

    rj = rjieba.Jieba()
    rj.cut("预热", False)
    r_wall, r_cpu = best_of(a.repeat, lambda: [rj.cut(t, False) for t in texts])

    seg = Segmenter()
    seg("预热")
    d_wall, d_cpu = best_of(a.repeat, lambda: segment_texts(texts, segmenter=seg, n_process=1))
    load_p0 = load()
    pairs = parallel_pairs(texts, seg, max(2, a.repeat))
    load1 = load()
    ceiling = parallel_ceiling(2, max(3, a.repeat))
    p_wall = min(p[1] for p in pairs)
    s_wall = min(d_wall, *(p[0] for p in pairs))
    ratios = [f"{p[0] / p[1]:.2f} (others {p[5]:.2f} CPU-s)" for p in pairs]
    med2 = statistics.median(p[0] / p[1] for p in pairs[:2])
    cpu_ratio = statistics.median(p[2] / max(p[3], p[4]) for p in pairs)

    ref = Segmenter(backend="jieba")
    same = total = 0
    for t in sl:
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

    j_mbs, d_mbs = s / j_wall, total_mb / d_wall
    print(f"text: {total_mb:.1f} MB ({len(texts)} documents); {os.cpu_count()} CPUs")
    print(f"load average (1/5/15 min): {load0} before, {load1} after the timings")
    print(
        f"jieba.lcut (HMM on, default), on a {s:.1f} MB slice: "
        f"{j_mbs:6.2f} MB/s  (CPU {s / j_cpu:.2f})"
    )
    print(
        f"raw rjieba cut (HMM off, no protection), full text:  "
        f"{total_mb / r_wall:6.2f} MB/s  (CPU {total_mb / r_cpu:.2f})"
    )
    print(
        f"policytext default ({seg.backend_name}, protected spans), full text: "
        f"{d_mbs:6.2f} MB/s  (CPU {total_mb / d_cpu:.2f})  -> {d_mbs / j_mbs:.1f}x jieba.lcut"
    )
    print(
        f"token agreement with the jieba backend (HMM off, the {s:.1f} MB slice): "
        f"{100 * same / total:.2f}%"
    )
    print(
        f"segment_texts n_process=2: {p_wall:.2f}s vs n_process=1: {s_wall:.2f}s "
        f"(best of {len(pairs)} alternated runs) -> speedup {s_wall / p_wall:.2f}x; "
        f"median of the first 2 paired runs {med2:.2f}x;\n  per pair {', '.join(ratios)};\n"
        f"  CPU-time bound (serial CPU / max(caller, worker) CPU) {cpu_ratio:.2f}x; "
        f"load {load_p0} before, {load1} after"
    )
    if ceiling:
        print(
            f"machine ceiling (2 independent CPU-bound processes vs 1): best {ceiling['best']}x, "
            f"median {ceiling['median']}x (pairs {ceiling['ratios']}); "
            f"speedup / best ceiling = {s_wall / p_wall / ceiling['best']:.0%}"
        )
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory (ru_maxrss): {own:.0f} MB this process, {kids:.0f} MB largest worker")


if __name__ == "__main__":
    main()
