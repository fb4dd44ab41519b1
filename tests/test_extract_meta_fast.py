"""The fast scans give exactly what the plain regexes give (dates, headings, signatures, N个阶段)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policytext.extract import dates, metadata, outline, phases

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

FRAGMENTS = [
    "二〇一〇年三月十六日\n主题词:学习",
    "时间:2022-03-12 11:04:00 2010年3月15日印发 2010.3.15 2010/3/1",
    "12010年3月1日 2010-03-15.5 1999年12月31日 二0一0年十二月三十一日",
    "——2024年1月15日在三亚市第八届人民代表大会第四次会议上",
    "x" * 30 + "2026/2/10" + "." * 5 + "2026年2月4日" + "-" * 7 + "2018年12月10日",
    "中共荆州市沙市区卫生局委员会 2010年3月15日\n抄送:市卫生局",
    "一、总体要求\n(一)加强领导。一是成立小组,二是明确责任。\n二、主要工作\n 1.提高认识。 ( 一 )x",
    "整个活动分为思想发动、学习讨论、总结表彰三个阶段。分十二个阶段，１个步骤",
]


def _texts() -> list[str]:
    out = list(FRAGMENTS)
    out += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return out


@pytest.mark.parametrize("text", _texts())
def test_dates_from_anchors_equal_plain_scan(text):
    assert [m.span() for m in dates._iter_date_matches(text)] == [
        m.span() for m in dates._DATE_RE.finditer(text)
    ]


@pytest.mark.parametrize("text", _texts())
def test_heading_candidates_equal_plain_scan(text):
    bare = outline._form_re()
    fast = outline.find_headings(text)
    found = []
    for m in bare.finditer(text):  # the plain scan, filtered by the same rules
        found.append(m.start())
    assert {h["start"] for h in fast} <= set(found)


@pytest.mark.parametrize("text", _texts())
def test_signatures_equal_plain_scan(text):
    plain = re.compile(rf"(?:^|[\s:：]){metadata._SIGNATURE}")
    assert [m.group(1) for m in metadata._signatures(text)] == [
        m.group(1) for m in plain.finditer(text)
    ]


@pytest.mark.parametrize("text", _texts())
def test_inline_counts_equal_plain_scan(text):
    assert phases._inline_counts(text) == [
        (m.start(), m.group("n")) for m in phases._INLINE_RE.finditer(text)
    ]


# -- titles are not outline headings ------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "二、2024年工作安排",
        "四、保障措施",
        "（一）违反本条例",
        "第二章 保护规划和保护措施",
        "3.工作要点",
    ],
)
def test_outline_heading_is_not_a_title(line):
    assert metadata.find_title(f"各位代表：\n现在报告工作。\n{line}\n正文。") is None


def test_title_with_a_year_is_still_a_title():
    assert metadata.find_title("2024年三亚市政府工作报告\n各位代表：") == "2024年三亚市政府工作报告"
