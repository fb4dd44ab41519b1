"""Fuzz ingestion: bytes -> decode() -> Document; only DecodeError may escape decode()."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["policytext"]):
    from policytext import DecodeError, decode
    from policytext.ingest import read_paths

_TMP = Path(tempfile.mkdtemp(prefix="fuzz_ingest_"))


def TestOneInput(data: bytes) -> None:
    try:
        dec = decode(data)
    except DecodeError:
        dec = None
    if dec is not None:
        assert isinstance(dec.text, str) and isinstance(dec.encoding, str)
        dec.text.encode("utf-8", errors="surrogatepass")
    path = _TMP / "doc.txt"
    path.write_bytes(data)
    docs = list(read_paths([path]))
    assert len(docs) == 1
    assert (dec is None) == bool(docs[0].errors and not docs[0].raw) or not data


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
