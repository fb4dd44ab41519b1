"""What a notice says about itself: title, date, issuer, 文号, 主送, 抄送, 主题词, genre.

Every rule reads ``doc.text`` (normalized, but possibly not yet cleaned of
pinyin annotations, page titles or table pipes) and rests on the pattern
tables below, which users may extend (e.g. ``GENRES.append("倡议书")``).

Examples
--------
>>> from policytext import Document
>>> doc = Document(id="d", raw="局属各单位:\\n兰州市卫生局关于印发工作要点的通知\\n二〇一〇年三月十六日")
>>> f = extract_metadata(doc)
>>> f["title"], f["date"], f["genre"], f["issuer"]
('兰州市卫生局关于印发工作要点的通知', '2010-03-16', '通知', '兰州市卫生局')
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

from . import register
from .dates import cn_to_int, header_date, issue_date, published_date, year_hint
from .docnum import find_doc_numbers

if TYPE_CHECKING:
    from ..document import Document

__all__ = [
    "GENRES",
    "ORG_SUFFIXES",
    "extract_metadata",
    "find_addressees",
    "find_attachments",
    "find_cc",
    "find_copies",
    "find_genre",
    "find_issuer",
    "find_keywords",
    "find_title",
    "strip_annotations",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

#: Genres (文种), matched at the end of a title; the longest match wins.
GENRES: list[str] = [
    "政府工作报告", "工作安排意见", "实施方案", "工作方案", "活动方案", "整改方案", "整改措施",
    "工作总结", "工作要点", "工作计划", "工作规划", "工作报告", "实施意见", "指导意见",
    "实施细则", "实施办法", "管理办法", "暂行办法", "暂行规定", "工作意见", "讲话", "通知",
    "通报", "意见", "办法", "决定", "报告", "条例", "规定", "规划", "方案", "总结", "要点",
    "计划", "细则", "纲要", "决议", "公告", "通告", "批复", "请示", "安排", "措施", "制度",
    "规则", "守则", "章程", "倡议书", "函",
]  # fmt: skip
#: Genres also recognised from the body (``特制定本实施方案``, ``现将…工作总结如下``).
#: Openings that name a genre when the title does not (a speech reported without its
#: title line): ``(regex, genre)``, tried on the first 600 characters; extend freely.
GENRE_CUES: list[tuple[str, str]] = [
    # 现在，我代表市人民政府，向大会报告(过去一年的)政府工作 / 向大会报告工作
    (
        r"代表[^。\n]{0,20}?(?:政府|国务院)[，,]?\s?向(?:本次)?大会报告[^。\n]{0,8}?工作",
        "政府工作报告",
    ),
    (r"向(?:本次)?大会报告政府工作", "政府工作报告"),
]
_BODY_GENRE_RE = re.compile(
    r"(?:特制定本|现制定|制定本|现将[^。\n]{0,40}?)(?P<g>[\u4e00-\u9fff]{2,8}?)(?:如下|[:：。])"
)
#: Last words of an issuing body (发文机关).
ORG_SUFFIXES: list[str] = [
    "委员会", "人民政府", "政府", "办公厅", "办公室", "党组", "党委", "工委", "纪委", "领导小组",
    "局", "厅", "委", "部", "署", "院", "中心", "所", "站", "会", "处", "科", "办",
]  # fmt: skip
#: First words of a 主送 unit list (salutation).
ADDRESSEE_STARTS: tuple[str, ...] = (
    "各",
    "局属",
    "厅属",
    "委属",
    "区直",
    "市直",
    "县直",
    "省直",
    "机关",
    "直属",
    "全体",
    "本系统",
)
#: Words that end the 主题词 / 抄送 line (the next closing item begins).
_CLOSING_WORDS = r"抄\s?送|抄\s?报|印\s?发|共印|分送|主\s?题\s?词|附件|$"

_PINYIN_RE = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[)）]")
_TABLE_RE = re.compile(r"^[|｜]\s?|\s?[|｜]\s*$", re.M)
_CJK = r"\u4e00-\u9fff"
_PUNCT_END = "。，,；;：:！？!?、"


def strip_annotations(text: str) -> str:
    """Remove pinyin annotations ``卫(wèi)`` and table pipes (a working copy for matching).

    Examples
    --------
    >>> strip_annotations("| 卫(wèi)生局 |")
    '卫生局'
    """
    last = _STRIP_CACHE.get("last")
    if last is not None and last[0] is text:
        return last[1]
    out = (
        _TABLE_RE.sub("", _PINYIN_RE.sub("", text))
        if ("|" in text or "｜" in text)
        else _PINYIN_RE.sub("", text)
    )
    _STRIP_CACHE["last"] = (text, out)
    return out


_STRIP_CACHE: dict[str, tuple[str, str]] = {}


_GENRE_CACHE: dict[tuple[str, ...], tuple[str, re.Pattern[str]]] = {}


def _genre_alt() -> str:
    return _genre_entry()[0]


def _genre_entry() -> tuple[str, re.Pattern[str]]:
    key = tuple(GENRES)
    if key not in _GENRE_CACHE:
        if not GENRES:
            raise ValueError("GENRES is empty: add at least one genre")
        alt = "|".join(sorted(map(re.escape, GENRES), key=len, reverse=True))
        _GENRE_CACHE.clear()
        _GENRE_CACHE[key] = (alt, re.compile(rf"(?:{alt})(?:[(（][^)）]{{0,8}}[)）])?$"))
    return _GENRE_CACHE[key]


def find_genre(title: str | None, text: str = "") -> str | None:
    """Genre from the end of the title (longest table entry), else from the body.

    Examples
    --------
    >>> find_genre("兰州市卫生局系统2010年创建全国文明城市工作安排意见")
    '工作安排意见'
    >>> find_genre("关于印发《实施方案》的通知")
    '通知'
    >>> find_genre(None, "各位代表：现在，我代表市人民政府，向大会报告政府工作，请予审议。")
    '政府工作报告'
    """
    if title:
        t = re.sub(r"[(（][^)）]{0,10}[)）]$", "", title.strip())  # (试行), (草案)
        for g in sorted(GENRES, key=len, reverse=True):
            if t.endswith(g):
                return g
    if text:
        head = text[:600]
        for pattern, genre in GENRE_CUES:
            if re.search(pattern, head):
                return genre
        for m in _BODY_GENRE_RE.finditer(text[:5000]):
            for g in sorted(GENRES, key=len, reverse=True):
                if m.group("g").endswith(g) and len(g) >= 2:
                    return g
    return None


#: the salutation a speech opens with (各位代表：, 同志们：): no title line precedes it
_SALUTATION_RE = re.compile(r"(?:各位|同志们|女士们|先生们|尊敬的)[^\n]{0,20}[:：]$")
_NOT_TITLE_RE = re.compile(r"[:：。;；!！?？]")
_HEADING_LABEL_RE = re.compile(
    r"[一二三四五六七八九十]{1,3}\s?[、.．]|[(（]\s?[一二三四五六七八九十\d]{1,3}\s?[)）]"
    r"|\d{1,2}\s?[、.．](?!\d)|第[一二三四五六七八九十百\d]{1,4}[章节条]"
)


def _title_like(s: str, genre_end: re.Pattern[str] | None = None) -> bool:
    s = s.strip()
    if not (5 <= len(s) <= 80) or s[-1] in _PUNCT_END:
        return False
    if _NOT_TITLE_RE.search(s) or s.startswith(("现将", "根据", "为了", "为")):
        return False
    if _HEADING_LABEL_RE.match(s):  # an outline heading (二、2024年工作安排), not the title
        return False
    return bool((genre_end or _genre_entry()[1]).search(s))


_TITLE_CELL_RE = re.compile(r"标\s?题\s?[:：]\s?([^\n|｜]{4,100}?)\s*(?:[|｜\n]|$)")
_CITED_TITLE_RE = re.compile(r"(?:现将|将)《([^》\n]{4,80})》(?:印发|转发|发给|下发)")
_SPLIT_STOP_RE = re.compile(r"[:：。]")
_RUN_IN_CACHE: dict[str, re.Pattern[str]] = {}


def _run_in_re(genre_alt: str) -> re.Pattern[str]:
    rx = _RUN_IN_CACHE.get(genre_alt)
    if rx is None:
        rx = re.compile(rf"([^\s:：。，,]{{5,60}}?(?:{genre_alt}))\s")
        _RUN_IN_CACHE.clear()
        _RUN_IN_CACHE[genre_alt] = rx
    return rx


def find_title(text: str) -> str | None:
    """The notice's own title (not the site's page title, not a cited 《document》).

    Looks, in order, for a ``标题:`` table cell, a title line (possibly split
    over two lines, or run in before the body), then ``现将《…》印发``.

    Examples
    --------
    >>> find_title("区卫生局关于在全区卫生系统\\n深入开展学习活动实施方案\\n为贯彻…")
    '区卫生局关于在全区卫生系统深入开展学习活动实施方案'
    """
    clean = strip_annotations(text)
    m = _TITLE_CELL_RE.search(clean[:3000])
    genre_alt, genre_end = _genre_entry()
    if m and _title_like(m.group(1), genre_end):
        return m.group(1).strip()
    lines = [ln.strip() for ln in clean[:8000].split("\n")]
    first = next((ln for ln in lines if ln), "")
    if _SALUTATION_RE.match(first):
        return None  # a speech that opens 各位代表：— its headings are not its title
    cited = set(_CITED_TITLE_RE.findall(clean[:8000]))
    run_in = _run_in_re(genre_alt)
    candidates: list[tuple[int, int, str]] = []  # (score, -position, title)
    for i, ln in enumerate(lines):
        if not ln:
            continue
        cand = None
        if _title_like(ln, genre_end):
            cand = ln
        elif (
            i + 1 < len(lines)
            and len(ln) <= 40
            and ln[-1] not in _PUNCT_END
            and _title_like(ln + lines[i + 1], genre_end)
        ):
            if not _SPLIT_STOP_RE.search(ln) and len(lines[i + 1]) <= 40:
                cand = ln + lines[i + 1]
        elif i < 5:  # run in before the body: "标题 正文……"
            head = run_in.match(ln)
            if head and _title_like(head.group(1), genre_end):
                cand = head.group(1)
        if cand:
            score = 1 + (cand in cited) * 2 + ("关于" in cand) + (clean.count(cand) > 1)
            candidates.append((score, -i, cand))
    if candidates:
        return max(candidates)[2]
    if cited:
        return sorted(cited, key=clean.find)[0]
    return None


_ORG_RE_CACHE: dict[str, re.Pattern[str]] = {}


def _org_re() -> re.Pattern[str]:
    alt = "|".join(sorted(map(re.escape, ORG_SUFFIXES), key=len, reverse=True))
    if alt not in _ORG_RE_CACHE:
        _ORG_RE_CACHE.clear()
        _ORG_RE_CACHE[alt] = re.compile(alt)
    return _ORG_RE_CACHE[alt]


_SIGN_DATE = (
    r"(?:[〇0○ＯOo零０一二三四五六七八九]{4}\s?年[〇零一二三四五六七八九十]{1,3}\s?月[〇零一二三四五六七八九十]{1,3}\s?日"
    r"|(?:19|20)\d{2}\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日|(?:19|20)\d{2}-\d{1,2}-\d{1,2})"
)


_SIGNATURE = rf"([{_CJK}（）()×＊*ＸXx]{{3,30}})\s{{0,3}}{_SIGN_DATE}"
_SIGNATURE_AT_START_RE = re.compile(rf"\A{_SIGNATURE}")
#: Starts with a character class, so the engine skips to separators instead of trying everywhere.
_SIGNATURE_RE = re.compile(rf"[\s:：]{_SIGNATURE}")


def _signatures(clean: str) -> list[re.Match[str]]:
    """A name (group 1) right before a date, at the start or after a space or colon."""
    out = []
    pos = 0
    first = _SIGNATURE_AT_START_RE.match(clean)
    if first is not None:
        out.append(first)
        pos = first.end()
    out.extend(_SIGNATURE_RE.finditer(clean, pos))
    return out


def find_issuer(text: str, title: str | None = None) -> str | None:
    """The issuing body as signed (落款 before the date), else as named in the title.

    Examples
    --------
    >>> find_issuer("抄送:市卫生局\\n中共荆州市沙市区卫生局委员会 2010年3月15日")
    '中共荆州市沙市区卫生局委员会'
    >>> find_issuer("", title="区卫生局关于开展学习活动的通知")
    '区卫生局'
    """
    clean = strip_annotations(text)
    org = _org_re()
    for m in _signatures(clean):
        name = m.group(1)
        if name.endswith(tuple(ORG_SUFFIXES)) and not name.startswith(("现将", "根据", "于")):
            return name
    if title:
        t = title.strip()
        if "关于" in t:
            head = t.split("关于", 1)[0]
            if 2 <= len(head) <= 30 and head.endswith(tuple(ORG_SUFFIXES)):
                return head
        lazy = re.match(rf"((?:中共)?[{_CJK}]{{1,18}}?(?:{org.pattern}))", t)
        if lazy and len(lazy.group(1)) < len(t) - 2 and lazy.group(1)[0] in "省市区县镇乡中国全自":
            return lazy.group(1)
        if lazy and len(lazy.group(1)) < len(t) - 2:
            from .gazetteer import load_gazetteer

            if load_gazetteer().find(lazy.group(1)):
                return lazy.group(1)
    return None


def _split_units(s: str) -> list[str]:
    items = [x.strip(" 　。.") for x in re.split(r"[,，、;；]|\s{1,3}(?=[^\s])", s)]
    return [x for x in items if x]


def find_addressees(text: str) -> list[str]:
    """主送 units from the salutation (``各乡镇卫生院,区直医疗卫生单位:``).

    Examples
    --------
    >>> find_addressees("局属各单位,机关各处室:\\n现将……")
    ['局属各单位', '机关各处室']
    """
    clean = strip_annotations(text)[:6000]
    starts = "|".join(map(re.escape, ADDRESSEE_STARTS))
    unit = rf"[{_CJK}（）()]{{2,25}}"
    pat = re.compile(
        rf"(?:^|[\s:：》])((?:{starts}){unit}?(?:\s?[,，、;；]\s?{unit}){{0,20}})\s?[:：]", re.M
    )
    for m in pat.finditer(clean):
        items = _split_units(m.group(1))
        if items and all(len(x) <= 25 for x in items):
            return items
    return []


def find_cc(text: str) -> list[str]:
    """抄送 units.

    Examples
    --------
    >>> find_cc("抄 送:市卫生局、区委办公室、区妇联 中共某某委员会 2010年3月15日")
    ['市卫生局', '区委办公室', '区妇联']
    """
    clean = strip_annotations(text)
    m = re.search(
        rf"抄\s?送\s?[:：]\s?([{_CJK}（）()]{{2,30}}(?:\s?[,，、;；]\s?[{_CJK}（）()]{{2,30}}){{0,40}})",
        clean,
    )
    return _split_units(m.group(1)) if m else []


def find_keywords(text: str) -> list[str]:
    """主题词 (subject words), split on spaces or 、.

    Examples
    --------
    >>> find_keywords("主题词:先进 王争艳 学习 方案 抄 送:市卫生局")
    ['先进', '王争艳', '学习', '方案']
    """
    clean = strip_annotations(text)
    m = re.search(r"主\s?题\s?词\s?[:：]\s?([^\n]{1,120})", clean)
    if not m:
        return []
    body = re.split(_CLOSING_WORDS, m.group(1), maxsplit=1)[0]
    out: list[str] = []
    for w in re.split(r"[\s　、,，;；]+", body):
        w = w.strip("。.")
        if w and len(w) <= 12 and w not in out:
            out.append(w)
    return out


def find_copies(text: str) -> int | None:
    """共印N份 → N.

    Examples
    --------
    >>> find_copies("共印50份"), find_copies("共印五十份")
    (50, 50)
    """
    m = re.search(r"共\s?印\s?(\d{1,6}|[一二三四五六七八九十百两〇零]{1,6})\s?份", text)
    return cn_to_int(m.group(1)) if m else None


def find_attachments(text: str) -> list[str]:
    """附件 titles (``附件:1.某某名单`` and following numbered lines).

    Examples
    --------
    >>> find_attachments("附件:1.领导小组名单\\n2.任务分解表\\n")
    ['领导小组名单', '任务分解表']
    """
    clean = strip_annotations(text)
    m = re.search(
        r"(?:^|\n)\s?附\s?件\s?\d{0,2}\s?[:：]\s?([^\n]{2,80})((?:\n\s?\d{1,2}\s?[.、．][^\n]{2,80}){0,20})",
        clean,
    )
    if not m:
        return []
    lines = [m.group(1), *m.group(2).split("\n")]
    out = []
    for ln in lines:
        ln = re.sub(r"^\s?\d{1,2}\s?[.、．]\s?", "", ln.strip()).strip("《》 ")
        if ln:
            out.append(ln)
    return out


@register("metadata")
def extract_metadata(doc: Document) -> dict[str, Any]:
    """Return title, date, published, year_hint, issuer, doc numbers, 主送, 抄送, 主题词, copies, genre."""
    text = doc.text or ""
    title = find_title(text)
    date = issue_date(strip_annotations(text)) or header_date(text)  # 落款, else a header line
    nums = find_doc_numbers(strip_annotations(text))
    hint, _evidence = year_hint(text, title=title, date=date)
    return {
        "title": title,
        "date": date,
        "published": published_date(text) or published_date(doc.raw or ""),  # may be cleaned away
        "year_hint": hint,
        "issuer": find_issuer(text, title),
        "doc_numbers": [n.text for n in nums],
        "doc_numbers_own": [n.text for n in nums if n.own],
        "addressees": find_addressees(text),
        "cc": find_cc(text),
        "keywords": find_keywords(text),
        "copies": find_copies(text),
        "attachments": find_attachments(text),
        "genre": find_genre(title, text),
    }
