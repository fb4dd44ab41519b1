"""Keyness between groups of documents, like quanteda's ``textstat_keyness``.

Three measures on the 2×2 table of a term's count in the target and the
reference: Pearson's χ² (Yates-corrected by default), the log-likelihood ratio
G² (Williams-corrected by default), and the log-odds ratio with an informative
Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' words"), whose
``z`` accounts for the different variance of frequent and rare terms.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from ._common import as_corpus

if TYPE_CHECKING:
    from ..corpus import Corpus

__all__ = ["keyness", "keyness_matrix"]

logger = logging.getLogger(__name__)

Measure = Literal["chi2", "lr", "logodds"]


def keyness_matrix(
    X: Any,
    features: Sequence[str],
    target: np.ndarray,
    reference: np.ndarray | None = None,
    *,
    measure: Measure = "chi2",
    correction: bool = True,
    prior_scale: float = 1.0,
) -> pd.DataFrame:
    """Keyness from a document-term matrix and boolean document masks.

    Parameters
    ----------
    X : sparse matrix (n_docs, n_terms)
    features : sequence of str
    target, reference : boolean arrays
        Documents of the target and reference group (reference: the rest).
    measure : {"chi2", "lr", "logodds"}
    correction : bool, default True
        Yates (chi2) or Williams (lr) correction.
    prior_scale : float, default 1.0
        logodds only: the prior for a term is ``prior_scale`` × its count in
        both groups together.

    Returns
    -------
    DataFrame
        ``feature``, the statistic (``chi2``, ``G2`` or ``log_odds``), ``p``,
        ``n_target``, ``n_reference`` (and ``z``, ``se`` for logodds), sorted by
        the statistic (``z`` for logodds), most key to the target first.

    Examples
    --------
    >>> from scipy import sparse
    >>> X = sparse.csr_matrix(np.array([[10, 1], [1, 10], [0, 12]]))
    >>> k = keyness_matrix(X, ["改革", "民生"], np.array([True, False, False]))
    >>> k["feature"].tolist()
    ['改革', '民生']
    """
    from scipy import stats

    target = np.asarray(target, dtype=bool)
    reference = ~target if reference is None else np.asarray(reference, dtype=bool)
    if not target.any():
        raise ValueError("The target group has no documents")
    if not reference.any():
        raise ValueError("The reference group has no documents")
    a = np.asarray(X[target].sum(axis=0)).ravel().astype(float)
    b = np.asarray(X[reference].sum(axis=0)).ravel().astype(float)
    na, nb = a.sum(), b.sum()
    c, d = na - a, nb - b
    n = na + nb
    out = pd.DataFrame({"feature": list(features)})
    with np.errstate(divide="ignore", invalid="ignore"):
        ea = (a + b) * na / n
        sign = np.where(a >= ea, 1.0, -1.0)
        if measure == "chi2":
            diff = np.abs(a * d - b * c)
            if correction:
                diff = np.maximum(diff - n / 2, 0)
            chi2 = n * diff**2 / ((a + b) * (c + d) * (a + c) * (b + d))
            chi2 = np.nan_to_num(chi2)
            out["chi2"] = sign * chi2
            out["p"] = stats.chi2.sf(chi2, 1)
            key = "chi2"
        elif measure == "lr":
            obs = np.vstack([a, b, c, d])
            exp = np.vstack(
                [(a + b) * na / n, (a + b) * nb / n, (c + d) * na / n, (c + d) * nb / n]
            )
            g2 = 2 * np.where(obs > 0, obs * np.log(obs / exp), 0.0).sum(axis=0)
            if correction:
                q = 1 + (n / (a + b) + n / (c + d) - 1) * (n / na + n / nb - 1) / (6 * n)
                g2 = g2 / q
            g2 = np.nan_to_num(np.maximum(g2, 0))
            out["G2"] = sign * g2
            out["p"] = stats.chi2.sf(g2, 1)
            key = "G2"
        elif measure == "logodds":
            alpha = prior_scale * (a + b)
            a0 = alpha.sum()
            delta = np.log((a + alpha) / (na + a0 - a - alpha)) - np.log(
                (b + alpha) / (nb + a0 - b - alpha)
            )
            se = np.sqrt(1 / (a + alpha) + 1 / (b + alpha))
            z = delta / se
            out["log_odds"] = delta
            out["se"] = se
            out["z"] = z
            out["p"] = 2 * stats.norm.sf(np.abs(z))
            key = "z"
        else:
            raise ValueError(f"measure={measure!r} is not valid; use 'chi2', 'lr' or 'logodds'")
    out["n_target"] = a.astype(int)
    out["n_reference"] = b.astype(int)
    return out.sort_values([key, "feature"], ascending=[False, True]).reset_index(drop=True)


def _mask(dv: pd.DataFrame, sel: Any, by: str | None) -> np.ndarray:
    if isinstance(sel, (np.ndarray, pd.Series)) and np.asarray(sel).dtype == bool:
        return np.asarray(sel)
    if by is None:
        ids = [sel] if isinstance(sel, str) else list(sel)
        return dv["doc_id"].isin(ids).to_numpy()
    if by not in dv.columns:
        raise KeyError(f"No docvar {by!r}; docvars are {list(dv.columns)}")
    vals = [sel] if isinstance(sel, (str, int, np.integer)) else list(sel)
    m = dv[by].isin(vals).to_numpy()
    if not m.any():
        raise ValueError(
            f"No document has {by} in {vals!r}; values are {sorted(map(str, dv[by].dropna().unique()))[:10]}"
        )
    return m


def keyness(
    x: Corpus | Any,
    target: Any,
    *,
    by: str | None = None,
    reference: Any = None,
    measure: Measure = "chi2",
    correction: bool = True,
    prior_scale: float = 1.0,
    vectorizer: Any = None,
) -> pd.DataFrame:
    """Keyness of terms for a target group against a reference (default: all other documents).

    Parameters
    ----------
    x : Corpus or fitted TopicModel
        A fitted :class:`~policytext.compare.TopicModel` reuses its matrix.
    target : value of docvar ``by``, list of values, doc_ids (``by=None``) or boolean mask
    by : str, optional
        Docvar that defines groups, e.g. ``"province"``.
    reference : like ``target``, optional
        Default: every document not in the target.
    measure : {"chi2", "lr", "logodds"}, default "chi2"
    correction, prior_scale
        See :func:`keyness_matrix`.
    vectorizer : DocumentTermVectorizer, optional

    Returns
    -------
    DataFrame
        ``feature``, statistic, ``p``, ``n_target``, ``n_reference``, plus
        ``target`` and ``reference`` labels.

    Examples
    --------
    >>> from policytext.datasets import load_sample
    >>> k = keyness(load_sample(), "四川省", by="province", measure="lr")
    >>> k.columns.tolist()[:3]
    ['feature', 'G2', 'p']
    """
    from .topics import TopicModel

    if isinstance(x, TopicModel):
        x._check()
        X, names, dv = x.dtm_, x.feature_names_, x.docvars_
    else:
        from .dtm import DocumentTermVectorizer

        corpus = as_corpus(x)
        vec = vectorizer or DocumentTermVectorizer()
        X = vec.fit_transform(corpus)
        names, dv = vec.get_feature_names_out(), corpus.docvars
    t = _mask(dv, target, by)
    r = None if reference is None else _mask(dv, reference, by)
    out = keyness_matrix(
        X, names, t, r, measure=measure, correction=correction, prior_scale=prior_scale
    )
    out["target"] = (
        str(target) if not isinstance(target, (list, np.ndarray, pd.Series)) else "target"
    )
    out["reference"] = "rest" if reference is None else str(reference)
    return out
