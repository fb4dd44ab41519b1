"""``policytext ingest``: read files into a corpus file."""

from __future__ import annotations

import sys

import click

from . import main
from ._common import FORMATS, check_inputs, check_output


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", default=None, help="Output file (default: stdout for jsonl/csv).")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format (default: from the output's suffix, else jsonl).",
)
@click.option(
    "--pattern", default="*.txt", show_default=True, help="File pattern inside directories."
)
@click.option(
    "--metadata",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="CSV with doc_id or file column; other columns become docvars.",
)
@click.option(
    "--normalize/--no-normalize", default=False, help="Also run the normalization pipeline."
)
def ingest(paths, output, fmt, pattern, metadata, normalize):
    """Read PATHS (files or directories) into a corpus (Parquet, JSONL or CSV).

    Every input yields one row; files that cannot be read keep an `errors` entry.
    """
    from ..corpus import Corpus
    from ..ingest import expand_paths

    paths = check_inputs(paths)
    check_output(output, paths)
    if fmt is None:
        fmt = (
            "parquet"
            if output and output.endswith(".parquet")
            else "csv"
            if output and output.endswith(".csv")
            else "jsonl"
        )
    files = expand_paths(paths, pattern=pattern)
    if not files:
        raise click.UsageError(f"no input files found under {list(paths)} matching {pattern!r}")
    corpus = Corpus.from_files(paths, metadata=metadata, pattern=pattern)
    if normalize:
        corpus = corpus.normalize()
    failed = sum(1 for e in corpus.to_frame()["errors"] if e)
    if fmt == "parquet":
        if not output:
            raise click.UsageError("--format parquet needs -o/--output FILE")
        corpus.to_parquet(output)
    else:
        from ._common import write_table

        df = corpus.to_frame()
        df["edits"] = df["edits"].map(lambda es: [e.to_dict() for e in es])
        write_table(df.to_dict(orient="records"), output, fmt)
    click.echo(f"ingested {len(corpus)} document(s), {failed} with errors", err=True)
    sys.exit(0)
