"""Site chrome of article-farm pages: font-size/toolbar widgets and related-link lists.

The fixture ``tests/data/normalize/fanwen_scraped_page.txt`` is a probe page
scraped from a 范文 site: breadcrumb, metadata line, a widget line
``【字体：大 中 小】【打印本页】【关闭窗口】``, the body, a bulleted list of
related links under ``相关文章：``, previous/next links and a footer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policytext._edits import apply_edits
from policytext.normalize import normalize_text, steps

FIXTURE = Path(__file__).resolve().parent / "data" / "normalize" / "fanwen_scraped_page.txt"

BODY = (
    "2012年县卫生局党风廉政建设工作要点\n"
    "2012年全县卫生系统党风廉政建设工作的总体要求是：以科学发展观为指导，认真贯彻落实中央纪委"
    "第七次全会精神，坚持标本兼治、综合治理、惩防并举、注重预防的方针。\n"
    "一、加强教育，筑牢拒腐防变思想防线\n"
    "各单位要把廉政教育纳入党员干部教育培训的总体规划。"
)


def run(text: str):
    res = normalize_text(text)
    assert apply_edits(text, res.edits) == res.text
    assert normalize_text(res.text).text == res.text  # idempotent
    return res


def chrome(text: str):
    res = steps.chrome(text, text)
    assert apply_edits(text, res.edits) == res.text
    return res


def test_probe_page_keeps_only_the_body():
    raw = FIXTURE.read_text(encoding="utf-8")
    res = run(raw)
    assert res.text == BODY
    assert "site_boilerplate" in res.flags
    removed = "".join(e.removed for e in res.edits)
    for chrome_bit in ("字体", "打印本页", "相关文章", "乡镇卫生院工作计划", "ICP备"):
        assert chrome_bit in removed


@pytest.mark.parametrize(
    "widgets",
    [
        "【字体：大 中 小】",
        "【字号：大 中 小】",
        "【字体:大中小】",
        "[大][中][小]",
        "字体：[大] [中] [小]",
        "【双击滚屏】",
        "【收藏】【打印】【关闭】",
        "【字体：大 中 小】【打印本页】【关闭窗口】",
        "【加入收藏】 【打印此页】",
    ],
)
def test_widget_lines_go_whole(widgets):
    t = f"标题\n{widgets}\n正文内容。"
    assert run(t).text == "标题\n正文内容。"


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("发布时间：2012-03-05 【字体：大 中 小】", ""),
        ("正文内容。【打印本页】【关闭窗口】", "正文内容。"),
        ("点击数：35 字体：大 中 小", ""),
        ("阅读次数：12 [大][中][小]", ""),
    ],
)
def test_widgets_inside_lines(line, kept):
    t = f"标题\n{line}\n正文内容。"
    expected = f"标题\n{kept}\n正文内容。" if kept else "标题\n正文内容。"
    assert run(t).text == expected


@pytest.mark.parametrize(
    "body",
    [
        "学校分为大、中、小三类。",
        "各地要统筹大中小学思政课一体化建设。",
        "按字体大小排列。",
        "字体：宋体，字号：三号。",
        "【收藏品管理办法】第一条 为加强管理，制定本办法。",
        "请将材料打印后报送。",
        "[中]方代表出席会议。",
        # content that merely mentions what article-farm chrome says
        "部分线索来源于网络举报，已核查处理。",
        "如有侵权行为的，依法追究法律责任。",
        "建设全省政务服务网，推进“一网通办”。",
        "加强网站管理，下载中心和返回机制要完善。",
        "数据仅供参考。",
    ],
)
def test_widget_lookalikes_are_kept(body):
    t = f"标题\n{body}\n正文内容。"
    assert run(t).text == t


@pytest.mark.parametrize(
    "header", ["相关文章：", "相关阅读", "推荐阅读：", "热门文章", "猜你喜欢：", "相关文章:"]
)
def test_related_link_list_goes(header):
    t = (
        f"正文内容。\n{header}\n· 2012年乡镇卫生院工作计划\n• 卫生局2011年工作总结\n"
        "● 关于加强党风廉政建设的意见\n结尾正文内容，共同努力。"
    )
    assert chrome(t).text == "正文内容。\n结尾正文内容，共同努力。"


def test_related_link_list_without_bullets_stops_at_body():
    t = (
        "正文内容。\n相关阅读\n2012年乡镇卫生院工作计划\n卫生局2011年工作总结\n"
        "各单位要把廉政教育纳入党员干部教育培训的总体规划。\n二、强化监督"
    )
    res = chrome(t)
    assert res.text == (
        "正文内容。\n各单位要把廉政教育纳入党员干部教育培训的总体规划。\n二、强化监督"
    )


def test_related_link_list_stops_at_other_chrome():
    raw = FIXTURE.read_text(encoding="utf-8")
    res = chrome(raw)
    block = next(e for e in res.edits if e.removed.startswith("相关文章"))
    assert block.removed.endswith("卫生局2011年工作总结\n")
    assert "上一篇" not in block.removed


@pytest.mark.parametrize(
    "line", ["相关链接>>", "相关文章：卫生工作计划 教育工作总结", "猜你喜欢 · 工作计划"]
)
def test_related_link_header_with_links_on_its_line(line):
    assert chrome(f"正文内容。\n{line}\n结尾。").text == "正文内容。\n结尾。"


@pytest.mark.parametrize(
    "after",
    [
        # a sentence right after the header is body text: nothing under it goes
        "各单位要把廉政教育纳入党员干部教育培训的总体规划。",
        # a numbered heading is body text even when short
        "一、加强教育",
        "第三条 本办法自发布之日起施行",
        # a long line without punctuation is not a link title
        "二〇一二年全县卫生系统党风廉政建设工作的总体要求和主要任务安排部署以及具体的落实措施",
        # a punctuated short line is not a link title
        "现通知如下：",
    ],
)
def test_related_link_header_never_eats_body(after):
    t = f"正文内容。\n相关文章：\n{after}\n结尾。"
    res = chrome(t)
    assert after in res.text
    assert "相关文章" not in res.text


def test_related_words_inside_body_are_kept():
    for t in [
        "请认真学习相关文章，深刻领会精神。\n· 一是提高认识",
        "推荐阅读书目由各支部自行确定。",
    ]:
        assert chrome(t).edits == [], t


FARM_PAGE = (
    "XX范文网 > 工作计划 > 2015年社区卫生服务中心工作计划\n"
    "2015年社区卫生服务中心工作计划\n"
    "发布时间：2015-01-12 | 作者：佚名 | 本文已影响 2356 人\n"
    "导语：本文是小编为大家整理的2015年社区卫生服务中心工作计划，仅供参考。\n"
    "为进一步提高社区卫生服务水平，结合我中心实际，制定本计划。\n"
    "一、指导思想\n以“强基层、保基本”为目标，全面推进基本公共卫生服务。\n"
    "更多相关文章：\n2015年乡镇卫生院工作计划\n2015年医院工作计划\n"
    "免费下载本文档 | 复制链接 | 打印本文 | 返回列表\n"
    "文章来源于网络，如有侵权请联系删除。\n"
    "手机版 | 关于我们 | 联系我们\n"
)


def test_article_farm_chrome_goes_body_stays():
    """A document-farm page: site breadcrumb, view counter, 导语 lead-in, 更多相关文章 block,
    a line of toolbar links, a copyright disclaimer and a footer nav line all go."""
    from policytext.normalize import normalize_text

    r = normalize_text(FARM_PAGE)
    assert r.text == (
        "2015年社区卫生服务中心工作计划\n"
        "为进一步提高社区卫生服务水平，结合我中心实际，制定本计划。\n"
        "一、指导思想\n以“强基层、保基本”为目标，全面推进基本公共卫生服务。"
    )
    assert "site_boilerplate" in r.flags
