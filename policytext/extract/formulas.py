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
import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from .canonical import canonical_key
from .dates import cn_to_int

__all__ = [
    "Formula",
    "expected_counts",
    "find_expansion",
    "find_formulas",
    "parse_numbers",
    "quoted_spans",
]

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
    rf"|(?P<a1>{_CJK_NONNUM})、?(?P=n)(?:不(?P=a1)|{_CJK_NONNUM})"
    rf"(?:{_CJK_NONNUM}(?P=n){_CJK_NONNUM}|(?:、?(?P=n){_CJK_NONNUM}){{1,2}})?)"
)
#: what follows a quoted number that is a telephone service, not a formula
_PHONE_AFTER = re.compile(
    '[\u201d"\u2019\u300d\u300f]?\\s{0,2}(?:政务)?(?:服务)?'
    "(?:热线|急救|报警|电话|指挥|号码|求助|平台|双号|联动|等标志)"
)
#: characters no member of a parallel formula holds: ordinals, legal units, measures,
#: classifiers and linking words (二条第二款规定, 五米至五米, 两种或两种, 三星三个)
_NOT_MEMBER = re.compile("[第条款项章节米种或至各等个级轮倍年月日次名位元万亿所的]")
#: a Han character right after a parallel match, and the rest of a short clause (1-3)
_CJK_AFTER = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE_TAIL = re.compile(r"[\u4e00-\u9fff]{1,3}?(?![\u4e00-\u9fff])|[\u4e00-\u9fff]{1,3}?(?=的)")
#: 一问二听三改 (ascending numerals, one or two characters each)
_SEQ = re.compile(
    rf"一(?!是|要|个|次|年|批|般|定|些|直|起|样|切|律|致){_CJK_NONNUM}{{1,2}}?二{_CJK_NONNUM}{{1,2}}?三{_CJK_NONNUM}{{1,2}}?(?:四{_CJK_NONNUM}{{1,2}}?)?(?=[^\u4e00-\u9fff]|[的和与活动])"
)
_NUMRUN = re.compile(rf"[{NUMERALS}双〇零]+|\d+")
#: 十一五, 十四五 (a five-year plan) before 规划/时期…, also unquoted
_PLAN = re.compile(r"十[一二三四五六七八九]五(?=规划|计划|时期|期间|末|开局|以来)")
#: a quoted name ending in numeral + noun/verb: 门前三包, 清三河, 新三样 (not 第三…, 星期六…, 一)
_INNER_NUM = re.compile(
    rf"^[\u4e00-\u9fff]{{0,2}}(?<![第期周])[二三四五六七八九十两双]"
    rf"(?![角板层期楼号国届年月日天次个]){_CJK_NONNUM}$"
)
#: unquoted mixed numerals 三改一拆, 一案三制, 两会一听 (cue before or after required)
_MIXED = re.compile(
    rf"(?:(?<=开展|推行|落实|坚持|实行|践行|深化|推进|实施|推广|健全|完善|抓好|做好|深入|全面|强化)"
    rf"[{NUMERALS[:10]}双]{_CJK_NONNUM}[{NUMERALS[:10]}双]{_CJK_NONNUM}"
    rf"|[{NUMERALS[:10]}双]{_CJK_NONNUM}[{NUMERALS[:10]}双]{_CJK_NONNUM}"
    rf"(?=工作|活动|制度|机制|要求|工程|模式|原则|体系|学习教育|专题教育|建设|改革|行动|方针))"
)
_ORDINALS = "一二三四五六七八九十"
_SPACES = re.compile(r"(?<=[\u4e00-\u9fff\d])\s+(?=[\u4e00-\u9fff\d])")
_SENT_END = re.compile(r"[。；;！？!?]")


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
        v = cn_to_int(m.group().replace("双", "两"))  # 一岗双责: 双 counts as two
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
    fm = tables["formulas"]
    if mark != "《" and s[:1] not in prefixes and _INNER_NUM.match(s):
        return s not in fm.get("idioms", ()) and not _in_place_name(s)  # 门前三包, 清三河
    if not s or s[0] not in prefixes or not re.fullmatch(r"[\u4e00-\u9fff、，,]+", s):
        return False
    if s.startswith(tuple(fm.get("not_counts", ()))):
        return False  # 百姓放心医院, 千方百计, 十分重视
    if re.fullmatch(rf"[{NUMERALS}〇零]+", s):  # 十四五, 八五, 十百千 — but 七一, 五四 are holidays
        return s not in fm.get("holidays", ())
    if s[0] == "一" and not re.search(rf"[{NUMERALS}双]", s[1:]):
        return False  # 一把手, 一站式, 一网通办: a leading 一 alone is no count
    if mark == "《":
        return len(s) <= 3
    if len(s) > 8:
        return False
    if _SAME.fullmatch(s) or _SEQ.fullmatch(s):
        return True
    if re.fullmatch(rf"[{NUMERALS}]+[年月日天周岁次届倍]", s):
        return False  # “五年”, “三天”: a span of time or a count, not a name
    if len(s) <= 3:  # 四风, 双拥, 两纲, 两手抓
        return True
    # numeral + classifier/noun: 四个建立, 六项改革, 五好医院, 两会一听
    num = re.match(rf"[{NUMERALS}双]+", s)
    rest = s[num.end() :] if num else s
    return (
        bool(rest) and len(rest) <= 6 and not rest.startswith(("是", "年", "月", "日", "次", "届"))
    )


