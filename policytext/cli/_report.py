"""``policytext report PATH -o report.html``: one self-contained HTML report."""

from __future__ import annotations

import sys

import click

from . import main


@main.command("report")
@click.argument("path", type=click.Path(exists=True))
@click.option(
    "-o",
    "--output",
    default="report.html",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="HTML file to write.",
)
@click.option("--title", default="policytext report", show_default=True, help="Page title.")
def report(path: str, output: str, title: str) -> None:
    """Write an offline HTML report for PATH (a folder of notices, a corpus .parquet or a .jsonl).

    Sections: overview, slogan lexicon, spread and timelines, topics × region,
    keyness per region, reprint clusters, and every document (#doc-<id>) with
    the removed spans shown.
    """
    from ..report import build_report

    try:
        out = build_report(path, output, title=title)
    except (FileNotFoundError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    sys.stderr.write(f"report written to {out.resolve()}\n")
