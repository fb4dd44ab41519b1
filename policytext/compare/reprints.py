"""Reprints: near-duplicate notices found with MinHash LSH over character shingles.

Two copies of one notice posted on two sites differ in their page chrome and
sometimes in script (one site converts to traditional characters). Every text
is first folded (Simplified script, half-width ASCII, no whitespace or
enumeration punctuation, see :func:`~policytext.compare._common.canonical_text`),
cut into character ``shingle``-grams, hashed with numpy, and summarised by a
MinHash signature. Signatures go into a :class:`datasketch.MinHashLSH` index;
candidate pairs are verified on the exact shingle Jaccard (or a rapidfuzz
ratio), joined into clusters, and each cluster gets a representative: the
earliest document, then the most complete (longest) text.

Parameters (see :class:`ReprintDetector`)
------------------------------------------
shingle : 5 characters. Shorter shingles match unrelated notices that share
    boilerplate; longer ones are brittle against small edits.
threshold : 0.8 Jaccard, for LSH banding and for verification.
num_perm : 128 hash values per signature.
method : ``"oph"`` (one-permutation hashing with rotation densification,
    Shrivastava & Li 2014: one hash per shingle, O(n) per document, the fast
    default) or ``"minhash"`` (classic k-permutation MinHash with datasketch's
    own permutations, O(n·num_perm)).
seed : 1, seeds the permutations and the shingle hash.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from ._common import canonical_text, date_keys, tidy

if TYPE_CHECKING:
    from ..corpus import Corpus

__all__ = ["ReprintDetector", "candidate_pairs", "find_reprints", "mark_reprints", "shingle_hashes"]

logger = logging.getLogger(__name__)

_MASK32 = np.uint64(0xFFFFFFFF)
_MERSENNE = np.uint64((1 << 61) - 1)


def _mix64(z: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser, vectorised (wrapping uint64 arithmetic)."""
    z = z + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def shingle_hashes(
    text: str, *, shingle: int = 5, seed: int = 1, fold: bool = True, unique: bool = True
) -> np.ndarray:
    """Unique 64-bit hashes of the character ``shingle``-grams of ``text``.

    Parameters
    ----------
    text : str
    shingle : int, default 5
        Shingle length in characters.
    seed : int, default 1
        Salt of the hash.
    unique : bool, default True
        Return each hash once (sorted); ``False`` skips the sort.
    fold : bool, default True
        Fold the text first (Simplified script, no whitespace or enumeration
        punctuation), so script variants of one text give the same hashes.

    Examples
    --------
    >>> a = shingle_hashes("加强卫生系统建设")
    >>> b = shingle_hashes("加強衛生系統建設")
    >>> bool((a == b).all()), len(a)
    (True, 4)
    """
    if fold:
        text = canonical_text(text)[0]
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(cp) - shingle + 1
    if n <= 0:
        if len(cp) == 0:
            return np.zeros(0, dtype=np.uint64)
        n, shingle = 1, len(cp)
    h = np.full(n, np.uint64(seed) * np.uint64(0x100000001B3), dtype=np.uint64)
    prime = np.uint64(1099511628211)
    for j in range(shingle):
        h = (h ^ cp[j : j + n]) * prime
    h = _mix64(h)
    return np.unique(h) if unique else h


def _sig_oph(h: np.ndarray, num_perm: int) -> np.ndarray:
    sig = np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint64)
    if len(h) == 0:
        return sig
    bins = (h % np.uint64(num_perm)).astype(np.intp)
    np.minimum.at(sig, bins, h >> np.uint64(32))
    filled = np.zeros(num_perm, dtype=bool)
    filled[bins] = True
    if not filled.all():  # rotation densification: borrow from the next filled bin
        idx = np.flatnonzero(filled)
        empty = np.flatnonzero(~filled)
        pos = np.searchsorted(idx, empty) % len(idx)
        src = idx[pos]
        dist = (src - empty) % num_perm
        sig[empty] = (sig[src] + dist.astype(np.uint64) * np.uint64(0x9E3779B1)) & _MASK32
    return sig


def _sig_classic(h: np.ndarray, perms: np.ndarray, block: int = 8192) -> np.ndarray:
    a, b = perms
    sig = np.full(len(a), np.iinfo(np.uint32).max, dtype=np.uint64)
    hv = h & _MASK32
    for i in range(0, len(hv), block):
        phv = ((hv[i : i + block, None] * a + b) % _MERSENNE) & _MASK32
        np.minimum(sig, phv.min(axis=0), out=sig)
    return sig


@dataclass
class _Prepared:
    ids: list[str]
    texts: list[str]
    sigs: list[np.ndarray | None]


