"""Plots render with a CJK font and without missing-glyph warnings."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from policytext.compare import (  # noqa: E402
    TopicModel,
    adoption,
    first_appearance,
    keyness,
    topic_prevalence,
    trace,
)
from policytext.compare.plots import (  # noqa: E402
    _find_cjk_font,
    adoption_timeline,
    first_appearance_table,
    keyness_bars,
    topic_heatmap,
)
from policytext.datasets import load_sample  # noqa: E402


@pytest.fixture(scope="module")
def tables():
    c = load_sample()
    hits = trace(c, ["卫生", "群众路线", "整改"])
    tm = TopicModel("nmf", n_topics=2, random_state=0).fit(c)
    return {
        "adoption": adoption(hits, by="province"),
        "first": first_appearance(hits),
        "prev": topic_prevalence(tm, "province", n_boot=20),
        "labels": tm.topic_labels(),
        "key": keyness(tm, "四川省", by="province", measure="lr"),
    }


def _draw_all(t):
    import matplotlib.pyplot as plt

    axes = [
        adoption_timeline(t["adoption"], slogan="卫生"),
        topic_heatmap(t["prev"], labels=t["labels"]),
        keyness_bars(t["key"], n=5),
        first_appearance_table(t["first"]),
    ]
    for ax in axes:
        ax.figure.canvas.draw()
    return axes, plt


def test_plots_return_axes_and_render_cjk(tables):
    if _find_cjk_font() is None:
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph warning fails the test
        axes, plt = _draw_all(tables)
    assert all(isinstance(ax, matplotlib.axes.Axes) for ax in axes)
    plt.close("all")


def test_no_font_warns(monkeypatch, tables):
    from policytext import PolicytextWarning
    from policytext.compare import plots

    monkeypatch.setattr(plots, "_find_cjk_font", lambda: None)
    with pytest.warns(PolicytextWarning, match="fonts-noto-cjk"):
        plots.cjk_font()


def test_empty_first_table_renders(tables):
    import matplotlib.pyplot as plt

    if _find_cjk_font() is None:
        pytest.skip("no CJK font installed")
    ax = first_appearance_table(pd.DataFrame({"slogan": ["三个代表"], "first_year": [2001]}))
    ax.figure.canvas.draw()
    plt.close("all")
