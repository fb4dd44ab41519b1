"""Fast paths of normalization steps agree with the plain regex scans they replace."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policytext.normalize import steps
from policytext.normalize.steps import _PINYIN, _PY_ONE, _readings, _script_spans, _toneless

PINYIN_ALPHABET = list("衛生的進入款区市县()（）wèijnde1 \nAaüǚḿ")
TAG_ALPHABET = list("<>/scriptSCRIPTstyleSTYLE正文 \n")


def _pinyin_reference(text: str) -> str:
    """The pinyin step as a plain ``finditer`` over the whole text."""
    out, pos = [], 0
    for m in _PINYIN.finditer(text):
        s = m.start()
        readings = _readings(text[s - 1])
        sylls = [_toneless(p.group(1)) for p in _PY_ONE.finditer(m.group())]
        if sylls and all(sy in readings for sy in sylls):
            out.append(text[pos:s])
            pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def _script_reference(text: str) -> list[tuple[int, int, str]]:
    spans, low = [], text.lower()
    for tag in ("script", "style"):
        pos = 0
        while (s := low.find(f"<{tag}", pos)) >= 0 and (e := low.find(f"</{tag}>", s)) >= 0:
            spans.append((s, e + len(tag) + 3, ""))
            pos = e + len(tag) + 3
    return sorted(spans)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=PINYIN_ALPHABET, max_size=60))
def test_pinyin_candidates_equal_finditer(text):
    assert steps.pinyin(text, text).text == _pinyin_reference(text)


def test_pinyin_fast_path_real_fragments():
    text = "衛(wèi)生，衛（wei4）生，進(jin)入，的(de)(de)，区(市)县（试行）(1)款(a)"
    assert steps.pinyin(text, text).text == "衛生，衛生，進入，的，区(市)县（试行）(1)款(a)"
    assert steps.pinyin(text, text).text == _pinyin_reference(text)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=TAG_ALPHABET, max_size=80))
def test_script_blocks_equal_lowercase_search(text):
    assert _script_spans(text) == _script_reference(text)


def test_script_blocks_any_case():
    text = "前<SCRIPT>x()</Script>中<style a=1>p{}</STYLE>后"
    assert steps.markup(text, text).text == "前中后"


BLANK_ALPHABET = list("卫生 \t\n a。")


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=BLANK_ALPHABET, max_size=80))
def test_blank_runs_find_walk_equals_code_points(text):
    """The str.find walk (texts with few blanks) and the numpy path agree."""
    from policytext.normalize.steps import _blank_spans_few

    fast = _blank_spans_few(text, "\t" in text)
    text_many = text + " " * 300  # over the threshold: the code-point path
    many = [sp for sp in steps._blank_spans(text_many) if sp[0] < len(text)]
    # the padding joins a trailing run: compare the runs that end inside ``text``
    assert [sp for sp in fast if sp[1] < len(text)] == [sp for sp in many if sp[1] < len(text)]
