"""Run ``policytext extract`` and the Python batch API over a stress corpus and check the contract.

Usage::

    python benchmarks/stress_corpus.py --out build/stress --files 10000
    python benchmarks/stress_run.py build/stress [--time-limit 30]

Checks (exit status 1 when one fails): zero crashes; exit code 0; exactly one
record per input entry, in input order; every record with empty text from a
non-empty readable input has ``errors``; every unreadable entry has
``errors``; a one-line summary on stderr; peak RSS of the CLI below
``--max-rss-mb``. Prints files, failures by kind, files/s, MB/s and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

DELETED_NAME = "zz_deleted_between_listing_and_reading.txt"


def _input_bytes(files: list[Path]) -> int:
    total = 0
    for p in files:
        try:
            if p.is_file():
                total += p.stat().st_size
        except OSError:
            pass
    return total


def run_cli(corpus: Path, out: Path, *, time_limit: float) -> dict[str, Any]:
    """Run the CLI in a child process; return its figures and problems found."""
    from policytext.batch import failure_kind
    from policytext.ingest import expand_paths

    files = expand_paths([corpus])
    cmd = [
        sys.executable,
        "-c",
        "from policytext.cli import main; main()",
        "extract",
        str(corpus),
        "--format",
        "jsonl",
        "-o",
        str(out),
        "--time-limit",
        str(time_limit),
        "--no-progress",
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    problems: list[str] = []
    if proc.returncode != 0:
        problems.append(f"exit code {proc.returncode}: {proc.stderr[-2000:]}")
    if "Traceback" in proc.stderr:
        problems.append("traceback on stderr:\n" + proc.stderr[-3000:])
    summary = [ln for ln in proc.stderr.splitlines() if ln.startswith("policytext extract:")]
    if len(summary) != 1:
        problems.append(f"expected one summary line on stderr, got {summary!r}")
    records = []
    if out.exists():
        with open(out, encoding="utf-8") as fh:
            records = [json.loads(line) for line in fh]
    problems += check_records(records, files)
    kinds = Counter(failure_kind(r["errors"][0]) for r in records if r["errors"])
    return {
        "files": len(files),
        "records": len(records),
        "failures": dict(sorted(kinds.items())),
        "seconds": wall,
        "files_per_s": len(files) / wall if wall else 0.0,
        "mb_per_s": _input_bytes(files) / 1e6 / wall if wall else 0.0,
        "input_mb": _input_bytes(files) / 1e6,
        "peak_rss_mb": max(peak_kb, before) / 1024,
        "summary": summary[0] if summary else "",
        "problems": problems,
    }


def check_records(records: list[dict[str, Any]], files: list[Path]) -> list[str]:
    """Problems with ``records`` as the output for ``files`` (empty list: all good)."""
    from policytext.record import RECORD_KEYS

    problems = []
    if len(records) != len(files):
        problems.append(f"{len(records)} records for {len(files)} inputs")
    for i, (rec, path) in enumerate(zip(records, files)):
        if rec.get("source") != str(path):
            problems.append(
                f"record {i}: source {rec.get('source')!r} != input {str(path)!r} (order)"
            )
            break
        missing = [k for k in RECORD_KEYS if k not in rec]
        if missing:
            problems.append(f"record {i}: keys missing {missing}")
        unreadable = not (path.is_file() and not path.is_symlink()) or _size(path) == 0
        if unreadable and not rec["errors"]:
            problems.append(f"record {i} ({path.name}): unreadable/empty input without errors")
        if not rec["text"] and _size(path) > 0 and not rec["errors"]:
            problems.append(f"record {i} ({path.name}): lost text without errors")
        if "timeout" in rec["flags"] and not rec["text"] and _size(path) > 0:
            problems.append(f"record {i} ({path.name}): timeout lost the raw text")
    return problems


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


def run_api(corpus: Path, *, time_limit: float, delete_hook: bool = True) -> dict[str, Any]:
    """Run the Python batch API in this process; simulate a file deleted after listing."""
    from policytext.batch import failure_kind, process_document
    from policytext.ingest import expand_paths, read_paths
    from policytext.record import to_json

    files = expand_paths([corpus])
    doomed = corpus / DELETED_NAME
    if delete_hook and doomed.exists():
        doomed.unlink()  # listed, then deleted before reading
    problems: list[str] = []
    kinds: Counter[str] = Counter()
    n = 0
    t0 = time.perf_counter()
    try:
        for doc, path in zip(read_paths(files), files):
            process_document(doc, time_limit=time_limit)
            to_json(doc)
            if doc.source != str(path):
                problems.append(f"API order: {doc.source} != {path}")
            if doc.errors:
                kinds[failure_kind(doc.errors[0])] += 1
            n += 1
    except Exception as exc:  # a crash is exactly what this run looks for
        problems.append(f"API crashed after {n} documents: {type(exc).__name__}: {exc}")
    wall = time.perf_counter() - t0
    if n != len(files):
        problems.append(f"API yielded {n} documents for {len(files)} inputs")
    if delete_hook and "missing" not in kinds:
        problems.append("the file deleted between listing and reading was not reported as missing")
    return {
        "files": len(files),
        "failures": dict(sorted(kinds.items())),
        "seconds": wall,
        "files_per_s": n / wall if wall else 0.0,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "problems": problems,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", help="directory built by stress_corpus.py")
    ap.add_argument("--time-limit", type=float, default=30.0)
    ap.add_argument("--max-rss-mb", type=float, default=2048.0, help="fail above this CLI peak RSS")
    ap.add_argument("--skip-api", action="store_true", help="only run the CLI")
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        cli = run_cli(corpus, Path(tmp) / "out.jsonl", time_limit=args.time_limit)
    print(
        f"CLI: {cli['files']} files ({cli['input_mb']:.1f} MB), {cli['records']} records in {cli['seconds']:.1f} s"
    )
    print(
        f"  {cli['files_per_s']:.1f} files/s, {cli['mb_per_s']:.2f} MB/s, peak RSS {cli['peak_rss_mb']:.0f} MB"
    )
    print(f"  failures by kind: {json.dumps(cli['failures'])}")
    print(f"  stderr: {cli['summary']}")
    problems = list(cli["problems"])
    if cli["peak_rss_mb"] > args.max_rss_mb:
        problems.append(f"CLI peak RSS {cli['peak_rss_mb']:.0f} MB > {args.max_rss_mb:.0f} MB")
    if not args.skip_api:
        api = run_api(corpus, time_limit=args.time_limit)
        print(
            f"API: {api['files']} files in {api['seconds']:.1f} s, {api['files_per_s']:.1f} files/s, peak RSS {api['peak_rss_mb']:.0f} MB"
        )
        print(f"  failures by kind: {json.dumps(api['failures'])}")
        problems += api["problems"]
    for p in problems:
        print("PROBLEM:", p, file=sys.stderr)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
