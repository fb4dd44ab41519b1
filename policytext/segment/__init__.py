"""Word segmentation for policy text.

:class:`Segmenter` wraps a fast backend (``rjieba``, default when installed) or
the reference ``jieba``, each instance with its own dictionary (the shipped
officialese dictionary plus user words), and keeps protected spans — formulas,
quoted slogans, 《titles》, 文号, dates and numbers — whole. :func:`tokens`
segments a whole corpus (optionally over processes) into a :class:`Tokens`
object that keeps doc ids and docvars.

Examples
--------
>>> from policytext.segment import Segmenter
>>> Segmenter(extra_words=["两会一听"])("推行两会一听方式")
['推行', '两会一听', '方式']
"""

from __future__ import annotations

from ._backends import available_backends, cache_dir
from ._protect import ProtectedFinder
from ._segmenter import Segmenter, load_stopwords, segment
from ._tokens import Tokens, segment_texts, tokens

__all__ = [
    "ProtectedFinder",
    "Segmenter",
    "Tokens",
    "available_backends",
    "cache_dir",
    "load_stopwords",
    "segment",
    "segment_texts",
    "tokens",
]
