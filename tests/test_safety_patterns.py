"""No code runs from data: malicious user pattern tables raise PatternError before any document is touched."""

from __future__ import annotations

import pytest

import policytext
from policytext import PatternError

patterns = pytest.importorskip("policytext.normalize.patterns")

MALICIOUS = {
    "python_object.yaml": "chrome:\n  lines: !!python/object/apply:os.system ['touch PWNED']\n",
    "python_name.yaml": "chrome:\n  lines:\n    - !!python/name:os.system\n",
    "empty_group.toml": "[chrome]\nlines = []\n",
    "empty_table.toml": "[spam]\n",
    "unknown_key.toml": "[chrome]\nbogus = ['x']\n",
    "unknown_group.yaml": "evil:\n  lines: ['x']\n",
    "bad_regex.toml": "[chrome]\nlines = ['(unclosed']\n",
    "empty_match.toml": "[chrome]\nlines = ['a*']\n",
    "not_a_table.yaml": "- just\n- a list\n",
}


@pytest.mark.parametrize("name", sorted(MALICIOUS))
def test_malicious_pattern_file_raises(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / name
    path.write_text(MALICIOUS[name], encoding="utf-8")
    with pytest.raises(PatternError):
        patterns.load_patterns(path)
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize("rx", ["(a+)+$", "(a|aa)+$", "(.*a){12}"])
def test_catastrophic_regex_is_rejected(tmp_path, rx):
    path = tmp_path / "cat.toml"
    path.write_text(f"[chrome]\nlines = ['{rx}']\n", encoding="utf-8")
    with pytest.raises(PatternError):
        patterns.load_patterns(path)


def test_pattern_error_is_public():
    assert issubclass(PatternError, policytext.PolicytextError)
