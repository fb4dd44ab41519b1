"""Numbered formulas (提法): “12345”, 三个代表, 八荣八耻, 一问二听三改, “5544”, 《两纲》.

A formula is a short name built on numbers that a text treats as a *named* thing.
Plain counts (33个医疗卫生机构, 三个月时间, 五个阶段, 十七大) are not formulas, so
every rule needs a sign of naming:

* quoted (“…”, 「…」) or in book-title marks (《…》) and formula-shaped: a digit
  string (“12345”, “1、3、5”, “1+X”), or a numeral-initial short phrase
  (“四个建立”, “两会一听”, “四风”, “双拥”);
* a *parallel* numeral pattern, quoted or not (八荣八耻, 四查四看, 十要十不要,
  两不误、两促进, 五拼五比晒五榜, 一问二听三改);
* a numeral + classifier phrase followed by a cue (“重要思想”, “战略布局”…);
* an entry of the lexicon of well-known national formulas (data file
  ``slogan_patterns.toml``).

:func:`parse_numbers` reads the numbers and :func:`find_expansion` the items the
text spells out (``即…``, a parenthesis, a following list of quoted items whose
count matches, or clauses repeating the formula's verbs, as 查找… for 四查四看).

Examples
--------
>>> [f.text for f in find_formulas("以“5544”为载体,开展“四查四看”活动,切实做好两不误、两促进。")]
['5544', '四查四看', '两不误、两促进']
>>> parse_numbers("一问二听三改")
[1, 2, 3]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from .canonical import canonical_key

__all__ = ["Formula", "find_expansion", "find_formulas", "parse_numbers", "quoted_spans"]

NUMERALS = "一二三四五六七八九十两百千"
_CN = {
    "一": 1,
    "二": 2,
    "两": 2,
    "双": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN.update({"〇": 0, "零": 0})

#: quoted spans: “…”, 「…」, ‘…’ and 《…》 (no nesting of the same kind, bounded length)
_QUOTE = re.compile(
    r"“([^“”\n]{1,80})”|「([^「」\n]{1,80})」|《([^《》\n]{1,80})》|\"([^\"\n]{1,80})\""
)

_DIGITS = re.compile(r"^(?:\d{2,6}|\d{1,2}(?:[、,，+＋]\s*(?:\d{1,2}|[A-Za-z]))+)$")
_CJK_NONNUM = rf"(?:(?![{NUMERALS}双])[\u4e00-\u9fff])"
#: 八荣八耻, 四查四看, 十要十不要, 两不误、两促进, 五拼五比晒五榜 (same numeral repeated, not 一)
_SAME = re.compile(
    rf"(?P<n>[二三四五六七八九十两])(?:(?P<a2>{_CJK_NONNUM}{{2}})、?(?P=n)(?:不(?P=a2)|{_CJK_NONNUM}{{2}})"
    rf"|(?P<a1>{_CJK_NONNUM})、?(?P=n)(?:不(?P=a1)|{_CJK_NONNUM})(?:{_CJK_NONNUM}(?P=n){_CJK_NONNUM})?)"
)
#: 一问二听三改 (ascending numerals, one or two characters each)
_SEQ = re.compile(
    rf"一(?!是|要|个|次|年|批|般|定|些|直|起|样|切|律|致){_CJK_NONNUM}{{1,2}}?二{_CJK_NONNUM}{{1,2}}?三{_CJK_NONNUM}{{1,2}}?(?:四{_CJK_NONNUM}{{1,2}}?)?(?=[^\u4e00-\u9fff]|[的和与活动])"
)
_NUMRUN = re.compile(rf"[{NUMERALS}双〇零]+|\d+")


@dataclass
class Formula:
    """One formula occurrence.

    Attributes
    ----------
    text, key : str
        As written and canonical (see :func:`~policytext.extract.canonical.canonical_key`).
    start, end : int
        Offsets of ``text`` in the document.
    numbers : list of int
        The numbers it is built on.
    expansion : list of str
        Its items when the text spells them out.
    rule : str
        Which rule found it (``quoted``, ``parallel``, ``sequence``, ``cue``, ``lexicon``).
    """

    text: str
    start: int
    end: int
    rule: str
    key: str = ""
    numbers: list[int] = field(default_factory=list)
    expansion: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.key:
            self.key = canonical_key(self.text)
        if not self.numbers:
            self.numbers = list(_numbers_cached(self.text))


@functools.lru_cache(maxsize=8)
def _tables(extra: str | None = None) -> dict[str, Any]:
    from .slogans import load_patterns

    return load_patterns(extra)


def _cn_value(run: str) -> int | None:
    """Value of a run of Chinese numerals (十二 → 12, 二十 → 20, 两 → 2)."""
    if run.isdigit():
        return int(run)
    total, cur = 0, 0
    for ch in run:
        if ch in _CN:
            cur = _CN[ch]
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        elif ch == "百":
            total += (cur or 1) * 100
            cur = 0
        elif ch == "千":
            total += (cur or 1) * 1000
            cur = 0
        else:
            return None
    return total + cur


@functools.lru_cache(maxsize=65536)
def _numbers_cached(text: str) -> tuple[int, ...]:
    return tuple(parse_numbers(text))


def parse_numbers(text: str) -> list[int]:
    """The numbers a formula is built on.

    Digit strings give one number per digit unless separated (“1、3、5”);
    Chinese numerals give one number per numeral run.

    Examples
    --------
    >>> parse_numbers("12345"), parse_numbers("1、3、5"), parse_numbers("5544")
    ([1, 2, 3, 4, 5], [1, 3, 5], [5, 5, 4, 4])
    >>> parse_numbers("三个代表"), parse_numbers("十要十不要"), parse_numbers("1+X")
    ([3], [10, 10], [1])
    """
    t = text.strip()
    if re.fullmatch(r"\d+", t):
        return [int(c) for c in t]
    if re.fullmatch(r"[\d、,，+＋A-Za-z\s]+", t):
        return [int(x) for x in re.findall(r"\d+", t)]
    out = []
    for m in _NUMRUN.finditer(t):
        v = _cn_value(m.group())
        if v is not None:
            out.append(v)
    return out


def quoted_spans(text: str) -> list[tuple[int, int, str, str]]:
    """Quoted spans as ``(start, end, content, mark)`` where start/end cover the content.

    Examples
    --------
    >>> quoted_spans("开展“双拥”共建,落实《两纲》")
    [(3, 5, '双拥', '“'), (12, 14, '两纲', '《')]
    """
    out = []
    for m in _QUOTE.finditer(text):
        for g, mark in ((1, "“"), (2, "「"), (3, "《"), (4, '"')):
            if m.group(g) is not None:
                out.append((m.start(g), m.end(g), m.group(g), mark))
                break
    return out


def is_formula_shaped(content: str, *, mark: str = "“") -> bool:
    """Whether a quoted span looks like a named formula.

    Examples
    --------
    >>> [is_formula_shaped(x) for x in ["12345", "1+X", "四个建立", "四风", "双拥", "十佳优质文明诚信服务窗口", "把脉"]]
    [True, True, True, True, True, False, False]
    """
    s = content.strip()
    if _DIGITS.match(s):
        return not re.fullmatch(r"(?:19|20)\d\d", s)  # a bare year is not a formula
    tables = _tables()
    prefixes = NUMERALS + "".join(tables["formulas"].get("prefixes", []))
    if not s or s[0] not in prefixes or not re.fullmatch(r"[\u4e00-\u9fff、，,]+", s):
        return False
    if mark == "《":
        return len(s) <= 3
    if len(s) > 8:
        return False
    if _SAME.fullmatch(s) or _SEQ.fullmatch(s):
        return True
    if len(s) <= 3:  # 四风, 双拥, 两纲, 两手抓
        return True
    # numeral + classifier/noun: 四个建立, 六项改革, 五好医院, 两会一听
    num = re.match(rf"[{NUMERALS}双]+", s)
    rest = s[num.end() :] if num else s
    return (
        bool(rest) and len(rest) <= 6 and not rest.startswith(("是", "年", "月", "日", "次", "届"))
    )


def find_formulas(text: str, *, with_expansion: bool = True) -> list[Formula]:
    """All formula occurrences in ``text``, in document order.

    Parameters
    ----------
    text : str
        Normalized (Simplified) text.
    with_expansion : bool
        Also look for each formula's expansion (first occurrence per key).

    Returns
    -------
    list of Formula

    Examples
    --------
    >>> [f.text for f in find_formulas("以“三个代表”重要思想为指导,用三个月时间,全系统有33个医疗卫生机构")]
    ['三个代表']
    """
    tables = _tables()
    found: dict[tuple[int, int], Formula] = {}
    covered = _Intervals()
    for s, e, content, mark in quoted_spans(text):
        if is_formula_shaped(content, mark=mark):
            found[(s, e)] = Formula(content.strip(), s, e, "quoted")
            covered.add(s, e)
    idioms = set(tables["formulas"].get("idioms", []))
    for rx, rule in ((_SAME, "parallel"), (_SEQ, "sequence")):
        for m in rx.finditer(text):
            if m.group() in idioms or covered.overlaps(m.start(), m.end()):
                continue
            found[(m.start(), m.end())] = Formula(m.group(), m.start(), m.end(), rule)
            covered.add(m.start(), m.end())
    cues = tables["formulas"].get("cue_after", [])
    if cues:
        rx = re.compile(
            rf"[{NUMERALS}]个[\u4e00-\u9fff]{{2,4}}?(?=(?:{'|'.join(map(re.escape, cues))}))"
        )
        for m in rx.finditer(text):
            if not covered.overlaps(m.start(), m.end()):
                found[(m.start(), m.end())] = Formula(m.group(), m.start(), m.end(), "cue")
                covered.add(m.start(), m.end())
    lex = _lexicon_automaton(tuple(tables["formulas"].get("lexicon", [])))
    if lex is not None:
        for end_idx, word in lex.iter(text):
            st, en = end_idx - len(word) + 1, end_idx + 1
            if not covered.overlaps(st, en):
                found[(st, en)] = Formula(word, st, en, "lexicon")
                covered.add(st, en)
    out = sorted(found.values(), key=lambda f: f.start)
    if with_expansion:
        tried: dict[str, int] = {}
        for f in out:
            if tried.get(f.key, 0) < 3:  # a few attempts per key keep adversarial texts linear
                f.expansion = find_expansion(text, f)
                tried[f.key] = 99 if f.expansion else tried.get(f.key, 0) + 1
    return out


class _Intervals:
    """Sorted disjoint intervals with O(log n) overlap queries."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, s: int, e: int) -> bool:
        import bisect

        i = bisect.bisect_right(self.starts, s)
        if i and self.ends[i - 1] > s:
            return True
        return i < len(self.starts) and self.starts[i] < e

    def add(self, s: int, e: int) -> None:
        import bisect

        if not self.starts or s >= self.starts[-1]:
            self.starts.append(s)
            self.ends.append(e)
            return
        i = bisect.bisect_right(self.starts, s)
        self.starts.insert(i, s)
        self.ends.insert(i, e)


