"""The HTML report: self-contained, escaped, every document linkable; Jupyter displays."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from policytext import Corpus, Document, Edit
from policytext.cli import main
from policytext.datasets import load_sample
from policytext.report import build_report, load_corpus, render_report
from policytext.report._html import corpus_html, document_html, edits_html


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_sample(extract=True)


@pytest.fixture(scope="module")
def page(corpus) -> str:
    return render_report(corpus)


def test_sections_and_anchors(page, corpus):
    for key in ("overview", "lexicon", "spread", "topics", "keyness", "reprints", "documents"):
        assert f'<section id="{key}">' in page
    for doc_id in corpus.doc_ids:
        assert f'id="doc-{doc_id}"' in page
        assert f'href="#doc-{doc_id}"' in page
    assert "四川省" in page


def test_self_contained(page):
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page
    assert page.count("<script>") == 1


def test_removed_spans_shown(corpus, page):
    doc = next(d for d in corpus if d.removed())
    e = doc.removed()[0]
    assert "<del" in page
    html = edits_html(doc)
    assert f'<del title="{e.kind}">' in html
    # stripping the marks and dropping removed text gives back the normalized text before t2s
    plain = re.sub(r"<del[^>]*>.*?</del>", "", html, flags=re.S)
    plain = re.sub(r"</?ins[^>]*>", "", plain)
    import html as h

    assert h.unescape(plain).replace("\n… ", "")[:50] == doc.rebuild()[:50]


def test_everything_escaped():
    doc = Document(
        id="x<1>",
        raw="<script>alert(1)</script>正文&amp;",
        edits=[Edit("site_boilerplate", 0, 25, "<script>alert(1)</script>")],
        fields={"title": "<b>标题</b>", "themes": ["<i>"]},
    )
    doc.text = doc.rebuild()
    page = render_report(Corpus.from_documents([doc]))
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>标题</b>" not in page
    assert 'id="doc-x&lt;1&gt;"' in page


def test_missing_modules_degrade(monkeypatch, corpus):
    import policytext.report._sections as S

    def boom(*a, **k):
        raise ImportError("policytext.compare.topics is missing")

    monkeypatch.setattr(S, "topics_by_region", boom)
    monkeypatch.setattr(S, "reprints", lambda c: (None, "not available (ImportError)"))
    page = render_report(corpus)
    assert page.count('class="na"') >= 2
    assert "policytext.compare.topics is missing" in page


def test_build_report_from_paths(corpus, tmp_path, sample_dir):
    pq = corpus.to_parquet(tmp_path / "c.parquet")
    out = build_report(pq, tmp_path / "a" / "r.html")
    assert out.read_text(encoding="utf-8").count("<section") == 7
    jl = tmp_path / "c.jsonl"
    from policytext.record import to_json

    jl.write_text("".join(to_json(d) + "\n" for d in corpus), encoding="utf-8")
    assert len(load_corpus(jl)) == 5
    with pytest.raises(FileNotFoundError):
        load_corpus(tmp_path / "nope")


def test_cli_report(sample_dir, tmp_path):
    out = tmp_path / "report.html"
    res = CliRunner().invoke(main, ["report", str(sample_dir), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.exists() and "<!DOCTYPE html>" in out.read_text(encoding="utf-8")
    res = CliRunner().invoke(main, ["report", str(tmp_path / "missing"), "-o", str(out)])
    assert res.exit_code != 0


def test_repr_html(corpus):
    doc = corpus[0]
    html = doc._repr_html_()
    assert "<table>" in html and "pt-text" in html
    assert document_html(doc) == html
    assert "5 documents" in corpus._repr_html_()
    assert corpus_html(corpus).count("<tr") >= 6


def test_demo_writes_report(sample_dir, tmp_path):
    from policytext.demo import run

    outputs = run(sample_dir, tmp_path)
    assert outputs["report (html)"].exists()