#: Counters that make a numeral a date, a session or an ordinal, never a formula.
_COUNTERS = frozenset("年月日号时点分秒届次期")
_NUMBER_CHARS = frozenset(NUMERALS) | frozenset("〇○零0123456789")


def _is_date_or_ordinal(text: str, start: int, s: str) -> bool:
    """Whether a numeral pattern is part of a date or session number, not a formula.

    It is when the character before it is a numeral (the pattern is the tail of a
    longer number: 二○一二年二月, 十七届七次) or a numeral in it is followed by a
    counter such as 年, 月, 届, 次.

    Examples
    --------
    >>> _is_date_or_ordinal("二○一二年二月", 4, "二年二月")
    True
    >>> _is_date_or_ordinal("坚持八荣八耻", 2, "八荣八耻")
    False
    """
    if start > 0 and text[start - 1] in _NUMBER_CHARS:
        return True
    return any(a in _NUMBER_CHARS and b in _COUNTERS for a, b in itertools.pairwise(s))


def _in_place_name(s: str) -> bool:
    """Whether a province's or city's short name covers a numeral of ``s`` (健康三亚, 电动四川).

    County names are left out: too many are also formula words (三河 in 清三河).
    """
    from .gazetteer import load_gazetteer

    for m in load_gazetteer().iter_alias_words(s):
        if re.search(rf"[{NUMERALS}两]", m.text) and any(
            d.level in ("province", "city") for d in m.candidates
        ):
            return True
    return False


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
        content = _SPACES.sub("", content.strip())  # “四 上”: a stray space inside
        if _DIGITS.match(content) and _PHONE_AFTER.match(text, e):
            continue  # “120”急救, “12345”热线, “110”指挥中心: a service number
        if is_formula_shaped(content, mark=mark):
            found[(s, e)] = Formula(content, s, e, "quoted")
            covered.add(s, e)
    idioms = set(tables["formulas"].get("idioms", []))
    for rx, rule in ((_SAME, "parallel"), (_SEQ, "sequence")):
        for m in rx.finditer(text):
            if m.group() in idioms or covered.overlaps(m.start(), m.end()):
                continue
            if _is_date_or_ordinal(text, m.start(), m.group()):
                continue  # 二○一二年二月 → 二年二月, 十七届七次全会 → 七届七次
            if rule == "parallel" and _NOT_MEMBER.search(m.group()):
                continue  # 第二条第二款, 五米至五米, 两种或两种: citations and measures
            end = m.end()
            if rule == "parallel" and m.group("a2") and _CJK_AFTER.match(text, end):
                # two-character members must end the clause: 两手抓、两手都要硬 runs on past
                # 两手都 — take the rest of a short clause, else it is not a formula
                tail = _CLAUSE_TAIL.match(text, end)
                if tail is None:
                    continue
                end = tail.end()
                if covered.overlaps(m.start(), end):
                    continue
            found[(m.start(), end)] = Formula(text[m.start() : end], m.start(), end, rule)
            covered.add(m.start(), end)
    for rx, rule in ((_PLAN, "plan"), (_MIXED, "mixed")):
        for m in rx.finditer(text):
            st, en = m.span()
            if m.group() in idioms or covered.overlaps(st, en):
                continue
            if rule == "mixed" and (
                re.search(r"[年月日天次个人时岁届期层楼号批轮名位家户类级的比]", m.group())
                or m.group()[0] == m.group()[2]
            ):
                continue
            found[(st, en)] = Formula(m.group(), st, en, rule)
            covered.add(st, en)
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
        for k, f in enumerate(out):
            if tried.get(f.key, 0) < 3:  # a few attempts per key keep adversarial texts linear
                stop = out[k + 1].start if k + 1 < len(out) else None
                f.expansion = find_expansion(text, f, stop=stop)
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


def expected_counts(f: Formula) -> set[int]:
    """How many items an expansion of ``f`` may have.

    A digit string has one item per number (“5544” → 4, “1、3、5” → 3); a Chinese
    formula has its first number (四查四看 → 4, 五个一批 → 5) or the sum of its
    numbers (一案三制 → 4, 两会一听 → 3, 三严三实 → 6). “1+X”-style formulas have
    no fixed count.

    Examples
    --------
    >>> sorted(expected_counts(Formula("一案三制", 0, 4, "quoted")))
    [1, 4]
    >>> expected_counts(Formula("1+X", 0, 3, "quoted"))
    set()
    """
    if not f.numbers or re.search(r"[A-Za-z]", f.text):
        return set()
    if re.match(r"\d", f.text):
        return {len(f.numbers)}
    return {f.numbers[0], sum(f.numbers)}


