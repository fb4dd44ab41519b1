"""Document numbers (文号): ``鄂卫党〔2010〕7号``, own and cited.

Examples
--------
>>> [n.text for n in find_doc_numbers("认真贯彻《决定》(鄂卫党[2010]7号),统一思想")]
['鄂卫党〔2010〕7号']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["DocNumber", "find_doc_numbers", "normalize_doc_number"]

_OPEN = re.escape("〔[【(（［〈<")
_CLOSE = re.escape("〕]】)）］〉>")
#: Words that may stand right before a 文号 prefix and are not part of it.
LEADING_WORDS: tuple[str, ...] = (
    "根据", "按照", "依据", "依照", "贯彻", "落实", "执行", "印发了", "印发", "转发", "下发",
    "参照", "详见", "见", "即", "和", "及", "与", "的", "了", "文件", "号文",
)  # fmt: skip
_PREFIX_RE = re.compile(r"[\u4e00-\u9fffA-Za-z×＊*]{1,10}\s?$")
_DOCNUM_RE = re.compile(
    rf"[{_OPEN}]\s?(?P<year>(?:19|20)\d{{2}}|[xX×＊*]{{2,4}})\s?[{_CLOSE}]"
    r"\s?(?:第\s?)?(?P<num>\d{1,5}|[xX×＊*]{1,4})\s?号"
)
_CITED_BEFORE = re.compile(
    r"(?:》|根据|按照|依据|依照|贯彻|落实|执行|参照|转发|印发了?|下发了?)[^。\n]{0,3}$"
)


@dataclass(frozen=True)
class DocNumber:
    """A 文号 with offsets and whether it names this document (``own``)."""

    text: str
    start: int
    end: int
    own: bool


def normalize_doc_number(prefix: str, year: str, num: str) -> str:
    """``鄂卫党``, ``2010``, ``7`` → ``鄂卫党〔2010〕7号``."""
    return f"{prefix}〔{year}〕{num}号"


def _trim_prefix(p: str) -> str:
    changed = True
    while changed and p:
        changed = False
        for w in LEADING_WORDS:
            if p.startswith(w) and len(p) > len(w):
                p = p[len(w) :]
                changed = True
    return p


def find_doc_numbers(text: str) -> list[DocNumber]:
    """Every 文号 in ``text``, brackets normalized to 〔〕, with own/cited.

    A 文号 is *own* when it stands on a line of its own or at the head of the
    notice (first 300 characters) and is not right after a citation (``》(``,
    ``根据``...).

    Examples
    --------
    >>> [(n.text, n.own) for n in find_doc_numbers("东卫函〔2016〕94号\\n关于…的通知")]
    [('东卫函〔2016〕94号', True)]
    >>> find_doc_numbers("xx〔2021〕xx号")[0].text
    'xx〔2021〕xx号'
    """
    out: list[DocNumber] = []
    seen: set[str] = set()
    for m in _DOCNUM_RE.finditer(text):
        pm = _PREFIX_RE.search(text, max(0, m.start() - 11), m.start())
        if pm is None:
            continue
        raw_prefix = pm.group(0).rstrip()
        prefix = _trim_prefix(raw_prefix)
        value = normalize_doc_number(prefix, m.group("year"), m.group("num"))
        start = pm.start() + (len(raw_prefix) - len(prefix))
        before = text[max(0, start - 12) : start].rstrip(" （(")
        ls = text.rfind("\n", 0, start) + 1
        le = text.find("\n", m.end())
        line = text[ls : (len(text) if le < 0 else le)].strip()
        cited = bool(_CITED_BEFORE.search(before)) or before.endswith("》")
        own = not cited and (
            line == text[pm.start() : m.end()].strip() or line.startswith(value) or start < 300
        )
        if value in seen:
            continue
        seen.add(value)
        out.append(DocNumber(value, start, m.end(), own))
    return out
