"""Unit tests of the normalization steps, on real fragments of the sample notices."""

from __future__ import annotations

import time
import unicodedata

import pytest

from policytext import PatternError
from policytext._edits import OffsetMap, apply_edits
from policytext.document import Document
from policytext.normalize import (
    DEFAULT_PIPELINE,
    NormalizeOptions,
    load_patterns,
    make_pipeline,
    normalize,
    normalize_text,
    remove_site_chrome,
    steps,
)
from policytext.normalize.patterns import default_patterns


def run(step, text, view=None):
    res = step(text, text if view is None else view)
    assert apply_edits(text, res.edits) == res.text
    return res


# -- unicode ---------------------------------------------------------------------
def test_unicode_positive():
    r = run(steps.unicode_chars, "第\u200b一条\r\n\u3000\u3000正文ＡＢ１２\x07")
    assert r.text == "第一条\n  正文AB12"


@pytest.mark.parametrize("keep", ["〔2010〕", "（试行）", "(2月~3月底)", "，。：；", "《通知》"])
def test_unicode_keeps_chinese_punctuation(keep):
    assert run(steps.unicode_chars, keep).text == keep


# -- mojibake ----------------------------------------------------------------------
def test_mojibake_latin1_and_gbk():
    good = "关于在全区卫生系统深入开展学习活动的通知，请各单位认真落实。"
    bad = good.encode("utf-8").decode("latin-1")
    r = run(steps.mojibake, bad)
    assert r.text == good and r.flags == ["mojibake"]
    bad_gbk = good.encode("utf-8").decode("gbk", errors="ignore")
    assert "鐨" in bad_gbk or "锛" in bad_gbk


def test_mojibake_leaves_clean_text():
    for t in ["先进性教育活动卫生系统整改措施", "Café résumé 2010年", "衛生系統"]:
        assert run(steps.mojibake, t).edits == []


# -- markup ------------------------------------------------------------------------------
def test_markup_positive():
    t = "| 标题:区卫生局工作总结 |\n|====|\n<p>正文&nbsp;内容&#x4e2d;&9826;</p>![](a.png)<script>var a=1;</script>"
    r = run(steps.markup, t)
    assert r.text == "标题:区卫生局工作总结\n正文 内容中"
    assert r.flags == ["table_residue"]


def test_markup_negative():
    for t in ["<建立健全惩治和预防腐败体系2008-2012年工作规划>", "A&B公司", "文明×××", "3<5"]:
        assert run(steps.markup, t).edits == [], t


# -- pinyin ---------------------------------------------------------------------------------
def test_pinyin_positive():
    t = "沙市衛(wèi)生信息網(wǎng):衛(wèi)生系統(tǒng)學(xué)習(xí) 進(jin)入 的(de)(de) 卫（wèi）生"
    view = "沙市卫(wèi)生信息网(wǎng):卫(wèi)生系统(tǒng)学(xué)习(xí) 进(jin)入 的(de)(de) 卫（wèi）生"
    r = run(steps.pinyin, t, view)
    assert r.text == "沙市衛生信息網:衛生系統學習 進入 的 卫生"
    assert r.flags == ["pinyin_annotations"]


@pytest.mark.parametrize(
    "keep",
    ["区(市)县", "(试行)", "(鄂卫党[2010]7号)", "措施(1)", "(2005年—2010年)", "款(a)", "进(ma)"],
)
def test_pinyin_negative(keep):
    assert run(steps.pinyin, keep).edits == []


# -- paywall ---------------------------------------------------------------------------------
def test_paywall_positive():
    t = (
        "领导为组 ……(快文网http://www.fanwy.cn省略744字,正式会员可完整阅读)…… (二)一问"
        "创新方 ……(未完,全文共3480字,当前只显示1933字,请阅读下面提示信息。收藏区卫生局工作总结)"
    )
    r = run(steps.paywall, t)
    for gone in ["快文网", "省略744字", "正式会员可完整阅读", "全文共3480字", "请阅读下面提示信息"]:
        assert gone not in r.text
    assert r.info == {"omitted_chars": 744, "full_length": 3480, "shown_length": 1933}
    assert "paywall_truncated" in r.flags


