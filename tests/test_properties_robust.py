"""Properties: nothing raises on arbitrary input, and round trips lose nothing."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from policytext import Corpus, DecodeError, Document, decode, extract, from_record, normalize
from policytext.ingest import iter_documents
from policytext.record import to_json, to_record

SAMPLES = [
    p.read_text(encoding="utf-8")
    for p in sorted((Path(__file__).parent.parent / "corpora" / "sample").glob("*.txt"))
]

# arbitrary Unicode incl. lone surrogates, private use, combining and bidi marks
weird_chars = st.one_of(
    st.characters(),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
    st.characters(min_codepoint=0xE000, max_codepoint=0xF8FF),
    st.characters(min_codepoint=0x0300, max_codepoint=0x036F),
    st.sampled_from(
        ["\u200e", "\u200f", "\u202e", "\u2066", "\ufeff", "\x00", "\r", "（", "）", "“", "*", "×"]
    ),
)
weird_text = st.text(weird_chars, max_size=300)

NOISE = [
    "(wèi)",
    "\r\n",
    "\x00",
    "&nbsp;",
    "<p>",
    "上一页 1 2 3 下一页",
    "**",
    "×××",
    "　",
    "\ufeff",
    "【",
    "“",
    "\u202e",
]


@st.composite
def realistic_notice(draw) -> str:
    """A real fragment of a sample notice with noise injected at random places."""
    text = draw(st.sampled_from(SAMPLES))
    start = draw(st.integers(0, max(0, len(text) - 1)))
    frag = text[start : start + draw(st.integers(0, 1500))]
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    chars = list(frag)
    for _ in range(draw(st.integers(0, 12))):
        chars.insert(rng.randint(0, len(chars)), rng.choice(NOISE))
    return "".join(chars)


any_text = st.one_of(weird_text, realistic_notice())


@settings(max_examples=300)
@given(any_text)
def test_normalize_extract_to_json_never_raise(raw):
    doc = extract(normalize(Document(id="p", raw=raw)))
    assert doc.raw == raw
    assert not [e for e in doc.errors if e.startswith(("normalize", "extract"))], doc.errors
    line = to_json(doc)
    line.encode("utf-8")
    assert json.loads(line)["id"] == "p"


@given(st.binary(max_size=2048))
def test_decode_raises_only_decode_error(data):
    try:
        dec = decode(data)
    except DecodeError:
        return
    assert isinstance(dec.text, str)


@given(st.one_of(st.binary(max_size=1024), realistic_notice().map(lambda t: t.encode("gb18030"))))
def test_iter_documents_never_raises(tmp_path_factory, data):
    d = tmp_path_factory.mktemp("docs")
    (d / "a.txt").write_bytes(data)
    docs = list(iter_documents([d]))
    assert len(docs) == 1
    assert docs[0].raw or docs[0].errors or not data


@given(realistic_notice())
def test_record_round_trip_loses_nothing(raw):
    doc = extract(
        normalize(Document(id="r", raw=raw, source="s.txt", metadata={"province": "湖北省"}))
    )
    rec = to_record(doc, extra=True)
    back = from_record(json.loads(json.dumps(rec, ensure_ascii=False)))
    assert back.edits == doc.edits and back.flags == doc.flags and back.errors == doc.errors
    assert back.text == doc.text and back.metadata == doc.metadata
    assert to_record(back, extra=True) == json.loads(json.dumps(rec, ensure_ascii=False))


@settings(max_examples=100)  # Parquet writes dominate; 100 keeps CI within budget
@given(st.lists(weird_text.map(lambda t: t.encode("utf-8", "replace").decode("utf-8")), max_size=5))
def test_texts_survive_dataframe_parquet(tmp_path_factory, texts):
    df = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    corpus = Corpus.from_dataframe(df)
    path = tmp_path_factory.mktemp("pq") / "c.parquet"
    back = Corpus.from_parquet(corpus.to_parquet(path))
    assert back.texts == texts and back.doc_ids == corpus.doc_ids


@settings(max_examples=60)
@given(st.lists(realistic_notice(), min_size=1, max_size=3))
def test_processed_corpus_parquet_round_trip(tmp_path_factory, texts):
    docs = [
        extract(normalize(Document(id=f"d{i}", raw=t, errors=["decode: x"] if i else [])))
        for i, t in enumerate(texts)
    ]
    corpus = Corpus.from_documents(docs)
    path = tmp_path_factory.mktemp("pq") / "c.parquet"
    back = Corpus.from_parquet(corpus.to_parquet(path))
    for a, b in zip(corpus, back):
        assert (a.raw, a.text, a.edits, a.flags, a.errors, a.fields) == (
            b.raw,
            b.text,
            b.edits,
            b.flags,
            b.errors,
            b.fields,
        )
