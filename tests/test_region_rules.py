"""Region and date rules for reports, resolutions, regulations and central notices (real fragments)."""

from __future__ import annotations

import time

import pytest

from policytext.extract.dates import header_date, header_dates
from policytext.extract.region import resolve_region

# -- header dates --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        (
            "政府工作报告\n\n——2022年3月5日在第十三届全国人民代表大会第五次会议上\n\n国务院总理",
            "2022-03-05",
        ),
        ("（2024年1月29日在杭州市第十四届人民代表大会第四次会议上）\n各位代表：", "2024-01-29"),
        ("——2024年2月29日在玉林市第六届人民代表大会第六次会议上 市长 张惠强", "2024-02-29"),
        ("（2023年3月13日第十四届全国人民代表大会第一次会议通过）", "2023-03-13"),
        (
            "# 北京市农业承包合同条例\n\n1998年7月31日 北京市第十一届人民代表大会常务委员会第四次会议通过\n",
            "1998-07-31",
        ),
        ("1957年6月26日在第一届全国人民代表大会第四次會議上\n\n周恩来", "1957-06-26"),
        (
            "（2002年1月1日浙江省第九届人民代表大会常务委员会第三十次会议通过"
            " 根据2010年5月6日浙江省第十一届人民代表大会常务委员会第十八次会议修正）",
            "2010-05-06",
        ),
    ],
)
def test_header_date(text, iso):
    assert header_date(text) == iso


@pytest.mark.parametrize(
    "text",
    [
        "2024年1月15日在会议上讲了话的同志",
        "2024年1月15日召开的会议上",
        "2024年1月15日在市第五届人民代表大会第三次会议上讲话时指出",
        "会议于2024年1月15日在三亚市第八届人民代表大会第四次会议上通过",  # inside a sentence
        "2014年1月1日 施行",
        "x" * 3500
        + "\n——2024年1月15日在三亚市第八届人民代表大会第四次会议上",  # not in the opening
    ],
)
def test_header_date_negatives(text):
    assert header_date(text) is None


def test_header_dates_venue():
    (h,) = header_dates("——2024年1月15日在三亚市第八届人民代表大会第四次会议上\n")
    assert (h.iso, h.venue, h.act) == ("2024-01-15", "三亚市第八届人民代表大会第四次会议", "上")


# -- stated region from the venue line ----------------------------------------


def test_venue_line_states_the_city():
    r = resolve_region(
        "各位代表：\n——2024年1月15日在三亚市第八届人民代表大会第四次会议上\n现在，我代表市人民政府向大会报告工作"
    )
    assert (r.province, r.city, r.level, r.inferred) == ("海南省", "三亚市", "city", False)


def test_venue_line_with_short_prefecture_name():
    r = resolve_region("（2024年1月31日在黔东南州第十五届人民代表大会第四次会议上）")
    assert (r.province, r.city, r.inferred) == ("贵州省", "黔东南苗族侗族自治州", False)


def test_venue_line_national_session():
    r = resolve_region(
        "政府工作报告\n——2022年3月5日在第十三届全国人民代表大会第五次会议上\n国务院总理 李克强"
    )
    assert r.level == "national" and r.province is None and r.city is None


# -- national documents --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "各位代表：\n\n现在，我代表国务院，向大会报告政府工作，请予审议。",
        "各位代表：\n\n现在，我代表国务院，作政府工作报告，请予审议。",
        "各位代表：\n\n我受国务院的委托，现在向大会提出关于1980、1981年国民经济计划安排的报告。",
        "各位代表：\n\n我现在根据国务院的决定，向第二届全国人民代表大会第一次会议作政府工作报告。",
        "同志们：\n\n现在，我代表第十六届中央委员会向大会作报告。",
        "同志们：\n\n我受十二届中央委员会委托，向大会作报告。",
        "现在，我代表中央人民政府作工作报告。",
    ],
)
def test_national_speakers(text):
    r = resolve_region(text)
    assert r.level == "national" and r.province is None and not r.inferred


def test_national_session_title():
    r = resolve_region("", title="第十四届全国人民代表大会第一次会议关于政府工作报告的决议")
    assert r.level == "national"


def test_all_provinces_salutation_is_national():
    text = "各省、自治区、直辖市及新疆生产建设兵团工业和信息化主管部门：\n为落实《关于加强智能网联汽车生产企业及产品准入管理的意见》……"
    r = resolve_region(text)
    assert r.level == "national" and r.inferred


def test_national_wording_only():
    text = "为贯彻落实党中央、国务院决策部署，推动我国人工智能产业发展，加快全国一体化算力网建设，提升我国竞争力。"
    assert resolve_region(text).level == "national"


def test_local_wording_is_not_national():
    text = "为贯彻落实党中央、国务院和省委、省政府决策部署，推动我国和全省人工智能产业发展，提升我国竞争力。"
    assert resolve_region(text).level != "national"


def test_national_speaker_beats_places_named_as_examples():
    text = "各位代表：\n\n现在，我代表国务院，就当前的经济形势向大会报告。\n抚顺市是以重工业为主体的城市，鞍山市也是。"
    assert resolve_region(text).level == "national"


# -- a speaker who names only the level ------------------------------------------


def test_bare_city_speaker_named_by_its_government():
    text = "丽水市人民政府\n各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。"
    r = resolve_region(text)
    assert (r.province, r.city, r.level, r.inferred) == ("浙江省", "丽水市", "city", False)


def test_bare_city_speaker_named_by_its_congress():
    text = "各位代表：\n现在，我代表市人民政府向大会报告工作。圆满完成孝感市第七届人民代表大会第三次会议确定的目标任务。"
    r = resolve_region(text)
    assert (r.city, r.inferred) == ("孝感市", False)


