"""Tables behind the report sections; each degrades to ``None`` plus a note when a module is missing."""

from __future__ import annotations

import logging
import math
from collections import Counter
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from ..corpus import Corpus

logger = logging.getLogger(__name__)

LEXICON_KINDS = ("formulas", "themes", "carriers", "slogans", "campaigns")


def _year(corpus: Corpus) -> pd.Series:
    dv = corpus.docvars
    if "year" in dv.columns:
        y = pd.to_numeric(dv["year"], errors="coerce")
    else:
        y = pd.Series([math.nan] * len(dv))
    if "date" in dv.columns:
        y2 = pd.to_numeric(
            dv["date"].map(lambda d: str(d)[:4] if isinstance(d, str) else None), errors="coerce"
        )
        y = y.fillna(y2)
    return y.astype("Int64")


def region_of(corpus: Corpus) -> pd.Series:
    """Province (or 全国) of each document, ``未知`` when unknown."""
    dv = corpus.docvars
    out = pd.Series([None] * len(dv), dtype=object)
    for col in ("province", "region"):
        if col in dv.columns:
            out = out.where(
                out.notna(),
                dv[col].where(dv[col].map(lambda v: isinstance(v, str) and v != ""), None),
            )
    return out.fillna("未知")


def overview(corpus: Corpus) -> dict[str, Any]:
    """Counts: documents, regions, years, flags, what cleaning removed (by edit kind)."""
    frame = corpus.to_frame()
    flags = Counter(f for fl in frame["flags"] for f in fl)
    removed: Counter[str] = Counter()
    edits: Counter[str] = Counter()
    for es in frame["edits"]:
        for e in es:
            edits[e.kind] += 1
            removed[e.kind] += (
                len(e.removed) - len(e.inserted) if len(e.removed) > len(e.inserted) else 0
            )
    years = _year(corpus)
    return {
        "documents": len(corpus),
        "raw_chars": int(frame["raw"].str.len().sum()) if len(frame) else 0,
        "text_chars": int(frame["text"].str.len().sum()) if len(frame) else 0,
        "errors": int(frame["errors"].map(len).gt(0).sum()) if len(frame) else 0,
        "regions": region_of(corpus)
        .value_counts()
        .rename_axis("region")
        .reset_index(name="documents"),
        "years": years.value_counts(dropna=False)
        .sort_index()
        .rename_axis("year")
        .reset_index(name="documents"),
        "flags": pd.DataFrame(flags.most_common(), columns=["flag", "documents"]),
        "edits": pd.DataFrame(
            [(k, n, removed[k]) for k, n in edits.most_common()],
            columns=["kind", "edits", "chars_removed"],
        ),
    }


def lexicon(corpus: Corpus, *, top: int = 40) -> tuple[pd.DataFrame, str]:
    """Slogan lexicon: the library's :func:`lexicon` when present, else counted from ``fields``."""
    try:
        from ..extract.slogans import lexicon as _lexicon  # type: ignore[attr-defined]

        lex = _lexicon(corpus)
        if isinstance(lex, pd.DataFrame) and not lex.empty:
            return lex.head(top).reset_index(drop=True), "policytext.extract.slogans.lexicon"
    except Exception as exc:  # missing or failing: fall back to the fields
        logger.info("slogans.lexicon unavailable (%s); counting extracted fields", exc)
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for doc in corpus:
        f = doc.fields or {}
        for kind in LEXICON_KINDS:
            for item in f.get(kind) or []:
                if isinstance(item, dict):
                    key, text = (
                        str(item.get("key") or item.get("text")),
                        str(item.get("text") or item.get("key")),
                    )
                else:
                    key = text = str(item)
                r = rows.setdefault(
                    (kind, key),
                    {"kind": kind, "key": key, "example": text, "documents": 0, "_d": set()},
                )
                r["_d"].add(doc.id)
    table = pd.DataFrame(
        [
            {**{k: v for k, v in r.items() if k != "_d"}, "documents": len(r["_d"])}
            for r in rows.values()
        ],
        columns=["kind", "key", "example", "documents"],
    )
    table = table.sort_values(["documents", "key"], ascending=[False, True], kind="stable")
    return table.head(top).reset_index(drop=True), "counted from the extracted fields"


def spread(corpus: Corpus, keys: list[str]) -> tuple[pd.DataFrame, str]:
    """Documents mentioning each key, with region and year (``compare.trace`` when present)."""
    if not keys:
        return pd.DataFrame(columns=["doc_id", "slogan", "count", "region", "year"]), "no slogans"
    regions = dict(zip(corpus.doc_ids, region_of(corpus)))
    years = dict(zip(corpus.doc_ids, _year(corpus)))
    try:
        from ..compare import trace

        hits = trace(corpus, keys, include_reprints=True)
        hits = hits[["doc_id", "slogan", "count"]].copy()
        how = "policytext.compare.trace"
    except Exception as exc:
        logger.info("compare.trace unavailable (%s); exact string counts", exc)
        hits = pd.DataFrame(
            [
                (d.id, k, (d.text or "").count(k))
                for d in corpus
                for k in keys
                if k in (d.text or "")
            ],
            columns=["doc_id", "slogan", "count"],
        )
        how = "exact string counts"
    hits["region"] = hits["doc_id"].map(regions)
    hits["year"] = hits["doc_id"].map(years)
    return hits, how


