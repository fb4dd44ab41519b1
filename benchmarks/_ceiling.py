"""What this machine gives two processes: the speedup ceiling for parallel benchmarks.

A virtual machine's "2 CPUs" may be two hyperthreads of one host core, or share
their core with other guests; then no program gets 2x from two processes. This
module measures the ceiling in the same run as a parallel benchmark: the same
CPU-bound pure-Python work (integer arithmetic, small string allocations, no I/O,
no shared data) run ``n`` times in a row in one process, then in ``n`` forked
processes at once. A parallel speedup is read against this number: 1.5x on a
machine whose ceiling is 1.55x is 97% efficiency.

Usage::

    python benchmarks/_ceiling.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time


def _work(n: int = 2_000_000) -> int:
    """About 0.25 s of CPU-bound Python: arithmetic and short-lived small strings."""
    acc = 0
    for i in range(n):
        acc += i * i % 7
        if i % 8 == 0:
            acc += len(str(i))
    return acc


def parallel_ceiling(n: int = 2, repeat: int = 3) -> dict[str, float | list[float]]:
    """Serial / parallel wall time of ``n`` copies of :func:`_work`, alternated ``repeat`` times.

    Returns ``best`` and ``median`` of the per-pair ratios and the ratios themselves
    (``ratios``). Linux/macOS only (``os.fork``); ``{}`` elsewhere.
    """
    if not hasattr(os, "fork"):
        return {}
    ratios = []
    _work(200_000)  # warm the interpreter
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(n):
            _work()
        serial = time.perf_counter() - t0
        t0 = time.perf_counter()
        pids = []
        for _ in range(n):
            pid = os.fork()
            if pid == 0:  # child: do one share and leave without cleanup
                try:
                    _work()
                finally:
                    os._exit(0)
            pids.append(pid)
        for pid in pids:
            os.waitpid(pid, 0)
        ratios.append(serial / (time.perf_counter() - t0))
    return {
        "best": round(max(ratios), 2),
        "median": round(statistics.median(ratios), 2),
        "ratios": [round(r, 2) for r in ratios],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2, help="processes (default 2)")
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    c = parallel_ceiling(a.n, a.repeat)
    print(
        f"{a.n} independent CPU-bound processes vs the same work in one: "
        f"best {c['best']}x, median {c['median']}x (pairs {c['ratios']}); "
        f"load {'/'.join(f'{x:.2f}' for x in os.getloadavg())}"
    )


if __name__ == "__main__":
    main()
