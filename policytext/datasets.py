"""Bundled sample data: the five seed notices with region and year metadata."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .corpus import Corpus

__all__ = ["SAMPLE_DIR", "load_sample", "sample_paths"]


def _find_sample_dir() -> Path:
    here = Path(__file__).resolve().parent
    for cand in (here / "data" / "sample", here.parent / "corpora" / "sample"):
        if (cand / "metadata.csv").exists():
            return cand
    return here.parent / "corpora" / "sample"


#: Folder of the bundled sample corpus (five notices + ``metadata.csv``).
SAMPLE_DIR: Path = _find_sample_dir()


def sample_paths() -> list[Path]:
    """Paths of the five sample notices, sorted."""
    return sorted(SAMPLE_DIR.glob("*.txt"))


def load_sample(*, normalize: bool = False, extract: bool = False) -> Corpus:
    """Load the sample corpus as a :class:`~policytext.Corpus` with its metadata.

    Parameters
    ----------
    normalize : bool, default False
        Run the default normalization pipeline.
    extract : bool, default False
        Also run extraction (implies ``normalize``).

    Examples
    --------
    >>> corpus = load_sample()
    >>> len(corpus), corpus.docvars["province"].tolist()[:2]
    (5, ['四川省', '湖北省'])
    """
    from .corpus import Corpus

    corpus = Corpus.from_dir(SAMPLE_DIR, metadata=SAMPLE_DIR / "metadata.csv")
    if normalize or extract:
        corpus = corpus.normalize()
    if extract:
        corpus = corpus.extract()
    return corpus
