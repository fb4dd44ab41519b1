"""Corpus-level tokens: :func:`tokens` and the :class:`Tokens` object."""

from __future__ import annotations

import contextlib
import gc
import logging
import mmap
import multiprocessing as mp
import os
import re
import signal
import time
from array import array
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
    """Pool initializer (spawn): keep the segmenter and build its dictionary once per worker."""
    global _WORKER_SEG
    _WORKER_SEG = seg
    seg.engine  # noqa: B018


def _work(chunk: list[str]) -> list[str]:
    seg = _WORKER_SEG
    assert seg is not None
    return [seg.segment_joined(t) for t in chunk]


def _claim(counter) -> int:
    with counter.get_lock():
        k = counter.value
        counter.value = k + 1
    return k


_REC = 32  # one pipe record: kind, batch number, offset in the mapping, bytes (4 int64)
_OK, _END, _FAIL, _NOROOM = 0, 1, 2, 3


def _fork_child(seg, pieces, bounds, counter, mm, wfd) -> None:
    """Body of a forked worker: claim batches, write each one's results into ``mm``.

    A batch is written at the next free offset as its results' lengths in
    characters (int64) followed by the results concatenated in UTF-16, then
    announced by a record ``(_OK, batch, offset, bytes)`` on ``wfd``; the last
    record is ``_END``. A batch that does not fit is announced ``_NOROOM`` (the
    parent segments it itself).
    """
    gc.disable()  # a collection would touch (and copy) every inherited object
    n = len(bounds)
    off = 0
    size = len(mm)
    while (k := _claim(counter)) < n:
        a, b = bounds[k]
        rs = [seg.segment_joined(pieces[i]) for i in range(a, b)]
        lens = array("q", map(len, rs)).tobytes()
        blob = "".join(rs).encode("utf-16-le", "surrogatepass")
        end = off + len(lens) + len(blob)
        if end > size:
            os.write(wfd, array("q", [_NOROOM, k, 0, 0]).tobytes())
            continue
        mm[off : off + len(lens)] = lens
        mm[off + len(lens) : end] = blob
        os.write(wfd, array("q", [_OK, k, off, end - off]).tobytes())
        off = end
    os.write(wfd, array("q", [_END, 0, 0, 0]).tobytes())


class _Kid:
    """Parent-side state of one forked worker."""

    def __init__(self, pid: int, rfd: int, mm: mmap.mmap) -> None:
        self.pid, self.rfd, self.mm = pid, rfd, mm
        self.buf = b""
        self.ended = False
        self.redo: list[int] = []

    def take(self, data: bytes, bounds, done: dict, errors: list) -> None:
        """Handle the complete records in ``self.buf + data``."""
        buf = self.buf + data
        p = 0
        while len(buf) - p >= _REC:
            kind, k, off, nb = array("q", buf[p : p + _REC])
            if kind == _FAIL:
                if len(buf) - p - _REC < nb:
                    break  # the message is still coming
                msg = buf[p + _REC : p + _REC + nb].decode(errors="replace")
                errors.append(f"segmentation worker failed: {msg}")
                p += _REC + nb
                continue
            p += _REC
            if kind == _OK:
                a, b = bounds[k]
                lens = array("q", self.mm[off : off + 8 * (b - a)])
                with memoryview(self.mm) as mv:
                    text = str(mv[off + 8 * (b - a) : off + nb], "utf-16-le", "surrogatepass")
                if len(text) != sum(lens):  # lone surrogates paired up in transit: redo here
                    self.redo.append(k)
                    continue
                rs, pos = [], 0
                for ln in lens:
                    rs.append(text[pos : pos + ln])
                    pos += ln
                done[k] = rs
            elif kind == _NOROOM:
                self.redo.append(k)
            elif kind == _END:
                self.ended = True
        self.buf = buf[p:]


