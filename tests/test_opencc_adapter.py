"""The OpenCC adapter works with the official binding and with opencc-python-reimplemented."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from policytext._opencc import Converter, detect_script, to_simplified

ROOT = Path(__file__).resolve().parent.parent


def test_official_binding_converts_phrases():
    conv = Converter("t2s")
    assert conv.backend == "opencc"
    assert conv.convert("區衛生局關於開展學習活動") == "区卫生局关于开展学习活动"
    assert to_simplified("衛(wèi)生") == "卫(wèi)生"


def test_same_length_conversion_keeps_positions():
    conv = Converter("t2s")
    text = "沙市衛(wèi)生信息網(wǎng):區(qū)印發(fā)"
    out = conv.convert_same_length(text)
    assert len(out) == len(text)
    assert out.startswith("沙市卫(wèi)生信息网")


def test_script_detection(sample_texts):
    scripts = {k[:3]: detect_script(v) for k, v in sample_texts.items()}
    assert scripts == {
        "000": "simplified",
        "001": "traditional",
        "002": "simplified",
        "003": "traditional",
        "004": "simplified",
    }
    assert detect_script("卫生局要求各單位認真學習，各單位") in {"mixed", "traditional"}


@pytest.mark.slow
def test_adapter_with_reimplemented_package(tmp_path):
    """Install opencc-python-reimplemented alone in a private path and convert through the adapter."""
    target = tmp_path / "site"
    pip = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
         "opencc-python-reimplemented"],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    if pip.returncode != 0:
        pytest.skip(f"cannot install opencc-python-reimplemented: {pip.stderr.strip()[:200]}")
    code = (
        "import opencc, policytext._opencc as a\n"
        "c = a.Converter('t2s')\n"
        "print(c.backend)\n"
        "print(c.convert('區衛生局關於開展學習活動'))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(target), str(ROOT)])}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    backend, converted = out.stdout.split()
    assert backend == "opencc-python-reimplemented"
    assert converted == "区卫生局关于开展学习活动"
