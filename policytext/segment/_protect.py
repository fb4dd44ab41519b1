"""Protected spans: what the segmenter must never split.

Formulas (“12345”, 1+X, 1、3、5, 十四五, 八荣八耻), quoted slogans, 《document
titles》, document numbers (鄂卫党〔2010〕7号), dates and numbers are found with
one precompiled regular expression (plus an Aho-Corasick automaton of extra
protected terms); the segmenter cuts only the gaps between them and emits each
span whole.

Speed: every shape starts with one of a few characters (《, quote marks,
brackets, digits, Chinese numerals), so the combined pattern begins with that
character class and the regex engine skips everything else at C speed; each
alternative then checks its own first character with a one-character
lookbehind. :meth:`ProtectedFinder.split` runs it through ``re.split`` so that
no match objects are built at all.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

__all__ = ["ProtectedFinder"]

_CN_DIGIT = "〇零一二三四五六七八九"
_DAY = r"[\d一二三四五六七八九十]{1,3}"
_DATE_TAIL = rf"(?:{_DAY}月(?:{_DAY}[日号])?)?"
_OPEN_QUOTES = "“「"
_BRACKETS = "〔[【（("

#: (first character class, rest of the pattern after that character), tried in
#: this order at one start, so that where two shapes start at one character the
#: longer comes first (dates before numbers, 二〇二〇年 before 二X二X).
_SHAPES: list[tuple[str, str]] = [
    # 《document titles》 (whole, marks included)
    ("《", r"[^《》\n]{1,100}》"),
    # document numbers: 〔2010〕7号, [2010]7号 (issuer prefix 鄂卫党 added afterwards)
    (r"[〔\[【（(]", r"(?:19|20)\d\d[〕\]】）)]\s*第?\d{1,5}号"),
    # dates: 2022-03-12, 2010年3月15日, 3月15日
    (r"[12]", r"(?:(?<=1)9|(?<=2)0)\d\d[-./]\d{1,2}[-./]\d{1,2}"),
    (r"\d", rf"\d{{3}}年{_DATE_TAIL}"),
    (r"\d", r"\d?月\d{1,2}[日号]"),
    # numbers with 、 + or Latin letters inside: 1+X, 1、3、5 (before plain numbers)
    (r"\d", r"\d*(?:[、+＋]\s?(?:\d+|[A-Za-z]+))+"),
    # numbers: 12345, 3.5%, 1,000
    (r"\d", r"\d*(?:[.,]\d+)*%?"),
    # 二〇一〇年三月十五日
    (f"[{_CN_DIGIT}]", rf"[{_CN_DIGIT}]{{3}}年{_DATE_TAIL}"),
    # Chinese five-year plans and similar: 十四五, 十三五
    ("十", r"[一二三四五六七八九]五(?=规划|时期|期间|末|以来|[^\u4e00-\u9fff]|$)"),
]


def _formula_shapes() -> list[tuple[str, str]]:
    """八荣八耻 (same numeral repeated) and 一问二听三改 (ascending) from extract.formulas."""
    from ..extract.formulas import _SAME, _SEQ

    same_head = "(?P<n>[二三四五六七八九十两])"
    if not _SAME.pattern.startswith(same_head) or not _SEQ.pattern.startswith("一"):
        raise RuntimeError("extract.formulas patterns changed shape; update segment._protect")
    # (?P=n) in _SAME refers to the combined pattern's first-character group
    return [
        ("[二三四五六七八九十两]", _SAME.pattern[len(same_head) :]),
        ("一", _SEQ.pattern[1:]),
    ]


@functools.lru_cache(maxsize=1)
def _digit_class() -> str:
    """``\\d`` spelled out as ranges (BMP) plus every astral character.

    A class of plain ranges is tested several times faster than the ``\\d``
    category while the regex engine scans for a first character; astral
    characters are let through and checked by the alternatives' ``(?<=\\d)``.
    """
    out, start = [], None
    for i in range(0x10000):
        dec = chr(i).isdecimal()
        if dec and start is None:
            start = i
        elif not dec and start is not None:
            out.append(f"\\u{start:04x}-\\u{i - 1:04x}")
            start = None
    return "".join(out) + "\\U00010000-\\U0010ffff"


def _combined(quotes: bool, max_quote: int) -> re.Pattern[str]:
    shapes = list(_SHAPES)
    if quotes:  # the whole quotation; the segmenter keeps only its content whole
        shapes.insert(1, (f"[{_OPEN_QUOTES}]", rf"[^“”「」\n]{{1,{max_quote}}}[”」]"))
    shapes += _formula_shapes()
    first = r"[《“「〔\[【（(" + _digit_class() + _CN_DIGIT + "十两]"
    alts = "|".join(f"(?<={cls}){rest}" for cls, rest in shapes)
    return re.compile(f"((?P<n>{first})(?:{alts}))")


class ProtectedFinder:
    """Find protected spans in a text.

    Parameters
    ----------
    terms : iterable of str
        Extra terms to protect (formulas, lexicon items), matched with Aho-Corasick.
    quotes : bool
        Protect the content of short quotations (“…”, up to ``max_quote`` characters).
    max_quote : int
        Longest quotation content kept whole.

    Examples
    --------
    >>> f = ProtectedFinder(["八荣八耻"])
    >>> [text for _, _, text in f.spans("以“1+X”为载体,践行八荣八耻,2010年3月15日")]
    ['1+X', '八荣八耻', '2010年3月15日']
    """

    def __init__(
        self, terms: Iterable[str] = (), *, quotes: bool = True, max_quote: int = 24
    ) -> None:
        self.terms = sorted({t for t in terms if t and len(t) >= 2})
        self.quotes = quotes
        self.max_quote = max_quote
        self._rx: re.Pattern[str] | None = None
        self._ac = None

    def __getstate__(self) -> dict:
        return {
            "terms": self.terms,
            "quotes": self.quotes,
            "max_quote": self.max_quote,
            "_rx": None,
            "_ac": None,
        }

    def _build(self) -> None:
        self._rx = _combined(self.quotes, self.max_quote)
        if self.terms:
            import ahocorasick

            ac = ahocorasick.Automaton()
            for t in self.terms:
                ac.add_word(t, len(t))
            ac.make_automaton()
            self._ac = ac

    def add(self, terms: Iterable[str]) -> None:
        """Protect more terms."""
        self.terms = sorted(set(self.terms) | {t for t in terms if t and len(t) >= 2})
        self._rx = None
        self._ac = None

    @property
    def has_terms(self) -> bool:
        """Whether extra terms are protected (the Aho-Corasick pass is needed)."""
        return bool(self.terms)

    @property
    def stride(self) -> int:
        """Items per match in :meth:`split`'s list (the gap, then each group)."""
        if self._rx is None:
            self._build()
        return self._rx.groups + 1

    def split(self, text: str) -> list[str | None]:
        """``re.split`` with the combined pattern, without ``terms``.

        Item ``k * stride`` is the k-th gap, item ``k * stride + 1`` the k-th
        raw match: quotations still carry their marks and document numbers
        lack the issuer prefix (see :meth:`spans` for finished spans).
        """
        if self._rx is None:
            self._build()
        return self._rx.split(text)

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping protected spans ``(start, end, text)``, longest first at ties.

        A document number takes up to 8 Chinese characters before it as its
        issuer (鄂卫党〔2010〕7号), never reaching into the span before it.
        """
        if self._rx is None:
            self._build()
        cands = [(*m.span(), True) for m in self._rx.finditer(text)]
        if self._ac is not None:  # regex candidates first at equal (start, length)
            cands += [(e - n + 1, e + 1, False) for e, n in self._ac.iter(text)]
            cands.sort(key=lambda c: (c[0], c[0] - c[1]))
        out: list[tuple[int, int, str]] = []
        last = 0
        for s, e, shape in cands:
            if s < last:
                continue
            c = text[s]
            if not shape:
                pass
            elif c in _OPEN_QUOTES:  # a quotation: its content only
                s, e = s + 1, e - 1
            elif c in _BRACKETS:  # 文号: extend over the issuer
                k = s
                while k > last and s - k < 8 and "\u4e00" <= text[k - 1] <= "\u9fff":
                    k -= 1
                s = k
            out.append((s, e, text[s:e]))
            last = e
        return out
