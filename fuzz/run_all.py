"""Run every atheris harness under fuzz/ for N seconds each, in its own subprocess.

Usage::

    python fuzz/run_all.py --seconds 120 [--only fuzz_ingest] [--workdir build/fuzz]

Each harness gets a seed corpus made from corpora/sample (fuzz/_common.py) and
runs with ``-max_total_time=N``. A crash (non-zero exit) fails the run; the
crashing input is kept in ``WORKDIR/<harness>/`` (``crash-*``) — turn it into
a regression test in tests/test_fuzz_regressions.py.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import write_seeds  # noqa: E402

HARNESSES: dict[str, tuple[str, ...]] = {
    "fuzz_ingest": ("utf-8", "gb18030", "utf-16", "utf-16-be"),
    "fuzz_normalize": ("utf-8",),
    "fuzz_extract": ("utf-8",),
    "fuzz_record": ("utf-8",),
}


def run_harness(
    name: str, seconds: int, workdir: Path, *, max_len: int = 4096
) -> tuple[int, float, str]:
    """Run one harness; return (exit code, seconds taken, output tail)."""
    wd = workdir / name
    seeds = write_seeds(wd / "seeds", encodings=HARNESSES[name])
    corpus = wd / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable,
        str(HERE / f"{name}.py"),
        str(corpus),
        str(seeds),
        f"-max_total_time={seconds}",
        f"-max_len={max_len}",
        "-timeout=20",
        "-rss_limit_mb=3072",
        f"-artifact_prefix={wd}/",
        "-print_final_stats=1",
    ]
    t0 = time.perf_counter()
    proc = subprocess.run(
        cmd, capture_output=True, text=True, check=False, timeout=seconds * 4 + 120
    )
    return proc.returncode, time.perf_counter() - t0, (proc.stdout + proc.stderr)[-4000:]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=int, default=120, help="fuzzing time per harness")
    ap.add_argument("--only", action="append", choices=sorted(HARNESSES), help="run only these")
    ap.add_argument("--workdir", default="build/fuzz")
    args = ap.parse_args(argv)
    failed = []
    for name in args.only or sorted(HARNESSES):
        code, took, tail = run_harness(name, args.seconds, Path(args.workdir))
        execs = [ln for ln in tail.splitlines() if "stat::number_of_executed_units" in ln]
        print(
            f"{name}: exit {code} in {took:.0f} s {execs[-1].split(':')[-1].strip() + ' execs' if execs else ''}"
        )
        if code != 0:
            failed.append(name)
            print(tail, file=sys.stderr)
    print("OK" if not failed else f"crashed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
