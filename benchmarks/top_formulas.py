"""Top formulas by document frequency on ../shared/corpora (check by eye they are real).

Usage: python benchmarks/top_formulas.py [--top 30]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"


def top(texts: list[str], n: int) -> list[tuple[str, int, str]]:
    from policytext.extract.formulas import find_formulas

    df: Counter[str] = Counter()
    spelling: dict[str, Counter[str]] = {}
    rules: dict[str, str] = {}
    for t in texts:
        seen = set()
        for f in find_formulas(t, with_expansion=False):
            spelling.setdefault(f.key, Counter())[f.text] += 1
            rules.setdefault(f.key, f.rule)
            seen.add(f.key)
        df.update(seen)
    return [(spelling[k].most_common(1)[0][0], c, rules[k]) for k, c in df.most_common(n)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=30)
    a = ap.parse_args()
    city = [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted((SHARED / "city-gwr-2024" / "texts").glob("*.txt"))
    ]
    nat = []
    for f in sorted((SHARED / "national-gwr-congress").glob("*.jsonl")):
        nat += [json.loads(line).get("content", "") for line in f.open(encoding="utf-8")]
    for name, texts in (("city-gwr-2024", city), ("national-gwr-congress", nat)):
        print(f"== {name}: {len(texts)} documents")
        for text, c, rule in top(texts, a.top):
            print(f"{c:5d}  {text}  [{rule}]")


if __name__ == "__main__":
    main()