def test_paywall_negative():
    t = "全文共分五个部分，省略号不宜滥用。"
    assert run(steps.paywall, t).edits == []


# -- pagination ----------------------------------------------------------------------------------
def test_pagination_positive():
    t = "不断推动全区卫生事业健康\n上一页 [1] [2] [3] [4] [5] [6] [7] 下一页"
    r = run(steps.pagination, t)
    assert r.text == "不断推动全区卫生事业健康\n" and r.info == {"page_count": 7}
    assert run(steps.pagination, "正文。\n第2页\n").text == "正文。\n"


def test_pagination_negative():
    for t in ["第2页的表格列出了数字。", "共印50份", "全书共300页，分为十章。"]:
        assert run(steps.pagination, t).edits == [], t


# -- chrome ---------------------------------------------------------------------------------------
def test_chrome_positive():
    t = (
        "当前位置：首页 > 工作总结\n先进性教育活动卫生系统整改措施\n时间:2022-03-12 11:04:00\n"
        "导语:先进性教育活动卫生系统整改措施一文来源于网友上传,不代表本站观点,若需要原创文章可咨询客服老师,欢迎参考。\n"
        "下载\n打印\n【字号：\n加大\n还原\n减小\n】\n来源：解放日报\n正文。\n"
        "上一篇:督学责任区工作总结 下一篇:民委2014年上半年工作总结 相关栏目:卫生 医院\n"
        "Copyright © 2010 某某网 京ICP备12345号\n加微信 abc123 代写论文\n"
    )
    r = run(steps.chrome, t)
    assert r.text == "先进性教育活动卫生系统整改措施\n正文。\n"
    assert set(r.flags) == {"site_boilerplate", "spam"}


def test_chrome_traditional_via_view():
    t = "標題\n時間:2022-03-12 11:04:00\n正文。"
    assert run(steps.chrome, t, "标题\n时间:2022-03-12 11:04:00\n正文。").text == "標題\n正文。"


def test_chrome_negative():
    for t in [
        "时间安排：2010年3月至5月。",
        "资金来源：财政拨款。",
        "第一阶段:宣传发动阶段(2月~3月底)",
        "在打印、复印等环节加强保密管理。",
        "二、主要工作\n",
    ]:
        assert run(steps.chrome, t).edits == [], t


# -- whitespace -------------------------------------------------------------------------------------
def test_whitespace_positive():
    r = run(steps.whitespace, "  加 快发展   经济 \n\n\n\n上海市市长 龚 正\n")
    assert r.text == "加快发展 经济\n\n上海市市长龚正"


def test_whitespace_negative():
    for t in [
        "主题词:先进 王争艳 学习 方案",
        "基本情况 全系统",
        "1999年10月22日 浙江省",
        "如下: 一、基本情况",
    ]:
        assert run(steps.whitespace, t).edits == [], t


# -- duplicates --------------------------------------------------------------------------------------
def test_duplicates_title():
    t = "先进性教育活动卫生系统整改措施\n\n先进性教育活动卫生系统整改措施\n\n按照中央和省、市委的部署要求，扎实推进。"
    r = run(steps.duplicates, t)
    assert r.text.count("先进性教育活动卫生系统整改措施") == 1 and r.flags == ["duplicated_header"]
    t2 = "区卫生局工作总结\n区卫生局工作总结 今年2月,在区督导组的指导下开展活动。"
    assert (
        run(steps.duplicates, t2).text == "区卫生局工作总结\n今年2月,在区督导组的指导下开展活动。"
    )


