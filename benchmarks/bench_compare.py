"""Benchmark comparison on ../shared/corpora (all five corpora, ~2,400 documents, 53 MB).

Run: ``.venv/bin/python benchmarks/bench_compare.py [--shared ../shared/corpora] [--skip-topics]``

Reports wall time and the process's peak RSS (after each stage) of: reprint detection (docs/s, MB/s; also on notice-sized 2,000
character chunks), tracing 1,000 slogans (MB/s), and NMF / LDA fits on
city-gwr-2024 with topic prevalence by province.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from policytext import Corpus  # noqa: E402
from policytext.compare import (  # noqa: E402
    ReprintDetector,
    TopicModel,
    first_appearance,
    topic_prevalence,
    trace,
)


def load_all(shared: Path) -> pd.DataFrame:
    frames = []
    d = shared / "city-gwr-2024"
    m = pd.read_csv(d / "metadata.csv", dtype=str)
    m["text"] = [(d / f).read_text(encoding="utf-8", errors="replace") for f in m["file"]]
    frames.append(m[["doc_id", "text", "province", "city", "year"]])
    d = shared / "prov-gwr-2026"
    m = pd.read_csv(d / "metadata.csv", dtype=str)
    m["text"] = [
        pd.read_csv(d / f, dtype=str, encoding="utf-8-sig")["full_text"].fillna("").iloc[0]
        for f in m["file"]
    ]
    frames.append(m[["doc_id", "text", "province", "year", "date"]])
    d = shared / "local-regulations"
    m = pd.read_csv(d / "metadata.csv", dtype=str)
    m["text"] = [(d / f).read_text(encoding="utf-8", errors="replace") for f in m["file"]]
    frames.append(m[["doc_id", "text", "province", "year", "date"]])
    d = shared / "national-gwr-congress"
    m = pd.read_csv(d / "metadata.csv", dtype=str)
    texts = {}
    for fname in m["file"].unique():
        lines = [
            json.loads(x) for x in (d / fname).read_text(encoding="utf-8").splitlines() if x.strip()
        ]
        for i, rec in enumerate(lines, 1):
            texts[(fname, str(i))] = rec.get("content") or rec.get("text") or ""
    m["text"] = [texts.get((f, ln), "") for f, ln in zip(m["file"], m["line"])]
    frames.append(m[["doc_id", "text", "region", "year"]])
    d = shared / "shandong-central-ai-policies"
    recs = [
        json.loads(x)
        for x in (d / "policies.jsonl").read_text(encoding="utf-8").splitlines()
        if x.strip()
    ]
    m = pd.DataFrame(recs)
    m["text"] = m["content"].fillna("")
    m["province"] = m["region"].where(m["region"] != "全国")
    frames.append(m[["doc_id", "text", "province", "region", "date"]])
    return pd.concat(frames, ignore_index=True)


def _rss() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(label: str, fn):
    """Wall time of ``fn()`` and the process's peak RSS after it (MiB)."""
    t0 = time.perf_counter()
    out = fn()
    dt = time.perf_counter() - t0
    print(f"  {label}: {dt:.2f} s, peak RSS so far {_rss():.0f} MiB")
    return out, dt, _rss()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--skip-topics", action="store_true")
    args = ap.parse_args()
    if not args.shared.is_dir():
        print(f"{args.shared} not found; nothing to benchmark")
        return
    frame = load_all(args.shared)
    corpus = Corpus.from_dataframe(frame)
    mb = sum(len(t.encode("utf-8")) for t in corpus.texts) / 1e6
    print(f"corpus: {len(corpus)} documents, {mb:.1f} MB UTF-8; RSS after loading {_rss():.0f} MiB")

    print("reprint detection (shingle=5, threshold=0.8, num_perm=128)")
    for method in ("oph", "minhash"):
        det, dt, _ = measure(method, lambda m=method: ReprintDetector(method=m).fit(corpus))
        cl = det.clusters_
        print(
            f"    {len(corpus) / dt:,.0f} docs/s, {mb / dt:.1f} MB/s; {len(det.pairs_)} verified pairs, "
            f"{cl['cluster'].nunique() if len(cl) else 0} clusters, {len(cl)} documents in clusters"
        )
    chunks = [t[i : i + 2000] for t in corpus.texts for i in range(0, len(t), 2000)]
    notices = Corpus.from_dataframe(pd.DataFrame({"text": chunks}))
    det, dt, _ = measure(
        f"oph on {len(chunks)} notice-sized chunks", lambda: ReprintDetector().fit(notices)
    )
    print(f"    {len(chunks) / dt:,.0f} docs/s")

    print("tracing 1,000 slogans")
    city = corpus.subset(corpus.docvars["doc_id"].str.startswith("cgwr").to_numpy())
    grams: Counter[str] = Counter()
    for t in city.texts:
        grams.update(g for g in re.findall(r"(?=([\u4e00-\u9fff]{4}))", t))
    known = ["三个代表", "科学发展观", "四个全面", "五位一体", "放管服", "新质生产力", "乡村振兴"]
    ranked = [g for g, _ in grams.most_common(8000) if g not in known]
    sets = {
        "dense: the 1,000 most frequent 4-grams": known + ranked[: 1000 - len(known)],
        "typical: 1,000 4-grams of frequency rank 5,000-6,000": known
        + ranked[5000 : 6000 - len(known)],
    }
    for label, slogans in sets.items():
        hits, dt, _ = measure(label, lambda sl=slogans: trace(corpus, sl, include_reprints=True))
        print(
            f"    {mb / dt:.1f} MB/s, {len(hits):,} (document, slogan) rows, {hits['count'].sum():,} occurrences"
        )
    fa = first_appearance(hits[hits["slogan"].isin(known)])
    print(fa[["slogan", "first_year", "first_doc", "n_docs"]].to_string(index=False))

    if not args.skip_topics:
        print("topic models on city-gwr-2024 (143 documents), K=10")
        for method in ("nmf", "lda"):
            tm, dt, _ = measure(
                method,
                lambda m=method: TopicModel(
                    m, n_topics=10, random_state=0, passes=3, max_iter=400 if m == "nmf" else 100
                ).fit(city),
            )
            for label in tm.topic_labels(6)[:4]:
                print("    " + label)
            prev = topic_prevalence(tm, "province", n_boot=200, random_state=0)
            top = prev.sort_values("prevalence", ascending=False).head(3)
            print("    highest prevalence: " + "; ".join(
                f"{r.province} topic {r.topic} {r.prevalence:.2f} [{r.ci_low:.2f}, {r.ci_high:.2f}]" for r in top.itertuples()
            ))  # fmt: skip
    print(
        f"peak RSS of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )


if __name__ == "__main__":
    main()
