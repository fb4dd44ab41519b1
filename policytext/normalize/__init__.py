"""Normalization: clean scraped notices, lose nothing, record every edit.

>>> from policytext.normalize import normalize_text
>>> normalize_text("衛(wèi)生系統").text
'卫生系统'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import steps
from .options import NormalizeOptions
from .patterns import PatternTable, load_patterns
from .pipeline import NormResult, Pipeline, Step, StepResult, make_pipeline
from .sitechrome import remove_site_chrome

if TYPE_CHECKING:
    from ..document import Document

__all__ = [
    "DEFAULT_PIPELINE",
    "NormResult",
    "NormalizeOptions",
    "PatternTable",
    "Pipeline",
    "Step",
    "StepResult",
    "build_pipeline",
    "load_patterns",
    "make_pipeline",
    "normalize",
    "normalize_text",
    "remove_site_chrome",
    "steps",
]


def build_pipeline(
    *, patterns: PatternTable | None = None, options: NormalizeOptions | None = None
) -> Pipeline:
    """The default steps bound to a pattern table and options.

    Order: ``mojibake``, ``unicode``, ``markup``, ``pinyin``, ``spaces``, ``paywall``,
    ``pagination``, ``chrome``, ``whitespace``, ``duplicates``,
    ``broken_lines``, ``markers`` (then script conversion).

    Examples
    --------
    >>> p = build_pipeline(options=NormalizeOptions(wrap_min_line=20))
    >>> p.names[:3]
    ['mojibake', 'unicode', 'markup']
    """
    pat = {"patterns": patterns} if patterns is not None else {}
    opt = {"options": options} if options is not None else {}
    cfg = steps.configure
    return make_pipeline(
        steps.mojibake,
        steps.unicode_chars,
        cfg(steps.markup, **pat) if pat else steps.markup,
        steps.pinyin,
        cfg(steps.spaces, **pat) if pat else steps.spaces,
        cfg(steps.paywall, **pat) if pat else steps.paywall,
        cfg(steps.pagination, **pat) if pat else steps.pagination,
        cfg(steps.chrome, **pat) if pat else steps.chrome,
        cfg(steps.whitespace, **pat) if pat else steps.whitespace,
        cfg(steps.duplicates, **opt) if opt else steps.duplicates,
        cfg(steps.broken_lines, **opt) if opt else steps.broken_lines,
        cfg(steps.markers, **pat, **opt) if (pat or opt) else steps.markers,
    )


DEFAULT_PIPELINE = build_pipeline()
"""The default steps, in order: mojibake, unicode, markup, pinyin, spaces, paywall,
pagination, chrome, whitespace, duplicates, broken_lines, markers (see
docs/concepts/normalization.md). Patterns load lazily on first run."""


def normalize_text(
    raw: str, *, pipeline: Pipeline | None = None, script: str | None = None
) -> NormResult:
    """Normalize one raw string with ``pipeline`` (default :data:`DEFAULT_PIPELINE`).

    ``script`` is the script of ``raw`` when known (else it is detected).
    """
    return (pipeline or DEFAULT_PIPELINE).run(raw, script=script)


def normalize(doc: Document, *, pipeline: Pipeline | None = None) -> Document:
    """Normalize a :class:`~policytext.Document` in place and return it.

    Sets ``text``, ``edits``, ``flags``, ``info`` and ``script``; ``raw`` is
    untouched. A failure inside a step is recorded in ``errors`` and the text is
    kept as read, so a batch never dies for one document.

    Examples
    --------
    >>> from policytext import Document
    >>> doc = normalize(Document(id="d", raw="衛(wèi)生"))
    >>> doc.text, doc.flags
    ('卫生', ['pinyin_annotations'])
    """
    try:
        # ingestion already detected the script of the raw text: do not do it twice
        res = normalize_text(doc.raw, pipeline=pipeline, script=doc.script)
    except Exception as exc:  # one bad document must not stop a batch
        doc.errors.append(f"normalize: {type(exc).__name__}: {exc}")
        doc.text = doc.raw
        return doc
    doc.text = res.text
    doc.edits = res.edits
    doc.flags = res.flags
    doc.info.update(res.info)
    doc.script = res.script
    return doc
