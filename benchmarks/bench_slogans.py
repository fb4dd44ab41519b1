"""Slogan/formula extraction throughput (MB/s) on ../shared/corpora texts.

Usage: python benchmarks/bench_slogans.py [--mb 10]
"""

from __future__ import annotations

import argparse
import time

from bench_segment import load_texts


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=10)
    a = ap.parse_args()
    from policytext.extract.slogans import extract_slogans_text

    texts = load_texts(a.mb)
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    extract_slogans_text("以“12345”为载体")  # load tables
    t0 = time.perf_counter()
    n = 0
    for t in texts:
        r = extract_slogans_text(t)
        n += len(r["formulas"]) + len(r["slogans"]) + len(r["themes"])
    dt = time.perf_counter() - t0
    print(f"{size:.1f} MB, {len(texts)} documents, {n} items: {size / dt:.2f} MB/s")


if __name__ == "__main__":
    main()
