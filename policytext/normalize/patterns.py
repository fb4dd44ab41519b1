"""Pattern tables: the phrase lists of normalization, kept as data.

The shipped table is ``policytext/data/patterns.toml``; it is read once, lazily,
on first use. :func:`load_patterns` merges a user file (TOML or YAML) into it:
lists under the same keys are appended. Every table is validated before any
document is touched: unknown keys, empty groups, regexes that do not compile
and regexes that can match the empty string raise
:class:`~policytext.PatternError` with a message naming the file, the key and
the pattern.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .._errors import PatternError
from ._literals import (
    first_line_literals,
    gate_chars,
    required_literals,
    trigger_regex,
)
from ._literals import minimal_literals as _minimal_literals
from ._redos import redos_problem

__all__ = ["SCHEMA", "PatternTable", "default_patterns", "load_patterns"]

logger = logging.getLogger(__name__)

#: group -> keys allowed in it; keys holding plain names (not regexes) are in _NAME_KEYS
SCHEMA: dict[str, tuple[str, ...]] = {
    "chrome": ("lines", "inline"),
    "spam": ("lines",),
    "paywall": ("notices", "login"),
    "pagination": ("lines",),
    "markup": ("html_tags",),
    "markers": ("redactions", "placeholders"),
    "truncation": ("start_ok",),
    "whitespace": ("keep_spaces",),
}
_NAME_KEYS = {("markup", "html_tags")}
_FEW = 3  # up to this many trigger literals, test their presence with ``in`` first
# (one ``in`` scan costs about a third of a scan by the alternation of literals)
_PROBES = ("", " ", "\n", "a", "中", "1", "中 文\n")


def _line_body(pattern: str) -> str:
    """A ``lines`` pattern without its optional leading ``^`` (the line wrapper anchors it).

    Line patterns may start with ``^`` so that, compiled on their own, a
    look-ahead window such as ``^(?=[^\\n]{0,300}?X)[^\\n]{1,300}`` is tried once
    per line instead of at every position; inside the wrappers below the line
    start (after leading blanks) is already fixed, and a literal ``^`` there
    would fail after the blanks.
    """
    return pattern[1:] if pattern.startswith("^") else pattern


_NAMED_GROUP = re.compile(r"(?<!\\)\(\?P([<=])(\w+)([>)])")


def _rename_groups(pattern: str, index: int) -> str:
    """``pattern`` with every named group ``(?P<x>`` (and ``(?P=x)``) renamed ``x__<index>``.

    Patterns of one key may reuse a group name (``omitted`` in two paywall
    notices); joined into one alternation they would raise "redefinition of
    group name". The part of a group name before ``__`` is its field name.
    """
    return _NAMED_GROUP.sub(lambda m: f"(?P{m[1]}{m[2]}__{index}{m[3]}", pattern)


def _alternation(items: list[str], *, lines: bool = False) -> str:
    """``(?:p0)|(?:p1)|...`` with group names made unique per alternative."""
    return "|".join(
        f"(?:{_rename_groups(_line_body(p) if lines else p, i)})" for i, p in enumerate(items)
    )


def _read_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - py3.10
        import tomli as tomllib
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise PatternError(f"Pattern file {str(path)!r} is not valid TOML: {exc}") from None


def _read_user(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise PatternError(f"Pattern file {str(path)!r} does not exist")
    if path.suffix.lower() in {".yaml", ".yml"}:
        import yaml

        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise PatternError(f"Pattern file {str(path)!r} is not valid YAML: {exc}") from None
    elif path.suffix.lower() == ".toml":
        data = _read_toml(path)
    else:
        raise PatternError(
            f"Pattern file {str(path)!r}: unknown extension {path.suffix!r}; use .toml, .yaml or .yml"
        )
    if not isinstance(data, dict):
        raise PatternError(
            f"Pattern file {str(path)!r} must hold a table of groups, got {type(data).__name__}"
        )
    return data


def _validate(
    data: dict[str, Any], origin: str, *, probe: bool = True
) -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = {}
    for group, table in data.items():
        if group not in SCHEMA:
            raise PatternError(
                f"{origin}: unknown pattern group {group!r}. Valid groups: {', '.join(SCHEMA)}"
            )
        if not isinstance(table, dict) or not table:
            raise PatternError(
                f"{origin}: group {group!r} is empty; give it at least one key of {list(SCHEMA[group])}"
            )
        out[group] = {}
        for key, items in table.items():
            if key not in SCHEMA[group]:
                raise PatternError(
                    f"{origin}: unknown key {group}.{key!r}. Valid keys: {', '.join(SCHEMA[group])}"
                )
            if not isinstance(items, list) or not items:
                raise PatternError(
                    f"{origin}: {group}.{key} must be a non-empty list of strings "
                    "(an empty group would silently match nothing)"
                )
            for p in items:
                if not isinstance(p, str) or not p:
                    raise PatternError(
                        f"{origin}: {group}.{key} holds {p!r}; expected a non-empty string"
                    )
                if (group, key) in _NAME_KEYS:
                    continue
                try:
                    rx = re.compile(p, re.MULTILINE)
                except re.error as exc:
                    raise PatternError(f"{origin}: {group}.{key}: bad regex {p!r}: {exc}") from None
                for sample in _PROBES:
                    m = rx.search(sample)
                    if m is not None and m.start() == m.end():
                        raise PatternError(
                            f"{origin}: {group}.{key}: regex {p!r} can match the empty string "
                            f"(at {sample!r}); make it require at least one character"
                        )
                problem = redos_problem(p, re.MULTILINE, probe=probe)
                if problem is not None:
                    raise PatternError(
                        f"{origin}: {group}.{key}: regex {p!r} is unsafe: {problem}; bound the "
                        "repeats ({0,200}), make them possessive (a++) or use an atomic group (?>...)"
                    )
            out[group][key] = list(items)
    return out


@dataclass(frozen=True)
class PatternTable:
    """Validated pattern lists with their compiled regexes.

    Attributes
    ----------
    raw : dict
        ``{group: {key: [pattern, ...]}}`` as read and merged.
    """

    raw: dict[str, dict[str, list[str]]]
    _compiled: dict[tuple, Any] = field(default_factory=dict, repr=False, compare=False)

    def __reduce__(self):
        # pickle the lists only: the compiled cache is rebuilt lazily on the other side
        return (PatternTable, (self.raw,))

    def get(self, group: str, key: str) -> list[str]:
        """The list ``group.key`` (empty when absent)."""
        return self.raw.get(group, {}).get(key, [])

    def _cache(self, name: tuple, build):
        try:
            return self._compiled[name]
        except KeyError:
            value = self._compiled[name] = build()
            return value

    def lines(self, group: str, key: str = "lines") -> re.Pattern[str] | None:
        """One regex matching any whole line of ``group.key`` (with its newline)."""

        def build():
            items = self.get(group, key)
            if not items:
                return None
            alt = _alternation(items, lines=True)
            # (?=(...))\1 is an atomic group: the leading blanks are never given back
            return re.compile(rf"^(?=([ \t]*))\1(?:{alt})[ \t]*(?:\n|\Z)", re.MULTILINE)

        return self._cache(("lines", group, key), build)

    def line_spans(
        self,
        group: str,
        key: str,
        view: str,
        lines: list[tuple[int, int]] | None = None,
    ) -> list[tuple[int, int, str]]:
        """``(start, end, line)`` of every whole line of ``view`` matching ``group.key``.

        The span includes the line's newline (a pattern that allows ``\\s`` may
        take a few lines, e.g. a breadcrumb ``首页\\n>``; ``line`` is then the
        matched text without its newline). Only lines holding one of the key's
        literal triggers are tried (:meth:`candidate_lines`, or ``lines`` when
        given: a superset of them).
        """
        rx = self.whole_line(group, key)
        if rx is None:
            return []
        n = len(view)
        out: list[tuple[int, int, str]] = []
        last = 0
        if lines is None:
            lines = self.candidate_lines(view, (group, key))
        else:
            lines = self._own_lines(view, lines, (group, key))
        for ls, _le in lines:
            if ls < last:
                continue  # inside the previous (multi-line) match
            m = rx.match(view, ls)
            if m is not None:
                last = min(m.end() + 1, n)
                out.append((ls, last, m.group()))
        return out

    def whole_line(self, group: str, key: str) -> re.Pattern[str] | None:
        """One regex matching a whole line of ``group.key``; ``match(view, line_start)``."""

        def build():
            items = self.get(group, key)
            if not items:
                return None
            alt = _alternation(items, lines=True)
            # (?=(...))\1 is an atomic group: the leading blanks are never given back
            return re.compile(rf"(?=([ \t]*))\1(?:{alt})[ \t]*(?=\n|\Z)", re.MULTILINE)

        return self._cache(("whole", group, key), build)

    def triggers(self, *refs: tuple[str, str]) -> re.Pattern[str] | None:
        """One alternation of literals, one of which is on the line where any match of ``refs`` starts.

        ``None`` when some pattern of ``refs`` has no such literal (then every
        line is a candidate). See :mod:`policytext.normalize._literals`.
        """

        return self._trigger_info(refs)[0]

    def _trigger_info(self, refs: tuple[tuple[str, str], ...]):
        """``(regex, plain literals or None, gate characters or None)`` for :meth:`triggers` (cached)."""

        def build():
            lits: list[tuple[str, bool]] = []
            for group, key in refs:
                for p in self.get(group, key):
                    # a line pattern may run on over a few lines: it needs a literal on the
                    # line it starts on; inline patterns are matched within one line
                    req = (
                        first_line_literals(_line_body(p))
                        if key == "lines"
                        else required_literals(p)
                    )
                    if req is None:
                        return None, None, None
                    lits.extend(req)
            if not lits:
                return None, None, None
            lits = sorted(_minimal_literals(lits))
            # a few case-sensitive literals: ``in`` (a fast substring search) tells
            # first whether the text holds any at all
            plain = [s for s, icase in lits if not icase] if len(lits) <= _FEW else None
            if plain is not None and len(plain) < len(lits):
                plain = None
            if plain is None and not any(icase for _, icase in lits):
                # many literals sharing a few openings (主题词: 主题: 关键词: 标签:): a text
                # holding none of the openings holds none of the literals
                k = min(2, *(len(s) for s, _ in lits))
                heads = sorted({s[:k] for s, _ in lits})
                plain = heads if len(heads) <= _FEW else None
            # a few rare characters, one per literal: one-character ``in`` tests (the
            # fastest scan there is) rule out most texts before any other scan
            gate = None if any(ic for _, ic in lits) else gate_chars([s for s, _ in lits])
            return trigger_regex(lits), plain, gate

        return self._cache(("trig", refs), build)

    def candidate_lines(self, view: str, *refs: tuple[str, str]) -> list[tuple[int, int]]:
        """``(start, end)`` (newline excluded) of the lines of ``view`` that hold a trigger of ``refs``.

        Patterns match within one line, so a line without any trigger literal
        cannot hold a match; the literal alternation is cheap next to the
        patterns themselves.

        Examples
        --------
        >>> t = default_patterns()
        >>> t.candidate_lines("正文。\\n上一页 [1] [2] 下一页\\n", ("pagination", "lines"))
        [(4, 19)]
        """
        rx, plain, gate = self._trigger_info(refs)
        n = len(view)
        out: list[tuple[int, int]] = []
        if gate is not None and not any(ch in view for ch in gate):
            return out
        if plain is not None and not any(lit in view for lit in plain):
            return out
        if rx is None:
            pos = 0
            for line in view.split("\n"):
                out.append((pos, pos + len(line)))
                pos += len(line) + 1
            return out
        search, find, rfind = rx.search, view.find, view.rfind
        pos = 0
        while True:
            m = search(view, pos)
            if m is None:
                return out
            p = m.start()
            le = find("\n", p)
            if le < 0:
                le = n
            out.append((rfind("\n", 0, p) + 1, le))
            pos = le + 1

    def _own_lines(
        self, view: str, lines: list[tuple[int, int]], ref: tuple[str, str]
    ) -> list[tuple[int, int]]:
        """The lines of a superset (shared candidates) that hold a trigger of ``ref`` itself."""
        rx = self.triggers(ref)
        if rx is None:
            return lines
        search = rx.search
        return [(ls, le) for ls, le in lines if search(view, ls, le)]

    def inline_matches(
        self,
        group: str,
        key: str,
        view: str,
        lines: list[tuple[int, int]] | None = None,
    ) -> list[re.Match[str]]:
        """Matches of :meth:`inline` ``(group, key)`` in ``view``: within lines, on candidate lines."""
        rx = self.inline(group, key)
        if rx is None:
            return []
        out: list[re.Match[str]] = []
        if lines is None:
            lines = self.candidate_lines(view, (group, key))
        else:
            lines = self._own_lines(view, lines, (group, key))
        parts = self._inline_parts(group, key)
        if parts is None:
            for ls, le in lines:
                out.extend(rx.finditer(view, ls, le))
            return out
        # each pattern alone, only on the lines holding its own trigger: an alternative
        # that opens with a class (a site name before its URL) is then not tried at every
        # character of every candidate line. Merged as the alternation would: leftmost
        # start first, the earlier pattern on a tie, the next search after the match.
        for ls, le in lines:
            active = [p for p, trig in parts if trig is None or trig.search(view, ls, le)]
            if len(active) == 1:
                out.extend(active[0].finditer(view, ls, le))
                continue
            nxt = [p.search(view, ls, le) for p in active]
            pos = ls
            while True:
                best = None
                for i, m in enumerate(nxt):
                    if m is not None and m.start() < pos:
                        m = nxt[i] = active[i].search(view, pos, le)
                    if m is not None and (best is None or m.start() < best.start()):
                        best = m
                if best is None:
                    break
                out.append(best)
                pos = best.end()
        return out

    def _inline_parts(self, group: str, key: str):
        """``[(regex, trigger or None), ...]`` per pattern of an inline key, or ``None``.

        ``None`` (use the joined alternation) when the key has named groups (the
        callers read ``name__<i>``) or a single pattern.
        """

        def build():
            items = self.get(group, key)
            if len(items) < 2 or any(_NAMED_GROUP.search(p) for p in items):
                return None
            out = []
            for p in items:
                lits = required_literals(p)
                trig = trigger_regex(sorted(_minimal_literals(lits))) if lits else None
                out.append((re.compile(p, re.MULTILINE), trig))
            return out

        return self._cache(("parts", group, key), build)

    def inline(self, group: str, key: str) -> re.Pattern[str] | None:
        """One regex matching any pattern of ``group.key``, anywhere.

        Named groups are renamed ``name__<i>`` (``i`` the pattern's index), so
        patterns may share a group name.
        """

        def build():
            items = self.get(group, key)
            if not items:
                return None
            return re.compile(_alternation(items), re.MULTILINE)

        return self._cache(("inline", group, key), build)

    def all_regexes(self) -> list[re.Pattern[str]]:
        """Every compiled hot-path regex of the table (for robustness tests)."""
        out = []
        for group, keys in self.raw.items():
            for key in keys:
                if (group, key) in _NAME_KEYS:
                    continue
                rx = self.lines(group, key) if key == "lines" else self.inline(group, key)
                if rx is not None:
                    out.append(rx)
        return out

    def each(self, group: str, key: str) -> list[re.Pattern[str]]:
        """The patterns of ``group.key`` compiled one by one (to read named groups)."""
        return self._cache(
            ("each", group, key),
            lambda: [re.compile(p, re.MULTILINE) for p in self.get(group, key)],
        )


def _merge(base: dict[str, dict[str, list[str]]], extra: dict[str, dict[str, list[str]]]):
    out = {g: {k: list(v) for k, v in t.items()} for g, t in base.items()}
    for g, t in extra.items():
        for k, v in t.items():
            out.setdefault(g, {}).setdefault(k, [])
            out[g][k].extend(p for p in v if p not in out[g][k])
    return out


@functools.lru_cache(maxsize=1)
def default_patterns() -> PatternTable:
    """The shipped table, read and compiled once on first use.

    Examples
    --------
    >>> table = default_patterns()
    >>> bool(table.get("paywall", "notices"))
    True
    """
    ref = resources.files("policytext") / "data" / "patterns.toml"
    with resources.as_file(ref) as path:
        data = _read_toml(Path(path))
    # the shipped patterns get the static check; the timed probe is run on them by the tests
    return PatternTable(_validate(data, "policytext/data/patterns.toml", probe=False))


def load_patterns(user_file: str | os.PathLike[str] | None = None) -> PatternTable:
    """Return the shipped pattern table, extended by ``user_file`` when given.

    Parameters
    ----------
    user_file : path, optional
        A ``.toml``, ``.yaml`` or ``.yml`` file with the same groups and keys as
        ``policytext/data/patterns.toml``; its lists are appended.

    Raises
    ------
    PatternError
        Unknown group or key, empty list, bad regex, or a regex that can match
        the empty string.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "mine.toml"
    >>> _ = p.write_text("[chrome]\\nlines = ['本站声明[^\\\\n]{0,80}']\\n", encoding="utf-8")
    >>> "本站声明[^\\\\n]{0,80}" in load_patterns(user_file=p).get("chrome", "lines")
    True
    """
    base = default_patterns()
    if user_file is None:
        return base
    path = Path(user_file)
    extra = _validate(_read_user(path), str(path))
    logger.debug("merged user patterns from %s", path)
    return PatternTable(_merge(base.raw, extra))
