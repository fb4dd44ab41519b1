"""Reprint detection and text reuse on the sample corpus and synthetic reprints."""

from __future__ import annotations

import pandas as pd
import pytest

from policytext import Corpus
from policytext._opencc import get_converter
from policytext.compare import (
    ReprintDetector,
    find_reprints,
    mark_reprints,
    shared_passages,
    text_reuse,
)
from policytext.datasets import load_sample


@pytest.fixture(scope="module")
def with_reprints() -> tuple[Corpus, str]:
    base = load_sample()
    frame = base.docvars.assign(text=base.texts)
    src = frame.iloc[2]
    trad = get_converter("s2t").convert(src["text"])
    copy = pd.DataFrame(
        {
            "doc_id": ["zz_repost_trad", "zz_repost_plain"],
            "text": [
                "首頁 > 政務公開 > 通知公告\n【字號：大 中 小】 打印本頁\n"
                + trad
                + "\n關閉窗口 來源：某縣衛生局",
                "当前位置：首页 > 工作动态\n" + src["text"] + "\n责任编辑：张三 分享到：",
            ],
            "province": [src["province"], "湖南省"],
            "year": [int(src["year"]) + 1, int(src["year"]) + 2],
        }
    )
    return Corpus.from_dataframe(pd.concat([frame, copy], ignore_index=True)), src["doc_id"]


@pytest.mark.parametrize("method", ["oph", "minhash"])
def test_traditional_repost_clusters_with_original(with_reprints, method):
    corpus, orig = with_reprints
    cl = find_reprints(corpus, method=method)
    assert set(cl["doc_id"]) == {orig, "zz_repost_trad", "zz_repost_plain"}
    assert cl["cluster"].nunique() == 1
    rep = cl[cl["representative"]]
    assert rep["doc_id"].tolist() == [orig]  # earliest year
    assert set(cl.loc[~cl["representative"], "reprint_of"]) == {orig}
    assert (cl["similarity"] > 0.8).all()
    assert {"province", "year"} <= set(cl.columns)  # docvars kept
    assert cl.columns[0] == "doc_id"


def test_mark_reprints_docvar(with_reprints):
    corpus, orig = with_reprints
    marked = mark_reprints(corpus)
    dv = marked.docvars.set_index("doc_id")
    assert dv.loc["zz_repost_trad", "reprint_of"] == orig
    assert dv["reprint_of"].isna().sum() == len(corpus) - 2


def test_sample_has_no_reprints():
    assert find_reprints(load_sample()).empty


def test_representative_prefers_complete_text_on_same_date():
    text = "关于进一步加强基层卫生院管理工作的通知，各乡镇卫生院要切实履行职责。" * 5
    c = Corpus.from_dataframe(
        pd.DataFrame(
            {"doc_id": ["a", "b"], "text": [text[:-10], text], "date": ["2020-01-01", "2020-01-01"]}
        )
    )
    cl = find_reprints(c, threshold=0.7)
    assert cl.loc[cl["representative"], "doc_id"].tolist() == ["b"]


@pytest.mark.parametrize("verify", ["jaccard", "ratio", None])
def test_deterministic(with_reprints, verify):
    corpus, _ = with_reprints
    a = ReprintDetector(verify=verify, seed=7).fit(corpus).pairs_
    b = ReprintDetector(verify=verify, seed=7).fit(corpus).pairs_
    pd.testing.assert_frame_equal(a, b)


def test_bad_parameters_name_the_value():
    with pytest.raises(ValueError, match="method='foo'"):
        ReprintDetector(method="foo").fit(load_sample())


def test_shared_passages_and_reuse_direction():
    base = load_sample()
    src_text = base.texts[0]
    passage = src_text[200:420]
    target = (
        "我县认真学习上级文件精神。"
        + get_converter("s2t").convert(passage)
        + "以上请各单位遵照执行。"
    )
    ps = shared_passages(src_text, target, min_chars=30)
    assert not ps.empty
    top = ps.iloc[0]
    assert top["length"] >= 200
    assert (
        src_text[top["source_start"] : top["source_end"]] == passage[: top["length"]]
        or top["length"] >= 200
    )
    c = Corpus.from_dataframe(
        pd.DataFrame({"doc_id": ["src", "tgt"], "text": [src_text, target], "year": [2007, 2009]})
    )
    reuse = text_reuse(c, pairs=pd.DataFrame({"doc_a": ["tgt"], "doc_b": ["src"]}))
    row = reuse.iloc[0]
    assert (row["source_id"], row["target_id"], row["direction"]) == ("src", "tgt", "dated")
    assert row["share_of_target"] > 0.8
