"""One small adapter over the two OpenCC packages that share the import name ``opencc``.

policytext depends on the official binding (PyPI ``opencc``, C++ core, 50–98 MB/s);
``opencc-python-reimplemented`` (pure Python, ~1 MB/s) installs the same import
name with another API (``OpenCC('t2s')`` instead of ``OpenCC('t2s.json')``). The
adapter accepts either, so conversion works whichever one is installed. See
docs/design.md, "OpenCC binding".
"""

from __future__ import annotations

import functools
import re
from typing import Literal

from ._codes import code_points

__all__ = ["Converter", "detect_script", "get_converter", "has_convertible", "to_simplified"]

Config = Literal["t2s", "s2t", "tw2s", "hk2s", "t2tw"]


class Converter:
    """Convert between scripts with OpenCC, whichever binding is installed.

    Parameters
    ----------
    config : str
        OpenCC configuration name without extension, e.g. ``"t2s"`` (phrase-aware
        traditional → simplified) or ``"s2t"``.

    Examples
    --------
    >>> Converter("t2s").convert("衛生系統")
    '卫生系统'
    """

    def __init__(self, config: Config = "t2s") -> None:
        import opencc

        self.config = config
        try:  # official binding: OpenCC('t2s.json')
            self._cc = opencc.OpenCC(f"{config}.json")
            self.backend = "opencc"
        except Exception:  # opencc-python-reimplemented: OpenCC('t2s')
            self._cc = opencc.OpenCC(config)
            self.backend = "opencc-python-reimplemented"

    def convert(self, text: str) -> str:
        """Return ``text`` converted (phrase-aware; length may change in rare phrases)."""
        return self._cc.convert(text) if text else text

    def convert_same_length(self, text: str) -> str:
        """Convert, guaranteeing the result has the same length as ``text``.

        Phrase-aware conversion is tried per line; a line whose length would
        change is converted character by character instead, so positions in the
        result map one-to-one onto ``text``.
        """
        out = self.convert(text)
        if len(out) == len(text):
            return out
        parts = []
        for line in text.splitlines(keepends=True):
            conv = self.convert(line)
            if len(conv) != len(line):
                conv = "".join(c if len(c2 := self.convert(c)) != 1 else c2 for c in line)
            parts.append(conv)
        return "".join(parts)

    def __reduce__(self):  # picklable: rebuilt on the other side
        return (Converter, (self.config,))


@functools.lru_cache(maxsize=8)
def get_converter(config: Config = "t2s") -> Converter:
    """Return a cached :class:`Converter` (created on first use, not at import)."""
    return Converter(config)


def to_simplified(text: str) -> str:
    """Convert ``text`` to Simplified Chinese (phrase-aware OpenCC ``t2s``).

    Examples
    --------
    >>> to_simplified("區衛生局")
    '区卫生局'
    """
    return get_converter("t2s").convert(text)


_HAN = re.compile(r"[\u4e00-\u9fff]")


def detect_script(
    text: str, *, threshold: float = 0.01
) -> Literal["simplified", "traditional", "mixed"]:
    """Classify the script of ``text`` from the share of Han characters OpenCC changes.

    A text is ``traditional`` when more than 3 % of its Han characters convert
    and nearly every character that *has* distinct forms is traditional,
    ``mixed`` when a small share (above ``threshold``) converts, else ``simplified``.

    Examples
    --------
    >>> detect_script("卫生系统")
    'simplified'
    >>> detect_script("衛生系統")
    'traditional'
    """
    return _detect(text, threshold)[0]


def has_convertible(text: str) -> bool:
    """Whether ``text`` holds a character that OpenCC ``t2s`` may change (alone or in a phrase).

    Examples
    --------
    >>> has_convertible("卫生系统"), has_convertible("衛生")
    (False, True)
    """

    lut = _script_lut()
    if lut is None:
        return True
    return bool(lut[code_points(text)].any())


def _detect(
    text: str, threshold: float = 0.01
) -> tuple[Literal["simplified", "traditional", "mixed"], bool, tuple[int, int] | None]:
    """:func:`detect_script`; whether the first 60,000 characters hold any character ``t2s``
    may change (``False``: simplified outright); and ``(han, may_change)`` counts when the
    decision was made from them over the whole text (else ``None``)."""
    import numpy as np

    codes = code_points(text[:60_000])  # the same object when shorter: shared with normalize
    lut = _script_lut()
    if lut is None:
        return _detect_share(codes, None, None, threshold), True, None
    # per character: 1 = t2s changes it alone, 2 = alone or inside a phrase
    cls = lut[codes]
    if not cls.any():
        return "simplified", False, None  # no character OpenCC would change: t2s is identity
    # at most the characters t2s may change do change (覆 of 反覆, 么 of 什么 are common in
    # simplified text too): a share within the threshold is simplified without OpenCC
    # (counted on the table bits when the text holds at most the 20,000 Han characters
    # _detect_share would look at)
    n_han = _count_han(codes)
    if 0 < n_han <= 20_000:
        few = int(np.count_nonzero(cls & 2))
        if few / n_han <= threshold:
            return "simplified", True, ((n_han, few) if len(text) <= 60_000 else None)
    return _detect_share(codes, lut, cls, threshold), True, None


