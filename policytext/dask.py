"""Scale out with Dask: normalize, extract, segment, trace and count, partition by partition.

A corpus too large for one process is held as a :class:`dask.dataframe.DataFrame`
with the columns of :class:`~policytext.Corpus` (``doc_id``, ``text``, ``raw``,
``edits``, ``flags``, ``fields`` … and the document variables). Every step runs
with ``map_partitions``: a partition is turned into a :class:`~policytext.Corpus`,
processed exactly as in one process, and turned back into a frame, so results
equal the single-process results document for document.

Pipelines and segmenters are pickled once on the client and rebuilt at most
once per worker process (a per-process cache keyed by a hash of the pickle), so
a jieba dictionary loads once per worker, not once per partition. Tokens never
leave their partition: :func:`trace_counts` returns counts and :func:`dtm` a
sparse matrix.

Works with the local schedulers (``"threads"``, ``"processes"``, ``"sync"``) and
with ``dask.distributed``::

    from dask.distributed import Client, LocalCluster
    from policytext import dask as ptd

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True) as cluster, Client(cluster):
        ddf = ptd.read_corpus("notices/", npartitions=8)
        ddf = ptd.segment(ptd.extract(ptd.normalize(ddf)))
        ptd.to_parquet(ddf, "corpus.parquet")

Install the extra with ``pip install "policytext[dask]"``.

Examples
--------
>>> from policytext import dask as ptd
>>> from policytext.datasets import SAMPLE_DIR
>>> ddf = ptd.read_corpus(SAMPLE_DIR, npartitions=2)
>>> ddf.npartitions
2
>>> corpus = ptd.to_corpus(ptd.normalize(ddf), scheduler="sync")
>>> len(corpus), corpus["001_20a604244363e589"].script
(5, 'traditional')
"""

from __future__ import annotations

import glob as _glob
import hashlib
import logging
import math
import os
import pickle
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

from .corpus import CORE_COLUMNS, EXTRACTED_DOCVARS, REGION_DOCVARS, Corpus

if TYPE_CHECKING:
    import dask.dataframe as dd
    import scipy.sparse as sp

__all__ = [
    "DocumentTermMatrix",
    "dtm",
    "extract",
    "normalize",
    "read_corpus",
    "segment",
    "to_corpus",
    "to_parquet",
    "trace_counts",
    "warm_up",
]

logger = logging.getLogger(__name__)

Scheduler = Literal["threads", "processes", "sync", "synchronous", "single-threaded"] | None

_INSTALL_HINT = 'policytext.dask needs Dask: pip install "policytext[dask]"'


def _dd():
    try:
        import dask
        import dask.dataframe as dd
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        from ._errors import MissingDependencyError

        raise MissingDependencyError(_INSTALL_HINT) from exc
    return dask, dd


# -- per-process cache of rebuilt objects -------------------------------------
_CACHE: dict[str, Any] = {}
_CACHE_LOCK = threading.Lock()
#: How many times each token was unpickled in this process (tests read it).
BUILD_COUNTS: Counter[str] = Counter()


@dataclass(frozen=True)
class Shipped:
    """A pickled object and its token; :meth:`get` rebuilds it once per process.

    Parameters
    ----------
    token : str
        SHA-1 of ``payload``: the cache key.
    payload : bytes
        ``pickle.dumps`` of the object.

    Examples
    --------
    >>> s = Shipped.of({"a": 1})
    >>> s.get() is s.get()
    True
    """

    token: str
    payload: bytes = field(repr=False)

    @classmethod
    def of(cls, obj: Any) -> Shipped:
        """Pickle ``obj`` (raises a clear error when it cannot be pickled)."""
        try:
            payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:
            raise TypeError(
                f"{type(obj).__name__} cannot be pickled, so it cannot be sent to Dask workers: {exc}. "
                "Build pipelines from module-level functions (make_pipeline) rather than lambdas."
            ) from exc
        return cls(hashlib.sha1(payload).hexdigest(), payload)

    def get(self) -> Any:
        """The object rebuilt in this process (cached by token)."""
        obj = _CACHE.get(self.token)
        if obj is None:
            with _CACHE_LOCK:
                obj = _CACHE.get(self.token)
                if obj is None:
                    obj = pickle.loads(self.payload)
                    _CACHE[self.token] = obj
                    BUILD_COUNTS[self.token] += 1
                    logger.debug("rebuilt %s in pid %s", type(obj).__name__, os.getpid())
        return obj


