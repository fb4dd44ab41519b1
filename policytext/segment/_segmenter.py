"""The :class:`Segmenter`: a private dictionary, protected spans, picklable."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from ._backends import BackendName, make_backend
from ._protect import _BRACKETS, _OPEN_QUOTES, ProtectedFinder

__all__ = ["Segmenter", "load_stopwords", "segment"]

logger = logging.getLogger("policytext.segment")

SEP = "\x1f"  # unit separator: joins the tokens of one document for transport and storage
_PH = "\ue000"  # stands for a protected span in the text handed to the backend
_WSPH = "\ue001"  # stands for a whitespace run (dropped from the result)
_SEP_WSPH = SEP + _WSPH


def _data(name: str) -> Path:
    return Path(str(resources.files("policytext") / "data" / name))


def _read_dict(path: str | os.PathLike[str]) -> list[tuple[str, int | None, str | None]]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            tag = (
                parts[2]
                if len(parts) > 2
                else (parts[1] if len(parts) > 1 and not parts[1].isdigit() else None)
            )
            out.append((parts[0], freq, tag))
    return out


def load_stopwords(path: str | os.PathLike[str] | None = None) -> set[str]:
    """Officialese stopwords (认真, 切实, 进一步…) shipped with policytext, or from ``path``.

    Examples
    --------
    >>> "切实" in load_stopwords()
    True
    """
    p = Path(path) if path else _data("stopwords_officialese.txt")
    with open(p, encoding="utf-8") as fh:
        return {w.strip() for w in fh if w.strip() and not w.lstrip().startswith("#")}


class Segmenter:
    """Word segmenter for policy text with its own dictionary state.

    The backend (``rjieba`` by default when installed, else ``jieba``) is built
    lazily on first use, with the shipped policy dictionary, ``user_dict`` and
    ``extra_words`` added to *this* instance only (jieba's global tokenizer is
    never touched). Protected spans — formulas, short quotations, 《titles》,
    document numbers, dates, numbers and ``protected`` terms — are never split.
    Segmenters pickle without their native tokenizer and rebuild it lazily, so
    they travel to process pools and Dask workers.

    Parameters
    ----------
    backend : {"rjieba", "jieba"}, optional
        Segmentation engine; ``None`` picks the fastest installed.
    user_dict : path, optional
        Extra dictionary in jieba format (``word [freq] [tag]`` per line).
    extra_words : iterable of str
        Words to add to the dictionary.
    protected : iterable of str
        Terms never split (e.g. ``lexicon(corpus)["text"]``).
    policy_dict : bool
        Load the shipped officialese dictionary.
    stopwords : bool or path
        Drop officialese stopwords (``True``: the shipped list).
    hmm : bool
        Use the HMM for unknown words (off by default: faster, reproducible).
    drop_space : bool
        Drop whitespace tokens.

    Examples
    --------
    >>> seg = Segmenter()
    >>> seg("以“12345”工作思路为载体,践行八荣八耻")
    ['以', '“', '12345', '”', '工作思路', '为', '载体', ',', '践行', '八荣八耻']
    >>> import pickle
    >>> pickle.loads(pickle.dumps(seg))("十四五规划")
    ['十四五', '规划']
    """

    def __init__(
        self,
        *,
        backend: BackendName | None = None,
        user_dict: str | os.PathLike[str] | None = None,
        extra_words: Iterable[str] = (),
        protected: Iterable[str] = (),
        policy_dict: bool = True,
        stopwords: bool | str | os.PathLike[str] = False,
        hmm: bool = False,
        drop_space: bool = True,
    ) -> None:
        if backend not in (None, "rjieba", "jieba"):
            raise ValueError(f"backend={backend!r} is not one of None, 'rjieba', 'jieba'")
        self.backend = backend
        self.user_dict = str(user_dict) if user_dict else None
        self.extra_words = list(extra_words)
        self.policy_dict = policy_dict
        self.stopwords = str(stopwords) if isinstance(stopwords, os.PathLike) else stopwords
        self.hmm = hmm
        self.drop_space = drop_space
        self._finder = ProtectedFinder(protected)
        self._engine = None
        self._stop: set[str] | None = None

    # -- pickling ------------------------------------------------------------
    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["_engine"] = None  # native tokenizers do not pickle; rebuilt lazily
        state["_finder"] = ProtectedFinder(self._finder.terms, quotes=self._finder.quotes)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    # -- building ------------------------------------------------------------
    @property
    def engine(self):
        """The backend, built on first use."""
        if self._engine is None:
            eng = make_backend(self.backend, hmm=self.hmm)
            words: list[tuple[str, int | None, str | None]] = []
            if self.policy_dict:
                words += _read_dict(_data("policy_dict.txt"))
            if self.user_dict:
                words += _read_dict(self.user_dict)
            words += [(w, None, None) for w in self.extra_words]
            for w, f, t in words:
                eng.add_word(w, f, t)
            logger.debug("segmenter %s ready (%d added words)", type(eng).__name__, len(words))
            self._engine = eng
            if self.stopwords:
                self._stop = load_stopwords(None if self.stopwords is True else self.stopwords)
        return self._engine

    @property
    def backend_name(self) -> str:
        """Name of the backend in use (builds it)."""
        return self.engine.name

    def add_words(self, words: Iterable[str]) -> None:
        """Add words to this segmenter's dictionary (no other segmenter changes)."""
        words = list(words)
        self.extra_words += words
        if self._engine is not None:
            for w in words:
                self._engine.add_word(w, None, None)

    def protect(self, terms: Iterable[str]) -> None:
        """Never split ``terms`` (e.g. formulas of a corpus lexicon)."""
        self._finder.add(terms)

    # -- segmenting ----------------------------------------------------------
    def _pieces(self, text: str):
        """Yield ``(piece, protected)`` runs covering ``text``."""
        pos = 0
        for s, e, span in self._finder.spans(text):
            if s > pos:
                yield text[pos:s], False
            yield span, True
            pos = e
        if pos < len(text):
            yield text[pos:], False

    def _cut_parts(self, gaps: list[str], prot: list[str]) -> str:
        """Cut ``gaps`` in one backend call and weave ``prot`` (already joined) between them.

        The gaps are joined with a placeholder that the backends always emit as a
        token of its own (a private-use character, a hard block boundary for
        jieba and rjieba alike), whitespace runs become another such character
        (dropped afterwards), and the placeholders in the joined result are
        replaced by the protected spans with plain string operations.
        """
        text2 = _PH.join(gaps)
        if self.drop_space:  # str.split() splits on what str.isspace() accepts
            text2 = _WSPH.join(text2.split())
        joined = SEP.join(self.engine.cut(text2))
        if self.drop_space and _WSPH in joined:
            joined = joined.replace(_SEP_WSPH, "")
            if joined.startswith(_WSPH):
                joined = joined[2:]
        if not prot:
            return joined
        pieces = joined.split(_PH)
        if len(pieces) != len(prot) + 1:  # cannot happen with jieba-compatible backends
            raise RuntimeError("placeholder tokens lost by the segmentation backend")
        woven = [""] * (2 * len(pieces) - 1)
        woven[::2] = pieces
        woven[1::2] = prot
        return "".join(woven)

    def _fast_ok(self, text: str) -> bool:
        return self.drop_space and _PH not in text and _WSPH not in text and SEP not in text

    def segment_joined(self, text: str) -> str:
        """Tokens of ``text`` joined by ``SEP`` (``"\\x1f"``), the compact form :class:`Tokens` keeps.

        Examples
        --------
        >>> Segmenter().segment_joined("践行八荣八耻").split("\\x1f")
        ['践行', '八荣八耻']
        """
        if not text:
            return ""
        if not self._fast_ok(text):
            return SEP.join(self._segment_slow(text))
        self.engine  # noqa: B018  (builds the dictionary and the stopword list)
        finder = self._finder
        if finder.has_terms:
            gaps, prot, pos = [], [], 0
            for s, e, span in finder.spans(text):
                if span.isspace():  # (an empty quotation) left in the gap: dropped there
                    continue
                gaps.append(text[pos:s])
                prot.append(span)
                pos = e
            gaps.append(text[pos:])
        else:
            parts = finder.split(text)
            stride = finder.stride
            gaps = parts[::stride]
            prot = parts[1::stride]
            for i, p in enumerate(prot):
                c = p[0]
                if c in _OPEN_QUOTES:  # marks are tokens of their own; the content is kept whole
                    inner = p[1:-1]
                    prot[i] = (
                        f"{c}{SEP}{inner}{SEP}{p[-1]}"
                        if not inner.isspace()
                        else f"{c}{SEP}{p[-1]}"
                    )
                elif c in _BRACKETS:  # 文号: take the issuer (鄂卫党) from the gap before
                    g = gaps[i]
                    k = len(g)
                    while k > 0 and len(g) - k < 8 and "\u4e00" <= g[k - 1] <= "\u9fff":
                        k -= 1
                    if k < len(g):
                        prot[i] = g[k:] + p
                        gaps[i] = g[:k]
        joined = self._cut_parts(gaps, prot)
        if self._stop:
            stop = self._stop
            joined = SEP.join([t for t in joined.split(SEP) if t not in stop])
        return joined

    def segment(self, text: str) -> list[str]:
        """Segment ``text`` into tokens.

        Examples
        --------
        >>> Segmenter().segment("开展“两会一听”,即座谈会")
        ['开展', '“', '两会一听', '”', ',', '即', '座谈会']
        """
        if not self._fast_ok(text):
            return self._segment_slow(text)
        joined = self.segment_joined(text)
        return joined.split(SEP) if joined else []

    def _segment_slow(self, text: str) -> list[str]:
        """Reference path: cut each gap separately, filter tokens one by one."""
        eng = self.engine
        out: list[str] = []
        for piece, prot in self._pieces(text):
            if prot:
                out.append(piece)
            else:
                out.extend(eng.cut(piece))
        if self.drop_space:
            out = [t for t in out if not t.isspace()]
        if self._stop:
            out = [t for t in out if t not in self._stop]
        return out

    __call__ = segment

    def tag(self, text: str) -> list[tuple[str, str]]:
        """Segment with part-of-speech tags; protected spans are tagged ``x_protected``.

        Examples
        --------
        >>> Segmenter().tag("践行“八荣八耻”")[2]
        ('八荣八耻', 'x_protected')
        """
        eng = self.engine
        out: list[tuple[str, str]] = []
        for piece, prot in self._pieces(text):
            if prot:
                out.append((piece, "x_protected"))
            else:
                out.extend(eng.tag(piece))
        if self.drop_space:
            out = [t for t in out if not t[0].isspace()]
        return out

    def __repr__(self) -> str:
        return f"Segmenter(backend={self.backend!r}, protected={len(self._finder.terms)}, hmm={self.hmm})"


_DEFAULT: Segmenter | None = None


def segment(text: str, *, segmenter: Segmenter | None = None) -> list[str]:
    """Segment one text with ``segmenter`` (default: a shared lazily built :class:`Segmenter`).

    Examples
    --------
    >>> segment("1、3、5为载体")
    ['1、3、5', '为', '载体']
    """
    global _DEFAULT
    if segmenter is None:
        if _DEFAULT is None:
            _DEFAULT = Segmenter()
        segmenter = _DEFAULT
    return segmenter.segment(text)
