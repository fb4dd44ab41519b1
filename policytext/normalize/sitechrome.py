"""Corpus-level site chrome: lines repeated across many documents of one source."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from .._edits import Edit, compose
from ..document import Document

__all__ = ["remove_site_chrome"]

logger = logging.getLogger(__name__)

# lines that read like content are never chrome, however often they repeat
_CONTENT = re.compile(
    r"[。！？!?；;：:]\s*$|^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十百\d]+[章节条])"
)


def _default_source(doc: Document) -> str:
    if doc.metadata.get("source_site"):
        return str(doc.metadata["source_site"])
    src = doc.source or ""
    return src.rsplit("/", 1)[0] if "/" in src else ""


def remove_site_chrome(
    corpus_or_docs: Any,
    *,
    min_docs: int = 5,
    min_share: float = 0.5,
    max_line_len: int = 60,
    by: Callable[[Document], str] | None = None,
) -> Any:
    """Remove lines repeated across many documents of one source, as recorded edits.

    Documents are grouped by source (``by``; default the ``source_site``
    docvar, else the folder of ``source``). A line (stripped, at most
    ``max_line_len`` characters, not ending like a sentence) that occurs in at
    least ``min_docs`` documents and in at least ``min_share`` of its group is
    site chrome: it is removed with an edit of kind ``site_chrome`` composed
    into the document's raw-coordinate edits, and the flag ``site_boilerplate``
    is raised. Documents not yet normalized are normalized first.

    Parameters
    ----------
    corpus_or_docs : Corpus or iterable of Document
    min_docs : int, default 5
    min_share : float, default 0.5
    max_line_len : int, default 60
    by : callable, optional
        ``by(doc) -> str`` names a document's source.

    Returns
    -------
    Corpus or list of Document
        The same kind as given.

    Examples
    --------
    >>> docs = [Document(id=str(i), raw=f"网站导航\\n正文第{i}段。") for i in range(6)]
    >>> [d.text for d in remove_site_chrome(docs)][:2]
    ['正文第0段。', '正文第1段。']
    """
    from ..corpus import Corpus
    from . import normalize

    is_corpus = isinstance(corpus_or_docs, Corpus)
    docs: list[Document] = list(corpus_or_docs)
    for d in docs:
        if d.script is None:
            normalize(d)
    key = by or _default_source
    groups: dict[str, list[Document]] = {}
    for d in docs:
        groups.setdefault(key(d), []).append(d)
    for name, members in groups.items():
        counts: Counter[str] = Counter()
        for d in members:
            counts.update(
                {ln.strip() for ln in d.text.split("\n") if 0 < len(ln.strip()) <= max_line_len}
            )
        need = max(min_docs, min_share * len(members))
        chrome = {ln for ln, c in counts.items() if c >= need and not _CONTENT.search(ln)}
        if not chrome:
            continue
        logger.info("source %r: %d chrome lines", name, len(chrome))
        for d in members:
            _strip_lines(d, chrome)
    return Corpus.from_documents(docs) if is_corpus else docs


def _strip_lines(doc: Document, chrome: set[str]) -> None:
    text = doc.text
    new_edits: list[Edit] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip() in chrome:
            s, e = pos, min(end + 1, len(text))
            if e == len(text) and s > 0 and text[s - 1] == "\n" and end == len(text):
                s -= 1  # last line: take the newline before it
            if not new_edits or s >= new_edits[-1].end:
                new_edits.append(Edit("site_chrome", s, e, text[s:e], ""))
        pos = end + 1
    if not new_edits:
        return
    doc.edits = compose(doc.raw, doc.edits, text, new_edits)
    out, p = [], 0
    for e in new_edits:
        out.append(text[p : e.start])
        p = e.end
    out.append(text[p:])
    doc.text = "".join(out)
    if "site_boilerplate" not in doc.flags:
        doc.flags.append("site_boilerplate")
    doc.info["site_chrome_lines"] = doc.info.get("site_chrome_lines", 0) + len(new_edits)
