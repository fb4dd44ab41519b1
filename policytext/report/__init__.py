"""HTML views: Jupyter displays and the self-contained corpus report.

>>> from policytext.report import build_report, render_report
"""

from __future__ import annotations

from ._build import build_report, load_corpus, render_report

__all__ = ["build_report", "load_corpus", "render_report"]
