"""``policytext extract``: one record per document (../shared/spec/record.md)."""

from __future__ import annotations

import sys
from collections import Counter

import click

from . import main
from ._common import FORMATS, check_inputs, check_output


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("-o", "--output", default=None, help="Output file (default: stdout; required for parquet).")
@click.option("--pattern", default="*.txt", show_default=True, help="File pattern inside directories.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: only on a terminal).")
def extract(paths, fmt, output, pattern, progress):
    """Normalize and extract every document under PATHS; print one record per document.

    Records come in input order; a document that cannot be read still yields a
    record with empty `text` and `errors` saying why. The exit code is non-zero
    only when the command could not run at all.
    """
    from .._progress import progress_bar
    from ..extract import extract as run_extract
    from ..ingest import expand_paths, iter_documents
    from ..normalize import normalize
    from ..record import to_record
    from ._common import write_table

    paths = check_inputs(paths)
    check_output(output, paths)
    files = expand_paths(paths, pattern=pattern)
    if not files:
        raise click.UsageError(f"no input files found under {list(paths)} matching {pattern!r}")
    failures: Counter[str] = Counter()
    rows = []
    stream = fmt == "jsonl" and output in (None, "-")
    import json

    for doc in progress_bar(iter_documents(files), total=len(files), desc="extract", enabled=progress):
        if not doc.errors or doc.raw:
            normalize(doc)
            run_extract(doc)
        if doc.errors:
            failures[doc.errors[0].split(":", 1)[0]] += 1
        rec = to_record(doc)
        if stream:
            sys.stdout.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
        else:
            rows.append(rec)
    if not stream:
        write_table(rows, output, fmt)
    n_err = sum(failures.values())
    summary = ", ".join(f"{k}: {v}" for k, v in sorted(failures.items()))
    click.echo(f"policytext extract: {len(files)} document(s), {n_err} with errors" + (f" ({summary})" if n_err else ""), err=True)
