"""Compose normalization steps; keep every edit in raw coordinates.

A *step* is a callable ``step(text, view) -> StepResult``:

* ``text`` is the current text, still in its original script;
* ``view`` is the same text converted to Simplified Chinese, of **equal
  length**, so a step can match Simplified patterns (``来源:``) on a
  traditional page and apply the span it found to ``text``;
* it returns the new text, the edits it made in the coordinates of ``text``,
  the flags it raises and any numbers worth keeping (``info``).

:class:`Pipeline` runs the steps in order, folds each step's edits into one
list in raw coordinates (:func:`policytext._edits.compose`) and, last,
converts the script to Simplified (recorded as ``t2s`` edits, one per changed
run of characters).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from .._edits import Edit, apply_edits, compose
from .._errors import PipelineError
from .._opencc import (
    _detect,
    detect_script,
    get_converter,
    has_convertible,
    script_after_edits,
)

__all__ = ["NormResult", "Pipeline", "Step", "StepResult", "make_pipeline"]

logger = logging.getLogger(__name__)

_SCRIPTS = ("simplified", "traditional", "mixed")


@dataclass
class StepResult:
    """What one step returns: new text, edits in its input's coordinates, flags, info."""

    text: str
    edits: list[Edit] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)


class Step(Protocol):
    """A normalization step: ``step(text, view) -> StepResult``; has a ``name``."""

    name: str

    def __call__(self, text: str, view: str) -> StepResult: ...


@dataclass
class NormResult:
    """The outcome of a pipeline run on one raw text."""

    text: str
    edits: list[Edit]
    flags: list[str]
    info: dict[str, Any]
    script: str


def _step_name(step: Callable) -> str:
    return getattr(step, "name", None) or getattr(step, "__name__", type(step).__name__)


def _update_view(view: str, edits: Sequence[Edit], convert: Callable[[str], str]) -> str:
    """Apply a step's edits to the simplified view, converting inserted text."""
    out: list[str] = []
    pos = 0
    for e in edits:
        out.append(view[pos : e.start])
        out.append(convert(e.inserted) if e.inserted else "")
        pos = e.end
    out.append(view[pos:])
    return "".join(out)