def test_duplicates_keeps_title_versions_list():
    # zh.wikisource disambiguation page (national-gwr-congress, cpc_congress_reports #3):
    # lines opening with the title are its versions, not a repeated header (lost 25.6% Han)
    t = (
        "論聯合政府\n的版本包括：\n\n\n論聯合政府 (1945年)\n，1945年中共七大報告\n\n\n"
        "論聯合政府 (1953年)\n，1953年4月《毛澤東選集》第三卷"
    )
    assert run(steps.duplicates, t).edits == []
    r = DEFAULT_PIPELINE.run(t)
    assert r.text.count("论联合政府") == 3 and "duplicated_header" not in r.flags
    # a qualifier after the title is never taken for glued body text, even once
    t2 = "关于开展卫生检查的通知\n关于开展卫生检查的通知 (试行)\n各单位：现将有关事项通知如下。"
    assert run(steps.duplicates, t2).edits == []
    # the title glued to a body sentence once is still cut
    t3 = "区卫生局工作总结\n区卫生局工作总结 今年2月,在区督导组的指导下开展活动。\n全局上下积极参与。"
    assert run(steps.duplicates, t3).text.startswith("区卫生局工作总结\n今年2月,")


def test_duplicates_block(sample_texts):
    raw = sample_texts["001_20a604244363e589"]
    r = DEFAULT_PIPELINE.run(raw)
    assert "duplicated_header" in r.flags
    assert r.text.count("请各单位结合实际,认真抓好落实,切实抓好实效") == 1


def test_duplicates_negative():
    body = "一、总体要求\n加强学习。\n二、主要工作\n加强学习。\n加强学习。"
    assert run(steps.duplicates, body).edits == []
    t = "通知\n" + "正文内容。\n" * 20 + "通知\n"
    assert run(steps.duplicates, t, t).edits == [] or steps.duplicates(t, t).text.count("通知") >= 1


# -- broken lines -----------------------------------------------------------------------------------------
def test_broken_lines_positive():
    t = "区卫生局成立以党委书记、局长王跃刚为组长,副局长张铭,工会主席陈昌梅,纪委书记江\n珂,红会专职副会长易万兵为副组长的领导小组。"
    r = run(steps.broken_lines, t)
    assert "纪委书记江珂" in r.text and r.flags == ["broken_lines"]
    t2 = "围绕全市卫生工作重点，现将兰州市卫生局系统创建工作安排如下，各单位要\n- 3 -\n认真组织实施并及时上报进展情况。"
    assert run(steps.broken_lines, t2).text.endswith("各单位要认真组织实施并及时上报进展情况。")


def test_broken_lines_negative():
    t = (
        "一、总体要求\n以党的十七大精神为指导。\n（一）加强组织领导\n第一章 总则\n"
        "——2026年2月3日在上海市第十六届人民代表大会第四次会议上\n上海市市长 龚正\n"
        "区卫生局关于在全区卫生系统\n深入开展向王争艳同志学习活动实施方案"
    )
    assert run(steps.broken_lines, t).edits == []


# -- markers ------------------------------------------------------------------------------------------------
def test_markers_positions_in_final_text():
    raw = "制定《**市农村卫生规划》,创建文明×××单位,20xx年,〔〕号。"
    r = normalize_text(raw)
    assert r.text == raw  # never removed
    assert {"redactions", "placeholders"} <= set(r.flags)
    for s, e in r.info["redactions"] + r.info["placeholders"]:
        assert r.text[s:e] in {"**", "×××", "20xx", "〔〕", "xx"}


def test_markers_truncation_flags(sample_texts):
    r = normalize_text(sample_texts["000_86bd2ce7bec283b6"])
    assert {"truncated_start", "truncated_end", "pagination"} <= set(r.flags)
    r2 = normalize_text(sample_texts["002_7ef8c98250a95024"])
    assert "truncated_start" not in r2.flags and "truncated_end" not in r2.flags


# -- patterns --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body, match",
    [
        ("[chrom]\nlines = ['x']\n", "unknown pattern group"),
        ("[chrome]\nlinez = ['x']\n", "unknown key"),
        ("[chrome]\nlines = []\n", "non-empty"),
        ("[chrome]\nlines = ['(unclosed']\n", "bad regex"),
        ("[chrome]\nlines = ['a*']\n", "empty string"),
        ("[chrome]\n", "empty"),
    ],
)
def test_load_patterns_validation(tmp_path, body, match):
    p = tmp_path / "bad.toml"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(PatternError, match=match):
        load_patterns(user_file=p)


