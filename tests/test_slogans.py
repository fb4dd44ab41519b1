"""Themes, carriers, slogans, campaigns; the sample corpus and the shared seeds scored."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from policytext.extract.slogans import extract_slogans_text, find_items


def kinds(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for i in find_items(text):
        out.setdefault(i.kind, []).append(i.text)
    return out


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("以“树良好医德医风、办人民满意卫生”为活动主题", "树良好医德医风、办人民满意卫生"),
        ("开展“我们的节日”主题活动", "我们的节日"),
        ("深入开展“树立高尚医德,躬身为民服务”主题实践活动", "树立高尚医德,躬身为民服务"),
        ("活动主题是“忠诚干净担当”", "忠诚干净担当"),
        ("以 “承担共同责任,促进精神健康” 为主题", "承担共同责任,促进精神健康"),
        ("以增强诚信意识、提高服务水平为主题,加强建设", "增强诚信意识、提高服务水平"),
    ],
)
def test_themes(text, theme):
    assert theme in kinds(text).get("theme", [])


@pytest.mark.parametrize(
    ("text", "carrier"),
    [
        ("以“12345”工作思路为活动载体", "12345"),
        ("以“发展事业、规范服务、维护权益”为载体", "发展事业、规范服务、维护权益"),
        ("卫生院。“1、3、5”为载体,做到", "1、3、5"),
        ("以开展形式多样的主题实践和教育活动为载体,努力", "开展形式多样的主题实践和教育活动"),
        ("以开展“树立高尚医德,躬身为民服务”主题实践活动为载体", "树立高尚医德,躬身为民服务"),
    ],
)
def test_carriers(text, carrier):
    assert carrier in kinds(text).get("carrier", [])


def test_slogans_and_scare_quotes():
    k = kinds(
        "营造“用心想事、用心谋事、用心干事”的氛围,学习“爱岗敬业、精益求精”的信念,深入基层“把脉”,询问“症结”"
    )
    assert k["slogan"] == ["用心想事、用心谋事、用心干事", "爱岗敬业、精益求精"]
    assert k["scare"] == ["把脉", "症结"]
    rec = extract_slogans_text("深入基层“把脉”,询问活动“症结”")
    assert rec["slogans"] == [] and rec["formulas"] == []


def test_titles_are_not_slogans():
    assert extract_slogans_text("认真落实《党风廉政建设责任制》")["slogans"] == []


def test_campaigns():
    rec = extract_slogans_text(
        "开展干部作风整顿建设活动,推进亲民惠民八大医疗保障行动,深入开展向王争艳同志学习活动,"
        "深入开展党的群众路线教育实践活动,开展“树立高尚医德,躬身为民服务”主题实践活动"
    )
    for c in [
        "干部作风整顿建设活动",
        "八大医疗保障行动",
        "向王争艳同志学习活动",
        "党的群众路线教育实践活动",
    ]:
        assert c in rec["campaigns"]


def test_dedup_by_key_and_count():
    rec = extract_slogans_text(
        "开展“树立高尚医德,躬身为民服务”主题实践活动。开展“树立高尚医德、躬身为民服务”主题实践活动。“四风”“四风”"
    )
    assert rec["themes"] == ["树立高尚医德,躬身为民服务"]
    assert rec["formulas"][0]["count"] == 2


SAMPLE_EXPECT = {
    "000_86bd2ce7bec283b6": {
        "formulas": {"十要十不要", "八荣八耻", "四职", "双拥", "两纲", "两法"}
    },
    "001_20a604244363e589": {
        "formulas": {"四查四看", "三个代表", "两不误、两促进"},
        "themes": {"树立良好医德医风,忠诚服务人民健康"},
    },
    "002_7ef8c98250a95024": {"formulas": {"1128"}, "themes": {"我们的节日"}},
    "003_8ee2cb14bfd16677": {
        "formulas": {"三个代表", "一岗双责", "两手抓", "四个建立", "六项改革"}
    },
    "004_4712b40f9c60485c": {
        "formulas": {"12345", "一问二听三改", "两会一听", "四风", "1、3、5", "5544", "四个意识"},
        "carriers": {"12345", "发展事业、规范服务、维护权益", "1、3、5", "5544"},
    },
}


def test_sample_corpus(sample_dir):
    from policytext.datasets import load_sample

    corpus = load_sample().normalize().extract()
    for doc in corpus:
        exp = SAMPLE_EXPECT[doc.id]
        for cat, want in exp.items():
            got = {x["text"] if isinstance(x, dict) else x for x in doc.fields[cat]}
            got = {g.replace("，", ",") for g in got}
            assert want <= got, (doc.id, cat, want - got)
        assert "把脉" not in doc.fields["slogans"]


def test_dataframes(sample_dir):
    from policytext.datasets import load_sample
    from policytext.extract.slogans import lexicon, occurrences, summaries

    corpus = load_sample().normalize()
    occ = occurrences(corpus)
    assert list(occ.columns[:8]) == [
        "doc_id",
        "kind",
        "text",
        "key",
        "start",
        "end",
        "confidence",
        "sentence",
    ]
    assert (occ.loc[occ.kind == "scare", "confidence"] == "low").all()
    lx = lexicon(occ=occ)
    assert lx.loc[lx.key == "三个代表", "doc_freq"].item() == 2
    assert len(summaries(corpus)) == len(corpus)


def test_seeds_scored(shared_dir, tmp_path):
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    exe = Path(sys.executable).with_name("policytext")
    out = subprocess.run(
        [str(exe), "extract", *map(str, seeds), "--format", "jsonl"],
        capture_output=True,
        text=True,
        check=True,
    )
    recs = tmp_path / "s.jsonl"
    recs.write_text(out.stdout, encoding="utf-8")
    res = subprocess.run(
        [
            sys.executable,
            str(shared_dir / "tools" / "score.py"),
            str(shared_dir / "seeds" / "gold.json"),
            str(recs),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    score = json.loads(res.stdout)
    for k in ["formulas.recall", "themes.recall", "carriers.recall", "slogans.recall"]:
        assert score[k]["rate"] >= 0.95, (k, score[k]["misses"])
    assert score["extracted.precision"]["rate"] >= 0.90, score["extracted.precision"]["misses"]
