"""Campaign phases (阶段): headed phases, inline enumerations, spans.

Two shapes are read:

* headed phases at the start of a line: ``第一阶段:宣传发动阶段(2月~3月底)``
  – the source's own ordinal is kept, a wrong one gets a ``note``;
* inline enumerations: ``整个活动分为思想发动、学习讨论……五个阶段`` – the
  declared count is checked against the list.

``set`` is the campaign the phases belong to (``…活动``) when the sentence, the
paragraph before it or the title names it; ``start``/``end`` are as written,
or ISO (``2010-02``) when the year is known.

Examples
--------
>>> [p["name"] for p in find_phases("整个活动分为思想发动、学习讨论、总结表彰三个阶段。")]
['思想发动', '学习讨论', '总结表彰']
>>> find_phases("(1)提高认识。(2)加强领导。")
[]
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from . import register
from .dates import cn_to_int
from .outline import label_number, label_regex

if TYPE_CHECKING:
    from ..document import Document

__all__ = ["ENUM_VERBS", "extract_phases", "find_phases", "resolve_span"]

_N = "一二三四五六七八九十两"
#: Words that open an inline list of phases (``分为……N个阶段``).
ENUM_VERBS: tuple[str, ...] = (
    "划分为", "分为", "分成", "分", "包括", "经过", "经历", "落实好", "落实", "抓好", "做好", "即",
)  # fmt: skip
_HEADED_RE = re.compile(
    rf"(?m)^[ \t　|]{{0,4}}第(?P<ord>[{_N}\d]{{1,3}})阶段\s?(?:[:：、.．]\s?|\s|为)"
    rf"(?P<name>[^\n(（:：。，,]{{0,30}}?)\s?(?:[(（](?P<span>[^)）\n]{{1,30}})[)）])?\s*(?=$|[\n。，,；;])"
)
#: a phase under an outline label (the outline's own label forms):
#: ``（一）动员部署阶段（3月1日—3月15日）``, ``2.查摆整改阶段：3月16日至5月31日``; read
#: only when the document has no 第N阶段 headings and holds two or more such lines
_LABELED_RE = re.compile(
    rf"(?m)^[ \t　]{{0,4}}(?P<label>{label_regex()})\s?(?!在|从|于|对|各)"  # 在设计阶段: a preposition
    r"(?P<name>[^\n(（:：。，,；;“”]{2,14}?阶段)\s?"
    r"(?:[(（](?P<span>[^)）\n]{1,30})[)）]|[:：]\s?(?P<span2>[^\n。；;，,]{1,30}?)(?=[。；;，,\n]|$))?"
    r"\s*(?=$|[\n。，,；;])"
)
_INLINE_RE = re.compile(rf"(?P<n>[{_N}\d]{{1,2}})个(?:阶段|步骤)")
_INLINE_TAIL_RE = re.compile(r"个(?:阶段|步骤)")


def _is_num(ch: str) -> bool:
    return ch in _N or ch.isdecimal()  # what ``[{_N}\d]`` matches


def _inline_counts(text: str) -> list[tuple[int, str]]:
    """``(start, number)`` of every ``N个阶段``/``N个步骤``: the matches of ``_INLINE_RE``.

    Found from the literal ``个阶段`` so that the text is not tried at every position.
    """
    out = []
    for m in _INLINE_TAIL_RE.finditer(text):
        i = m.start()
        k = 0
        while k < 2 and i - k - 1 >= 0 and _is_num(text[i - k - 1]):
            k += 1
        if k:
            out.append((i - k, text[i - k : i]))
    return out


_DECLARED_RE = re.compile(rf"分(?:为|成)?(?P<n>[{_N}\d]{{1,2}})个阶段")
_SET_RE = re.compile(r"(?:“[^”\n]{1,40}”)?[^\s，,。、；;：:“”《》()（）]{0,24}?活动")
_SPAN_RE = re.compile(
    r"(?:从|自)(?:今年|本年|\d{4}年)?(?P<s>\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月[上中下]旬)起?[^。；\n]{0,3}?(?:到|至|—|~|～|-)"
    r"(?:今年|本年|\d{4}年)?(?P<e>\d{1,2}月(?:\d{1,2}日|底|初|中旬|下旬|上旬)?)"
)
_DURATION_RE = re.compile(rf"用(?P<d>[{_N}\d半]{{1,3}}个?(?:月|周|年|天))(?:左右)?时间")
_SET_STRIP = re.compile(r"^.*(?:开展|关于|系统|全区|全市|全县|全省|的|在|按照|深入)")


def resolve_span(s: str | None, year: int | None) -> str | None:
    """``2月`` → ``2010-02``, ``3月20日`` → ``2010-03-20`` when the year is known; else as written.

    Examples
    --------
    >>> resolve_span("3月底", 2010), resolve_span("4月初", None)
    ('2010-03', '4月初')
    """
    if not s:
        return None
    s = s.strip()
    if year is None:
        return s
    m = re.fullmatch(r"(\d{1,2})月(?:(\d{1,2})日|底|初|中旬|下旬|上旬|[上中下]旬)?", s)
    if not m or not 1 <= int(m.group(1)) <= 12:
        return s
    out = f"{year:04d}-{int(m.group(1)):02d}"
    return out + (f"-{int(m.group(2)):02d}" if m.group(2) else "")


def _split_span(span: str | None) -> tuple[str | None, str | None]:
    if not span:
        return None, None
    parts = re.split(r"\s?(?:~|～|—|－|-|至|到)\s?", span, maxsplit=1)
    return (parts[0] or None, parts[1] if len(parts) > 1 else None)


def _campaign(text: str, title: str | None) -> str | None:
    """The last named 活动 in ``text`` (quoted names kept), or the title's."""
    best = None
    for m in _SET_RE.finditer(text):
        name = m.group(0)
        if name.startswith("“"):
            name = name.replace("“", "").replace("”", "")
        else:
            name = _SET_STRIP.sub("", name)
        if len(name) > 3 and not name.startswith(
            ("整个", "此次", "本次", "这次", "该", "学习活动")
        ):
            best = name
    if best is None and title:
        m = re.search(r"开展(.{2,30}?活动)", title)
        best = m.group(1) if m else None
    return best


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    s = max(text.rfind(c, 0, pos) for c in "。\n；;") + 1
    ends = [i for i in (text.find(c, pos) for c in "。\n") if i >= 0]
    return s, (min(ends) if ends else len(text))