def _count_han(codes) -> int:
    """How many code points are CJK unified ideographs (U+4E00-U+9FFF)."""
    import numpy as np

    return int(np.count_nonzero((codes >= 0x4E00) & (codes <= 0x9FFF)))


def script_after_edits(
    stats: tuple[int, int], edits, threshold: float = 0.01
) -> Literal["simplified"] | None:
    """``simplified`` when a text judged so from ``stats`` (of :func:`_detect`) still is after
    ``edits`` (raw-coordinate :class:`~policytext.Edit`s): the counts move by what the
    edits removed and inserted. ``None`` when that does not settle it (then detect).

    Examples
    --------
    >>> from policytext._edits import Edit
    >>> script_after_edits((200, 1), [Edit("chrome", 0, 10, "来源：本网站发布", "")])
    'simplified'
    """
    import numpy as np

    lut = _script_lut()
    if lut is None:
        return None
    removed = code_points("".join(e.removed for e in edits))
    inserted = code_points("".join(e.inserted for e in edits))
    n_han = stats[0] - _count_han(removed) + _count_han(inserted)
    few = (
        stats[1]
        - int(np.count_nonzero(lut[removed] & 2))
        + int(np.count_nonzero(lut[inserted] & 2))
    )
    if n_han <= 0:
        return "simplified" if few <= 0 else None
    if n_han <= 20_000 and few / n_han <= threshold:
        return "simplified"
    return None


def _detect_share(
    codes, lut, cls, threshold: float
) -> Literal["simplified", "traditional", "mixed"]:
    """The decision from the share of Han characters ``t2s`` changes (OpenCC asked)."""
    import numpy as np

    a = codes[(codes >= 0x4E00) & (codes <= 0x9FFF)][:20_000]  # vectorized, no char list
    if not len(a):
        return "simplified"
    if lut is not None:
        # at most the characters t2s may change (alone or inside a phrase: 覆 of 反覆, also
        # common in simplified text) do change: a share within the threshold is simplified
        # without asking OpenCC (one 國 quoted in a simplified notice)
        few = int(np.count_nonzero(lut[a] & 2))
        if few / len(a) <= threshold:
            return "simplified"
    han_text = a.tobytes().decode("utf-32-le")
    t2s = get_converter("t2s").convert_same_length(han_text)
    if t2s == han_text:
        return "simplified"
    b = _codes(t2s)
    same = a == b
    changed = len(han_text) - int(same.sum())
    share = changed / len(han_text)
    if share <= threshold:
        return "simplified"
    # characters that exist in distinct simplified forms and are written simplified
    c = _codes(get_converter("s2t").convert_same_length(han_text))
    simplified_forms = int(np.count_nonzero(same & (a != c)))
    if share > 0.03 and simplified_forms <= 0.2 * changed:
        return "traditional"
    return "mixed"


# characters t2s leaves alone on their own but changes inside a phrase of TSPhrases
# (沈 in 深沈, 藉 in 慰藉, 覆 in 反覆...); found once by converting the phrase list
_PHRASE_ONLY = "么俱彷沈瞭藉衹覆"


@functools.lru_cache(maxsize=1)
def _convertible_chars() -> frozenset[str] | None:
    """Every CJK character ``t2s`` changes on its own (asked of OpenCC once, in one call).

    A text holding none of them, nor one of :data:`_PHRASE_ONLY` (characters
    that only change inside a phrase), converts to itself, so
    :func:`detect_script` answers ``simplified`` without calling OpenCC.
    ``None`` when the converter does not keep one character per line (then
    OpenCC is always asked).
    """
    chars = "".join(chr(i) for i in range(0x4E00, 0xA000))
    per = get_converter("t2s").convert("\n".join(chars)).split("\n")
    if len(per) != len(chars):
        return None
    return frozenset(a for a, b in zip(chars, per) if a != b)


@functools.lru_cache(maxsize=1)
def _script_lut():
    """Per code point: bit 1 = changes on its own, bit 2 = changes on its own or inside a
    phrase; ``None`` as for
    :func:`_convertible_chars`. One table lookup per character beats a regex class
    of twenty thousand characters."""
    import numpy as np

    single = _convertible_chars()
    if single is None:
        return None
    lut = np.zeros(0x110000, dtype=np.uint8)  # every code point: no clamping before lookup
    for ch in single:
        lut[ord(ch)] |= 3
    for ch in _PHRASE_ONLY:
        lut[ord(ch)] |= 2
    return lut


def _codes(s: str):
    import numpy as np

    return np.frombuffer(s.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
