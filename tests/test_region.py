"""Region resolution with the packaged gazetteer."""

from __future__ import annotations

import pandas as pd

from policytext.corpus import Corpus
from policytext.extract.gazetteer import load_gazetteer
from policytext.extract.region import resolve_region, resolve_regions


def test_gazetteer_hierarchy_codes_and_history():
    gaz = load_gazetteer()
    (d,) = gaz.lookup("沙市区")
    assert (d.province, d.city, d.code) == ("湖北省", "荆州市", "421002")
    (old,) = gaz.lookup("大足县")
    assert old.name == "大足区" and old.historical == "大足县"
    assert gaz.lookup("襄樊市")[0].city == "襄阳市"
    assert len(gaz.lookup("鼓楼区")) > 1


def test_from_issuer():
    r = resolve_region("", issuer="中共荆州市沙市区卫生局委员会")
    assert (r.province, r.city, r.county, r.level, r.inferred) == (
        "湖北省",
        "荆州市",
        "沙市区",
        "county",
        False,
    )


def test_municipality():
    r = resolve_region("成立了大足区卫生系统领导小组", title="区卫生局第一阶段工作总结")
    assert (r.province, r.city, r.county, r.inferred) == ("重庆市", "重庆市", "大足区", True)


def test_inferred_from_two_counties_stops_at_city():
    r = resolve_region("开展新都区、青白江区农村卫生改革的试点工作。在市委领导下")
    assert (r.province, r.city, r.county) == ("四川省", "成都市", None)
    assert r.inferred and "新都区" in r.evidence


def test_demonym():
    r = resolve_region("深化巩固“坚持十要十不要,争做文明宜宾人”活动")
    assert (r.province, r.city) == ("四川省", "宜宾市")


def test_ambiguous_name_not_guessed_and_decided_by_comention():
    assert resolve_region("鼓楼区开展活动").province is None
    r = resolve_region("南京市鼓楼区开展活动,鼓楼区卫生局")
    assert r.city == "南京市"


def test_cited_and_central_do_not_override():
    text = "为贯彻中央和省委精神,落实《中共湖北省卫生厅党组关于开展学习活动的决定》,兰州市各单位要……兰州市卫生局"
    assert resolve_region(text).province == "甘肃省"
    assert resolve_region("", issuer="国务院办公厅").level == "national"


def test_words_are_not_places():
    assert resolve_region("建立城东区域医疗中心,加大城市卫生对农村的支援").province is None


def test_resolve_regions_frame():
    c = Corpus.from_dataframe(
        pd.DataFrame({"doc_id": ["a", "b"], "text": ["兰州市卫生局关于印发方案的通知", "无"]})
    )
    df = resolve_regions(c)
    assert list(df.columns[:4]) == ["doc_id", "province", "city", "county"]
    assert df["city"].iloc[0] == "兰州市" and pd.isna(df["city"].iloc[1])