class Pipeline:
    """An ordered list of named normalization steps.

    Parameters
    ----------
    steps : sequence of Step
        Steps run in order.
    convert_script : bool, default True
        Convert traditional or mixed text to Simplified at the end (OpenCC ``t2s``).

    Examples
    --------
    >>> from policytext.normalize import DEFAULT_PIPELINE
    >>> p = DEFAULT_PIPELINE.drop("broken_lines")
    >>> "broken_lines" in p.names
    False
    """

    def __init__(self, steps: Sequence[Step], *, convert_script: bool = True) -> None:
        names = [_step_name(s) for s in steps]
        dupes = {n for n in names if names.count(n) > 1}
        if dupes:
            raise PipelineError(f"Step names must be unique; repeated: {sorted(dupes)}")
        self.steps: tuple[Step, ...] = tuple(steps)
        self.convert_script = convert_script

    @property
    def names(self) -> list[str]:
        """Names of the steps, in order."""
        return [_step_name(s) for s in self.steps]

    def _index(self, name: str) -> int:
        try:
            return self.names.index(name)
        except ValueError:
            raise PipelineError(
                f"No step {name!r} in pipeline. Available: {', '.join(self.names)}"
            ) from None

    def drop(self, *names: str) -> Pipeline:
        """Return a copy without the named steps."""
        for n in names:
            self._index(n)
        return Pipeline(
            [s for s in self.steps if _step_name(s) not in names],
            convert_script=self.convert_script,
        )

    def replace(self, name: str, step: Step) -> Pipeline:
        """Return a copy with step ``name`` replaced by ``step``."""
        i = self._index(name)
        steps = list(self.steps)
        steps[i] = step
        return Pipeline(steps, convert_script=self.convert_script)

    def add(self, step: Step, *, before: str | None = None, after: str | None = None) -> Pipeline:
        """Return a copy with ``step`` inserted before/after a named step (default: at the end)."""
        steps = list(self.steps)
        if before is not None:
            steps.insert(self._index(before), step)
        elif after is not None:
            steps.insert(self._index(after) + 1, step)
        else:
            steps.append(step)
        return Pipeline(steps, convert_script=self.convert_script)

    def __iter__(self):
        return iter(self.steps)

    def __len__(self) -> int:
        return len(self.steps)

    def __repr__(self) -> str:
        return f"Pipeline([{', '.join(self.names)}], convert_script={self.convert_script})"

    def __call__(self, raw: str, *, script: str | None = None) -> NormResult:
        return self.run(raw, script=script)

    def run(self, raw: str, *, script: str | None = None) -> NormResult:
        """Normalize ``raw``; return text, raw-coordinate edits, flags, info and script.

        ``script`` is the script of ``raw`` when already known (``simplified``,
        ``traditional`` or ``mixed``, as :func:`~policytext._opencc.detect_script`
        says; ingestion detects it), so it is not detected twice. It decides
        whether steps match their patterns on a Simplified view. Whether the
        text is converted at the end, and the ``script`` returned, are decided
        on the cleaned text, so that normalizing twice changes nothing.

        Examples
        --------
        >>> from policytext.normalize import DEFAULT_PIPELINE
        >>> r = DEFAULT_PIPELINE.run("衛(wèi)生系統")
        >>> r.text
        '卫生系统'
        """
        any_convertible = stats = None  # unknown when the caller gives the script
        if script not in _SCRIPTS:
            script, any_convertible, stats = _detect(raw)
        conv = get_converter("t2s")
        convert_view = conv.convert_same_length if script != "simplified" else (lambda s: s)
        text = raw
        view = convert_view(raw)
        edits: list[Edit] = []
        flags: list[str] = []
        info: dict[str, Any] = {}
        for step in self.steps:
            res = step(text, view)
            if not isinstance(res, StepResult):
                raise PipelineError(
                    f"Step {_step_name(step)!r} returned {type(res).__name__}, expected StepResult"
                )
            if res.edits:
                edits = compose(raw, edits, text, res.edits)
                view = (
                    _update_view(view, res.edits, convert_view)
                    if script != "simplified"
                    else res.text
                )
            text = res.text
            for f in res.flags:
                if f not in flags:
                    flags.append(f)
            if res.info:
                info.update(res.info)
        # the script is decided again on the cleaned text: removing boilerplate can raise
        # the share of traditional characters past the threshold (one 導 in a short body),
        # and deciding on the raw text would then convert on a second run, not the first
        if text is raw:
            final = script
        elif (
            any_convertible is False
            and len(raw) <= 60_000  # detection reads the first 60,000 characters
            and not has_convertible("".join(e.inserted for e in edits))
        ):
            final = "simplified"  # nothing to convert in the raw text, nor put in by a step
        else:
            final = (
                script_after_edits(stats, edits) if stats is not None else None
            ) or detect_script(text)
        if self.convert_script and final != "simplified":
            converted = conv.convert_same_length(text)
            t2s_edits = _runs(text, converted)
            if t2s_edits:
                edits = compose(raw, edits, text, t2s_edits)
                text = converted
        return NormResult(text=text, edits=edits, flags=flags, info=info, script=final)


def _runs(before: str, after: str) -> list[Edit]:
    """One ``t2s`` edit per maximal run of changed characters (equal-length strings)."""
    import numpy as np

    a = np.frombuffer(before.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    b = np.frombuffer(after.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    changed = np.concatenate(([False], a != b, [False])).astype(np.int8)
    bounds = np.flatnonzero(np.diff(changed))
    return [
        Edit("t2s", int(s), int(e), before[s:e], after[s:e])
        for s, e in zip(bounds[::2].tolist(), bounds[1::2].tolist())
    ]


def make_pipeline(*steps: Step | Iterable[Step], convert_script: bool = True) -> Pipeline:
    """Build a :class:`Pipeline` from steps (or iterables of steps).

    Examples
    --------
    >>> from policytext.normalize import steps
    >>> p = make_pipeline(steps.unicode_chars, steps.whitespace)
    >>> p.run("正文\\u200b  内容").text
    '正文 内容'
    """
    flat: list[Step] = []
    for s in steps:
        if callable(s):
            flat.append(s)  # type: ignore[arg-type]
        else:
            flat.extend(s)
    return Pipeline(flat, convert_script=convert_script)


def check_rebuild(raw: str, result: NormResult) -> bool:
    """Whether applying ``result.edits`` to ``raw`` gives ``result.text`` (for tests)."""
    return apply_edits(raw, result.edits) == result.text