@functools.lru_cache(maxsize=8)
def _lexicon_automaton(words: tuple[str, ...]):
    if not words:
        return None
    import ahocorasick

    a = ahocorasick.Automaton()
    for w in words:
        a.add_word(w, w)
    a.make_automaton()
    return a


def _split_items(s: str) -> list[str]:
    """Split an enumeration on 、 ； ; at bracket depth 0."""
    items, depth, cur = [], 0, []
    for ch in s:
        if ch in "(（[【〔":
            depth += 1
        elif ch in ")）]】〕":
            depth = max(0, depth - 1)
        if depth == 0 and ch in "、；;":
            items.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    items.append("".join(cur))
    return [x.strip(" “”\"'：:。") for x in items if x.strip(" “”\"'：:。")]


def _balanced(text: str, i: int, limit: int = 400) -> int | None:
    """Index just past the bracket closing the one at ``text[i]``."""
    depth = 0
    for j in range(i, min(len(text), i + limit)):
        if text[j] in "(（":
            depth += 1
        elif text[j] in ")）":
            depth -= 1
            if depth == 0:
                return j + 1
    return None


def find_expansion(text: str, f: Formula, *, window: int = 600) -> list[str]:
    """The items the text gives for formula ``f`` (empty when it gives none).

    Forms recognised, right after the formula: a parenthesis ``（即：A、B…）``;
    ``即“A、B、C”`` / ``即：A、B、C``; a list of quoted items in the same sentence
    whose count matches the formula's numbers; for parallel formulas
    (四查四看) clauses starting with the repeated verb (查找A, 查找B…).

    Examples
    --------
    >>> t = "推广“两会一听”。即“座谈会、院坝会、病房听音”。"
    >>> find_expansion(t, find_formulas(t, with_expansion=False)[0])
    ['座谈会', '院坝会', '病房听音']
    """
    after = f.end + (1 if f.end < len(text) and text[f.end] in '”」》"' else 0)
    tail = text[after : after + window]
    m = re.match(r"[^，。；,;（(]{0,6}?[（(]", tail)
    if m:  # parenthesis
        close = _balanced(text, after + m.end() - 1)
        if close:
            inner = text[after + m.end() : close - 1]
            inner = re.sub(r"^\s*即\s*[:：]?\s*", "", inner)
            items = _split_items(inner)
            if len(items) >= 2:
                return items
    m = re.match(
        r"[^，。；,;]{0,8}?[。，,:：]?\s*即\s*[:：]?\s*(?:“([^”]{2,120})”|([^。；;\n]{2,120}))",
        tail,
    )
    if m:
        items = _split_items(m.group(1) or m.group(2))
        if len(items) >= 2:
            return items
    n = len(f.numbers)
    if f.rule == "quoted" and n >= 2 and _DIGITS.match(f.text):
        sentence = re.split(r"[。；;\n]", tail, maxsplit=1)[0]
        qs = [c for _, _, c, mark in quoted_spans(sentence) if mark != "《"]
        if len(qs) == n:
            return qs
    if _SAME.fullmatch(f.text) and f.numbers:
        verb = f.text[len(re.match(rf"[{NUMERALS}]+", f.text).group()) :][:1]  # 四查四看 → 查
        clauses = re.split(r"[，,；;。：:\n]", tail)
        clauses = [re.sub(r"^[一二三四五六七八九十]是", "", c.strip()) for c in clauses]
        items = [c for c in clauses if c.startswith(verb) and 3 <= len(c) <= 30]
        if len(items) >= f.numbers[0]:
            return items[: f.numbers[0]]
    if n == 1 and f.numbers[0] >= 2:  # 一是…二是… right after: first clause of each
        m = re.search(r"一是", tail[:80])
        if m:
            parts = re.split(r"[一二三四五六七八九十]是", tail[m.start() : m.start() + window])[1:]
            items = [re.split(r"[，,；;。：:]", p)[0].strip() for p in parts]
            if len(items) >= f.numbers[0]:
                return items[: f.numbers[0]]
    return []
