"""Normalization: clean scraped notices, lose nothing, record every edit.

>>> from policytext.normalize import normalize_text
>>> normalize_text("衛(wèi)生系統").text
'卫生系统'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import steps
from .pipeline import NormResult, Pipeline, Step, StepResult, make_pipeline

if TYPE_CHECKING:
    from ..document import Document

__all__ = [
    "DEFAULT_PIPELINE",
    "NormResult",
    "Pipeline",
    "Step",
    "StepResult",
    "make_pipeline",
    "normalize",
    "normalize_text",
    "steps",
]

DEFAULT_PIPELINE = make_pipeline(steps.unicode_chars, steps.whitespace)
"""The default steps, in order (see docs/concepts/normalization.md)."""


def normalize_text(raw: str, *, pipeline: Pipeline | None = None) -> NormResult:
    """Normalize one raw string with ``pipeline`` (default :data:`DEFAULT_PIPELINE`)."""
    return (pipeline or DEFAULT_PIPELINE).run(raw)


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
        res = normalize_text(doc.raw, pipeline=pipeline)
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
