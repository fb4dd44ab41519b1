"""Region: which administrative division a notice comes from.

:func:`resolve_region` works on a text alone (with the issuer and title when
known); :func:`resolve_regions` does a whole :class:`~policytext.corpus.Corpus`.
Names are spelled as the gazetteer spells them (:mod:`.gazetteer`).

Resolution, most certain first:

1. the issuer and the title (``中共荆州市沙市区卫生局委员会`` → 湖北省/荆州市/沙市区),
   and a speaker's ``我代表…人民政府``;
   national bodies (国务院, 中共中央 …) give level ``national``;
2. otherwise inferred from the body: division names outside 《cited titles》
   (``新都区、青白江区`` → 成都市) and demonyms (``文明宜宾人`` → 宜宾市), with
   ``inferred=True``. A short name found in several places (鼓楼区) only counts
   when a co-mentioned place decides it; a level is only filled when the
   mentions agree on it — never guessed.

Examples
--------
>>> r = resolve_region("", issuer="中共荆州市沙市区卫生局委员会")
>>> r.province, r.city, r.county, r.code, r.level, r.inferred
('湖北省', '荆州市', '沙市区', '421002', 'county', False)
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from . import register
from .gazetteer import Division, Mention, load_gazetteer

if TYPE_CHECKING:
    import pandas as pd

    from ..corpus import Corpus
    from ..document import Document

__all__ = ["NATIONAL_BODIES", "Region", "extract_region", "resolve_region", "resolve_regions"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

#: Issuers (or title openings) that make a document national.
NATIONAL_BODIES: tuple[str, ...] = (
    "国务院", "中共中央", "中央委员会", "全国人民代表大会", "全国人大", "中华人民共和国", "中央军委",
    "全国政协", "最高人民法院", "最高人民检察院", "国家发展和改革委员会", "国家发展改革委",
)  # fmt: skip
#: How much of the body is searched for place names (the opening carries the evidence).
BODY_CHARS = 20000
#: Share of the votes a place needs to be taken as the region of the body.
MIN_SHARE = 2 / 3
#: A body that never speaks of its own province/city/county (全省, 本市…) and says 全国/我国
#: this many times is taken as national (inferred).
NATIONAL_MIN_WORDS = 2
#: Mentions the leading short name needs (and its lead over the next) to name a bare speaker's place.
ALIAS_MIN_VOTES = 3
#: The speaker of a report: ``我代表市人民政府，向大会报告工作``, ``我受国务院的委托``.
_SPEAKER_RE = re.compile(
    r"我(?:现在)?(?:代表|受|根据)(?P<who>[\u4e00-\u9fff、]{2,30}?)(?:的?委托|的决定)?"
    r"[，,]?\s?(?:现在)?(?:向|作|就|提出)"
)
#: Bodies whose speaker or venue makes a document national (also inside a longer name).
NATIONAL_SPEAKERS: tuple[str, ...] = (
    "国务院", "中央委员会", "中共中央", "党中央", "中央人民政府", "全国人民代表大会",
    "全国代表大会",
)  # fmt: skip
#: A session prefix before a national body in a title: ``第十四届全国人民代表大会…``.
_SESSION_PREFIX_RE = re.compile(r"^(?:中国共产党)?第[一二三四五六七八九十百零〇\d]{1,4}[届次]")
#: A speaker who names only the level of the government: ``我代表市人民政府``.
_BARE_LEVEL_RE = re.compile(r"^(?:本)?([省市州盟区县旗])(?:人民政府|政府)$")
_BARE_LEVELS = {"省": "province", "市": "city", "州": "city", "盟": "city"}
#: Addressed to every province: only central bodies write this salutation.
_ALL_PROVINCES_RE = re.compile(r"(?:^|\n)\s{0,4}各省[、，,（(]\s?(?:自治区|区)")
_NATIONAL_WORDS_RE = re.compile(r"全国|我国|党中央|国务院")
_LOCAL_WORDS_RE = re.compile(
    r"全省|我省|本省|省委|省政府|全市|我市|本市|市委|市政府|全区|我区|本区|区委|全县|我县|本县|县委"
    r"|全州|我州|本州|全盟|(?:本|全|我)自治区|自治区(?:党委|人民政府|政府)"
)
_CITED_RE = re.compile(r"《[^》\n]{0,120}》")
_UNIT_LEVEL_RE = re.compile(
    r"^(?:中共)?([省市区县旗州])(?:委|政府|人民政府|卫生局|[\u4e00-\u9fff]{1,6}(?:局|委|办|厅))"
)
_LEVEL_WORDS = {
    "province": "省委|省政府|全省",
    "city": "市委|市政府|全市|我市",
    "county": "区委|县委|区政府|县政府|全区|全县|我区|我县",
}


@dataclass
class Region:
    """An administrative division and the evidence for it.

    Examples
    --------
    >>> Region(province="四川省", city="成都市", level="city").to_dict()["level"]
    'city'
    """

    province: str | None = None
    city: str | None = None
    county: str | None = None
    code: str | None = None
    level: str | None = None
    evidence: str | None = None
    inferred: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The record's ``region`` object."""
        return asdict(self)


