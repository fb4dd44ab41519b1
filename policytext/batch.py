"""Process many documents robustly: read, normalize, extract, one at a time.

The batch API behind ``policytext extract``. Every input yields exactly one
document, in input order; a document that cannot be read, that makes a step
fail or that exceeds its time budget is kept, with ``errors`` saying why.

>>> from policytext.datasets import SAMPLE_DIR
>>> docs = list(process_files([SAMPLE_DIR], time_limit=30))
>>> len(docs), all(d.fields for d in docs)
(5, True)
"""

from __future__ import annotations

import copy
import logging
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ._timeout import DocumentTimeout
from ._timeout import time_limit as _time_limit

if TYPE_CHECKING:
    from .document import Document
    from .normalize import Pipeline

__all__ = [
    "DEFAULT_TIME_LIMIT",
    "failure_kind",
    "process_document",
    "process_files",
    "summarize_failures",
]

logger = logging.getLogger(__name__)

#: Default per-document time budget of ``policytext extract`` (seconds).
DEFAULT_TIME_LIMIT: float = 30.0

_KINDS: list[tuple[str, str]] = [
    ("timeout:", "timeout"),
    ("binary file", "binary"),
    ("undecodable bytes", "undecodable"),
    ("decode: empty file", "empty"),
    ("whitespace-only file", "whitespace_only"),
    ("not a regular file (FIFO)", "fifo"),
    ("not a regular file", "special_file"),
    ("dangling symlink", "dangling_symlink"),
    ("cannot stat", "unreadable"),
    ("cannot read", "unreadable"),
    ("is a directory", "directory"),
    ("no such file", "missing"),
    ("file too large", "too_large"),
    ("truncated multi-byte", "truncated_bytes"),
    ("mixed encodings", "mixed_encodings"),
    ("undecodable line", "bad_lines"),
    ("bad bytes after BOM", "bad_bytes"),
    ("normalize:", "normalize"),
    ("extract.", "extract"),
    ("process:", "process"),
]


def failure_kind(error: str) -> str:
    """Classify an ``errors`` entry into a short kind (``binary``, ``timeout``, ``fifo``...).

    Examples
    --------
    >>> failure_kind("ingest: dangling symlink: a.txt")
    'dangling_symlink'
    >>> failure_kind("timeout: exceeded the time limit of 30 s")
    'timeout'
    """
    for needle, kind in _KINDS:
        if needle in error:
            return kind
    return error.split(":", 1)[0] or "other"


def summarize_failures(docs_errors: Iterable[list[str]]) -> Counter[str]:
    """Count documents by the kind of their first error."""
    return Counter(failure_kind(errs[0]) for errs in docs_errors if errs)


def _reset_to_raw(doc: Document) -> None:
    from .extract import EMPTY_FIELDS

    doc.text = doc.raw
    doc.edits = []
    doc.fields = copy.deepcopy(EMPTY_FIELDS)


def process_document(
    doc: Document,
    *,
    pipeline: Pipeline | None = None,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    extract: bool = True,
) -> Document:
    """Normalize and extract ``doc`` in place within a time budget; never raises.

    Parameters
    ----------
    doc : Document
        A document as read by :func:`policytext.read_document`.
    pipeline : Pipeline, optional
        Normalization pipeline (default :data:`policytext.DEFAULT_PIPELINE`).
    time_limit : float or None, default 30
        Seconds allowed for this document (``None`` or 0: no limit). Enforced
        with ``SIGALRM`` in the main thread (see :mod:`policytext._timeout`).
        A document over budget keeps its raw text as ``text``, no edits and
        empty fields, and gets the flag ``timeout`` and an ``errors`` entry.
    extract : bool, default True
        Also run the extractors.

    Returns
    -------
    Document
        ``doc`` itself.
    """
    from .extract import extract as run_extract
    from .normalize import normalize

    if doc.errors and not doc.raw:  # unreadable: nothing to process
        return doc
    n_errors = len(doc.errors)
    flags0, info0, script0 = list(doc.flags), dict(doc.info), doc.script
    try:
        try:
            with _time_limit(time_limit):
                normalize(doc, pipeline=pipeline)
                if extract:
                    run_extract(doc)
        except DocumentTimeout:
            raise
        except Exception as exc:  # last line of defence: steps already guard themselves
            logger.debug("processing %s failed", doc.id, exc_info=True)
            _reset_to_raw(doc)
            doc.flags, doc.info = flags0, info0
            doc.errors.append(f"process: {type(exc).__name__}: {exc}")
    except DocumentTimeout as exc:
        _reset_to_raw(doc)
        del doc.errors[n_errors:]
        doc.flags = [*flags0, "timeout"]
        doc.info, doc.script = info0, script0
        doc.errors.append(f"timeout: {exc}; raw text kept")
        logger.warning("%s: %s", doc.id, exc)
    return doc


def process_files(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    pattern: str = "*.txt",
    recursive: bool = True,
    pipeline: Pipeline | None = None,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    extract: bool = True,
) -> Iterator[Document]:
    """Read, normalize and extract every file under ``inputs``, streaming, in input order.

    Exactly one document per input path (see :func:`policytext.ingest.expand_paths`);
    never raises for a bad file. Options as in :func:`process_document`.
    """
    from .ingest import iter_documents

    for doc in iter_documents(inputs, pattern=pattern, recursive=recursive):
        yield process_document(doc, pipeline=pipeline, time_limit=time_limit, extract=extract)