def test_load_patterns_yaml_merge_and_use(tmp_path):
    p = tmp_path / "mine.yaml"
    p.write_text("chrome:\n  lines:\n    - '本站声明[^\\n]{0,80}'\n", encoding="utf-8")
    table = load_patterns(user_file=p)
    assert "本站声明[^\\n]{0,80}" in table.get("chrome", "lines")
    assert len(table.get("chrome", "lines")) == len(default_patterns().get("chrome", "lines")) + 1
    step = steps.configure(steps.chrome, patterns=table)
    assert step("本站声明：转载请注明\n正文。", "本站声明：转载请注明\n正文。").text == "正文。"


@pytest.mark.parametrize(
    "rx", ["(a+)+$", "(a|aa)+$", "(.*a){12}", "(\\w+\\s?)+$", "([a-z]*)+x$", "(?:x|xy)*z"]
)
def test_load_patterns_rejects_catastrophic_regex(tmp_path, rx):
    p = tmp_path / "cat.toml"
    p.write_text(f"[spam]\nlines = ['{rx}']\n", encoding="utf-8")
    with pytest.raises(PatternError, match="unsafe"):
        load_patterns(user_file=p)


@pytest.mark.parametrize(
    "rx",
    [
        "(?:\\s{0,3}[大中小]){1,3}",  # bounded inside bounded
        "(?:上一页|下一页|\\d{1,4}|[ \\t])++",  # possessive: never backtracks
        "(?>[a-z]+)+x",  # atomic group
        "(?:网站|站点)+地图",  # alternatives that cannot start alike
        "^(?=[^\\n]{0,200}?(?:加微信|代写论文))[^\\n]{1,200}",
    ],
)
def test_load_patterns_accepts_safe_nested_regex(tmp_path, rx):
    p = tmp_path / "ok.toml"
    p.write_text(f"[spam]\nlines = ['{rx}']\n", encoding="utf-8")
    assert rx.replace("\\\\", "\\") in load_patterns(user_file=p).get("spam", "lines")


def test_shipped_patterns_pass_the_redos_probe():
    from policytext.normalize._redos import redos_problem

    for group, keys in default_patterns().raw.items():
        for key, items in keys.items():
            if (group, key) == ("markup", "html_tags"):
                continue
            for p in items:
                assert redos_problem(p) is None, (group, key, p)


def test_inline_with_shared_group_names():
    t = default_patterns()
    rx = t.inline("paywall", "notices")  # two patterns name a group "omitted"
    m = rx.search("正文……(某某网省略744字,正式会员可完整阅读)……")
    assert m is not None
    assert {k.split("__")[0] for k, v in m.groupdict().items() if v} == {"omitted"}
    assert rx.search("省略号不是通知") is None
    r = steps.paywall("前文省略12字后文", "前文省略12字后文")
    assert r.text == "前文后文" and r.info == {"omitted_chars": 12}


def test_window_line_patterns_are_linear_alone():
    # compiled on their own, look-ahead windows are tried once per line, not per position
    t = default_patterns()
    big = "卫" * 300_000
    for group in ("chrome", "spam", "pagination"):
        for rx in t.each(group, "lines"):
            t0 = time.perf_counter()
            for _ in rx.finditer(big):
                pass
            assert time.perf_counter() - t0 < 1, rx.pattern[:60]
    # the leading ^ does not stop a line with leading blanks from matching in the pipeline
    text = "正文。\n  本文来源于网友上传，不代表本站观点\n下文。"
    assert [s for s, _, _ in t.line_spans("chrome", "lines", text)] == [4]
    assert run(steps.chrome, text).text == "正文。\n下文。"


