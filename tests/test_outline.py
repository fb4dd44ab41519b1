"""Outline headings: forms, levels, run-in headings, negatives, notes, tree."""

from __future__ import annotations

import time

import pytest

from policytext import Document
from policytext.extract.outline import find_headings, outline_tree


@pytest.mark.parametrize(
    ("text", "label", "heading"),
    [
        ("一、总体要求\n", "一", "总体要求"),
        ("（一）加强领导。\n", "一", "加强领导。"),
        ("(二)营造氛围。\n", "二", "营造氛围。"),
        ("1.提高认识,健全机制。\n", "1", "提高认识,健全机制。"),
        ("1、充分认识重要意义。\n", "1", "充分认识重要意义。"),
        ("(1)加强宣传\n", "1", "加强宣传"),
        ("①制定方案\n", "①", "制定方案"),
        ("㈠基本情况\n", "㈠", "基本情况"),
        ("第一章 总则\n", "一", "总则"),
        ("第三条 本条例适用于本市。\n", "三", "本条例适用于本市。"),
    ],
)
def test_heading_forms(text, label, heading):
    (h,) = find_headings(text)
    assert (h["level"], h["label"], h["heading"]) == (1, label, heading)
    assert text[h["start"] : h["end"]].endswith(heading)


def test_levels_relative_and_enumerations_lower():
    text = "一、总体要求\n(一)加强领导。一是成立小组,二是明确责任。\n二、主要工作\n"
    hs = find_headings(text)
    assert [(h["level"], h["label"]) for h in hs] == [
        (1, "一"),
        (2, "一"),
        (3, "一"),
        (3, "二"),
        (1, "二"),
    ]


def test_run_in_headings_on_one_line():
    text = "现对工作总结如下: 一、基本情况 全系统有33个医疗卫生机构。 二、动员部署,迅速启动 (一)高度重视,强化组织领导。"
    hs = find_headings(text)
    assert [h["heading"] for h in hs] == [
        "基本情况",
        "动员部署,迅速启动",
        "高度重视,强化组织领导。",
    ]


def test_numbers_inside_sentences_are_not_headings():
    text = "围绕2010年全市卫生工作重点,进入第一阶段后,认真撰写1~2篇心得,增长1.5倍,三、四月份完成。"
    assert find_headings(text) == []


def test_gaps_and_repeats_reported_not_fixed():
    text = "第一阶段:宣传\n第三阶段:学习\n第三阶段:检查\n"
    hs = find_headings(text)
    assert [h["label"] for h in hs] == ["一", "三", "三"]
    assert hs[1]["note"] and hs[2]["note"]


def test_tree():
    tree = outline_tree(Document(id="d", raw="一、要求\n(一)领导\n(二)氛围\n二、措施"))
    assert [(n["heading"], len(n["children"])) for n in tree] == [("要求", 2), ("措施", 0)]


def test_outline_linear_on_adversarial_input():
    for s in ["一、" * 300_000, "(" * 1_000_000, "1." * 500_000, "一是" * 400_000]:
        t0 = time.perf_counter()
        find_headings(s)
        assert time.perf_counter() - t0 < 2.0