def test_bare_city_speaker_inferred_from_repeated_short_name():
    text = (
        "各位代表：\n\n现在，我代表市人民政府向大会报告工作，请予审议。\n"
        "坚毅笃行“丽水之干”，全面建设现代化丽水，丽水经济增长7.5%，丽水山耕品牌。"
    )
    r = resolve_region(text)
    assert (r.province, r.city, r.level, r.inferred) == ("浙江省", "丽水市", "city", True)


def test_bare_city_speaker_without_a_clear_name_stays_empty():
    text = "各位代表：\n\n现在，我代表市人民政府向大会报告工作。南通南通，厦门厦门。"
    assert resolve_region(text).city is None


# -- word-internal short names ---------------------------------------------------


def test_two_character_name_inside_a_word_is_not_a_place():
    text = "入选知识产权强省建设示范县域，全国示范县，示范县建设成效明显，示范县评比。"
    assert resolve_region(text).city is None


def test_two_character_name_after_its_city_counts():
    r = resolve_region("濮阳市范县召开全县卫生工作会议，全县各乡镇参加。")
    assert (r.city, r.county) == ("濮阳市", "范县")


def test_new_rules_are_linear():
    for s in [
        "我代表" * 300_000,
        "——2024年1月15日在" * 60_000,
        "各省、" * 300_000,
        "丽水" * 500_000,
    ]:
        t0 = time.perf_counter()
        resolve_region(s)
        header_dates(s)
        assert time.perf_counter() - t0 < 2.0


def test_all_provinces_list_inside_the_body_is_not_local_wording():
    text = "请各省、自治区、直辖市有关部门按照我国人工智能发展要求，做好全国数据标注工作。"
    assert resolve_region(text).level == "national"


def test_autonomous_region_government_is_local_wording():
    text = "为落实自治区党委、自治区人民政府部署，推动我国和全国人工智能发展。"
    assert resolve_region(text).level != "national"


def test_provincial_document_named_only_in_cited_titles():
    text = "为全面贯彻落实《〈中国制造2025〉山东省行动纲要》的总体部署，大力推动我省信息技术发展，全省各地落实省委、省政府部署。"
    r = resolve_region(text)
    assert (r.province, r.level, r.inferred) == ("山东省", "province", True)


def test_cited_titles_of_two_provinces_decide_nothing():
    text = "为落实《山东省行动纲要》和《浙江省发展规划》，推动全省发展，我省要落实省委部署。"
    assert resolve_region(text).province is None


def test_city_document_citing_a_provincial_title_is_not_provincial():
    text = "为落实《山东省行动纲要》，推动全市发展，我市要落实市委、市政府部署。"
    assert resolve_region(text).level != "province"


def test_province_governed_county_level_city_is_a_city():
    """仙桃/天门/潜江 (Hubei), 济源 (Henan), 文昌 (Hainan) answer to the province directly:
    they are the city, never the code table's placeholder 省直辖行政区划."""
    r = resolve_region(
        "各位代表：现在，我代表市人民政府向大会报告工作。过去一年，潜江龙虾产业再上台阶，"
        "潜江经济开发区扩区提质，全市上下团结奋斗，潜江发展迈出新步伐。"
    )
    assert (r.province, r.city, r.county) == ("湖北省", "潜江市", None)
    r = resolve_region("济源市加快产城融合示范区建设，济源示范区高质量发展。")
    assert (r.province, r.city) == ("河南省", "济源市")
    # a county under the province itself has no city above it
    r = resolve_region(
        "临高县人民政府关于加强全县农村公路养护的通知\n各镇人民政府，县政府各部门：\n"
        "为做好全县农村公路养护工作，县政府决定在临高县开展专项整治。"
    )
    assert (r.province, r.city, r.county) == ("海南省", None, "临高县")


def test_short_name_before_a_lake_is_not_the_county():
    """太平湖 is a lake in 黄山区, not 太平区 of 阜新市."""
    r = resolve_region(
        "各位代表：现在，我代表区人民政府，向大会报告政府工作。2023年是黄山区发展史上极不"
        "寻常的一年。太平湖流域生态治理扎实推进，太平湖景区提质升级，太平湖水质保持优良，"
        "黄山区旅游接待人次创新高，太平湖畔民宿集群初具规模。"
    )
    assert r.province == "安徽省" and r.city == "黄山市"


def test_header_date_takes_amendments_that_name_their_decision():
    """The latest version of a regulation: amendments name their decision before the act,
    and statements may be glued on one line (批准2000年…公布施行根据2018年…修正)."""
    text = (
        "某省实施《某法》办法\n\n1993年3月5日 某省第七届人民代表大会常务委员会第三十三次会议通过\n\n"
        "2012年5月31日 某省第十一届人民代表大会常务委员会第三十一次会议修订\n\n"
        "2017年3月29日 某省第十二届人民代表大会常务委员会第二十七次会议关于修改《某省实施〈某法〉"
        "办法》的决定修正\n\n第一条 为了维护合法权益，制定本办法。"
    )
    assert header_date(text) == "2017-03-29"
    glued = (
        "某市条例\n\n2000年11月17日 某市第十二届人民代表大会常务委员会第二十三次会议通过\n\n"
        "2000年12月22日 某省第九届人民代表大会常务委员会第十八次会议批准2000年12月22日某市人民"
        "代表大会常务委员会公告公布施行根据2018年9月7日某市第十六届人民代表大会常务委员会第十一次"
        "会议《关于修改〈某市规定〉等十九件地方性法规的决定》修正\n\n第一条 为了……"
    )
    assert [h.act for h in header_dates(glued)] == ["通过", "批准", "公布", "修正"]
    assert header_date(glued) == "2018-09-07"
