"""The fast segmentation path (one backend call per text, string-level weaving) and the
parallel batches give exactly the tokens of the reference path (one call per gap)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policytext.segment import ProtectedFinder, Segmenter, available_backends, segment_texts
from policytext.segment._segmenter import SEP

# characters that make protected spans and their edges: numerals, dates, quotes,
# titles, document-number brackets, whitespace of several kinds (placeholders: below)
ALPHABET = [
    *"中国人民发展工作八荣耻两会一听二三四五十〇年月日号第规划国发卫党",
    *"“”「」《》〔〕[]（）(),.、+%0123456789Xa-",
    *[" ", "\n", "\u3000", "\t", "\r\n", "\xa0"],
]

SEGMENTERS = {
    "default": Segmenter(),
    "terms": Segmenter(protected=["八荣八耻", "两会一听", "国发"], extra_words=["院坝会"]),
    "stopwords": Segmenter(stopwords=True),
    "no-quotes": Segmenter(),
}
SEGMENTERS["no-quotes"]._finder.quotes = False


@pytest.mark.parametrize("name", list(SEGMENTERS))
@given(st.lists(st.sampled_from(ALPHABET), max_size=60).map("".join))
def test_fast_path_equals_reference(name, text):
    seg = SEGMENTERS[name]
    assert seg.segment(text) == seg._segment_slow(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\u3000",
        "“  ”和「 」",
        "十四五国发〔2010〕7号",
        "鄂卫党[2010]7号印发",
        "践行\ue000八荣八耻",  # placeholder character in the text: reference path
        "践行\x1f八荣八耻",  # the token separator in the text: reference path
        "以“12345”工作思路为载体,践行八荣八耻,2010年3月15日",
    ],
)
@pytest.mark.parametrize("backend", available_backends())
def test_fast_path_edge_cases(text, backend):
    seg = Segmenter(backend=backend)
    assert seg.segment(text) == seg._segment_slow(text)
    for other in SEGMENTERS.values():
        assert other.segment(text) == other._segment_slow(text)
    joined = seg.segment_joined(text)
    assert (joined.split(SEP) if joined else []) == seg.segment(text)


def test_sample_texts_fast_equals_reference(sample_texts):
    seg = Segmenter()
    for text in sample_texts.values():
        assert seg.segment(text) == seg._segment_slow(text)


def test_split_matches_spans(sample_texts):
    f = ProtectedFinder()
    for text in sample_texts.values():
        parts = f.split(text)
        gaps, raw = parts[:: f.stride], parts[1 :: f.stride]
        woven = [""] * (len(gaps) + len(raw))
        woven[::2], woven[1::2] = gaps, raw
        assert "".join(woven) == text
        spans = f.spans(text)
        assert len(raw) == len(spans)
        assert all(s in r for r, (_, _, s) in zip(raw, spans) if r[0] not in "〔[【（(")


def test_parallel_pieces_equal_serial():
    texts = [
        "践行八荣八耻\n" * 500,
        "十四五规划" * 3000,  # no line end: never cut
        "",
        "1+X",
        "第一\n　　1、\n2和〔2010〕\n 7号\n贯彻《决定》\n" * 400,
    ] * 3
    seg = Segmenter()
    ref = [seg.segment_joined(t) for t in texts]
    assert segment_texts(texts, segmenter=seg, n_process=2) == ref
    assert segment_texts(texts, segmenter=seg, n_process=3, chunk_chars=2_000) == ref


def test_worker_error_is_reported():
    import os

    parent = os.getpid()

    class Boom(Segmenter):
        def segment_joined(self, text):
            if os.getpid() != parent:
                raise ValueError("boom")
            return super().segment_joined(text)

    with pytest.raises(RuntimeError, match="boom"):
        segment_texts(
            ["践行八荣八耻\n" * 2000] * 4, segmenter=Boom(), n_process=2, chunk_chars=5_000
        )


def test_parallel_results_too_large_for_the_mapping_are_redone(monkeypatch):
    """A worker whose batches do not fit the shared mapping hands them back to the caller."""
    import mmap

    from policytext.segment import _tokens

    real = mmap.mmap
    monkeypatch.setattr(_tokens.mmap, "mmap", lambda fd, size: real(fd, 4096))
    texts = [f"践行八荣八耻,推行“两会一听”方式{i}\n" * 400 for i in range(12)]
    seg = Segmenter()
    serial = segment_texts(texts, segmenter=seg)
    assert segment_texts(texts, segmenter=seg, n_process=2, chunk_chars=3_000) == serial
