"""The CLI contract: records per record.md, exit codes, time limit, resume, no overwrite, atomic writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from policytext.cli import main
from policytext.record import RECORD_KEYS


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_help(runner):
    for args in (["--help"], ["extract", "--help"], ["ingest", "--help"]):
        res = runner.invoke(main, args)
        assert res.exit_code == 0, res.output
    assert "--time-limit" in runner.invoke(main, ["extract", "--help"]).output


@pytest.mark.parametrize("fmt", ["parquet", "jsonl", "csv"])
def test_ingest_formats(runner, tmp_path, sample_dir, fmt):
    out = tmp_path / f"c.{fmt}"
    res = runner.invoke(main, ["ingest", str(sample_dir), "-o", str(out), "-f", fmt])
    assert res.exit_code == 0, res.output
    if fmt == "parquet":
        assert len(pd.read_parquet(out)) == 5
    elif fmt == "csv":
        assert len(pd.read_csv(out)) == 5
    else:
        assert len(_lines(out)) == 5


def test_extract_jsonl_has_every_key(runner, tmp_path, sample_dir):
    out = tmp_path / "out.jsonl"
    res = runner.invoke(main, ["extract", str(sample_dir), "-o", str(out)])
    assert res.exit_code == 0, res.output
    recs = _lines(out)
    assert len(recs) == 5
    for rec in recs:
        assert [k for k in RECORD_KEYS if k not in rec] == []
        assert set(rec["region"]) >= {
            "province",
            "city",
            "county",
            "code",
            "level",
            "evidence",
            "inferred",
        }
    assert [r["source"] for r in recs] == sorted(str(p) for p in sample_dir.glob("*.txt"))


def test_exit_codes(runner, tmp_path):
    assert runner.invoke(main, ["extract"]).exit_code != 0  # no inputs
    assert runner.invoke(main, ["extract", str(tmp_path)]).exit_code != 0  # nothing found
    assert runner.invoke(main, ["extract", "--time-limit", "-1", str(tmp_path)]).exit_code != 0
    (tmp_path / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    res = runner.invoke(main, ["extract", str(tmp_path)])
    assert res.exit_code == 0  # a bad document is a record, not a failure of the command
    rec = json.loads(res.stdout.splitlines()[0])
    assert rec["text"] == "" and rec["errors"]
    assert "1 with errors" in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_refuses_to_overwrite_an_input(runner, tmp_path, sample_paths):
    target = tmp_path / "in.txt"
    target.write_bytes(sample_paths[0].read_bytes())
    before = target.read_bytes()
    res = runner.invoke(main, ["extract", str(target), "-o", str(target)])
    assert res.exit_code != 0 and target.read_bytes() == before
    # an output inside the input directory that matches the pattern is an input too
    res = runner.invoke(main, ["extract", str(tmp_path), "-o", str(target)])
    assert res.exit_code != 0 and target.read_bytes() == before
    link = tmp_path / "link.jsonl"
    os.symlink(target, link)
    res = runner.invoke(main, ["extract", str(target), "-o", str(link)])
    assert res.exit_code != 0 and target.read_bytes() == before
    assert runner.invoke(main, ["extract", str(target), "-o", str(tmp_path)]).exit_code != 0


def test_parquet_written_atomically(tmp_path, sample_dir, monkeypatch):
    out = tmp_path / "out.parquet"
    out.write_bytes(b"old")
    import pandas

    def boom(self, path, *a, **k):
        Path(path).write_bytes(b"PAR1half")
        raise KeyboardInterrupt

    monkeypatch.setattr(pandas.DataFrame, "to_parquet", boom)
    res = CliRunner().invoke(main, ["extract", str(sample_dir), "-f", "parquet", "-o", str(out)])
    assert res.exit_code != 0
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.parquet"]


def _slow_extractor(seconds: float):
    import importlib

    ex = importlib.import_module("policytext.extract")

    ex._load_builtin()

    def slow(doc):
        if "SLOW" in doc.text:
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                pass
        return {}

    return ex, slow


def test_time_limit_flags_and_continues(runner, tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("关于印发工作方案的通知", encoding="utf-8")
    (tmp_path / "b.txt").write_text("SLOW 衛(wèi)生局关于印发的通知", encoding="utf-8")
    (tmp_path / "c.txt").write_text("兰州市卫生局关于印发工作安排意见的通知", encoding="utf-8")
    ex, slow = _slow_extractor(30)
    monkeypatch.setitem(ex.EXTRACTORS, "zz_slow", slow)
    t0 = time.monotonic()
    res = runner.invoke(main, ["extract", str(tmp_path), "--time-limit", "0.5"])
    assert time.monotonic() - t0 < 15
    assert res.exit_code == 0, res.output
    recs = [json.loads(x) for x in res.stdout.splitlines()]
    assert [r["id"] for r in recs] == ["a", "b", "c"]
    b = recs[1]
    assert "timeout" in b["flags"] and any("timeout" in e for e in b["errors"])
    assert b["text"] == "SLOW 衛(wèi)生局关于印发的通知"  # raw text kept
    assert b["edits"] == [] and b["title"] is None
    assert recs[2]["genre"] == "通知" and not recs[2]["errors"]
    assert "timeout: 1" in res.stderr


def test_time_limit_python_api(tmp_path, monkeypatch):
    from policytext.batch import process_files

    (tmp_path / "a.txt").write_text("SLOW 通知", encoding="utf-8")
    (tmp_path / "b.txt").write_text("通知", encoding="utf-8")
    ex, slow = _slow_extractor(30)
    monkeypatch.setitem(ex.EXTRACTORS, "zz_slow", slow)
    docs = list(process_files([tmp_path], time_limit=0.3))
    assert "timeout" in docs[0].flags and docs[0].text == "SLOW 通知"
    assert not docs[1].errors
    from policytext import Corpus

    corpus = Corpus.from_dir(tmp_path).normalize().extract(time_limit=0.3)
    assert "timeout" in corpus[0].flags and "timeout" not in corpus[1].flags


def test_resume_equals_uninterrupted_run(runner, tmp_path, sample_dir):
    full = tmp_path / "full.jsonl"
    assert runner.invoke(main, ["extract", str(sample_dir), "-o", str(full)]).exit_code == 0
    # an interrupted run: the partial file holds two complete records and a cut one
    out = tmp_path / "out.jsonl"
    lines = full.read_text(encoding="utf-8").splitlines(keepends=True)
    part = tmp_path / ".out.jsonl.part"
    part.write_text("".join(lines[:2]) + lines[2][:50], encoding="utf-8")
    res = runner.invoke(main, ["extract", str(sample_dir), "-o", str(out), "--resume"])
    assert res.exit_code == 0, res.output
    assert out.read_bytes() == full.read_bytes()
    assert not part.exists()
    # resuming a complete file processes nothing new and changes nothing
    res = runner.invoke(main, ["extract", str(sample_dir), "-o", str(out), "--resume"])
    assert out.read_bytes() == full.read_bytes()
    assert runner.invoke(main, ["extract", str(sample_dir), "--resume"]).exit_code != 0


def _run_cli(args: list[str], seed: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run(
        [sys.executable, "-c", "from policytext.cli import main; main()", *args],
        env=env,
        capture_output=True,
        check=False,
    )


def test_determinism_across_hash_seeds(tmp_path, sample_dir):
    outs = []
    for seed in ("0", "12345"):
        out = tmp_path / f"out{seed}.jsonl"
        proc = _run_cli(["extract", str(sample_dir), "-o", str(out)], seed)
        assert proc.returncode == 0, proc.stderr.decode()
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
