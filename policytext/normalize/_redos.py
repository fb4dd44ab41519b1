"""Reject user regexes that backtrack catastrophically, before any document is read.

Two checks, both cheap and in-process (no subprocess, no signals):

1. **Static**: the parsed pattern is walked for the shapes that blow up in a
   backtracking engine: a repeated group that contains an unbounded quantifier
   (``(a+)+``, ``(.*a){12}``), or an unbounded repeat of a group that holds a
   variable-length quantifier or alternatives that can start with the same
   character (``(a|aa)+``). Possessive quantifiers and atomic groups
   (``a++``, ``(?>...)``) never backtrack and are allowed.
2. **Probe**: the pattern, forced to fail (``(?:p)(?!)``, so every path is
   tried), is run on short strings built from its own literals at growing
   lengths; a search that takes longer than a small budget rejects it. Lengths
   grow by two characters at a time, so even an exponential pattern is stopped
   after a few tens of milliseconds.
"""

from __future__ import annotations

import re
import time

try:  # Python >= 3.11
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

__all__ = ["redos_problem"]

_MAXREPEAT = _c.MAXREPEAT
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT}  # POSSESSIVE_REPEAT never backtracks
_ANY = object()  # first-character set that matches anything
_CATEGORY_SAMPLES = "a_Z0 \t\n中。-"
_PROBE_LENGTHS = range(6, 31, 2)
_PROBE_BUDGET_S = 0.025


def _children(op, av) -> list:
    if op is _c.BRANCH:
        return list(av[1])
    if op is _c.SUBPATTERN:
        return [av[-1]]
    if op in _REPEATS or op is getattr(_c, "POSSESSIVE_REPEAT", None):
        return [av[2]]
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return [av[1]]
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return [av]
    if op is _c.GROUPREF_EXISTS:
        return [x for x in av[1:] if x is not None]
    return []


def _walk(seq):
    """Every ``(op, av)`` node under ``seq``, depth first."""
    for op, av in seq:
        yield op, av
        for child in _children(op, av):
            yield from _walk(child)


def _is_atomic(op) -> bool:
    return op is getattr(_c, "ATOMIC_GROUP", None) or op is getattr(_c, "POSSESSIVE_REPEAT", None)


def _inner_repeats(seq):
    """Backtracking repeats inside ``seq`` (not looking into atomic parts)."""
    for op, av in seq:
        if _is_atomic(op) or op in (_c.ASSERT, _c.ASSERT_NOT):
            continue
        if op in _REPEATS:
            yield av
        for child in _children(op, av):
            yield from _inner_repeats(child)


def _inner_branches(seq):
    for op, av in seq:
        if _is_atomic(op) or op in (_c.ASSERT, _c.ASSERT_NOT):
            continue
        if op is _c.BRANCH:
            yield av[1]
        for child in _children(op, av):
            yield from _inner_branches(child)


def _first(seq) -> tuple[list, bool]:
    """Items that can match the first character of ``seq``, and whether it can be empty."""
    out: list = []
    for op, av in seq:
        if op is _c.LITERAL:
            out.append(chr(av))
            return out, False
        if op is _c.IN:
            out.append(av)
            return out, False
        if op in (_c.ANY, _c.NOT_LITERAL, _c.GROUPREF):
            out.append(_ANY)
            return out, False
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue
        if op is _c.BRANCH:
            nullable = False
            for alt in av[1]:
                f, n = _first(alt)
                out.extend(f)
                nullable |= n
            if not nullable:
                return out, False
            continue
        kids = _children(op, av)
        if kids:
            f, n = _first(kids[0])
            out.extend(f)
            if op in _REPEATS or op is getattr(_c, "POSSESSIVE_REPEAT", None):
                n = n or av[0] == 0
            if not n:
                return out, False
            continue
        out.append(_ANY)  # unknown node: assume it can match anything
        return out, False
    return out, True


def _in_set(ch: str, items) -> bool:
    hit = False
    negate = False
    for op, av in items:
        if op is _c.NEGATE:
            negate = True
        elif op is _c.LITERAL:
            hit |= ch == chr(av)
        elif op is _c.RANGE:
            hit |= av[0] <= ord(ch) <= av[1]
        elif op is _c.CATEGORY:
            cls = {
                _c.CATEGORY_DIGIT: r"\d",
                _c.CATEGORY_NOT_DIGIT: r"\D",
                _c.CATEGORY_SPACE: r"\s",
                _c.CATEGORY_NOT_SPACE: r"\S",
                _c.CATEGORY_WORD: r"\w",
                _c.CATEGORY_NOT_WORD: r"\W",
            }.get(av, r"[\s\S]")
            hit |= re.fullmatch(cls, ch) is not None
        else:
            return True  # unknown: assume it matches
    return hit != negate