def _build_counts(_: Any = None) -> dict[str, int]:
    """This process's rebuild counts and pid (run on workers by the tests)."""
    return {"pid": os.getpid(), **dict(BUILD_COUNTS)}


# -- frames <-> corpora -----------------------------------------------------
def _object_meta(columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


def _conform(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    out = frame.reindex(columns=list(columns)).astype(object)
    return out.where(out.notna(), None)


def _as_corpus(frame: pd.DataFrame) -> Corpus:
    return Corpus(frame.reset_index(drop=True))


def _new_columns(columns: Sequence[str], added: Iterable[str]) -> list[str]:
    cols = list(columns)
    cols += [c for c in added if c not in cols]
    return cols


def _no_string_conversion():
    dask, _ = _dd()
    return dask.config.set({"dataframe.convert-string": False})


# -- reading --------------------------------------------------------------
_TEXT_PATTERNS = ("*.txt",)


def _read_files(
    paths: list[str], metadata: pd.DataFrame | None, columns: list[str]
) -> pd.DataFrame:
    from .ingest import iter_documents

    corpus = Corpus.from_documents(iter_documents(paths))
    if metadata is not None and len(corpus):
        corpus = corpus.with_metadata(metadata)
    return _conform(corpus.to_frame(), columns)


def _read_parquet_slice(piece: tuple[str, int, int], columns: list[str]) -> pd.DataFrame:
    import pyarrow.parquet as pq

    path, start, stop = piece
    table = pq.read_table(path).slice(start, stop - start)
    tmp = table.to_pandas()
    corpus = _decode_parquet_frame(tmp)
    return _conform(corpus.to_frame(), columns)


def _decode_parquet_frame(df: pd.DataFrame) -> Corpus:
    return Corpus.from_parquet_frame(df)


def _expand(path_or_glob: Any, patterns: Sequence[str]) -> list[str]:
    if isinstance(path_or_glob, (list, tuple)):
        return [str(x) for x in path_or_glob]
    p = str(path_or_glob)
    if any(ch in p for ch in "*?["):
        return sorted(_glob.glob(p, recursive=True))
    if os.path.isdir(p):
        found: set[str] = set()
        for pat in patterns:
            found.update(str(x) for x in Path(p).rglob(pat))
        return sorted(found)
    return [p]


def _file_size(path: str) -> int:
    try:
        return max(1, os.path.getsize(path))
    except OSError:  # missing file: reported by the reader inside its partition
        return 1


def _chunks_by_bytes(paths: list[str], n: int) -> list[list[str]]:
    """``n`` contiguous runs of ``paths`` holding about the same number of bytes.

    Contiguous, so the documents keep their order; balanced by bytes, because
    processing time follows text length, not the number of files.
    """
    n = max(1, min(n, len(paths)))
    sizes = [_file_size(p) for p in paths]
    total = sum(sizes)
    out: list[list[str]] = [[] for _ in range(n)]
    done = 0
    for path, size in zip(paths, sizes, strict=True):
        # the partition whose byte range holds this file's midpoint
        k = min(n - 1, int((done + size / 2) * n / total))
        out[k].append(path)
        done += size
    return [c for c in out if c]


#: Default input bytes per partition when ``npartitions`` is not given.
PARTITION_BYTES = 4_000_000


def read_corpus(
    path_or_glob: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    npartitions: int | None = None,
    patterns: Sequence[str] = _TEXT_PATTERNS,
    metadata: str | os.PathLike[str] | pd.DataFrame | None = None,
) -> dd.DataFrame:
    """Read a corpus lazily as a Dask DataFrame with the columns of :class:`~policytext.Corpus`.

    Parameters
    ----------
    path_or_glob : str or path
        A Parquet file or folder of Parquet files (written by
        :meth:`Corpus.to_parquet <policytext.Corpus.to_parquet>` or :func:`to_parquet`),
        a folder of notices (files matching ``patterns``, recursively), a glob,
        or a list of file paths.
    npartitions : int, optional
        Number of partitions (default: one per ~4 MB of notices, or one per
        Parquet file). Files are split into contiguous runs of about equal
        size in bytes, so partitions take about equal time; aim for 4–8
        partitions per worker.
    patterns : sequence of str, default ("*.txt",)
        File patterns when ``path_or_glob`` is a folder of notices.
    metadata : path or DataFrame, optional
        A metadata table joined on ``doc_id`` or ``file`` (default:
        ``metadata.csv`` in the folder when present).

    Returns
    -------
    dask.dataframe.DataFrame
        One row per document; files are read inside the partitions.

    Examples
    --------
    >>> from policytext.datasets import SAMPLE_DIR
    >>> ddf = read_corpus(SAMPLE_DIR, npartitions=2)
    >>> sorted(ddf.columns[:3])
    ['doc_id', 'raw', 'text']
    """
    _, dd = _dd()
    if (
        isinstance(path_or_glob, (str, os.PathLike))
        and os.path.isdir(path_or_glob)
        and any(Path(path_or_glob).glob("*.parquet"))
    ):
        return _read_parquet(
            sorted(str(x) for x in Path(path_or_glob).glob("*.parquet")), npartitions=npartitions
        )
    paths = _expand(path_or_glob, patterns)
    if not paths:
        raise FileNotFoundError(f"No input under {str(path_or_glob)!r} (patterns {list(patterns)})")
    if all(p.endswith(".parquet") for p in paths):
        return _read_parquet(paths, npartitions=npartitions)
    if (
        metadata is None
        and isinstance(path_or_glob, (str, os.PathLike))
        and os.path.isdir(path_or_glob)
    ):
        cand = Path(path_or_glob) / "metadata.csv"
        metadata = cand if cand.exists() else None
    meta_df: pd.DataFrame | None = None
    if metadata is not None:
        meta_df = (
            metadata.copy()
            if isinstance(metadata, pd.DataFrame)
            else pd.read_csv(metadata, dtype=str, keep_default_na=False)
        )
    docvar_cols: list[str] = []
    if meta_df is not None:
        docvar_cols = [
            c for c in meta_df.columns if c not in CORE_COLUMNS and c not in ("doc_id", "file")
        ]
    columns = CORE_COLUMNS + docvar_cols
    if npartitions is None:
        npartitions = max(1, math.ceil(sum(_file_size(p) for p in paths) / PARTITION_BYTES))
    with _no_string_conversion():
        return dd.from_map(
            _read_files,
            _chunks_by_bytes(paths, npartitions),
            metadata=meta_df,
            columns=columns,
            meta=_object_meta(columns),
            label="read-notices",
            enforce_metadata=False,
        )


def _read_parquet(paths: list[str], *, npartitions: int | None) -> dd.DataFrame:
    import pyarrow.parquet as pq

    _, dd = _dd()
    rows = {p: pq.ParquetFile(p).metadata.num_rows for p in paths}
    total = sum(rows.values())
    n = npartitions or len(paths)
    per = max(1, math.ceil(total / max(n, 1)))
    pieces: list[tuple[str, int, int]] = []
    for p, k in rows.items():
        pieces += [(p, s, min(s + per, k)) for s in range(0, k, per)]
    if not pieces:
        raise ValueError(f"Parquet input {paths[:3]} has no rows")
    head = _decode_parquet_frame(pq.read_table(paths[0]).slice(0, 1).to_pandas())
    columns = list(head.to_frame().columns)
    with _no_string_conversion():
        return dd.from_map(
            _read_parquet_slice,
            pieces,
            columns=columns,
            meta=_object_meta(columns),
            label="read-corpus-parquet",
            enforce_metadata=False,
        )


# -- processing steps -------------------------------------------------------
def _normalize_part(
    frame: pd.DataFrame, shipped: Shipped | None, columns: list[str]
) -> pd.DataFrame:
    pipeline = shipped.get() if shipped is not None else None
    return _conform(
        _as_corpus(frame).normalize(pipeline=pipeline, progress=False).to_frame(), columns
    )


def _extract_part(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return _conform(_as_corpus(frame).extract(progress=False).to_frame(), columns)


def _map(
    ddf: dd.DataFrame, fn: Callable[..., pd.DataFrame], columns: list[str], *args: Any, **kw: Any
):
    with _no_string_conversion():
        return ddf.map_partitions(
            fn, *args, columns=columns, meta=_object_meta(columns), enforce_metadata=False, **kw
        )


def normalize(ddf: dd.DataFrame, *, pipeline: Any = None) -> dd.DataFrame:
    """Normalize every partition (see :func:`policytext.normalize`); lazy.

    The pipeline is pickled once and rebuilt once per worker process.

    Examples
    --------
    >>> from policytext.datasets import SAMPLE_DIR
    >>> out = normalize(read_corpus(SAMPLE_DIR)).compute(scheduler="sync")
    >>> bool((out["text"].str.len() > 0).all())
    True
    """
    shipped = Shipped.of(pipeline) if pipeline is not None else None
    return _map(ddf, _normalize_part, list(ddf.columns), shipped)


def extract(ddf: dd.DataFrame) -> dd.DataFrame:
    """Run extraction on every partition; extracted scalars become columns; lazy."""
    columns = _new_columns(ddf.columns, EXTRACTED_DOCVARS + REGION_DOCVARS)
    return _map(ddf, _extract_part, columns)


class _JiebaTokenizer:
    """Fallback segmenter (a private ``jieba.Tokenizer``) used when ``policytext.segment`` is absent."""

    def __init__(self) -> None:
        self._tok = None

    def __getstate__(self) -> dict[str, Any]:
        return {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._tok = None

    def __call__(self, text: str) -> list[str]:
        if self._tok is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            self._tok = jieba.Tokenizer()
        return [t for t in self._tok.lcut(text or "") if t.strip()]


def default_segmenter() -> Callable[[str], list[str]]:
    """``policytext.segment.Segmenter()`` when available, else a private jieba tokenizer."""
    try:
        from .segment import Segmenter  # type: ignore[attr-defined]

        return Segmenter()
    except Exception:  # segment module not installed yet, or failed to build
        logger.info("policytext.segment.Segmenter unavailable; using a plain jieba tokenizer")
        return _JiebaTokenizer()


def _tokenize(seg: Any, text: str) -> list[str]:
    if callable(seg):
        out = seg(text)
    elif hasattr(seg, "tokenize"):
        out = seg.tokenize(text)
    elif hasattr(seg, "cut"):
        out = seg.cut(text)
    else:
        raise TypeError(
            f"segmenter {type(seg).__name__} is neither callable nor has tokenize()/cut()"
        )
    return [str(t) for t in out]


def _segment_part(frame: pd.DataFrame, shipped: Shipped, columns: list[str]) -> pd.DataFrame:
    seg = shipped.get()
    out = frame.copy()
    out["tokens"] = [_tokenize(seg, t if isinstance(t, str) else "") for t in frame["text"]]
    return _conform(out, columns)


def segment(ddf: dd.DataFrame, *, segmenter: Any = None) -> dd.DataFrame:
    """Add a ``tokens`` column (list of str) segmented from ``text``; lazy.

    Parameters
    ----------
    segmenter : callable or object with ``tokenize``/``cut``, optional
        Default :func:`default_segmenter`. Pickled once, rebuilt once per worker.
    """
    shipped = Shipped.of(segmenter if segmenter is not None else default_segmenter())
    columns = _new_columns(ddf.columns, ["tokens"])
    return _map(ddf, _segment_part, columns, shipped)


# -- warm-up ------------------------------------------------------------------
def warm_up(*, pipeline: Any = None, segmenter: Any = None) -> dict[str, float]:
    """Pay this process's first-call costs now: dictionaries, converters, gazetteer.

    Runs :func:`normalize`, :func:`extract` and :func:`segment` on one sample
    notice in this process, so ``dask.dataframe`` is imported, the jieba prefix
    dictionary, OpenCC tables, the region gazetteer and pinyin tables are
    loaded, and puts the pipeline and
    segmenter into the per-process cache under the same keys the partition
    tasks use. Run it on every worker with ``client.run(warm_up)`` (and
    register it for workers that join later with ``client.register_worker_callbacks``)
    so the first partition of each worker is not slower than the others.

    Parameters
    ----------
    pipeline, segmenter : optional
        The same objects later given to :func:`normalize` and :func:`segment`
        (default: the defaults).

    Returns
    -------
    dict
        ``pid`` and ``seconds`` spent.

    Examples
    --------
    >>> sorted(warm_up())
    ['pid', 'seconds']
    """
    from .datasets import sample_paths

    start = time.perf_counter()
    _dd()  # partition tasks unpickle into dask.dataframe code: import it now
    seg = Shipped.of(segmenter if segmenter is not None else default_segmenter())
    shipped = Shipped.of(pipeline) if pipeline is not None else None
    frame = _read_files([str(sample_paths()[0])], None, list(CORE_COLUMNS))
    frame = _normalize_part(frame, shipped, list(frame.columns))
    frame = _extract_part(frame, _new_columns(frame.columns, EXTRACTED_DOCVARS + REGION_DOCVARS))
    _segment_part(frame, seg, _new_columns(frame.columns, ["tokens"]))
    return {"pid": os.getpid(), "seconds": time.perf_counter() - start}


# -- counting: only counts come back --------------------------------------
def _count_part(frame: pd.DataFrame, slogans: list[str], by: list[str]) -> pd.DataFrame:
    rows = []
    for _, row in frame.iterrows():
        text = row["text"] if isinstance(row["text"], str) else ""
        for s in slogans:
            n = text.count(s)
            if n:
                rows.append(
                    {
                        "doc_id": row["doc_id"],
                        **{b: row.get(b) for b in by},
                        "slogan": s,
                        "count": n,
                    }
                )
    return pd.DataFrame(rows, columns=["doc_id", *by, "slogan", "count"]).astype({"count": "int64"})


def trace_counts(
    ddf: dd.DataFrame,
    slogans: Sequence[str],
    *,
    by: Sequence[str] = (),
    scheduler: Scheduler = None,
) -> pd.DataFrame:
    """Count each slogan in each document, partition by partition.

    Parameters
    ----------
    ddf : dask DataFrame
        A normalized corpus (see :func:`normalize`).
    slogans : sequence of str
        Exact strings to count (non-overlapping occurrences, as ``str.count``).
    by : sequence of str
        Document variables to carry into the result (``province``, ``year``…).

    Returns
    -------
    pandas.DataFrame
        Tidy: ``doc_id``, the ``by`` columns, ``slogan``, ``count`` — one row per
        document and slogan found (zero counts left out).

    Examples
    --------
    >>> from policytext.datasets import SAMPLE_DIR
    >>> ddf = normalize(read_corpus(SAMPLE_DIR, npartitions=2))
    >>> trace_counts(ddf, ["卫生"], by=["province"], scheduler="sync").columns.tolist()
    ['doc_id', 'province', 'slogan', 'count']
    """
    if not slogans:
        raise ValueError("slogans is empty: give at least one string to count")
    by = list(by)
    missing = [b for b in by if b not in ddf.columns]
    if missing:
        raise KeyError(f"No column(s) {missing}; columns are {list(ddf.columns)}")
    meta = pd.DataFrame(
        {
            "doc_id": pd.Series(dtype=object),
            **{b: pd.Series(dtype=object) for b in by},
            "slogan": pd.Series(dtype=object),
            "count": pd.Series(dtype="int64"),
        }
    )
    with _no_string_conversion():
        counts = ddf.map_partitions(
            _count_part, list(slogans), by, meta=meta, enforce_metadata=False
        )
        out = counts.optimize().compute(scheduler=scheduler)  # one fused task per partition
    return out.reset_index(drop=True)


@dataclass
class DocumentTermMatrix:
    """A sparse document-term matrix built partition by partition.

    Attributes
    ----------
    matrix : scipy.sparse.csr_matrix
        Counts, one row per document (in corpus order), one column per term.
    doc_ids : list of str
    vocabulary : list of str
        Column names, sorted.
    """

    matrix: sp.csr_matrix
    doc_ids: list[str]
    vocabulary: list[str]

    def get_feature_names_out(self) -> list[str]:
        """Column names (scikit-learn style)."""
        return list(self.vocabulary)

    def to_frame(self) -> pd.DataFrame:
        """Dense DataFrame (doc_id index, one column per term): only for small matrices."""
        return pd.DataFrame(
            self.matrix.toarray(),
            index=pd.Index(self.doc_ids, name="doc_id"),
            columns=self.vocabulary,
        )

    def __repr__(self) -> str:
        return f"DocumentTermMatrix({self.matrix.shape[0]} documents × {self.matrix.shape[1]} terms, nnz={self.matrix.nnz})"


def _dtm_part(frame: pd.DataFrame, shipped: Shipped | None) -> tuple[list[str], list[str], Any]:
    import numpy as np
    import scipy.sparse as sp

    seg = shipped.get() if shipped is not None else None
    vocab: dict[str, int] = {}
    indptr, indices, data = [0], [], []
    for _, row in frame.iterrows():
        if seg is None and isinstance(row.get("tokens"), list):
            toks = row["tokens"]
        else:
            toks = _tokenize(
                seg or _JiebaTokenizer(), row["text"] if isinstance(row["text"], str) else ""
            )
        c = Counter(toks)
        for term, n in c.items():
            indices.append(vocab.setdefault(term, len(vocab)))
            data.append(n)
        indptr.append(len(indices))
    m = sp.csr_matrix(
        (
            np.asarray(data, dtype=np.int64),
            np.asarray(indices, dtype=np.int64),
            np.asarray(indptr, dtype=np.int64),
        ),
        shape=(len(frame), len(vocab)),
    )
    return [str(x) for x in frame["doc_id"]], list(vocab), m


def dtm(
    ddf: dd.DataFrame,
    *,
    segmenter: Any = None,
    min_df: int = 1,
    scheduler: Scheduler = None,
) -> DocumentTermMatrix:
    """Build a sparse document-term matrix; tokens stay inside the partitions.

    Each partition segments its texts (or reads its ``tokens`` column when
    :func:`segment` ran and no ``segmenter`` is given) and returns a local
    sparse matrix with its own vocabulary; the client merges them into one
    matrix with a sorted vocabulary.

    Parameters
    ----------
    min_df : int, default 1
        Keep terms found in at least this many documents.

    Examples
    --------
    >>> from policytext.datasets import SAMPLE_DIR
    >>> m = dtm(normalize(read_corpus(SAMPLE_DIR, npartitions=2)), scheduler="sync")
    >>> m.matrix.shape[0]
    5
    """
    import numpy as np
    import scipy.sparse as sp

    dask, _ = _dd()
    if segmenter is None and "tokens" not in ddf.columns:
        segmenter = default_segmenter()
    shipped = Shipped.of(segmenter) if segmenter is not None else None
    parts = [dask.delayed(_dtm_part)(p, shipped) for p in ddf.to_delayed()]
    results = dask.compute(*parts, scheduler=scheduler)
    vocab = sorted({t for _, v, _ in results for t in v})
    index = {t: i for i, t in enumerate(vocab)}
    blocks, doc_ids = [], []
    for ids, v, m in results:
        remap = np.asarray([index[t] for t in v], dtype=np.int64)
        m = m.tocoo()
        blocks.append(
            sp.csr_matrix(
                (m.data, (m.row, remap[m.col] if len(remap) else m.col)),
                shape=(m.shape[0], len(vocab)),
            )
        )
        doc_ids += ids
    matrix = sp.vstack(blocks, format="csr") if blocks else sp.csr_matrix((0, len(vocab)))
    if min_df > 1:
        df = np.bincount(matrix.indices, minlength=len(vocab))
        keep = np.flatnonzero(df >= min_df)
        matrix = matrix[:, keep]
        vocab = [vocab[i] for i in keep]
    return DocumentTermMatrix(matrix.tocsr(), doc_ids, vocab)


# -- output -----------------------------------------------------------------
SUMMARY_COLUMNS = ["partition", "file", "documents", "chars", "pid", "peak_rss_mb"]


def _peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (``ru_maxrss``; 0 where unknown)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak / 1024


def _write_part(
    frame: pd.DataFrame, folder: str, partition_info: dict[str, Any] | None = None
) -> pd.DataFrame:
    number = partition_info["number"] if partition_info else 0
    path = os.path.join(folder, f"part.{number:05d}.parquet")
    Corpus(frame.reset_index(drop=True)).to_parquet(path)
    chars = int(sum(len(t) for t in frame["text"] if isinstance(t, str))) if len(frame) else 0
    return pd.DataFrame(
        [[number, path, len(frame), chars, os.getpid(), round(_peak_rss_mb(), 1)]],
        columns=SUMMARY_COLUMNS,
    ).astype(object)


def _cast_null_columns(path: str, types: dict[str, Any]) -> str:
    """Rewrite one Parquet file with its null-typed columns cast to ``types``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    target = pa.schema(
        [pa.field(x.name, types[x.name]) if x.name in types else x for x in table.schema],
        metadata=table.schema.metadata,
    )
    pq.write_table(table.cast(target), path)
    return path


def _unify_null_columns(files: Sequence[str], *, scheduler: Scheduler = None) -> int:
    """Give columns that are all-null in some files the type they have in the others.

    A document variable missing from every document of one partition is
    written with Arrow's ``null`` type; readers of the folder take the first
    file's schema and then fail on the others. Only schemas are read on the
    client; the files concerned are rewritten by the workers, in parallel.
    Returns how many were.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    dask, _ = _dd()
    schemas = {f: pq.read_schema(f) for f in files}
    types: dict[str, pa.DataType] = {}
    for schema in schemas.values():
        for fld in schema:
            if not pa.types.is_null(fld.type):
                types.setdefault(fld.name, fld.type)
    todo = {
        f: {x.name: types[x.name] for x in schema if pa.types.is_null(x.type) and x.name in types}
        for f, schema in schemas.items()
    }
    tasks = [dask.delayed(_cast_null_columns, pure=False)(f, t) for f, t in todo.items() if t]
    dask.compute(*tasks, scheduler=scheduler)
    return len(tasks)


def to_parquet(
    ddf: dd.DataFrame,
    path: str | os.PathLike[str],
    *,
    scheduler: Scheduler = None,
    summary: bool = False,
) -> Path | pd.DataFrame:
    """Compute ``ddf`` and write one Parquet file per partition under folder ``path``.

    Each ``part.NNNNN.parquet`` is what :meth:`Corpus.to_parquet
    <policytext.Corpus.to_parquet>` writes, so ``Corpus.from_parquet(path)`` and
    :func:`read_corpus` read the folder back without loss. The file is written
    by the task that processed the partition (on the worker), so documents,
    edits and tokens never travel to the client or between workers: one row
    of numbers per partition comes back.

    Parameters
    ----------
    summary : bool, default False
        Return the per-partition summary instead of the folder.

    Returns
    -------
    pathlib.Path or pandas.DataFrame
        The folder; with ``summary=True`` a frame with one row per partition:
        ``partition``, ``file``, ``documents``, ``chars`` (of normalized text),
        ``pid`` and ``peak_rss_mb`` of the process that wrote it.

    Examples
    --------
    >>> import tempfile
    >>> from policytext.datasets import SAMPLE_DIR
    >>> ddf = normalize(read_corpus(SAMPLE_DIR, npartitions=2))
    >>> out = to_parquet(ddf, tempfile.mkdtemp(), scheduler="sync", summary=True)
    >>> int(out["documents"].sum())
    5
    """
    out = Path(path)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("part.*.parquet"):
        old.unlink()
    meta = _object_meta(SUMMARY_COLUMNS)
    with _no_string_conversion():
        # optimize() fuses read → normalize → extract → segment → write into one
        # task per partition; left to the distributed scheduler the steps ran as
        # separate tasks whose large intermediate frames were held, counted, spilled
        written = (
            ddf.map_partitions(
                _write_part, str(out), meta=meta, enforce_metadata=False, align_dataframes=False
            )
            .optimize()
            .compute(scheduler=scheduler)
        )
    table = written.reset_index(drop=True)
    for col in ("partition", "documents", "chars", "pid"):
        table[col] = table[col].astype("int64")
    table["peak_rss_mb"] = table["peak_rss_mb"].astype("float64")
    _unify_null_columns(list(table["file"]), scheduler=scheduler)
    logger.info("wrote %d documents in %d files to %s", table["documents"].sum(), len(table), out)
    return table if summary else out


def to_corpus(ddf: dd.DataFrame, *, scheduler: Scheduler = None) -> Corpus:
    """Compute ``ddf`` into an in-memory :class:`~policytext.Corpus` (small results only)."""
    with _no_string_conversion():
        frame = ddf.optimize().compute(scheduler=scheduler)
    return Corpus(frame.reset_index(drop=True))
