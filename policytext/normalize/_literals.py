"""Literal triggers of a regex: strings of which every match must contain one.

``required_literals("(?:上一页|下一页)[^\\n]{0,200}")`` is ``[("上一页", False),
("下一页", False)]``: a line holding neither cannot match, so the expensive
pattern is only tried on lines where a cheap alternation of literals hit.
The analysis walks the parsed pattern: literal runs, small character classes
and alternations are expanded into finite sets of strings and concatenated;
optional parts break a run; positive look-aheads count (matching is per line,
so what a look-ahead needs is on the line too). Case-insensitive parts keep a
flag so the trigger is matched case-insensitively as well. ``None`` means no
literal is required (the pattern is tried on every line).
"""

from __future__ import annotations

import functools
import itertools
import re

try:  # Python >= 3.11
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

__all__ = [
    "first_line_literals",
    "gate_chars",
    "minimal_literals",
    "required_literals",
    "trigger_regex",
]

Lit = tuple[str, bool]  # (string, case-insensitive)
_MAX_SET = 64
_MAX_CLASS = 8
_MAX_FACTORS = 256
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT} | (
    {_c.POSSESSIVE_REPEAT} if hasattr(_c, "POSSESSIVE_REPEAT") else set()
)


def _product(a: set[Lit], b: set[Lit]) -> set[Lit] | None:
    if len(a) * len(b) > _MAX_SET:
        return None
    return {(x + y, ix or iy) for (x, ix), (y, iy) in itertools.product(a, b)}


def _power(a: set[Lit], k: int) -> set[Lit] | None:
    out: set[Lit] | None = {("", False)}
    for _ in range(k):
        out = _product(out, a) if out is not None else None
    return out


def _score(s: set[Lit]) -> tuple[int, int]:
    return (min(len(x) for x, _ in s), -len(s))


def _minimal(s: set[Lit]) -> set[Lit]:
    """Drop strings that contain another one (``浏览:`` when ``浏览`` is there)."""
    items = sorted(s, key=lambda x: len(x[0]))
    out: list[Lit] = []
    for x, ix in items:
        if not any(y in x and (iy or not ix) for y, iy in out):
            out.append((x, ix))
    return set(out)


def minimal_literals(lits) -> set[Lit]:
    """The literals without those that contain another one (a hit on those is a hit anyway)."""
    return _minimal(set(lits))


Cand = tuple[set[Lit], bool]  # (literals, found on the line where the match starts)


def _best(cands: list[Cand], rank_first: bool = True) -> Cand | None:
    """The most selective candidate; with ``rank_first`` one on the starting line comes first."""
    good = [(_minimal(c), first) for c, first in cands if c and all(x for x, _ in c)]
    if not good:
        return None
    if not rank_first:
        return max(good, key=lambda cf: _score(cf[0]))
    return max(good, key=lambda cf: (cf[1], *_score(cf[0])))


def _class(items, icase: bool) -> set[Lit] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < _MAX_CLASS:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None  # negated classes, categories, wide ranges
    if not chars or len(chars) > _MAX_CLASS or "\n" in chars:
        return None
    return {(ch, icase) for ch in chars}


def _newline_in(items) -> bool:
    """Whether a character class (parsed ``IN`` items) can match a newline."""
    hit = negate = False
    for op, av in items:
        if op is _c.NEGATE:
            negate = True
        elif op is _c.LITERAL:
            hit |= av == 10
        elif op is _c.RANGE:
            hit |= av[0] <= 10 <= av[1]
        elif op is _c.CATEGORY:
            hit |= av in (_c.CATEGORY_SPACE, _c.CATEGORY_NOT_DIGIT, _c.CATEGORY_NOT_WORD)
            hit |= av not in (
                _c.CATEGORY_DIGIT,
                _c.CATEGORY_NOT_SPACE,
                _c.CATEGORY_WORD,
                _c.CATEGORY_SPACE,
                _c.CATEGORY_NOT_DIGIT,
                _c.CATEGORY_NOT_WORD,
            )
        else:
            return True
    return hit != negate


Info = tuple[set[Lit] | None, Cand | None, bool]  # exact language, best factor, crosses a newline


