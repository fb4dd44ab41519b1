"""Normalization steps: small, named, pure functions ``step(text, view) -> StepResult``.

Each step only finds spans and says what replaces them, and reports them as
:class:`~policytext._edits.Edit` objects in the coordinates of its input.
Phrase lists live in ``policytext/data/patterns.toml``
(:mod:`policytext.normalize.patterns`); thresholds in
:class:`~policytext.normalize.options.NormalizeOptions`. Every step takes its
options keyword-only; :func:`configure` binds them and keeps the step's name::

    >>> from policytext.normalize import steps
    >>> steps.pinyin("衛(wèi)生", "卫(wèi)生").text
    '衛生'
"""

from __future__ import annotations

import functools
import html
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from .._codes import code_points
from .._edits import Edit, compose
from .options import NormalizeOptions
from .patterns import PatternTable, _alternation, default_patterns
from .pipeline import StepResult

__all__ = [
    "Configured",
    "RegexStep",
    "broken_lines",
    "chrome",
    "configure",
    "duplicates",
    "edits_from_matches",
    "markers",
    "markup",
    "mojibake",
    "pagination",
    "paywall",
    "pinyin",
    "regex_step",
    "spaces",
    "unicode_chars",
    "whitespace",
]

logger = logging.getLogger(__name__)

_DEFAULT_OPTIONS = NormalizeOptions()
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_END_PUNCT = "。！？!?；;：:…”’」』）)】》>〕］]"


# -- plumbing ------------------------------------------------------------------
def edits_from_matches(
    text: str, matches: Iterable[re.Match], kind: str, replace: Callable[[re.Match], str] | str = ""
) -> tuple[str, list[Edit]]:
    """Turn non-overlapping, sorted matches into edits and the new text.

    Examples
    --------
    >>> import re
    >>> edits_from_matches("a  b", re.finditer(" +", "a  b"), "whitespace", " ")[0]
    'a b'
    """
    edits: list[Edit] = []
    out: list[str] = []
    pos = 0
    for m in matches:
        s, e = m.span()
        if s < pos:
            continue
        ins = replace(m) if callable(replace) else replace
        removed = text[s:e]
        if ins == removed or (s == e and not ins):
            continue
        out.append(text[pos:s])
        out.append(ins)
        edits.append(Edit(kind, s, e, removed, ins))
        pos = e
    if not edits:
        return text, []
    out.append(text[pos:])
    return "".join(out), edits


def _spans_to_edits(
    text: str, spans: Iterable[tuple[int, int, str]], kind: str
) -> tuple[str, list[Edit]]:
    """Edits from sorted ``(start, end, inserted)`` spans (overlaps are skipped)."""
    edits: list[Edit] = []
    out: list[str] = []
    pos = 0
    for s, e, ins in spans:
        if s < pos or text[s:e] == ins:
            continue
        out.append(text[pos:s])
        out.append(ins)
        edits.append(Edit(kind, s, e, text[s:e], ins))
        pos = e
    if not edits:
        return text, []
    out.append(text[pos:])
    return "".join(out), edits


class _Chain:
    """Run sub-passes inside one step, composing their edits into the step's input."""

    def __init__(self, text: str) -> None:
        self.base = text
        self.text = text
        self.edits: list[Edit] = []

    def apply(self, new: str, edits: list[Edit]) -> bool:
        if edits:
            self.edits = compose(self.base, self.edits, self.text, edits)
            self.text = new
        return bool(edits)


def _apply_to(text: str, edits: list[Edit]) -> str:
    out: list[str] = []
    pos = 0
    for e in edits:
        out.append(text[pos : e.start])
        out.append(e.inserted)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def _named(name: str):
    def deco(fn):
        fn.name = name
        return fn

    return deco


class Configured:
    """A step with keyword options bound (what :func:`configure` returns); picklable.

    Parameters
    ----------
    step : callable
        A module-level step (or any picklable step) taking keyword options.
    **options
        Keyword options passed on every call.
    """

    def __init__(self, step: Callable[..., StepResult], **options: Any) -> None:
        self.step = step
        self.options = options
        self.name: str = getattr(step, "name", None) or step.__name__
        self.__name__ = self.name

    def __call__(self, text: str, view: str) -> StepResult:
        return self.step(text, view, **self.options)

    def __repr__(self) -> str:
        opts = ", ".join(f"{k}=..." for k in self.options)
        return f"configure({self.name}, {opts})"


def configure(step: Callable[..., StepResult], **options: Any) -> Configured:
    """Bind keyword options (``patterns=``, ``options=``...) to a step, keeping its name.

    The result is a small picklable object (no closure), so configured
    pipelines can be shipped to Dask workers.

    Examples
    --------
    >>> from policytext.normalize.options import NormalizeOptions
    >>> s = configure(broken_lines, options=NormalizeOptions(wrap_min_line=10))
    >>> s.name
    'broken_lines'
    """
    return Configured(step, **options)


class RegexStep:
    """A step that replaces every match of a compiled pattern (see :func:`regex_step`).

    A plain class rather than a closure, so it pickles (Dask ships pipelines to
    workers); ``replace``, when callable, must be picklable too (a module-level
    function).
    """

    def __init__(
        self,
        name: str,
        pattern: re.Pattern[str],
        *,
        replace: Callable[[re.Match], str] | str = "",
        flag: str | None = None,
        on_view: bool = False,
    ) -> None:
        self.name = name
        self.__name__ = name
        self.pattern = pattern
        self.replace = replace
        self.flag = flag
        self.on_view = on_view

    def __call__(self, text: str, view: str) -> StepResult:
        source = view if self.on_view else text
        new, edits = edits_from_matches(
            text, self.pattern.finditer(source), self.name, self.replace
        )
        if self.on_view and edits:
            edits = [Edit(e.kind, e.start, e.end, text[e.start : e.end], e.inserted) for e in edits]
            new = _apply_to(text, edits)
        return StepResult(new, edits, [self.flag or self.name] if edits else [])

    def __repr__(self) -> str:
        return f"regex_step({self.name!r}, {self.pattern.pattern!r})"


