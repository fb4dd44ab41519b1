"""``policytext extract``: one record per document (../shared/spec/record.md).

Robustness contract: every input path yields exactly one record, in input
order; failures are records with ``errors`` filled; a one-line summary goes
to stderr; the exit code is non-zero only when the command could not run.

JSON lines written to ``-o FILE`` are streamed into a hidden partial file
``.FILE.part`` beside it (flushed after each record) and renamed onto
``FILE`` at the end, so ``FILE`` is never half-written. ``--resume`` reuses
the records of ``FILE`` and of an interrupted run's partial file (matched by
``source``) and processes only the other inputs; the result equals an
uninterrupted run.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path

import click

from ..batch import DEFAULT_TIME_LIMIT
from . import main
from ._common import FORMATS, check_inputs, check_output


def _partial_path(output: str) -> Path:
    out = Path(output)
    return out.with_name(f".{out.name}.part")


def _load_done(paths: list[Path]) -> dict[str, str]:
    """Complete, parseable record lines of earlier runs, by ``source`` (later files win)."""
    done: dict[str, str] = {}
    for path in paths:
        if not path.is_file():
            continue
        with open(path, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if not line.endswith("\n"):
                    break  # cut by an interruption
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue
                if isinstance(rec, dict) and isinstance(rec.get("source"), str):
                    done[rec["source"]] = line
    return done


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "-f", "--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True
)
@click.option(
    "-o", "--output", default=None, help="Output file (default: stdout; required for parquet)."
)
@click.option(
    "--pattern", default="*.txt", show_default=True, help="File pattern inside directories."
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0),
    default=DEFAULT_TIME_LIMIT,
    show_default=True,
    help="Seconds allowed per document; a slower one keeps its raw text and is flagged `timeout` (0: no limit).",
)
@click.option(
    "--resume",
    is_flag=True,
    help="With --format jsonl -o FILE: keep the records already written (by source) and process only the rest.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar on stderr (default: only on a terminal).",
)
def extract(paths, fmt, output, pattern, time_limit, resume, progress):
    """Normalize and extract every document under PATHS; print one record per document.

    Records come in input order; a document that cannot be read still yields a
    record with empty `text` and `errors` saying why. The exit code is non-zero
    only when the command could not run at all.
    """
    from .._progress import progress_bar
    from ..batch import failure_kind, process_document
    from ..ingest import _unique_ids, expand_paths, read_paths
    from ..record import to_json
    from ._common import write_table

    paths = check_inputs(paths)
    check_output(output, paths)
    if resume and (fmt != "jsonl" or output in (None, "-")):
        raise click.UsageError("--resume needs --format jsonl and -o/--output FILE")
    files = expand_paths(paths, pattern=pattern)
    if not files:
        raise click.UsageError(f"no input files found under {list(paths)} matching {pattern!r}")
    check_output(output, files)
    limit = time_limit or None
    failures: Counter[str] = Counter()

    ids = dict(zip(map(str, files), _unique_ids(files)))

    def records(todo: list[Path]):
        for doc in read_paths(todo, ids=[ids[str(p)] for p in todo]):
            process_document(doc, time_limit=limit)
            if doc.errors:
                failures[failure_kind(doc.errors[0])] += 1
            yield doc

    if fmt == "jsonl" and output not in (None, "-"):
        part = _partial_path(output)
        done = _load_done([Path(output), part]) if resume else {}
        todo = [p for p in files if str(p) not in done]
        fresh = records(todo)
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        bar = progress_bar(files, total=len(files), desc="extract", enabled=progress)
        with open(part, "w", encoding="utf-8", newline="\n") as fh:
            for p in bar:
                key = str(p)
                if key in done:
                    line = done[key]
                    errs = json.loads(line).get("errors") or []
                    if errs:
                        failures[failure_kind(str(errs[0]))] += 1
                    fh.write(line)
                else:
                    doc = next(fresh)
                    fh.write(to_json(doc) + "\n")
                fh.flush()
        os.replace(part, output)
    elif fmt == "jsonl":
        for doc in progress_bar(records(files), total=len(files), desc="extract", enabled=progress):
            sys.stdout.write(to_json(doc) + "\n")
    else:
        from ..record import to_record

        rows = [
            to_record(d)
            for d in progress_bar(
                records(files), total=len(files), desc="extract", enabled=progress
            )
        ]
        write_table(rows, output, fmt)
    n_err = sum(failures.values())
    summary = ", ".join(f"{k}: {v}" for k, v in sorted(failures.items()))
    click.echo(
        f"policytext extract: {len(files)} document(s), {n_err} with errors"
        + (f" ({summary})" if n_err else ""),
        err=True,
    )
