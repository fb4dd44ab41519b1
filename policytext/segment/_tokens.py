"""Corpus-level tokens: :func:`tokens` and the :class:`Tokens` object."""

from __future__ import annotations

import logging
import multiprocessing as mp
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ._segmenter import SEP, Segmenter

if TYPE_CHECKING:
    import pandas as pd

    from ..corpus import Corpus

__all__ = ["Tokens", "tokens"]

logger = logging.getLogger("policytext.segment")

_WORKER_SEG: Segmenter | None = None


def _init_worker(seg: Segmenter) -> None:
    """Pool initializer: keep the segmenter and build its dictionary once per worker.

    Under ``fork`` the parent's segmenter (dictionary already built) is
    inherited as is; under ``spawn`` it arrives pickled and is rebuilt here.
    """
    global _WORKER_SEG
    _WORKER_SEG = seg
    seg.engine  # noqa: B018


def _work(chunk: list[str]) -> list[str]:
    seg = _WORKER_SEG
    assert seg is not None
    return [seg.segment_joined(t) for t in chunk]


class Tokens:
    """Segmented documents with their ids and document variables.

    Tokens are stored compactly (one joined string per document) and split on
    access. Iterate to get ``list[str]`` per document.

    Examples
    --------
    >>> toks = Tokens(["d1"], [SEP.join(["践行", "八荣八耻"])])
    >>> list(toks)
    [['践行', '八荣八耻']]
    >>> toks.to_frame()["token"].tolist()
    ['践行', '八荣八耻']
    """

    def __init__(
        self, doc_ids: Sequence[str], joined: Sequence[str], docvars: pd.DataFrame | None = None
    ) -> None:
        if len(doc_ids) != len(joined):
            raise ValueError(
                f"doc_ids ({len(doc_ids)}) and joined ({len(joined)}) differ in length"
            )
        self.doc_ids = list(doc_ids)
        self._joined = list(joined)
        self.docvars = docvars

    def __len__(self) -> int:
        return len(self._joined)

    def __getitem__(self, i: int | str) -> list[str]:
        if isinstance(i, str):
            i = self.doc_ids.index(i)
        s = self._joined[i]
        return s.split(SEP) if s else []

    def __iter__(self) -> Iterator[list[str]]:
        for i in range(len(self)):
            yield self[i]

    def items(self) -> Iterator[tuple[str, list[str]]]:
        """``(doc_id, tokens)`` pairs."""
        return zip(self.doc_ids, iter(self))

    def ntokens(self) -> list[int]:
        """Number of tokens per document."""
        return [s.count(SEP) + 1 if s else 0 for s in self._joined]

    def as_strings(self, sep: str = " ") -> list[str]:
        """One string per document, tokens joined by ``sep`` (for scikit-learn vectorizers)."""
        return [s.replace(SEP, sep) for s in self._joined]

    def to_frame(self, *, docvars: bool = True) -> pd.DataFrame:
        """Long frame: one row per token (``doc_id``, ``position``, ``token``) + docvars."""
        import pandas as pd

        ids, pos, toks = [], [], []
        for d, t in self.items():
            ids += [d] * len(t)
            pos += range(len(t))
            toks += t
        df = pd.DataFrame({"doc_id": ids, "position": pos, "token": toks})
        if docvars and self.docvars is not None and len(self.docvars.columns) > 1:
            df = df.merge(self.docvars, on="doc_id", how="left")
        return df

    def __repr__(self) -> str:
        return f"Tokens({len(self)} documents, {sum(self.ntokens())} tokens)"


def _pieces(texts: list[str], size: int) -> tuple[list[str], list[int]]:
    """Cut texts longer than ``size`` at line ends; return the pieces and their text's index."""
    pieces: list[str] = []
    owner: list[int] = []
    for i, t in enumerate(texts):
        if len(t) <= size:
            pieces.append(t)
            owner.append(i)
            continue
        start = 0
        while start < len(t):
            end = min(len(t), start + size)
            if end < len(t):
                nl = t.rfind("\n", start, end)
                end = nl + 1 if nl > start else end
            pieces.append(t[start:end])
            owner.append(i)
            start = end
    return pieces, owner


def segment_texts(
    texts: Sequence[str],
    *,
    segmenter: Segmenter | None = None,
    n_process: int = 1,
    chunk_chars: int | None = None,
) -> list[str]:
    """Segment texts, returning one ``SEP``-joined string per text (process pool when ``n_process > 1``).

    Texts travel to the workers in a few big batches (about four per process,
    or ``chunk_chars`` characters each); texts longer than a batch are cut at
    line ends so that the work balances. Workers get the segmenter once (pool
    initializer; under ``fork`` with its dictionary already built) and send back
    one joined string per piece.
    """
    seg = segmenter or Segmenter()
    texts = list(texts)
    if n_process <= 1 or (len(texts) <= 1 and sum(map(len, texts)) < 100_000):
        return [seg.segment_joined(t) for t in texts]
    seg.engine  # build the dictionary once, before forking  # noqa: B018
    total = sum(map(len, texts))
    size = chunk_chars or max(50_000, -(-total // (4 * n_process)))
    pieces, owner = _pieces(texts, size)
    batches: list[list[str]] = []
    cur: list[str] = []
    n = 0
    for p in pieces:
        cur.append(p)
        n += len(p)
        if n >= size:
            batches.append(cur)
            cur, n = [], 0
    if cur:
        batches.append(cur)
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else "spawn")
    with ctx.Pool(min(n_process, len(batches)), _init_worker, (seg,)) as pool:
        results = [r for batch in pool.imap(_work, batches) for r in batch]
    if len(pieces) == len(texts):  # no text was cut
        return results
    out: list[list[str]] = [[] for _ in texts]
    for i, r in zip(owner, results):
        if r:
            out[i].append(r)
    return [SEP.join(parts) for parts in out]


def tokens(
    corpus: Corpus | Sequence[str],
    *,
    segmenter: Segmenter | None = None,
    n_process: int = 1,
    doc_ids: Sequence[str] | None = None,
) -> Tokens:
    """Segment a corpus (or a list of texts) into a :class:`Tokens` object.

    Parameters
    ----------
    corpus : Corpus or sequence of str
        Documents to segment (their normalized text).
    segmenter : Segmenter, optional
        Default: ``Segmenter()``.
    n_process : int
        Worker processes (fork pool); texts travel in chunks, results come back
        as one joined string per document.
    doc_ids : sequence of str, optional
        Ids when ``corpus`` is a list of texts.

    Examples
    --------
    >>> toks = tokens(["践行八荣八耻", "十四五规划"])
    >>> toks[1]
    ['十四五', '规划']
    """
    docvars: Any = None
    if hasattr(corpus, "texts") and hasattr(corpus, "doc_ids"):
        texts = [t or "" for t in corpus.texts]
        ids = corpus.doc_ids
        docvars = corpus.docvars
    else:
        texts = list(corpus)
        ids = list(doc_ids) if doc_ids is not None else [str(i) for i in range(len(texts))]
    joined = segment_texts(texts, segmenter=segmenter, n_process=n_process)
    return Tokens(ids, joined, docvars)
