"""Thresholds of the normalization steps, in one options object."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["NormalizeOptions"]


@dataclass(frozen=True)
class NormalizeOptions:
    """Every threshold the steps use (trafilatura keeps them in one place, so do we).

    Parameters
    ----------
    wrap_min_line : int, default 30
        A line break is a hard wrap (joined) only when the logical line before it
        already has at least this many characters; shorter lines are titles,
        names or signatures.
    head_lines : int, default 15
        Non-empty lines at the top of a document searched for a repeated title
        or a header block run together on one line.
    title_max_len : int, default 80
        Longest line treated as a title when looking for repeated titles.
    dup_block_min_chars : int, default 40
        Fewest characters a run-together header duplicate must cover.
    dup_block_max_gap : int, default 40
        Largest gap between two lines found inside a run-together header line.
    truncated_start_min_line : int, default 60
        A first line at least this long that opens like no notice does raises
        ``truncated_start``.
    truncated_end_min_line : int, default 30
        A last line at least this long that stops without closing punctuation
        raises ``truncated_end``.
    max_marker_positions : int, default 500
        Most redaction/placeholder positions kept in ``info``.

    Examples
    --------
    >>> NormalizeOptions(wrap_min_line=20).wrap_min_line
    20
    """

    wrap_min_line: int = 30
    head_lines: int = 15
    title_max_len: int = 80
    dup_block_min_chars: int = 40
    dup_block_max_gap: int = 40
    truncated_start_min_line: int = 60
    truncated_end_min_line: int = 30
    max_marker_positions: int = 500
