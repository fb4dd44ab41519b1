"""Every regex on the hot path finishes on adversarial 1 MB inputs (no catastrophic backtracking).

Patterns are collected from the globals of every module of
``policytext.normalize``, ``policytext.extract`` and ``policytext.segment``
(also inside lists, tuples and dicts), and from the pattern tables through
their loaders. Each ``finditer`` must finish within 2 s (SIGALRM guard).
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
import time
from typing import Any

import pytest

from policytext._timeout import DocumentTimeout, time_limit

SIZE = 1_000_000
BUDGET = float(os.environ.get("POLICYTEXT_REGEX_BUDGET", "2.0"))

ADVERSARIAL: dict[str, str] = {
    "ascii_parens": "(" * SIZE,
    "fullwidth_parens": "（" * SIZE,
    "a_paren": "a(" * (SIZE // 2),
    "stars": "**" * (SIZE // 2),
    "times": "×" * SIZE,
    "spaces": " " * SIZE,
    "heading_numerals": "一、" * (SIZE // 2),
    "digits": "1" * SIZE,
    "open_quotes": "“" * SIZE,
    "han": "卫" * SIZE,
    "han_space": "卫 " * (SIZE // 2),
    "newlines": "\n" * SIZE,
    "quote_han": "以“" + "卫生" * (SIZE // 2),
    "pinyin": "衛(wèi)" * (SIZE // 6),
}


def _walk(value: Any, where: str, out: dict[str, re.Pattern[str]], depth: int = 0) -> None:
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            out.setdefault(where, value)
        return
    if depth >= 3:
        return
    if isinstance(value, dict):
        for k, v in list(value.items())[:500]:
            _walk(v, f"{where}[{k!r}]", out, depth + 1)
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value[:500]):
            _walk(v, f"{where}[{i}]", out, depth + 1)


def collect_patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for pkg_name in ("policytext.normalize", "policytext.extract", "policytext.segment"):
        pkg = importlib.import_module(pkg_name)
        names = [pkg_name] + [m.name for m in pkgutil.walk_packages(pkg.__path__, pkg_name + ".")]
        for name in names:
            if name.rsplit(".", 1)[-1].startswith("_build"):
                continue
            mod = importlib.import_module(name)
            for attr, value in vars(mod).items():
                _walk(value, f"{name}.{attr}", found)
    try:
        from policytext.normalize.patterns import _NAME_KEYS, SCHEMA, default_patterns
    except ImportError:  # pragma: no cover - the table's loader is optional
        pass
    else:
        table = default_patterns()
        for group, keys in SCHEMA.items():
            for key in keys:
                if (group, key) in _NAME_KEYS:
                    continue
                for kind in ("lines", "inline"):
                    try:
                        rx = getattr(table, kind)(group, key)
                    except re.error:  # named groups repeat: this key is only used via each()
                        continue
                    if rx is not None:
                        found[f"patterns.{kind}({group}.{key})"] = rx
                for i, rx in enumerate(table.each(group, key)):
                    found[f"patterns.each({group}.{key})[{i}]"] = rx
    try:
        from policytext.extract.slogans import load_patterns as slogan_patterns
    except ImportError:  # pragma: no cover
        pass
    else:
        _walk(slogan_patterns(), "slogans.load_patterns()", found)
    return found


PATTERNS = collect_patterns()

# Known slow patterns, left out of the main test and checked by test_known_slow_patterns.
# Empty: the window look-aheads ``(?=[^\n]{0,300}?X)[^\n]{1,300}`` of the pattern tables
# are anchored with ``^`` (tried once per line), and _PIPE/_TABLE_RULE are linear.
KNOWN_SLOW: set[str] = set()


def _run(rx: re.Pattern[str], text: str) -> float | None:
    """Seconds ``finditer`` took, or None when it ran past the budget."""
    t0 = time.perf_counter()
    try:
        with time_limit(BUDGET):
            for _ in rx.finditer(text):
                pass
    except DocumentTimeout:
        return None
    return time.perf_counter() - t0


def test_patterns_were_collected():
    assert len(PATTERNS) >= 10, sorted(PATTERNS)


@pytest.mark.parametrize("input_name", sorted(ADVERSARIAL))
def test_regexes_finish_on_adversarial_input(input_name):
    text = ADVERSARIAL[input_name]
    slow = []
    for where, rx in sorted(PATTERNS.items()):
        if where in KNOWN_SLOW:
            continue
        elapsed = _run(rx, text)
        if elapsed is None or elapsed > BUDGET:
            slow.append(f"{where} /{rx.pattern[:120]}/ > {BUDGET:g} s")
    assert not slow, f"catastrophic regexes on {input_name!r}:\n" + "\n".join(slow)


def test_known_slow_patterns():
    slow = [
        w
        for w in sorted(KNOWN_SLOW)
        if w in PATTERNS
        and any(_run(PATTERNS[w], ADVERSARIAL[name]) is None for name in ("han", "spaces"))
    ]
    assert not slow, slow
