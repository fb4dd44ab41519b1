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
