"""Properties of the default pipeline on generated noisy notices (hypothesis)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from policytext._edits import OffsetMap, apply_edits
from policytext.normalize import normalize_text

SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "sample"
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _fragments() -> list[str]:
    out: list[str] = []
    for p in sorted(SAMPLE.glob("*.txt")):
        for line in p.read_text(encoding="utf-8").split("\n"):
            line = line.strip()
            for i in range(0, min(len(line), 600), 120):
                out.append(line[i : i + 120])
    return [f for f in out if f] or ["先进性教育活动卫生系统整改措施"]


FRAGMENTS = _fragments()
NOISE = [
    "当前位置：首页 > 工作总结",
    "时间:2022-03-12 11:04:00",
    "来源：解放日报",
    "下载",
    "打印",
    "【字号：加大 还原 减小】",
    "导语:本文一文来源于网友上传,不代表本站观点,若需要原创文章可咨询客服老师,欢迎参考。",
    "上一篇:督学责任区工作总结",
    "相关栏目:卫生 医院",
    "……(快文网http://www.fanwy.cn省略744字,正式会员可完整阅读)……",
    "……(未完,全文共3480字,当前只显示1933字,请阅读下面提示信息。)",
    "上一页 [1] [2] [3] 下一页",
    "第2页",
    "| 标题:区卫生局工作总结 |",
    "|====",
    "| |",
    "![](a.png)",
    "&nbsp;",
    "&#x4e2d;",
    "&9826;",
    "<p>",
    "</div>",
    "<script>x=1</script>",
    "Copyright © 2010 京ICP备123号",
    "衛(wèi)",
    "生(shēng)",
    "的(de)(de)",
    "進(jin)",
    "区(市)县",
    "(试行)",
    "(1)",
    "〔2010〕",
    "**",
    "×××",
    "20xx",
    "XX",
    "〔〕",
    " ",
    "  ",
    "\u3000",
    "\u200b",
    "\r\n",
    "\n",
    "\n\n\n",
    "\t",
    "一、总体要求",
    "（一）加强领导",
    "第一章 总则",
    "。",
    "，",
    "加 快",
    "ＡＢ１２",
    "- 3 -",
]
piece = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.sampled_from(NOISE),
    st.text(
        alphabet=st.sampled_from(
            list("卫生系统工作的。，、：(（)）[]〔〕 \n\t*×xX-|<>&;#上下一页12aé")
        ),
        max_size=12,
    ),
    st.text(max_size=6),
)
notices = st.lists(piece, max_size=10).map("".join)


@given(notices)
def test_idempotent(raw):
    once = normalize_text(raw).text
    assert normalize_text(once).text == once


@given(notices)
def test_edits_rebuild_and_offsets_map_back(raw):
    r = normalize_text(raw)
    assert apply_edits(raw, r.edits) == r.text
    m = OffsetMap(r.edits)
    for i in range(0, len(r.text), max(1, len(r.text) // 20)):
        k = m.to_raw(i)
        assert 0 <= k <= len(raw)
    last = -1
    for e in r.edits:
        assert e.start >= last and raw[e.start : e.end] == e.removed
        last = e.end


@given(notices)
def test_han_reconciliation(raw):
    r = normalize_text(raw)
    removed = sum(
        len(HAN.findall(e.removed)) - len(HAN.findall(e.inserted))
        for e in r.edits
        if e.kind != "t2s"
    )
    before_t2s = (
        apply_edits(raw, [e for e in r.edits if e.kind != "t2s"])
        if all("t2s" not in e.kind or e.kind == "t2s" for e in r.edits)
        else None
    )
    assert len(HAN.findall(raw)) - removed - sum(
        len(HAN.findall(e.removed)) - len(HAN.findall(e.inserted))
        for e in r.edits
        if e.kind == "t2s"
    ) == len(HAN.findall(r.text))
    if before_t2s is not None:
        assert len(HAN.findall(before_t2s)) == len(HAN.findall(r.text))


# -- literal triggers: skipping lines without a trigger never changes a result ---------------
TABLE_KEYS = [
    ("spam", "lines"),
    ("chrome", "lines"),
    ("pagination", "lines"),
    ("chrome", "inline"),
    ("paywall", "notices"),
    ("paywall", "login"),
    ("markers", "redactions"),
    ("markers", "placeholders"),
]
lines_text = st.lists(
    st.one_of(st.sampled_from(NOISE), st.sampled_from(FRAGMENTS[:50]), st.just("\n")),
    max_size=12,
).map("\n".join)


def _all_lines(view):
    pos, out = 0, []
    for line in view.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


@given(lines_text)
def test_trigger_lines_equal_trying_every_line(view):
    from policytext.normalize.patterns import default_patterns

    table = default_patterns()
    every = _all_lines(view)
    for group, key in TABLE_KEYS:
        if key == "lines":
            got = table.line_spans(group, key, view)
            assert got == table.line_spans(group, key, view, every), (group, key)
        else:
            got = [m.span() for m in table.inline_matches(group, key, view)]
            full = [m.span() for m in table.inline_matches(group, key, view, every)]
            assert got == full, (group, key)


SPACED = st.text(
    alphabet=st.sampled_from(list("卫生系统龚正中国人民、.．a1 \t\n\u3000")), max_size=40
)


@given(st.one_of(notices, SPACED))
def test_spaces_idempotent(raw):
    """The horizontal whitespace pass is a fixed point on its own output.

    ``whitespace`` skips it for the very text ``spaces`` returned, so this must hold.
    """
    from policytext.normalize import steps

    steps._last_horizontal = (None, None)  # no shortcut: run the pass twice for real
    once = steps.spaces(raw, raw).text
    steps._last_horizontal = (None, None)
    assert steps.spaces(once, once).text == once


def test_whitespace_after_spaces_equals_without_the_shortcut():
    from policytext.normalize import steps

    raw = "龚 正  同志\t出席 会议 。\n\n\n\n  加 快发展 \n"
    spaced = steps.spaces(raw, raw).text
    fast = steps.whitespace(spaced, spaced).text  # same object: the horizontal pass is skipped
    steps._last_horizontal = (None, None)
    slow = steps.whitespace(spaced, spaced).text
    assert fast == slow == "龚正同志 出席 会议 。\n\n加快发展"
