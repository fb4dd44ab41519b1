"""Extraction: what a notice says about itself.

:func:`extract` fills :attr:`Document.fields` with every field of the record
spec (../shared/spec/record.md) by running the registered extractors in order.
Each extractor is a function ``extractor(doc) -> dict`` returning some record
fields; a failing extractor is recorded in ``doc.errors`` and its fields keep
their empty defaults, so one bad document never stops a batch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..document import Document

__all__ = ["EMPTY_FIELDS", "EXTRACTORS", "extract", "register"]

logger = logging.getLogger(__name__)

#: Extraction fields of the record and their empty values.
EMPTY_FIELDS: dict[str, Any] = {
    "title": None,
    "date": None,
    "issuer": None,
    "doc_numbers": [],
    "addressees": [],
    "cc": [],
    "keywords": [],
    "copies": None,
    "genre": None,
    "region": {
        "province": None,
        "city": None,
        "county": None,
        "code": None,
        "level": None,
        "evidence": None,
        "inferred": False,
    },
    "outline": [],
    "phases": [],
    "formulas": [],
    "themes": [],
    "carriers": [],
    "slogans": [],
    "campaigns": [],
}

Extractor = Callable[["Document"], dict[str, Any]]

#: Registered extractors, run in order by :func:`extract` (name → function).
EXTRACTORS: dict[str, Extractor] = {}


def register(name: str) -> Callable[[Extractor], Extractor]:
    """Register an extractor under ``name`` (decorator)."""

    def deco(fn: Extractor) -> Extractor:
        EXTRACTORS[name] = fn
        return fn

    return deco


#: Built-in extractors, in the order they run (later ones read earlier results).
BUILTIN_ORDER: tuple[str, ...] = ("metadata", "outline", "phases", "region", "slogans")


def _load_builtin() -> None:
    # imported lazily so that ``import policytext`` stays cheap; cached after the first call
    from . import metadata, outline, phases, region, slogans  # noqa: F401


def _ordered() -> list[tuple[str, Extractor]]:
    """Built-ins in :data:`BUILTIN_ORDER`, then user extractors in registration order."""
    _load_builtin()
    first = [(n, EXTRACTORS[n]) for n in BUILTIN_ORDER if n in EXTRACTORS]
    rest = [(n, fn) for n, fn in EXTRACTORS.items() if n not in BUILTIN_ORDER]
    return first + rest


def _empty() -> dict[str, Any]:
    import copy

    return copy.deepcopy(EMPTY_FIELDS)


def extract(doc: Document, *, only: list[str] | None = None) -> Document:
    """Run the extractors on ``doc.text`` and store the results in ``doc.fields``.

    Parameters
    ----------
    doc : Document
        A normalized document (see :func:`policytext.normalize`).
    only : list of str, optional
        Names of the extractors to run (default: all registered).

    Examples
    --------
    >>> from policytext import Document, normalize
    >>> doc = extract(normalize(Document(id="d", raw="兰州市卫生局关于印发工作安排意见的通知")))
    >>> doc.fields["genre"]
    '通知'
    """
    fields = _empty()
    fields.update({k: v for k, v in doc.fields.items() if k not in fields})
    for name, fn in _ordered():
        if only is not None and name not in only:
            continue
        try:
            out = fn(doc) if doc.text else {}
        except Exception as exc:  # recorded, never fatal
            logger.debug("extractor %s failed on %s", name, doc.id, exc_info=True)
            doc.errors.append(f"extract.{name}: {type(exc).__name__}: {exc}")
            continue
        fields.update(out)
        doc.fields = fields  # later extractors may read earlier results
    doc.fields = fields
    return doc
