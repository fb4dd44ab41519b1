"""Normalization steps: small, named, pure functions ``step(text, view) -> StepResult``.

Each step only finds spans and says what replaces them; :func:`regex_step`
turns a compiled pattern into a step. Pattern tables live in
``policytext/data/patterns.toml`` (see :mod:`policytext.normalize.patterns`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .._edits import Edit
from .pipeline import StepResult

__all__ = ["edits_from_matches", "regex_step", "unicode_chars", "whitespace"]


def edits_from_matches(
    text: str, matches, kind: str, replace: Callable[[re.Match], str] | str = ""
) -> tuple[str, list[Edit]]:
    """Turn non-overlapping matches into edits and the new text."""
    edits: list[Edit] = []
    out: list[str] = []
    pos = 0
    for m in matches:
        s, e = m.span()
        ins = replace(m) if callable(replace) else replace
        removed = text[s:e]
        if ins == removed or (s == e and not ins):
            continue
        out.append(text[pos:s])
        out.append(ins)
        edits.append(Edit(kind, s, e, removed, ins))
        pos = e
    if not edits:
        return text, []
    out.append(text[pos:])
    return "".join(out), edits


def regex_step(
    name: str,
    pattern: re.Pattern[str],
    *,
    replace: Callable[[re.Match], str] | str = "",
    flag: str | None = None,
    on_view: bool = False,
) -> Callable[[str, str], StepResult]:
    """Build a step that replaces every match of ``pattern``.

    Parameters
    ----------
    name : str
        Step name and edit kind.
    pattern : re.Pattern
        Compiled pattern.
    replace : str or callable, default ""
        Replacement text or a function of the match.
    flag : str, optional
        Flag raised when the step changed something (default: ``name``).
    on_view : bool, default False
        Match on the Simplified view instead of the text (for Chinese phrases).
    """

    def step(text: str, view: str) -> StepResult:
        source = view if on_view else text
        new, edits = edits_from_matches(text, pattern.finditer(source), name, replace)
        if on_view and edits:
            # the view only locates spans; removed text must come from ``text``
            edits = [Edit(e.kind, e.start, e.end, text[e.start : e.end], e.inserted) for e in edits]
        return StepResult(new, edits, [flag or name] if edits else [])

    step.name = name  # type: ignore[attr-defined]
    step.__name__ = name
    return step


# Control characters except \n and \t, zero-width characters, BOM, soft hyphen.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\u00ad]+")
_NEWLINES = re.compile(r"\r\n?")


def _unicode_chars(text: str, view: str) -> StepResult:
    new, edits = edits_from_matches(text, _NEWLINES.finditer(text), "unicode", "\n")
    if edits:
        from .._edits import compose

        new2, edits2 = edits_from_matches(new, _INVISIBLE.finditer(new), "unicode", "")
        return StepResult(new2, compose(text, edits, new, edits2), [])
    new, edits = edits_from_matches(text, _INVISIBLE.finditer(text), "unicode", "")
    return StepResult(new, edits, [])


unicode_chars = _unicode_chars
unicode_chars.name = "unicode"  # type: ignore[attr-defined]

_SPACES = re.compile(r"[ \t\u00a0\u3000\u2000-\u200a]{2,}|[\t\u00a0\u3000\u2000-\u200a]")
whitespace = regex_step("whitespace", _SPACES, replace=" ")
