"""Extractor placeholder: filled in by its issue (fields stay at their empty defaults)."""

from __future__ import annotations

from typing import Any

from . import register


@register("phases")
def extract_phases(doc) -> dict[str, Any]:
    """Return the record fields this extractor is responsible for."""
    return {}
