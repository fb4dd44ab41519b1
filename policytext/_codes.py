"""The code points of a text as a numpy array, kept for the last text asked about.

Several stages look at the same text character by character in turn (script
detection, then the first normalization steps); encoding it once and sharing
the array saves a pass over the text each time.
"""

from __future__ import annotations

from typing import Any

__all__ = ["code_points"]

# (text, array) of the last text seen, replaced as one tuple so threads never mix pairs
_last: tuple[str | None, Any] = (None, None)


def code_points(text: str) -> Any:
    """``numpy.ndarray`` (uint32, read-only) of the code points of ``text``; cached for the last text.

    Examples
    --------
    >>> code_points("卫生").tolist()
    [21355, 29983]
    """
    global _last
    last = _last
    if last[0] is text:
        return last[1]
    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    _last = (text, codes)
    return codes
