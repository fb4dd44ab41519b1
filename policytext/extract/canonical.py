"""Canonical keys: one spelling per slogan or formula, so variants match across documents.

A key folds what varies between printings of the same item and nothing else:

* Traditional → Simplified (OpenCC, only when the text has non-ASCII letters);
* character width (NFKC), quotation marks and spaces;
* clause separators ``, ， 、 ; ；`` → ``、``;
* numeral variants ``两`` → ``二``, ``〇`` → ``零``.

Examples
--------
>>> canonical_key("“树立高尚医德,躬身为民服务”") == canonical_key("树立高尚医德、躬身为民服务")
True
>>> canonical_key("两会一听")
'二会一听'
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["canonical_key", "fold_text"]

_DROP = re.compile(r"[\s“”\"'‘’「」『』]")
_SEP = re.compile(r"[,，、;；]+")
_NUM = str.maketrans({"两": "二", "〇": "零", "○": "零"})
_HAS_CJK = re.compile(r"[\u3400-\u9fff]")


def fold_text(s: str) -> str:
    """Fold width, quotes, spaces and separators (no script or numeral folding).

    Examples
    --------
    >>> fold_text("“抓活动，突亮点”")
    '抓活动、突亮点'
    """
    s = unicodedata.normalize("NFKC", s)
    s = _DROP.sub("", s)
    return _SEP.sub("、", s).strip("、")


@functools.lru_cache(maxsize=65536)
def canonical_key(s: str) -> str:
    """Return the canonical key of a slogan, theme or formula.

    Parameters
    ----------
    s : str
        The item as written (quotes, width and script may vary).

    Returns
    -------
    str
        The folded key.

    Examples
    --------
    >>> canonical_key("衛生，健康")
    '卫生、健康'
    """
    if _HAS_CJK.search(s):
        from .._opencc import to_simplified

        s = to_simplified(s)
    return fold_text(s).translate(_NUM)
