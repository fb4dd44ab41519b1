"""Corpus: documents with their document variables, backed by a pandas DataFrame.

One row per document. Core columns: ``doc_id``, ``text``, ``raw``, ``source``,
``encoding``, ``script``, ``flags``, ``errors``, ``edits``, ``info``,
``fields``. Document variables (user metadata such as ``province`` or
``year``, and, after :meth:`Corpus.extract`, the extracted scalars ``title``,
``date``, ``issuer``, ``genre``, ``province``, ``city``, ``county`` …) are
further columns, so ``corpus.groupby("province")`` just works. Where user
metadata and extraction both give a value, the user's metadata wins in the
column and the extracted value stays in ``fields`` and the record.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ._edits import Edit, edits_from_dicts
from .document import Document

__all__ = ["CORE_COLUMNS", "Corpus"]

logger = logging.getLogger(__name__)

#: Columns every corpus frame has, in this order.
CORE_COLUMNS: list[str] = [
    "doc_id",
    "text",
    "raw",
    "source",
    "encoding",
    "script",
    "flags",
    "errors",
    "edits",
    "info",
    "fields",
]
_JSON_COLUMNS = ("edits", "info", "fields")
#: Extracted scalars exposed as docvar columns after extraction.
EXTRACTED_DOCVARS: list[str] = ["title", "date", "issuer", "genre", "copies"]
REGION_DOCVARS: list[str] = ["province", "city", "county"]


def _progress(iterable, *, total: int | None, desc: str, progress: bool | None):
    from ._progress import progress_bar

    return progress_bar(iterable, total=total, desc=desc, enabled=progress)


class Corpus:
    """A collection of documents with document variables.

    Build one with :meth:`from_dir`, :meth:`from_files`, :meth:`from_dataframe`,
    :meth:`from_csv`, :meth:`from_jsonl` or :meth:`from_parquet`.

    Examples
    --------
    >>> from policytext.datasets import load_sample
    >>> corpus = load_sample()
    >>> len(corpus)
    5
    >>> corpus["001_20a604244363e589"].script
    'traditional'
    >>> int(corpus.docvars.groupby("province").size()["四川省"])
    2
    """

    def __init__(self, frame: pd.DataFrame) -> None:
        missing = [c for c in ("doc_id", "raw") if c not in frame.columns]
        if missing:
            raise ValueError(f"Corpus frame lacks column(s) {missing}; has {list(frame.columns)}")
        frame = frame.copy()
        for col in CORE_COLUMNS:
            if col not in frame.columns:
                if col in ("flags", "errors", "edits"):
                    frame[col] = [[] for _ in range(len(frame))]
                elif col in ("info", "fields"):
                    frame[col] = [{} for _ in range(len(frame))]
                elif col == "text":
                    frame[col] = frame["raw"]
                else:
                    frame[col] = None
        if frame["doc_id"].duplicated().any():
            dup = frame.loc[frame["doc_id"].duplicated(), "doc_id"].tolist()[:5]
            raise ValueError(f"doc_id must be unique; repeated: {dup}")
        other = [c for c in frame.columns if c not in CORE_COLUMNS]
        self._df = frame[CORE_COLUMNS + other].reset_index(drop=True)

    # -- constructors ------------------------------------------------------
    @classmethod
    def from_documents(cls, docs: Iterable[Document]) -> Corpus:
        """Build a corpus from :class:`Document` objects (their metadata become docvars)."""
        rows = [_doc_to_row(d) for d in docs]
        if not rows:
            return cls(pd.DataFrame(columns=CORE_COLUMNS))
        return cls(pd.DataFrame(rows))

    @classmethod
    def from_files(
        cls,
        paths: Sequence[str | os.PathLike[str]],
        *,
        metadata: str | os.PathLike[str] | pd.DataFrame | None = None,
        progress: bool | None = None,
        pattern: str = "*.txt",
        recursive: bool = True,
    ) -> Corpus:
        """Read files and directories (failures become documents with ``errors``).

        ``metadata`` is a CSV path or a DataFrame with a ``doc_id`` or ``file``
        column; its other columns become docvars. Directories contribute the
        entries matching ``pattern`` (see :func:`policytext.ingest.expand_paths`).
        """
        from .ingest import iter_documents

        docs = list(
            _progress(
                iter_documents(paths, pattern=pattern, recursive=recursive),
                total=None,
                desc="reading",
                progress=progress,
            )
        )
        corpus = cls.from_documents(docs)
        if metadata is not None:
            corpus = corpus.with_metadata(metadata)
        return corpus

    @classmethod
    def from_dir(
        cls,
        path: str | os.PathLike[str],
        pattern: str = "*.txt",
        *,
        recursive: bool = True,
        metadata: str | os.PathLike[str] | pd.DataFrame | None = None,
        progress: bool | None = None,
    ) -> Corpus:
        """Read every file matching ``pattern`` under ``path`` (sorted by path).

        Examples
        --------
        >>> from policytext.datasets import SAMPLE_DIR
        >>> Corpus.from_dir(SAMPLE_DIR).doc_ids[:1]
        ['000_86bd2ce7bec283b6']
        """
        if metadata is None and (Path(path) / "metadata.csv").exists():
            metadata = Path(path) / "metadata.csv"
        return cls.from_files(
            [path], metadata=metadata, progress=progress, pattern=pattern, recursive=recursive
        )

    @classmethod
    def from_dataframe(
        cls, frame: pd.DataFrame, *, text_col: str = "text", id_col: str = "doc_id"
    ) -> Corpus:
        """Build from a DataFrame with a text column; other columns become docvars.

        Examples
        --------
        >>> df = pd.DataFrame({"doc_id": ["a"], "text": ["正文"], "province": ["湖北省"]})
        >>> Corpus.from_dataframe(df).docvars["province"].tolist()
        ['湖北省']
        """
        if text_col not in frame.columns:
            raise ValueError(f"No text column {text_col!r}; columns are {list(frame.columns)}")
        df = frame.copy()
        if id_col not in df.columns:
            df[id_col] = [f"doc{i:06d}" for i in range(len(df))]
        df = df.rename(columns={id_col: "doc_id"})
        df["doc_id"] = df["doc_id"].astype(str)
        if "raw" not in df.columns:
            df["raw"] = df[text_col].fillna("").astype(str)
            if text_col != "text":
                df = df.drop(columns=[text_col])
            df["text"] = df["raw"]
        for col in _JSON_COLUMNS:
            if col in df.columns:
                df[col] = df[col].map(_from_json)
        if "edits" in df.columns:
            df["edits"] = df["edits"].map(
                lambda v: (
                    edits_from_dicts(v)
                    if isinstance(v, list) and v and isinstance(v[0], dict)
                    else (v if isinstance(v, list) else [])
                )
            )
        for col in ("flags", "errors"):
            if col in df.columns:
                df[col] = df[col].map(
                    lambda v: (
                        list(v)
                        if v is not None and not isinstance(v, str)
                        else ([] if v is None else json.loads(v))
                    )
                )
        return cls(df)

    @classmethod
    def from_csv(
        cls,
        path: str | os.PathLike[str],
        *,
        text_col: str = "text",
        id_col: str = "doc_id",
        **kwargs: Any,
    ) -> Corpus:
        """Read a CSV with one document per row (``text_col`` holds the text)."""
        return cls.from_dataframe(
            pd.read_csv(path, dtype=str, keep_default_na=False, **kwargs),
            text_col=text_col,
            id_col=id_col,
        )

    @classmethod
    def from_jsonl(
        cls, path: str | os.PathLike[str], *, text_col: str = "text", id_col: str = "doc_id"
    ) -> Corpus:
        """Read JSON lines: policytext records (``id``/``text``) or any objects with a text field."""
        rows = []
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    rows.append(json.loads(line))
        df = pd.DataFrame(rows)
        if id_col not in df.columns and "id" in df.columns:
            df = df.rename(columns={"id": id_col})
        return cls.from_dataframe(df, text_col=text_col, id_col=id_col)

    @classmethod
    def from_parquet(cls, path: str | os.PathLike[str]) -> Corpus:
        """Read a corpus written by :meth:`to_parquet` (edits, flags and fields included).

        ``path`` is a file or a folder of part files (what
        :func:`policytext.dask.to_parquet` writes). Parts are read one by one
        and concatenated in natural order (``part.2`` before ``part.10``), so a
        docvar that is empty (all null) in one part and filled in another, or an
        integer in one and text in another, does not break the read.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> from policytext.datasets import load_sample
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> c = load_sample()
        >>> first = [i < 2 for i in range(len(c))]
        >>> _ = c.subset(first).to_parquet(folder / "part.0.parquet")
        >>> _ = c.subset([not x for x in first]).to_parquet(folder / "part.1.parquet")
        >>> Corpus.from_parquet(folder).doc_ids == c.doc_ids
        True
        """
        p = Path(path)
        if not p.is_dir():
            return cls.from_parquet_frame(pd.read_parquet(p))
        parts = sorted(
            (f for f in p.rglob("*.parquet") if not f.name.startswith((".", "_"))),
            key=lambda f: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", str(f))],
        )
        if not parts:
            raise FileNotFoundError(f"No *.parquet files in {p}")
        frames = [pd.read_parquet(f) for f in parts]
        frame = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
        return cls.from_parquet_frame(frame)

    @classmethod
    def from_parquet_frame(cls, frame: pd.DataFrame) -> Corpus:
        """Decode a frame read from a file that :meth:`to_parquet` wrote.

        JSON-encoded columns (``edits``, ``info``, ``fields`` and ``json:*``
        docvars) are parsed back and ``edits`` become :class:`Edit` objects.
        """
        df = frame.copy()
        for col in _JSON_COLUMNS:
            if col in df.columns:
                df[col] = df[col].map(_from_json)
        if "edits" in df.columns:
            df["edits"] = df["edits"].map(lambda v: edits_from_dicts(v or []))
        for col in ("flags", "errors"):
            if col in df.columns:
                df[col] = df[col].map(lambda v: [] if v is None else [str(x) for x in v])
        for col in list(df.columns):
            if col.startswith("json:"):
                df[col[5:]] = df.pop(col).map(_from_json)
        if "raw" not in df.columns:
            if "text" not in df.columns:
                raise ValueError(
                    f"Parquet corpus needs a 'raw' or 'text' column; has {list(df.columns)}"
                )
            df["raw"] = df["text"]
        return cls(df)

    # -- writers -----------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """A copy of the underlying DataFrame (one row per document)."""
        return self._df.copy()

    def to_parquet(self, path: str | os.PathLike[str]) -> Path:
        """Write the corpus to Parquet without loss; written atomically (temp file + rename)."""
        from ._io import atomic_path

        df = self._df.copy()
        df["edits"] = df["edits"].map(
            lambda es: json.dumps([e.to_dict() for e in es], ensure_ascii=False)
        )
        for col in ("info", "fields"):
            df[col] = df[col].map(lambda v: json.dumps(v, ensure_ascii=False, default=str))
        for col in ("flags", "errors"):
            df[col] = df[col].map(lambda v: [str(x) for x in v])
        for col in list(df.columns):
            if col in CORE_COLUMNS:
                continue
            if df[col].map(lambda v: isinstance(v, (dict, list))).any():
                df[f"json:{col}"] = df.pop(col).map(
                    lambda v: json.dumps(v, ensure_ascii=False, default=str)
                )
        with atomic_path(path) as tmp:
            df.to_parquet(tmp, index=False)
        return Path(path)

    def to_records(self) -> list[dict[str, Any]]:
        """Records as in ../shared/spec/record.md, one per document."""
        from .record import to_record

        return [to_record(d) for d in self]

    # -- access ------------------------------------------------------------
    @property
    def doc_ids(self) -> list[str]:
        """Document ids in order."""
        return self._df["doc_id"].tolist()

    @property
    def docvars(self) -> pd.DataFrame:
        """Document variables: ``doc_id`` and every non-core column."""
        cols = ["doc_id"] + [c for c in self._df.columns if c not in CORE_COLUMNS]
        return self._df[cols].copy()

    @property
    def texts(self) -> list[str]:
        """Normalized texts in order."""
        return self._df["text"].tolist()

    def __len__(self) -> int:
        return len(self._df)

    def __iter__(self) -> Iterator[Document]:
        for i in range(len(self._df)):
            yield self._row_doc(i)

    def __getitem__(self, key: int | str) -> Document:
        if isinstance(key, str):
            idx = self._df.index[self._df["doc_id"] == key]
            if len(idx) == 0:
                raise KeyError(f"No document {key!r}; first ids: {self.doc_ids[:5]}")
            return self._row_doc(int(idx[0]))
        if isinstance(key, (int,)) or hasattr(key, "__index__"):
            n = len(self._df)
            i = int(key)
            if i < -n or i >= n:
                raise IndexError(f"document position {i} out of range for {n} documents")
            return self._row_doc(i % n)
        raise TypeError(
            f"Index a Corpus by doc_id (str) or position (int), not {type(key).__name__}"
        )

    def _row_doc(self, i: int) -> Document:
        row = self._df.iloc[i]
        meta = {c: row[c] for c in self._df.columns if c not in CORE_COLUMNS}
        return Document(
            id=str(row["doc_id"]),
            raw=row["raw"] if isinstance(row["raw"], str) else "",
            text=row["text"] if isinstance(row["text"], str) else "",
            source=row["source"] if isinstance(row["source"], str) else None,
            encoding=row["encoding"] if isinstance(row["encoding"], str) else None,
            script=row["script"] if isinstance(row["script"], str) else None,
            metadata=meta,
            edits=list(row["edits"]),
            flags=list(row["flags"]),
            errors=list(row["errors"]),
            info=dict(row["info"] or {}),
            fields=dict(row["fields"] or {}),
        )

    def groupby(self, by: str | list[str], **kwargs: Any):
        """``pandas`` groupby over the document frame (docvars and core columns)."""
        return self._df.groupby(by, **kwargs)

    def subset(self, mask: Any = None, **equals: Any) -> Corpus:
        """Documents where ``mask`` (boolean array, callable on the frame or query string) holds,
        and where each docvar equals the given value.

        Examples
        --------
        >>> from policytext.datasets import load_sample
        >>> len(load_sample().subset(province="四川省"))
        2
        """
        df = self._df
        keep = pd.Series(True, index=df.index)
        if mask is not None:
            if isinstance(mask, str):
                keep &= df.eval(mask)
            elif callable(mask):
                keep &= pd.Series(mask(df), index=df.index).astype(bool)
            else:
                keep &= pd.Series(list(mask), index=df.index).astype(bool)
        for col, val in equals.items():
            if col not in df.columns:
                raise KeyError(f"No docvar {col!r}; docvars are {list(self.docvars.columns)}")
            keep &= df[col] == val
        return Corpus(df[keep])

    def with_metadata(self, metadata: str | os.PathLike[str] | pd.DataFrame) -> Corpus:
        """Join a metadata table on ``doc_id`` (or on the file name, via a ``file`` column)."""
        meta = (
            pd.read_csv(metadata, dtype=str, keep_default_na=False)
            if not isinstance(metadata, pd.DataFrame)
            else metadata.copy()
        )
        df = self._df.copy()
        if "doc_id" in meta.columns and meta["doc_id"].isin(df["doc_id"]).any():
            key = "doc_id"
        elif "file" in meta.columns:
            meta["_name"] = meta["file"].map(lambda f: Path(str(f)).name)
            df["_name"] = df["source"].map(lambda s: Path(str(s)).name if s else None)
            key = "_name"
            meta = meta.drop(columns=[c for c in ("doc_id",) if c in meta.columns])
        else:
            raise ValueError("metadata needs a 'doc_id' or a 'file' column")
        meta = meta.drop(columns=[c for c in meta.columns if c in CORE_COLUMNS and c != key])
        meta = meta.replace({"": None})
        for col in meta.columns:
            if col != key and col in df.columns:
                df = df.drop(columns=[col])
        out = df.merge(meta, on=key, how="left")
        if key == "_name":
            out = out.drop(columns=["_name"])
        return Corpus(out)

    def with_docvar(self, name: str, values: Sequence[Any]) -> Corpus:
        """Return a copy with docvar ``name`` set to ``values`` (one per document)."""
        if name in CORE_COLUMNS:
            raise ValueError(f"{name!r} is a core column, not a docvar")
        df = self._df.copy()
        df[name] = list(values)
        return Corpus(df)

    # -- processing --------------------------------------------------------
    def map_documents(
        self, fn, *, desc: str = "processing", progress: bool | None = None
    ) -> Corpus:
        """Apply ``fn(Document) -> Document`` to each document; metadata columns are kept."""
        docs = [fn(d) for d in _progress(iter(self), total=len(self), desc=desc, progress=progress)]
        return Corpus.from_documents(docs)

    def normalize(
        self, *, pipeline=None, progress: bool | None = None, time_limit: float | None = None
    ) -> Corpus:
        """Normalize every document (see :func:`policytext.normalize`).

        ``time_limit`` (seconds per document, default none) flags a slower
        document ``timeout`` and keeps its raw text (see
        :func:`policytext.batch.process_document`).
        """
        from .batch import process_document

        return self.map_documents(
            lambda d: process_document(d, pipeline=pipeline, time_limit=time_limit, extract=False),
            desc="normalizing",
            progress=progress,
        )

    def extract(self, *, progress: bool | None = None, time_limit: float | None = None) -> Corpus:
        """Run extraction on every document; extracted scalars become docvars.

        ``time_limit`` (seconds per document, default none): an extraction over
        budget is abandoned, the document flagged ``timeout``, its fields empty.
        """
        from ._timeout import DocumentTimeout
        from ._timeout import time_limit as _limit
        from .extract import EMPTY_FIELDS, extract

        def run(d: Document) -> Document:
            n = len(d.errors)
            try:
                with _limit(time_limit):
                    extract(d)
            except DocumentTimeout as exc:
                import copy

                del d.errors[n:]
                d.fields = copy.deepcopy(EMPTY_FIELDS)
                d.flags = [*d.flags, "timeout"]
                d.errors.append(f"timeout: {exc}")
            return d

        return self.map_documents(run, desc="extracting", progress=progress)

    def __repr__(self) -> str:
        dv = [c for c in self._df.columns if c not in CORE_COLUMNS]
        return f"Corpus({len(self)} documents, docvars={dv})"

    def _repr_html_(self) -> str:
        from .report._html import corpus_html

        return corpus_html(self)


def _from_json(v: Any) -> Any:
    if isinstance(v, str):
        try:
            return json.loads(v)
        except ValueError:
            return v
    return v


def _doc_to_row(d: Document) -> dict[str, Any]:
    row: dict[str, Any] = {
        "doc_id": d.id,
        "text": d.text or "",
        "raw": d.raw,
        "source": d.source,
        "encoding": d.encoding,
        "script": d.script,
        "flags": list(d.flags),
        "errors": list(d.errors),
        "edits": [e if isinstance(e, Edit) else Edit(**e) for e in d.edits],
        "info": dict(d.info),
        "fields": dict(d.fields),
    }
    f = d.fields
    for key in EXTRACTED_DOCVARS:
        if key in f:
            row[key] = f[key]
    region = f.get("region") or {}
    if f:
        for key in REGION_DOCVARS:
            row[key] = region.get(key)
    for k, v in d.metadata.items():
        if k in CORE_COLUMNS:
            continue
        if (v is not None and not (isinstance(v, float) and pd.isna(v))) or k not in row:
            row[k] = v
    return row
