"""Generality of the formula rules: fragments in the style of real notices, positive and negative.

Each block tests one rule that was fixed on the probe notices (tests/data/probes).
"""

from __future__ import annotations

import pytest

from policytext.extract.canonical import canonical_key
from policytext.extract.formulas import expected_counts, find_formulas, is_formula_shaped


def texts(t: str) -> list[str]:
    return [f.text for f in find_formulas(t)]


def expansion(text: str, key: str) -> list[str]:
    return next(f.expansion for f in find_formulas(text) if f.text == key)


# --- expansions are adjacent and their count matches ------------------------------------


def test_far_away_enumeration_is_not_an_expansion():
    t = (
        "增强“四个意识”、坚定“四个自信”、做到“两个维护”，紧扣总要求。\n"
        "二、主要措施\n（一）学习教育。一是原原本本学；二是集中研讨学；三是联系实际学。"
    )
    assert [f.expansion for f in find_formulas(t)] == [[], [], []]


def test_enumeration_in_a_later_sentence_is_not_an_expansion():
    t = (
        "牢记“两个务必”，认真落实党风廉政建设责任制，与各分局签订责任书12份。开展创建活动。"
        "四、存在的问题。一是征管手段相对落后；二是个别干部服务意识不强。"
    )
    assert expansion(t, "两个务必") == []


def test_enumeration_right_after_the_formula():
    t = "推行“四查四看”：一是查思想，看信念；二是查作风，看形象；三是查纪律，看廉洁；四是查业绩，看实效。"
    assert expansion(t, "四查四看") == ["查思想", "查作风", "查纪律", "查业绩"]
    t = "推广“两会一听”。一是举办座谈会，征求意见；二是召开院坝会；三是病房听音，明察暗访。"
    assert expansion(t, "两会一听") == ["举办座谈会", "召开院坝会", "病房听音"]


def test_enumeration_belongs_to_the_nearest_formula():
    t = "坚持“三个结合”，落实“两个责任”：一是主体责任；二是监督责任。"
    assert expansion(t, "两个责任") == ["主体责任", "监督责任"]
    assert expansion(t, "三个结合") == []


def test_enumeration_count_must_match():
    t = "坚持“三个结合”：一是学用结合；二是上下结合。"
    assert expansion(t, "三个结合") == []


def test_ji_list_is_cut_at_the_clause_after_it():
    t = "开展“三服务”活动，即服务基层、服务企业、服务纳税人，为受疫情影响的17户企业办理减免税手续。"
    assert expansion(t, "三服务") == ["服务基层", "服务企业", "服务纳税人"]
    t = "坚持“五个一批”，即发展生产脱贫一批、易地搬迁脱贫一批、生态补偿脱贫一批、发展教育脱贫一批、社会保障兜底一批。"
    assert len(expansion(t, "五个一批")) == 5
    t = "抓好“四个一”工程，即一个中心、一张网格、一支队伍、一套机制。"
    assert expansion(t, "四个一") == ["一个中心", "一张网格", "一支队伍", "一套机制"]


def test_parenthesis_sum_of_numbers():
    t = "健全“一案三制”（预案、体制、机制、法制），提升应急处置能力。"
    assert expansion(t, "一案三制") == ["预案", "体制", "机制", "法制"]
    t = "推行“3+X”学习模式（3项规定内容+X项自选内容），开展活动。"
    assert expansion(t, "3+X") == []


def test_expected_counts():
    f = {x.text: x for x in find_formulas("“5544”“1、3、5”“三严三实”“五个一批”“1+N”")}
    assert expected_counts(f["5544"]) == {4}
    assert expected_counts(f["1、3、5"]) == {3}
    assert expected_counts(f["三严三实"]) == {3, 6}
    assert expected_counts(f["五个一批"]) == {5, 6}
    assert expected_counts(f["1+N"]) == set()


# --- formula shapes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("在窗口科室推行“三亮三比三评”", "三亮三比三评"),
        ("全面推行三亮三比三评活动", "三亮三比三评"),
        ("全面落实“门前三包”责任制", "门前三包"),
        ("全面开展“清三河”", "清三河"),
        ("推动“十四五”开好局", "十四五"),
        ("为十四五时期经济社会发展营造环境", "十四五"),
        ("围绕“十五”计划目标", "十五"),
        ("深入推进三改一拆工作", "三改一拆"),
        ("全面推行一案三制建设", "一案三制"),
        ("全面推行“双随机、一公开”监管", "双随机、一公开"),
        ("双随机、一公开监管实现全覆盖", "双随机、一公开"),
        ("构建“1+N”政策体系", "1+N"),
        ("推行“3+X”学习模式", "3+X"),
        ("做好“六稳”工作、落实“六保”任务", "六保"),
        ("深入开展“双培双带”活动", "双培双带"),
        ("推行“三级联创”", "三级联创"),
        ("聚焦“双减”政策落地", "双减"),
        ("做到“一河一策”", "一河一策"),
        ("严格执行“三重一大”决策制度", "三重一大"),
        ("锚定“四五五六”发展总思路", "四五五六"),
        ("深化“一十百千”示范创建", "一十百千"),
        ("深入开展“八五”普法", "八五"),
        ("新增“四 上”企业1648家", "四上"),
        ("推动“新三样”产品出口", "新三样"),
        ("严格执行国务院“约法三章”", None),
    ],
)
def test_formula_shapes_general(text, expected):
    if expected is None:
        assert texts(text) == []
    else:
        assert expected in texts(text)