def _from_division(d: Division, level: str, evidence: str, inferred: bool) -> Region:
    if level == "province":
        gaz = load_gazetteer()
        code = next(
            (x.code for x in gaz.lookup(d.province) if x.level in ("province", "city")), None
        )
        return Region(d.province, None, None, code, "province", evidence, inferred)
    if level == "city":
        gaz = load_gazetteer()
        code = next((x.code for x in gaz.lookup(d.city or "") if x.level == "city"), d.code)
        return Region(d.province, d.city, None, code, "city", evidence, inferred)
    return Region(d.province, d.city, d.county, d.code, "county", evidence, inferred)


def _resolve_mentions(
    mentions: list[Mention], *, want_county: bool = True
) -> tuple[Division, str] | None:
    """The most specific division the mentions agree on, and its level."""
    if not mentions:
        return None
    unamb = [m.candidates[0] for m in mentions if len(m.candidates) == 1]
    prov_votes = Counter(d.province for d in unamb)
    if not prov_votes:  # only ambiguous names: keep what all their candidates share
        provs = {d.province for m in mentions for d in m.candidates}
        if len(provs) == 1:
            d = mentions[0].candidates[0]
            return d, "province"
        return None
    prov, n = prov_votes.most_common(1)[0]
    if n / sum(prov_votes.values()) < MIN_SHARE:
        return None
    in_prov = [d for d in unamb if d.province == prov]
    # ambiguous names decided by the province
    for m in mentions:
        if len(m.candidates) > 1:
            c = [d for d in m.candidates if d.province == prov]
            if len(c) == 1:
                in_prov.append(c[0])
    city_votes = Counter(d.city for d in in_prov if d.city)
    if not city_votes:
        # counties the province governs itself (临高县, 神农架林区): no city above them
        counties = {d.county for d in in_prov if d.county}
        if want_county and len(counties) == 1:
            return next(d for d in in_prov if d.county), "county"
        return in_prov[0], "province"
    city, n = city_votes.most_common(1)[0]
    if n / sum(city_votes.values()) < MIN_SHARE:
        return in_prov[0], "province"
    in_city = [d for d in in_prov if d.city == city]
    for m in mentions:  # ambiguous county names decided by the city
        if len(m.candidates) > 1:
            c = [d for d in m.candidates if d.city == city and d.level == "county"]
            if len(c) == 1 and c[0] not in in_city:
                in_city.append(c[0])
    counties = {d.county for d in in_city if d.county}
    city_div = next((d for d in in_city if d.level == "city"), in_city[0])
    if want_county and len(counties) == 1:
        return next(d for d in in_city if d.county), "county"
    return city_div, "city"


def _body_level(text: str, issuer: str | None, title: str | None) -> str | None:
    for s in (issuer, title):
        if s:
            m = _UNIT_LEVEL_RE.match(s)
            if m:
                return {"省": "province", "市": "city", "州": "city"}.get(m.group(1), "county")
    counts = {k: len(re.findall(v, text[:20000])) for k, v in _LEVEL_WORDS.items()}
    best = max(counts, key=counts.get)  # type: ignore[arg-type]
    return best if counts[best] else None


