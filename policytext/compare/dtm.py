"""Document-term matrices over policytext tokens, scikit-learn style, with gensim interop."""

from __future__ import annotations

import functools
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import numpy as np

from ._common import default_tokenizer, is_word, simplified

if TYPE_CHECKING:
    pass

__all__ = ["BowCorpus", "DocumentTermVectorizer", "place_names", "to_gensim"]

logger = logging.getLogger(__name__)

#: A few function words dropped by default (override with ``stopwords=``).
DEFAULT_STOPWORDS: frozenset[str] = frozenset(
    [
        "的",
        "了",
        "和",
        "与",
        "及",
        "等",
        "在",
        "是",
        "为",
        "对",
        "将",
        "把",
        "被",
        "由",
        "从",
        "以",
        "并",
        "或",
        "也",
        "就",
        "都",
        "而",
        "其",
        "之",
        "于",
        "上",
        "中",
        "下",
        "个",
        "年",
        "月",
        "日",
        "我",
        "我们",
        "要",
        "有",
        "不",
        "这",
        "那",
        "各",
        "该",
    ]
)


@functools.lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Names that ``drop_places`` removes: all division names, province and city short names.

    County short names are not included: many are ordinary words (和平, 新华, 城关).

    Examples
    --------
    >>> names = place_names()
    >>> {"四川省", "四川", "成都市", "成都", "武侯区"} <= names, "和平" in names
    (True, False)
    """
    from ..extract.gazetteer import load_gazetteer

    out: set[str] = set()
    for d in load_gazetteer().divisions:
        out.add(d.name)
        if d.level in ("province", "city") and len(d.alias) >= 2:
            out.add(d.alias)
    return frozenset(out)


def _texts(docs: Any) -> list[str]:
    from ..corpus import Corpus

    if isinstance(docs, Corpus):
        return [t or "" for t in docs.texts]
    if isinstance(docs, str):
        raise TypeError("Pass an iterable of texts (or a Corpus), not a single string")
    return [str(t or "") for t in docs]


class DocumentTermVectorizer:
    """Count terms per document; a scikit-learn compatible vectorizer over policytext tokens.

    Parameters
    ----------
    tokenizer : callable, optional
        ``text -> list[str]``; default policytext's Segmenter when available,
        else an rjieba instance (no global dictionary changed).
    min_df, max_df : int or float
        Keep terms in at least ``min_df`` documents (a share when float) and
        at most ``max_df``.
    stopwords : iterable of str, optional
        Terms to drop; default :data:`DEFAULT_STOPWORDS`. Pass ``()`` for none.
    protected : iterable of str, optional
        Terms kept as one token (never split by the tokenizer) and kept in the
        vocabulary whatever ``min_df``/``max_df``/``stopwords`` say, e.g.
        slogans such as ``放管服``.
    min_len : int, default 2
        Shortest token kept (in characters); single characters are mostly noise.
    max_features : int, optional
        Keep the most frequent terms only (protected terms always stay).
    drop_places : bool, default False
        Drop place names (:func:`place_names`: every division name of the
        gazetteer, 四川省/成都市/武侯区, and the short names of provinces and
        prefecture-level cities, 四川/成都). Comparing regions, a region's own
        name is its most distinctive term and tells nothing; this keeps topics
        and keyness about what the notices say.

    Attributes
    ----------
    vocabulary_ : dict[str, int]

    Examples
    --------
    >>> v = DocumentTermVectorizer(protected=["放管服"])
    >>> X = v.fit_transform(["深化放管服改革", "推进放管服改革"])
    >>> X.shape[0], "放管服" in v.get_feature_names_out()
    (2, True)
    """

    def __init__(
        self,
        *,
        tokenizer: Callable[[str], list[str]] | None = None,
        min_df: int | float = 1,
        max_df: int | float = 1.0,
        stopwords: Iterable[str] | None = None,
        protected: Iterable[str] | None = None,
        min_len: int = 2,
        max_features: int | None = None,
        drop_places: bool = False,
    ) -> None:
        self.tokenizer = tokenizer
        self.min_df = min_df
        self.max_df = max_df
        self.stopwords = stopwords
        self.protected = protected
        self.min_len = min_len
        self.max_features = max_features
        self.drop_places = drop_places

    # -- tokens --------------------------------------------------------------
    def _tok(self) -> Callable[[str], list[str]]:
        if getattr(self, "_tokenizer", None) is None:
            self._tokenizer = self.tokenizer or default_tokenizer()
        return self._tokenizer

    def _auto(self):
        if getattr(self, "_protected_auto", None) is None and self.protected:
            import ahocorasick

            auto = ahocorasick.Automaton()
            for p in self.protected:
                auto.add_word(p, p)
            auto.make_automaton()
            self._protected_auto = auto
        return getattr(self, "_protected_auto", None)

    def build_analyzer(self) -> Callable[[str], list[str]]:
        """``text -> list[str]`` as used by :meth:`fit` (protected terms kept whole)."""
        tok = self._tok()
        auto = self._auto()
        stop = set(DEFAULT_STOPWORDS if self.stopwords is None else self.stopwords)
        if self.drop_places:
            stop |= place_names()
        prot = set(self.protected or ())
        min_len = self.min_len

        def keep(t: str) -> bool:
            return t in prot or (len(t) >= min_len and t not in stop and is_word(t))

        def analyze(text: str) -> list[str]:
            text = simplified(text)
            if auto is None:
                return [t for t in tok(text) if keep(t)]
            out: list[str] = []
            pos = 0
            spans = []
            for end, p in auto.iter_long(text):
                spans.append((end - len(p) + 1, end + 1, p))
            for s, e, p in spans:
                out.extend(t for t in tok(text[pos:s]) if keep(t))
                out.append(p)
                pos = e
            out.extend(t for t in tok(text[pos:]) if keep(t))
            return out

        return analyze

    def tokens(self, docs: Any) -> Iterator[list[str]]:
        """Stream the token lists of ``docs`` (a Corpus or texts)."""
        analyze = self.build_analyzer()
        for t in _texts(docs):
            yield analyze(t)

    # -- sklearn API ----------------------------------------------------------
    def fit(self, docs: Any, y: Any = None) -> DocumentTermVectorizer:
        """Learn the vocabulary of ``docs``."""
        self.fit_transform(docs)
        return self

    def fit_transform(self, docs: Any, y: Any = None):
        """Learn the vocabulary and return the document-term matrix (``scipy.sparse.csr_matrix``)."""
        toks = list(self.tokens(docs))
        n = len(toks)
        df: Counter[str] = Counter()
        tf: Counter[str] = Counter()
        for ts in toks:
            df.update(set(ts))
            tf.update(ts)
        lo = self.min_df if isinstance(self.min_df, int) else int(np.ceil(self.min_df * n))
        hi = self.max_df if isinstance(self.max_df, int) else int(np.floor(self.max_df * n))
        prot = set(self.protected or ())
        terms = [t for t, d in df.items() if t in prot or lo <= d <= max(hi, lo)]
        if self.max_features is not None:
            terms = sorted(terms, key=lambda t: (t not in prot, -tf[t], t))[: self.max_features]
        terms = sorted(set(terms))
        if not terms:
            raise ValueError(
                f"After pruning, no terms remain (min_df={self.min_df!r}, max_df={self.max_df!r}); lower min_df or raise max_df"
            )
        self.vocabulary_ = {t: i for i, t in enumerate(terms)}
        self.n_docs_ = n
        return self._matrix(toks)

    def _matrix(self, toks: Iterable[list[str]]):
        from scipy import sparse

        vocab = self.vocabulary_
        indptr, indices, data = [0], [], []
        for ts in toks:
            c = Counter(vocab[t] for t in ts if t in vocab)
            ks = sorted(c)
            indices.extend(ks)
            data.extend(c[k] for k in ks)
            indptr.append(len(indices))
        return sparse.csr_matrix(
            (
                np.asarray(data, dtype=np.int64),
                np.asarray(indices, dtype=np.int64),
                np.asarray(indptr),
            ),
            shape=(len(indptr) - 1, len(vocab)),
        )

    def transform(self, docs: Any):
        """Document-term matrix of ``docs`` over the fitted vocabulary."""
        if not hasattr(self, "vocabulary_"):
            raise RuntimeError("DocumentTermVectorizer is not fitted; call fit(docs) first")
        return self._matrix(self.tokens(docs))

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Terms in column order."""
        if not hasattr(self, "vocabulary_"):
            raise RuntimeError("DocumentTermVectorizer is not fitted; call fit(docs) first")
        return np.array(sorted(self.vocabulary_, key=self.vocabulary_.__getitem__), dtype=object)

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {
            k: getattr(self, k)
            for k in (
                "tokenizer",
                "min_df",
                "max_df",
                "stopwords",
                "protected",
                "min_len",
                "max_features",
                "drop_places",
            )
        }

    def set_params(self, **params: Any) -> DocumentTermVectorizer:
        for k, v in params.items():
            if k not in self.get_params():
                raise ValueError(f"Invalid parameter {k!r}; valid: {sorted(self.get_params())}")
            setattr(self, k, v)
        return self

    def to_frame(self, X: Any, doc_ids: list[str] | None = None):
        """Dense tidy frame of a (small) matrix: one row per (doc_id, term) with count > 0."""
        import pandas as pd

        coo = X.tocoo()
        names = self.get_feature_names_out()
        ids = doc_ids or [f"doc{i}" for i in range(X.shape[0])]
        return pd.DataFrame(
            {"doc_id": [ids[i] for i in coo.row], "term": names[coo.col], "count": coo.data}
        )


