"""Segmentation backends behind one small interface: ``cut``, ``tag``, ``add_word``."""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from pathlib import Path
from typing import Literal, Protocol

__all__ = ["Backend", "BackendName", "available_backends", "cache_dir", "make_backend"]

logger = logging.getLogger("policytext.segment")
logger.addHandler(logging.NullHandler())

BackendName = Literal["rjieba", "jieba"]


class Backend(Protocol):
    def cut(self, text: str) -> list[str]: ...

    def tag(self, text: str) -> list[tuple[str, str]]: ...

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None: ...


def cache_dir() -> Path:
    """policytext's cache folder: ``$POLICYTEXT_CACHE``, else ``~/.cache/policytext``, else tmp."""
    env = os.environ.get("POLICYTEXT_CACHE")
    for cand in ([Path(env)] if env else []) + [Path.home() / ".cache" / "policytext"]:
        try:
            cand.mkdir(parents=True, exist_ok=True)
            if os.access(cand, os.W_OK):
                return cand
        except OSError:
            continue
    path = Path(tempfile.gettempdir()) / "policytext"
    path.mkdir(parents=True, exist_ok=True)
    return path


class _Forward(logging.Filter):
    """Drop jieba's records from its own handlers and re-log them on policytext's logger."""

    def filter(self, record: logging.LogRecord) -> bool:
        logger.debug("jieba: %s", record.getMessage())
        return False


@contextlib.contextmanager
def _quiet_jieba():
    jl = logging.getLogger("jieba")
    f = _Forward()
    jl.addFilter(f)
    try:
        yield
    finally:
        jl.removeFilter(f)


class JiebaBackend:
    """Reference backend: a private ``jieba.Tokenizer`` (never ``jieba.dt``)."""

    name = "jieba"

    def __init__(self, *, hmm: bool = False) -> None:
        with _quiet_jieba():
            import jieba

            self._tk = jieba.Tokenizer()
            self._tk.tmp_dir = str(cache_dir())
            self._tk.initialize()
        self.hmm = hmm

    def cut(self, text: str) -> list[str]:
        return self._tk.lcut(text, HMM=self.hmm)

    def tag(self, text: str) -> list[tuple[str, str]]:
        from jieba import posseg

        pt = posseg.POSTokenizer(self._tk)
        return [(p.word, p.flag) for p in pt.lcut(text, HMM=self.hmm)]

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        with _quiet_jieba():
            self._tk.add_word(word, freq, tag)


class RJiebaBackend:
    """Fast backend: a private ``rjieba.Jieba`` instance (Rust port of jieba)."""

    name = "rjieba"

    def __init__(self, *, hmm: bool = False) -> None:
        import rjieba

        self._j = rjieba.Jieba()
        self.hmm = hmm

    def cut(self, text: str) -> list[str]:
        return self._j.cut(text, self.hmm)

    def tag(self, text: str) -> list[tuple[str, str]]:
        return [tuple(t) for t in self._j.tag(text, self.hmm)]

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        self._j.add_word(word, freq, tag)


_BACKENDS = {"jieba": JiebaBackend, "rjieba": RJiebaBackend}


def available_backends() -> list[str]:
    """Names of the installed backends, fastest first.

    Examples
    --------
    >>> "jieba" in available_backends()
    True
    """
    import importlib.util

    return [n for n in ("rjieba", "jieba") if importlib.util.find_spec(n) is not None]


def make_backend(name: str | None, *, hmm: bool = False) -> Backend:
    """Build a backend by name (``None``: the fastest installed)."""
    if name is None:
        avail = available_backends()
        if not avail:
            raise ImportError(
                "No segmentation backend installed: pip install rjieba (fast) or jieba"
            )
        name = avail[0]
    if name not in _BACKENDS:
        raise ValueError(f"Unknown backend {name!r}. Available: {sorted(_BACKENDS)}")
    return _BACKENDS[name](hmm=hmm)