def resolve_region(text: str, *, issuer: str | None = None, title: str | None = None) -> Region:
    """Resolve the administrative division of a notice.

    Parameters
    ----------
    text : str
        The notice (normalized text).
    issuer, title : str, optional
        As extracted; names in them are *stated* (``inferred=False``).

    Returns
    -------
    Region
        Empty (all ``None``) when nothing is certain.

    Examples
    --------
    >>> r = resolve_region("开展新都区、青白江区农村卫生改革的试点工作。")
    >>> r.province, r.city, r.county, r.inferred
    ('四川省', '成都市', None, True)
    >>> resolve_region("", issuer="国务院办公厅").level
    'national'
    """
    gaz = load_gazetteer()
    for s in (issuer, title):
        if s and _SESSION_PREFIX_RE.sub("", s).startswith(NATIONAL_BODIES) and not gaz.find(s):
            return Region(level="national", evidence=s)
    for s in (issuer, title):
        if not s:
            continue
        got = _resolve_mentions(gaz.find(s))
        if got:
            return _from_division(got[0], got[1], s, False)
    head = text[:3000]
    venue = _venue_region(head)
    if venue is not None:
        return venue
    sp = _SPEAKER_RE.search(head)
    if sp:
        who = sp.group("who")
        if any(b in who for b in NATIONAL_SPEAKERS):
            return Region(level="national", evidence=sp.group(0))
        bare = _BARE_LEVEL_RE.match(who)
        if bare:
            got_bare = _name_of_level(text, title, _BARE_LEVELS.get(bare.group(1), "county"))
            if got_bare is not None:
                return got_bare
        else:
            got = _resolve_mentions(gaz.find(who + "政府"))
            if got:
                return _from_division(got[0], got[1], sp.group(0), False)
    if _ALL_PROVINCES_RE.search(text[:1000]):
        m = _ALL_PROVINCES_RE.search(text[:1000])
        return Region(level="national", evidence=m.group(0).strip() if m else None, inferred=True)
    if not _LOCAL_WORDS_RE.search(text[:BODY_CHARS]):
        nat = _NATIONAL_WORDS_RE.findall(text[:BODY_CHARS])
        if len(nat) >= NATIONAL_MIN_WORDS:
            return Region(level="national", evidence=nat[0], inferred=True)
    body = _CITED_RE.sub(lambda m: " " * len(m.group(0)), text[:BODY_CHARS])
    mentions = _drop_word_internal(body, gaz.find(body))
    mentions += list(gaz.iter_aliases(body, followed_by="人"))
    mentions = [m for m in mentions if m.candidates[0].level != "province" or len(m.text) > 2]
    level = _body_level(text, issuer, title)
    got = _resolve_mentions(mentions, want_county=level == "county") if mentions else None
    if not got:
        return _own_province_in_citations(text, level) or Region()
    div, lvl = got
    ev = [m for m in mentions if any(_same(d, div, lvl) for d in m.candidates)]
    evidence = _context(body, ev[0]) if ev else None
    return _from_division(div, lvl, evidence or "", True)


def _own_province_in_citations(text: str, level: str | None) -> Region | None:
    """A provincial document (我省, 全省, 省委、省政府) that names its province only in the
    titles it cites (``《山东省智能制造发展规划》``): inferred when they all name one province."""
    if level != "province":
        return None
    gaz = load_gazetteer()
    provinces: dict[str, tuple[Division, str]] = {}
    for cm in _CITED_RE.finditer(text[:BODY_CHARS]):
        for m in gaz.find(cm.group(0)):
            d = m.candidates[0]
            if d.level == "province" and len(m.candidates) == 1:
                provinces.setdefault(d.province, (d, cm.group(0)))
    if len(provinces) != 1:
        return None
    ((div, evidence),) = provinces.values()
    return _from_division(div, "province", evidence, True)


def _drop_word_internal(text: str, mentions: list[Mention]) -> list[Mention]:
    """Drop two-character names inside a longer word (``示范县`` is not 范县, ``完成县`` not 成县).

    A one-character stem is only a place when it starts the word: after a
    non-Chinese character or right after another place name (``濮阳市范县``).
    """
    out: list[Mention] = []
    prev_end = -1
    for m in mentions:
        if (
            len(m.text) == 2
            and m.start > 0
            and m.start != prev_end
            and "\u4e00" <= text[m.start - 1] <= "\u9fff"
        ):
            continue
        out.append(m)
        prev_end = m.end
    return out


def _venue_region(head: str) -> Region | None:
    """Region stated by a dated header line (``——2024年1月15日在三亚市第八届人民代表大会…上``)."""
    from .dates import header_dates

    gaz = load_gazetteer()
    for h in header_dates(head):
        mentions = gaz.find(h.venue) + list(gaz.iter_aliases(h.venue, followed_by="州市盟"))
        got = _resolve_mentions(mentions)
        if got:
            return _from_division(got[0], got[1], h.venue, False)
        if any(b in h.venue for b in NATIONAL_SPEAKERS):
            return Region(level="national", evidence=h.venue)
    return None


