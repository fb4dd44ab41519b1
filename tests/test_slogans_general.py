"""Generality of themes, campaigns and slogans: fragments in the style of real notices."""

from __future__ import annotations

import pytest

from policytext.extract.slogans import extract_slogans_text, find_items, quote_kind


def kinds(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for i in find_items(text):
        out.setdefault(i.kind, []).append(i.text)
    return out


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("决定在全局党员干部中开展“不忘初心、牢记使命”主题教育", "不忘初心、牢记使命"),
        ("开展“守初心、担使命”主题党日活动", "守初心、担使命"),
        ("围绕“红心向党、薪火相传”主题，组建宣讲团", "红心向党、薪火相传"),
        ("以“红心向党、薪火相传”为主题，组建宣讲团", "红心向党、薪火相传"),
        ("以“强化服务、规范执法”为本次活动的主题", "强化服务、规范执法"),
        ("本次活动主题：“文明出行、安全出行”", "文明出行、安全出行"),
        ("深入开展“严以修身、严以用权”专题教育", "严以修身、严以用权"),
        ("主题为“我的中国梦”", "我的中国梦"),
    ],
)
def test_themes_general(text, theme):
    assert theme in kinds(text).get("theme", [])


@pytest.mark.parametrize(
    "text",
    [
        "请各单位认真填写主题词，报送材料",
        "“不忘初心、牢记使命”是党的十九大提出的要求",
    ],
)
def test_not_themes(text):
    assert extract_slogans_text(text)["themes"] == []


@pytest.mark.parametrize(
    ("text", "campaign"),
    [
        ("决定开展“不忘初心、牢记使命”主题教育。", "不忘初心、牢记使命主题教育"),
        ("根据区委关于“三严三实”专题教育的统一部署", "三严三实专题教育"),
        ("开展了保持共产党员先进性教育活动", "保持共产党员先进性教育活动"),
        ("在全市卫生系统深入开展创先争优活动", "创先争优活动"),
        ("深入开展党史学习教育", "党史学习教育"),
        ("开展“我为群众办实事”实践活动", "我为群众办实事实践活动"),
        ("开展“净网2018”专项行动", "净网2018专项行动"),
    ],
)
def test_campaigns_general(text, campaign):
    assert campaign in extract_slogans_text(text)["campaigns"]


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ("守初心、担使命，找差距、抓落实", "slogan"),
        ("小事不出村、大事不出镇、矛盾不上交", "slogan"),
        ("创文明机关,做人民满意公务员", "slogan"),
        ("学党史 悟思想 办实事 开新局", "slogan"),
        ("学史明理学史增信", "slogan"),
        ("创建为民创建惠民", "slogan"),
        ("平安校园", "name"),
        ("安全教育月", "name"),
        ("青年文明号", "name"),
        ("最多跑一次", "name"),
        ("我为群众办实事", "name"),
        ("把脉", "scare"),
        ("2010", None),
        (
            "要坚持以人民为中心的发展思想，坚持在发展中保障和改善民生，不断满足人民日益增长的美好生活需要",
            None,
        ),
    ],
)
def test_quote_kind(content, kind):
    assert quote_kind(content) == kind


def test_single_names_stay_out_of_the_record():
    rec = extract_slogans_text(
        "开展“平安校园”“平安医院”创建，组织“安全教育月”活动，坚持“属地管理、分级负责”。"
    )
    assert rec["slogans"] == ["属地管理、分级负责"]
    k = kinds("开展“平安校园”创建")
    assert k["name"] == ["平安校园"]


def test_long_slogans_up_to_sixty_characters():
    s = "理论学习有收获、思想政治受洗礼、干事创业敢担当、为民服务解难题、清正廉洁作表率"
    assert extract_slogans_text(f"努力实现“{s}”的具体目标")["slogans"] == [s]


def test_unquoted_carrier_or_theme_never_spans_another_yi_clause():
    out = extract_slogans_text("推进以人为核心、以县城为重要载体的新型城镇化。")
    assert out["carriers"] == ["县城"]
    out = extract_slogans_text("坚持以人民为中心、以高质量发展为主题。")
    assert out["themes"] == ["高质量发展"]
