"""Outline: numbered headings, their levels, and the sections they open.

Heading forms are a table (:data:`HEADING_FORMS`); the level of a form is
relative to the document: the first form seen is level 1, the next new form
level 2, and so on (chapters stay above articles, ``一是…`` enumerations
below every other form). Headings may stand on their own line or be run in
after a sentence end (a whole notice on one line). Numbering gaps and repeats
are reported in ``note``, never fixed.

Examples
--------
>>> from policytext import Document
>>> doc = Document(id="d", raw="一、总体要求\\n以……为指导。\\n二、主要工作\\n(一)加强领导。\\n(二)营造氛围。")
>>> [(h["level"], h["label"], h["heading"]) for h in find_headings(doc.text)]
[(1, '一', '总体要求'), (1, '二', '主要工作'), (2, '一', '加强领导。'), (2, '二', '营造氛围。')]
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from . import register
from .dates import cn_to_int

if TYPE_CHECKING:
    from ..document import Document

__all__ = ["HEADING_FORMS", "extract_outline", "find_headings", "outline_tree", "sections"]

_N = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN_CIRCLED = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"

#: Heading forms: name → (regex with a ``num`` group, rank hint). Rank hints
#: only order forms that must keep a fixed order (chapter above article;
#: enumerations last); other forms take their order of first appearance.
HEADING_FORMS: dict[str, tuple[str, int]] = {
    "chapter": (rf"第(?P<num>[{_N}百零〇\d]{{1,4}})章", 0),
    "section": (rf"第(?P<num>[{_N}百零〇\d]{{1,4}})节", 1),
    "part": (rf"第(?P<num>[{_N}\d]{{1,3}})(?:部分|阶段)", 5),
    "article": (rf"第(?P<num>[{_N}百零〇\d]{{1,4}})条", 2),
    "cn_dun": (rf"(?P<num>[{_N}]{{1,3}})、", 5),
    "paren_cn": (rf"[(（]\s?(?P<num>[{_N}]{{1,3}})\s?[)）]", 5),
    "circ_cn": (rf"(?P<num>[{_PAREN_CIRCLED}])", 5),
    "arabic_dot": (r"(?P<num>\d{1,2})\s?[.．](?!\d)", 5),
    "arabic_dun": (r"(?P<num>\d{1,2})、", 5),
    "paren_ar": (r"[(（]\s?(?P<num>\d{1,2})\s?[)）]", 5),
    "circled": (rf"(?P<num>[{_CIRCLED}])", 5),
    "enum_shi": (rf"(?P<num>[{_N}]{{1,2}})是(?=[^，,。；;\s]{{2}})", 9),
}
#: Forms that are headings only at the start of a line (never run in).
LINE_ONLY = frozenset({"part", "section"})
#: What may stand right before a run-in heading.
_RUNIN_BEFORE = "。；;！？!?：: 　\t|"
_HEAD_END = re.compile(r"[。！？!?；;\n]|\s|$")
_SHI_END = re.compile(r"[，,。；;：:\n]|$")
MAX_HEADING = 50

#: Characters after which a heading may start (line starts, run-in positions).
_BEFORE_CHARS = "\n" + _RUNIN_BEFORE + "，, 　\t|"

_COMPILED: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def _form_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The heading alternation, bare and behind a required preceding character.

    The second form starts with a character class, so the regex engine skips
    quickly to the few places where a heading can start instead of trying
    every alternative at every position.
    """
    key = "|".join(f"{k}:{v[0]}" for k, v in HEADING_FORMS.items())
    got = _COMPILED.get(key)
    if got is None:
        if not HEADING_FORMS:
            raise ValueError("HEADING_FORMS is empty")
        alts = []
        for name, (pat, _) in HEADING_FORMS.items():
            alts.append(f"(?P<{name}>{pat.replace('?P<num>', f'?P<n_{name}>')})")
        body = "|".join(alts)
        got = (re.compile(body), re.compile(f"[{re.escape(_BEFORE_CHARS)}](?:{body})"))
        _COMPILED.clear()
        _COMPILED[key] = got
    return got


def _form_re() -> re.Pattern[str]:
    return _form_res()[0]


def _candidates(text: str) -> list[re.Match[str]]:
    """Heading-form matches that start the text or follow a character of ``_BEFORE_CHARS``."""
    bare, behind = _form_res()
    out = []
    first = bare.match(text)
    pos = 0
    if first is not None:
        out.append(first)
        pos = first.end()
    out.extend(behind.finditer(text, max(0, pos - 1)))
    return out


#: The forms that label an item of a list at the start of a line: （一） 一、 1. 1、 (1) ①.
LABEL_FORMS: tuple[str, ...] = (
    "cn_dun", "paren_cn", "circ_cn", "arabic_dot", "arabic_dun", "paren_ar", "circled",
)  # fmt: skip


def label_regex() -> str:
    """One alternation (no groups) of the :data:`LABEL_FORMS` patterns of :data:`HEADING_FORMS`.

    Examples
    --------
    >>> import re
    >>> [bool(re.fullmatch(label_regex(), x)) for x in ["（三）", "2.", "④", "第三条"]]
    [True, True, True, False]
    """
    return "|".join(
        HEADING_FORMS[f][0].replace("(?P<num>", "(?:") for f in LABEL_FORMS if f in HEADING_FORMS
    )


