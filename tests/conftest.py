"""Shared fixtures: the sample corpus, ../shared when present, hypothesis profiles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "corpora" / "sample"
SHARED = Path(os.environ.get("POLICYTEXT_SHARED", ROOT.parent / "shared"))

settings.register_profile(
    "ci",
    max_examples=1000,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dev", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE_DIR


@pytest.fixture(scope="session")
def sample_paths() -> list[Path]:
    return sorted(SAMPLE_DIR.glob("*.txt"))


@pytest.fixture(scope="session")
def sample_texts(sample_paths) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sample_paths}


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is absent")
    return SHARED


@pytest.fixture(scope="session")
def shared_corpora(shared_dir) -> Path:
    path = shared_dir / "corpora"
    if not path.is_dir():
        pytest.skip("../shared/corpora is absent")
    return path
