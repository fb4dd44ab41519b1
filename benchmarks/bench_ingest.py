"""Ingestion throughput: MB/s and docs/s on a ≥ 20 MB directory built from the sample notices.

Usage::

    python benchmarks/bench_ingest.py [--mb 24] [--workdir build/bench_ingest]

A quarter of the files are UTF-8 (the fast path), the rest GB18030, Big5
(traditional, converted with OpenCC) and UTF-16, so the encoding-detection
path is measured too. Reports per-encoding figures and the peak RSS.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "corpora" / "sample"
ENCODINGS = ("utf-8", "gb18030", "big5", "utf-16")


def build(workdir: Path, total_mb: float) -> dict[str, Path]:
    """Write about ``total_mb`` MB of notices, one subdirectory per encoding."""
    from policytext._opencc import get_converter

    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE_DIR.glob("*.txt"))]
    trad = [get_converter("s2t").convert(t) for t in texts]
    if workdir.exists():
        shutil.rmtree(workdir)
    dirs = {}
    per_enc = total_mb * 1e6 / len(ENCODINGS)
    for enc in ENCODINGS:
        d = workdir / enc.replace("-", "")
        d.mkdir(parents=True)
        size, i = 0, 0
        while size < per_enc:
            src = trad if enc == "big5" else texts
            data = src[i % len(src)].encode(enc, errors="replace")
            (d / f"{i:05d}.txt").write_bytes(data)
            size += len(data)
            i += 1
        dirs[enc] = d
    return dirs


def bench(dirs: dict[str, Path]) -> list[tuple[str, int, float, float]]:
    from policytext.ingest import iter_documents

    rows = []
    for enc, d in dirs.items():
        nbytes = sum(p.stat().st_size for p in d.iterdir())
        t0 = time.perf_counter()
        n = 0
        for doc in iter_documents([d]):
            assert not doc.errors, doc.errors
            n += 1
        rows.append((enc, n, nbytes, time.perf_counter() - t0))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=24.0)
    ap.add_argument("--workdir", default="build/bench_ingest")
    args = ap.parse_args(argv)
    dirs = build(Path(args.workdir), args.mb)
    rows = bench(dirs)
    tot_n = sum(r[1] for r in rows)
    tot_b = sum(r[2] for r in rows)
    tot_t = sum(r[3] for r in rows)
    print(f"{'encoding':10s} {'docs':>6s} {'MB':>7s} {'docs/s':>9s} {'MB/s':>7s}")
    for enc, n, b, t in rows:
        print(f"{enc:10s} {n:6d} {b / 1e6:7.1f} {n / t:9.0f} {b / 1e6 / t:7.1f}")
    print(
        f"{'all':10s} {tot_n:6d} {tot_b / 1e6:7.1f} {tot_n / tot_t:9.0f} {tot_b / 1e6 / tot_t:7.1f}"
    )
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
