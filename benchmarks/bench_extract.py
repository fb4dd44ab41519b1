"""Throughput of the metadata, outline, phases and region extractors (single core).

Runs on >= 20 MB of text: the sample corpus repeated plus ../shared/corpora
texts; prints MB/s (UTF-8 bytes of ``doc.text``) by wall clock and by the
process' CPU time (the CPU figure is the stable one on a shared machine), and
peak memory.

    .venv/bin/python benchmarks/bench_extract.py [--mb 20]
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from policytext import Document
from policytext.extract import extract

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"
FIELDS = ["metadata", "outline", "phases", "region"]


def _texts(target_bytes: int) -> list[str]:
    texts = [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora" / "sample").glob("*.txt"))
    ]
    for sub in ("city-gwr-2024", "local-regulations"):
        for p in sorted((SHARED / sub / "texts").rglob("*"))[:2000]:
            if p.is_file():
                texts.append(p.read_text(encoding="utf-8", errors="replace"))
    out, size, i = [], 0, 0
    while size < target_bytes and texts:
        t = texts[i % len(texts)]
        out.append(t)
        size += len(t.encode("utf-8"))
        i += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=20.0)
    a = ap.parse_args()
    texts = _texts(int(a.mb * 1e6))
    total = sum(len(t.encode("utf-8")) for t in texts)
    extract(Document(id="warm", raw=texts[0]), only=FIELDS)  # load the gazetteer once
    t0, c0 = time.perf_counter(), time.process_time()
    for i, t in enumerate(texts):
        extract(Document(id=str(i), raw=t), only=FIELDS)
    dt, ct = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"docs={len(texts)} bytes={total / 1e6:.1f}MB time={dt:.1f}s speed={total / 1e6 / dt:.2f}MB/s "
        f"cpu={ct:.1f}s cpu_speed={total / 1e6 / ct:.2f}MB/s peak_rss={peak:.0f}MB"
    )


if __name__ == "__main__":
    main()
