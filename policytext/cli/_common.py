"""Helpers shared by the subcommands: reading inputs, writing tables."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

FORMATS = ["jsonl", "csv", "parquet"]


def check_inputs(paths: Iterable[str]) -> list[str]:
    paths = list(paths)
    if not paths:
        raise click.UsageError("give at least one PATH (file or directory)")
    return paths


def check_output(output: str | None, inputs: Iterable[str | os.PathLike[str]]) -> None:
    """Refuse an output path that is, or would overwrite, one of the inputs.

    ``inputs`` may be the paths as given and/or the expanded file list. An
    output equal to an input file (also via a symlink or a hard link), or an
    existing directory, is refused with a :class:`click.UsageError`.
    """
    if output is None or output == "-":
        return
    out = Path(output)
    if out.is_dir():
        raise click.UsageError(f"output {output!r} is a directory; give a file name")
    out_res = _safe_resolve(out)
    for p in inputs:
        pp = Path(p)
        same = out_res == _safe_resolve(pp)
        if not same:
            try:
                same = out.exists() and pp.exists() and os.path.samefile(out, pp)
            except OSError:  # symlink loops, unreadable entries: cannot be the output
                same = False
        if same:
            raise click.UsageError(
                f"output {output!r} is one of the inputs ({str(pp)!r}); refusing to overwrite it"
            )


def _safe_resolve(path: Path) -> Path:
    """``path.resolve()`` that survives symlink loops (then: the absolute path)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def write_table(rows: list[dict[str, Any]], output: str | None, fmt: str) -> None:
    """Write records as JSONL/CSV/Parquet to ``output`` (``-``/None: stdout for text formats)."""
    import pandas as pd

    from .._io import atomic_path

    if fmt == "jsonl":
        lines = "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows)
        if output in (None, "-"):
            sys.stdout.write(lines)
        else:
            with atomic_path(output) as tmp:
                tmp.write_text(lines, encoding="utf-8")
        return
    df = pd.DataFrame(rows)
    for col in df.columns:
        if df[col].map(lambda v: isinstance(v, (dict, list))).any():
            df[col] = df[col].map(lambda v: json.dumps(v, ensure_ascii=False, default=str))
    if fmt == "csv":
        if output in (None, "-"):
            df.to_csv(sys.stdout, index=False)
        else:
            with atomic_path(output) as tmp:
                df.to_csv(tmp, index=False)
        return
    if fmt == "parquet":
        if output in (None, "-"):
            raise click.UsageError("--format parquet needs -o/--output FILE")
        with atomic_path(output) as tmp:
            df.to_parquet(tmp, index=False)
        return
    raise click.UsageError(f"unknown format {fmt!r}; choose from {FORMATS}")
