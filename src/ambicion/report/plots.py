"""Figures for the study report, drawn with matplotlib's Agg canvas and returned as PNG bytes.

Why bytes and an explicit canvas: the HTML report embeds figures as data URIs, and drawing
on a `Figure` with `FigureCanvasAgg` never touches pyplot's global state or needs a display,
so batch runs work on servers and in worker processes alike.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Sequence

from ..labels import AMBITION_LEVELS, AMBITION_NAMES, FLAG_NAMES, VALUE_CODES, VALUE_NAMES

if TYPE_CHECKING:
    import pandas as pd

COLOURS = ("#2f5d8a", "#3c9d5d", "#c9793a", "#8e5ea2", "#b23a48", "#5f6b7a")
MARKERS = ("o", "s", "^", "D", "v", "P")
AMBITION_COLOURS = {"unclear": "#c9ced6", "modest": "#8fb3d9", "substantial": "#2f5d8a"}


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


def _plan_labels(summary: "pd.DataFrame") -> list[str]:
    countries = summary["country"].fillna("").astype(str)
    if countries.nunique() > 1:
        return [f"{c}\n{p}" for c, p in zip(countries, summary["period"].fillna(""))]
    return [str(p or plan) for p, plan in zip(summary["period"], summary["plan"])]


def _shares_plot(summary: "pd.DataFrame", series: Sequence[tuple[str, str]], title: str,
                 irm_series: Sequence[str | None] = ()) -> bytes:
    fig = _figure()
    ax = fig.add_subplot(1, 1, 1)
    x = list(range(len(summary)))
    for k, (col, name) in enumerate(series):
        colour = COLOURS[k % len(COLOURS)]
        # a small sideways dodge per series so equal shares do not hide each other
        dodge = (k - (len(series) - 1) / 2) * 0.035
        xs = [i + dodge for i in x]
        ax.plot(xs, [_nan(v) for v in summary[col]], marker=MARKERS[k % len(MARKERS)],
                color=colour, label=name)
        irm_col = irm_series[k] if k < len(irm_series) else None
        if irm_col and irm_col in summary and summary[irm_col].notna().any():
            ax.plot(xs, [_nan(v) for v in summary[irm_col]], marker=MARKERS[k % len(MARKERS)],
                    linestyle="--", markerfacecolor="white", color=colour, alpha=.8,
                    label=f"{name} (IRM)")
    ax.set_xticks(x, _plan_labels(summary))
    ax.set_ylim(-0.03, 1.03)
    ax.set_ylabel("share of commitments")
    ax.set_title(title)
    ax.grid(axis="y", alpha=.3)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return _png(fig)


def values_plot(summary: "pd.DataFrame") -> bytes:
    """Share of commitments with each OGP value (and the lens) per plan; IRM dashed."""
    series = [(f"share_{c}", VALUE_NAMES[c]["en"]) for c in VALUE_CODES]
    series.append(("share_open_gov_lens", "Open-government lens"))
    irm = [f"irm_share_{c}" for c in VALUE_CODES] + ["irm_share_open_gov_lens"]
    return _shares_plot(summary, series, "OGP values per plan", irm)


def flags_plot(summary: "pd.DataFrame") -> bytes:
    """Share of commitments flagged (e-government, restated functions, not verifiable, recycled)."""
    series = [(f"share_{c}", FLAG_NAMES[c]["en"])
              for c in ("e_government", "restates_functions", "not_verifiable")]
    series.append(("share_recycled", "Recycled from an earlier plan"))
    return _shares_plot(summary, series, "Flags per plan")


def ambition_plot(summary: "pd.DataFrame") -> bytes:
    """Stacked ambition distribution per plan; the IRM's beside it where known."""
    fig = _figure()
    ax = fig.add_subplot(1, 1, 1)
    labels = _plan_labels(summary)
    irm_known = [any(_num(summary[f"irm_share_ambition_{lv}"].iloc[i]) is not None
                     for lv in AMBITION_LEVELS) for i in range(len(summary))]
    has_irm = any(irm_known)
    width = 0.38 if has_irm else 0.6
    x = list(range(len(summary)))
    gap = width + 0.04
    for prefix, who in (("share_ambition_", "model"), ("irm_share_ambition_", "IRM")):
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
                   edgecolor="white", hatch="//" if who == "IRM" else None,
                   label=f"{AMBITION_NAMES[level]['en']} ({who})")
            bottom = [b + v for b, v in zip(bottom, vals)]
    ax.set_xticks(x, labels)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("share of commitments")
    ax.set_title("Potential for results per plan" + (" (model | IRM, hatched)" if has_irm else ""))
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return _png(fig)


def confusion_plot(matrix: "pd.DataFrame", title: str = "Ambition: IRM vs model") -> bytes:
    """A confusion matrix (IRM rows, model columns) with the counts written in the cells."""
    fig = _figure(4.6, 3.8)
    ax = fig.add_subplot(1, 1, 1)
    values = matrix.fillna(0).astype(int).to_numpy()
    ax.imshow(values, cmap="Blues")
    top = values.max() if values.size else 0
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            ax.text(j, i, str(values[i, j]), ha="center", va="center",
                    color="white" if top and values[i, j] > top / 2 else "black")
    ax.set_xticks(range(len(matrix.columns)), [str(c) for c in matrix.columns])
    ax.set_yticks(range(len(matrix.index)), [str(c) for c in matrix.index])
    ax.set_xlabel("model")
    ax.set_ylabel("IRM")
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