#: A government or congress named in the opening: ``三亚市人民政府``, ``三亚市第八届人民代表大会``.
_NAMED_BODY_RE = re.compile(
    r"([\u4e00-\u9fff]{2,12}?[省市州盟区县旗])(?:人民政府|第[一二三四五六七八九十百\d]{1,4}届|人民代表大会|人大常委会)"
)


#: characters after a short name that make it a lake, river, mountain, street... (太平湖)
_FEATURE_NEXT = frozenset("湖河江海岛路街桥港湾峡谷峰寺塔园洞泉溪坝渠")


def _name_of_level(text: str, title: str | None, level: str) -> Region | None:
    """The place of a speaker who says only ``我代表市人民政府``.

    Stated when the opening names the government or congress of that level
    (``XX市人民政府``, ``XX市第N届人民代表大会``); otherwise inferred from the
    short name the opening repeats most (``丽水之干``, ``新南通``), when it leads clearly.
    """
    gaz = load_gazetteer()
    head = text[:6000]
    for m in _NAMED_BODY_RE.finditer((title or "") + "\n" + head):
        name = m.group(1)
        got = _resolve_mentions(gaz.find(name) + list(gaz.iter_aliases(name, followed_by="州市盟")))
        if got and _level_rank(got[1]) >= _level_rank(level):
            div = got[0]
            return _from_division(div, level if level != "county" else got[1], m.group(0), False)
    votes: Counter[str] = Counter()
    first: dict[str, tuple[Division, str]] = {}
    for mention in gaz.iter_alias_words(head):
        if head[mention.end : mention.end + 1] in _FEATURE_NEXT:
            continue  # 太平湖, 黄山风景区: a lake, a mountain, a street — not the division
        ds = [d for d in mention.candidates if d.level == level]
        if len(ds) == 1:
            key = ds[0].code
            votes[key] += 1
            first.setdefault(key, (ds[0], _context(head, mention)))
    if not votes:
        return None
    (top, n), *rest = [*votes.most_common(2), ("", 0)]
    second = rest[0][1]
    if n < ALIAS_MIN_VOTES or n < 2 * second:
        return None
    div, ev = first[top]
    return _from_division(div, level, ev, True)


def _level_rank(level: str) -> int:
    return {"province": 1, "city": 2, "county": 3}.get(level, 0)


def _same(d: Division, ref: Division, level: str) -> bool:
    if level == "province":
        return d.province == ref.province
    if level == "city":
        return d.city == ref.city
    return d.county == ref.county


def _context(text: str, m: Mention, width: int = 12) -> str:
    """The clause around a mention, at most ``width`` characters either side."""
    s = max(0, m.start - width)
    e = min(len(text), m.end + width)
    left = re.split(r"[。；;，,、“”\n\s]", text[s : m.start])[-1]
    right = re.split(r"[。；;，,、“”\n\s]", text[m.start : e])[0]
    return left + right


def resolve_regions(corpus: Corpus) -> pd.DataFrame:
    """One row per document: ``doc_id, province, city, county, code, level, evidence, inferred``.

    Uses extracted issuer and title when the corpus has been extracted.

    Examples
    --------
    >>> from policytext.corpus import Corpus
    >>> import pandas as pd
    >>> c = Corpus.from_dataframe(pd.DataFrame({"doc_id": ["a"], "text": ["兰州市卫生局关于印发方案的通知"]}))
    >>> resolve_regions(c)["city"].tolist()
    ['兰州市']
    """
    import pandas as pd

    from .metadata import find_issuer, find_title

    rows = []
    for doc in corpus:
        text = doc.text or ""
        title = doc.fields.get("title") or find_title(text)
        issuer = doc.fields.get("issuer") or find_issuer(text, title)
        rows.append(
            {"doc_id": doc.id, **resolve_region(text, issuer=issuer, title=title).to_dict()}
        )
    return pd.DataFrame(rows, columns=["doc_id", *Region.__dataclass_fields__])


@register("region")
def extract_region(doc: Document) -> dict[str, Any]:
    """Return the record's ``region`` object (uses issuer and title found by ``metadata``)."""
    return {
        "region": resolve_region(
            doc.text or "", issuer=doc.fields.get("issuer"), title=doc.fields.get("title")
        ).to_dict()
    }
