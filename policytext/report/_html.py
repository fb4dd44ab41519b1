"""Rich HTML displays for Jupyter (``_repr_html_``)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..corpus import Corpus
    from ..document import Document


def document_html(doc: Document, *, max_chars: int = 3000) -> str:
    """Metadata table and the beginning of the normalized text."""
    rows = "".join(
        f"<tr><th style='text-align:left'>{html.escape(k)}</th><td style='text-align:left'>{html.escape(str(v))}</td></tr>"
        for k, v in [("id", doc.id), ("source", doc.source), ("encoding", doc.encoding), ("script", doc.script), ("flags", ", ".join(doc.flags)), ("edits", len(doc.edits)), ("errors", "; ".join(doc.errors))]
    )
    text = html.escape((doc.text or "")[:max_chars])
    return f"<div><table>{rows}</table><pre style='white-space:pre-wrap'>{text}</pre></div>"


def corpus_html(corpus: Corpus, *, max_rows: int = 20) -> str:
    """A compact table: id, characters, script, flags and docvars."""
    df = corpus.docvars.head(max_rows).copy()
    frame = corpus.to_frame().head(max_rows)
    df.insert(1, "chars", frame["text"].str.len())
    df.insert(2, "script", frame["script"])
    df.insert(3, "flags", frame["flags"].map(lambda f: ", ".join(f)))
    return f"<p><b>Corpus</b>: {len(corpus)} documents</p>" + df.to_html(index=False, escape=True)
