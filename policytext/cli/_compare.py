"""``policytext compare``: standard comparison tables by region (or any docvar)."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from . import main

logger = logging.getLogger(__name__)


def _load(path: str, pattern: str, text_col: str, metadata: str | None):
    from ..corpus import Corpus

    p = Path(path)
    if p.is_dir():
        return Corpus.from_dir(p, pattern, metadata=metadata)
    suffix = p.suffix.lower()
    if suffix == ".jsonl":
        c = Corpus.from_jsonl(p, text_col=text_col)
    elif suffix == ".csv":
        c = Corpus.from_csv(p, text_col=text_col)
    elif suffix == ".parquet":
        c = Corpus.from_parquet(p)
    else:
        c = Corpus.from_files([p])
    return c.with_metadata(metadata) if metadata else c


def _write(df, outdir: Path, name: str, fmt: str) -> Path:
    import json

    df = df.copy()
    for col in df.columns:
        if df[col].map(lambda v: isinstance(v, (dict, list))).any():
            df[col] = df[col].map(lambda v: json.dumps(v, ensure_ascii=False, default=str))
    path = outdir / f"{name}.{fmt}"
    if fmt == "csv":
        df.to_csv(path, index=False)
    elif fmt == "parquet":
        df.to_parquet(path, index=False)
    else:
        df.to_json(path, orient="records", lines=True, force_ascii=False, date_format="iso")
    click.echo(f"wrote {path} ({len(df)} rows)")
    return path


@main.command("compare")
@click.argument("corpus_path", metavar="CORPUS_FILE_OR_DIR", type=click.Path(exists=True))
@click.option(
    "--by",
    default="province",
    show_default=True,
    help="Docvar to compare (province, city, year...).",
)
@click.option(
    "-o",
    "--output",
    "outdir",
    required=True,
    type=click.Path(file_okay=False),
    help="Output folder.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "parquet", "jsonl"]),
    default="csv",
    show_default=True,
)
@click.option(
    "--pattern", default="*.txt", show_default=True, help="File pattern when CORPUS is a folder."
)
@click.option(
    "--text-col", default="text", show_default=True, help="Text column of a CSV/JSONL corpus."
)
@click.option(
    "--metadata",
    type=click.Path(exists=True, dir_okay=False),
    help="Metadata CSV (doc_id or file column).",
)
@click.option("--slogan", "slogans", multiple=True, help="A slogan to trace (repeatable).")
@click.option(
    "--slogans-file",
    type=click.Path(exists=True, dir_okay=False),
    help="File with one slogan per line.",
)
@click.option(
    "--topics",
    "n_topics",
    default=8,
    show_default=True,
    help="Number of topics (0: no topic tables).",
)
@click.option("--method", type=click.Choice(["nmf", "lda"]), default="nmf", show_default=True)
@click.option(
    "--measure", type=click.Choice(["chi2", "lr", "logodds"]), default="logodds", show_default=True
)
@click.option("--top", default=30, show_default=True, help="Key terms kept per group.")
@click.option("--random-state", default=0, show_default=True)
@click.option(
    "--drop-places/--keep-places",
    default=True,
    show_default=True,
    help="Leave place names (四川省, 成都) out of topics and keyness: a region's own name "
    "is its most distinctive term and says nothing.",
)
def compare_cmd(
    corpus_path,
    by,
    outdir,
    fmt,
    pattern,
    text_col,
    metadata,
    slogans,
    slogans_file,
    n_topics,
    method,
    measure,
    top,
    random_state,
    drop_places,
):
    """Build comparison tables for CORPUS by a docvar: reprints, slogans × regions, topics × regions, keyness."""
    import pandas as pd

    from ..compare import (
        DocumentTermVectorizer,
        TopicModel,
        adoption,
        find_reprints,
        first_appearance,
        keyness,
        spread,
        topic_prevalence,
        trace,
    )

    corpus = _load(corpus_path, pattern, text_col, metadata)
    if by not in corpus.docvars.columns:
        raise click.UsageError(
            f"--by {by!r} is not a docvar; docvars are {list(corpus.docvars.columns)}"
        )
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    reprints = find_reprints(corpus, seed=random_state)
    _write(reprints, out, "reprints", fmt)
    rep_of = dict(zip(reprints["doc_id"], reprints["reprint_of"]))
    corpus = corpus.with_docvar("reprint_of", [rep_of.get(d) for d in corpus.doc_ids])

    names = list(slogans)
    if slogans_file:
        names += [
            ln.strip()
            for ln in Path(slogans_file).read_text(encoding="utf-8").splitlines()
            if ln.strip()
        ]
    if names:
        hits = trace(corpus, names)
        _write(hits, out, "slogan_hits", fmt)
        ad = adoption(hits, by=by) if by != "year" else adoption(hits, by="region")
        _write(ad, out, "slogans_by_region_year", fmt)
        if not hits.empty:
            tab = hits.pivot_table(
                index="slogan", columns=by, values="doc_id", aggfunc="nunique", fill_value=0
            )
            _write(tab.reset_index(), out, "slogans_x_regions", fmt)
        _write(first_appearance(hits), out, "first_appearance", fmt)
        _write(first_appearance(hits, by=by), out, f"first_appearance_by_{by}", fmt)
        _write(spread(hits), out, "spread", fmt)
    if n_topics and len(corpus) >= 2:
        if method == "nmf" and n_topics > len(corpus):
            logger.warning(
                "--topics %d is more than the %d documents allow; fitting %d topics",
                n_topics,
                len(corpus),
                len(corpus),
            )
            n_topics = len(corpus)
        big = len(corpus) >= 20  # TopicModel's own default thresholds
        vec = DocumentTermVectorizer(
            min_df=2 if big else 1, max_df=0.5 if big else 1.0, drop_places=drop_places
        )
        tm = TopicModel(method, n_topics=n_topics, random_state=random_state, vectorizer=vec).fit(
            corpus
        )
        _write(tm.top_terms(15), out, "topic_terms", fmt)
        prev = topic_prevalence(tm, by, random_state=random_state)
        _write(prev, out, "topics_x_regions", fmt)
        frames = []
        for g in sorted(tm.docvars_[by].dropna().unique(), key=str):
            if (tm.docvars_[by] == g).all():
                continue
            frames.append(keyness(tm, g, by=by, measure=measure).head(top))
        if frames:
            _write(pd.concat(frames, ignore_index=True), out, "keyness", fmt)
