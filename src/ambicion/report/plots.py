"""Figures for the study report, drawn with matplotlib's Agg canvas and returned as PNG bytes.

Why bytes and an explicit canvas: the HTML report embeds figures as data URIs, and drawing
on a `Figure` with `FigureCanvasAgg` never touches pyplot's global state or needs a display,
so batch runs work on servers and in worker processes alike.

Why lines only over time: a line says "this changed from one plan to the next", which is
true only for one member's plans in period order. Plans of different members are compared
with bars. Each function says whether it drew IRM series (`Drawn.irm`), so the caption can
mention them exactly when they are there.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from ..labels import AMBITION_LEVELS, FLAG_CODES, VALUE_CODES
from .study_text import label, texts

if TYPE_CHECKING:
    import pandas as pd

COLOURS = ("#2f5d8a", "#3c9d5d", "#c9793a", "#8e5ea2", "#b23a48", "#5f6b7a")
MARKERS = ("o", "s", "^", "D", "v", "P")
AMBITION_COLOURS = {"unclear": "#c9ced6", "modest": "#8fb3d9", "substantial": "#2f5d8a"}


@dataclass(frozen=True)
class Drawn:
    """A figure as PNG bytes, and whether IRM series are in it."""

    png: bytes
    irm: bool = False


def _figure(width: float = 7.5, height: float = 3.6):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100)
    FigureCanvasAgg(fig)
    return fig


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


def plan_labels(summary: "pd.DataFrame") -> list[str]:
    """Tick labels: the period, with the country when plans of several countries are shown."""
    countries = summary["country"].fillna("").astype(str)
    periods = [_short(str(p or plan)) for p, plan in zip(summary["period"].fillna(""), summary["plan"])]
    if countries.nunique() > 1:
        return [f"{_short(c)}\n{p}" for c, p in zip(countries, periods)]
    return periods


TICK_CHARS = 28


def _short(text: str) -> str:
    """A tick label of at most TICK_CHARS characters.

    Why: a plan without a period or title on its cover is named by its first words, which
    can be a whole paragraph; as a tick label it leaves no room for the plot (matplotlib
    warns that the layout cannot be fitted, and the bars shrink to nothing).
    """
    text = " ".join(text.split())
    return text if len(text) <= TICK_CHARS else text[:TICK_CHARS - 1].rstrip() + "…"


def _value_series(lang: str) -> tuple[list[tuple[str, str]], list[str]]:
    series = [(f"share_{c}", label("value", c, lang)) for c in VALUE_CODES]
    series.append(("share_open_gov_lens", texts(lang)["lens"]))
    return series, [f"irm_share_{c}" for c in VALUE_CODES] + ["irm_share_open_gov_lens"]


def _flag_series(lang: str) -> list[tuple[str, str]]:
    series = [(f"share_{c}", label("flag", c, lang)) for c in FLAG_CODES]
    series.append(("share_recycled", texts(lang)["recycled_series"]))
    return series


def values_plot(summary: "pd.DataFrame", lang: str = "en", *, over_time: bool, title: str) -> Drawn:
    """Share of commitments with each OGP value (and the lens) per plan; the IRM's beside it."""
    series, irm = _value_series(lang)
    draw = _lines if over_time else _bars
    return draw(summary, series, title, lang, irm)


def flags_plot(summary: "pd.DataFrame", lang: str = "en", *, over_time: bool, title: str) -> Drawn:
    """Share of commitments flagged (e-government, restated functions, not verifiable, recycled)."""
    draw = _lines if over_time else _bars
    return draw(summary, _flag_series(lang), title, lang, [])


def _irm_known(summary: "pd.DataFrame", col: str | None) -> bool:
    return bool(col) and col in summary and summary[col].notna().any()


def _lines(summary: "pd.DataFrame", series: Sequence[tuple[str, str]], title: str, lang: str,
           irm_series: Sequence[str]) -> Drawn:
    """One line per series over the plans, which must be one member's, in period order."""
    t = texts(lang)
    fig = _figure()
    ax = fig.add_subplot(1, 1, 1)
    x = list(range(len(summary)))
    drew_irm = False
    for k, (col, name) in enumerate(series):
        colour = COLOURS[k % len(COLOURS)]
        dodge = (k - (len(series) - 1) / 2) * 0.035  # equal shares must not hide each other
        xs = [i + dodge for i in x]
        ax.plot(xs, [_nan(v) for v in summary[col]], marker=MARKERS[k % len(MARKERS)],
                color=colour, label=name)
        irm_col = irm_series[k] if k < len(irm_series) else None
        if irm_col and _irm_known(summary, irm_col):
            drew_irm = True
            ax.plot(xs, [_nan(v) for v in summary[irm_col]], marker=MARKERS[k % len(MARKERS)],
                    linestyle="--", markerfacecolor="white", color=colour, alpha=.8,
                    label=f"{name} ({t['irm']})")
    ax.set_xticks(x, plan_labels(summary))
    _finish(ax, title, t["share_axis"])
    return Drawn(_png(fig), drew_irm)