def test_literal_triggers_of_patterns():
    from policytext.normalize._literals import (
        first_line_literals,
        required_literals,
        trigger_regex,
    )

    meta = default_patterns().get("chrome", "lines")[2]  # 时间/来源/作者... metadata line
    lits = {s for s, _ in required_literals(meta)}
    assert {"时间:", "来源：", "作者:"} <= lits
    window = "^(?=[^\\n]{0,300}?(?:来源于网友上传|不代表本站观点))[^\\n]{1,300}"
    assert first_line_literals(window) == [("不代表本站观点", False), ("来源于网友上传", False)]
    assert required_literals("(?i:copyright)") == [("copyright", True)]
    rx = trigger_regex(required_literals("(?i:copyright)|ICP备"))
    assert rx.findall("COPYRIGHT 2010 京ICP备123号") == ["COPYRIGHT", "ICP备"]
    # negative: nothing literal is required, or only after a possible newline
    assert required_literals("[^\\n]{1,20}") is None
    assert required_literals("(?:关于)?通知") == [("通知", False)]
    assert first_line_literals("\\s{0,3}首页") is None


def test_chrome_breadcrumb_over_lines_and_case_insensitive_footer():
    # prov-gwr-2026 (陕西): breadcrumb and metadata split over lines by the scraper
    t = "陕西省省长 赵刚\n首页\n>\n政府信息公开\n>\n时间：\n2026-02-02 09:20\n陕西省人民政府"
    r = run(steps.chrome, t)
    assert "首页" not in r.text and "2026-02-02" not in r.text
    assert r.text.startswith("陕西省省长 赵刚\n政府信息公开")
    foot = "正文。\nCOPYRIGHT 2010 某某网 版权\n"
    assert run(steps.chrome, foot).text == "正文。\n"
    # negative: the same words inside prose stay
    prose = "推进网站首页改版，加大政务公开力度，时间紧任务重。\n下载量大幅增长。"
    assert run(steps.chrome, prose).edits == []


def test_user_pattern_without_literal_tries_every_line(tmp_path):
    p = tmp_path / "mine.toml"
    p.write_text("[chrome]\nlines = ['[A-Z]{3}\\d{6}']\n", encoding="utf-8")
    table = load_patterns(user_file=p)
    assert table.triggers(("chrome", "lines")) is None
    t = "正文。\nABC123456\n后文。"
    assert steps.configure(steps.chrome, patterns=table)(t, t).text == "正文。\n后文。"


def test_known_script_is_not_detected_again(monkeypatch):
    """The raw text's script, when given, is not detected again; the cleaned text's is."""
    from policytext.normalize import pipeline as P

    seen = []
    real = P.detect_script

    def spy(text):
        seen.append(text)
        return real(text)

    monkeypatch.setattr(P, "detect_script", spy)
    doc = normalize(Document(id="d", raw="衛(wèi)生系統", script="traditional"))
    assert doc.text == "卫生系统" and doc.script == "traditional"
    assert seen == ["衛生系統"]  # the cleaned text only, never the raw


def test_script_decided_on_the_cleaned_text_is_idempotent():
    """One traditional character is under the threshold in the raw page, over it once the
    paywall notice and breadcrumbs are gone: the decision follows the cleaned text, so a
    second pass changes nothing (a case hypothesis found)."""
    raw = (
        "一、指導(dǎo)思想卫生系统党的群众路线教育实践活动领导小组,抽调了2名工作人员充实"
        "“学教办”办公力量,确定了办公场所。二是成立了以局党委主要负责人和分管领导为组 ……"
        "(快文网http://www.fanwy.cn省略744字,正式会员可完整阅读)…… (二)当前位置：首页 > "
        "工作总结当前位置：首页 > 工作总结"
    )
    once = normalize_text(raw)
    assert once.script == "mixed" and "指导思想" in once.text
    assert normalize_text(once.text).text == once.text


ADVERSARIAL = [
    "(",
    "(a",
    " ",
    "*",
    "1 ",
    "&amp;",
    "<p ",
    "| ",
    "来源:",
    "衛(wèi)",
    "\n",
    "中 ",
    "<!--",
    "[a](",
    "……(",
    "时间:2022-03-12 ",
]


