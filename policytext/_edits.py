"""Edits: what normalization removed or changed, and how offsets map back.

An :class:`Edit` replaces ``text[start:end]`` (``removed``) with ``inserted``.
A list of non-overlapping edits sorted by position, all in the coordinates of
one source text, can be applied to that text (:func:`apply_edits`).

A normalization pipeline runs steps one after the other; each step reports its
edits in the coordinates of *its own input*. :func:`compose` folds a step's
edits into the running list so that the list always refers to the untouched
raw text: applying it to the raw text rebuilds the current text. Where a later
edit touches text that an earlier edit produced, the two are merged into one
raw-level edit whose ``kind`` names both (``"unicode+whitespace"``).

:class:`OffsetMap` maps positions of the normalized text back to the raw text.
"""

from __future__ import annotations

import bisect
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from itertools import accumulate

__all__ = ["Edit", "OffsetMap", "apply_edits", "compose", "edits_from_dicts"]


@dataclass(frozen=True, slots=True, init=False)
class Edit:
    """One change: ``removed`` (``text[start:end]``) was replaced by ``inserted``.

    Parameters
    ----------
    kind : str
        What made the change (a step name such as ``"pinyin_annotations"``).
    start, end : int
        Half-open span in the coordinates of the text the edit applies to
        (in a :class:`~policytext.Document`, always the raw text).
    removed : str
        The text that was there.
    inserted : str
        The text that replaced it (``""`` for a pure removal).

    Examples
    --------
    >>> e = Edit("pinyin_annotations", 1, 6, "(wèi)", "")
    >>> apply_edits("衛(wèi)生", [e])
    '衛生'
    """

    kind: str
    start: int
    end: int
    removed: str
    inserted: str = ""

    def __init__(self, kind: str, start: int, end: int, removed: str, inserted: str = "") -> None:
        # the frozen dataclass __init__ sets each field through object.__setattr__; the slot
        # descriptors' own setters do the same in about half the time (edits are made by
        # the hundred thousand), and the instance stays immutable afterwards
        _SET_KIND(self, kind)
        _SET_START(self, start)
        _SET_END(self, end)
        _SET_REMOVED(self, removed)
        _SET_INSERTED(self, inserted)

    def to_dict(self) -> dict:
        """Return the edit as the JSON object of the record spec."""
        return asdict(self)

    @property
    def delta(self) -> int:
        """Change in length caused by the edit."""
        return len(self.inserted) - (self.end - self.start)


_SET_KIND, _SET_START, _SET_END, _SET_REMOVED, _SET_INSERTED = (
    Edit.__dict__[name].__set__ for name in ("kind", "start", "end", "removed", "inserted")
)


