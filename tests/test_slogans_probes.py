"""The probe notices of tests/data/probes scored against their hand annotations.

The probes are notices written for this test in the genres, years and campaigns
the extractor meets in real corpora (实施方案, 通知, 工作要点, 整改措施, 工作总结,
讲话; 2003–2021). ``gold.json`` has the layout of the shared seeds' annotations,
plus ``expansions`` (what a formula's expansion must be; [] = none may be
attached) and ``must_not`` (plain counts that must not become items). Scoring
folds like the shared scorer: width, quotes, spaces, clause separators.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from policytext import Document, normalize
from policytext.extract.slogans import extract_slogans

PROBES = Path(__file__).parent / "data" / "probes"
GOLD = json.loads((PROBES / "gold.json").read_text(encoding="utf-8"))
CATS = ("formulas", "themes", "carriers", "slogans")


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    s = re.sub(r"[\s“”\"'‘’「」『』]", "", s)
    return re.sub(r"[,，、;；]", "、", s)


def texts_of(items) -> list[str]:
    return [x["text"] if isinstance(x, dict) else x for x in items]


@pytest.fixture(scope="module")
def records() -> dict[str, dict]:
    out = {}
    for g in GOLD["documents"]:
        raw = (PROBES / g["file"]).read_text(encoding="utf-8")
        doc = normalize(Document(id=g["file"], raw=raw))
        out[g["file"]] = extract_slogans(doc)
    return out


def test_probe_recall_and_precision(records):
    hit = total = ok = found = 0
    misses: list[str] = []
    for g in GOLD["documents"]:
        r = records[g["file"]]
        got = {c: {fold(t) for t in texts_of(r[c])} for c in CATS}
        for c in CATS:
            for s in g[c]["required"]:
                total += 1
                hit += fold(s) in got[c]
                if fold(s) not in got[c]:
                    misses.append(f"{g['file']}: {c} missing {s!r}")
        allowed = {fold(s) for c in CATS for lst in g[c].values() for s in lst}
        for c in CATS:
            for x in r[c]:
                keys = {fold(texts_of([x])[0])} | (
                    {fold(x["key"])} if isinstance(x, dict) else set()
                )
                found += 1
                ok += bool(keys & allowed)
                if not keys & allowed:
                    misses.append(f"{g['file']}: unexpected {c} {texts_of([x])[0]!r}")
    recall, precision = hit / total, ok / found
    assert recall >= 0.9 and precision >= 0.9, (recall, precision, misses)


def test_probe_expansions(records):
    wrong = []
    for g in GOLD["documents"]:
        fs = {fold(f["text"]): f["expansion"] for f in records[g["file"]]["formulas"]}
        for k, exp in g.get("expansions", {}).items():
            if fs.get(fold(k)) != exp:
                wrong.append((g["file"], k, fs.get(fold(k)), exp))
    assert not wrong, wrong


def test_probe_must_not(records):
    bad = []
    for g in GOLD["documents"]:
        every = {fold(t) for c in CATS for t in texts_of(records[g["file"]][c])}
        bad += [(g["file"], s) for s in g.get("must_not", []) if fold(s) in every]
    assert not bad, bad


def test_probe_campaigns(records):
    missing = []
    for g in GOLD["documents"]:
        got = {fold(c) for c in records[g["file"]]["campaigns"]}
        missing += [(g["file"], c) for c in g.get("campaigns", []) if fold(c) not in got]
    assert not missing, missing
