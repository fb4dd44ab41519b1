"""Rich HTML displays for Jupyter (``_repr_html_``) and the pieces the report reuses.

Everything that comes from a document is HTML-escaped.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..corpus import Corpus
    from ..document import Document

__all__ = ["corpus_html", "document_html", "edits_html", "frame_html", "marked_text_html"]

_ITEM_KINDS = ("themes", "carriers", "slogans", "campaigns")

STYLE = """
.pt-doc table{border-collapse:collapse;font-size:13px}
.pt-doc th,.pt-doc td{text-align:left;padding:2px 8px;border-bottom:1px solid #ddd;vertical-align:top}
.pt-text{white-space:pre-wrap;font-family:"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","Microsoft YaHei",sans-serif;line-height:1.7;max-height:32em;overflow:auto;border:1px solid #ddd;padding:8px}
.pt-text del{background:#fdd;color:#a00;text-decoration:line-through}
.pt-text ins{background:#dfd;text-decoration:none}
.pt-text mark{background:#fff2a8}
.pt-text mark.formula{background:#cde8ff}
"""


def _e(v: Any) -> str:
    return html.escape("" if v is None else str(v), quote=True)


def edits_html(doc: Document, *, max_chars: int | None = None) -> str:
    """The raw text with each edit shown: removed text in ``<del>``, inserted text in ``<ins>``.

    Edits are in raw coordinates, so the raw text is walked once; the ``title``
    of each mark names the step (``pagination``, ``pinyin_annotations``…).

    Examples
    --------
    >>> from policytext import Document, Edit
    >>> doc = Document(id="d", raw="上一页 衛生", edits=[Edit("pagination", 0, 4, "上一页 "), Edit("t2s", 4, 5, "衛", "卫")])
    >>> edits_html(doc)
    '<del title="pagination">上一页 </del><del title="t2s">衛</del><ins title="t2s">卫</ins>生'
    """
    raw = doc.raw or ""
    out: list[str] = []
    pos = 0
    limit = len(raw) if max_chars is None else min(len(raw), max_chars)
    for e in sorted(doc.edits, key=lambda e: (e.start, e.end)):
        if e.start >= limit:
            break
        if e.start < pos:  # overlapping edits are not expected; show the raw text instead
            continue
        out.append(_e(raw[pos : e.start]))
        kind = _e(e.kind)
        if e.removed:
            out.append(f'<del title="{kind}">{_e(e.removed)}</del>')
        if e.inserted:
            out.append(f'<ins title="{kind}">{_e(e.inserted)}</ins>')
        pos = e.end
    out.append(_e(raw[pos:limit]))
    if limit < len(raw):
        out.append(f"\n… ({len(raw) - limit} more characters)")
    return "".join(out)


def _items(doc: Document) -> list[tuple[str, str]]:
    f = doc.fields or {}
    items: list[tuple[str, str]] = []
    for kind in _ITEM_KINDS:
        for it in f.get(kind) or []:
            items.append((kind, str(it)))
    for it in f.get("formulas") or []:
        t = it.get("text") if isinstance(it, dict) else it
        if t:
            items.append(("formula", str(t)))
    return [(k, t) for k, t in items if t]


def marked_text_html(doc: Document, *, max_chars: int | None = None) -> str:
    """The normalized text with extracted items (themes, slogans, formulas…) in ``<mark>``.

    Examples
    --------
    >>> from policytext import Document
    >>> d = Document(id="d", raw="以“创卫”为主题", fields={"themes": ["创卫"]})
    >>> marked_text_html(d)
    '以“<mark class="themes" title="themes">创卫</mark>”为主题'
    """
    text = doc.text or ""
    if max_chars is not None:
        text = text[:max_chars]
    spans: list[tuple[int, int, str]] = []
    for kind, item in sorted(_items(doc), key=lambda x: -len(x[1])):
        start = 0
        while (i := text.find(item, start)) >= 0:
            j = i + len(item)
            if not any(a < j and i < b for a, b, _ in spans):
                spans.append((i, j, kind))
            start = j
    out, pos = [], 0
    for a, b, kind in sorted(spans):
        out.append(_e(text[pos:a]))
        out.append(f'<mark class="{_e(kind)}" title="{_e(kind)}">{_e(text[a:b])}</mark>')
        pos = b
    out.append(_e(text[pos:]))
    return "".join(out)


def _meta_rows(doc: Document) -> Iterable[tuple[str, Any]]:
    f = doc.fields or {}
    region = f.get("region") or {}
    yield from [
        ("id", doc.id),
        ("source", doc.source),
        ("encoding", doc.encoding),
        ("script", doc.script),
    ]
    for k in ("title", "date", "issuer", "genre"):
        if f.get(k):
            yield k, f[k]
    if any(region.get(k) for k in ("province", "city", "county")):
        yield (
            "region",
            " ".join(str(region[k]) for k in ("province", "city", "county") if region.get(k)),
        )
    if f.get("doc_numbers"):
        yield "doc_numbers", "; ".join(map(str, f["doc_numbers"]))
    for k, v in (doc.metadata or {}).items():
        if (
            v is not None
            and not isinstance(v, (dict, list))
            and str(v) not in ("", "nan", "<NA>", "None")
        ):
            yield k, v
    yield "flags", ", ".join(doc.flags)
    removed = sum(len(e.removed) for e in doc.edits)
    yield "edits", f"{len(doc.edits)} ({removed} characters removed or replaced)"
    if doc.errors:
        yield "errors", "; ".join(doc.errors)


def document_html(doc: Document, *, max_chars: int = 3000) -> str:
    """Metadata table, the normalized text with extracted items marked, and the edits on the raw text."""
    rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in _meta_rows(doc))
    items = _items(doc)
    item_list = (
        "<p>"
        + " ".join(f'<mark class="{_e(k)}" title="{_e(k)}">{_e(t)}</mark>' for k, t in items[:30])
        + "</p>"
        if items
        else ""
    )
    return (
        f"<div class='pt-doc'><style>{STYLE}</style><table>{rows}</table>{item_list}"
        f"<details open><summary>normalized text (extracted items marked)</summary>"
        f"<div class='pt-text'>{marked_text_html(doc, max_chars=max_chars)}</div></details>"
        f"<details><summary>raw text with edits (<del>removed</del> / <ins>inserted</ins>)</summary>"
        f"<div class='pt-text'>{edits_html(doc, max_chars=max_chars)}</div></details></div>"
    )


def frame_html(df: Any, *, max_rows: int = 50, classes: str = "pt-table") -> str:
    """A pandas frame as an escaped HTML table (first ``max_rows`` rows)."""
    if df is None or len(df) == 0:
        return "<p><i>none</i></p>"
    return df.head(max_rows).to_html(index=False, escape=True, classes=classes, border=0, na_rep="")


def corpus_html(corpus: Corpus, *, max_rows: int = 20) -> str:
    """A compact table: id, characters, script, flags, edits and docvars."""
    df = corpus.docvars.head(max_rows).copy()
    frame = corpus.to_frame().head(max_rows)
    df.insert(1, "chars", frame["text"].str.len())
    df.insert(2, "script", frame["script"])
    df.insert(3, "flags", frame["flags"].map(lambda f: ", ".join(f)))
    df.insert(4, "edits", frame["edits"].map(len))
    for col in df.columns:
        if df[col].map(lambda v: isinstance(v, (dict, list))).any():
            df = df.drop(columns=[col])
    more = f" (first {max_rows} shown)" if len(corpus) > max_rows else ""
    return f"<p><b>Corpus</b>: {len(corpus)} documents{more}</p>" + frame_html(
        df, max_rows=max_rows
    )