def regex_step(
    name: str,
    pattern: re.Pattern[str],
    *,
    replace: Callable[[re.Match], str] | str = "",
    flag: str | None = None,
    on_view: bool = False,
) -> RegexStep:
    """Build a step that replaces every match of ``pattern``.

    Parameters
    ----------
    name : str
        Step name and edit kind.
    pattern : re.Pattern
        Compiled pattern.
    replace : str or callable, default ""
        Replacement text or a function of the match (module-level, to pickle).
    flag : str, optional
        Flag raised when the step changed something (default: ``name``).
    on_view : bool, default False
        Match on the Simplified view instead of the text (for Chinese phrases).

    Examples
    --------
    >>> import re, pickle
    >>> s = regex_step("stars", re.compile(r"★+"))
    >>> s("★重要★", "★重要★").text
    '重要'
    >>> pickle.loads(pickle.dumps(s))("★重要★", "★重要★").text
    '重要'
    """
    return RegexStep(name, pattern, replace=replace, flag=flag, on_view=on_view)


# -- code points: one vectorized view of the text, shared by the character scans ----------
# A character class searched by ``re`` costs several ns a character; the same test on the
# code points as a numpy array (one lookup table, bits per class) is far cheaper.
_LUT_UNICODE = 1  # characters of _UNICODE_ANY
_LUT_LATIN_LEAD = 2  # lead characters of _LATIN_MOJI
_LUT_GBK_HINT = 4  # characters of _GBK_HINT
_LUT_SIZE = 0x10000
# (text, array) of the last text seen, replaced as one tuple so threads never mix pairs
_last_classes: tuple[str | None, Any] = (None, None)


def _code_points(text: str) -> np.ndarray:
    """The code points of ``text`` (uint32); shared with script detection for the same text."""
    return code_points(text)


@functools.lru_cache(maxsize=1)
def _lut() -> np.ndarray:
    lut = np.zeros(0x110000, dtype=np.uint8)  # every code point: no clamping before lookup
    classes = (
        (_UNICODE_ANY, _LUT_UNICODE),
        (re.compile("[\u00c2-\u00f4]"), _LUT_LATIN_LEAD),
        (_GBK_HINT, _LUT_GBK_HINT),
    )
    for rx, bit in classes:
        for c in range(_LUT_SIZE):
            if 0xD800 <= c <= 0xDFFF:
                if rx.match(chr(c)) is not None:  # pragma: no cover - no class holds surrogates
                    raise AssertionError(rx.pattern)
                continue
            if rx.match(chr(c)) is not None:
                lut[c] |= bit
    return lut


def _classes(text: str) -> np.ndarray:
    """Per character of ``text``, the bits of the classes it belongs to (``_LUT_*``)."""
    global _last_classes
    last = _last_classes
    if last[0] is text:
        return last[1]
    cls = _lut()[_code_points(text)]
    _last_classes = (text, cls)
    return cls


def _runs_of(mask: np.ndarray) -> tuple[list[int], list[int]]:
    """``(starts, ends)`` of the maximal runs of True in ``mask``."""
    idx = np.flatnonzero(mask)
    if not len(idx):
        return [], []
    brk = np.flatnonzero(np.diff(idx) != 1)
    starts = np.concatenate((idx[:1], idx[brk + 1]))
    ends = np.concatenate((idx[brk], idx[-1:])) + 1
    return starts.tolist(), ends.tolist()


# -- 1. mojibake -----------------------------------------------------------------
_MOJI_CONT = (
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{1,3}"
)
# (?:[lead]cont){2,200}, written to open with the lead class so the engine skips along with it
_LATIN_MOJI = re.compile(f"[\u00c2-\u00f4]{_MOJI_CONT}(?:[\u00c2-\u00f4]{_MOJI_CONT}){{1,199}}")
_GBK_HINT = re.compile("[锛銆鐨鍦鏄涓浜鍙鏈鍚鎴璇瀛妯閮]")
_GBK_RUN = re.compile(r"[^\x00-\x7f\s]{3,400}")
_HAN_RX = re.compile(f"[{HAN}]")


def _fix_latin(s: str) -> str | None:
    for enc in ("cp1252", "latin-1"):
        try:
            fixed = s.encode(enc).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if _HAN_RX.search(fixed):
            return fixed
    return None


def _fix_gbk(s: str) -> str | None:
    try:
        fixed = s.encode("gbk").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return fixed if _HAN_RX.search(fixed) and len(fixed) < len(s) else None


@_named("mojibake")
def mojibake(text: str, view: str) -> StepResult:
    """Repair UTF-8 that was decoded as Latin-1/cp1252 or GBK; flag ``mojibake``.

    Only runs that decode cleanly back to UTF-8 with Chinese characters are
    replaced, so ordinary text is never touched.

    Examples
    --------
    >>> bad = "卫生系统".encode("utf-8").decode("latin-1")
    >>> mojibake(bad, bad).text
    '卫生系统'
    """
    spans: list[tuple[int, int, str]] = []
    cls = _classes(text)
    # a run of Latin mojibake opens with a lead character; the GBK hint is counted as
    # _GBK_HINT.findall would, on the code points
    if (cls & _LUT_LATIN_LEAD).any():
        for m in _LATIN_MOJI.finditer(text):
            fixed = _fix_latin(m.group())
            if fixed is not None:
                spans.append((m.start(), m.end(), fixed))
    if np.count_nonzero(cls[:20000] & _LUT_GBK_HINT) >= 3:
        for m in _GBK_RUN.finditer(text):
            fixed = _fix_gbk(m.group())
            if fixed is not None:
                spans.append((m.start(), m.end(), fixed))
        spans.sort()
    new, edits = _spans_to_edits(text, spans, "mojibake")
    return StepResult(new, edits, ["mojibake"] if edits else [])