@pytest.mark.parametrize(
    "text",
    [
        "开展“七一”系列纪念活动",
        "开展“五四”青年节活动，评选“三八”红旗手",
        "开展“百姓放心医院”创建活动",
        "按照“一把手”负总责的要求，推行“一站式”服务，防止“一刀切”",
        "推动更多事项“一网通办”",
        "第一阶段为动员部署阶段（3月），第三阶段为巩固提升阶段",
        "重点查摆六个方面的问题，时间3个月左右，每人确定1至2个调研课题",
        "聚焦13个突出问题开展专项整治，共梳理出6个突出问题",
        "全年组织专题研讨四次，在三个月内完成",
        "分学习动员、分析评议、整改提高三个阶段进行",
        "认真贯彻党的十六届五中全会精神和十九大精神",
        "发放宣传资料两万余份，摘帽两个村",
        "坚持一年两次，三番五次强调",
        "开展“第二课堂”活动",
        "按照“照后减证”原则",
        "打造“健康三亚”品牌，推进“电动四川”建设",
        "建立“星期六会商”制度，力争“新三板”挂牌企业3家",
    ],
)
def test_not_formulas_general(text):
    assert texts(text) == []


def test_is_formula_shaped_dates_and_plans():
    assert not is_formula_shaped("七一") and not is_formula_shaped("九一八")
    assert is_formula_shaped("十四五") and is_formula_shaped("十二五")


def test_key_folds_numerals_text_keeps_source():
    f = find_formulas("增强“四个意识”、做到“两个维护”，坚持“两手抓、两不误”")
    by = {x.text: x.key for x in f}
    assert by["两个维护"] == "二个维护" and by["两手抓、两不误"] == "二手抓、二不误"
    assert canonical_key("兩個維護") == canonical_key("二个维护")


@pytest.mark.parametrize(
    "text",
    [
        "中共××县卫生局党组\n二○一二年二月二十八日",
        "认真贯彻中纪委十七届七次全会精神",
        "二〇一〇年三月三日印发",
    ],
)
def test_dates_and_sessions_are_not_parallel_formulas(text):
    assert find_formulas(text) == []


def test_parallel_formula_still_found_beside_a_date():
    found = [f.text for f in find_formulas("2012年2月28日，深入开展八荣八耻教育")]
    assert found == ["八荣八耻"]


def test_parallel_two_character_members_end_the_clause():
    """两手抓、两手都要硬: the member runs on past two characters — take the short clause
    (up to 的 or punctuation), or fall back to the lexicon's 两手抓, never 两手抓、两手都."""
    texts = {
        "坚持两手抓、两手都要硬的方针。": "两手抓、两手都要硬",
        "物质文明和精神文明两手抓、两手都要硬。": "两手抓、两手都要硬",
        "要两手抓、两手都要硬起来持续推进": "两手抓",
    }
    for text, want in texts.items():
        got = [f.text for f in find_formulas(text)]
        assert got == [want], (text, got)
    # members that end the clause are unchanged
    assert [f.text for f in find_formulas("开展四查四看活动，做到十要十不要。")] == [
        "四查四看",
        "十要十不要",
    ]


def test_citations_and_measures_are_not_parallel_formulas():
    text = (
        "依照本条例第二条第二款规定处理；有第三章第三节规定情形的，在两侧各两米范围内，"
        "距离五米至五米以外，两种或两种以上，按一补三的比例。开展三送三解三优活动。"
    )
    assert [f.text for f in find_formulas(text)] == ["三送三解三优"]


def test_service_numbers_and_time_spans_are_not_formulas():
    text = (
        "救护车喷涂“120”等标志图案，“110”指挥中心与“12345”政务服务热线联动；"
        "坚持“12345”工作思路，实施“811”行动，实现稳中向好的“五年”。"
    )
    assert [f.text for f in find_formulas(text)] == ["12345", "811"]
