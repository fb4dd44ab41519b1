"""Compare across regions and time: reprints, text reuse, slogan spread, topics, keyness.

Functions are loaded on first use, so ``import policytext.compare`` is cheap.

>>> from policytext import compare
>>> sorted(compare.__all__)[:3]
['DocumentTermVectorizer', 'ReprintDetector', 'TopicModel']
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "ReprintDetector": "reprints",
    "find_reprints": "reprints",
    "mark_reprints": "reprints",
    "candidate_pairs": "reprints",
    "shingle_hashes": "reprints",
    "shared_passages": "reuse",
    "text_reuse": "reuse",
    "trace": "tracing",
    "kwic": "tracing",
    "first_appearance": "tracing",
    "adoption": "tracing",
    "time_to_adopt": "tracing",
    "spread": "tracing",
    "DocumentTermVectorizer": "dtm",
    "to_gensim": "dtm",
    "place_names": "dtm",
    "TopicModel": "topics",
    "choose_k": "topics",
    "topic_prevalence": "topics",
    "distinctive_topics": "topics",
    "region_similarity": "topics",
    "keyness": "textstat",
    "keyness_matrix": "textstat",
    "adoption_timeline": "plots",
    "topic_heatmap": "plots",
    "keyness_bars": "plots",
    "first_appearance_table": "plots",
    "cjk_font": "plots",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        mod = importlib.import_module(f"{__name__}.{_EXPORTS[name]}")
        value = getattr(mod, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}; available: {__all__}")


def __dir__() -> list[str]:
    return __all__
