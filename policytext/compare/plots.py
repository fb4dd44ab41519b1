"""Plots for comparison tables (matplotlib, optional extra ``plot``).

Each function returns a matplotlib ``Axes``. A CJK font is looked up among the
installed fonts (Noto CJK, Source Han, WenQuanYi, SimHei…) and used for the
labels; when none is found a :class:`~policytext.PolicytextWarning` says how to
install one.
"""

from __future__ import annotations

import functools
import logging
import warnings
from typing import Any

import pandas as pd

from .._errors import PolicytextWarning, missing_dependency

__all__ = [
    "adoption_timeline",
    "cjk_font",
    "first_appearance_table",
    "keyness_bars",
    "topic_heatmap",
]

logger = logging.getLogger(__name__)

#: Font families tried in order.
CJK_FONTS: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
    "AR PL UMing CN",
)


def _mpl():
    try:
        import matplotlib
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise missing_dependency("matplotlib", "plot") from exc
    return matplotlib, plt


@functools.lru_cache(maxsize=1)
def _find_cjk_font() -> str | None:
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    for fam in CJK_FONTS:
        if fam in names:
            return fam
    for f in font_manager.fontManager.ttflist:  # any font that says it is CJK
        if any(k in f.name for k in ("CJK", "Han", "Hei", "WenQuanYi", "Song", "Kai")):
            return f.name
    return None


def cjk_font(*, warn: bool = True) -> str | None:
    """Name of an installed CJK font (added to ``font.sans-serif``), or None with a warning.

    Examples
    --------
    >>> name = cjk_font(warn=False)
    >>> name is None or isinstance(name, str)
    True
    """
    mpl, _ = _mpl()
    name = _find_cjk_font()
    if name is None:
        if warn:
            warnings.warn(
                "No CJK font found for matplotlib; Chinese labels will show as boxes. "
                "Install one, e.g. `apt-get install fonts-noto-cjk` (Debian/Ubuntu) or "
                "Noto Sans CJK SC from https://github.com/notofonts/noto-cjk, then clear the "
                "matplotlib font cache.",
                PolicytextWarning,
                stacklevel=3,
            )
        return None
    fams = list(mpl.rcParams["font.sans-serif"])
    if name not in fams:
        mpl.rcParams["font.sans-serif"] = [name, *fams]
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["axes.unicode_minus"] = False
    return name


def _ax(ax: Any, figsize: tuple[float, float]):
    _, plt = _mpl()
    cjk_font()
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def adoption_timeline(
    adoption: pd.DataFrame,
    *,
    slogan: str | None = None,
    by: str = "province",
    time: str = "year",
    cumulative: bool = True,
    ax: Any = None,
):
    """Line per region of (cumulative) documents using a slogan over time.

    ``adoption`` is the output of :func:`~policytext.compare.adoption`.
    """
    ax = _ax(ax, (8, 4.5))
    df = adoption if slogan is None else adoption[adoption["slogan"] == slogan]
    col = "cumulative_docs" if cumulative else "n_docs"
    piv = df.pivot_table(index=time, columns=by, values=col, aggfunc="sum").sort_index()
    if cumulative:
        piv = piv.ffill()
    piv.fillna(0).plot(ax=ax, marker="o", drawstyle="steps-post" if cumulative else "default")
    ax.set_title(f"{slogan or '全部口号'}：采用时间线")
    ax.set_xlabel(time)
    ax.set_ylabel("累计文件数" if cumulative else "文件数")
    ax.legend(title=by, fontsize="small", ncol=2)
    return ax


def topic_heatmap(
    prevalence: pd.DataFrame,
    *,
    by: str = "province",
    labels: list[str] | None = None,
    ax: Any = None,
):
    """Region × topic heatmap of topic prevalence (from :func:`~policytext.compare.topic_prevalence`)."""
    piv = prevalence.pivot_table(index=by, columns="topic", values="prevalence")
    ax = _ax(ax, (1.0 + 0.6 * piv.shape[1], 1.0 + 0.35 * piv.shape[0]))
    im = ax.imshow(piv.to_numpy(), aspect="auto", cmap="viridis")
    ax.set_yticks(range(piv.shape[0]), [str(i) for i in piv.index])
    ax.set_xticks(
        range(piv.shape[1]), labels or [str(c) for c in piv.columns], rotation=60, ha="right"
    )
    ax.set_xlabel("主题")
    ax.figure.colorbar(im, ax=ax, label="平均主题比例")
    return ax


def keyness_bars(keyness: pd.DataFrame, *, n: int = 15, ax: Any = None):
    """Horizontal bars of the ``n`` most key terms for the target and for the reference."""
    stat = next(c for c in ("chi2", "G2", "z") if c in keyness.columns)
    top = keyness.nlargest(n, stat)
    bottom = keyness.nsmallest(n, stat)
    df = pd.concat([top, bottom]).drop_duplicates("feature").sort_values(stat)
    ax = _ax(ax, (6, 0.25 * len(df) + 1))
    colors = ["#c0392b" if v > 0 else "#7f8c8d" for v in df[stat]]
    ax.barh(range(len(df)), df[stat], color=colors)
    ax.set_yticks(range(len(df)), df["feature"].tolist())
    tgt = keyness["target"].iloc[0] if "target" in keyness.columns and len(keyness) else "目标"
    ax.set_xlabel(f"{stat}（{tgt} 对比 其余）")
    ax.axvline(0, color="black", lw=0.5)
    return ax


def first_appearance_table(
    first: pd.DataFrame, *, columns: list[str] | None = None, ax: Any = None
):
    """Render a first-appearance table (from :func:`~policytext.compare.first_appearance`) as a figure."""
    cols = columns or [
        c for c in ("slogan", "first_year", "first_doc", "n_docs") if c in first.columns
    ]
    df = first[cols].copy()
    for c in df.columns:
        if pd.api.types.is_datetime64_any_dtype(df[c]):
            df[c] = df[c].dt.strftime("%Y-%m-%d")
    ax = _ax(ax, (1.8 * len(cols), 0.35 * len(df) + 0.8))
    ax.axis("off")
    tab = ax.table(cellText=df.astype(str).to_numpy(), colLabels=cols, loc="center")
    tab.auto_set_font_size(False)
    tab.set_fontsize(9)
    ax.set_title("首次出现")
    return ax
