"""Document-term matrix, topic models and regional comparison on the sample corpus."""

from __future__ import annotations

import numpy as np
import pytest

from policytext.compare import (
    DocumentTermVectorizer,
    TopicModel,
    choose_k,
    distinctive_topics,
    region_similarity,
    to_gensim,
    topic_prevalence,
)
from policytext.datasets import load_sample


@pytest.fixture(scope="module")
def sample():
    return load_sample()


def test_vectorizer_sklearn_contract(sample):
    v = DocumentTermVectorizer(min_df=2, protected=["卫生院", "群众路线"], stopwords=["工作"])
    X = v.fit_transform(sample)
    assert X.format == "csr" and X.shape == (5, len(v.get_feature_names_out()))
    names = set(v.get_feature_names_out())
    assert {"卫生院", "群众路线"} <= names  # protected kept whatever min_df says
    assert "工作" not in names
    assert (v.transform(sample) != X).nnz == 0
    with pytest.raises(ValueError, match="min_df"):
        DocumentTermVectorizer(min_df=99).fit(sample)


def test_vectorizer_plugs_into_sklearn_pipeline(sample):
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.pipeline import make_pipeline

    X = make_pipeline(DocumentTermVectorizer(), TfidfTransformer()).fit_transform(sample.texts)
    assert X.shape[0] == 5


def test_gensim_interop(sample):
    d, bow = to_gensim(sample, DocumentTermVectorizer(protected=["群众路线"]))
    docs = list(bow)
    assert len(docs) == 5 and "群众路线" in d.token2id
    assert docs == list(bow)  # streamed, re-iterable


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_same_seed_same_topics(sample, method):
    a = TopicModel(method, n_topics=2, random_state=3, passes=2).fit(sample)
    b = TopicModel(method, n_topics=2, random_state=3, passes=2).fit(sample)
    assert a.top_terms(5).equals(b.top_terms(5))
    np.testing.assert_allclose(a.doc_topic_, b.doc_topic_)
    dt = a.doc_topics()
    assert dt.columns[0] == "doc_id" and "province" in dt.columns
    assert np.allclose(a.doc_topics(wide=True).filter(like="topic_").sum(axis=1), 1)
    assert np.isfinite(a.coherence("u_mass"))


def test_choose_k_and_regional_tables(sample):
    ks = choose_k(sample, [2, 3], method="nmf", random_state=0)
    assert ks["k"].tolist() == [2, 3] and ks["coherence"].notna().all()
    tm = TopicModel("nmf", n_topics=2, random_state=0).fit(sample)
    p1 = topic_prevalence(tm, "province", n_boot=50, random_state=1)
    p2 = topic_prevalence(tm, "province", n_boot=50, random_state=1)
    assert p1.equals(p2)
    assert (p1["ci_low"] <= p1["prevalence"] + 1e-12).all() and (
        p1["prevalence"] <= p1["ci_high"] + 1e-12
    ).all()
    d = distinctive_topics(tm, "province", group="四川省")
    assert set(d["province"]) == {"四川省"}
    sim = region_similarity(tm, "province", on="terms")
    diag = sim[sim["group_a"] == sim["group_b"]]["similarity"]
    assert np.allclose(diag, 1)
    with pytest.raises(KeyError, match="No docvar"):
        topic_prevalence(tm, "nope")
