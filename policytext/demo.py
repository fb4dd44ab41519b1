"""``python -m policytext.demo``: the main job on a corpus folder (``make demo``)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

logger = logging.getLogger(__name__)


def run(corpus_dir: Path, out: Path) -> dict[str, Path]:
    """Ingest, normalize and extract ``corpus_dir``; write records, Parquet, docvars and the HTML report under ``out``."""
    from .corpus import Corpus
    from .record import to_record

    out.mkdir(parents=True, exist_ok=True)
    corpus = Corpus.from_dir(corpus_dir).normalize().extract()
    outputs: dict[str, Path] = {}
    records = out / "records.jsonl"
    records.write_text(
        "".join(json.dumps(to_record(d), ensure_ascii=False) + "\n" for d in corpus),
        encoding="utf-8",
    )
    outputs["records (jsonl)"] = records
    outputs["corpus (parquet)"] = corpus.to_parquet(out / "corpus.parquet")
    docvars = out / "docvars.csv"
    dv = corpus.docvars
    for col in dv.columns:
        if dv[col].map(lambda v: isinstance(v, (dict, list))).any():
            dv[col] = dv[col].map(lambda v: json.dumps(v, ensure_ascii=False))
    dv.to_csv(docvars, index=False)
    outputs["docvars (csv)"] = docvars
    from .report import build_report

    outputs["report (html)"] = build_report(
        corpus, out / "report.html", title=f"policytext report: {corpus_dir.name}"
    )
    return outputs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", type=Path, help="folder of .txt notices (with optional metadata.csv)")
    ap.add_argument("-o", "--out", type=Path, default=Path("build"))
    a = ap.parse_args(argv)
    outputs = run(a.corpus, a.out)
    sys.stdout.write(f"policytext demo: processed {a.corpus}\n")
    for name, path in outputs.items():
        sys.stdout.write(f"  {name:18s} {path.resolve()}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