class ReprintDetector:
    """Find reprints (near-duplicate copies) in a corpus, scikit-learn style.

    Parameters
    ----------
    shingle : int, default 5
        Character shingle size on the folded Simplified text.
    threshold : float, default 0.8
        Jaccard similarity for the LSH index and for verification.
    num_perm : int, default 128
        Signature length.
    method : {"oph", "minhash"}, default "oph"
        One-permutation hashing (fast) or classic MinHash.
    verify : {"jaccard", "ratio", None}, default "jaccard"
        Check each LSH candidate pair on the exact shingle Jaccard, on
        ``rapidfuzz.fuzz.ratio / 100`` of the folded texts, or not at all
        (signature estimate).
    seed : int, default 1
        Seeds the shingle hash and the permutations (``random_state`` alias).

    Attributes
    ----------
    pairs_ : DataFrame
        Verified pairs: ``doc_a``, ``doc_b``, ``estimate``, ``similarity``.
    clusters_ : DataFrame
        One row per document in a multi-document cluster (see :func:`find_reprints`).

    Examples
    --------
    >>> from policytext.datasets import load_sample
    >>> det = ReprintDetector(threshold=0.8).fit(load_sample())
    >>> len(det.clusters_)
    0
    """

    def __init__(
        self,
        *,
        shingle: int = 5,
        threshold: float = 0.8,
        num_perm: int = 128,
        method: Literal["oph", "minhash"] = "oph",
        verify: Literal["jaccard", "ratio"] | None = "jaccard",
        seed: int = 1,
    ) -> None:
        self.shingle = shingle
        self.threshold = threshold
        self.num_perm = num_perm
        self.method = method
        self.verify = verify
        self.seed = seed

    def _check(self) -> None:
        if self.method not in ("oph", "minhash"):
            raise ValueError(f"method={self.method!r} is not valid; use 'oph' or 'minhash'")
        if self.verify not in ("jaccard", "ratio", None):
            raise ValueError(f"verify={self.verify!r} is not valid; use 'jaccard', 'ratio' or None")
        if not 0 < self.threshold <= 1:
            raise ValueError(f"threshold={self.threshold!r} must be in (0, 1]")
        if self.shingle < 1:
            raise ValueError(f"shingle={self.shingle!r} must be a positive number of characters")

    def signatures(self, texts: list[str]) -> list[np.ndarray | None]:
        """MinHash signatures (uint64 arrays of ``num_perm`` values; None for empty texts)."""
        self._check()
        perms = None
        if self.method == "minhash":
            from datasketch import MinHash

            perms = MinHash(self.num_perm, seed=self.seed).permutations.astype(np.uint64)
        out: list[np.ndarray | None] = []
        for t in texts:
            h = shingle_hashes(
                t or "", shingle=self.shingle, seed=self.seed, unique=perms is not None
            )
            if len(h) == 0:
                out.append(None)
            elif perms is None:
                out.append(_sig_oph(h, self.num_perm))
            else:
                out.append(_sig_classic(h, perms))
        return out

    def candidate_pairs(self, corpus: Corpus) -> pd.DataFrame:
        """LSH candidate pairs: ``doc_a``, ``doc_b``, ``estimate`` (signature Jaccard)."""
        ids, texts = corpus.doc_ids, corpus.texts
        sigs = self.signatures(texts)
        return self._candidates(ids, sigs)

    def _candidates(self, ids: list[str], sigs: list[np.ndarray | None]) -> pd.DataFrame:
        from datasketch import MinHashLSH

        # banding parameters as datasketch's MinHashLSH chooses them
        lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        b, r = lsh.b, lsh.r
        buckets: dict[tuple[int, bytes], list[int]] = {}
        for i, s in enumerate(sigs):
            if s is None:
                continue
            for band in range(b):
                key = (band, s[band * r : (band + 1) * r].tobytes())
                buckets.setdefault(key, []).append(i)
        del lsh
        seen: set[tuple[int, int]] = set()
        for members in buckets.values():
            if len(members) < 2:
                continue
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    seen.add((members[x], members[y]))
        rows = []
        for i, j in sorted(seen):
            est = float(np.mean(sigs[i] == sigs[j]))  # type: ignore[operator]
            rows.append((ids[i], ids[j], est))
        return pd.DataFrame(rows, columns=["doc_a", "doc_b", "estimate"])

    def fit(self, corpus: Corpus, y: Any = None) -> ReprintDetector:
        """Find reprint clusters in ``corpus``; results in ``pairs_`` and ``clusters_``."""
        ids, texts = corpus.doc_ids, corpus.texts
        sigs = self.signatures(texts)
        cand = self._candidates(ids, sigs)
        logger.info("reprints: %d documents, %d LSH candidate pairs", len(ids), len(cand))
        pos = {d: i for i, d in enumerate(ids)}
        sims = []
        cache: dict[str, Any] = {}

        def _h(d: str) -> np.ndarray:
            if d not in cache:
                cache[d] = shingle_hashes(texts[pos[d]] or "", shingle=self.shingle, seed=self.seed)
            return cache[d]

        for a, b, est in cand.itertuples(index=False):
            if self.verify == "jaccard":
                ha, hb = _h(a), _h(b)
                inter = len(np.intersect1d(ha, hb, assume_unique=True))
                sims.append(inter / (len(ha) + len(hb) - inter))
            elif self.verify == "ratio":
                from rapidfuzz import fuzz

                sims.append(
                    fuzz.ratio(canonical_text(texts[pos[a]])[0], canonical_text(texts[pos[b]])[0])
                    / 100
                )
            else:
                sims.append(est)
        cand["similarity"] = sims
        self.pairs_ = cand[cand["similarity"] >= self.threshold].reset_index(drop=True)
        self.clusters_ = _clusters(corpus, self.pairs_)
        return self

    def transform(self, corpus: Corpus) -> Corpus:
        """``corpus`` with docvars ``reprint_of`` (representative's doc_id or None) and ``reprint_cluster``."""
        if not hasattr(self, "clusters_"):
            raise RuntimeError("ReprintDetector is not fitted; call fit(corpus) first")
        cl = self.clusters_.set_index("doc_id")
        rep = [cl["reprint_of"].get(d) if d in cl.index else None for d in corpus.doc_ids]
        cid = [int(cl["cluster"][d]) if d in cl.index else None for d in corpus.doc_ids]
        rep = [None if (r is None or (isinstance(r, float) and np.isnan(r))) else r for r in rep]
        return corpus.with_docvar("reprint_of", rep).with_docvar("reprint_cluster", cid)

    def fit_transform(self, corpus: Corpus, y: Any = None) -> Corpus:
        """:meth:`fit` then :meth:`transform`."""
        return self.fit(corpus).transform(corpus)


