"""Plots of policytext tables (re-exported from :mod:`policytext.compare.plots`)."""

from __future__ import annotations

from .compare.plots import (
    adoption_timeline,
    cjk_font,
    first_appearance_table,
    keyness_bars,
    topic_heatmap,
)

__all__ = [
    "adoption_timeline",
    "cjk_font",
    "first_appearance_table",
    "keyness_bars",
    "topic_heatmap",
]
