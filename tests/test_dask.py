"""policytext.dask: partitioned results equal the single-process results."""

from __future__ import annotations

import os

import pytest

pytest.importorskip("dask.dataframe")

from policytext import DEFAULT_PIPELINE, Corpus
from policytext import dask as ptd
from policytext.datasets import load_sample


@pytest.fixture(scope="module")
def reference() -> Corpus:
    return load_sample(extract=True)


def test_local_scheduler_equals_single_process(sample_dir, reference, tmp_path):
    ddf = ptd.extract(ptd.normalize(ptd.read_corpus(sample_dir, npartitions=3)))
    assert ddf.npartitions == 3
    out = ptd.to_corpus(ddf, scheduler="threads")
    assert out.to_records() == reference.to_records()
    folder = ptd.to_parquet(ddf, tmp_path / "out", scheduler="sync")
    assert Corpus.from_parquet(folder).to_records() == reference.to_records()
    back = ptd.read_corpus(folder, npartitions=2)
    assert ptd.to_corpus(back, scheduler="sync").to_records() == reference.to_records()


def test_read_corpus_from_parquet_file(reference, tmp_path):
    path = reference.to_parquet(tmp_path / "c.parquet")
    ddf = ptd.read_corpus(path, npartitions=2)
    assert ddf.npartitions == 2
    assert ptd.to_corpus(ddf, scheduler="sync").to_records() == reference.to_records()


def test_read_corpus_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="No input"):
        ptd.read_corpus(tmp_path / "*.txt")


def test_shipped_rebuilt_once_per_process():
    seg = ptd._JiebaTokenizer()
    shipped = ptd.Shipped.of(seg)
    assert ptd.Shipped.of(ptd._JiebaTokenizer()).token == shipped.token
    assert shipped.get() is shipped.get()
    assert ptd.BUILD_COUNTS[shipped.token] == 1
    with pytest.raises(TypeError, match="cannot be pickled"):
        ptd.Shipped.of(lambda x: x)


def test_custom_pipeline_is_shipped(sample_dir, reference):
    ptd.Shipped.of(DEFAULT_PIPELINE)
    ddf = ptd.normalize(ptd.read_corpus(sample_dir, npartitions=2), pipeline=DEFAULT_PIPELINE)
    assert ptd.to_corpus(ddf, scheduler="processes").texts == reference.texts


def test_trace_counts_and_dtm_match_in_memory(sample_dir, reference):
    ddf = ptd.normalize(ptd.read_corpus(sample_dir, npartitions=2))
    counts = ptd.trace_counts(ddf, ["卫生", "爱国卫生"], by=["province"], scheduler="sync")
    for _, row in counts.iterrows():
        assert reference[row["doc_id"]].text.count(row["slogan"]) == row["count"]
    assert set(counts.columns) == {"doc_id", "province", "slogan", "count"}
    seg = ptd.default_segmenter()
    m = ptd.dtm(ddf, segmenter=seg, scheduler="sync")
    assert m.doc_ids == reference.doc_ids
    assert m.vocabulary == sorted(m.vocabulary)
    doc = reference[0]
    toks = ptd._tokenize(seg, doc.text)
    row = m.matrix[0]
    assert row.sum() == len(toks)
    j = m.vocabulary.index(toks[0])
    assert row[0, j] == toks.count(toks[0])
    m2 = ptd.dtm(ptd.segment(ddf, segmenter=seg), min_df=2, scheduler="sync")
    assert m2.matrix.shape[0] == 5 and m2.matrix.shape[1] < m.matrix.shape[1]


@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=None,
            protocol="tcp",
        ) as cluster,
        Client(cluster) as client,
    ):
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1")
        yield client


@pytest.mark.slow
def test_distributed_cluster_equals_single_process(client, sample_dir, reference, tmp_path):
    ddf = ptd.segment(ptd.extract(ptd.normalize(ptd.read_corpus(sample_dir, npartitions=4))))
    out = ptd.to_corpus(ddf)
    assert out.to_records() == reference.to_records()
    assert len(out.docvars["tokens"].iloc[0]) > 100
    folder = ptd.to_parquet(ddf, tmp_path / "dist")
    assert Corpus.from_parquet(folder).to_records() == reference.to_records()
    m = ptd.dtm(ddf)
    assert m.doc_ids == reference.doc_ids and m.matrix.sum() == sum(
        len(t) for t in out.docvars["tokens"]
    )
    counts = client.run(ptd._build_counts)
    assert len(counts) == 2
    # each worker process rebuilt each shipped segmenter at most once
    for info in counts.values():
        assert all(v == 1 for k, v in info.items() if k != "pid")


@pytest.mark.slow
@pytest.mark.shared
def test_distributed_on_shared_slice(client, shared_corpora):
    folder = shared_corpora / "city-gwr-2024" / "texts"
    paths = sorted(folder.glob("*.txt"))[:12]
    if not paths:
        pytest.skip("no city reports in ../shared/corpora")
    ref = Corpus.from_files(paths).normalize().extract()
    ddf = ptd.extract(ptd.normalize(ptd.read_corpus(paths, npartitions=3)))
    assert ptd.to_corpus(ddf).to_records() == ref.to_records()


def test_partitions_balanced_by_bytes_keep_order(tmp_path):
    paths = []
    for i, size in enumerate([50_000, 1_000, 1_000, 1_000, 1_000, 48_000, 500, 500]):
        p = tmp_path / f"{i:02d}.txt"
        p.write_bytes(b"x" * size)
        paths.append(str(p))
    chunks = ptd._chunks_by_bytes(paths, 2)
    assert [p for c in chunks for p in c] == paths  # contiguous: document order kept
    sizes = [sum(os.path.getsize(p) for p in c) for c in chunks]
    assert max(sizes) < 0.6 * sum(sizes)
    assert ptd._chunks_by_bytes(paths[:1], 4) == [paths[:1]]


def test_to_parquet_summary_and_warm_up(sample_dir, reference, tmp_path):
    info = ptd.warm_up()
    assert info["seconds"] >= 0 and ptd.warm_up()["seconds"] <= info["seconds"] + 1
    ddf = ptd.extract(ptd.normalize(ptd.read_corpus(sample_dir, npartitions=5)))
    table = ptd.to_parquet(ddf, tmp_path / "out", scheduler="sync", summary=True)
    assert table.columns.tolist() == ptd.SUMMARY_COLUMNS
    assert (
        table["partition"].tolist() == list(range(ddf.npartitions))
        and table["documents"].sum() == 5
    )
    assert (table["peak_rss_mb"] > 0).all()
    assert Corpus.from_parquet(tmp_path / "out").to_records() == reference.to_records()


@pytest.mark.slow
def test_distributed_warm_up_then_write_on_workers(client, sample_dir, reference, tmp_path):
    warm = client.run(ptd.warm_up)
    assert len(warm) == 2
    ddf = ptd.segment(ptd.extract(ptd.normalize(ptd.read_corpus(sample_dir, npartitions=4))))
    table = ptd.to_parquet(ddf, tmp_path / "w", summary=True)
    assert table["documents"].sum() == 5 and table["pid"].nunique() <= 2
    back = Corpus.from_parquet(tmp_path / "w")
    assert back.doc_ids == reference.doc_ids and back.texts == reference.texts
    assert all(len(t) > 100 for t in back.docvars["tokens"])