def _samples(items) -> set[str]:
    out = set(_CATEGORY_SAMPLES)
    for it in items:
        if isinstance(it, str):
            out.add(it)
        elif it is not _ANY:
            for op, av in it:
                if op is _c.LITERAL:
                    out.add(chr(av))
                elif op is _c.RANGE:
                    out.update((chr(av[0]), chr(av[1])))
    return out


def _matches(ch: str, item) -> bool:
    if item is _ANY:
        return True
    if isinstance(item, str):
        return ch == item
    return _in_set(ch, item)


def _overlap(a: list, b: list) -> bool:
    if any(x is _ANY for x in a) or any(x is _ANY for x in b):
        return True
    return any(
        any(_matches(ch, x) for x in a) and any(_matches(ch, y) for y in b)
        for ch in _samples(a + b)
    )


def _static_problem(parsed) -> str | None:
    for op, av in _walk(parsed):
        if op not in _REPEATS:
            continue
        _lo, hi, body = av
        if hi <= 1:
            continue
        for ilo, ihi, _ in _inner_repeats(body):
            if ihi == _MAXREPEAT and hi > 2:
                return "a repeated group contains an unbounded quantifier (like (a+)+ or (.*a){12})"
            if hi == _MAXREPEAT and ilo != ihi:
                return "an unbounded repeat contains a variable-length quantifier (like (a{1,3})+)"
        if hi == _MAXREPEAT:
            for alts in _inner_branches(body):
                if any(_first(alt)[1] for alt in alts):
                    return (
                        "an unbounded repeat contains alternatives of which one can be "
                        "empty or a prefix of another (like (a|aa)+)"
                    )
                firsts = [_first(alt)[0] for alt in alts]
                for i in range(len(firsts)):
                    for j in range(i + 1, len(firsts)):
                        if _overlap(firsts[i], firsts[j]):
                            return (
                                "an unbounded repeat contains alternatives that can start "
                                "with the same character (like (a|aa)+)"
                            )
    return None


def _literals(parsed) -> list[str]:
    """Literal runs of the pattern (``发布``, ``a``), most useful first, as probe material."""
    runs: list[str] = []

    def visit(seq) -> None:
        cur: list[str] = []
        for op, av in seq:
            if op is _c.LITERAL:
                cur.append(chr(av))
                continue
            if cur:
                runs.append("".join(cur))
                cur = []
            if op is _c.IN:
                for iop, iav in av:
                    if iop is _c.LITERAL:
                        runs.append(chr(iav))
                    elif iop is _c.RANGE:
                        runs.append(chr(iav[0]))
            for child in _children(op, av):
                visit(child)
        if cur:
            runs.append("".join(cur))

    visit(parsed)
    seen: list[str] = []
    for r in runs:
        for piece in (r, r[:1]):
            if piece and piece not in seen:
                seen.append(piece)
    return [*seen[:10], "a", " ", "中"]


def _probe_problem(pattern: str, parsed, flags: int) -> str | None:
    try:
        rx = re.compile(f"(?:{pattern})(?!)", flags)
    except re.error:
        return None
    words = _literals(parsed)
    units = [*words, *(a + b for a in words[:4] for b in words[:4] if a != b)]
    for n in _PROBE_LENGTHS:
        for unit in units:
            s = (unit * (n // len(unit) + 1))[:n]
            for text in (s, s + "\x00", "\x00" + s):
                t0 = time.perf_counter()
                rx.search(text)
                dt = time.perf_counter() - t0
                if dt > _PROBE_BUDGET_S:
                    return (
                        f"matching {text[:30]!r} ({len(text)} characters) took "
                        f"{dt * 1000:.0f} ms: the pattern backtracks catastrophically"
                    )
    return None


def redos_problem(pattern: str, flags: int = re.MULTILINE, *, probe: bool = True) -> str | None:
    """Why ``pattern`` can backtrack catastrophically, or ``None`` when it looks safe.

    Examples
    --------
    >>> redos_problem("(a+)+$") is not None
    True
    >>> redos_problem("(?:上一页|下一页)[^\\n]{0,200}") is None
    True
    """
    try:
        parsed = _p.parse(pattern, flags)
    except re.error:
        return None  # reported as a bad regex by the caller
    problem = _static_problem(parsed)
    if problem is None and probe:
        problem = _probe_problem(pattern, parsed, flags)
    return problem