def _item(op, av, icase: bool) -> Info:
    """``(exact, factor, crosses)`` of one parsed node."""
    zero: set[Lit] = {("", False)}
    if op is _c.LITERAL:
        return (None, None, True) if av == 10 else ({(chr(av), icase)}, None, False)
    if op is _c.NOT_LITERAL:
        return None, None, av != 10
    if op is _c.IN:
        exact = _class(av, icase)
        return exact, None, exact is None and _newline_in(av)
    if op is _c.AT or op is _c.ASSERT_NOT:
        return zero, None, False
    if op is _c.ASSERT:
        direction, sub = av
        if direction < 0:  # look-behind: may sit before the line
            return zero, None, False
        exact, factor, _ = _seq(sub, icase)
        return zero, _best([x for x in (factor, (exact, True) if exact else None) if x]), False
    if op is _c.SUBPATTERN:
        add_flags = av[1]
        return _seq(av[-1], icase or bool(add_flags & _c.SRE_FLAG_IGNORECASE))
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _seq(av, icase)
    if op is _c.BRANCH:
        infos = [_seq(alt, icase) for alt in av[1]]
        crosses = any(c for _, _, c in infos)
        if all(e is not None for e, _, _ in infos):
            union: set[Lit] = set().union(*(e for e, _, _ in infos))  # type: ignore[misc]
            if len(union) <= _MAX_SET:
                return union, None, crosses
        factors = [_best([x for x in (f, (e, True) if e else None) if x]) for e, f, _ in infos]
        if all(f is not None for f in factors):
            lits = _minimal(set().union(*(f[0] for f in factors)))  # type: ignore[index]
            if len(lits) <= _MAX_FACTORS:
                return None, (lits, all(f[1] for f in factors)), crosses  # type: ignore[index]
        return None, None, crosses
    if op in _REPEATS:
        lo, hi, sub = av
        exact, factor, crosses = _seq(sub, icase)
        if exact is not None and hi <= 3:
            out: set[Lit] = set()
            for k in range(lo, hi + 1):
                part = _power(exact, k)
                if part is None or len(out | part) > _MAX_SET:
                    out = set()
                    break
                out |= part
            if out:
                return out, None, crosses
        if lo == 0:
            return None, None, crosses
        if exact is not None:
            need = _power(exact, lo)
            if need is not None:
                return None, (need, True), crosses
        return None, factor, crosses
    return None, None, True  # ANY, NOT_LITERAL, GROUPREF, conditionals: assume the worst


def _seq(seq, icase: bool, rank_first: bool = True) -> Info:
    cands: list[Cand] = []
    cur: set[Lit] = {("", False)}
    cur_first = True  # no node before the current literal run can cross a newline
    crossed = False
    exact_all = True
    for op, av in seq:
        exact, factor, crosses = _item(op, av, icase)
        if factor:
            cands.append((factor[0], factor[1] and not crossed))
        if exact is not None:
            joined = _product(cur, exact)
            if joined is None:
                cands.append((cur, cur_first))
                cur, cur_first = exact, not crossed
                exact_all = False
            else:
                cur = joined
        else:
            cands.append((cur, cur_first))
            cur, cur_first = {("", False)}, not (crossed or crosses)
            exact_all = False
        crossed = crossed or crosses
    cands.append((cur, cur_first))
    return (cur if exact_all else None), _best(cands, rank_first), crossed


def required_literals(pattern: str, flags: int = re.MULTILINE) -> list[Lit] | None:
    """Literals of which every match of ``pattern`` contains one, or ``None``.

    Examples
    --------
    >>> sorted(required_literals("(?:上一页|下一页)[^\\n]{0,20}"))
    [('上一页', False), ('下一页', False)]
    >>> required_literals("[^\\n]{1,20}") is None
    True
    """
    found = _analyze(pattern, flags, rank_first=False)
    return sorted(found[0]) if found else None


def first_line_literals(pattern: str, flags: int = re.MULTILINE) -> list[Lit] | None:
    """Like :func:`required_literals`, but only literals on the line where a match starts.

    ``None`` when the pattern can cross a newline before every literal it needs
    (``首页\\s{0,3}[>》]`` is fine: ``首页`` comes before the ``\\s``).

    Examples
    --------
    >>> first_line_literals(r"首页\\s{0,3}[>》]")
    [('首页', False)]
    >>> first_line_literals(r"\\s{0,3}首页") is None
    True
    """
    found = _analyze(pattern, flags)
    return sorted(found[0]) if found and found[1] else None


def _analyze(pattern: str, flags: int, rank_first: bool = True) -> Cand | None:
    try:
        parsed = _p.parse(pattern, flags)
    except re.error:
        return None
    icase = bool(parsed.state.flags & _c.SRE_FLAG_IGNORECASE)
    # a match is tried within one line: any required literal will do for ``required_literals``
    # (the rarest, longest set); ``first_line_literals`` needs one on the starting line
    exact, factor, _ = _seq(parsed, icase, rank_first)
    return _best([x for x in (factor, (exact, True) if exact else None) if x], rank_first)