class BowCorpus:
    """A streamed gensim bag-of-words corpus: tokens are recomputed on each pass.

    Iterating yields ``[(term_id, count), ...]`` per document, as gensim expects.
    """

    def __init__(
        self, texts: list[str], dictionary: Any, analyzer: Callable[[str], list[str]]
    ) -> None:
        self.texts = texts
        self.dictionary = dictionary
        self.analyzer = analyzer

    def __iter__(self) -> Iterator[list[tuple[int, int]]]:
        for t in self.texts:
            yield self.dictionary.doc2bow(self.analyzer(t))

    def __len__(self) -> int:
        return len(self.texts)


def to_gensim(docs: Any, vectorizer: DocumentTermVectorizer | None = None) -> tuple[Any, BowCorpus]:
    """A gensim ``Dictionary`` and a streamed bag-of-words corpus over policytext tokens.

    Examples
    --------
    >>> d, bow = to_gensim(["深化放管服改革", "推进放管服改革"],
    ...                    DocumentTermVectorizer(protected=["放管服"]))
    >>> len(bow), "放管服" in d.token2id
    (2, True)
    """
    from gensim.corpora import Dictionary

    vec = vectorizer or DocumentTermVectorizer()
    texts = _texts(docs)
    analyzer = vec.build_analyzer()
    if hasattr(vec, "vocabulary_"):
        d = Dictionary([vec.get_feature_names_out().tolist()])
    else:
        d = Dictionary(analyzer(t) for t in texts)
    return d, BowCorpus(texts, d, analyzer)
