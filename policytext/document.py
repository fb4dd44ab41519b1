"""The document: raw text kept untouched, normalized text, edits, flags and what was extracted."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from ._edits import Edit, OffsetMap, apply_edits

__all__ = ["Document"]


@dataclass
class Document:
    """One notice: its raw text (never modified) and everything derived from it.

    Parameters
    ----------
    id : str
        Stable identifier (the file stem by default).
    raw : str
        The decoded text exactly as read. Never modified.
    text : str or None
        The normalized text; ``None`` until :func:`policytext.normalize` runs
        (then :attr:`text` falls back to ``raw``).
    source : str or None
        Path or URI the document was read from.
    encoding : str or None
        Detected input encoding (``utf-8``, ``gb18030``, ``big5``, ``utf-16``...).
    script : str or None
        ``simplified``, ``traditional`` or ``mixed`` (of the raw text).
    metadata : dict
        Document variables (province, year...) given by the user or a metadata file.
    edits : list of Edit
        Every change normalization made, in raw coordinates. Applying them to
        ``raw`` gives ``text``.
    flags : list of str
        What normalization found (``pinyin_annotations``, ``paywall_truncated``...).
    errors : list of str
        Problems met while reading or processing; the document is still kept.
    info : dict
        Numbers normalization kept (``omitted_chars``, ``page_count``, redaction positions...).
    fields : dict
        What extraction found (title, date, region, formulas...), keyed as in the record spec.

    Examples
    --------
    >>> doc = Document(id="d1", raw="衛(wèi)生")
    >>> doc.text
    '衛(wèi)生'
    """

    id: str
    raw: str
    text: str | None = None  # type: ignore[assignment]
    source: str | None = None
    encoding: str | None = None
    script: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    edits: list[Edit] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.text is None:
            self.text = self.raw

    # -- offsets -----------------------------------------------------------
    def offset_map(self) -> OffsetMap:
        """Return an :class:`~policytext._edits.OffsetMap` from normalized to raw positions."""
        return OffsetMap(self.edits)

    def to_raw(self, pos: int) -> int:
        """Map a position of the normalized text to the raw text.

        Examples
        --------
        >>> from policytext import normalize
        >>> doc = normalize(Document(id="d", raw="衛(wèi)生"))
        >>> doc.raw[doc.to_raw(doc.text.index("生"))]
        '生'
        """
        return self.offset_map().to_raw(pos)

    def rebuild(self) -> str:
        """Apply :attr:`edits` to :attr:`raw`; equals :attr:`text` after normalization."""
        return apply_edits(self.raw, self.edits)

    def removed(self, kind: str | None = None) -> list[Edit]:
        """Edits that removed text (optionally only those whose kind contains ``kind``)."""
        return [
            e
            for e in self.edits
            if e.removed and not e.inserted and (kind is None or kind in e.kind.split("+"))
        ]

    def sections(self) -> list[dict[str, Any]]:
        """Text of each outline section (needs extraction to have run).

        Returns a list of ``{"level", "label", "heading", "start", "end", "text"}``
        where ``text`` runs from the heading to the next heading of the same or
        a higher level.
        """
        from .extract.outline import sections as _sections

        return _sections(self)

    # -- display -----------------------------------------------------------
    def __repr__(self) -> str:
        text = self.text or ""
        preview = text[:30].replace("\n", " ")
        return (
            f"Document(id={self.id!r}, chars={len(text)}, edits={len(self.edits)}, "
            f"flags={self.flags!r}, text={preview!r}...)"
        )

    def _repr_html_(self) -> str:
        from .report._html import document_html

        try:
            return document_html(self)
        except Exception:  # the display must never break a notebook
            return f"<pre>{html.escape(repr(self))}</pre>"
