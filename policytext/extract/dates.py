"""Dates in notices: Chinese and Arabic forms, issue date vs body and crawl dates.

Examples
--------
>>> parse_date("二〇一〇年三月十六日")
'2010-03-16'
>>> parse_date("二0一0年三月十五日")
'2010-03-15'
>>> issue_date("现将方案印发给你们。\\n2010年3月15日\\n主题词:学习")
'2010-03-15'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "HEADER_ACTS",
    "DateMatch",
    "HeaderDate",
    "cn_to_int",
    "find_dates",
    "header_date",
    "header_dates",
    "issue_date",
    "parse_date",
    "published_date",
    "year_hint",
]

#: Chinese digits, every zero form seen in scraped notices (〇 0 ○ Ｏ O 零 o).
CN_DIGITS: dict[str, int] = {
    "〇": 0, "0": 0, "○": 0, "Ｏ": 0, "O": 0, "o": 0, "零": 0, "０": 0, "◯": 0,
    "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    "两": 2,
}  # fmt: skip
_CN = "〇0○ＯOo零０◯一二三四五六七八九"
_CNNUM = "〇零一二三四五六七八九十两百"


def cn_to_int(s: str) -> int | None:
    """Chinese (or Arabic) number to int: ``十五`` → 15, ``二十一`` → 21, ``一〇`` → 10, ``两千`` → 2000.

    Examples
    --------
    >>> cn_to_int("十二"), cn_to_int("三十一"), cn_to_int("7")
    (12, 31, 7)
    """
    s = s.strip()
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if not any(u in s for u in "十百千"):
        out = 0
        for ch in s:
            if ch not in CN_DIGITS:
                return None
            out = out * 10 + CN_DIGITS[ch]
        return out
    total, cur = 0, 0
    for ch in s:
        if ch == "千":
            total += (cur or 1) * 1000
            cur = 0
        elif ch == "百":
            total += (cur or 1) * 100
            cur = 0
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        elif ch in CN_DIGITS:
            cur = CN_DIGITS[ch]
        else:
            return None
    return total + cur


# every pattern is bounded ({m,n}) so that no input backtracks catastrophically
_DATE_RE = re.compile(
    rf"(?P<cy>[{_CN}]{{4}})\s?年\s?(?P<cm>[{_CNNUM}]{{1,3}})\s?月(?:\s?(?P<cd>[{_CNNUM}]{{1,3}})\s?日)?"
    r"|(?<!\d)(?P<ay>(?:19|20)\d{2})\s?年\s?(?P<am>\d{1,2})\s?月(?:\s?(?P<ad>\d{1,2})\s?日)?"
    r"|(?<![\d-])(?P<iy>(?:19|20)\d{2})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?![\d.])"
)

#: Labels of web crawl / publication times (kept as ``published``, never the issue date).
PUBLISHED_LABELS = (
    "时间", "发布时间", "发布日期", "发表时间", "更新时间", "日期", "发布于", "来源时间",
    "時間", "發布時間", "發佈時間", "發布日期", "更新時間",  # raw traditional pages
)  # fmt: skip
_PUBLISHED_RE = re.compile(
    r"(?:" + "|".join(sorted(PUBLISHED_LABELS, key=len, reverse=True)) + r")\s?[:：]\s?"
)
#: What follows a signature date (落款) in the closing block.
CLOSING_AFTER = ("主题词", "主题词", "抄送", "抄 送", "印发", "共印", "附件", "签发")
#: Characters that make a date part of a sentence when right before it.
_BODY_BEFORE = set("于在从自至到截止前后的为是和及、")
_BODY_AFTER = set("起前后以至到止内来底初中的开召举完实")


@dataclass(frozen=True)
class DateMatch:
    """A date in a text: ISO value, offsets, and what kind it looks like."""

    iso: str
    start: int
    end: int
    text: str
    chinese: bool


def parse_date(s: str) -> str | None:
    """ISO string to the precision written, or ``None``.

    Examples
    --------
    >>> parse_date("2010年3月"), parse_date("2010-03-15")
    ('2010-03', '2010-03-15')
    """
    m = _DATE_RE.search(s)
    return _iso(m) if m else None


def _iso(m: re.Match[str]) -> str | None:
    if m.group("cy"):
        y, mo, d = cn_to_int(m.group("cy")), cn_to_int(m.group("cm")), m.group("cd")
        d = cn_to_int(d) if d else None
    elif m.group("ay"):
        y, mo = int(m.group("ay")), int(m.group("am"))
        d = int(m.group("ad")) if m.group("ad") else None
    else:
        y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    if y is None or mo is None or not (1 <= mo <= 12) or not (1900 <= y <= 2100):
        return None
    if d is not None and not (1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}" + (f"-{d:02d}" if d else "")


#: Every date contains one of these right after its four year digits (and an optional space).
_ANCHOR_RE = re.compile(r"[年\-/.]")
#: A date starts at most this many characters before its anchor and ends within the window.
_ANCHOR_BACK, _ANCHOR_AHEAD = 5, 24
_MAX_DATE_LEN = 30  # longest date (二〇一〇 年 十二 月 三十一 日, spaces) plus look-ahead
_FIND_CACHE: dict[str, tuple[str, list[DateMatch]]] = {}


def _iter_date_matches(text: str) -> list[re.Match[str]]:
    """The same matches as ``_DATE_RE.finditer(text)``, found from the anchors only.

    Every date has a 年 or a separator 4-5 characters after its start, so the
    regex is only tried in a small window around each anchor; the leftmost
    match from the current position is still the one taken.
    """
    out: list[re.Match[str]] = []
    pos = 0
    n = len(text)
    search = _DATE_RE.search
    for a in _ANCHOR_RE.finditer(text):
        p = a.start()
        if p < pos:
            continue
        stop = min(n, p + _ANCHOR_AHEAD)
        m = search(text, max(pos, p - _ANCHOR_BACK), stop)
        if m is None:
            continue
        if stop < n and m.end() > stop - 8:  # a later date, maybe cut short by the window: redo
            m = search(text, m.start(), min(n, m.start() + _MAX_DATE_LEN))
            if m is None:  # pragma: no cover - the same start matches again
                continue
        out.append(m)
        pos = m.end()
    return out


def find_dates(text: str) -> list[DateMatch]:
    """Every date in ``text`` (any form), in order.

    Examples
    --------
    >>> [d.iso for d in find_dates("2010年3月15日印发,时间:2022-03-12")]
    ['2010-03-15', '2022-03-12']
    """
    last = _FIND_CACHE.get("last")
    if last is not None and last[0] is text:
        return list(last[1])
    out = []
    for m in _iter_date_matches(text):
        iso = _iso(m)
        if iso:
            out.append(DateMatch(iso, m.start(), m.end(), m.group(0), bool(m.group("cy"))))
    _FIND_CACHE["last"] = (text, out)
    return list(out)


def _line_bounds(text: str, start: int, end: int) -> tuple[str, str]:
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    le = len(text) if le < 0 else le
    return text[ls:start], text[end:le]


def _is_published(text: str, d: DateMatch) -> bool:
    before = text[max(0, d.start - 8) : d.start]
    return bool(_PUBLISHED_RE.search(before)) and bool(re.search(r"[:：]\s?$", before))


def issue_date(text: str) -> str | None:
    """The issue date (落款/印发日期) of a notice, ISO to the precision known.

    A full date (year, month, day) standing on its own line, closing a line
    after a signature, or followed by 主题词/抄送/共印 is an issue date; dates
    inside sentences, after ``时间:`` (crawl time) or inside a 文号 are not.

    Examples
    --------
    >>> issue_date("2010年完成14个卫生院建设。") is None
    True
    >>> issue_date("时间:2022-03-12 11:04:00") is None
    True
    """
    best: tuple[int, int, str] | None = None
    for d in find_dates(text):
        if d.iso.count("-") < 2 or _is_published(text, d):
            continue
        before, after = _line_bounds(text, d.start, d.end)
        b, a = before.strip(), after.strip()
        prev = text[d.start - 1] if d.start else ""
        nxt = text[d.end] if d.end < len(text) else ""
        if prev in _BODY_BEFORE or nxt in _BODY_AFTER:
            continue
        score = 0
        if not b and (not a or a.startswith(CLOSING_AFTER)):
            score = 3  # a line of its own
        elif a.startswith(CLOSING_AFTER) or text[d.end : d.end + 6].lstrip().startswith(
            CLOSING_AFTER
        ):
            score = 3
        elif not a and re.search(r"(?:委员会|政府|局|厅|委|办公室|办公厅|党组|部|院|中心)\s*$", b):
            score = 2  # closes a signature line
        elif (
            d.chinese
            and prev in "。\n 　"
            and (nxt in "\n 　" or text[d.end : d.end + 3].strip() == "")
        ):
            score = 2
        if score and (best is None or score > best[0]):
            best = (score, d.start, d.iso)
    return best[2] if best else None


#: What a dated header line records: delivered at a session (``在…会议上``) or adopted/amended.
HEADER_ACTS: tuple[str, ...] = ("通过", "修正", "修订", "批准", "公布", "上")
#: How much of the opening holds the header lines.
HEADER_CHARS = 3000
_HEADER_LEAD = " \t　—－-（(【[#*"
_HEADER_SEP = " \t　，,、；;根据"
#: A venue names a session or a standing body, not just "a meeting".
_SESSION_RE = re.compile(
    r"届|[次]\s?(?:全体)?(?:会议|會議)|人民代表大会|代表大会|常务委员会|常委会"
)
_HEADER_AFTER = " \t　）)]】，,;；。"
_VENUE_RE = re.compile(
    r"(?<=[日\d])\s{0,2}在?\s{0,2}(?P<venue>[^\s，。；;][^\n，。；;]{0,50}?(?:人民代表大会|代表大会|常务委员会|会议|會議)"
    # an amendment names its decision before the act: …会议关于修改《…》的决定修正,
    # …会议《关于修改〈…〉等十九件地方性法规的决定》修正
    r"(?:[^\n，。；;]{0,30}?|[^\n，。；;《]{0,4}?(?:《[^》\n]{1,100}》|关于[^\n，。；;]{1,100}?的决定)))"
    r"(?P<act>" + "|".join(HEADER_ACTS) + r")(?:施行)?"
)


@dataclass(frozen=True)
class HeaderDate:
    """A dated header statement: ``——2024年1月15日在三亚市第八届人民代表大会第四次会议上``."""

    iso: str
    venue: str
    act: str
    start: int
    end: int


def header_dates(text: str) -> list[HeaderDate]:
    """Dated header statements in the opening: a report's venue line, a law's adoption lines.

    The date must open its line (after ``——``, ``（`` or spaces) or follow another
    such statement on the same line (``…通过 根据2010年…修正``), and be followed
    by a session or body and an act (:data:`HEADER_ACTS`).

    Examples
    --------
    >>> h = header_dates("报告\\n——2024年1月15日在三亚市第八届人民代表大会第四次会议上\\n")[0]
    >>> h.iso, h.venue, h.act
    ('2024-01-15', '三亚市第八届人民代表大会第四次会议', '上')
    >>> header_dates("2024年1月15日在会议上讲了话的同志") == []
    True
    """
    head = text[:HEADER_CHARS]
    out: list[HeaderDate] = []
    last_end = -1
    for d in find_dates(head):
        if d.iso.count("-") < 2:
            continue
        ls = head.rfind("\n", 0, d.start) + 1
        le = head.find("\n", d.end)
        le = len(head) if le < 0 else le
        if le - ls > 300:
            continue
        lead = head[ls : d.start] if last_end < ls else head[last_end : d.start]
        if lead.strip(_HEADER_LEAD if last_end < ls else _HEADER_SEP):
            continue
        m = _VENUE_RE.match(head, d.end, le)
        if (
            m is None
            or not _SESSION_RE.search(m.group("venue"))
            or (
                m.end() < le
                and head[m.end()] not in _HEADER_AFTER
                # the next statement glued on: …会议批准2000年12月22日…, …施行根据2018年…
                and not head[m.end()].isdigit()
                and not head.startswith("根据", m.end())
            )
        ):
            continue
        out.append(HeaderDate(d.iso, m.group("venue").strip(), m.group("act"), d.start, m.end()))
        last_end = m.end()
    return out


def header_date(text: str) -> str | None:
    """The date of the latest header statement (a version's adoption, a report's delivery).

    Examples
    --------
    >>> header_date(
    ...     "（2002年1月1日某省第九届人民代表大会常务委员会第二十次会议通过"
    ...     " 根据2010年5月6日某省第十一届人民代表大会常务委员会第十六次会议修正）"
    ... )
    '2010-05-06'
    """
    got = header_dates(text)
    return max(h.iso for h in got) if got else None


def published_date(text: str) -> str | None:
    """The web publication / crawl date (``时间:2022-03-12 11:04:00`` → ``2022-03-12``)."""
    for d in find_dates(text[:3000]):
        if _is_published(text, d):
            return d.iso
    return None


#: Party congresses (党的十X大): the year each was held.
CONGRESS_YEARS: dict[str, int] = {
    "十三大": 1987, "十四大": 1992, "十五大": 1997, "十六大": 2002, "十七大": 2007,
    "十八大": 2012, "十九大": 2017, "二十大": 2022, "二十一大": 2027,
}  # fmt: skip
#: Anniversaries (…N周年): base year of the event counted from.
ANNIVERSARY_BASES: dict[str, int] = {
    "建党": 1921, "建军": 1927, "建国": 1949, "新中国成立": 1949, "中华人民共和国成立": 1949,
    "改革开放": 1978, "香港回归": 1997, "澳门回归": 1999, "长征胜利": 1936, "五四运动": 1919,
    "抗日战争胜利": 1945, "抗战胜利": 1945, "辛亥革命": 1911,
}  # fmt: skip
#: Nationwide campaigns and the year they ran at local level (used only without other evidence).
CAMPAIGN_YEARS: dict[str, int] = {
    "保持共产党员先进性教育活动": 2005, "先进性教育活动": 2005,
    "深入学习实践科学发展观活动": 2009, "创先争优活动": 2011,
    "党的群众路线教育实践活动": 2014, "群众路线教育实践活动": 2014,
    "三严三实": 2015, "两学一做": 2016, "不忘初心、牢记使命主题教育": 2019,
    "党史学习教育": 2021, "学习贯彻习近平新时代中国特色社会主义思想主题教育": 2023,
    "党纪学习教育": 2024,
}  # fmt: skip

_UPCOMING = "迎接|喜迎|迎|召开前|即将召开"
_CONGRESS_RE = re.compile(
    r"(?:" + _UPCOMING + r")[^。；]{0,6}?党的(十[一二三四五六七八九]?大|二十[一二]?大)"
)
_ANNIV_RE = re.compile(
    r"("
    + "|".join(sorted(ANNIVERSARY_BASES, key=len, reverse=True))
    + r")\s?([\d一二三四五六七八九十百]{1,5})\s?周年"
)


def year_hint(
    text: str, *, title: str | None = None, date: str | None = None
) -> tuple[int | None, str | None]:
    """The year a notice was most likely written, and the evidence.

    Order: the issue date; a year in the title; an upcoming party congress or
    an anniversary (建党86周年 → 2007); a nationwide campaign.

    Examples
    --------
    >>> year_hint("结合实际,精心组织建党86周年纪念活动")
    (2007, '建党86周年')
    """
    if date:
        return int(date[:4]), date
    if title:
        m = re.search(r"(?<!\d)((?:19|20)\d{2})\s?年(?![\d—\-~～至到])", title)
        if m:
            return int(m.group(1)), title
    votes: dict[int, list[str]] = {}
    for m in _CONGRESS_RE.finditer(text):
        y = CONGRESS_YEARS.get(m.group(1))
        if y:
            votes.setdefault(y, []).append(m.group(0))
    for m in _ANNIV_RE.finditer(text):
        n = cn_to_int(m.group(2))
        if n:
            votes.setdefault(ANNIVERSARY_BASES[m.group(1)] + n, []).append(m.group(0))
    if votes:
        y = max(votes, key=lambda k: (len(votes[k]), k))
        return y, votes[y][0]
    for name in sorted(CAMPAIGN_YEARS, key=len, reverse=True):
        if name in (title or "") or name in text:
            return CAMPAIGN_YEARS[name], name
    return None, None
