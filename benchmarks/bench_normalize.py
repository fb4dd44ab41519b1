"""Benchmark the default normalization pipeline against a regex floor.

Usage::

    python benchmarks/bench_normalize.py [--mb 20] [--shared ../shared] [--max-docs 400] [--per-step] [--repeat 3]

Builds >= ``--mb`` MB of notice text (the sample notices, repeated, plus the
shared corpora when present), runs DEFAULT_PIPELINE on every document and,
as a floor measured in the same run, five chained ``re.sub`` passes over the
same text; the two alternate ``--repeat`` times (default 3) and the best of
each is reported, with the ratio of each adjacent pair (the floor itself moves
by almost 2x with other load on a shared virtual machine). Prints MB/s (wall clock and CPU time: CPU time is robust to other
load on the machine), the ratio to the floor, peak memory, and the
distribution of the share of Han characters lost on the shared corpora.
``--per-step`` also prints the CPU seconds of each step (and of the pipeline's
own bookkeeping: composing edits, the Simplified view, script conversion).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from policytext.normalize import DEFAULT_PIPELINE, Pipeline  # noqa: E402

HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
FLOOR = [
    (re.compile(r"\r\n?"), "\n"),
    (re.compile(r"[\u200b-\u200f\ufeff]"), ""),
    (re.compile(r"[ \t\u3000]+"), " "),
    (re.compile(r"(?m)^(?:上一页|下一页|时间[:：]|来源[:：]).*$"), ""),
    (re.compile(r"\n{3,}"), "\n\n"),
]


def read_corpora(shared: Path, max_docs: int | None = None) -> list[tuple[str, str]]:
    """``(name, text)`` of the shared corpora documents (txt, md, csv full_text, jsonl content)."""
    docs: list[tuple[str, str]] = []
    corpora = shared / "corpora"
    if not corpora.is_dir():
        return docs
    csv.field_size_limit(1 << 30)
    for sub in sorted(p for p in corpora.iterdir() if p.is_dir()):
        for p in sorted(sub.rglob("*")):
            if (
                p.name in {"metadata.csv", "SOURCE.md"}
                or not p.is_file()
                or p.name.startswith("run_")
                or p.name.startswith("manual_")
            ):
                continue
            if p.suffix in {".txt", ".md"}:
                docs.append(
                    (f"{sub.name}/{p.name}", p.read_text(encoding="utf-8", errors="replace"))
                )
            elif p.suffix == ".csv":
                with open(p, encoding="utf-8-sig", newline="") as fh:
                    for row in csv.DictReader(fh):
                        if row.get("full_text"):
                            docs.append((f"{sub.name}/{p.name}", row["full_text"]))
            elif p.suffix == ".jsonl":
                with open(p, encoding="utf-8") as fh:
                    for i, line in enumerate(fh):
                        rec = json.loads(line)
                        if rec.get("content"):
                            docs.append((f"{sub.name}/{p.name}#{i}", rec["content"]))
    if max_docs and len(docs) > max_docs:
        step = len(docs) / max_docs
        docs = [docs[int(i * step)] for i in range(max_docs)]
    return docs


class _Timed:
    """A step wrapper adding the CPU time of each call to ``totals[name]``."""

    def __init__(self, step, totals: dict[str, float]) -> None:
        self.step = step
        self.name = getattr(step, "name", None) or step.__name__
        self.totals = totals
        totals.setdefault(self.name, 0.0)

    def __call__(self, text: str, view: str):
        t0 = time.process_time()
        res = self.step(text, view)
        self.totals[self.name] += time.process_time() - t0
        return res


def per_step(docs: list[str]) -> tuple[dict[str, float], float]:
    """CPU seconds of each step of DEFAULT_PIPELINE over ``docs``, and the total."""
    totals: dict[str, float] = {}
    timed = Pipeline(
        [_Timed(s, totals) for s in DEFAULT_PIPELINE.steps],
        convert_script=DEFAULT_PIPELINE.convert_script,
    )
    t0 = time.process_time()
    for t in docs:
        timed.run(t)
    return totals, time.process_time() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=20.0, help="MB of text to normalize (default 20)")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--max-docs", type=int, default=None, help="sample at most N shared documents")
    ap.add_argument(
        "--per-step", action="store_true", help="also print the CPU seconds of each step"
    )
    ap.add_argument(
        "--repeat", type=int, default=3, help="alternated floor/pipeline runs; best reported"
    )
    args = ap.parse_args(argv)

    samples = [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora" / "sample").glob("*.txt"))
    ]
    shared_docs = read_corpora(args.shared, args.max_docs)
    docs = [t for _, t in shared_docs]
    target = int(args.mb * 1e6)
    size = sum(len(t.encode()) for t in docs)
    i = 0
    while size < target:
        t = samples[i % len(samples)]
        docs.append(t)
        size += len(t.encode())
        i += 1
    mb = size / 1e6

    DEFAULT_PIPELINE.run(samples[0])  # load patterns, pypinyin, OpenCC once

    def floor_pass() -> tuple[float, float]:
        t0, c0 = time.perf_counter(), time.process_time()
        for t in docs:
            for rx, rep in FLOOR:
                t = rx.sub(rep, t)
        return time.perf_counter() - t0, time.process_time() - c0

    def pipeline_pass() -> tuple[float, float]:
        # only the pipeline is timed. Results are not kept here: a growing list of edit
        # objects makes the garbage collector traverse them again and again (10-20% on
        # this corpus), which would charge the benchmark's own bookkeeping to the pipeline
        # (the floor keeps nothing either); the Han-loss pass below runs untimed
        run = DEFAULT_PIPELINE.run
        t0, c0 = time.perf_counter(), time.process_time()
        for t in docs:
            run(t)
        return time.perf_counter() - t0, time.process_time() - c0

    # floor and pipeline alternate, so a slow spell of a shared machine hits both alike;
    # the best of each is reported, and the ratio of each adjacent pair
    floors, pipes = [], []
    for r in range(args.repeat):
        for which in ("floor", "pipe") if r % 2 == 0 else ("pipe", "floor"):
            (floors if which == "floor" else pipes).append(
                floor_pass() if which == "floor" else pipeline_pass()
            )
    floor_s, floor_cpu = min(f[0] for f in floors), min(f[1] for f in floors)
    pipe_s, pipe_cpu = min(p[0] for p in pipes), min(p[1] for p in pipes)
    pair_ratios = [f[1] / p[1] for f, p in zip(floors, pipes)]
    results = [DEFAULT_PIPELINE.run(t).edits for _, t in shared_docs]  # untimed
    losses: dict[str, list[float]] = {}
    for (name, t), edits in zip(shared_docs, results):
        han = len(HAN.findall(t))
        if han:
            lost = sum(len(HAN.findall(e.removed)) - len(HAN.findall(e.inserted)) for e in edits)
            losses.setdefault(name.split("/")[0], []).append(lost / han)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"{'measure':<28}{'value':>14}")
    print(f"{'documents':<28}{len(docs):>14}")
    print(f"{'text MB':<28}{mb:>14.1f}")
    print(f"{'floor (5x re.sub) MB/s':<28}{mb / floor_s:>14.2f}")
    print(f"{'DEFAULT_PIPELINE MB/s':<28}{mb / pipe_s:>14.2f}")
    print(f"{'ratio (goal >= 0.4)':<28}{floor_s / pipe_s:>14.3f}")
    print(f"{'floor CPU MB/s':<28}{mb / floor_cpu:>14.2f}")
    print(f"{'DEFAULT_PIPELINE CPU MB/s':<28}{mb / pipe_cpu:>14.2f}")
    print(f"{'CPU ratio':<28}{floor_cpu / pipe_cpu:>14.3f}")
    print(f"{'runs (alternated)':<28}{args.repeat:>14}")
    print(f"{'CPU ratio per pair':<28}{' '.join(f'{x:.3f}' for x in pair_ratios):>14}")
    print(f"{'peak RSS MB':<28}{peak_mb:>14.0f}")
    if args.per_step:
        totals, total = per_step(docs)
        print()
        print(f"{'step (CPU s)':<28}{'seconds':>14}")
        for name, sec in totals.items():
            print(f"{name:<28}{sec:>14.3f}")
        print(f"{'(pipeline bookkeeping)':<28}{total - sum(totals.values()):>14.3f}")
        print(f"{'total':<28}{total:>14.3f}")
    if losses:
        print()
        print(f"{'corpus':<30}{'docs':>6}{'median':>9}{'p90':>9}{'max':>9}{'>5%':>6}")
        for name, vals in sorted(losses.items()):
            vals.sort()
            p90 = vals[min(len(vals) - 1, int(0.9 * len(vals)))]
            print(
                f"{name:<30}{len(vals):>6}{statistics.median(vals):>9.4f}{p90:>9.4f}{vals[-1]:>9.4f}"
                f"{sum(v > 0.05 for v in vals):>6}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
