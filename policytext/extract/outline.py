"""Extractor placeholder: filled in by its issue (fields stay at their empty defaults)."""

from __future__ import annotations

from typing import Any

from . import register


@register("outline")
def extract_outline(doc) -> dict[str, Any]:
    """Return the record fields this extractor is responsible for."""
    return {}


def sections(doc) -> list[dict[str, Any]]:
    """Text of each outline section of ``doc`` (see :meth:`Document.sections`)."""
    text = doc.text or ""
    outline = doc.fields.get("outline") or []
    out = []
    for i, h in enumerate(outline):
        end = len(text)
        for h2 in outline[i + 1 :]:
            if h2["level"] <= h["level"]:
                end = h2["start"]
                break
        out.append({**h, "text": text[h["start"] : end]})
    return out
