"""Keyness measures against hand-computed values and on the sample corpus."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from policytext.compare import keyness, keyness_matrix
from policytext.datasets import load_sample

X = sparse.csr_matrix(np.array([[20, 5, 1], [2, 30, 1], [1, 25, 2]]))
NAMES = ["改革", "民生", "其他"]
T = np.array([True, False, False])


def test_chi2_matches_scipy():
    from scipy.stats import chi2_contingency

    k = keyness_matrix(X, NAMES, T, measure="chi2").set_index("feature")
    a, b = 20, 3
    table = np.array([[a, b], [26 - a, 61 - b]])
    chi2, p, _, _ = chi2_contingency(table, correction=True)
    assert k.loc["改革", "chi2"] == pytest.approx(chi2)
    assert k.loc["改革", "p"] == pytest.approx(p)
    assert k.loc["民生", "chi2"] < 0


def test_lr_matches_scipy_g_test():
    from scipy.stats import chi2_contingency

    k = keyness_matrix(X, NAMES, T, measure="lr", correction=False).set_index("feature")
    table = np.array([[20, 3], [6, 58]])
    g2, *_ = chi2_contingency(table, correction=False, lambda_="log-likelihood")
    assert k.loc["改革", "G2"] == pytest.approx(g2)


def test_logodds_order_and_sign():
    k = keyness_matrix(X, NAMES, T, measure="logodds")
    assert k["feature"].iloc[0] == "改革" and k["feature"].iloc[-1] == "民生"
    assert (k["se"] > 0).all()


def test_keyness_on_corpus_two_groups():
    c = load_sample()
    k = keyness(c, "四川省", by="province", reference=["湖北省", "甘肃省"], measure="lr")
    assert k.columns[0] == "feature" and {"n_target", "n_reference", "target", "reference"} <= set(
        k.columns
    )
    assert k["G2"].iloc[0] >= k["G2"].iloc[-1]
    with pytest.raises(ValueError, match="No document has"):
        keyness(c, "西藏自治区", by="province")
    with pytest.raises(ValueError, match="measure"):
        keyness_matrix(X, NAMES, T, measure="tfidf")


def test_drop_places_removes_region_names_not_content():
    from policytext import Corpus
    from policytext.compare import DocumentTermVectorizer

    frame = pd.DataFrame(
        {
            "text": [
                "四川省推进医疗改革。成都市加强基层党建。四川全面推进改革。",
                "四川省推进医疗改革，武侯区加强基层党建。",
                "湖北省推进医疗改革。武汉市落实基层治理。湖北全面推进治理。",
                "湖北省推进医疗改革，和平区落实基层治理，坚持和平发展。",
            ],
            "province": ["四川省", "四川省", "湖北省", "湖北省"],
        }
    )
    corpus = Corpus.from_dataframe(frame)
    kept = keyness(corpus, "四川省", by="province", measure="lr")
    dropped = keyness(
        corpus,
        "四川省",
        by="province",
        measure="lr",
        vectorizer=DocumentTermVectorizer(drop_places=True),
    )
    places = {"四川省", "四川", "成都市", "武侯区", "湖北省", "湖北", "武汉市", "和平区"}
    assert places & set(kept["feature"])  # without the option the names are terms
    assert not places & set(dropped["feature"])
    # content survives, and county short names that are words (和平) are not place names
    assert {"党建", "治理", "和平"} <= set(dropped["feature"])
    assert dropped.set_index("feature").loc["党建", "G2"] > 0