def _hot_regexes():
    from policytext.normalize import steps as S

    t = default_patterns()
    return [
        *t.all_regexes(),
        S._UNICODE,
        S._ENTITY,
        S._COMMENT,
        S._MD_IMAGE,
        S._MD_LINK,
        S._MD_HEADING,
        S._TABLE_RULE,
        S._PIPE_LINE,
        S._PIPE,
        S._PINYIN,
        S._WS_RUN,
        S._HAN_SPACE,
        S._PAGE_RESIDUE,
        S._LATIN_MOJI,
        S._GBK_RUN,
        S._tag_rx(tuple(t.get("markup", "html_tags"))),
        S._paywall_rx(tuple(t.get("paywall", "notices")), tuple(t.get("paywall", "login"))),
        S._WS_FIX,
        S._BLANK_LINES,
        S._UNICODE_ANY,
        S._WRAP_BREAK,
    ]


@pytest.mark.parametrize("unit", ADVERSARIAL)
def test_hot_regexes_no_catastrophic_backtracking(unit):
    s = (unit * (10**6 // len(unit) + 1))[: 10**6]
    for rx in _hot_regexes():
        t0 = time.perf_counter()
        for _ in rx.finditer(s):
            pass
        assert time.perf_counter() - t0 < 2, rx.pattern[:80]


def test_pipeline_on_adversarial_input():
    for unit in ADVERSARIAL:
        s = unit * (50_000 // len(unit))
        t0 = time.perf_counter()
        r = DEFAULT_PIPELINE.run(s)
        assert time.perf_counter() - t0 < 5, unit
        assert apply_edits(s, r.edits) == r.text


# -- pipeline -------------------------------------------------------------------------------------------------
def test_pipeline_order_and_options():
    assert DEFAULT_PIPELINE.names == [
        "mojibake",
        "unicode",
        "markup",
        "pinyin",
        "spaces",
        "paywall",
        "pagination",
        "chrome",
        "whitespace",
        "duplicates",
        "broken_lines",
        "markers",
    ]
    p = make_pipeline(
        steps.unicode_chars,
        steps.configure(steps.broken_lines, options=NormalizeOptions(wrap_min_line=5)),
    )
    assert p.run("短行文字在此\n继续的文字。").text == "短行文字在此继续的文字。"
    with pytest.raises(TypeError):
        steps.broken_lines("a", "a", NormalizeOptions())  # options are keyword-only


def _seed_texts():
    """The shared seed notices when ../shared is present (else none)."""
    import os
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent.parent / "shared"
    seeds = Path(os.environ.get("POLICYTEXT_SHARED", root)) / "seeds"
    return [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]


def test_default_pipeline_pickles_and_runs_identically(sample_texts):
    import pickle

    back = pickle.loads(pickle.dumps(DEFAULT_PIPELINE))
    assert back.names == DEFAULT_PIPELINE.names
    texts = list(sample_texts.values()) + _seed_texts()
    for raw in texts:
        a, b = DEFAULT_PIPELINE.run(raw), back.run(raw)
        assert (a.text, a.edits, a.flags, a.info) == (b.text, b.edits, b.flags, b.info)


def test_configured_and_custom_pipelines_pickle(tmp_path, sample_texts):
    import pickle
    import re

    from policytext.normalize import build_pipeline

    user = tmp_path / "mine.toml"
    user.write_text("[chrome]\nlines = ['本站声明[^\\n]{0,80}']\n", encoding="utf-8")
    table = load_patterns(user_file=user)
    table.lines("chrome")  # a warm cache must not change what is pickled
    configured = build_pipeline(patterns=table, options=NormalizeOptions(wrap_min_line=20))
    custom = make_pipeline(
        steps.regex_step("stars", re.compile(r"★+")),
        steps.configure(steps.broken_lines, options=NormalizeOptions(wrap_min_line=5)),
    )
    raw = "本站声明：转载请注明\n★重要★" + sample_texts["001_20a604244363e589"]
    for p in (configured, custom):
        back = pickle.loads(pickle.dumps(p))
        assert back.names == p.names
        a, b = p.run(raw), back.run(raw)
        assert (a.text, a.edits, a.flags) == (b.text, b.edits, b.flags)
    assert "本站声明" not in configured.run(raw).text
    assert "★" not in custom.run(raw).text


def test_normalize_document_and_offsets(sample_texts):
    raw = sample_texts["001_20a604244363e589"]
    doc = normalize(Document(id="001", raw=raw))
    assert doc.raw == raw and "pinyin_annotations" in doc.flags
    m = OffsetMap(doc.edits)
    k = doc.text.index("纪委书记江珂")
    rs = m.to_raw(k)
    assert raw[rs] in "紀纪"


def test_remove_site_chrome_composes_edits():
    docs = [
        Document(id=str(i), raw=f"网站导航 | 首页\n第{i}号通知\n正文第{i}段。\n本站联系电话")
        for i in range(6)
    ]
    out = remove_site_chrome(docs, min_docs=5, min_share=0.8)
    for d in out:
        assert "网站导航" not in d.text and "本站联系电话" not in d.text
        assert "site_boilerplate" in d.flags
        assert apply_edits(d.raw, d.edits) == d.text
        assert any(e.kind.startswith("site_chrome") or "site_chrome" in e.kind for e in d.edits)
    few = remove_site_chrome([Document(id="a", raw="导航\n正文。")], min_docs=5)
    assert few[0].text == "导航\n正文。"


# -- seeds: gold clean.* expectations (copied from seeds/gold.json) ---------------------------------------------
GOLD_CLEAN = {
    "000_86bd2ce7bec283b6": (
        ["上一页", "[1] [2] [3] [4] [5] [6] [7]", "下一页"],
        ["从政方面存在的突出问题", "不断推动全区卫生事业健康", "文明×××"],
    ),
    "001_20a604244363e589": (
        ["(wèi)", "(tǒng)", "(xí)"],
        ["(2月~3月底)", "(鄂卫党[2010]7号)", "纪委书记江珂"],
    ),
    "002_7ef8c98250a95024": (
        [],
        [
            "兰州市卫生局系统2010年创建全国文明城市工作安排意见",
            "<建立健全惩治和预防腐败体系2008-2012年工作规划>",
        ],
    ),
    "003_8ee2cb14bfd16677": (
        [
            "时间:2022-03-12 11:04:00",
            "一文来源于网友上传",
            "不代表本站观点",
            "若需要原创文章可咨询客服老师",
        ],
        ["区(市)县", "(已上报政府)", "(2005年—2010年)"],
    ),
    "004_4712b40f9c60485c": (
        [
            "快文网",
            "http://www.fanwy.cn",
            "省略744字",
            "正式会员可完整阅读",
            "未完,全文共3480字",
            "当前只显示1933字",
            "请阅读下面提示信息",
            "上一篇:督学责任区工作总结",
            "下一篇:民委2014年上半年工作总结及下半年工作计划",
            "相关栏目:",
        ],
        ["以“12345”工作思路为活动载体", "对教育实践活动创新方"],
    ),
}


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).translate(
        str.maketrans({"[": "〔", "]": "〕", "【": "〔", "】": "〕", "<": "〈", ">": "〉"})
    )
    return (
        "".join(c for c in s if not c.isspace() and c not in "“”\"'‘’「」『』")
        .replace("，", "、")
        .replace(",", "、")
        .replace(";", "、")
        .replace("；", "、")
    )


@pytest.mark.parametrize("stem", sorted(GOLD_CLEAN))
def test_seed_clean_expectations(sample_texts, stem):
    remove, keep = GOLD_CLEAN[stem]
    r = normalize_text(sample_texts[stem])
    text = _fold(r.text)
    for s in remove:
        assert _fold(s) not in text, s
    for s in keep:
        assert _fold(s) in text, s
    assert apply_edits(sample_texts[stem], r.edits) == r.text
    assert normalize_text(r.text).text == r.text


def test_seed_gold_file(shared_dir, sample_texts):
    import json

    gold = json.loads((shared_dir / "seeds" / "gold.json").read_text(encoding="utf-8"))
    hit = total = 0
    for g in gold["documents"]:
        text = _fold(
            normalize_text((shared_dir / "seeds" / g["file"]).read_text(encoding="utf-8")).text
        )
        for s in g.get("clean", {}).get("must_remove", []):
            total += 1
            hit += _fold(s) not in text
        for s in g.get("clean", {}).get("must_keep", []):
            total += 1
            hit += _fold(s) in text
    assert hit == total