def label_number(label: str) -> int | None:
    """The number of a list label: ``（三）`` → 3, ``2.`` → 2, ``④`` → 4.

    Examples
    --------
    >>> label_number("（三）"), label_number("2."), label_number("④")
    (3, 2, 4)
    """
    return _num(label.strip("()（）、.． \t"))


def _num(label: str) -> int | None:
    if label in _CIRCLED:
        return _CIRCLED.index(label) + 1
    if label in _PAREN_CIRCLED:
        return _PAREN_CIRCLED.index(label) + 1
    return cn_to_int(label)


def find_headings(text: str) -> list[dict[str, Any]]:
    """Headings in order: ``{"level", "label", "heading", "start", "end", "form", "note"}``.

    ``start``/``end`` span label and heading in ``text``.

    Examples
    --------
    >>> [h["label"] for h in find_headings("围绕2010年工作。 一、基本情况 全系统有33个机构")]
    ['一']
    """
    found: list[dict[str, Any]] = []
    for m in _candidates(text):
        form = m.lastgroup
        if form is None:
            continue
        start = m.start(form)
        prev = text[start - 1] if start else "\n"
        at_line = prev == "\n" or (
            prev in " 　\t|" and text[text.rfind("\n", 0, start) + 1 : start].strip(" 　\t|") == ""
        )
        if not at_line:
            if form in LINE_ONLY or (
                prev not in _RUNIN_BEFORE and not (form == "enum_shi" and prev in "，,")
            ):
                continue
            if form in ("arabic_dot", "arabic_dun") and prev.isdigit():
                continue
        if prev.isdigit() or (start >= 1 and text[start - 1] in "第"):
            continue
        label = m.group(f"n_{form}")
        rest_start = m.end()
        while rest_start < len(text) and text[rest_start] in " 　":
            rest_start += 1
        if form == "enum_shi":
            stop = _SHI_END
        else:
            stop = _HEAD_END
        e = stop.search(text, rest_start, min(len(text), rest_start + MAX_HEADING + 1))
        end = e.start() if e else min(len(text), rest_start + MAX_HEADING)
        if e and e.group(0) == "。" and form != "enum_shi":
            end += 1
        heading = text[rest_start:end].strip().lstrip(":：、 ")
        if not heading or (form in ("arabic_dot", "paren_ar") and heading[0].isdigit()):
            continue
        found.append({"form": form, "label": label, "heading": heading, "start": start, "end": end})
    return _assign_levels(found)


def _assign_levels(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    order: list[str] = []
    for h in found:
        if h["form"] not in order:
            order.append(h["form"])
    fixed = sorted(order, key=lambda f: (HEADING_FORMS[f][1] if HEADING_FORMS[f][1] != 5 else 5, 0))
    # forms with the neutral hint (5) keep their order of appearance
    ranked = [f for f in fixed if HEADING_FORMS[f][1] < 5]
    ranked += [f for f in order if HEADING_FORMS[f][1] == 5]
    ranked += [f for f in fixed if HEADING_FORMS[f][1] > 5]
    level = {f: i + 1 for i, f in enumerate(ranked)}
    last: dict[int, int] = {}
    last_any: dict[int, int] = {}  # numbering that runs on across sections is not a gap
    out = []
    for h in found:
        lv = level[h["form"]]
        n = _num(h["label"])
        for deeper in [k for k in last if k > lv]:
            del last[deeper]
        note = None
        if n is not None:
            prev = last.get(lv)
            expected = 1 if prev is None else prev + 1
            if prev is not None and n == prev:
                note = f"repeats number {n}"
            elif n != expected and not (prev is None and n == last_any.get(lv, 0) + 1):
                note = f"expected {expected}, found {n}"
            last[lv] = last_any[lv] = n
        out.append({"level": lv, **h, "note": note})
    return out


def outline_tree(doc: Document) -> list[dict[str, Any]]:
    """The outline as nested dicts (``children`` lists).

    Examples
    --------
    >>> from policytext import Document
    >>> tree = outline_tree(Document(id="d", raw="一、要求\\n(一)领导\\n二、措施"))
    >>> [(n["heading"], len(n["children"])) for n in tree]
    [('要求', 1), ('措施', 0)]
    """
    heads = doc.fields.get("outline") or find_headings(doc.text or "")
    root: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for h in heads:
        node = {**h, "children": []}
        while stack and stack[-1]["level"] >= h["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(node)
        stack.append(node)
    return root


@register("outline")
def extract_outline(doc: Document) -> dict[str, Any]:
    """Return the record's ``outline``."""
    return {"outline": find_headings(doc.text or "")}


def sections(doc: Document) -> list[dict[str, Any]]:
    """Text of each outline section of ``doc`` (see :meth:`Document.sections`)."""
    text = doc.text or ""
    outline = doc.fields.get("outline") or []
    out = []
    for i, h in enumerate(outline):
        end = len(text)
        for h2 in outline[i + 1 :]:
            if h2["level"] <= h["level"]:
                end = h2["start"]
                break
        out.append({**h, "text": text[h["start"] : end]})
    return out