def _bars(summary: "pd.DataFrame", series: Sequence[tuple[str, str]], title: str, lang: str,
          irm_series: Sequence[str]) -> Drawn:
    """Grouped bars per plan (no line joins plans of different members); IRM hatched beside."""
    t = texts(lang)
    fig = _figure(max(7.5, 1.2 * len(summary) + 3), 3.8)
    ax = fig.add_subplot(1, 1, 1)
    bars = []
    for k, (col, name) in enumerate(series):
        bars.append((col, name, COLOURS[k % len(COLOURS)], False))
        irm_col = irm_series[k] if k < len(irm_series) else None
        if irm_col and _irm_known(summary, irm_col):
            bars.append((irm_col, f"{name} ({t['irm']})", COLOURS[k % len(COLOURS)], True))
    width = 0.8 / max(len(bars), 1)
    for j, (col, name, colour, hatched) in enumerate(bars):
        xs = [i - 0.4 + width * (j + 0.5) for i in range(len(summary))]
        ax.bar(xs, [_num(v) or 0.0 for v in summary[col]], width, color=colour,
               alpha=.55 if hatched else 1.0, hatch="//" if hatched else None,
               edgecolor="white", label=name)
    ax.set_xticks(list(range(len(summary))), plan_labels(summary))
    _finish(ax, title, t["share_axis"])
    return Drawn(_png(fig), any(h for *_, h in bars))


def _finish(ax, title: str, ylabel: str) -> None:
    ax.set_ylim(-0.03, 1.03)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(axis="y", alpha=.3)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))


def ambition_plot(summary: "pd.DataFrame", lang: str = "en", *, title: str) -> Drawn:
    """Stacked ambition distribution per plan; the IRM's beside it where known."""
    t = texts(lang)
    fig = _figure(max(7.5, 0.9 * len(summary) + 3), 3.6)
    ax = fig.add_subplot(1, 1, 1)
    irm_known = [any(_num(summary[f"irm_share_ambition_{lv}"].iloc[i]) is not None
                     for lv in AMBITION_LEVELS) for i in range(len(summary))]
    has_irm = any(irm_known)
    width = 0.38 if has_irm else 0.6
    x = list(range(len(summary)))
    gap = width + 0.04
    for prefix, who in (("share_ambition_", "model"), ("irm_share_ambition_", "irm")):
        # a plan with an IRM review gets two bars side by side; others one centred bar
        if who == "model":
            pos = [i - gap / 2 if known else i for i, known in zip(x, irm_known)]
            rows = x
        else:
            rows = [i for i in x if irm_known[i]]
            pos = [i + gap / 2 for i in rows]
        if not rows:
            continue
        bottom = [0.0] * len(rows)
        for level in AMBITION_LEVELS:
            vals = [_num(summary[f"{prefix}{level}"].iloc[i]) or 0.0 for i in rows]
            ax.bar(pos, vals, width, bottom=bottom, color=AMBITION_COLOURS[level],
                   edgecolor="white", hatch="//" if who == "irm" else None,
                   label=f"{label('ambition', level, lang)} ({t[who]})")
            bottom = [b + v for b, v in zip(bottom, vals)]
    ax.set_xticks(x, plan_labels(summary))
    ax.set_ylim(0, 1.05)
    ax.set_ylabel(t["share_axis"])
    ax.set_title(title)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return Drawn(_png(fig), has_irm)


def confusion_plot(matrix: "pd.DataFrame", title: str = "Ambition: IRM vs model",
                   lang: str = "en") -> bytes:
    """A confusion matrix (IRM rows, model columns) with the counts written in the cells."""
    t = texts(lang)
    fig = _figure(4.6, 3.8)
    ax = fig.add_subplot(1, 1, 1)
    values = matrix.fillna(0).astype(int).to_numpy()
    ax.imshow(values, cmap="Blues")
    top = values.max() if values.size else 0
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            ax.text(j, i, str(values[i, j]), ha="center", va="center",
                    color="white" if top and values[i, j] > top / 2 else "black")
    ax.set_xticks(range(len(matrix.columns)), [label("ambition", str(c), lang) for c in matrix.columns])
    ax.set_yticks(range(len(matrix.index)), [label("ambition", str(c), lang) for c in matrix.index])
    ax.set_xlabel(t["model"])
    ax.set_ylabel(t["irm"])
    ax.set_title(title)
    return _png(fig)


def _num(v) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if f != f else f


def _nan(v) -> float:
    f = _num(v)
    return float("nan") if f is None else f