# -- 2. unicode ------------------------------------------------------------------
# Width policy: full-width ASCII letters and digits become half-width (Ａ１ -> A1);
# Chinese punctuation （）：，〔〕 is kept as written; odd spaces become " ".
_FULLWIDTH = {
    c: c - 0xFEE0 for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]
}
_UNICODE = re.compile(
    r"(?P<nl>\r\n?)"
    r"|(?P<inv>[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\u00ad]+)"
    r"|(?P<sp>[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+)"
    r"|(?P<fw>[０-９Ａ-Ｚａ-ｚ]+)"
)

_UNICODE_ANY = re.compile(
    "[\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064"
    "\ufeff\u00ad\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000０-９Ａ-Ｚａ-ｚ]+"
)


def _unicode_repl(m: re.Match) -> str:
    kind = m.lastgroup
    if kind == "nl":
        return "\n"
    if kind == "inv":
        return ""
    if kind == "sp":
        return " " * len(m.group())
    return m.group().translate(_FULLWIDTH)


@_named("unicode")
def unicode_chars(text: str, view: str) -> StepResult:
    """Line ends to LF, drop control/zero-width characters, odd spaces to " ", fold ASCII width.

    Examples
    --------
    >>> unicode_chars("〔２０１０〕\\u200b（试行）\\r\\n", "").text
    '〔2010〕（试行）\\n'
    """
    # find the runs of characters to fix with one character class (the engine skips along
    # with it), then split each run by kind; "\r\n" takes the newline after its run
    starts, ends = _runs_of(_classes(text) & _LUT_UNICODE)
    matches = (m for s, e in zip(starts, ends) for m in _UNICODE.finditer(text, s, e + 1))
    new, edits = edits_from_matches(text, matches, "unicode", _unicode_repl)
    return StepResult(new, edits, [])


# -- 3. markup / table residue ------------------------------------------------------
_ENTITY = re.compile(
    r"&(?:amp;){0,5}(?:(?P<name>[a-zA-Z]{2,8})|#(?P<dec>\d{1,7})|#[xX](?P<hex>[0-9a-fA-F]{1,6})|(?P<bad>\d{2,6}));?"
)
_ENTITY_NAMES = {
    "nbsp": " ",
    "ensp": " ",
    "emsp": " ",
    "thinsp": " ",
    "amp": "&",
    "quot": '"',
    "apos": "'",
}
_COMMENT = re.compile(r"<!--[^\n]{0,500}?-->")
_MD_IMAGE = re.compile(r"!\[[^\]\n]{0,200}\]\([^)\n]{0,500}\)")
_MD_LINK = re.compile(r"\[([^\]\n]{1,200})\]\((?:https?://|/)[^)\n]{0,500}\)")
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+", re.MULTILINE)
_TABLE_RULE = re.compile(r"^(?=[ \t|:]{0,20}[-=]{3})[-=:| \t]{3,2000}(?:\n|\Z)", re.MULTILINE)
_PIPE_LINE = re.compile(
    r"^[ \t]*\|[^\n]*$|^[^\n]*\|[ \t]*$|^[^\n|]*\|[^\n|]*\|[^\n]*$", re.MULTILINE
)
_PIPE = re.compile(r"\|(?:[ \t]{0,20}\|)*")


def _entity_repl(m: re.Match) -> str:
    if m.group("bad"):
        return ""
    if m.group("name"):
        name = m.group("name")
        if name in _ENTITY_NAMES:
            return _ENTITY_NAMES[name]
        out = html.unescape(f"&{name};")
        return m.group() if out == f"&{name};" else out
    code = int(m.group("dec")) if m.group("dec") else int(m.group("hex"), 16)
    try:
        ch = chr(code)
    except (ValueError, OverflowError):
        return ""
    return "" if unicodedata.category(ch) in {"Cc", "Cs", "Cf"} or code == 0 else ch


@functools.lru_cache(maxsize=8)
def _tag_rx(names: tuple[str, ...]) -> re.Pattern[str]:
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"</?(?:{alt})(?![\w:])(?:[ \t/][^<>\n]{{0,300}})?/?>", re.IGNORECASE)


_BLOCK_TAGS = tuple(
    (re.compile(f"<{tag}", re.A | re.I), re.compile(f"</{tag}>", re.A | re.I))
    for tag in ("script", "style")
)


def _script_spans(text: str) -> list[tuple[int, int, str]]:
    """``<script>…</script>`` and ``<style>…</style>`` blocks, tags in any (ASCII) case."""
    spans = []
    for open_rx, close_rx in _BLOCK_TAGS:
        pos = 0
        while True:
            m = open_rx.search(text, pos)
            if m is None:
                break
            c = close_rx.search(text, m.start())
            if c is None:
                break
            spans.append((m.start(), c.end(), ""))
            pos = c.end()
    spans.sort()
    return spans


def _pipe_spans(text: str) -> list[tuple[int, int, str]]:
    spans = []
    for line in _PIPE_LINE.finditer(text):
        ls, le = line.span()
        for p in _PIPE.finditer(text, ls, le):
            s, e = p.span()
            s = ls + len(text[ls:s].rstrip(" \t"))
            e = le - len(text[e:le].lstrip(" \t"))
            if spans and s < spans[-1][1]:
                s = spans[-1][1]
            at_edge = s == ls or e == le
            spans.append((s, e, "" if at_edge else " "))
    return spans


def _md_headings(text: str) -> list[re.Match]:
    """``_MD_HEADING.finditer(text)``, tried only at the line starts holding a ``#``."""
    out = []
    match, find = _MD_HEADING.match, text.find
    pos = 0 if text.startswith("#") else find("\n#") + 1
    while pos > 0 or (pos == 0 and text.startswith("#")):
        m = match(text, pos)
        if m is not None:
            out.append(m)
        pos = find("\n#", pos + 1) + 1
        if pos == 0:
            break
    return out


