"""The edit model: compose keeps every edit in raw coordinates; offsets map back."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policytext import Edit, OffsetMap, apply_edits
from policytext._edits import compose, edits_from_dicts


@st.composite
def text_and_edits(draw, alphabet="ab衛生(wèi) \n"):
    text = draw(st.text(alphabet=alphabet, max_size=30))
    edits = []
    pos = 0
    while pos <= len(text):
        gap = draw(st.integers(0, 4))
        s = pos + gap
        if s > len(text):
            break
        e = min(len(text), s + draw(st.integers(0, 4)))
        ins = draw(st.text(alphabet="xy卫", max_size=3))
        if s == e and not ins:
            pos = s + 1
            continue
        edits.append(Edit(f"k{len(edits) % 3}", s, e, text[s:e], ins))
        pos = e + (1 if s == e else 0)
    return text, edits


@given(st.data())
def test_compose_rebuilds_three_steps(data):
    raw, first = data.draw(text_and_edits())
    cur = apply_edits(raw, first)
    edits = list(first)
    for _ in range(2):
        # edits drawn against the current text
        new = []
        pos = 0
        while pos <= len(cur):
            s = pos + data.draw(st.integers(0, 3))
            if s > len(cur):
                break
            e = min(len(cur), s + data.draw(st.integers(0, 3)))
            ins = data.draw(st.text(alphabet="zq", max_size=2))
            if s == e and not ins:
                pos = s + 1
                continue
            new.append(Edit("n", s, e, cur[s:e], ins))
            pos = e + (1 if s == e else 0)
        nxt = apply_edits(cur, new)
        edits = compose(raw, edits, cur, new)
        assert apply_edits(raw, edits) == nxt
        # sorted, non-overlapping, and each removed string is the raw text there
        for a, b in itertools.pairwise(edits):
            assert a.end <= b.start
        assert all(raw[e.start : e.end] == e.removed for e in edits)
        cur = nxt
    om = OffsetMap(edits)
    for p in range(len(cur) + 1):
        assert 0 <= om.to_raw(p) <= len(raw)


def test_compose_merges_overlapping_kinds():
    raw = "衛(wèi)生  系統"
    prev = [Edit("pinyin_annotations", 1, 6, "(wèi)", "")]
    cur = apply_edits(raw, prev)
    assert cur == "衛生  系統"
    out = compose(raw, prev, cur, [Edit("whitespace", 2, 4, "  ", "")])
    assert apply_edits(raw, out) == "衛生系統"
    assert [e.kind for e in out] == ["pinyin_annotations", "whitespace"]
    # an edit that rewrites text an earlier edit inserted is merged with it
    prev2 = [Edit("unicode", 0, 1, "Ａ", "A")]
    out2 = compose("Ａb", prev2, "Ab", [Edit("case", 0, 2, "Ab", "ab")])
    assert out2 == [Edit("unicode+case", 0, 2, "Ａb", "ab")]


def test_offset_map_points_to_same_character():
    raw = "上一页 衛(wèi)生系統 下一页"
    edits = [Edit("pagination", 0, 4, "上一页 ", ""), Edit("pinyin", 5, 10, "(wèi)", "")]
    text = apply_edits(raw, edits)
    om = OffsetMap(edits)
    for i, ch in enumerate(text):
        assert raw[om.to_raw(i)] == ch


def test_apply_edits_rejects_mismatch():
    with pytest.raises(ValueError, match="expects"):
        apply_edits("abc", [Edit("k", 0, 1, "x", "")])
    with pytest.raises(ValueError, match="overlap"):
        apply_edits("abc", [Edit("k", 1, 2, "b", ""), Edit("k", 0, 1, "a", "")])


def test_edits_round_trip_through_dicts():
    edits = [Edit("t2s", 0, 2, "衛生", "卫生"), Edit("pagination", 5, 9, "上一页 ", "")]
    assert edits_from_dicts([e.to_dict() for e in edits]) == edits
