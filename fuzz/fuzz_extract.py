"""Fuzz extraction: any text -> normalize() + extract(); no extractor error may escape."""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["policytext"]):
    from policytext import Document, extract, normalize


def TestOneInput(data: bytes) -> None:
    raw = data.decode("utf-8", errors="replace")
    doc = extract(normalize(Document(id="f", raw=raw)))
    bad = [e for e in doc.errors if e.startswith("extract.")]
    assert not bad, bad


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