@_named("markup")
def markup(text: str, view: str, *, patterns: PatternTable | None = None) -> StepResult:
    """Remove HTML/markdown/table residue; flag ``table_residue``.

    ``<script>``/``<style>`` blocks, comments, entities (``&nbsp;`` -> space,
    ``&#x4e2d;`` -> 中, broken ``&9826;`` dropped), known HTML tags (the list
    is data), markdown images, links and heading marks, table pipes and rules.
    Text in angle brackets that is not a tag (``<建立健全…规划>``) is kept.

    Examples
    --------
    >>> markup("| 标题:通知 |", "").text
    '标题:通知'
    >>> markup("<建立健全惩治和预防腐败体系>", "").text
    '<建立健全惩治和预防腐败体系>'
    """
    table = patterns or default_patterns()
    ch = _Chain(text)
    if "<" in text:
        ch.apply(*_spans_to_edits(ch.text, _script_spans(ch.text), "markup"))
        ch.apply(*edits_from_matches(ch.text, _COMMENT.finditer(ch.text), "markup"))
    if "&" in text:
        ch.apply(*edits_from_matches(ch.text, _ENTITY.finditer(ch.text), "markup", _entity_repl))
    if "<" in ch.text:
        rx = _tag_rx(tuple(table.get("markup", "html_tags")))
        ch.apply(*edits_from_matches(ch.text, rx.finditer(ch.text), "markup"))
    if "]" in ch.text and "](" in ch.text:  # one-character test first: a memchr scan
        ch.apply(*edits_from_matches(ch.text, _MD_IMAGE.finditer(ch.text), "markup"))
        ch.apply(
            *edits_from_matches(ch.text, _MD_LINK.finditer(ch.text), "markup", lambda m: m.group(1))
        )
    if "#" in ch.text:
        ch.apply(*edits_from_matches(ch.text, _md_headings(ch.text), "markup"))
    if "|" in ch.text:
        ch.apply(*edits_from_matches(ch.text, _TABLE_RULE.finditer(ch.text), "markup"))
        ch.apply(*_spans_to_edits(ch.text, _pipe_spans(ch.text), "markup"))
    return StepResult(ch.text, ch.edits, ["table_residue"] if ch.edits else [])


# -- 4. pinyin annotations ---------------------------------------------------------
_PY_LETTERS = "a-zA-ZüüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿêÜ"
# the bracket comes first (the look-behind includes it) so the engine jumps from bracket to bracket
_PINYIN = re.compile(
    rf"[(（](?<=[{HAN}][(（])[{_PY_LETTERS}]{{1,7}}[0-5]?[)）]"
    rf"(?:[(（][{_PY_LETTERS}]{{1,7}}[0-5]?[)）]){{0,2}}"
)
_PY_ONE = re.compile(rf"[(（]([{_PY_LETTERS}]{{1,7}})[0-5]?[)）]")


@functools.lru_cache(maxsize=1)
def _py_lead() -> np.ndarray:
    """Per code point: whether it is a pinyin letter (all are in the BMP)."""
    lut = np.zeros(0x110000, dtype=bool)
    letters = re.compile(f"[{_PY_LETTERS}]")
    for c in range(_LUT_SIZE):
        if not 0xD800 <= c <= 0xDFFF:
            lut[c] = letters.match(chr(c)) is not None
    return lut