def _cut_list(seq: str, counts: set[int]) -> list[str]:
    """Split an enumeration ``A、B、C，…`` into exactly one of ``counts`` items, or []."""
    first = re.split(r"[，,]", seq.split("、")[-1], maxsplit=1)[0]
    head = seq[: len(seq) - len(seq.split("、")[-1])] + first if "、" in seq else seq
    for cand in (_split_items(head), _split_items(re.sub(r"[，,]", "、", seq))):
        if len(cand) in counts and all(len(c) <= 40 for c in cand):
            return cand
    return []


def _ordinal_list(s: str) -> list[str]:
    """First clauses of a consecutive ``一是…二是…三是…`` enumeration starting at ``s[0]``."""
    items: list[str] = []
    pos = 0
    for k, num in enumerate(_ORDINALS):
        marker = num + "是"
        j = s.find(marker, pos)
        if j < 0 or (k == 0 and j != 0):
            break
        items.append(j)
        pos = j + 2
    out = []
    for k, j in enumerate(items):
        end = items[k + 1] if k + 1 < len(items) else len(s)
        out.append(re.split(r"[，,；;。：:]", s[j + 2 : end], maxsplit=1)[0].strip())
    return out


def find_expansion(
    text: str, f: Formula, *, window: int = 600, stop: int | None = None
) -> list[str]:
    """The items the text gives for formula ``f`` (empty when it gives none).

    The items must be *adjacent* to the formula, in the same paragraph, and
    their number must be one of :func:`expected_counts`. Forms recognised:
    a parenthesis right after the formula ``（即：A、B…）``; ``即“A、B、C”`` /
    ``即：A、B、C`` in the same or the next sentence; for digit formulas a list
    of quoted items in the same sentence; for parallel formulas (四查四看)
    clauses starting with the repeated verb (查找A, 查找B…) from the next
    sentence on; a ``一是…二是…`` enumeration that starts in the same or the
    next sentence. ``stop`` (the start of the next formula) bounds where the
    parenthesis, ``即`` or ``一是`` may start: an enumeration belongs to the
    nearest formula before it.

    Examples
    --------
    >>> t = "推广“两会一听”。即“座谈会、院坝会、病房听音”。"
    >>> find_expansion(t, find_formulas(t, with_expansion=False)[0])
    ['座谈会', '院坝会', '病房听音']
    >>> t = "做到“两个维护”。\\n（一）学习教育。一是原原本本学；二是集中研讨学。"
    >>> find_expansion(t, find_formulas(t, with_expansion=False)[0])
    []
    """
    counts = expected_counts(f)
    if not counts or max(counts) < 2:
        return []
    after = f.end + (1 if f.end < len(text) and text[f.end] in '”」》"' else 0)
    tail = text[after : after + window].split("\n", 1)[0]  # same paragraph only
    limit = len(tail) if stop is None else max(0, min(len(tail), stop - after))
    m = re.match(r"[^，。；,;（(“”]{0,6}?[（(]", tail)
    if m and m.end() <= limit + 1:  # parenthesis
        close = _balanced(text, after + m.end() - 1)
        if close:
            inner = text[after + m.end() : close - 1]
            inner = re.sub(r"^\s*即\s*[:：]?\s*", "", inner)
            items = _split_items(inner)
            if len(items) in counts:
                return items
    m = re.match(
        r"[^，。；,;“”]{0,8}?[。，,:：]?\s*即\s*[:：]?\s*(?:“([^”]{2,160})”|([^。；;\n]{2,200}))",
        tail,
    )
    if m and m.start(1 if m.group(1) else 2) <= limit + 2:
        items = _cut_list(m.group(1) or m.group(2), counts)
        if items:
            return items
    if f.rule == "quoted" and _DIGITS.match(f.text):
        sentence = re.split(r"[。；;\n]", tail, maxsplit=1)[0]
        qs = [c for _, _, c, mark in quoted_spans(sentence) if mark != "《"]
        if len(qs) in counts:
            return qs
    # the rest must start in the formula's own sentence or right at the next one
    ends = [m.end() for m in itertools.islice(_SENT_END.finditer(tail), 2)]
    own_end = ends[0] if ends else len(tail)
    next_end = ends[1] if len(ends) > 1 else len(tail)
    if _SAME.fullmatch(f.text) and f.numbers:
        verb = f.text[len(re.match(rf"[{NUMERALS}]+", f.text).group()) :][:1]  # 四查四看 → 查
        items, pos, first_at = [], 0, None
        for p in re.split(r"([，,；;。：:])", tail):
            c = re.sub(r"^[一二三四五六七八九十]是", "", p.strip())
            if c.startswith(verb) and 3 <= len(c) <= 30:
                items.append(c)
                first_at = pos if first_at is None else first_at
            pos += len(p)
        n = f.numbers[0]
        if first_at is not None and first_at < min(next_end, limit) and len(items) >= n:
            return items[:n]
    j = tail.find("一是", 0, own_end + 3)  # own sentence, or the start of the next
    if 0 <= j < limit:
        items = _ordinal_list(tail[j:])
        if len(items) in counts:
            return items
    return []