def find_phases(
    text: str, *, title: str | None = None, year: int | None = None
) -> list[dict[str, Any]]:
    """Phases in document order: ``{"set", "ordinal", "name", "start", "end", "note"}``.

    Examples
    --------
    >>> p = find_phases("第一阶段:宣传发动阶段(2月~3月底)\\n各单位要……", year=2010)[0]
    >>> p["ordinal"], p["name"], p["start"], p["end"]
    (1, '宣传发动阶段', '2010-02', '2010-03')
    >>> find_phases("区卫生局第一阶段工作总结")
    []
    """
    out: list[tuple[int, dict[str, Any]]] = []
    headed = list(_HEADED_RE.finditer(text))
    if not headed:
        labeled = list(_LABELED_RE.finditer(text))
        if len(labeled) >= 2:
            headed = labeled
    if headed:
        first = headed[0].start()
        ctx = text[max(0, first - 300) : first]
        dm = list(_DECLARED_RE.finditer(ctx))
        declared = cn_to_int(dm[-1].group("n")) if dm else None
        cset = _campaign(ctx[-200:], title)
        prev = 0
        for i, m in enumerate(headed):
            labeled_form = "label" in m.re.groupindex
            raw_ord = m.group("label") if labeled_form else m.group("ord")
            ordinal = label_number(raw_ord) if labeled_form else cn_to_int(raw_ord)
            name = (m.group("name") or "").strip()
            if not name:
                continue
            span = m.group("span") or (m.group("span2") if labeled_form else None)
            s, e = _split_span(span)
            note = None
            if ordinal is not None and ordinal != i + 1:
                shown = raw_ord if labeled_form else f"第{raw_ord}阶段"
                note = f"the source numbers phase {i + 1} as {shown}"
            if ordinal is not None and ordinal == prev:
                note = (note + "; " if note else "") + f"repeats ordinal {ordinal}"
            prev = ordinal or prev
            out.append(
                (m.start(), {"set": cset, "ordinal": ordinal, "name": name,
                             "start": resolve_span(s, year), "end": resolve_span(e, year), "note": note})
            )  # fmt: skip
        if declared and declared != len(out) and out:
            out[-1][1]["note"] = (
                (out[-1][1]["note"] or "") + f"; declared {declared}, found {len(out)}"
            ).lstrip("; ")
    for m_start, m_num in _inline_counts(text):
        n = cn_to_int(m_num)
        s0, s1 = _sentence_bounds(text, m_start)
        s0 = max(s0, m_start - 300)  # a list of phases is short
        before = text[s0:m_start]
        verb_pos = -1
        for v in ENUM_VERBS:
            i = before.rfind(v)
            if i >= 0 and i + len(v) > verb_pos:
                verb_pos = i + len(v)
        if verb_pos < 0:
            continue
        listing = before[verb_pos:].strip()
        items = [x.strip() for x in re.split(r"[、，,和及]|以及", listing) if x.strip()]
        if len(items) < 2 or any(len(x) > 12 for x in items):
            continue
        note = None if n == len(items) else f"declared {n}, found {len(items)}"
        para_start = max(0, s0 - 400)
        cset = _campaign(text[s0:m_start], None) or _campaign(text[para_start:s0], title)
        span_m = _SPAN_RE.search(text, para_start, s1) or _SPAN_RE.search(text, s0, s1)
        dur = _DURATION_RE.search(text, s0, s1) or _DURATION_RE.search(text, max(0, s0 - 200), s0)
        for k, item in enumerate(items):
            ph = {
                "set": cset,
                "ordinal": k + 1,
                "name": item,
                "start": None,
                "end": None,
                "note": note,
            }
            if span_m and k == 0:
                ph["start"] = resolve_span(span_m.group("s"), year)
            if span_m and k == len(items) - 1:
                ph["end"] = resolve_span(span_m.group("e"), year)
            if dur and not span_m and k == 0:
                ph["note"] = ((note or "") + f"; duration {dur.group('d')}").lstrip("; ")
            out.append((m_start + k, ph))
    out.sort(key=lambda t: t[0])
    return [p for _, p in out]


@register("phases")
def extract_phases(doc: Document) -> dict[str, Any]:
    """Return the record's ``phases`` (uses ``title`` and ``date`` from ``metadata``)."""
    date = doc.fields.get("date")
    year = int(date[:4]) if date else None  # a year_hint is evidence, not a known year
    return {"phases": find_phases(doc.text or "", title=doc.fields.get("title"), year=year)}
