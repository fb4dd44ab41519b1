"""Fuzz the record writer: a processed document -> to_json() -> json.loads -> from_record round trip."""

from __future__ import annotations

import json
import sys

import atheris

with atheris.instrument_imports(include=["policytext"]):
    from policytext import Document, from_record, to_json
    from policytext.batch import process_document
    from policytext.record import RECORD_KEYS, to_record


def TestOneInput(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    raw = fdp.ConsumeUnicode(len(data))
    doc = Document(id=fdp.ConsumeUnicode(8) or "d", raw=raw, source="fuzz.txt")
    process_document(doc, time_limit=None)
    line = to_json(doc)
    assert "\n" not in line
    line.encode("utf-8")  # always writable to a UTF-8 file
    rec = json.loads(line)
    assert set(RECORD_KEYS) <= set(rec)
    back = from_record(rec)
    assert to_record(back) == rec


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
