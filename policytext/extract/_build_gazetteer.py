"""Build ``policytext/data/gazetteer/`` from JioNLP's administrative-division data.

Run once when the source is updated (not at import time)::

    pip download --no-deps jionlp==1.5.31 -d /tmp/jio
    python -m policytext.extract._build_gazetteer /tmp/jio/jionlp-1.5.31-py2.py3-none-any.whl

It reads ``jionlp/dictionary/china_location.zip`` (province / prefecture /
county with 6-digit codes and short aliases; townships and villages are
dropped) and ``jionlp/dictionary/china_location_change.txt`` (dated renames
and re-parentings), and writes two tab-separated files:

``divisions.tsv``
    ``code level name alias province city`` – one row per current division.
``changes.tsv``
    ``date old_province old_city old_county new_province new_city new_county``
    – historical names and where they went.

The source, its version and the build date are written to ``SOURCE.txt``.
"""

from __future__ import annotations

import datetime as _dt
import io
import logging
import sys
import zipfile
from pathlib import Path

logger = logging.getLogger(__name__)

OUT_DIR = Path(__file__).resolve().parent.parent / "data" / "gazetteer"
LEVELS = ("province", "city", "county")


def _read_member(wheel: zipfile.ZipFile, suffix: str) -> bytes:
    for name in wheel.namelist():
        if name.endswith(suffix):
            return wheel.read(name)
    raise FileNotFoundError(f"{suffix!r} not found in the wheel")


def parse_locations(text: str) -> list[tuple[str, str, str, str, str, str]]:
    """Parse JioNLP's tab-indented location tree into division rows."""
    rows = []
    prov = city = ""
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 2 or not line.strip():
            continue
        parts = line.strip("\t").split("\t")
        if len(parts) < 2:
            continue
        name, code = parts[0], parts[1]
        alias = parts[2] if len(parts) > 2 else ""
        if depth == 0:
            prov, city = name, ""
        elif depth == 1:
            city = name
        rows.append((code, LEVELS[depth], name, alias, prov, city if depth > 0 else ""))
    return rows


def parse_changes(text: str) -> list[tuple[str, ...]]:
    """Parse JioNLP's change log (``date kind old... => new...``)."""
    out = []
    for line in text.splitlines():
        if "=>" not in line:
            continue
        old, new = line.split("=>", 1)
        o = old.split("\t")
        n = new.strip().split("\t")
        date = o[0]
        names = o[2::2][:3]  # full names at even positions after date, kind
        names += [""] * (3 - len(names))
        n += [""] * (3 - len(n))
        out.append((date, *names, *n[:3]))
    return out


def build(wheel_path: str | Path, out_dir: Path = OUT_DIR) -> None:
    """Write the gazetteer files from a JioNLP wheel."""
    with zipfile.ZipFile(wheel_path) as wheel:
        loc_zip = zipfile.ZipFile(io.BytesIO(_read_member(wheel, "dictionary/china_location.zip")))
        loc_text = loc_zip.read(loc_zip.namelist()[0]).decode("utf-8")
        change_text = _read_member(wheel, "dictionary/china_location_change.txt").decode("utf-8")
    rows = parse_locations(loc_text)
    changes = parse_changes(change_text)
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / "divisions.tsv", "w", encoding="utf-8", newline="\n") as fh:
        fh.write("code\tlevel\tname\talias\tprovince\tcity\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")
    with open(out_dir / "changes.tsv", "w", encoding="utf-8", newline="\n") as fh:
        fh.write("date\told_province\told_city\told_county\tnew_province\tnew_city\tnew_county\n")
        for c in changes:
            fh.write("\t".join(c) + "\n")
    (out_dir / "SOURCE.txt").write_text(
        f"source: {Path(wheel_path).name} (JioNLP, Apache-2.0, https://github.com/dongrixinyu/JioNLP)\n"
        "files: jionlp/dictionary/china_location.zip, jionlp/dictionary/china_location_change.txt\n"
        f"built: {_dt.date.today().isoformat()} by policytext/extract/_build_gazetteer.py\n"
        f"divisions: {len(rows)}, changes: {len(changes)}\n",
        encoding="utf-8",
    )
    logger.info("wrote %d divisions and %d changes to %s", len(rows), len(changes), out_dir)


if __name__ == "__main__":  # pragma: no cover
    logging.basicConfig(level=logging.INFO)
    build(sys.argv[1])
