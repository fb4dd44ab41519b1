"""Text reuse between non-identical documents: shared passages and who copied from whom.

In the spirit of passim and R's textreuse: two documents share a passage when
they have a run of common character ``k``-grams on one diagonal (seed and
extend). Offsets refer to each document's ``text`` (the Simplified copy used
for matching has the same length). The corpus-level table is restricted to
MinHash LSH candidate pairs, so it scales to corpora where all pairs would not.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._common import date_keys, simplified

if TYPE_CHECKING:
    from ..corpus import Corpus

__all__ = ["shared_passages", "text_reuse"]

logger = logging.getLogger(__name__)

_PASSAGE_COLS = ["source_start", "source_end", "target_start", "target_end", "length", "passage"]


def _kgram_hashes(text: str, k: int) -> np.ndarray:
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(cp) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        h = (h ^ cp[j : j + n]) * np.uint64(1099511628211)
    return h


def shared_passages(
    source: str,
    target: str,
    *,
    k: int = 8,
    min_chars: int = 20,
    max_repeat: int = 50,
) -> pd.DataFrame:
    """Aligned passages that ``target`` shares with ``source``.

    Parameters
    ----------
    source, target : str
        Texts (any script; matching uses the Simplified copy).
    k : int, default 8
        Seed length in characters.
    min_chars : int, default 20
        Shortest passage reported.
    max_repeat : int, default 50
        Seeds occurring more often than this in ``source`` are ignored
        (boilerplate such as repeated headings).

    Returns
    -------
    DataFrame
        ``source_start``, ``source_end``, ``target_start``, ``target_end``,
        ``length``, ``passage`` (the target's text), longest first.

    Examples
    --------
    >>> a = "各地要切实加强组织领导，确保各项措施落到实处。其他内容不同。"
    >>> b = "我市要求：各地要切实加強組織領導，確保各項措施落到實處。"
    >>> shared_passages(a, b, min_chars=10)[["source_start", "target_start", "length"]].values.tolist()
    [[0, 5, 23]]
    """
    s, t = simplified(source or ""), simplified(target or "")
    hs, ht = _kgram_hashes(s, k), _kgram_hashes(t, k)
    if len(hs) == 0 or len(ht) == 0:
        return pd.DataFrame(columns=_PASSAGE_COLS)
    order = np.argsort(hs, kind="stable")
    sorted_h = hs[order]
    lo = np.searchsorted(sorted_h, ht, side="left")
    hi = np.searchsorted(sorted_h, ht, side="right")
    cnt = hi - lo
    ok = (cnt > 0) & (cnt <= max_repeat)
    tj = np.repeat(np.flatnonzero(ok), cnt[ok])
    if len(tj) == 0:
        return pd.DataFrame(columns=_PASSAGE_COLS)
    starts = np.repeat(lo[ok], cnt[ok])
    offs = np.arange(len(tj)) - np.repeat(np.cumsum(cnt[ok]) - cnt[ok], cnt[ok])
    si = order[starts + offs]
    diag = si - tj
    o = np.lexsort((tj, diag))
    diag, tj, si = diag[o], tj[o], si[o]
    brk = np.ones(len(tj), dtype=bool)
    brk[1:] = (diag[1:] != diag[:-1]) | (tj[1:] != tj[:-1] + 1)
    run_id = np.cumsum(brk) - 1
    first = np.flatnonzero(brk)
    last = np.r_[first[1:] - 1, len(tj) - 1]
    rows = []
    for a, b in zip(first, last):
        length = int(tj[b] - tj[a]) + k
        if length < min_chars:
            continue
        ts, ss = int(tj[a]), int(si[a])
        rows.append((ss, ss + length, ts, ts + length, length, target[ts : ts + length]))
    del run_id
    out = pd.DataFrame(rows, columns=_PASSAGE_COLS)
    return out.sort_values(["length", "target_start"], ascending=[False, True]).reset_index(
        drop=True
    )


def _covered(spans: pd.DataFrame, start: str, end: str, n: int) -> int:
    if spans.empty:
        return 0
    mask = np.zeros(n, dtype=bool)
    for a, b in zip(spans[start], spans[end]):
        mask[a:b] = True
    return int(mask.sum())


def text_reuse(
    corpus: Corpus,
    *,
    threshold: float = 0.2,
    k: int = 8,
    min_chars: int = 30,
    pairs: pd.DataFrame | None = None,
    **lsh_params: Any,
) -> pd.DataFrame:
    """Who copied from whom: shared text for each LSH candidate pair.

    The earlier document (by ``date``, else ``year``) is the ``source``; when
    both have the same date or none, the order is by ``doc_id`` and
    ``direction`` is ``"unknown"``.

    Parameters
    ----------
    corpus : Corpus
    threshold : float, default 0.2
        Jaccard threshold of the MinHash LSH that proposes candidate pairs
        (low, because reuse of a few paragraphs gives a low Jaccard).
    k, min_chars : int
        See :func:`shared_passages`.
    pairs : DataFrame, optional
        Candidate pairs (``doc_a``, ``doc_b``) to use instead of LSH.
    **lsh_params
        Passed to :class:`~policytext.compare.ReprintDetector` (``shingle``,
        ``num_perm``, ``seed``...).

    Returns
    -------
    DataFrame
        ``source_id``, ``target_id``, ``direction``, ``n_passages``,
        ``shared_chars`` (target characters covered), ``share_of_target``,
        ``share_of_source``, ``longest``; pairs without a passage are dropped.
    """
    if pairs is None:
        from .reprints import candidate_pairs

        pairs = candidate_pairs(corpus, threshold=threshold, **lsh_params)
    texts = dict(zip(corpus.doc_ids, corpus.texts))
    dk = date_keys(corpus).set_index("doc_id")["date"]
    rows = []
    for a, b in zip(pairs["doc_a"], pairs["doc_b"]):
        da, db = dk.get(a), dk.get(b)
        if pd.notna(da) and pd.notna(db) and da != db:
            src, tgt, direction = (a, b, "dated") if da < db else (b, a, "dated")
        else:
            src, tgt = sorted((a, b))
            direction = "unknown"
        ps = shared_passages(texts[src] or "", texts[tgt] or "", k=k, min_chars=min_chars)
        if ps.empty:
            continue
        nt, ns = len(texts[tgt] or ""), len(texts[src] or "")
        ct = _covered(ps, "target_start", "target_end", nt)
        cs = _covered(ps, "source_start", "source_end", ns)
        rows.append(
            (
                src,
                tgt,
                direction,
                len(ps),
                ct,
                ct / max(nt, 1),
                cs / max(ns, 1),
                int(ps["length"].max()),
            )
        )
    cols = [
        "source_id",
        "target_id",
        "direction",
        "n_passages",
        "shared_chars",
        "share_of_target",
        "share_of_source",
        "longest",
    ]
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["shared_chars", "source_id"], ascending=[False, True]).reset_index(
        drop=True
    )
