"""Coverage and agreement of extracted metadata on ../shared/corpora.

Per corpus: share of documents with a title, a date and a province, and
agreement of the province (and city) with the corpus' metadata.csv.

    .venv/bin/python benchmarks/report_metadata.py [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
from pathlib import Path

from policytext import Document, normalize
from policytext.extract import extract

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"
logger = logging.getLogger("report_metadata")


def _docs(corpus: Path, limit: int | None):
    with open(corpus / "metadata.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    jsonl_cache: dict[str, list[str]] = {}
    for row in rows[:limit]:
        f = corpus / row["file"]
        if f.suffix == ".jsonl":
            if row["file"] not in jsonl_cache:
                jsonl_cache[row["file"]] = f.read_text(encoding="utf-8").splitlines()
            rec = json.loads(
                jsonl_cache[row["file"]][int(row.get("line") or 0) - 1 if row.get("line") else 0]
            )
            if "doc_id" in rec and rec["doc_id"] != row["doc_id"]:
                rec = next(
                    (json.loads(x) for x in jsonl_cache[row["file"]] if row["doc_id"] in x[:40]),
                    rec,
                )
            text = rec.get("content") or rec.get("text") or ""
        else:
            text = f.read_text(encoding="utf-8", errors="replace")
        yield row, text


def _expected_province(row: dict) -> str | None:
    p = row.get("province") or row.get("region") or ""
    return None if not p or p == "全国" else p


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None)
    a = ap.parse_args()
    print(
        f"{'corpus':32} {'docs':>5} {'title':>6} {'date':>6} {'prov':>6} {'prov=meta':>10} {'city=meta':>10}"
    )
    for corpus in sorted(p for p in SHARED.iterdir() if (p / "metadata.csv").exists()):
        n = t = d = pr = agree = agree_n = city_ok = city_n = 0
        for row, text in _docs(corpus, a.limit):
            doc = extract(
                normalize(Document(id=row["doc_id"], raw=text)), only=["metadata", "region"]
            )
            f = doc.fields
            n += 1
            t += bool(f["title"])
            d += bool(f["date"])
            reg = f["region"]
            pr += bool(reg["province"]) or reg["level"] == "national"
            exp = _expected_province(row)
            if exp:
                agree_n += 1
                agree += reg["province"] == exp
            elif (row.get("level") or "").startswith("national"):
                agree_n += 1
                agree += reg["level"] == "national"
            if row.get("city"):
                city_n += 1
                city_ok += reg["city"] == row["city"]
        pct = lambda x, m: f"{100 * x / m:5.1f}%" if m else "   - "  # noqa: E731
        print(
            f"{corpus.name:32} {n:5d} {pct(t, n):>6} {pct(d, n):>6} {pct(pr, n):>6} "
            f"{pct(agree, agree_n):>10} {pct(city_ok, city_n):>10}"
        )


if __name__ == "__main__":
    main()
