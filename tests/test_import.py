"""Lazy and quiet: importing policytext loads no dictionary, model or converter."""

from __future__ import annotations

import subprocess
import sys

HEAVY = [
    "jieba",
    "rjieba",
    "opencc",
    "gensim",
    "sklearn",
    "pypinyin",
    "dask",
    "matplotlib",
    "datasketch",
    "ahocorasick",
    "cpca",
]


def test_import_is_lazy_and_silent():
    code = (
        "import sys, logging\n"
        "import policytext, policytext.normalize, policytext.extract, policytext.cli\n"
        f"heavy = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "print(','.join(heavy))\n"
        "print(len(logging.getLogger().handlers))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    heavy, root_handlers = out.stdout.splitlines()
    assert heavy == "", f"imported at import time: {heavy}"
    assert root_handlers == "0", "the library must not configure the root logger"
    assert out.stderr == "", out.stderr


def test_library_logger_has_null_handler():
    import logging

    import policytext  # noqa: F401

    assert any(isinstance(h, logging.NullHandler) for h in logging.getLogger("policytext").handlers)
