"""Shared helpers for comparison: canonical text, tokens, dates, region levels."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from ..corpus import Corpus

logger = logging.getLogger(__name__)

__all__ = [
    "CANONICAL_DROP",
    "as_corpus",
    "canonical_text",
    "date_keys",
    "default_tokenizer",
    "fold",
    "region_table",
    "simplified",
]

#: Characters removed by :func:`canonical_text` before matching (whitespace,
#: enumeration commas, slashes, middle dots and quotation marks), so that
#: ``放管服``, ``放、管、服`` and ``“放管服”`` fold to the same string.
CANONICAL_DROP: str = " \t\r\n\u3000\u00a0、,，/／·•・‧“”‘’\"'「」『』"

_FULLWIDTH = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20
_DROP_LUT = np.zeros(0x10000, dtype=bool)
_DROP_LUT[[ord(c) for c in CANONICAL_DROP]] = True


def simplified(text: str) -> str:
    """Simplified-script copy of ``text`` with the same length (positions map one-to-one).

    Examples
    --------
    >>> simplified("衛生系統")
    '卫生系统'
    """
    if not text:
        return ""
    from .._opencc import get_converter

    return get_converter("t2s").convert_same_length(text)


def canonical_text(text: str) -> tuple[str, np.ndarray]:
    """Fold ``text`` for matching and return it with the original position of each character.

    The fold converts to Simplified script, full-width ASCII to half-width,
    lower-cases, and drops :data:`CANONICAL_DROP`.

    Returns
    -------
    folded : str
    positions : numpy.ndarray
        ``positions[i]`` is the index in ``text`` of ``folded[i]``.

    Examples
    --------
    >>> folded, pos = canonical_text("“放、管、服”改革")
    >>> folded, pos.tolist()
    ('放管服改革', [1, 3, 5, 7, 8])
    """
    s = simplified(text)
    if not s:
        return "", np.zeros(0, dtype=np.int64)
    cp = np.frombuffer(s.encode("utf-32-le"), dtype=np.uint32).copy()
    full = (cp >= 0xFF01) & (cp <= 0xFF5E)
    cp[full] -= 0xFEE0
    upper = (cp >= 0x41) & (cp <= 0x5A)
    cp[upper] += 32
    keep = ~_DROP_LUT[np.minimum(cp, 0xFFFF)] | (cp > 0xFFFF)
    folded = cp[keep].tobytes().decode("utf-32-le")
    return folded, np.flatnonzero(keep)


def fold(text: str) -> str:
    """The canonical fold of a pattern (see :func:`canonical_text`).

    Examples
    --------
    >>> fold("三個代表")
    '三个代表'
    """
    return canonical_text(text)[0]


def as_corpus(obj: Any) -> Corpus:
    """Accept a :class:`~policytext.Corpus`, a DataFrame with ``text`` or a list of texts."""
    from ..corpus import Corpus

    if isinstance(obj, Corpus):
        return obj
    if isinstance(obj, pd.DataFrame):
        return Corpus.from_dataframe(obj)
    if isinstance(obj, (list, tuple)):
        return Corpus.from_dataframe(pd.DataFrame({"text": [str(t) for t in obj]}))
    raise TypeError(
        f"Expected a Corpus, a DataFrame with a 'text' column or a list of texts, not {type(obj).__name__}"
    )


def date_keys(corpus: Corpus) -> pd.DataFrame:
    """``doc_id``, ``date`` (Timestamp or NaT) and ``year`` (Int64) for each document.

    ``date`` comes from the ``date`` docvar, else 1 January of ``year``.
    """
    dv = corpus.docvars
    n = len(dv)
    date = (
        pd.to_datetime(dv["date"].astype("string"), errors="coerce", format="mixed")
        if "date" in dv.columns
        else pd.Series([pd.NaT] * n, dtype="datetime64[ns]")
    )
    year = (
        pd.to_numeric(dv["year"], errors="coerce").astype("Int64")
        if "year" in dv.columns
        else pd.Series([pd.NA] * n, dtype="Int64")
    )
    year = year.where(year.notna(), date.dt.year.astype("Int64"))
    from_year = pd.to_datetime(year.astype("string") + "-01-01", errors="coerce")
    date = date.where(date.notna(), from_year)
    return pd.DataFrame(
        {"doc_id": dv["doc_id"].to_numpy(), "date": date.to_numpy(), "year": year.to_numpy()}
    )


def _clean(v: Any) -> str | None:
    if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA:
        return None
    s = str(v).strip()
    return s or None


def region_table(corpus: Corpus) -> pd.DataFrame:
    """Region of each document: ``doc_id``, ``province``, ``city``, ``county``, ``region``, ``level``.

    ``level`` is ``national``, ``province``, ``city`` or ``county`` (the deepest
    filled docvar); ``region`` is a path such as ``四川省/成都市``. A ``region``
    docvar such as ``全国`` is used when there is no province. When
    :mod:`policytext.extract.region` offers ``resolve_region``, missing levels
    are filled from the gazetteer; otherwise the docvars are used as they are.
    """
    dv = corpus.docvars
    rows = []
    resolver = None
    try:  # optional gazetteer from the region-extraction issue
        from ..extract.region import resolve_region as resolver  # type: ignore[attr-defined]
    except Exception:
        resolver = None
    for rec in dv.to_dict("records"):
        prov, city, county = (_clean(rec.get(k)) for k in ("province", "city", "county"))
        if resolver is not None and (city or county) and not prov:
            try:
                res = resolver(county or city)
                got = res if isinstance(res, dict) else getattr(res, "__dict__", {})
                prov = prov or _clean(got.get("province"))
                city = city or _clean(got.get("city"))
            except Exception:  # pragma: no cover - defensive
                pass
        if city and prov and city == prov and not county:
            city = None  # 重庆市/重庆市: a municipality's own government is provincial
        other = _clean(rec.get("region"))
        if county:
            level = "county"
        elif city:
            level = "city"
        elif prov:
            level = "province"
        elif other in ("全国", "中央", "national"):
            level = "national"
        else:
            level = None
        parts = [p for p in (prov, city, county) if p]
        region = "/".join(parts) if parts else (other or None)
        rows.append(
            {
                "doc_id": rec["doc_id"],
                "province": prov,
                "city": city,
                "county": county,
                "region": region,
                "level": level,
            }
        )
    return pd.DataFrame(rows, columns=["doc_id", "province", "city", "county", "region", "level"])


_HAN = re.compile(r"[\u4e00-\u9fff]")
_ACRONYM = re.compile(r"^(?=.*[A-Z0-9])[A-Za-z0-9]+$")


def default_tokenizer():
    """Return a ``text -> list[str]`` tokenizer: policytext's Segmenter, else rjieba, else jieba.

    The tokenizer is a fresh object (no global dictionary is changed).
    """
    try:
        from ..segment import Segmenter  # type: ignore[attr-defined]

        seg = Segmenter()
        return seg.segment
    except Exception:
        pass
    try:
        import rjieba

        jb = rjieba.Jieba()
        return lambda text: jb.cut(text, False)
    except Exception:  # pragma: no cover - rjieba is a dependency
        import jieba

        tk = jieba.Tokenizer()
        return lambda text: tk.lcut(text)


def is_word(token: str) -> bool:
    """True if ``token`` holds a Han character or is an acronym/number such as ``5G``, ``GDP``."""
    return bool(_HAN.search(token)) or bool(_ACRONYM.match(token))


def tidy(frame: pd.DataFrame, docvars: pd.DataFrame | None = None) -> pd.DataFrame:
    """Put ``doc_id`` first and join ``docvars`` on it (without overwriting columns)."""
    if docvars is not None and "doc_id" in frame.columns:
        extra = [c for c in docvars.columns if c == "doc_id" or c not in frame.columns]
        frame = frame.merge(docvars[extra], on="doc_id", how="left")
    if "doc_id" in frame.columns:
        frame = frame[["doc_id"] + [c for c in frame.columns if c != "doc_id"]]
    return frame.reset_index(drop=True)


def chunks(seq: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for i in range(0, len(seq), size):
        yield seq[i : i + size]
