"""Campaign phases: headed, inline enumerations, spans, negatives."""

from __future__ import annotations

import time

from policytext.extract.phases import find_phases


def test_headed_phases_keep_source_ordinal():
    text = (
        "整个学习活动分四个阶段组织实施:\n第一阶段:宣传发动阶段(2月~3月底)\n(一)深入思想发动\n"
        "第三阶段:深入学习阶段(4月初~5月底)\n正文\n第三阶段:分析检查阶段(6月初~8月底)\n"
        "第四阶段:整改落实阶段(9月初~12月初)\n"
    )
    ps = find_phases(text, title="区卫生局关于深入开展向某某同志学习活动实施方案", year=2010)
    assert [(p["ordinal"], p["name"]) for p in ps] == [
        (1, "宣传发动阶段"), (3, "深入学习阶段"), (3, "分析检查阶段"), (4, "整改落实阶段"),
    ]  # fmt: skip
    assert ps[0]["start"] == "2010-02" and ps[0]["end"] == "2010-03"
    assert ps[1]["note"] and ps[0]["note"] is None
    assert ps[0]["set"] == "向某某同志学习活动"


def test_inline_enumeration_with_declared_count_and_span():
    text = (
        "从今年3月20日起到12月31日,在全区深入开展“树立高尚医德、躬身为民服务”主题实践活动。"
        "整个活动分为思想发动、学习讨论、查找问题、集中整改、总结表彰五个阶段,把……"
    )
    ps = find_phases(text)
    assert [p["name"] for p in ps] == ["思想发动", "学习讨论", "查找问题", "集中整改", "总结表彰"]
    assert ps[0]["start"] == "3月20日" and ps[-1]["end"] == "12月31日"
    assert ps[0]["set"] == "树立高尚医德、躬身为民服务主题实践活动"
    assert all(p["note"] is None for p in ps)


def test_inline_with_verb_and_comma_list():
    ps = find_phases(
        "按照区卫生系统干部作风整顿建设活动实施方案要求,具体落实好学习讨论,查找问题,整改提高三个阶段的工作措施。"
    )
    assert [p["name"] for p in ps] == ["学习讨论", "查找问题", "整改提高"]
    assert ps[0]["set"] == "干部作风整顿建设活动"


def test_declared_count_checked():
    ps = find_phases("活动分为动员、实施两个阶段进行,另有总结三个阶段。")
    assert [p["name"] for p in ps][:2] == ["动员", "实施"]
    ps = find_phases("活动分为动员、实施、总结两个阶段。")
    assert ps[0]["note"] == "declared 2, found 3"


def test_negatives():
    assert find_phases("(1)提高认识。\n(2)加强领导。\n") == []
    assert (
        find_phases("区卫生局党的群众路线教育实践活动第一阶段工作总结\n现对第一阶段工作总结如下:")
        == []
    )
    assert find_phases("分四个阶段组织实施") == []


def test_linear_on_adversarial_input():
    for s in ["第一阶段:" * 200_000, "、" * 1_000_000, "分为" + "甲、" * 300_000 + "三个阶段"]:
        t0 = time.perf_counter()
        find_phases(s)
        assert time.perf_counter() - t0 < 2.0


def test_phases_under_outline_labels():
    text = (
        "二、活动步骤\n活动分三个阶段进行：\n"
        "（一）动员部署阶段（3月1日—3月15日）。召开动员大会。\n"
        "（二）查摆整改阶段（3月16日至5月31日）。对照要求开展自查。\n"
        "（三）总结提高阶段：6月1日至6月30日。\n"
    )
    got = [(p["ordinal"], p["name"], p["start"], p["end"]) for p in find_phases(text, year=2013)]
    assert got == [
        (1, "动员部署阶段", "2013-03-01", "2013-03-15"),
        (2, "查摆整改阶段", "2013-03-16", "2013-05-31"),
        (3, "总结提高阶段", "2013-06-01", "2013-06-30"),
    ]
    # one labelled line is no sequence; ordinary outline items and 在…阶段 are not phases
    assert find_phases("（一）动员部署阶段\n（二）加强领导。\n") == []
    assert find_phases("（一）在概念设计阶段\n（二）在产品开发阶段\n") == []


def test_phase_heading_with_wei():
    text = "第一阶段：学习动员阶段（2月）\n第二阶段为查摆问题阶段，时间为3月。\n"
    assert [p["name"] for p in find_phases(text)] == ["学习动员阶段", "查摆问题阶段"]
