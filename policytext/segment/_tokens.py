"""Corpus-level tokens: :func:`tokens` and the :class:`Tokens` object."""

from __future__ import annotations

import logging
import multiprocessing as mp
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ._segmenter import SEP, Segmenter

if TYPE_CHECKING:
    import pandas as pd

    from ..corpus import Corpus

__all__ = ["Tokens", "tokens"]

logger = logging.getLogger("policytext.segment")

_WORKER_SEG: Segmenter | None = None
_SHARED: tuple | None = None  # under fork: (segmenter, pieces, batch bounds, counter), inherited


def _init_worker(seg: Segmenter) -> None:
    """Pool initializer (spawn): keep the segmenter and build its dictionary once per worker."""
    global _WORKER_SEG
    _WORKER_SEG = seg
    seg.engine  # noqa: B018


def _work(chunk: list[str]) -> list[str]:
    seg = _WORKER_SEG
    assert seg is not None
    return [seg.segment_joined(t) for t in chunk]


def _drain(seg: Segmenter, pieces: list[str], bounds: list[tuple[int, int]], counter, emit) -> None:
    """Take batches off the shared counter until none is left; ``emit(batch, results)`` each."""
    while True:
        with counter.get_lock():
            k = counter.value
            counter.value = k + 1
        if k >= len(bounds):
            return
        a, b = bounds[k]
        emit(k, [seg.segment_joined(pieces[i]) for i in range(a, b)])


def _fork_worker(conn) -> None:
    assert _SHARED is not None
    try:
        _drain(*_SHARED, lambda k, res: conn.send(("ok", k, res)))
        conn.send(("done", -1, None))
    except BaseException as exc:  # report, do not hang the parent
        conn.send(("error", -1, f"{type(exc).__name__}: {exc}"))
    conn.close()


def _receive(conn, done: dict, errors: list) -> None:
    """Parent-side thread: store one worker's batches as they come (overlaps the work)."""
    try:
        while True:
            status, k, payload = conn.recv()
            if status == "ok":
                done[k] = payload
            else:
                if status == "error":
                    errors.append(f"segmentation worker failed: {payload}")
                return
    except EOFError:
        errors.append("segmentation worker died")


def _run_forked(
    seg: Segmenter, pieces: list[str], bounds: list[tuple[int, int]], n_process: int
) -> list[str]:
    """The parent and ``n_process - 1`` forked workers share the batches.

    Workers inherit the segmenter (dictionary built) and the texts; they take
    batch numbers off a shared counter, so the load balances, and send each
    batch's results back (one joined string per piece) to a receiving thread
    of the parent while it works on its own batches.
    """
    import threading

    global _SHARED
    ctx = mp.get_context("fork")
    counter = ctx.Value("q", 0)
    _SHARED = (seg, pieces, bounds, counter)
    done: dict[int, list[str]] = {}
    errors: list[str] = []
    procs, threads = [], []
    try:
        for _ in range(min(n_process, len(bounds)) - 1):
            r, w = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_fork_worker, args=(w,), daemon=True)
            proc.start()
            w.close()
            procs.append(proc)
            threads.append(threading.Thread(target=_receive, args=(r, done, errors), daemon=True))
        for t in threads:  # started after every fork
            t.start()
        _drain(seg, pieces, bounds, counter, done.__setitem__)
        for t in threads:
            t.join()
        for proc in procs:
            proc.join()
    finally:
        _SHARED = None
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
                proc.join()
    if errors or len(done) != len(bounds):
        raise RuntimeError("; ".join(errors) or "segmentation worker lost batches")
    return [r for k in range(len(bounds)) for r in done[k]]


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


# a line end where no protected span can continue: the next line starts with
# neither a digit, a Latin letter nor 第 (1、\n2 and 〔2010〕\n7号 stay whole)
_SAFE_CUT = re.compile(r"\n(?!\s{0,8}[\d第A-Za-z])")


def _cut_at(t: str, start: int, size: int) -> int:
    """End of the piece of ``t`` starting at ``start``: after a safe line end, about ``size`` on."""
    end = start + size
    if end >= len(t):
        return len(t)
    k = t.rfind("\n", start, end)
    while k > start:  # the last safe line end before ``end``
        if _SAFE_CUT.match(t, k):
            return k + 1
        k = t.rfind("\n", start, k)
    m = _SAFE_CUT.search(t, end)  # else the first one after it
    return m.end() if m else len(t)


def _pieces(texts: list[str], size: int) -> tuple[list[str], list[int]]:
    """Cut texts longer than ``size`` at safe line ends; return the pieces and their text's index.

    A line end is a hard boundary for the backends and no protected span but
    ``1、\n2``-like numbers crosses one, so the pieces segment as the whole text does.
    """
    pieces: list[str] = []
    owner: list[int] = []
    for i, t in enumerate(texts):
        if len(t) <= size:
            pieces.append(t)
            owner.append(i)
            continue
        start = 0
        while start < len(t):
            end = _cut_at(t, start, size)
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

    The texts are grouped into batches (about eight per process, or
    ``chunk_chars`` characters each; texts longer than a batch are cut at line
    ends). Under ``fork`` the calling process and ``n_process - 1`` forked
    workers share the batches through a counter: the workers inherit the texts
    and the built segmenter, and send back one joined string per piece, once.
    Elsewhere a ``spawn`` pool gets the segmenter once (initializer) and the
    batches as lists of texts.
    """
    seg = segmenter or Segmenter()
    texts = list(texts)
    if n_process <= 1 or (len(texts) <= 1 and sum(map(len, texts)) < 100_000):
        return [seg.segment_joined(t) for t in texts]
    seg.engine  # build the dictionary once, before forking  # noqa: B018
    total = sum(map(len, texts))
    size = chunk_chars or max(20_000, -(-total // (8 * n_process)))
    pieces, owner = _pieces(texts, size)
    bounds: list[tuple[int, int]] = []
    first = n = 0
    for i, piece in enumerate(pieces):
        n += len(piece)
        if n >= size:
            bounds.append((first, i + 1))
            first, n = i + 1, 0
    if first < len(pieces):
        bounds.append((first, len(pieces)))
    if "fork" in mp.get_all_start_methods():
        results = _run_forked(seg, pieces, bounds, n_process)
    else:
        ctx = mp.get_context("spawn")
        with ctx.Pool(min(n_process, len(bounds)), _init_worker, (seg,)) as pool:
            results = [
                r for batch in pool.imap(_work, [pieces[a:b] for a, b in bounds]) for r in batch
            ]
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
