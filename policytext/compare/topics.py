"""Topic models (NMF, LDA) with tidy outputs, and regional comparison of topics.

>>> from policytext.datasets import load_sample
>>> tm = TopicModel(method="nmf", n_topics=2, random_state=0).fit(load_sample())
>>> tm.top_terms(n=3).columns.tolist()
['topic', 'rank', 'term', 'weight']
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from ._common import as_corpus, tidy
from .dtm import DocumentTermVectorizer

if TYPE_CHECKING:
    from ..corpus import Corpus

__all__ = ["TopicModel", "choose_k", "distinctive_topics", "region_similarity", "topic_prevalence"]

logger = logging.getLogger(__name__)


class TopicModel:
    """One estimator for NMF (scikit-learn) and LDA (gensim) topic models.

    Parameters
    ----------
    method : {"nmf", "lda"}, default "nmf"
        NMF on TF-IDF weights (``init="nndsvda"``), or gensim ``LdaModel`` on counts.
    n_topics : int, default 10
    random_state : int, default 0
        Same seed → identical topics.
    vectorizer : DocumentTermVectorizer, optional
        Default: ``DocumentTermVectorizer(min_df=2, max_df=0.5)`` (``min_df=1``
        for fewer than 20 documents).
    passes : int, default 5
        LDA passes over the corpus.
    max_iter : int, default 400
        NMF iterations (LDA: ``iterations`` per document).

    Attributes
    ----------
    components_ : ndarray (n_topics, n_terms)
        Topic-term weights (LDA: probabilities).
    doc_topic_ : ndarray (n_docs, n_topics)
        Document-topic shares (rows sum to 1).
    feature_names_ : ndarray
    """

    def __init__(
        self,
        method: Literal["nmf", "lda"] = "nmf",
        *,
        n_topics: int = 10,
        random_state: int = 0,
        vectorizer: DocumentTermVectorizer | None = None,
        passes: int = 5,
        max_iter: int = 400,
    ) -> None:
        self.method = method
        self.n_topics = n_topics
        self.random_state = random_state
        self.vectorizer = vectorizer
        self.passes = passes
        self.max_iter = max_iter

    def fit(self, corpus: Corpus, y: Any = None) -> TopicModel:
        """Fit on a corpus (its docvars are kept for :meth:`doc_topics`)."""
        if self.method not in ("nmf", "lda"):
            raise ValueError(f"method={self.method!r} is not valid; use 'nmf' or 'lda'")
        corpus = as_corpus(corpus)
        vec = self.vectorizer or (
            DocumentTermVectorizer(min_df=2, max_df=0.5)
            if len(corpus) >= 20
            else DocumentTermVectorizer()
        )
        tokens = list(vec.tokens(corpus))
        X = _fit_tokens(vec, tokens)
        self.vectorizer_ = vec
        self.tokens_ = tokens
        self.docvars_ = corpus.docvars
        return self._fit_matrix(X, vec.get_feature_names_out())

    def _fit_matrix(self, X: Any, names: np.ndarray) -> TopicModel:
        self.feature_names_ = names
        self.dtm_ = X
        k = self.n_topics
        if self.method == "nmf":
            if k > min(X.shape):
                raise ValueError(
                    f"n_topics={k} is more than NMF can fit on {X.shape[0]} documents and "
                    f"{X.shape[1]} terms; use n_topics <= {min(X.shape)}"
                )
            from sklearn.decomposition import NMF
            from sklearn.feature_extraction.text import TfidfTransformer

            tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(X)
            nmf = NMF(
                n_components=k,
                init="nndsvda",
                random_state=self.random_state,
                max_iter=self.max_iter,
            )
            W = nmf.fit_transform(tfidf)
            self.components_ = nmf.components_
            self.model_ = nmf
        else:
            from gensim.matutils import Sparse2Corpus
            from gensim.models import LdaModel

            bow = Sparse2Corpus(X, documents_columns=False)
            id2word = dict(enumerate(names.tolist()))
            lda = LdaModel(
                corpus=bow,
                id2word=id2word,
                num_topics=k,
                random_state=self.random_state,
                passes=self.passes,
                iterations=self.max_iter,
                alpha="auto",
                eta="auto",
            )
            self.components_ = lda.get_topics()
            W = np.zeros((X.shape[0], k))
            for i, doc in enumerate(bow):
                for t, p in lda.get_document_topics(doc, minimum_probability=0.0):
                    W[i, t] = p
            self.model_ = lda
        s = W.sum(axis=1, keepdims=True)
        self.doc_topic_ = np.divide(W, s, out=np.full_like(W, 1.0 / k), where=s > 0)
        return self

    def _check(self) -> None:
        if not hasattr(self, "components_"):
            raise RuntimeError("TopicModel is not fitted; call fit(corpus) first")

    def top_terms(self, n: int = 10) -> pd.DataFrame:
        """Top ``n`` terms of each topic: ``topic``, ``rank``, ``term``, ``weight``."""
        self._check()
        rows = []
        for t, row in enumerate(self.components_):
            idx = np.argsort(-row, kind="stable")[:n]
            for r, j in enumerate(idx):
                rows.append((t, r + 1, self.feature_names_[j], float(row[j])))
        return pd.DataFrame(rows, columns=["topic", "rank", "term", "weight"])

    def topic_labels(self, n: int = 3) -> list[str]:
        """A short label per topic from its top ``n`` terms (``"0: 改革/创新/发展"``)."""
        tt = self.top_terms(n)
        return [f"{t}: " + "/".join(g["term"]) for t, g in tt.groupby("topic", sort=True)]

    def doc_topics(self, *, wide: bool = False) -> pd.DataFrame:
        """Document-topic shares with docvars: long (``doc_id``, ``topic``, ``weight``) or wide."""
        self._check()
        ids = self.docvars_["doc_id"].tolist()
        if wide:
            df = pd.DataFrame(self.doc_topic_, columns=[f"topic_{t}" for t in range(self.n_topics)])
            df.insert(0, "doc_id", ids)
        else:
            n, k = self.doc_topic_.shape
            df = pd.DataFrame(
                {
                    "doc_id": np.repeat(ids, k),
                    "topic": np.tile(np.arange(k), n),
                    "weight": self.doc_topic_.ravel(),
                }
            )
        return tidy(df, self.docvars_)

    def coherence(
        self, measure: Literal["u_mass", "c_npmi", "c_v"] = "u_mass", *, topn: int = 10
    ) -> float:
        """Mean topic coherence (gensim ``CoherenceModel``)."""
        self._check()
        from gensim.corpora import Dictionary
        from gensim.models import CoherenceModel

        vocab = set(self.feature_names_.tolist())
        texts = [[t for t in ts if t in vocab] for ts in self.tokens_]
        d = Dictionary(texts)
        topics = [g["term"].tolist() for _, g in self.top_terms(topn).groupby("topic", sort=True)]
        if measure == "u_mass":
            cm = CoherenceModel(
                topics=topics,
                corpus=[d.doc2bow(t) for t in texts],
                dictionary=d,
                coherence="u_mass",
                topn=topn,
            )
        else:
            cm = CoherenceModel(
                topics=topics, texts=texts, dictionary=d, coherence=measure, topn=topn, processes=1
            )
        return float(np.nanmean(cm.get_coherence_per_topic()))


def _fit_tokens(vec: DocumentTermVectorizer, tokens: list[list[str]]):
    """Fit ``vec`` on already-tokenized documents (tokenize once, reuse)."""
    saved = vec.build_analyzer
    it = iter(tokens)
    vec.build_analyzer = lambda: lambda _text: next(it)  # type: ignore[method-assign]
    try:
        return vec.fit_transform([""] * len(tokens))
    finally:
        vec.build_analyzer = saved  # type: ignore[method-assign]


def choose_k(
    corpus: Corpus,
    ks: list[int] | range = range(2, 11, 2),
    *,
    method: Literal["nmf", "lda"] = "nmf",
    measure: Literal["u_mass", "c_npmi", "c_v"] = "u_mass",
    random_state: int = 0,
    **params: Any,
) -> pd.DataFrame:
    """Coherence over a range of topic numbers: ``k``, ``coherence``, ``measure``.

    The corpus is tokenized once; higher coherence is better (u_mass is negative).
    """
    base = TopicModel(method, n_topics=min(ks), random_state=random_state, **params).fit(corpus)
    rows = []
    for k in ks:
        m = TopicModel(method, n_topics=k, random_state=random_state, **params)
        m.vectorizer_, m.tokens_, m.docvars_ = base.vectorizer_, base.tokens_, base.docvars_
        m._fit_matrix(base.dtm_, base.feature_names_)
        rows.append((k, m.coherence(measure), measure))
    return pd.DataFrame(rows, columns=["k", "coherence", "measure"])


def topic_prevalence(
    model: TopicModel,
    by: str,
    *,
    n_boot: int = 500,
    ci: float = 0.95,
    random_state: int = 0,
) -> pd.DataFrame:
    """Mean topic share per group of docvar ``by`` with bootstrap confidence intervals.

    Returns ``by``, ``topic``, ``prevalence``, ``ci_low``, ``ci_high``, ``n_docs``.
    """
    model._check()
    dv = model.docvars_
    if by not in dv.columns:
        raise KeyError(f"No docvar {by!r}; docvars are {list(dv.columns)}")
    rng = np.random.default_rng(random_state)
    W = model.doc_topic_
    lo, hi = (1 - ci) / 2, 1 - (1 - ci) / 2
    rows = []
    for g, idx in dv.groupby(by, sort=True).indices.items():
        sub = W[idx]
        boot = sub[rng.integers(0, len(idx), size=(n_boot, len(idx)))].mean(axis=1)
        ql, qh = np.quantile(boot, [lo, hi], axis=0)
        for t in range(W.shape[1]):
            rows.append((g, t, float(sub[:, t].mean()), float(ql[t]), float(qh[t]), len(idx)))
    return pd.DataFrame(rows, columns=[by, "topic", "prevalence", "ci_low", "ci_high", "n_docs"])


def distinctive_topics(model: TopicModel, by: str, *, group: Any = None) -> pd.DataFrame:
    """Topics that distinguish each group (or one ``group``) from the rest.

    Returns ``by``, ``topic``, ``mean_in``, ``mean_out``, ``diff``, ``ratio``,
    ``z`` (Welch statistic), sorted by group and descending ``diff``.
    """
    model._check()
    dv = model.docvars_
    W = model.doc_topic_
    groups = dv.groupby(by, sort=True).indices
    if group is not None:
        if group not in groups:
            raise KeyError(f"No group {group!r} in {by!r}; groups are {sorted(groups)[:10]}")
        groups = {group: groups[group]}
    rows = []
    for g, idx in groups.items():
        mask = np.zeros(len(W), dtype=bool)
        mask[idx] = True
        a, b = W[mask], W[~mask]
        if len(b) == 0:
            continue
        with np.errstate(divide="ignore", invalid="ignore"):
            ma, mb = a.mean(0), b.mean(0)
            va = a.var(0, ddof=1) / len(a) if len(a) > 1 else np.zeros(W.shape[1])
            vb = b.var(0, ddof=1) / len(b) if len(b) > 1 else np.zeros(W.shape[1])
            z = (ma - mb) / np.sqrt(va + vb)
            ratio = ma / mb
        for t in range(W.shape[1]):
            rows.append((g, t, ma[t], mb[t], ma[t] - mb[t], ratio[t], z[t]))
    out = pd.DataFrame(rows, columns=[by, "topic", "mean_in", "mean_out", "diff", "ratio", "z"])
    return out.sort_values([by, "diff"], ascending=[True, False]).reset_index(drop=True)


def region_similarity(
    model: TopicModel, by: str, *, on: Literal["topics", "terms"] = "topics"
) -> pd.DataFrame:
    """Cosine similarity between group centroids (topic shares or TF-IDF terms).

    Returns long format ``group_a``, ``group_b``, ``similarity`` (all ordered pairs).
    """
    model._check()
    from sklearn.metrics.pairwise import cosine_similarity

    dv = model.docvars_
    if on == "topics":
        M = model.doc_topic_
    elif on == "terms":
        from sklearn.feature_extraction.text import TfidfTransformer

        M = TfidfTransformer().fit_transform(model.dtm_)
    else:
        raise ValueError(f"on={on!r} is not valid; use 'topics' or 'terms'")
    groups = dv.groupby(by, sort=True).indices
    names = list(groups)
    cent = np.vstack([np.asarray(M[idx].mean(axis=0)).ravel() for idx in groups.values()])
    S = cosine_similarity(cent)
    a, b = np.meshgrid(np.arange(len(names)), np.arange(len(names)), indexing="ij")
    return pd.DataFrame(
        {
            "group_a": [names[i] for i in a.ravel()],
            "group_b": [names[j] for j in b.ravel()],
            "similarity": S.ravel(),
        }
    )
