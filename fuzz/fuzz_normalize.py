"""Fuzz normalization: any text -> normalize(); edits rebuild the text; never raises."""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["policytext"]):
    from policytext import Document, normalize


def TestOneInput(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    raw = fdp.ConsumeUnicodeNoSurrogates(len(data))
    doc = normalize(Document(id="f", raw=raw))
    assert doc.raw == raw
    if not doc.errors:
        assert doc.rebuild() == doc.text or "t2s" in {e.kind for e in doc.edits}


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
