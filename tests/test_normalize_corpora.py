"""Smoke test of the default pipeline over the shared real corpora (skipped when absent)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from policytext._edits import apply_edits
from policytext.normalize import normalize_text

HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
HEAVY = {"site_boilerplate", "duplicated_header", "paywall_truncated", "pagination", "spam"}


def _reader():
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_normalize.py"
    spec = importlib.util.spec_from_file_location("bench_normalize", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.read_corpora


@pytest.mark.shared
def test_shared_corpora_smoke(shared_corpora):
    docs = _reader()(shared_corpora.parent, max_docs=120)
    assert docs
    for name, raw in docs:
        r = normalize_text(raw)
        assert apply_edits(raw, r.edits) == r.text, name
        han = len(HAN.findall(raw))
        if han and not HEAVY & set(r.flags):
            assert len(HAN.findall(r.text)) >= 0.95 * han, (name, r.flags)
