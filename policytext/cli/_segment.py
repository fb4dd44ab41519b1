"""``policytext segment``: segment text files into tokens (one line per document)."""

from __future__ import annotations

import json
import sys

import click

from . import main


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--backend",
    type=click.Choice(["rjieba", "jieba"]),
    default=None,
    help="Default: fastest installed.",
)
@click.option(
    "--user-dict",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Extra jieba-format dictionary.",
)
@click.option(
    "--stopwords/--no-stopwords",
    default=False,
    show_default=True,
    help="Drop officialese stopwords.",
)
@click.option("--sep", default=" ", show_default=True, help="Token separator (text output).")
@click.option("--jsonl", "as_jsonl", is_flag=True, help='Print {"id", "tokens"} JSON lines.')
@click.option("-j", "--n-process", default=1, show_default=True, help="Worker processes.")
def segment(paths, backend, user_dict, stopwords, sep, as_jsonl, n_process):
    """Segment PATHS (normalized first) and print one line of tokens per document."""
    from pathlib import Path

    from ..corpus import Corpus
    from ..segment import Segmenter, tokens

    corpus = Corpus.from_files([Path(p) for p in paths]).normalize()
    seg = Segmenter(backend=backend, user_dict=user_dict, stopwords=stopwords)
    toks = tokens(corpus, segmenter=seg, n_process=n_process)
    for doc_id, t in toks.items():
        if as_jsonl:
            sys.stdout.write(json.dumps({"id": doc_id, "tokens": t}, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(sep.join(t).replace("\n", " ") + "\n")