def _tokenizer():
    try:
        from ..compare._common import default_tokenizer

        return default_tokenizer(), "policytext segmenter"
    except Exception:
        from ..dask import default_segmenter

        return default_segmenter(), "jieba"


def topics_by_region(
    corpus: Corpus, *, n_topics: int = 5, random_state: int = 0
) -> tuple[pd.DataFrame | None, pd.DataFrame | None, str]:
    """Mean topic share per region (rows) and topic labels; NMF on TF-IDF as a fallback."""
    texts = corpus.texts
    if len(texts) < 2:
        return None, None, "needs at least two documents"
    try:
        from sklearn.decomposition import NMF
        from sklearn.feature_extraction.text import TfidfVectorizer

        from ..compare._common import is_word
    except Exception:
        is_word = None  # type: ignore[assignment]
        try:
            from sklearn.decomposition import NMF
            from sklearn.feature_extraction.text import TfidfVectorizer
        except Exception as exc:
            return None, None, f"not available ({exc})"
    tok, how = _tokenizer()

    try:
        from ..compare.dtm import place_names

        places = place_names()  # a region's own name would make its topic
    except Exception:
        places = frozenset()

    def analyzer(t: str) -> list[str]:
        toks = [w for w in tok(t) if len(w) > 1 and w not in places]
        return [w for w in toks if is_word(w)] if is_word else toks

    vec = TfidfVectorizer(analyzer=analyzer, min_df=1, max_df=0.9 if len(texts) > 5 else 1.0)
    X = vec.fit_transform(texts)
    k = max(1, min(n_topics, len(texts) - 1, X.shape[1]))
    model = NMF(n_components=k, random_state=random_state, init="nndsvda", max_iter=400)
    W = model.fit_transform(X)
    W = W / (W.sum(axis=1, keepdims=True) + 1e-12)
    vocab = vec.get_feature_names_out()
    labels = pd.DataFrame(
        {
            "topic": [f"T{i + 1}" for i in range(k)],
            "top_terms": [
                "、".join(vocab[j] for j in comp.argsort()[::-1][:8]) for comp in model.components_
            ],
        }
    )
    share = pd.DataFrame(W, columns=labels["topic"])
    share["region"] = region_of(corpus).to_numpy()
    return (
        share.groupby("region").mean(),
        labels,
        f"NMF ({k} topics, random_state={random_state}) on TF-IDF of {how} tokens",
    )


def keyness_by_region(corpus: Corpus, *, top: int = 10) -> tuple[pd.DataFrame | None, str]:
    """Top terms of each region against the rest (chi-squared with Yates correction)."""
    regions = region_of(corpus)
    if regions.nunique() < 2:
        return None, "needs documents from at least two regions"
    try:
        from ..compare import DocumentTermVectorizer, keyness

        vec = DocumentTermVectorizer(drop_places=True)  # a region's name tells nothing
        tagged = corpus.with_docvar("_report_region", regions.tolist())
        frames = []
        for reg in sorted(regions.unique()):
            k = keyness(tagged, reg, by="_report_region", measure="chi2", vectorizer=vec).head(top)
            k = k.rename(columns={"feature": "term"})
            k.insert(0, "region", reg)
            frames.append(
                k[
                    [
                        c
                        for c in ("region", "term", "chi2", "p", "n_target", "n_reference")
                        if c in k.columns
                    ]
                ]
            )
        return pd.concat(
            frames, ignore_index=True
        ), "policytext.compare.keyness (chi2, Yates), each region vs the rest"
    except Exception as exc:
        logger.info("compare.keyness unavailable (%s); built-in chi-squared", exc)
    tok, how = _tokenizer()
    counts: dict[str, Counter[str]] = {}
    for text, reg in zip(corpus.texts, regions):
        counts.setdefault(reg, Counter()).update(
            w for w in tok(text or "") if len(w) > 1 and not w.isdigit()
        )
    total = Counter()
    for c in counts.values():
        total.update(c)
    n_all = sum(total.values())
    rows = []
    for reg, c in counts.items():
        n_t = sum(c.values())
        n_r = n_all - n_t
        scored = []
        for w, a in c.items():
            b = total[w] - a
            cc, dd_ = n_t - a, n_r - b
            n = a + b + cc + dd_
            den = (a + b) * (cc + dd_) * (a + cc) * (b + dd_)
            if den == 0:
                continue
            chi2 = n * (max(0.0, abs(a * dd_ - b * cc) - n / 2)) ** 2 / den
            if a / max(n_t, 1) > b / max(n_r, 1):
                scored.append((chi2, w, a, b))
        for chi2, w, a, b in sorted(scored, reverse=True)[:top]:
            rows.append(
                {"region": reg, "term": w, "chi2": round(chi2, 2), "n_target": a, "n_reference": b}
            )
    return pd.DataFrame(rows), f"chi-squared (Yates) on {how} tokens, target region vs the rest"


def reprints(corpus: Corpus) -> tuple[pd.DataFrame | None, str]:
    """Reprint clusters from :func:`policytext.compare.find_reprints`."""
    try:
        from ..compare import find_reprints

        return find_reprints(corpus), "policytext.compare.find_reprints"
    except Exception as exc:
        return None, f"not available ({type(exc).__name__}: {exc})"