def _toneless(s: str) -> str:
    s = unicodedata.normalize("NFD", s.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("ü", "v").replace("u:", "v")


@functools.lru_cache(maxsize=20000)
def _readings(ch: str) -> frozenset[str]:
    from pypinyin import Style, pinyin

    got = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
    out = {_toneless(r) for group in got for r in group}
    out |= {r.replace("v", "u") for r in out}
    return frozenset(out)


@_named("pinyin")
def pinyin(text: str, view: str) -> StepResult:
    """Remove pinyin glued after a Han character: ``衛(wèi)生`` -> ``衛生``; flag ``pinyin_annotations``.

    A parenthesis is removed only when it holds a syllable that is a reading
    of the character before it (checked with pypinyin, on the character and
    its Simplified form); ``区(市)县``, ``(试行)``, ``(1)``, ``款(a)`` stay.

    Examples
    --------
    >>> pinyin("進(jin)入 的(de)(de) 款(a)", "进(jin)入 的(de)(de) 款(a)").text
    '進入 的 款(a)'
    """
    if "(" not in text and "（" not in text:
        return StepResult(text, [])
    # a match opens with a bracket followed by a pinyin letter: find those on the code
    # points (brackets are common in notices, bracket + Latin letter is rare), then try
    # the pattern only there, as finditer would (left to right, no overlaps)
    codes = _code_points(text)
    br = np.flatnonzero((codes[:-1] == 0x28) | (codes[:-1] == 0xFF08))
    starts = br[_py_lead()[codes[br + 1]]].tolist() if len(br) else []
    spans: list[tuple[int, int, str]] = []
    last = 0
    for p in starts:
        if p < last:
            continue
        m = _PINYIN.match(text, p)
        if m is None:
            continue
        last = m.end()
        s = m.start()
        chars = {text[s - 1], view[s - 1] if len(view) == len(text) else text[s - 1]}
        readings = frozenset().union(*(_readings(c) for c in chars))
        sylls = [_toneless(p.group(1)) for p in _PY_ONE.finditer(m.group())]
        if sylls and all(sy in readings for sy in sylls):
            spans.append((s, m.end(), ""))
    new, edits = _spans_to_edits(text, spans, "pinyin_annotations")
    return StepResult(new, edits, ["pinyin_annotations"] if edits else [])


# -- 5. paywall / truncation notices -----------------------------------------------------
@functools.lru_cache(maxsize=8)
def _paywall_rx(notices: tuple[str, ...], login: tuple[str, ...]) -> re.Pattern[str]:
    # group names are made unique per pattern (omitted__0, omitted__2, ...)
    return re.compile(_alternation([*notices, *login]), re.MULTILINE)


@_named("paywall")
def paywall(text: str, view: str, *, patterns: PatternTable | None = None) -> StepResult:
    """Remove paywall/login notices, keep their numbers; flag ``paywall_truncated``.

    ``info`` gets ``omitted_chars`` (省略N字), ``full_length`` and
    ``shown_length`` (全文共N字，当前只显示M字).

    Examples
    --------
    >>> t = "正文……(某某网省略744字,正式会员可完整阅读)……后文"
    >>> r = paywall(t, t)
    >>> r.text, r.info["omitted_chars"]
    ('正文后文', 744)
    """
    table = patterns or default_patterns()
    lines = table.candidate_lines(view, ("paywall", "notices"), ("paywall", "login"))
    if not lines:
        return StepResult(text, [])
    rx = _paywall_rx(tuple(table.get("paywall", "notices")), tuple(table.get("paywall", "login")))
    info: dict[str, Any] = {}
    spans = []
    for m in (m for ls, le in lines for m in rx.finditer(view, ls, le)):
        for key, val in m.groupdict().items():
            if val is not None:
                name = key.split("__")[0]
                field = {
                    "omitted": "omitted_chars",
                    "full": "full_length",
                    "shown": "shown_length",
                }.get(name, name)
                info[field] = (
                    info.get(field, 0) + int(val) if field == "omitted_chars" else int(val)
                )
        spans.append((m.start(), m.end(), ""))
    new, edits = _spans_to_edits(text, spans, "paywall")
    return StepResult(new, edits, ["paywall_truncated"] if edits else [], info if edits else {})


# -- 6. pagination -------------------------------------------------------------------
_PAGE_NUM = re.compile(r"\[(\d{1,4})\]|共\s{0,2}(\d{1,4})\s{0,2}页|(?<![\d\[])(\d{1,4})(?![\d\]])")


@_named("pagination")
def pagination(text: str, view: str, *, patterns: PatternTable | None = None) -> StepResult:
    """Remove pagination footers (``上一页 [1] [2] 下一页``, ``第2页``, ``共7页``); flag ``pagination``.

    ``info["page_count"]`` is the highest page number seen.

    Examples
    --------
    >>> t = "正文。\\n上一页 [1] [2] [3] 下一页"
    >>> r = pagination(t, t)
    >>> r.text, r.info
    ('正文。\\n', {'page_count': 3})
    """
    table = patterns or default_patterns()
    if "页" not in view:
        return StepResult(text, [])
    spans = []
    pages = 0
    for s, e, line in table.line_spans("pagination", "lines", view):
        for n in _PAGE_NUM.finditer(line):
            pages = max(pages, int(next(g for g in n.groups() if g)))
        spans.append((s, e, ""))
    new, edits = _spans_to_edits(text, spans, "pagination")
    if not edits:
        return StepResult(text, [])
    return StepResult(new, edits, ["pagination"], {"page_count": pages} if pages else {})


# -- 7. site chrome and spam ----------------------------------------------------------
@_named("chrome")
def chrome(text: str, view: str, *, patterns: PatternTable | None = None) -> StepResult:
    """Remove site chrome (breadcrumbs, metadata lines, disclaimers, toolbars, footers) and spam.

    Patterns come from the ``chrome`` and ``spam`` groups of the pattern table
    and are matched on the Simplified view. Flags ``site_boilerplate``/``spam``.

    Examples
    --------
    >>> t = "标题\\n時間:2022-03-12 11:04:00\\n正文。"
    >>> chrome(t, "标题\\n时间:2022-03-12 11:04:00\\n正文。").text
    '标题\\n正文。'
    """
    table = patterns or default_patterns()
    ch = _Chain(text)
    flags: list[str] = []
    cur_view = view
    passes = (
        ("spam", "lines", "spam", "spam"),
        ("chrome", "lines", "site_chrome", "site_boilerplate"),
        ("chrome", "inline", "site_chrome", "site_boilerplate"),
    )
    refs = tuple((group, key) for group, key, _, _ in passes)
    # removing a span can turn what is left of its line into chrome: repeat (bounded).
    # One scan for the literals of all three passes; a line holding none of them cannot
    # match any pass (later passes see the lines shifted by earlier removals). Removals
    # only delete (whole lines, or spans inside a candidate line), so a later round needs
    # no new scan: a line without a trigger before has none after, and the candidates
    # carried along (:func:`_lines_after`) are still a superset.
    lines = table.candidate_lines(cur_view, *refs)
    for _round in range(3):
        if not lines:
            break
        changed = False
        for group, key, kind, flag in passes:
            if key == "lines":
                spans = [(s, e, kind) for s, e, _ in table.line_spans(group, key, cur_view, lines)]
            else:
                found = table.inline_matches(group, key, cur_view, lines)
                spans = [(m.start(), m.end(), kind) for m in found]
            edits = _kind_edits(ch.text, spans)
            if ch.apply(_apply_to(ch.text, edits), edits):
                cur_view = _apply_to(cur_view, edits)
                lines = _lines_after(lines, edits)
                changed = True
                if flag not in flags:
                    flags.append(flag)
        if not changed:
            break
    return StepResult(ch.text, ch.edits, flags)


def _lines_after(lines: list[tuple[int, int]], edits: list[Edit]) -> list[tuple[int, int]]:
    """Candidate lines moved past removals: lines inside one are dropped, the rest shift.

    ``edits`` only remove text: whole lines (with their newline), or spans inside
    one line, which shorten it (the end moves back).
    """
    out: list[tuple[int, int]] = []
    k, shift, m = 0, 0, len(edits)
    for ls, le in lines:
        while k < m and edits[k].end <= ls:
            shift += edits[k].end - edits[k].start
            k += 1
        if k < m and edits[k].start <= ls < edits[k].end:
            continue  # the line went
        cut = 0
        j = k
        while j < m and edits[j].start < le:
            cut += min(edits[j].end, le) - edits[j].start
            j += 1
        out.append((ls - shift, le - shift - cut))
    return out


def _kind_edits(text: str, spans: list[tuple[int, int, str]]) -> list[Edit]:
    """Removal edits from sorted ``(start, end, kind)`` spans (overlaps are skipped)."""
    edits: list[Edit] = []
    pos = 0
    for s, e, kind in spans:
        if s < pos or s == e:
            continue
        edits.append(Edit(kind, s, e, text[s:e], ""))
        pos = e
    return edits


# -- 8. whitespace -----------------------------------------------------------------------
_WS_RUN = re.compile(r"[ \t]+")
# only the runs of blanks that change: two or more, a tab, or one at a line edge (a single
# space inside a line stays); every alternative opens with [ \t], so the engine skips along
_WS_FIX = re.compile(r"[ \t](?:[ \t]+|(?<=\t)|(?<=^[ \t])|(?=\n|\Z))", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n\n\n+")


class _BlankRepl:
    """Replacement of a run of blanks: nothing at a line edge, else one space."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __call__(self, m: re.Match) -> str:
        s, e = m.span()
        t = self.text
        return "" if s == 0 or e == len(t) or t[s - 1] == "\n" or t[e] == "\n" else " "


# a space between two Han characters that isolates a single character (letter-spaced
# titles 通 知, names 龚 正, wrapped words 加 快发展); not before a numbered heading 一、.
# The space comes first (look-behinds include it) so the engine jumps from space to space.
_HAN_SPACE = re.compile(
    rf" (?<=[{HAN}] )(?:(?<![\w][{HAN}] )(?=[{HAN}])(?![{HAN}][、.．])"
    rf"|(?=[{HAN}](?![\w、.．])))"
)


def _blank_spans(text: str) -> list[tuple[int, int, str]]:
    """What ``_WS_FIX.finditer`` with :class:`_BlankRepl` replaces.

    A maximal run of blanks changes when it is two or more long, a tab, or at a line edge;
    it is replaced by nothing at a line edge, else by one space. A text with a few
    hundred blanks at most (most notices) is walked with ``str.find``; more are found on
    the code points.
    """
    tabs = text.count("\t")
    if text.count(" ") + tabs <= 256:
        return _blank_spans_few(text, tabs > 0)
    codes = _code_points(text)
    # two comparisons on the code points are cheaper than a table lookup per character
    blank = codes == 32
    if "\t" in text:
        blank |= codes == 9
    idx = np.flatnonzero(blank)
    if not len(idx):
        return []
    n = len(codes)
    brk = np.flatnonzero(np.diff(idx) != 1)
    starts = np.concatenate((idx[:1], idx[brk + 1]))
    ends = np.concatenate((idx[brk], idx[-1:])) + 1
    before = codes[np.maximum(starts - 1, 0)]
    after = codes[np.minimum(ends, n - 1)]
    at_start = (starts == 0) | (before == 10)
    at_end = (ends == n) | (after == 10)
    keep = (ends - starts >= 2) | (codes[starts] == 9) | at_start | at_end
    edge = (at_start | at_end)[keep].tolist()
    return [
        (s, e, "" if g else " ")
        for s, e, g in zip(starts[keep].tolist(), ends[keep].tolist(), edge)
    ]


def _blank_spans_few(text: str, has_tab: bool) -> list[tuple[int, int, str]]:
    """:func:`_blank_spans` by jumping from blank to blank with ``str.find`` (memchr)."""
    out: list[tuple[int, int, str]] = []
    n = len(text)
    find = text.find
    ns = find(" ")
    nt = find("\t") if has_tab else -1
    while ns >= 0 or nt >= 0:
        s = ns if nt < 0 or 0 <= ns < nt else nt
        e = s + 1
        while e < n and text[e] in " \t":
            e += 1
        edge = s == 0 or e == n or text[s - 1] == "\n" or text[e] == "\n"
        if edge or e - s >= 2 or text[s] == "\t":
            out.append((s, e, "" if edge else " "))
        if 0 <= ns < e:
            ns = find(" ", e)
        if 0 <= nt < e:
            nt = find("\t", e)
    return out


@functools.lru_cache(maxsize=8)
def _keep_space_rx(items: tuple[str, ...]) -> re.Pattern[str] | None:
    if not items:
        return None
    return re.compile(r"^[^\n]{0,40}?(?:" + "|".join(items) + r")[^\n]*", re.MULTILINE)


def _kept_spans(text: str, table: PatternTable) -> list[tuple[int, int]]:
    """Lines (from their start) whose spaces are separators (``whitespace.keep_spaces``)."""
    keep = _keep_space_rx(tuple(table.get("whitespace", "keep_spaces")))
    if keep is None:
        return []
    out = []
    for ls, _le in table.candidate_lines(text, ("whitespace", "keep_spaces")):
        m = keep.match(text, ls)
        if m is not None:
            out.append(m.span())
    return out


# (text, table) of the last output of the horizontal pass. The pass is idempotent (its
# output has no blank run to fix and no space it would drop: test_spaces_idempotent), so
# when ``whitespace`` gets the very text ``spaces`` returned (no step between changed
# anything) the horizontal pass is skipped. Replaced as one tuple, so threads never mix.
_last_horizontal: tuple[str | None, Any] = (None, None)


def _whitespace(text: str, table: PatternTable, *, blank_lines: bool) -> tuple[str, list[Edit]]:
    global _last_horizontal
    ch = _Chain(text)
    last = _last_horizontal
    if not (last[0] is text and last[1] is table):
        if " " in text or "\t" in text:
            ch.apply(*_spans_to_edits(ch.text, _blank_spans(ch.text), "whitespace"))
        if " " in ch.text:
            matches = list(_HAN_SPACE.finditer(ch.text))
            if matches:  # keyword lines are looked for only when there is a space to drop
                kept = _kept_spans(ch.text, table)
                if kept:
                    matches = [m for m in matches if not any(s <= m.start() < e for s, e in kept)]
                ch.apply(*edits_from_matches(ch.text, iter(matches), "whitespace"))
        _last_horizontal = (ch.text, table)
    if blank_lines:
        if "\n\n\n" in ch.text:
            ch.apply(
                *edits_from_matches(ch.text, _BLANK_LINES.finditer(ch.text), "whitespace", "\n\n")
            )
        t = ch.text
        lead = len(t) - len(t.lstrip("\n"))
        trail = len(t) - len(t.rstrip("\n")) if lead < len(t) else 0
        edges = [(0, lead, ""), (len(t) - trail, len(t), "")]
        ch.apply(*_spans_to_edits(t, [sp for sp in edges if sp[1] > sp[0]], "whitespace"))
    return ch.text, ch.edits


@_named("spaces")
def spaces(text: str, view: str, *, patterns: PatternTable | None = None) -> StepResult:
    """The horizontal part of :func:`whitespace`, run early so phrase patterns see clean lines.

    Examples
    --------
    >>> spaces("来源：解放日报 一", "").text
    '来源：解放日报一'
    """
    new, edits = _whitespace(text, patterns or default_patterns(), blank_lines=False)
    return StepResult(new, edits, [])


@_named("whitespace")
def whitespace(text: str, view: str, *, patterns: PatternTable | None = None) -> StepResult:
    """Collapse spaces, strip lines, keep at most one blank line, drop spaces inside Han words.

    Policy: a space between two Han characters is removed when it isolates a
    single character (``加 快发展``, ``龚 正``, ``通 知``); spaces between
    multi-character words are separators and stay (``主题词:先进 王争艳``),
    and keyword lines (``whitespace.keep_spaces``) are left alone. Spaces
    between digits and Han characters are kept (``1999年10月22日 浙江省``).

    Examples
    --------
    >>> whitespace("加 快发展  经济\\n\\n\\n\\n下一段 ", "").text
    '加快发展 经济\\n\\n下一段'
    """
    new, edits = _whitespace(text, patterns or default_patterns(), blank_lines=True)
    return StepResult(new, edits, [])


# -- 9. duplicated header ---------------------------------------------------------------
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十百]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．](?!\d)"
    r"|第[一二三四五六七八九十百零\d]{1,4}[章节条部分篇]|[①-⑳]|——|—|附件|附[:：])"
)


# what follows a title glued to the body is a sentence (今年2月,在…开展活动。), not a
# qualifier of the title ((1945年), 〔2010〕, 《…》, 第二版) or a short label
_GLUED_BODY = re.compile(r"(?![(（\[【〔《<])[^\n]{0,60}?[，,。；;：:！？!?]")


def _head_lines(text: str, k: int) -> list[tuple[int, int]]:
    """``(start, end)`` of the first ``k`` non-empty lines (without splitting the whole text)."""
    out: list[tuple[int, int]] = []
    pos, n = 0, len(text)
    while len(out) < k and pos <= n:
        end = text.find("\n", pos)
        if end < 0:
            end = n
        if end > pos:
            out.append((pos, end))
        pos = end + 1
    return out


@_named("duplicates")
def duplicates(text: str, view: str, *, options: NormalizeOptions | None = None) -> StepResult:
    """Keep one copy of a repeated title or of a header block run together on one line.

    Only the top ``options.head_lines`` non-empty lines are searched, so body
    sentences that legitimately repeat are never touched. Flag
    ``duplicated_header``.

    Examples
    --------
    >>> t = "整改措施\\n\\n整改措施\\n\\n按照部署，现提出措施："
    >>> duplicates(t, t).text
    '整改措施\\n\\n按照部署，现提出措施：'
    """
    opts = options or _DEFAULT_OPTIONS
    lines = _head_lines(text, opts.head_lines)
    strs = [text[s:e] for s, e in lines]
    spans: list[tuple[int, int, str]] = []
    # (a) a header block glued on one line, then repeated line by line
    for i, (s, e) in enumerate(lines):
        if e - s < 2 * opts.dup_block_min_chars:
            continue
        line = strs[i]
        pos, found = 0, []
        for piece in strs[i + 1 : i + 31]:
            if len(piece) < 4:
                continue
            k = line.find(piece, pos)
            if k < 0:
                continue
            if found and k - found[-1][1] > opts.dup_block_max_gap:
                break
            found.append((k, k + len(piece)))
            pos = k + len(piece)
        if len(found) >= 3:
            covered = sum(b - a for a, b in found)
            a0, b0 = found[0][0], found[-1][1]
            if covered >= opts.dup_block_min_chars and covered * 2 >= b0 - a0:
                spans.append((s + a0, s + b0, ""))
                break
    # (b) a title repeated 2-3 times: keep the first
    for i, title in enumerate(strs):
        if not (4 <= len(title) <= opts.title_max_len) or "。" in title or _HEADING.match(title):
            continue
        glued: list[tuple[int, int, str]] = []
        for (s2, e2), other in zip(lines[i + 1 :], strs[i + 1 :]):
            if other == title:
                start = s2
                while start > 0 and text[start - 1] == "\n":
                    start -= 1
                spans.append((start, e2, ""))
            elif other.startswith(title + " ") and _GLUED_BODY.match(other, len(title) + 1):
                glued.append((s2, s2 + len(title) + 1, ""))
        # the title glued to the first sentence of the body happens once; several lines
        # opening with it are a list of its versions (論聯合政府 (1945年), ... (1953年))
        if len(glued) == 1:
            spans.extend(glued)
        if spans:
            break
    spans.sort()
    new, edits = _spans_to_edits(text, spans, "duplicates")
    return StepResult(new, edits, ["duplicated_header"] if edits else [])


# -- 10. broken lines ---------------------------------------------------------------------
# a page-number line (group 1), found from the newline before it (the engine jumps between newlines)
_PAGE_RESIDUE = re.compile(r"\n(?=([ \t]*[-—–]{1,2}[ \t]*\d{1,4}[ \t]*[-—–]{1,2}[ \t]*\n))")
# a line break after a character a sentence can run on from, before a non-empty line
_WRAP_BREAK = re.compile(rf"\n(?<=[{HAN}A-Za-z0-9，,、“‘《〈(（\-]\n)(?=[^\n])")
_WRAP_OK_END = re.compile(rf"[{HAN}A-Za-z0-9，,、“‘《〈(（\-]\Z")


@_named("broken_lines")
def broken_lines(text: str, view: str, *, options: NormalizeOptions | None = None) -> StepResult:
    """Rejoin hard-wrapped lines and drop PDF page-number lines; flag ``broken_lines``.

    A break is joined when the logical line before it is at least
    ``options.wrap_min_line`` long, stops mid-sentence, is not a heading, and
    the next line is not a heading and either ends a sentence or is long
    itself. Blank lines (paragraphs) are never joined.

    Examples
    --------
    >>> t = "区卫生局成立领导小组，局长王跃刚为组长，副局长张铭为副组长，纪委书记江\\n珂，负责学习活动的具体组织。"
    >>> broken_lines(t, t).text
    '区卫生局成立领导小组，局长王跃刚为组长，副局长张铭为副组长，纪委书记江珂，负责学习活动的具体组织。'
    """
    opts = options or _DEFAULT_OPTIONS
    ch = _Chain(text)
    residue = [(m.start(1), m.end(1), "") for m in _PAGE_RESIDUE.finditer(ch.text)]
    ch.apply(*_spans_to_edits(ch.text, residue, "broken_lines"))
    cur = ch.text
    n = len(cur)
    spans: list[tuple[int, int, str]] = []
    # only breaks after a character a sentence runs on from, before a non-empty line, can
    # join; a logical line starts at its line unless the break before that line was joined
    joined_to = -1  # start of the line after the last joined break
    logical_start = 0
    for m in _WRAP_BREAK.finditer(cur):
        e = m.start()
        s = cur.rfind("\n", 0, e) + 1
        if s != joined_to:
            logical_start = s
        s2 = e + 1
        e2 = cur.find("\n", s2)
        if e2 < 0:
            e2 = n
        nxt = cur[s2:e2]
        logical = cur[logical_start:e]
        join = (
            nxt
            and len(logical) >= opts.wrap_min_line
            and _WRAP_OK_END.search(logical) is not None
            and not _HEADING.match(cur[logical_start : logical_start + 8])
            and not _HEADING.match(nxt)
            and "|" not in nxt
            and "|" not in logical
            and (nxt[-1] in "。！？!?；;" or len(nxt) >= opts.wrap_min_line)
        )
        if join:
            ascii_pair = (
                cur[e - 1].isascii()
                and nxt[0].isascii()
                and cur[e - 1].isalnum()
                and nxt[0].isalnum()
            )
            spans.append((e, s2, " " if ascii_pair else ""))
            joined_to = s2
    ch.apply(*_spans_to_edits(cur, spans, "broken_lines"))
    return StepResult(ch.text, ch.edits, ["broken_lines"] if ch.edits else [])


def _first_last_lines(text: str) -> tuple[str, str]:
    """First and last line of ``text.strip()`` (without copying the whole text)."""
    n = len(text)
    a = 0
    while a < n and text[a].isspace():
        a += 1
    if a == n:
        return "", ""
    b = n
    while text[b - 1].isspace():
        b -= 1
    i = text.find("\n", a, b)
    j = text.rfind("\n", a, b)
    return text[a : b if i < 0 else i], text[a if j < 0 else j + 1 : b]


# -- 11. markers: redactions, placeholders, truncation (no edits) --------------------------


@_named("markers")
def markers(
    text: str,
    view: str,
    *,
    patterns: PatternTable | None = None,
    options: NormalizeOptions | None = None,
) -> StepResult:
    """Flag redactions, placeholders and truncation; never edits.

    ``info["redactions"]`` / ``info["placeholders"]`` hold ``[start, end]``
    positions in the normalized text (script conversion keeps lengths, so they
    are final-text positions). ``truncated_start`` / ``truncated_end`` are
    raised when the text begins or ends mid-sentence.

    Examples
    --------
    >>> r = markers("文明×××单位，20XX年。", "文明×××单位，20XX年。")
    >>> r.flags, r.info["redactions"], r.info["placeholders"]
    (['redactions', 'placeholders'], [[2, 5]], [[8, 12]])
    """
    table = patterns or default_patterns()
    opts = options or _DEFAULT_OPTIONS
    flags: list[str] = []
    info: dict[str, Any] = {}
    for key in ("redactions", "placeholders"):
        # only lines holding a trigger literal (**, ××, XX, 〔 ...) are searched
        pos = [[m.start(), m.end()] for m in table.inline_matches("markers", key, view)]
        if pos:
            flags.append(key)
            info[key] = pos[: opts.max_marker_positions]
    first, last = _first_last_lines(text)
    if first:
        start_ok = table.inline("truncation", "start_ok")
        vfirst = _first_last_lines(view)[0] if len(view) == len(text) else first
        if first[0] in "，。、；：,.;:)）」”』》" or (
            len(first) >= opts.truncated_start_min_line
            and not (start_ok and start_ok.match(vfirst))
            and not re.search("[:：]", first[:30])
        ):
            flags.append("truncated_start")
        if (
            len(last) >= opts.truncated_end_min_line
            and last[-1] not in _END_PUNCT
            and last[-1] not in "日份号年月"
            and re.match(rf"[{HAN}A-Za-z0-9，,、]", last[-1])
        ):
            flags.append("truncated_end")
    return StepResult(text, [], flags, info)
