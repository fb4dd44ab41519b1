"""The ``policytext compare`` subcommand."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from policytext.cli import main


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_compare_cli_writes_tables(tmp_path, sample_dir, fmt):
    out = tmp_path / "out"
    res = CliRunner().invoke(
        main,
        ["compare", str(sample_dir), "--by", "province", "-o", str(out), "--format", fmt,
         "--slogan", "卫生", "--slogan", "群众路线", "--topics", "2", "--measure", "chi2"],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    names = {p.stem for p in out.iterdir()}
    assert {
        "reprints",
        "slogans_x_regions",
        "topics_x_regions",
        "keyness",
        "first_appearance",
    } <= names
    if fmt == "csv":
        tab = pd.read_csv(out / "slogans_x_regions.csv")
        assert tab.set_index("slogan").loc["卫生"].sum() >= 3


def test_compare_cli_bad_by(tmp_path, sample_dir):
    res = CliRunner().invoke(
        main, ["compare", str(sample_dir), "--by", "nope", "-o", str(tmp_path / "o")]
    )
    assert res.exit_code != 0 and "not a docvar" in res.output


def test_compare_cli_places_and_too_many_topics(tmp_path):
    """Default --topics (8) on 4 documents fits 4; place names only with --keep-places."""
    src = tmp_path / "notices"
    src.mkdir()
    texts = {
        "a.txt": "四川省推进医疗改革。成都市加强基层党建。四川全面推进改革。",
        "b.txt": "四川省推进医疗改革，成都市加强基层党建。",
        "c.txt": "湖北省推进医疗改革。武汉市落实基层治理。湖北全面推进治理。",
        "d.txt": "湖北省推进医疗改革，武汉市落实基层治理。",
    }
    for name, text in texts.items():
        (src / name).write_text(text, encoding="utf-8")
    (src / "metadata.csv").write_text(
        "file,province\na.txt,四川省\nb.txt,四川省\nc.txt,湖北省\nd.txt,湖北省\n", encoding="utf-8"
    )
    places = {"四川省", "四川", "成都市", "湖北省", "湖北", "武汉市"}
    found = {}
    for flag in ("--keep-places", "--drop-places"):
        out = tmp_path / flag
        res = CliRunner().invoke(
            main, ["compare", str(src), "--by", "province", "-o", str(out), "--format", "csv", flag]
        )
        assert res.exit_code == 0, res.output
        terms = set(pd.read_csv(out / "keyness.csv")["feature"])
        terms |= set(pd.read_csv(out / "topic_terms.csv")["term"])
        found[flag] = terms & places
        assert pd.read_csv(out / "topic_terms.csv")["topic"].nunique() == 4
    assert found["--keep-places"] and not found["--drop-places"]
