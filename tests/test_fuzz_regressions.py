"""Inputs found by fuzzing (fuzz/) that once broke policytext."""

from __future__ import annotations

import json

from policytext import Document, from_record, to_json
from policytext.batch import process_document
from policytext.record import to_record


def test_record_with_lone_surrogate_is_writable_utf8(tmp_path):
    # fuzz_record: a lone surrogate in raw text made the JSON line unencodable as UTF-8,
    # so `policytext extract -o` would crash while writing the record
    doc = process_document(Document(id="d", raw="关于\ud800通知", source="x.txt"), time_limit=None)
    line = to_json(doc)
    (tmp_path / "o.jsonl").write_text(line + "\n", encoding="utf-8")
    rec = json.loads((tmp_path / "o.jsonl").read_text(encoding="utf-8"))
    assert to_record(from_record(rec)) == rec