def edits_from_dicts(items: Iterable[dict]) -> list[Edit]:
    """Rebuild edits from their JSON objects (inverse of :meth:`Edit.to_dict`)."""
    return [
        Edit(str(d["kind"]), int(d["start"]), int(d["end"]), d["removed"], d.get("inserted", ""))
        for d in items
    ]


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply sorted, non-overlapping ``edits`` to ``text``.

    Raises
    ------
    ValueError
        If the edits overlap, are unsorted, or ``removed`` does not match the text.

    Examples
    --------
    >>> apply_edits("上一页 正文", [Edit("pagination", 0, 4, "上一页 ")])
    '正文'
    """
    out: list[str] = []
    pos = 0
    for e in edits:
        if e.start < pos or e.end < e.start:
            raise ValueError(f"edits overlap or are unsorted at {e!r}")
        if text[e.start : e.end] != e.removed:
            raise ValueError(
                f"edit {e.kind!r} at {e.start}:{e.end} expects {e.removed[:20]!r} "
                f"but the text has {text[e.start : e.end][:20]!r}"
            )
        out.append(text[pos : e.start])
        out.append(e.inserted)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def _merge_kind(kinds: list[str]) -> str:
    seen: list[str] = []
    for k in kinds:
        for part in k.split("+"):
            if part not in seen:
                seen.append(part)
    return "+".join(seen)


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    """Whether two half-open spans share text, or an empty one sits strictly inside the other."""
    if a0 == a1 and b0 == b1:
        return False
    if a0 == a1:
        return b0 < a0 < b1
    if b0 == b1:
        return a0 < b0 < a1
    return a0 < b1 and b0 < a1


def compose(raw: str, prev: Sequence[Edit], current: str, new: Sequence[Edit]) -> list[Edit]:
    """Fold ``new`` edits (in ``current`` coordinates) into ``prev`` (in ``raw`` coordinates).

    ``current`` must equal ``apply_edits(raw, prev)``. The result is a sorted,
    non-overlapping list of edits in raw coordinates whose application to
    ``raw`` gives ``apply_edits(current, new)``.

    Examples
    --------
    >>> raw = "衛(wèi)生  系統"
    >>> prev = [Edit("pinyin_annotations", 1, 6, "(wèi)", "")]
    >>> cur = apply_edits(raw, prev)
    >>> out = compose(raw, prev, cur, [Edit("whitespace", 2, 4, "  ", "")])
    >>> apply_edits(raw, out)
    '衛生系統'
    """
    if not new:
        return list(prev)
    if not prev:
        return list(new)
    # current-coordinate spans of the previous edits; cum[i] = current - raw before prev[i]
    n = len(prev)
    cum = list(accumulate((len(e.inserted) - e.end + e.start for e in prev), initial=0))
    cur_s = [e.start + c for e, c in zip(prev, cum)]
    cur_e = [cs + len(e.inserted) for cs, e in zip(cur_s, prev)]
    result: list[Edit] = []
    i = 0  # next prev edit not yet emitted
    k = 0  # next new edit
    m = len(new)
    while k < m:
        ne = new[k]
        # emit prev edits that lie entirely before the new edit: those ending before it
        # in bulk, then those ending where it starts but not overlapping it
        j = bisect_left(cur_e, ne.start, i)
        if j > i:
            result.extend(prev[i:j])
            i = j
        while (
            i < n and cur_e[i] == ne.start and not _overlaps(cur_s[i], cur_e[i], ne.start, ne.end)
        ):
            result.append(prev[i])
            i += 1
        shift = cum[i]  # current - raw, over the prev edits already passed
        if i >= n or not _overlaps(cur_s[i], cur_e[i], ne.start, ne.end):
            result.append(Edit(ne.kind, ne.start - shift, ne.end - shift, ne.removed, ne.inserted))
            k += 1
            continue
        # a connected group of overlapping prev and new edits becomes one raw edit
        j, kk = i + 1, k + 1
        cs, ce = min(cur_s[i], ne.start), max(cur_e[i], ne.end)
        grew = True
        while grew:
            grew = False
            while j < n and _overlaps(cur_s[j], cur_e[j], cs, ce):
                ce = max(ce, cur_e[j])
                j += 1
                grew = True
            while kk < m and _overlaps(new[kk].start, new[kk].end, cs, ce):
                ce = max(ce, new[kk].end)
                kk += 1
                grew = True
        group, gnew = prev[i:j], new[k:kk]
        shift_after = cum[j]
        rs = group[0].start if cur_s[i] <= gnew[0].start else gnew[0].start - shift
        last = gnew[-1]
        re_ = group[-1].end if cur_e[j - 1] >= last.end else last.end - shift_after
        pieces: list[str] = []
        pos = cs
        for e in gnew:
            pieces.append(current[pos : e.start])
            pieces.append(e.inserted)
            pos = e.end
        pieces.append(current[pos:ce])
        kind = _merge_kind([*(e.kind for e in group), *(e.kind for e in gnew)])
        result.append(Edit(kind, rs, re_, raw[rs:re_], "".join(pieces)))
        i, k = j, kk
    result.extend(prev[i:])
    return result


class OffsetMap:
    """Map positions in a normalized text back to the raw text it came from.

    Built from the raw-coordinate edits of a document. A position inside text
    that an edit inserted maps to the start of that edit's raw span.

    Parameters
    ----------
    edits : sequence of Edit
        Sorted, non-overlapping edits in raw coordinates.

    Examples
    --------
    >>> m = OffsetMap([Edit("pinyin_annotations", 1, 6, "(wèi)", "")])
    >>> m.to_raw(1)  # the 生 of 衛生 sits at raw index 6 in 衛(wèi)生
    6
    """

    def __init__(self, edits: Sequence[Edit]) -> None:
        self._edits = list(edits)
        self._norm_starts: list[int] = []
        self._norm_ends: list[int] = []
        shift = 0
        for e in self._edits:
            ns = e.start + shift
            self._norm_starts.append(ns)
            self._norm_ends.append(ns + len(e.inserted))
            shift += e.delta

    def to_raw(self, pos: int) -> int:
        """Return the raw offset of normalized position ``pos``."""
        k = bisect.bisect_right(self._norm_starts, pos) - 1
        if k < 0:
            return pos
        e = self._edits[k]
        ns, ne = self._norm_starts[k], self._norm_ends[k]
        if pos < ne:
            return e.start + min(pos - ns, e.end - e.start) if e.inserted else e.start
        return e.end + (pos - ne)

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Return the raw span covering normalized ``[start, end)``."""
        rs = self.to_raw(start)
        re_ = self.to_raw(end - 1) + 1 if end > start else rs
        return rs, max(rs, re_)
