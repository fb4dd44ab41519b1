"""Chinese administrative divisions: a lazily loaded gazetteer and a name finder.

The table lives in ``policytext/data/gazetteer/`` (built from JioNLP's data by
:mod:`policytext.extract._build_gazetteer`; see ``docs/concepts/region.md``).
Nothing is read at import time; :func:`load_gazetteer` reads it once.

Examples
--------
>>> gaz = load_gazetteer()
>>> [d.city for d in gaz.lookup("沙市区")]
['荆州市']
>>> [m.division.name for m in gaz.find("荆州市沙市区卫生局")]
['荆州市', '沙市区']
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

__all__ = ["Division", "Gazetteer", "Mention", "load_gazetteer"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

Level = Literal["province", "city", "county"]

#: Last characters of a division name; the finder only looks where one occurs.
SUFFIX_CHARS = "省市区县州盟旗"

_SUFFIX_RE = re.compile(f"[{SUFFIX_CHARS}]")

#: Names that are divisions somewhere but ordinary words in notices (never matched alone).
STOP_NAMES: frozenset[str] = frozenset(
    {
        "城区",
        "郊区",
        "矿区",
        "市区",
        "新区",
        "东区",
        "西区",
        "南区",
        "北区",
        "市中区",
        "市辖区",
        "开发区",
    }
)

#: Former suffix of county-level names: 大足县 (now 大足区), 宁乡县 (now 宁乡市).
FORMER_COUNTY_SUFFIXES = ("县",)
#: A name is not taken when the next character makes it another word (区域, 市场).
BLOCKED_NEXT: dict[str, str] = {"区": "域", "市": "场"}


@dataclass(frozen=True)
class Division:
    """One administrative division as the gazetteer spells it.

    Examples
    --------
    >>> load_gazetteer().lookup("大足区")[0].code
    '500111'
    """

    code: str
    level: Level
    name: str
    alias: str
    province: str
    city: str | None
    county: str | None
    historical: str | None = None  # the former name matched, when not the current one


@dataclass(frozen=True)
class Mention:
    """A division name found in a text: where, and which divisions it may be."""

    start: int
    end: int
    text: str
    candidates: tuple[Division, ...]

    @property
    def division(self) -> Division:
        """The first candidate (the only one when the name is unambiguous)."""
        return self.candidates[0]


class Gazetteer:
    """Name index over the divisions, with a fast finder for running text.

    Parameters
    ----------
    divisions : list of Division
        Current divisions.
    changes : list of tuple
        ``(date, old_province, old_city, old_county, new_province, new_city, new_county)``.
    """

    def __init__(self, divisions: list[Division], changes: list[tuple[str, ...]] = ()) -> None:
        self.divisions = divisions
        self._by_name: dict[str, list[Division]] = {}
        self._by_alias: dict[str, list[Division]] = {}
        by_path: dict[tuple[str, str | None, str | None], Division] = {}
        for d in divisions:
            self._by_name.setdefault(d.name, []).append(d)
            if d.alias and len(d.alias) >= 2:
                self._by_alias.setdefault(d.alias, []).append(d)
            by_path[(d.province, d.city, d.county)] = d
        # a municipality is listed as province and city: keep one entry per name
        for name, ds in self._by_name.items():
            if len(ds) > 1 and {d.level for d in ds} == {"province", "city"}:
                self._by_name[name] = [d for d in ds if d.level == "city"]
        extra: dict[str, list[Division]] = {}
        for ch in changes:
            _, _op, oc, ok, np_, nc, nk = (*ch, "", "", "", "", "", "", "")[:7]
            target = by_path.get((np_, nc or None, nk or None))
            old = ok or oc
            if target is None or not old or old in self._by_name:
                continue
            extra.setdefault(old, []).append(_as_historical(target, old))
        for d in divisions:  # 大足县 → 大足区: suffix variants of county-level names
            if d.level != "county" or len(d.alias) < 2:
                continue
            for suf in FORMER_COUNTY_SUFFIXES:
                old = d.alias + suf
                if old != d.name and old not in self._by_name:
                    extra.setdefault(old, []).append(_as_historical(d, old))
        for k, v in extra.items():
            self._by_name.setdefault(k, v)
        self._max_len = max(len(n) for n in self._by_name)
        self._lengths: dict[str, list[int]] = {}
        for n in self._by_name:
            if len(n) >= 2:
                self._lengths.setdefault(n[-1], []).append(len(n))
        for ch, ls in self._lengths.items():
            self._lengths[ch] = sorted(set(ls), reverse=True)

    # -- lookup --------------------------------------------------------------
    def lookup(self, name: str) -> list[Division]:
        """Divisions with this full (or former) name."""
        return list(self._by_name.get(name, ()))

    def lookup_alias(self, alias: str) -> list[Division]:
        """Divisions with this short name (``宜宾`` → 宜宾市)."""
        return list(self._by_alias.get(alias, ()))

    def by_code(self, code: str) -> Division | None:
        """The division with this 6-digit code."""
        for d in self.divisions:
            if d.code == code:
                return d
        return None

    # -- finding -------------------------------------------------------------
    def find(self, text: str) -> list[Mention]:
        """Division names in ``text``, left to right, longest match, no overlaps.

        Linear in ``len(text)``: only positions of a suffix character are tried.
        """
        found: list[Mention] = []
        last_end = -1
        names = self._by_name
        lengths = self._lengths
        for sm in _SUFFIX_RE.finditer(text):
            i = sm.start()
            ch = text[i]
            end = i + 1
            if end < len(text) and text[end] in BLOCKED_NEXT.get(ch, ""):
                continue
            best = None
            for k in lengths.get(ch, ()):
                start = end - k
                if start < 0:
                    continue
                if start < last_end:
                    continue
                cand = text[start:end]
                if cand in names and cand not in STOP_NAMES:
                    best = Mention(start, end, cand, tuple(names[cand]))
                    break
            if best is not None:
                found.append(best)
                last_end = best.end
        return found

    def iter_aliases(self, text: str, *, followed_by: str) -> Iterator[Mention]:
        """Short names directly followed by one of ``followed_by`` (``宜宾人``)."""
        for fm in re.finditer(f"[{re.escape(followed_by)}]", text):
            i = fm.start()
            for k in (4, 3, 2):
                if i - k < 0:
                    continue
                cand = text[i - k : i]
                ds = self._by_alias.get(cand)
                if ds:
                    yield Mention(i - k, i, cand, tuple(ds))
                    break

    def iter_alias_words(self, text: str) -> Iterator[Mention]:
        """Short names of 2-4 characters (``丽水``, ``呼和浩特``) anywhere, longest first, no overlaps."""
        aliases = self._by_alias
        i, n = 0, len(text)
        while i < n - 1:
            for k in (4, 3, 2):
                cand = text[i : i + k]
                ds = aliases.get(cand) if len(cand) == k else None
                if ds:
                    yield Mention(i, i + k, cand, tuple(ds))
                    i += k
                    break
            else:
                i += 1


def _as_historical(d: Division, old: str) -> Division:
    return Division(d.code, d.level, d.name, d.alias, d.province, d.city, d.county, historical=old)


#: placeholder units of the code table (no place of that name exists)
_PSEUDO_UNITS = frozenset({"省直辖行政区划", "市直辖行政区划", "自治区直辖县级行政区划"})


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Load the packaged gazetteer (once per process).

    Examples
    --------
    >>> load_gazetteer().lookup("大足县")[0].name
    '大足区'
    """
    root = resources.files("policytext") / "data" / "gazetteer"
    divisions = []
    with (root / "divisions.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            level, name, city = row["level"], row["name"], row["city"] or None
            if name in _PSEUDO_UNITS:
                continue  # 省直辖行政区划, 市直辖行政区划: placeholders, never in a notice
            if city in _PSEUDO_UNITS:
                # governed by the province itself: a county-level city (仙桃市, 济源市,
                # 文昌市) acts as a city; a county (临高县, 神农架林区) has no city above it
                level = "city" if name.endswith("市") else "county"
                city = name if level == "city" else None
            divisions.append(
                Division(
                    code=row["code"],
                    level=level,  # type: ignore[arg-type]
                    name=name,
                    alias=row["alias"],
                    province=row["province"],
                    city=city if level != "province" else None,
                    county=name if level == "county" else None,
                )
            )
    with (root / "changes.tsv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))[1:]
    changes = [tuple(r) for r in rows]
    logger.debug("gazetteer: %d divisions, %d changes", len(divisions), len(changes))
    return Gazetteer(divisions, changes)
