"""Run every benchmark once, one after the other, and keep their output (``make bench``).

Each benchmark is its own script (see benchmarks/README.md) and prints its
throughput side by side with its baseline; this runner only sequences them
(never in parallel: they measure single-core speed) and tees the output to
``benchmarks/out/``.

Usage::

    python benchmarks/run_all.py            # all, default sizes
    python benchmarks/run_all.py --quick    # smaller inputs
    python benchmarks/run_all.py normalize segment
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: name → (script, default args, quick args)
BENCHMARKS: dict[str, tuple[str, list[str], list[str]]] = {
    "ingest": ("bench_ingest.py", ["--mb", "24"], ["--mb", "5"]),
    "normalize": ("bench_normalize.py", ["--mb", "20"], ["--mb", "5"]),
    "extract": ("bench_extract.py", ["--mb", "20"], ["--mb", "5"]),
    "segment": ("bench_segment.py", ["--mb", "20"], ["--mb", "5", "--jieba-mb", "1"]),
    "slogans": ("bench_slogans.py", ["--mb", "20"], ["--mb", "5"]),
    "compare": ("bench_compare.py", [], ["--skip-topics"]),
    "metadata": ("report_metadata.py", [], ["--limit", "200"]),
    "formulas": ("top_formulas.py", [], []),
    "dask": ("bench_dask.py", ["--workers", "2"], ["--workers", "2", "--limit-mb", "5"]),
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*", help=f"subset of {list(BENCHMARKS)}")
    ap.add_argument("--quick", action="store_true", help="smaller inputs")
    a = ap.parse_args(argv)
    names = a.names or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        ap.error(f"unknown benchmark(s) {unknown}; choose from {list(BENCHMARKS)}")
    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    failed = []
    for name in names:
        script, args, quick = BENCHMARKS[name]
        cmd = [sys.executable, str(HERE / script), *(quick if a.quick else args)]
        sys.stdout.write(f"\n=== {name}: {' '.join(cmd[1:])}  (load {os.getloadavg()[0]:.2f})\n")
        sys.stdout.flush()
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        log = proc.stdout + proc.stderr
        (out_dir / f"{name}.txt").write_text(log, encoding="utf-8")
        sys.stdout.write(log)
        sys.stdout.write(f"--- {name}: exit {proc.returncode}, {time.perf_counter() - t0:.0f} s\n")
        if proc.returncode:
            failed.append(name)
    if failed:
        sys.stdout.write(f"\nfailed: {failed}\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
