"""Protected spans: what the segmenter must never split.

Formulas (“12345”, 1+X, 1、3、5, 十四五, 八荣八耻), quoted slogans, 《document
titles》, document numbers (鄂卫党〔2010〕7号), dates and numbers are found with
regular expressions and an Aho-Corasick automaton of protected terms; the
segmenter cuts only the gaps between them and emits each span whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["ProtectedFinder"]

_CN_NUM = "零〇一二三四五六七八九十两百千万亿"
_PARTS = [
    # 《document titles》 (whole, marks included)
    r"《[^《》\n]{1,100}》",
    # document numbers: 鄂卫党〔2010〕7号, [2010]7号
    r"[〔\[【（(](?:19|20)\d\d[〕\]】）)]\s*第?\d{1,5}号",  # issuer prefix added in spans()
    # dates: 2010年3月15日, 二〇一〇年三月十五日, 2022-03-12
    r"(?:\d{4}|[〇零一二三四五六七八九]{4})年(?:[\d一二三四五六七八九十]{1,3}月(?:[\d一二三四五六七八九十]{1,3}[日号])?)?",
    r"\d{1,2}月\d{1,2}[日号]",
    r"(?:19|20)\d\d[-./]\d{1,2}[-./]\d{1,2}",
    # Chinese five-year plans and similar: 十四五, 十三五
    r"十[一二三四五六七八九]五(?=规划|时期|期间|末|以来|[^\u4e00-\u9fff]|$)",
    # numbers with digits, Latin letters, + or 、 inside: 12345, 1+X, 1、3、5, 3.5%, 5G
    r"\d+(?:[、+＋]\s?(?:\d+|[A-Za-z]+))+",
    r"\d+(?:[.,]\d+)*%?",
]


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
        self._rx: list[re.Pattern[str]] | None = None
        self._qrx: re.Pattern[str] | None = None
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
        from ..extract.formulas import _SAME, _SEQ

        # one regex per shape: each starts with a literal or a character class, which
        # the regex engine scans for quickly
        parts = [*_PARTS, _SAME.pattern, _SEQ.pattern]
        self._rx = [re.compile(p) for p in parts]
        self._qrx = (
            re.compile(rf"[“「]([^“”「」\n]{{1,{self.max_quote}}})[”」]") if self.quotes else None
        )
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

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping protected spans ``(start, end, text)``, longest first at ties."""
        if self._rx is None:
            self._build()
        cands = [
            (m.start(), m.end())
            for rx in self._rx
            for m in rx.finditer(text)
            if m.end() > m.start()
        ]
        for i, (st, en) in enumerate(
            cands
        ):  # 文号: extend over the issuer's abbreviation (鄂卫党〔2010〕7号)
            if text[st] in "〔[【（(" and text[en - 1] == "号":
                k = st
                while k > 0 and st - k < 8 and "\u4e00" <= text[k - 1] <= "\u9fff":
                    k -= 1
                cands[i] = (k, en)
        if self._qrx is not None:
            cands += [m.span(1) for m in self._qrx.finditer(text)]
        if self._ac is not None:
            cands += [(e - n + 1, e + 1) for e, n in self._ac.iter(text)]
        cands.sort(key=lambda se: (se[0], -(se[1] - se[0])))
        out: list[tuple[int, int, str]] = []
        last = 0
        for s, e in cands:
            if s >= last:
                out.append((s, e, text[s:e]))
                last = e
        return out