def _clusters(corpus: Corpus, pairs: pd.DataFrame) -> pd.DataFrame:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for a, b in zip(pairs["doc_a"], pairs["doc_b"]):
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, list[str]] = {}
    for d in parent:
        members.setdefault(find(d), []).append(d)
    cols = ["doc_id", "cluster", "cluster_size", "representative", "reprint_of", "similarity"]
    if not members:
        return tidy(pd.DataFrame(columns=cols), corpus.docvars)
    dk = date_keys(corpus).set_index("doc_id")
    lengths = dict(zip(corpus.doc_ids, (len(t or "") for t in corpus.texts)))
    simmap: dict[frozenset[str], float] = {
        frozenset((a, b)): s for a, b, s in zip(pairs["doc_a"], pairs["doc_b"], pairs["similarity"])
    }
    rows = []
    far = pd.Timestamp.max
    groups = sorted(members.values(), key=lambda m: min(m))
    for cno, mem in enumerate(groups):

        def key(d: str) -> tuple[Any, int, str]:
            dt = dk["date"].get(d)
            return (far if pd.isna(dt) else dt, -lengths[d], d)

        mem = sorted(mem, key=key)
        rep = mem[0]
        for d in mem:
            rows.append(
                {
                    "doc_id": d,
                    "cluster": cno,
                    "cluster_size": len(mem),
                    "representative": d == rep,
                    "reprint_of": None if d == rep else rep,
                    "similarity": 1.0 if d == rep else simmap.get(frozenset((d, rep)), np.nan),
                }
            )
    return tidy(pd.DataFrame(rows, columns=cols), corpus.docvars)


def find_reprints(corpus: Corpus, **params: Any) -> pd.DataFrame:
    """Clusters of reprints: one row per document that has at least one near-duplicate.

    Columns: ``doc_id``, ``cluster``, ``cluster_size``, ``representative``
    (earliest date, then longest text), ``reprint_of`` (the representative's id,
    None for the representative), ``similarity`` (verified similarity to the
    representative when that pair was a candidate), then the docvars.
    ``params`` are those of :class:`ReprintDetector`.

    Examples
    --------
    >>> from policytext.datasets import load_sample
    >>> find_reprints(load_sample()).empty
    True
    """
    return ReprintDetector(**params).fit(corpus).clusters_


def mark_reprints(corpus: Corpus, **params: Any) -> Corpus:
    """Return ``corpus`` with docvars ``reprint_of`` and ``reprint_cluster`` (see :func:`find_reprints`)."""
    return ReprintDetector(**params).fit_transform(corpus)


def candidate_pairs(corpus: Corpus, *, threshold: float = 0.3, **params: Any) -> pd.DataFrame:
    """LSH candidate pairs at ``threshold`` (no verification): ``doc_a``, ``doc_b``, ``estimate``."""
    return ReprintDetector(threshold=threshold, **params).candidate_pairs(corpus)