def trigger_regex(literals: list[Lit]) -> re.Pattern[str]:
    """One regex finding any of the literals; a match starts at the literal's rarest character.

    The regex engine skips along with the set of first characters of the
    alternatives and tries the alternatives at each occurrence of one, so a
    common first character (上 of 上一篇, 来 of 来源) costs an attempt at every
    occurrence in the text. Each case-sensitive literal is therefore found from
    its rarest character (``data/common_chars.txt`` ranks them), the part
    before it checked by a look-behind: ``上一篇`` is ``篇(?<=上一篇)``. Literals
    sharing that character share one alternative. A match lies inside an
    occurrence of its literal (the same line). A case-insensitive literal
    ``copyright`` is written ``c(?i:opyright)|C(?i:opyright)``.

    Examples
    --------
    >>> rx = trigger_regex([("上一篇", False), ("ICP", True)])
    >>> [(m.start(), m.group()) for m in rx.finditer("上一篇：通知 icp备")]
    [(2, '篇'), (7, 'icp')]
    """
    lits = set(literals)
    by_anchor: dict[str, list[str]] = {}
    for lit in sorted({s for s, icase in lits if not icase}):
        r = max(range(len(lit)), key=lambda i: _rarity(lit[i]))
        behind = f"(?<={re.escape(lit[: r + 1])})" if r else ""
        by_anchor.setdefault(lit[r], []).append(behind + re.escape(lit[r + 1 :]))
    parts = []
    for ch, rests in sorted(by_anchor.items()):
        if "" in rests:  # the character alone is the literal: the others are longer
            parts.append(re.escape(ch))
        elif len(rests) == 1:
            parts.append(re.escape(ch) + rests[0])
        else:
            parts.append(re.escape(ch) + "(?:" + "|".join(rests) + ")")
    for lit, icase in sorted(lits):
        if icase:
            rest = f"(?i:{re.escape(lit[1:])})" if len(lit) > 1 else ""
            parts.extend(re.escape(ch) + rest for ch in _case_variants(lit[0]))
    return re.compile("|".join(p for p in parts if p))


@functools.lru_cache(maxsize=256)
def _case_variants(ch: str) -> tuple[str, ...]:
    """Every character that ``(?i:ch)`` matches (``k``: ``k``, ``K`` and the Kelvin sign)."""
    rx = re.compile(f"(?i:{re.escape(ch)})")
    if ch.isascii():  # checked against every code point in the tests
        cands = {ch, ch.lower(), ch.upper(), "\u0130", "\u0131", "\u017f", "\u212a"}
    else:  # rare: try the Basic Multilingual Plane and the character's own plane
        plane = ord(ch) >> 16
        codes = itertools.chain(range(0x10000), range(plane << 16, (plane + 1) << 16))
        cands = {chr(c) for c in codes}
    return tuple(sorted(c for c in cands if len(c) == 1 and rx.fullmatch(c)))


@functools.lru_cache(maxsize=1)
def _common_rank() -> dict[str, int]:
    """Rank of the most common characters (0 = most common), from ``data/common_chars.txt``."""
    from importlib import resources

    text = (resources.files("policytext") / "data" / "common_chars.txt").read_text(encoding="utf-8")
    chars = "".join(
        ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("# ")
    )
    return {c: i for i, c in enumerate(chars)}


def _rarity(ch: str) -> int:
    rank = _common_rank().get(ch)
    if rank is not None:
        return rank  # a common Han character: the later in the list, the rarer
    if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff":
        return 10_000  # a Han character outside the list
    if ch.isalnum():
        return 1_000  # Latin letters and digits are uncommon in notices
    if ch.isspace():
        return -1  # everywhere
    return 5_000  # punctuation and symbols outside the list (: * × □ 【 [ 〔 ©): rare


def gate_chars(literals: list[str], *, max_chars: int = 6) -> tuple[str, ...] | None:
    """One rare character of each literal, when they are few and all rare; else ``None``.

    A text holding none of them holds none of the literals, and a one-character
    ``in`` is a memchr-fast scan: this rules most texts out before any regex runs.

    Examples
    --------
    >>> gate_chars(["**", "××", "〔〕"])
    ('*', '×', '〔')
    >>> gate_chars(["来源", "时间"]) is None  # every character is common
    True
    """
    out: set[str] = set()
    for lit in literals:
        if not lit:
            return None
        ch = max(lit, key=_rarity)
        if _rarity(ch) < 1_000:
            return None
        out.add(ch)
    return tuple(sorted(out)) if len(out) <= max_chars else None
