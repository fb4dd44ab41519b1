"""Formula shapes, numbers, expansions and the plain counts that are not formulas."""

from __future__ import annotations

import time

import pytest

from policytext.extract.canonical import canonical_key
from policytext.extract.formulas import find_formulas, parse_numbers


def texts(t: str) -> list[str]:
    return [f.text for f in find_formulas(t)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("紧紧围绕全市卫生事业“1128”发展战略", "1128"),
        ("以“12345”工作思路为活动载体", "12345"),
        ("“1、3、5”为载体", "1、3、5"),
        ("推行“1+X”模式", "1+X"),
        ("深入实施“3610”工程", "3610"),
        ("以“三个代表”重要思想为指导", "三个代表"),
        ("增强“四个意识”", "四个意识"),
        ("力争在“四个建立”方面有新突破", "四个建立"),
        ("“六项改革”取得突破", "六项改革"),
        ("打造“五好医院”", "五好医院"),
        ("举行“四场比赛”", "四场比赛"),
        ("实施“五个一体检”", "五个一体检"),
        ("抓住“两个重点”", "两个重点"),
        ("实施“四大工程”", "四大工程"),
        ("践行八荣八耻", "八荣八耻"),
        ("开展四查四看活动", "四查四看"),
        ("坚持十要十不要,争做文明人", "十要十不要"),
        ("“一问二听三改”,敞开大门", "一问二听三改"),
        ("推广“两会一听”", "两会一听"),
        ("真正做到“一岗双责”", "一岗双责"),
        ("切实做好两不误、两促进。", "两不误、两促进"),
        ("开展五拼五比晒五榜活动", "五拼五比晒五榜"),
        ("努力实现“四个走在前”", "四个走在前"),
        ("提高“两手抓”的能力", "两手抓"),
        ("落实《两纲》、《两法》", "两纲"),
        ("开展“双拥”共建活动", "双拥"),
        ("纠正“四风”问题", "四风"),
        ("协调推进四个全面战略布局", "四个全面"),
    ],
)
def test_formula_shapes(text, expected):
    assert expected in texts(text)


@pytest.mark.parametrize(
    "text",
    [
        "全系统有33个医疗卫生机构,医疗卫生人员近2000人。",
        "用三个月时间,在全系统开展活动",
        "查找出局班子存在的6个突出问题",
        "分为思想发动、学习讨论五个阶段",
        "以党的十七大精神为指导",
        "2010年全市卫生工作重点",
        "制作宣传栏四块,横幅两条",
        "做到十全十美,一心一意为人民",
        "一是加强领导,二是明确责任,三是强化督查",
        "“把脉”、“症结”",
        "“2010”",
    ],
)
def test_plain_counts_are_not_formulas(text):
    assert texts(text) == []


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("12345", [1, 2, 3, 4, 5]),
        ("一问二听三改", [1, 2, 3]),
        ("5544", [5, 5, 4, 4]),
        ("三个代表", [3]),
        ("1、3、5", [1, 3, 5]),
        ("1+X", [1]),
        ("十要十不要", [10, 10]),
        ("一岗双责", [1, 2]),
    ],
)
def test_numbers(text, numbers):
    assert parse_numbers(text) == numbers


def expansion(text: str, key: str) -> list[str]:
    return next(f.expansion for f in find_formulas(text) if f.text == key)


def test_expansion_parenthesis():
    t = (
        "力争在“四个建立”(即:建立全市区域医疗中心、组建城区及区(市)县区域医疗中心、"
        "城东区域医疗中心、建立和完善五个公共卫生服务中心)方面有新突破"
    )
    assert expansion(t, "四个建立") == [
        "建立全市区域医疗中心",
        "组建城区及区(市)县区域医疗中心",
        "城东区域医疗中心",
        "建立和完善五个公共卫生服务中心",
    ]


def test_expansion_parenthesis_count_must_match():
    t = "力争在“四个建立”(即:建立区域医疗中心、组建城区(市)医疗中心、建立五个服务中心)方面有新突破"
    assert expansion(t, "四个建立") == []


def test_expansion_ji_quoted():
    t = "推广“两会一听”。即“座谈会、院坝会、病房听音”。"
    assert expansion(t, "两会一听") == ["座谈会", "院坝会", "病房听音"]


def test_expansion_following_quoted_items():
    t = "以“5544”为活动载体,打造 “五好医院”、 实施“五个一体检”、 举行“四场比赛”,增强“四个意识”。"
    assert expansion(t, "5544") == ["五好医院", "五个一体检", "四场比赛", "四个意识"]
    assert expansion(t, "五个一体检") == []


def test_expansion_repeated_verb():
    t = (
        "开展“四查四看”活动。一是对照先进,查找理想信念强不强,看是否;二是查找宗旨意识牢不牢,看;"
        "三是查找工作实不实,看;四是查找作风严不严,看是否"
    )
    assert expansion(t, "四查四看") == [
        "查找理想信念强不强",
        "查找宗旨意识牢不牢",
        "查找工作实不实",
        "查找作风严不严",
    ]


def test_expansion_yi_shi():
    t = "坚持“三个结合”:一是学用结合,强化;二是上下结合;三是内外结合。"
    assert expansion(t, "三个结合") == ["学用结合", "上下结合", "内外结合"]


def test_canonical_keys_fold_variants():
    assert canonical_key("树立高尚医德,躬身为民服务") == canonical_key("树立高尚医德、躬身为民服务")
    assert canonical_key("兩會一聽") == canonical_key("二会一听")
    assert canonical_key("二〇一〇") == canonical_key("二零一零")


ADVERSARIAL = [
    "一" * 1_000_000,
    "四查" * 500_000,
    "“" + "1、" * 500_000,
    "一问二" * 330_000,
    "“五" * 500_000,
    "以“" * 500_000,
    "以" + "、" * 1_000_000 + "为主题",
    "开展" + "教育" * 500_000,
]


@pytest.mark.parametrize("s", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_no_catastrophic_backtracking(s):
    """Every regex of formulas and slogans scans 1 MB adversarial strings in < 2 s."""
    from policytext.extract import formulas as fm
    from policytext.extract.slogans import load_patterns

    rxs = [fm._QUOTE, fm._SAME, fm._SEQ, fm._DIGITS, fm._NUMRUN]
    for sec in ("themes", "carriers", "campaigns"):
        rxs += load_patterns()[sec]["compiled"]
    t0 = time.perf_counter()
    for rx in rxs:
        for _ in rx.finditer(s):
            pass
    assert time.perf_counter() - t0 < 2


def test_end_to_end_adversarial_is_linear():
    from policytext.extract.slogans import find_items

    t0 = time.perf_counter()
    for s in ADVERSARIAL:
        find_items(s[:200_000])
    assert time.perf_counter() - t0 < 10
