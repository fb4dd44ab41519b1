"""Shared helpers of the atheris harnesses: seeds from corpora/sample."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "corpora" / "sample"


def write_seeds(
    directory: str | os.PathLike[str], *, encodings: tuple[str, ...] = ("utf-8",)
) -> Path:
    """Write slices of the sample notices (in ``encodings``) as seed inputs into ``directory``."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    for p in sorted(SAMPLE_DIR.glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        for enc in encodings:
            data = text[:1500].encode(enc, errors="replace")
            (out / f"{p.stem[:3]}_{enc}").write_bytes(data)
    return out