def _run_forked(
    seg: Segmenter, pieces: list[str], bounds: list[tuple[int, int]], n_process: int
) -> list[str]:
    """The parent and ``n_process - 1`` forked workers share the batches.

    Workers inherit the segmenter (dictionary built) and the texts; the parent
    and the workers take batch numbers off a shared counter, so the load
    balances by what each actually gets done. A worker writes each batch's
    results into an anonymous shared mapping and announces it down a pipe;
    between its own batches the parent picks up the ones announced, so the
    transfer is part of the balanced work rather than a tail after it.
    """
    t0 = time.perf_counter()
    counter = mp.get_context("fork").Value("q", 0)
    chars = sum(map(len, pieces))
    size = 2 * 2 * chars + 8 * len(pieces) + 65536
    kids: list[_Kid] = []
    errors: list[str] = []
    done: dict[int, list[str]] = {}
    finished = False
    gc_on = gc.isenabled()
    gc.disable()  # while the workers live, a collection would copy every page it touches
    try:
        for _ in range(min(n_process, len(bounds)) - 1):
            mm = mmap.mmap(-1, size)  # MAP_SHARED | MAP_ANONYMOUS: pages cost only once written
            r, w = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker
                code = 1
                try:
                    os.close(r)
                    _fork_child(seg, pieces, bounds, counter, mm, w)
                    code = 0
                except BaseException as exc:  # report, do not hang the parent
                    with contextlib.suppress(BaseException):
                        msg = f"{type(exc).__name__}: {exc}".encode()[:2000]
                        os.write(w, array("q", [_FAIL, 0, 0, len(msg)]).tobytes() + msg)
                finally:
                    os._exit(code)
            os.close(w)
            os.set_blocking(r, False)
            kids.append(_Kid(pid, r, mm))
        t1 = time.perf_counter()
        n = len(bounds)
        t_pick = 0.0
        while (k := _claim(counter)) < n:
            a, b = bounds[k]
            done[k] = [seg.segment_joined(pieces[i]) for i in range(a, b)]
            tp = time.perf_counter()
            for kid in kids:  # pick up what the workers have written so far
                try:
                    data = os.read(kid.rfd, 1 << 16)
                except BlockingIOError:
                    continue
                kid.take(data, bounds, done, errors)
            t_pick += time.perf_counter() - tp
        t2 = time.perf_counter()
        for kid in kids:
            os.set_blocking(kid.rfd, True)
            while data := os.read(kid.rfd, 1 << 16):
                kid.take(data, bounds, done, errors)
            if not kid.ended and not errors:
                errors.append("segmentation worker died")
            for k in kid.redo:
                a, b = bounds[k]
                done[k] = [seg.segment_joined(pieces[i]) for i in range(a, b)]
        finished = True
        logger.debug(
            "forked segmentation: fork %.3fs, parent batches %.3fs (picking up %.3fs), "
            "waiting and picking up the rest %.3fs",
            t1 - t0,
            t2 - t1,
            t_pick,
            time.perf_counter() - t2,
        )
    finally:
        if gc_on:
            gc.enable()
        for kid in kids:
            os.close(kid.rfd)
            if not finished:  # interrupted or failed: do not wait for the worker's batches
                with contextlib.suppress(ProcessLookupError):
                    os.kill(kid.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(kid.pid, 0)
            kid.mm.close()
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

    The texts are grouped into batches (about 48 per process, or
    ``chunk_chars`` characters each; texts longer than a batch are cut at line
    ends). Under ``fork`` the calling process and ``n_process - 1`` forked
    workers share the batches through a counter: the workers inherit the texts
    and the built segmenter, write each batch's joined strings into shared
    memory, and the caller picks them up between its own batches.
    Elsewhere a ``spawn`` pool gets the segmenter once (initializer) and the
    batches as lists of texts.
    """
    seg = segmenter or Segmenter()
    texts = list(texts)
    if n_process <= 1 or (len(texts) <= 1 and sum(map(len, texts)) < 100_000):
        return [seg.segment_joined(t) for t in texts]
    seg.engine  # build the dictionary once, before forking  # noqa: B018
    total = sum(map(len, texts))
    size = chunk_chars or max(20_000, -(-total // (48 * n_process)))
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
        Processes: the caller and ``n_process - 1`` forked workers share the
        batches; results are kept as one joined string per document.
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
