"""The document record of ../shared/spec/record.md: build, serialize, read back."""

from __future__ import annotations

import copy
import json
from typing import Any

from ._edits import edits_from_dicts
from .document import Document
from .extract import EMPTY_FIELDS

__all__ = ["RECORD_KEYS", "from_record", "to_json", "to_record"]

#: Fields beyond the spec, written when extraction produced them.
EXTRA_KEYS: tuple[str, ...] = ("year_hint", "published", "doc_numbers_own", "attachments")

#: Keys of the record, in the order they are written.
RECORD_KEYS: list[str] = [
    "id",
    "source",
    "encoding",
    "script",
    "text",
    "flags",
    "edits",
    *EMPTY_FIELDS.keys(),
    "errors",
]


def to_record(doc: Document, *, extra: bool = False) -> dict[str, Any]:
    """Return the record of ``doc`` with every key present (unknown → ``None``/``[]``).

    Parameters
    ----------
    doc : Document
    extra : bool, default False
        Also include ``info`` (normalization numbers) and ``metadata`` under
        extra keys ``normalization`` and ``metadata``.

    Examples
    --------
    >>> rec = to_record(Document(id="d", raw="正文"))
    >>> rec["id"], rec["title"], rec["formulas"]
    ('d', None, [])
    """
    rec: dict[str, Any] = {
        "id": doc.id,
        "source": doc.source,
        "encoding": doc.encoding,
        "script": doc.script,
        "text": doc.text or "",
        "flags": list(doc.flags),
        "edits": [e.to_dict() for e in doc.edits],
    }
    for key, empty in EMPTY_FIELDS.items():
        val = doc.fields.get(key, None)
        rec[key] = copy.deepcopy(empty) if val is None else val
    if isinstance(rec["region"], dict):
        rec["region"] = {**EMPTY_FIELDS["region"], **rec["region"]}
    for key in EXTRA_KEYS:
        if key in doc.fields:
            rec[key] = doc.fields[key]
    rec["errors"] = list(doc.errors)
    if extra:
        rec["normalization"] = doc.info
        rec["metadata"] = doc.metadata
    return rec


def _default(o: Any) -> Any:
    if hasattr(o, "to_dict"):
        return o.to_dict()
    if hasattr(o, "item"):
        return o.item()
    if isinstance(o, (set, frozenset, tuple)):
        return list(o)
    return str(o)


def to_json(doc: Document, **kwargs: Any) -> str:
    """Serialize the record of ``doc`` as one JSON line (UTF-8, not ASCII-escaped).

    Text that UTF-8 cannot encode (lone surrogates, which only the Python API
    can bring in) makes the whole line ASCII-escaped instead, so the line can
    always be written to a UTF-8 file and read back unchanged.

    Examples
    --------
    >>> line = to_json(Document(id="d", raw=chr(0xD800)))
    >>> line.isascii(), json.loads(line)["text"] == chr(0xD800)
    (True, True)
    """
    rec = to_record(doc, **kwargs)
    line = json.dumps(rec, ensure_ascii=False, default=_default)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(rec, ensure_ascii=True, default=_default)
    return line


def from_record(rec: dict[str, Any]) -> Document:
    """Rebuild a :class:`Document` from a record (``raw`` is the ``raw`` key if present, else ``text``)."""
    fields = {k: rec.get(k) for k in EMPTY_FIELDS}
    for key in EXTRA_KEYS:
        if key in rec:
            fields[key] = rec[key]
    return Document(
        id=rec["id"],
        raw=rec.get("raw", rec.get("text", "")),
        text=rec.get("text", ""),
        source=rec.get("source"),
        encoding=rec.get("encoding"),
        script=rec.get("script"),
        metadata=rec.get("metadata") or {},
        edits=edits_from_dicts(rec.get("edits") or []),
        flags=list(rec.get("flags") or []),
        errors=list(rec.get("errors") or []),
        info=rec.get("normalization") or {},
        fields=fields,
    )
