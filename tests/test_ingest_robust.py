"""Ingestion: every sample notice survives each encoding; bad files are flagged, nothing lost."""

from __future__ import annotations

import codecs
import contextlib
import os
from pathlib import Path

import pytest

from policytext import Corpus, DecodeError, decode, iter_documents
from policytext.ingest import expand_paths, read_paths

TRADITIONAL = ("001", "003")


def _encodings_for(stem: str, text: str) -> list[tuple[str, bytes]]:
    out = [
        ("gb18030", text.encode("gb18030")),
        ("utf-8-sig", codecs.BOM_UTF8 + text.encode("utf-8")),
        ("utf-16", text.encode("utf-16")),
        ("utf-16-le", text.encode("utf-16-le")),
        ("utf-16-be", text.encode("utf-16-be")),
    ]
    if stem[:3] in TRADITIONAL:
        # 001 carries pinyin tone marks (è...) that Big5 lacks: checked separately
        with contextlib.suppress(UnicodeEncodeError):
            out.append(("big5", text.encode("big5")))
    return out


def test_each_sample_reencoded_decodes_back_exactly(sample_texts):
    for stem, text in sample_texts.items():
        for enc, data in _encodings_for(stem, text):
            got = decode(data)
            assert got.text == text, (stem, enc, got.encoding)
            assert not got.warnings, (stem, enc, got.warnings)


def test_traditional_samples_in_big5(sample_texts):
    for stem, text in sample_texts.items():
        if stem[:3] not in TRADITIONAL:
            continue
        try:
            data = text.encode("big5")
            expected = text
        except UnicodeEncodeError:
            # characters Big5 lacks (pinyin tone letters) become '?': the rest must survive
            data = text.encode("big5", errors="replace")
            expected = data.decode("big5")
        got = decode(data)
        assert got.encoding == "big5", stem
        assert got.text == expected


def test_binary_is_refused_with_decode_error():
    for data in (
        b"\x89PNG\r\n\x1a\n" + bytes(200),
        b"%PDF-1.4\n" + bytes(range(256)),
        b"PK\x03\x04" + bytes(100),
    ):
        with pytest.raises(DecodeError):
            decode(data)


def test_directory_with_bad_files_loses_nothing(tmp_path, sample_paths, sample_texts):
    for p in sample_paths:
        (tmp_path / p.name).write_bytes(p.read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(512))
    text = next(iter(sample_texts.values()))
    (tmp_path / "truncated.txt").write_bytes(text.encode("gb18030") + "卫".encode("gb18030")[:1])
    docs = list(iter_documents([tmp_path]))
    assert len(docs) == len(sample_paths) + 3
    by_id = {d.id: d for d in docs}
    for stem, t in sample_texts.items():
        assert by_id[stem].raw == t and not by_id[stem].errors
    assert by_id["empty"].errors and by_id["empty"].raw == ""
    assert by_id["image"].errors and "binary" in by_id["image"].errors[0]
    trunc = by_id["truncated"]
    assert trunc.raw.startswith(text) and trunc.errors and "truncated" in trunc.errors[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_unreadable_entries_each_get_a_record(tmp_path):
    (tmp_path / "ok.txt").write_text("关于印发通知", encoding="utf-8")
    os.mkfifo(tmp_path / "fifo.txt")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "dangling.txt")
    os.symlink("loop_b.txt", tmp_path / "loop_a.txt")
    os.symlink("loop_a.txt", tmp_path / "loop_b.txt")
    (tmp_path / "dir.txt").mkdir()
    (tmp_path / "gone.txt").write_text("x", encoding="utf-8")
    paths = expand_paths([tmp_path])
    (tmp_path / "gone.txt").unlink()  # deleted between listing and reading
    docs = list(read_paths(paths))
    assert [d.source for d in docs] == [str(p) for p in paths]
    errs = {Path(d.source).name: d.errors for d in docs}
    assert not errs["ok.txt"]
    for name in ("fifo.txt", "dangling.txt", "loop_a.txt", "loop_b.txt", "dir.txt", "gone.txt"):
        assert errs[name], name


def test_corpus_parquet_round_trip(tmp_path, sample_dir):
    corpus = Corpus.from_dir(sample_dir).normalize().extract()
    path = corpus.to_parquet(tmp_path / "c.parquet")
    back = Corpus.from_parquet(path)
    assert back.doc_ids == corpus.doc_ids
    for a, b in zip(corpus, back):
        assert (a.raw, a.text, a.flags, a.errors, a.edits) == (
            b.raw,
            b.text,
            b.flags,
            b.errors,
            b.edits,
        )
        assert a.fields == b.fields
    assert list(back.docvars.columns) == list(corpus.docvars.columns)


def test_corpus_parquet_folder_with_mismatched_parts(tmp_path, sample_dir):
    """Parts whose docvar is all null in one, text in another, a number in a third."""
    corpus = Corpus.from_dir(sample_dir).normalize()
    frame = corpus.to_frame()
    folder = tmp_path / "parts"
    folder.mkdir()
    pieces = [frame.iloc[:2].copy(), frame.iloc[2:4].copy(), frame.iloc[4:].copy()]
    pieces[0]["batch"] = None
    pieces[1]["batch"] = "二〇一〇"
    pieces[2]["batch"] = 7
    # part.10 must come after part.2 (natural order), like Dask's numbered parts
    for name, piece in zip(("part.1.parquet", "part.2.parquet", "part.10.parquet"), pieces):
        Corpus(piece.reset_index(drop=True)).to_parquet(folder / name)
    back = Corpus.from_parquet(folder)
    assert back.doc_ids == corpus.doc_ids
    assert back.docvars["batch"].tolist() == [None, None, "二〇一〇", "二〇一〇", 7]
    assert [d.text for d in back] == [d.text for d in corpus]
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError, match=r"No \*\.parquet"):
        Corpus.from_parquet(tmp_path / "empty")
