"""Metadata extraction: dates, 文号, title, issuer, 主送/抄送/主题词, genre, year hints."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from policytext import Document, normalize
from policytext.extract import extract
from policytext.extract.dates import issue_date, parse_date, published_date, year_hint
from policytext.extract.docnum import find_doc_numbers
from policytext.extract.metadata import (
    find_addressees,
    find_cc,
    find_copies,
    find_genre,
    find_issuer,
    find_keywords,
    find_title,
)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("二〇一〇年三月十六日", "2010-03-16"),
        ("二0一0年三月十五日", "2010-03-15"),
        ("二○一二年一月九日", "2012-01-09"),
        ("二零零七年十二月三十一日", "2007-12-31"),
        ("2010年3月15日", "2010-03-15"),
        ("2010-03-15", "2010-03-15"),
        ("2010年3月", "2010-03"),
    ],
)
def test_date_forms(text, iso):
    assert parse_date(text) == iso


def test_issue_date_standalone_line_and_signature():
    assert issue_date("现将方案印发给你们。\n二0一0年三月十五日\n主题词:先进") == "2010-03-15"
    assert (
        issue_date("抄送:市卫生局\n中共某某县卫生局委员会 2010年3月15日\n共印50份") == "2010-03-15"
    )


def test_issue_date_negatives():
    assert issue_date("时间:2022-03-12 11:04:00\n正文") is None  # crawl time
    assert published_date("时间:2022-03-12 11:04:00\n正文") == "2022-03-12"
    assert issue_date("认真贯彻《决定》(鄂卫党[2010]7号),统一思想。") is None  # 文号 year
    assert issue_date("2005年完成14个重点卫生院建设。") is None  # body date
    assert issue_date("从今年3月20日起到12月31日开展活动") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(鄂卫党[2010]7号)", "鄂卫党〔2010〕7号"),
        ("国发〔2014〕66号", "国发〔2014〕66号"),
        ("湘卫中发[2001]3号", "湘卫中发〔2001〕3号"),
        ("东卫函〔2016〕94号", "东卫函〔2016〕94号"),
        ("xx〔2021〕xx号", "xx〔2021〕xx号"),
        ("根据国办发【2019】5号文件", "国办发〔2019〕5号"),
    ],
)
def test_doc_number_forms(text, expected):
    assert [n.text for n in find_doc_numbers(text)] == [expected]


def test_doc_number_own_vs_cited():
    own = find_doc_numbers("东卫函〔2016〕94号\n关于做好工作的通知")
    assert own[0].own
    body = "x" * 400 + "认真贯彻《关于开展学习活动的决定》(鄂卫党[2010]7号)"
    assert not find_doc_numbers(body)[0].own


def test_title_split_over_two_lines_and_page_title_ignored():
    text = (
        "某某网:区印发《有关在全区开展学习活动实施方案》的公告:各单位:现将《区卫生局关于在全区卫生系统"
        "深入开展学习活动实施方案》印发给你们。\n区卫生局关于在全区卫生系统\n深入开展学习活动实施方案\n为贯彻……"
    )
    assert find_title(text) == "区卫生局关于在全区卫生系统深入开展学习活动实施方案"


def test_title_table_residue_and_repeated():
    assert find_title("| 标题:区卫生局第一阶段工作总结 |\n| 区卫生局第一阶段工作总结 今年2月,") == (
        "区卫生局第一阶段工作总结"
    )
    text = "先进性教育活动卫生系统整改措施\n\n时间:2022-03-12 11:04:00\n\n先进性教育活动卫生系统整改措施\n\n按照……"
    assert find_title(text) == "先进性教育活动卫生系统整改措施"


def test_title_not_a_cited_document():
    assert find_title("按照《某某市卫生局工作规划》的要求,认真做好工作。") is None


def test_issuer_signed_and_from_title():
    assert (
        find_issuer("区妇联 中共荆州市沙市区卫生局委员会 2010年3月15日")
        == "中共荆州市沙市区卫生局委员会"
    )
    assert find_issuer("", "兰州市卫生局系统2010年创建全国文明城市工作安排意见") == "兰州市卫生局"
    assert find_issuer("", "先进性教育活动卫生系统整改措施") is None


def test_salutation_cc_keywords_copies():
    assert find_addressees("的公告:各乡镇卫生院,区直医疗卫生单位:现将") == [
        "各乡镇卫生院",
        "区直医疗卫生单位",
    ]
    assert find_cc("抄 送:市卫生局、区委办公室、区妇联 中共某委员会 2010年3月15日") == [
        "市卫生局",
        "区委办公室",
        "区妇联",
    ]
    assert find_keywords("主题词:先进 王争艳 学习 方案 抄 送:市卫生局") == [
        "先进",
        "王争艳",
        "学习",
        "方案",
    ]
    assert find_copies("共印50份") == 50


@pytest.mark.parametrize(
    ("title", "genre"),
    [
        ("兰州市卫生局系统2010年创建全国文明城市工作安排意见", "工作安排意见"),
        ("区卫生局关于深入开展学习活动实施方案", "实施方案"),
        ("先进性教育活动卫生系统整改措施", "整改措施"),
        ("区卫生局第一阶段工作总结", "工作总结"),
        ("关于印发《实施方案》的通知", "通知"),
        ("2024年三亚市政府工作报告", "政府工作报告"),
        ("上海口岸服务条例", "条例"),
    ],
)
def test_genre_longest_match(title, genre):
    assert find_genre(title) == genre


def test_year_hint_from_general_tables():
    assert year_hint("为迎接党的十七大召开唱响主旋律")[0] == 2007
    assert year_hint("精心组织建党86周年纪念活动")[0] == 2007
    assert year_hint("", title="某市2010年创建全国文明城市工作安排意见")[0] == 2010
    assert year_hint("深入开展先进性教育活动")[0] == 2005


def test_regexes_are_linear_on_adversarial_input():
    from policytext.extract.metadata import extract_metadata

    for s in [
        "二" * 1_000_000,
        "局" * 1_000_000,
        "〔2010" * 150_000,
        "主题词:" + "先 " * 300_000,
        "各" * 1_000_000,
    ]:
        t0 = time.perf_counter()
        extract_metadata(Document(id="a", raw=s))
        assert time.perf_counter() - t0 < 2.0


def _seed_records(shared_dir: Path) -> list[dict]:
    from policytext.record import to_record

    recs = []
    for p in sorted((shared_dir / "seeds").glob("*.txt")):
        doc = extract(
            normalize(Document(id=p.stem, raw=p.read_text(encoding="utf-8"), source=str(p)))
        )
        recs.append(to_record(doc))
    return recs


@pytest.mark.shared
def test_seed_gold_scores(shared_dir):
    import importlib.util

    spec = importlib.util.spec_from_file_location("score", shared_dir / "tools" / "score.py")
    if spec is None or spec.loader is None:
        pytest.skip("score.py absent")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gold = json.loads((shared_dir / "seeds" / "gold.json").read_text(encoding="utf-8"))
    res = score.score(gold, json.loads(json.dumps(_seed_records(shared_dir), default=str)))
    for key in ["meta.title", "meta.date", "meta.issuer", "meta.province", "meta.city", "meta.county",
                "meta.doc_numbers", "meta.genre", "phases"]:  # fmt: skip
        assert res[key]["rate"] == 1.0, (key, res[key]["misses"])


@pytest.mark.parametrize("mark", ["××", "XX", "**"])
def test_issuer_signed_with_redacted_place(mark):
    from policytext.extract.metadata import find_issuer

    text = f"各单位：\n现将有关事项通知如下。\n中共{mark}县卫生局党组\n二○一二年二月二十八日"
    assert find_issuer(text) == f"中共{mark}县卫生局党组"


def test_extract_runs_every_builtin_whatever_was_imported_first():
    """Importing one extractor module early must not hide the others."""
    import subprocess
    import sys

    code = (
        "import policytext.extract.region\n"
        "from policytext import Document, normalize, extract\n"
        "d = extract(normalize(Document(id='d', raw='兰州市卫生局关于开展学习活动的通知\\n各单位：\\n兰州市卫生局\\n2010年3月16日')))\n"
        "print(d.fields['region']['province'], d.fields['issuer'], d.fields['date'])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["甘肃省", "兰州市卫生局", "2010-03-16"]


def test_speech_without_title_line_gets_genre_from_its_opening_not_a_heading_title():
    """A work report scraped without its title line opens with 各位代表：; its headings
    (2024年工作安排) are not its title, and the opening formula names the genre."""
    text = (
        "各位代表：\n\n现在，我代表市人民政府向大会报告工作，请予审议，并请市政协各位委员提出意见。"
        "\n\n2023年工作回顾\n\n过去一年，全市经济持续回升向好。\n\n2024年工作安排\n\n"
        "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。"
    )
    assert find_title(text) is None
    assert find_genre(find_title(text), text) == "政府工作报告"
    # the same opening with 市政府 and a comma
    text2 = "各位代表：\n我代表市政府，向大会报告工作，请予审议。\n一、2023年工作回顾"
    assert find_genre(None, text2) == "政府工作报告"
    # a party congress report is not a government work report
    text3 = "同志们：\n现在，我代表第十九届中央委员会向大会作报告。"
    assert find_genre(None, text3) is None
