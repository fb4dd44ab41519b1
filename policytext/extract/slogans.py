"""Formulas, themes, carriers, slogans and campaigns of a notice.

The extractor registered as ``"slogans"`` fills the record fields ``formulas``,
``themes``, ``carriers``, ``slogans`` and ``campaigns`` (../shared/spec/record.md).
:func:`find_items` is the engine: one :class:`Item` per occurrence with its
kind, offsets and canonical key; :func:`occurrences`, :func:`summaries` and
:func:`lexicon` turn a corpus into tidy DataFrames.

Kinds
-----
``formula``
    numbered formulas (see :mod:`policytext.extract.formulas`).
``theme``
    以“X”为(活动)主题, “X”主题(实践|教育)(活动), “X”专题教育, 主题是“X”, 以X为主题.
``carrier``
    以“X”为(活动)载体, “X”为载体, 以X为载体.
``slogan``
    other quoted officialese phrases of two or more clauses (“用心想事、用心谋事、
    用心干事”, “创文明机关,做人民满意公务员”) or of parallel units without
    separators (“学史明理学史增信”).
``name``
    quoted single-clause names of an activity, brand or honour (“青年文明号”,
    “平安校园”, “最多跑一次”): kept in the DataFrames with confidence ``low``,
    never in the record (docs/concepts/formulas.md explains why).
``scare``
    quoted single ordinary words (“把脉”, “症结”): kept in the DataFrames
    as a low-confidence kind, never in the record.
``campaign``
    named activities (“X”主题实践活动, “X”主题教育, 向王争艳同志学习活动,
    八大医疗保障行动, 党史学习教育).

Pattern tables live in ``policytext/data/slogan_patterns.toml``; pass
``extra=path`` to :func:`load_patterns` to extend them.

Examples
--------
>>> out = extract_slogans_text("以“树良好医德医风、办人民满意卫生”为活动主题,以“12345”工作思路为活动载体,深入基层“把脉”。")
>>> out["themes"], out["carriers"], [f["text"] for f in out["formulas"]], out["slogans"]
(['树良好医德医风、办人民满意卫生'], ['12345'], ['12345'], [])
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from . import register
from .canonical import canonical_key
from .formulas import find_formulas, quoted_spans

if TYPE_CHECKING:
    import pandas as pd

    from ..corpus import Corpus

__all__ = [
    "Item",
    "extract_slogans",
    "extract_slogans_text",
    "find_items",
    "lexicon",
    "load_patterns",
    "occurrences",
    "quote_kind",
    "summaries",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

_Q = r"[“「\"](?P<q>[^“”「」\"\n]{1,80})[”」\"]"
_PINYIN = re.compile(r"\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7})\)")
_SENT = re.compile(r"[。！？!?；;\n]")
RECORD_KINDS = ("formula", "theme", "carrier", "slogan", "campaign")
LOW_KINDS = ("name", "scare")  # in the DataFrames only, never in the record


def _read_toml(path) -> dict[str, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    with open(path, "rb") as fh:
        return tomllib.load(fh)


@functools.lru_cache(maxsize=8)
def load_patterns(extra: str | None = None) -> dict[str, Any]:
    """Load the pattern tables (and append the lists of an ``extra`` TOML file).

    Parameters
    ----------
    extra : str, optional
        Path of a TOML file with the layout of ``policytext/data/slogan_patterns.toml``.

    Returns
    -------
    dict
        Tables by section; ``patterns`` lists are compiled into ``compiled``.

    Raises
    ------
    ValueError
        When a pattern group is empty or a pattern lacks a ``q``/``x`` group.

    Examples
    --------
    >>> "三个代表" in load_patterns()["formulas"]["lexicon"]
    True
    """
    tables = _read_toml(resources.files("policytext") / "data" / "slogan_patterns.toml")
    if extra:
        for sec, vals in _read_toml(extra).items():
            for k, v in vals.items():
                base = tables.setdefault(sec, {})
                base[k] = base.get(k, []) + v if isinstance(v, list) else v
    for sec in ("themes", "carriers", "campaigns"):
        pats = tables.get(sec, {}).get("patterns", [])
        if not pats:
            raise ValueError(
                f"Pattern group {sec!r} is empty; it would match nothing. Add patterns or drop the group."
            )
        compiled = []
        for p in pats:
            rx = re.compile(p.replace("(?P<q>Q)", _Q))
            if not ({"q", "x"} & set(rx.groupindex)):
                raise ValueError(
                    f"Pattern {p!r} in [{sec}] needs a named group 'q' (quoted) or 'x'"
                )
            compiled.append(rx)
        tables[sec]["compiled"] = compiled
    return tables


@dataclass
class Item:
    """One occurrence of a formula, theme, carrier, slogan, name, scare quote or campaign."""

    kind: str
    text: str
    start: int
    end: int
    key: str = ""
    numbers: list[int] | None = None
    expansion: list[str] | None = None

    def __post_init__(self) -> None:
        if not self.key:
            self.key = canonical_key(self.text)


def _clean(s: str) -> str:
    return s.strip(" \u3000“”「」\"'")


_CLAUSE_SEP = re.compile(r"[，,、；;]")
_SPACE_SEP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
#: function words of a quoted sentence (not found in long officialese slogans)
_SENTENCE_WORDS = re.compile(r"的|是|了|就|而|我们|他们|这|那")


def _clauses(s: str) -> list[str]:
    parts = [c for c in _CLAUSE_SEP.split(s) if c.strip()]
    if len(parts) == 1:  # “学党史 悟思想 办实事”: spaces separate equal clauses only
        spaced = [c for c in _SPACE_SEP.split(parts[0].strip()) if c.strip()]
        if len(spaced) >= 2 and len({len(c) for c in spaced}) == 1 and len(spaced[0]) >= 2:
            return spaced
    return parts


def _parallel_units(s: str) -> bool:
    """Whether an unseparated phrase is 2–4 equal units sharing a head or tail.

    >>> _parallel_units("学史明理学史增信"), _parallel_units("创建为民创建惠民"), _parallel_units("青年文明号")
    (True, True, False)
    """
    for k in (2, 3, 4):
        if len(s) % k or not 3 <= len(s) // k <= 6:
            continue
        n = len(s) // k
        units = [s[i : i + n] for i in range(0, len(s), n)]
        if len({u[:2] for u in units}) == 1 or len({u[-1] for u in units}) == 1:
            return True
    return False


def quote_kind(
    content: str, *, min_len: int = 3, max_len: int = 60, max_clause: int = 16
) -> str | None:
    """Kind of a quoted span that is no formula, theme or carrier.

    ``slogan`` for multi-clause officialese, ``name`` for a single-clause name,
    ``scare`` for a short single word, None for what is no item at all (a
    quoted sentence, a span without Han characters).

    Examples
    --------
    >>> [quote_kind(x) for x in ["用心想事、用心谋事", "青年文明号", "把脉", "2010"]]
    ['slogan', 'name', 'scare', None]
    """
    compact = re.sub(r"\s", "", content)
    if not compact or "。" in compact or len(compact) > max_len:
        return None
    if not re.search(r"[\u4e00-\u9fff]", compact):
        return None
    clauses = _clauses(content.strip())
    if len(clauses) >= 2:
        if max(len(re.sub(r"\s", "", c)) for c in clauses) > max_clause:
            return None
        if len(compact) > 40 and _SENTENCE_WORDS.search(compact):
            return None  # a quoted sentence
        return "slogan"
    if _parallel_units(compact):
        return "slogan"
    return "name" if len(compact) >= min_len else "scare"


def find_items(text: str, *, patterns: str | None = None) -> list[Item]:
    """Every occurrence of every kind in ``text``, in document order.

    Parameters
    ----------
    text : str
        Normalized (Simplified) text.
    patterns : str, optional
        Extra pattern file (see :func:`load_patterns`).

    Returns
    -------
    list of Item

    Examples
    --------
    >>> [(i.kind, i.text) for i in find_items("营造“用心想事、用心谋事、用心干事”的氛围,深入基层“把脉”")]
    [('slogan', '用心想事、用心谋事、用心干事'), ('scare', '把脉')]
    """
    tables = load_patterns(patterns)
    items: list[Item] = []
    claimed: set[tuple[int, int]] = set()  # quoted spans already given a kind
    for f in find_formulas(text):
        items.append(Item("formula", f.text, f.start, f.end, f.key, f.numbers, f.expansion))
        claimed.add((f.start, f.end))
    for kind, sec in (("theme", "themes"), ("carrier", "carriers")):
        for rx in tables[sec]["compiled"]:
            for m in rx.finditer(text):
                g = "q" if "q" in rx.groupindex and m.group("q") is not None else "x"
                s, e = m.span(g)
                val = _clean(m.group(g))
                if g == "x":
                    qm = re.search(_Q, val)
                    if qm:  # 以开展“X”主题实践活动为载体 → X
                        s, e = s + qm.start("q"), s + qm.end("q")
                        val = qm.group("q")
                if len(val) < 2 or len(val) > 60:
                    continue
                items.append(Item(kind, val, s, e))
                claimed.add((s, e))
    for rx in tables["campaigns"]["compiled"]:
        for m in rx.finditer(text):
            if "q" in rx.groupindex and m.group("q") is not None:
                val = _clean(m.group("q")) + m.group("s")
                s, e = m.start("q"), m.end()
            else:
                val, (s, e) = m.group("x"), m.span("x")
            items.append(Item("campaign", val, s, e))
    opts = {
        k: int(tables["slogans"][k])
        for k in ("min_len", "max_len", "max_clause")
        if k in tables["slogans"]
    }
    for s, e, content, mark in quoted_spans(text):
        if mark == "《" or (s, e) in claimed:
            continue
        val = _clean(content)
        kind = quote_kind(val, **opts)
        if kind is not None:
            items.append(Item(kind, val, s, e))
    items.sort(key=lambda i: (i.start, RECORD_KINDS.index(i.kind) if i.kind in RECORD_KINDS else 9))
    return items


def _strip_pinyin(text: str) -> str:
    """Drop ``(wèi)``-style pinyin annotations when normalization left them (≥ 3 found)."""
    if len(_PINYIN.findall(text[:20000])) >= 3:
        return _PINYIN.sub("", text)
    return text


def _record_fields(items: list[Item]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "formulas": [],
        "themes": [],
        "carriers": [],
        "slogans": [],
        "campaigns": [],
    }
    counts = Counter((i.kind, i.key) for i in items)
    seen: set[tuple[str, str]] = set()
    formulas: dict[str, dict[str, Any]] = {}
    for i in items:
        if i.kind not in RECORD_KINDS or (i.kind, i.key) in seen:
            if (
                i.kind == "formula"
                and i.expansion
                and i.key in formulas
                and not formulas[i.key]["expansion"]
            ):
                formulas[i.key]["expansion"] = i.expansion
            continue
        seen.add((i.kind, i.key))
        if i.kind == "formula":
            formulas[i.key] = {
                "text": i.text,
                "key": i.key,
                "numbers": i.numbers or [],
                "expansion": i.expansion or [],
                "count": counts[(i.kind, i.key)],
            }
            out["formulas"].append(formulas[i.key])
        else:
            out[i.kind + "s"].append(i.text)
    return out


def extract_slogans_text(text: str, *, patterns: str | None = None) -> dict[str, Any]:
    """Record fields ``formulas, themes, carriers, slogans, campaigns`` of a text.

    Examples
    --------
    >>> extract_slogans_text("深入开展“双拥”共建活动")["formulas"][0]["key"]
    '双拥'
    """
    return _record_fields(find_items(_strip_pinyin(text), patterns=patterns))


@register("slogans")
def extract_slogans(doc) -> dict[str, Any]:
    """Extractor: fill ``formulas``, ``themes``, ``carriers``, ``slogans``, ``campaigns``.

    Examples
    --------
    >>> from policytext import Document
    >>> extract_slogans(Document(id="d", raw="要认真组织开展“四查四看”活动"))["formulas"][0]["numbers"]
    [4, 4]
    """
    return extract_slogans_text(doc.text or "")


def _sentence(text: str, s: int, e: int) -> str:
    a = max((m.end() for m in _SENT.finditer(text, max(0, s - 200), s)), default=max(0, s - 200))
    m = _SENT.search(text, e, e + 200)
    return text[a : (m.end() if m else min(len(text), e + 200))].strip()


def occurrences(
    corpus: Corpus, *, patterns: str | None = None, docvars: bool = True
) -> pd.DataFrame:
    """One row per occurrence: ``doc_id, kind, text, key, start, end, sentence`` + docvars.

    Offsets refer to ``doc.text`` (when normalization left pinyin annotations,
    they are dropped first and offsets refer to that text).

    Examples
    --------
    >>> from policytext.datasets import load_sample
    >>> df = occurrences(load_sample().normalize())
    >>> {"formula", "theme", "slogan", "scare"} <= set(df["kind"])
    True
    """
    import pandas as pd

    rows = []
    for doc in corpus:
        text = _strip_pinyin(doc.text or "")
        for i in find_items(text, patterns=patterns):
            rows.append(
                {
                    "doc_id": doc.id,
                    "kind": i.kind,
                    "text": i.text,
                    "key": i.key,
                    "start": i.start,
                    "end": i.end,
                    "confidence": "low" if i.kind in LOW_KINDS else "high",
                    "sentence": _sentence(text, i.start, i.end),
                }
            )
    cols = ["doc_id", "kind", "text", "key", "start", "end", "confidence", "sentence"]
    df = pd.DataFrame(rows, columns=cols)
    if docvars:
        dv = corpus.docvars
        df = df.merge(dv, on="doc_id", how="left") if len(dv.columns) > 1 else df
    return df


def summaries(corpus: Corpus, *, patterns: str | None = None) -> pd.DataFrame:
    """Per-document counts of each kind (one row per document, docvars kept).

    Examples
    --------
    >>> from policytext.datasets import load_sample
    >>> bool(summaries(load_sample().normalize())["n_formula"].sum() > 10)
    True
    """
    import pandas as pd

    occ = occurrences(corpus, patterns=patterns, docvars=False)
    kinds = [*RECORD_KINDS, *LOW_KINDS]
    tab = pd.crosstab(occ["doc_id"], occ["kind"]).reindex(columns=kinds, fill_value=0)
    tab.columns = [f"n_{k}" for k in kinds]
    dv = corpus.docvars
    out = dv[["doc_id"]].merge(tab, left_on="doc_id", right_index=True, how="left").fillna(0)
    for c in tab.columns:
        out[c] = out[c].astype(int)
    return out.merge(dv, on="doc_id", how="left")


def lexicon(
    corpus: Corpus | None = None,
    *,
    occ: pd.DataFrame | None = None,
    date_col: str = "date",
    region_col: str = "province",
) -> pd.DataFrame:
    """Corpus-level lexicon: one row per (key, kind).

    Columns: ``key, kind, text`` (most frequent spelling), ``variants``,
    ``doc_freq``, ``total``, ``first_date`` and ``regions`` (when the docvars
    have ``date_col`` / ``region_col``). Feed ``lexicon(...)["text"]`` to
    ``Segmenter(protected=...)`` to keep the items whole when segmenting.

    Examples
    --------
    >>> from policytext.datasets import load_sample
    >>> lx = lexicon(load_sample().normalize())
    >>> lx.loc[lx["key"] == "三个代表", "doc_freq"].item()
    2
    """
    import pandas as pd

    if occ is None:
        if corpus is None:
            raise ValueError("lexicon() needs a corpus or an occurrences frame (occ=...)")
        occ = occurrences(corpus)
    occ = occ[~occ["kind"].isin(LOW_KINDS)]
    rows = []
    for (key, kind), g in occ.groupby(["key", "kind"], sort=False):
        row = {
            "key": key,
            "kind": kind,
            "text": g["text"].value_counts().index[0],
            "variants": sorted(set(g["text"])),
            "doc_freq": g["doc_id"].nunique(),
            "total": len(g),
        }
        row["first_date"] = g[date_col].dropna().astype(str).min() if date_col in g else None
        row["regions"] = sorted(set(g[region_col].dropna().astype(str))) if region_col in g else []
        rows.append(row)
    cols = ["key", "kind", "text", "variants", "doc_freq", "total", "first_date", "regions"]
    df = pd.DataFrame(rows, columns=cols)
    return df.sort_values(["doc_freq", "total"], ascending=False, kind="stable").reset_index(
        drop=True
    )
