"""``policytext segment``: registered by its own issue."""

from __future__ import annotations

from . import main  # noqa: F401
