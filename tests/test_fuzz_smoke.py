"""Each atheris harness runs a few seconds without a crash (skipped without atheris)."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("atheris")

FUZZ = Path(__file__).resolve().parent.parent / "fuzz"
SECONDS = int(os.environ.get("POLICYTEXT_FUZZ_SMOKE_SECONDS", "8"))


def _runner():
    spec = importlib.util.spec_from_file_location("_fuzz_run_all", FUZZ / "run_all.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


RUN_ALL = _runner()


@pytest.mark.parametrize("harness", sorted(RUN_ALL.HARNESSES))
def test_harness_runs_without_crash(harness, tmp_path):
    code, _took, tail = RUN_ALL.run_harness(harness, SECONDS, tmp_path)
    assert code == 0, tail
