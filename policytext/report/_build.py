"""The self-contained corpus report: one HTML file, inline CSS/JS/SVG, no network."""

from __future__ import annotations

import datetime as _dt
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from . import _sections as S
from ._html import STYLE, _e, document_html, frame_html

if TYPE_CHECKING:
    from ..corpus import Corpus

__all__ = ["build_report", "load_corpus", "render_report"]

logger = logging.getLogger(__name__)

PAGE_CSS = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","Microsoft YaHei",system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#7a1f1f;color:#fff;padding:12px 24px}
header h1{margin:0;font-size:22px}
nav{position:sticky;top:0;background:#eee;padding:6px 24px;border-bottom:1px solid #ccc;z-index:2}
nav a{margin-right:14px;color:#7a1f1f;text-decoration:none}
main{padding:8px 24px;max-width:1200px}
section{margin:18px 0;padding:8px 16px;background:#fff;border:1px solid #e3e3e3;border-radius:6px}
h2{color:#7a1f1f;border-bottom:1px solid #eee}
table.pt-table{border-collapse:collapse;font-size:13px;margin:6px 0}
table.pt-table th,table.pt-table td{border:1px solid #ddd;padding:3px 8px;text-align:left}
table.pt-table th{background:#f3f3f3}
.note{color:#666;font-size:12px}
.na{color:#a00}
.grid{display:flex;flex-wrap:wrap;gap:18px}
.stat{font-size:26px;font-weight:bold;color:#7a1f1f}
.heat td.v{text-align:right;font-variant-numeric:tabular-nums}
.doclist li{margin:2px 0}
svg text{font-family:inherit;font-size:11px}
"""

PAGE_JS = """
(function(){
  var box=document.getElementById('docfilter');
  if(!box){return;}
  box.addEventListener('input',function(){
    var q=box.value.trim();
    var items=document.querySelectorAll('#doclist li');
    for(var i=0;i<items.length;i++){
      items[i].style.display=(!q||items[i].textContent.indexOf(q)>=0)?'':'none';
    }
  });
})();
"""

SECTIONS = [
    ("overview", "概览 Overview"),
    ("lexicon", "口号词表 Slogan lexicon"),
    ("spread", "传播 Slogan spread"),
    ("topics", "主题×地区 Topics × region"),
    ("keyness", "关键词 Keyness"),
    ("reprints", "转载 Reprints"),
    ("documents", "文件 Documents"),
]


def load_corpus(
    path: str | os.PathLike[str], *, normalize: bool | None = None, extract: bool | None = None
) -> Corpus:
    """Read a folder of notices, a corpus Parquet (file or folder) or JSONL, normalized and extracted.

    Folders are normalized and extracted; a Parquet/JSONL corpus is processed
    only when it has not been (no edits and no fields), unless told otherwise.
    """
    from ..corpus import Corpus

    p = Path(path)
    if p.is_dir() and not any(p.glob("*.parquet")):
        corpus = Corpus.from_dir(p)
        done = False
    elif p.suffix == ".parquet" or p.is_dir():
        corpus = Corpus.from_parquet(p)
        done = True
    elif p.suffix in (".jsonl", ".json", ".ndjson"):
        corpus = Corpus.from_jsonl(p)
        done = True
    elif p.exists():
        corpus = Corpus.from_files([p])
        done = False
    else:
        raise FileNotFoundError(
            f"No corpus at {str(path)!r}: give a folder of notices, a .parquet or a .jsonl file"
        )
    frame = corpus.to_frame()
    has_fields = bool(len(frame)) and frame["fields"].map(bool).any()
    has_edits = bool(len(frame)) and frame["edits"].map(bool).any()
    if normalize if normalize is not None else not (done and (has_edits or has_fields)):
        corpus = corpus.normalize()
    if extract if extract is not None else not has_fields:
        corpus = corpus.extract()
    return corpus


# -- tiny inline SVG charts ---------------------------------------------------
def svg_bars(
    values: list[tuple[str, float]], *, width: int = 360, height: int = 120, title: str = ""
) -> str:
    """A bar chart as inline SVG (labels escaped); used for slogan timelines."""
    if not values:
        return ""
    top = max(v for _, v in values) or 1
    n = len(values)
    bw = max(4, (width - 30) // max(n, 1))
    bars = []
    for i, (label, v) in enumerate(values):
        h = int((height - 30) * v / top)
        x = 25 + i * bw
        y = height - 18 - h
        bars.append(
            f'<rect x="{x}" y="{y}" width="{bw - 2}" height="{h}" fill="#b03a2e"><title>{_e(label)}: {v:g}</title></rect>'
        )
        if n <= 12 or i % max(1, n // 8) == 0:
            bars.append(f'<text x="{x}" y="{height - 4}">{_e(label)}</text>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f"<title>{_e(title)}</title>"
        f'<text x="2" y="12">{_e(title)}</text><text x="2" y="24">{top:g}</text>{"".join(bars)}</svg>'
    )


def heatmap_html(table: pd.DataFrame, *, fmt: str = "{:.2f}") -> str:
    """A numeric table as an HTML heatmap (cell colour by value, per column max)."""
    if table is None or table.empty:
        return "<p><i>none</i></p>"
    vmax = float(table.to_numpy().max()) or 1.0
    head = "".join(f"<th>{_e(c)}</th>" for c in table.columns)
    rows = []
    for idx, r in table.iterrows():
        cells = "".join(
            f'<td class="v" style="background:rgba(176,58,46,{float(v) / vmax:.2f})">{_e(fmt.format(float(v)))}</td>'
            for v in r
        )
        rows.append(f"<tr><th>{_e(idx)}</th>{cells}</tr>")
    return f'<table class="pt-table heat"><tr><th></th>{head}</tr>{"".join(rows)}</table>'


def _na(msg: str) -> str:
    return f'<p class="na">not available: {_e(msg)}</p>'


def _safe(name: str, fn, *args: Any, **kw: Any) -> Any:
    try:
        return fn(*args, **kw)
    except Exception as exc:  # a failing section must not sink the report
        logger.warning("report section %s failed: %s", name, exc)
        return exc


def _overview_html(corpus: Corpus) -> str:
    ov = S.overview(corpus)
    stats = "".join(
        f"<div><div class='stat'>{_e(f'{v:,}')}</div>{_e(k)}</div>"
        for k, v in [
            ("documents", ov["documents"]),
            ("raw characters", ov["raw_chars"]),
            ("normalized characters", ov["text_chars"]),
            ("documents with errors", ov["errors"]),
        ]
    )
    removed = ov["raw_chars"] - ov["text_chars"]
    return (
        f"<div class='grid'>{stats}</div>"
        f"<p>Cleaning changed {removed:,} characters in net length; per step below.</p>"
        f"<div class='grid'><div><h3>Regions</h3>{frame_html(ov['regions'])}</div>"
        f"<div><h3>Years</h3>{frame_html(ov['years'])}</div>"
        f"<div><h3>Flags</h3>{frame_html(ov['flags'])}</div>"
        f"<div><h3>What cleaning removed</h3>{frame_html(ov['edits'])}</div></div>"
    )


def render_report(
    corpus: Corpus,
    *,
    title: str = "policytext report",
    top_slogans: int = 12,
    max_doc_chars: int = 20000,
) -> str:
    """Render the whole report as one HTML string (no external resources).

    Examples
    --------
    >>> from policytext.datasets import load_sample
    >>> page = render_report(load_sample(extract=True))
    >>> page.startswith("<!DOCTYPE html>") and 'id="doc-000_86bd2ce7bec283b6"' in page
    True
    """
    parts: list[str] = []

    def section(key: str, heading: str, body: str) -> None:
        parts.append(f'<section id="{key}"><h2>{_e(heading)}</h2>{body}</section>')

    titles = dict(SECTIONS)
    ov = _safe("overview", _overview_html, corpus)
    section("overview", titles["overview"], ov if isinstance(ov, str) else _na(str(ov)))

    lex = _safe("lexicon", S.lexicon, corpus)
    if isinstance(lex, Exception):
        section("lexicon", titles["lexicon"], _na(str(lex)))
        keys: list[str] = []
    else:
        table, how = lex
        section("lexicon", titles["lexicon"], f"<p class='note'>{_e(how)}</p>{frame_html(table)}")
        col = "key" if "key" in table.columns else table.columns[0] if len(table.columns) else None
        keys = (
            [str(k) for k in table[col].head(top_slogans)] if col is not None and len(table) else []
        )

    sp = _safe("spread", S.spread, corpus, keys)
    if isinstance(sp, Exception):
        section("spread", titles["spread"], _na(str(sp)))
    else:
        hits, how = sp
        if hits.empty:
            body = "<p><i>no slogan found in the texts</i></p>"
        else:
            by_region = hits.groupby(["slogan", "region"]).size().unstack(fill_value=0)
            charts = []
            for s in keys:
                h = hits[hits["slogan"] == s].dropna(subset=["year"])
                if len(h):
                    per_year = h.groupby("year").size().sort_index()
                    charts.append(
                        svg_bars(
                            [(str(int(y)), float(n)) for y, n in per_year.items()],
                            title=f"{s}: documents per year",
                        )
                    )
            body = (
                f"<p class='note'>{_e(how)}; documents mentioning each slogan</p>"
                f"<h3>By region</h3>{heatmap_html(by_region, fmt='{:.0f}')}"
                f"<h3>Timelines</h3><div class='grid'>{''.join(charts) or '<p><i>no dated mentions</i></p>'}</div>"
            )
        section("spread", titles["spread"], body)

    tp = _safe("topics", S.topics_by_region, corpus)
    if isinstance(tp, Exception) or tp[0] is None:
        section("topics", titles["topics"], _na(str(tp if isinstance(tp, Exception) else tp[2])))
    else:
        share, labels, how = tp
        section(
            "topics",
            titles["topics"],
            f"<p class='note'>{_e(how)}</p>{heatmap_html(share)}{frame_html(labels)}",
        )

    ky = _safe("keyness", S.keyness_by_region, corpus)
    if isinstance(ky, Exception) or ky[0] is None:
        section("keyness", titles["keyness"], _na(str(ky if isinstance(ky, Exception) else ky[1])))
    else:
        table, how = ky
        section(
            "keyness",
            titles["keyness"],
            f"<p class='note'>{_e(how)}</p>{frame_html(table, max_rows=200)}",
        )

    rp = _safe("reprints", S.reprints, corpus)
    if isinstance(rp, Exception) or rp[0] is None:
        section(
            "reprints", titles["reprints"], _na(str(rp if isinstance(rp, Exception) else rp[1]))
        )
    else:
        table, how = rp
        cols = [
            c
            for c in (
                "cluster",
                "doc_id",
                "cluster_size",
                "representative",
                "reprint_of",
                "similarity",
                "title",
            )
            if c in table.columns
        ]
        body = (
            "<p><i>no reprints found</i></p>"
            if table.empty
            else frame_html(table[cols], max_rows=300)
        )
        section("reprints", titles["reprints"], f"<p class='note'>{_e(how)}</p>{body}")

    items, docs = [], []
    for doc in corpus:
        did = _e(doc.id)
        label = (doc.fields or {}).get("title") or doc.id
        items.append(
            f'<li><a href="#doc-{did}">{_e(label)}</a> <span class="note">{did}</span></li>'
        )
        docs.append(
            f'<article id="doc-{did}"><h3>{_e(label)}</h3>{document_html(doc, max_chars=max_doc_chars)}</article>'
        )
    section(
        "documents",
        titles["documents"],
        '<p><input id="docfilter" type="search" placeholder="filter documents…"></p>'
        f'<ul id="doclist" class="doclist">{"".join(items)}</ul>{"".join(docs)}',
    )
    nav = "".join(f'<a href="#{k}">{_e(v)}</a>' for k, v in SECTIONS)
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (
        '<!DOCTYPE html>\n<html lang="zh-Hans"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{PAGE_CSS}{STYLE}</style></head><body>"
        f"<header><h1>{_e(title)}</h1><div class='note' style='color:#fdd'>{len(corpus)} documents · generated {stamp} by policytext</div></header>"
        f"<nav>{nav}</nav><main>{''.join(parts)}</main><script>{PAGE_JS}</script></body></html>"
    )


def build_report(
    corpus: Corpus | str | os.PathLike[str],
    path: str | os.PathLike[str],
    *,
    title: str = "policytext report",
) -> Path:
    """Write the report for ``corpus`` (a Corpus or a path, see :func:`load_corpus`) to ``path``.

    Returns
    -------
    pathlib.Path
        The HTML file, written atomically.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from policytext.datasets import load_sample
    >>> out = build_report(load_sample(extract=True), pathlib.Path(tempfile.mkdtemp()) / "r.html")
    >>> out.read_text(encoding="utf-8").count("<section")
    7
    """
    from .._io import atomic_path
    from ..corpus import Corpus

    if not isinstance(corpus, Corpus):
        corpus = load_corpus(corpus)
    page = render_report(corpus, title=title)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(out) as tmp:
        Path(tmp).write_text(page, encoding="utf-8")
    os.chmod(out, 0o644)
    logger.info("wrote report for %d documents to %s", len(corpus), out)
    return out
