"""Slogan tracing, kwic and spread tables; real-history check on State Council reports."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from policytext import Corpus
from policytext.compare import adoption, first_appearance, kwic, spread, time_to_adopt, trace


@pytest.fixture(scope="module")
def toy() -> Corpus:
    rows = [
        ("p1", "四川省", None, None, 2015, "全省深化“放、管、服”改革，推进放管服。"),
        ("c1", "四川省", "成都市", None, 2016, "成都市深化放管服改革。"),
        ("k1", "四川省", "成都市", "武侯区", 2017, "武侯区落实放／管／服要求。"),
        ("c2", "湖北省", "武汉市", None, 2014, "武汉市推進放管服改革，打造营商环境。"),
        ("c3", "湖北省", "荆州市", None, 2016, "荆州市推进放管服。"),
        ("n0", None, None, None, 2018, "营商环境"),
    ]
    df = pd.DataFrame(rows, columns=["doc_id", "province", "city", "county", "year", "text"])
    return Corpus.from_dataframe(df)


def test_trace_finds_variants(toy):
    hits = trace(toy, ["放管服"])
    assert hits.columns[0] == "doc_id"
    counts = dict(zip(hits["doc_id"], hits["count"]))
    assert counts == {"p1": 2, "c1": 1, "k1": 1, "c2": 1, "c3": 1}
    assert "【" in hits["context"].iloc[0]
    assert {"province", "city", "year", "region", "level"} <= set(hits.columns)


def test_trace_mapping_variants(toy):
    hits = trace(toy, {"营商": ["营商环境"]}, include_reprints=True)
    assert set(hits["doc_id"]) == {"c2", "n0"}


def test_first_appearance_and_tables(toy):
    hits = trace(toy, ["放管服"])
    first = first_appearance(hits)
    assert first["first_doc"].tolist() == ["c2"]
    by = first_appearance(hits, by="province").set_index("province")
    assert by.loc["四川省", "first_doc"] == "p1"
    tta = time_to_adopt(hits).set_index("province")
    assert tta.loc["四川省", "years_after"] == 1
    ad = adoption(hits, by="province")
    assert ad.loc[ad["province"] == "四川省", "cumulative_docs"].max() == 3


def test_spread_vertical_and_horizontal(toy):
    sp = spread(trace(toy, ["放管服"])).set_index("region")
    assert sp.loc["四川省/成都市", "spread"] == "vertical"
    assert sp.loc["四川省/成都市", "earlier_region"] == "四川省"
    assert sp.loc["四川省/成都市/武侯区", "earlier_region"] == "四川省/成都市"
    assert sp.loc["湖北省/荆州市", "spread"] == "horizontal"
    assert sp.loc["湖北省/荆州市", "earlier_region"] == "湖北省/武汉市"
    assert sp.loc["湖北省/武汉市", "spread"] == "origin"


def test_reprints_excluded_by_default(toy):
    df = toy.docvars.assign(text=toy.texts)
    extra = df[df["doc_id"] == "c1"].assign(doc_id="c1_copy", year=2019)
    c = Corpus.from_dataframe(pd.concat([df, extra], ignore_index=True))
    c = c.with_docvar("reprint_of", ["c1" if d == "c1_copy" else None for d in c.doc_ids])
    assert "c1_copy" not in set(trace(c, ["放管服"])["doc_id"])
    assert "c1_copy" in set(trace(c, ["放管服"], include_reprints=True)["doc_id"])


def test_kwic_fixed_and_regex(toy):
    k = kwic(toy, "放管服", window=3)
    assert k.columns[:7].tolist() == ["doc_id", "from", "to", "pre", "keyword", "post", "pattern"]
    row = k[k["doc_id"] == "c2"].iloc[0]
    assert row["keyword"] == "放管服" and row["pre"] == "市推進"
    r = kwic(toy, r"营商\w{2}", valuetype="regex")
    assert set(r["doc_id"]) == {"c2", "n0"}
    with pytest.raises(ValueError, match="valuetype"):
        kwic(toy, "x", valuetype="glob")


def test_empty_slogans_raise(toy):
    with pytest.raises(ValueError, match="empty"):
        trace(toy, [])


HISTORY = {
    "三个代表": (2001, 2002),
    "科学发展观": (2004, 2005),
    "四个全面": (2015, 2015),
    "五位一体": (2013, 2016),
}


@pytest.mark.shared
def test_history_first_reports(shared_corpora):
    folder = shared_corpora / "national-gwr-congress"
    meta = pd.read_csv(folder / "metadata.csv")
    meta = meta[meta["file"] == "government_work_reports.jsonl"].sort_values("line")
    rows = [
        json.loads(x)
        for x in (folder / "government_work_reports.jsonl").read_text(encoding="utf-8").splitlines()
        if x.strip()
    ]
    frame = meta[["doc_id", "year", "genre", "region"]].assign(text=[r["content"] for r in rows])
    corpus = Corpus.from_dataframe(frame[frame["genre"] == "政府工作报告"])
    first = first_appearance(trace(corpus, list(HISTORY), include_reprints=True))
    print("\n" + first[["slogan", "first_year", "first_doc", "n_docs"]].to_string(index=False))
    got = dict(zip(first["slogan"], first["first_year"]))
    for slogan, (lo, hi) in HISTORY.items():
        assert lo <= got[slogan] <= hi, (slogan, got[slogan])


def test_trace_ascii_and_fullwidth_offsets():
    c = Corpus.from_dataframe(
        pd.DataFrame({"doc_id": ["a"], "text": ["发展５Ｇ网络，建设5G基站和“5G＋工业互联网”"]})
    )
    hits = trace(c, ["5G"], occurrences=True, include_reprints=True)
    text = c.texts[0]
    assert [text[s:e] for s, e in zip(hits["start"], hits["end"])] == ["５Ｇ", "5G", "5G"]
