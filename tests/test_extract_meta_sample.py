"""Metadata on the bundled sample corpus, expectations written out."""

from __future__ import annotations

import pytest

from policytext import Document, normalize
from policytext.extract import extract

EXPECTED = {
    "001_20a604244363e589": {
        "date": "2010-03-15",
        "copies": 50,
        "genre": "实施方案",
        "county": "沙市区",
    },
    "002_7ef8c98250a95024": {"date": "2010-03-16", "issuer": "兰州市卫生局", "city": "兰州市"},
    "003_8ee2cb14bfd16677": {
        "date": None,
        "published": "2022-03-12",
        "city": "成都市",
        "year_hint": 2005,
    },
    "004_4712b40f9c60485c": {
        "issuer": "区卫生局",
        "genre": "工作总结",
        "county": "大足区",
        "year_hint": 2014,
    },
    "000_86bd2ce7bec283b6": {"title": None, "city": "宜宾市", "year_hint": 2007},
}


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_sample_expectations(sample_texts, stem):
    if stem not in sample_texts:
        pytest.skip("sample file absent")
    doc = extract(normalize(Document(id=stem, raw=sample_texts[stem])))
    f = doc.fields
    for key, want in EXPECTED[stem].items():
        got = f["region"][key] if key in ("province", "city", "county") else f.get(key)
        assert got == want, (stem, key, got)
