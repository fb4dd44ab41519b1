"""The stress run in small: 500 bad files through the CLI and the batch API (< 60 s)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"_stress_{name}", BENCH / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def stress_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("stress") / "corpus"
    _load("stress_corpus").build(out, 500, big_mb=2, line_mb=1, seed=1)
    return out


def test_generator_is_deterministic(tmp_path):
    gen = _load("stress_corpus")
    a, b = tmp_path / "a", tmp_path / "b"
    gen.build(a, 60, big_mb=0.1, line_mb=0.1, seed=3)
    gen.build(b, 60, big_mb=0.1, line_mb=0.1, seed=3)
    for pa in sorted(a.iterdir()):
        pb = b / pa.name
        if pa.is_file() and not pa.is_symlink():
            assert pa.read_bytes() == pb.read_bytes(), pa.name


def test_cli_over_stress_corpus(stress_dir, tmp_path):
    run = _load("stress_run")
    res = run.run_cli(stress_dir, tmp_path / "out.jsonl", time_limit=10)
    assert res["problems"] == []
    assert res["records"] == res["files"] == 500
    kinds = res["failures"]
    for kind in ("binary", "empty", "fifo", "dangling_symlink", "directory"):
        assert kinds.get(kind), (kind, kinds)
    assert res["peak_rss_mb"] < 1500


def test_api_over_stress_corpus(stress_dir):
    run = _load("stress_run")
    res = run.run_api(stress_dir, time_limit=10)
    assert res["problems"] == []
    assert res["failures"].get("missing") == 1
