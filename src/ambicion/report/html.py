"""The study report: one self-contained HTML page with the summary, plots and IRM agreement.

Why one page: researchers mail it, archive it and open it offline, so styles are inline,
figures are embedded PNGs and nothing refers to the network. Every piece of text that came
from a document is escaped.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..labels import AMBITION_LEVELS, VALUE_CODES, VALUE_NAMES
from .htmlkit import esc, img, number, page, percent, table

if TYPE_CHECKING:
    from ..study import Study

TOP_DISAGREEMENTS = 15


def study_html(study: "Study", title: str | None = None) -> str:
    """Render `study` as a complete HTML document."""
    from ..agreement import confusion_matrix
    from ..recycled import settings
    from . import plots

    c, s = study.commitments, study.summary
    title = title or "ambicion: batch analysis"
    parts: list[str] = [f"<h1>{esc(title)}</h1>"]
    parts.append(
        f'<p class="muted">{len(study.plans)} plan(s), {len(study.reviews)} IRM review(s), '
        f"{len(c)} commitment(s); {len(study.failures)} file(s) failed.</p>")

    parts.append("<h2>Summary per plan</h2>")
    if s.empty:
        parts.append("<p>No plan could be analysed.</p>")
    else:
        parts.append(_summary_table(s))
        parts.append("<h2>Over time</h2>")
        parts.append(img(plots.values_plot(s), "OGP values per plan",
                         "Share of commitments the model tags with each OGP value; dashed: IRM."))
        parts.append(img(plots.ambition_plot(s), "Potential for results per plan",
                         "Distribution of the model's ambition level; hatched: IRM."))
        parts.append(img(plots.flags_plot(s), "Flags per plan",
                         "Share of commitments with each flag, and recycled from earlier plans."))

    parts.append("<h2>Recycled commitments</h2>")
    parts.append(f'<p class="muted">Closest commitment of the same country in an earlier plan; '
                 f"flagged at similarity ≥ {settings().threshold:.2f}.</p>")
    parts.append(_recycled_table(c))

    if not study.agreement.empty:
        parts.append("<h2>Agreement with the IRM</h2>")
        parts.append(table(
            study.agreement.to_dict("records"),
            [("scope", "Scope"), ("indicator", "Indicator"), ("n", "n"),
             ("accuracy", "Accuracy"), ("kappa", "Cohen's κ"), ("kappa_linear", "Linear κ")],
            formats={"accuracy": percent, "kappa": number, "kappa_linear": number},
            numeric=("n", "accuracy", "kappa", "kappa_linear")))
        if (study.confusion["indicator"] == "ambition").any():
            matrix = confusion_matrix(study.confusion, "ambition")
            parts.append(img(plots.confusion_plot(matrix), "Confusion matrix of ambition",
                             "Rows: the IRM's level; columns: the model's."))
            rows = [{"irm": idx, **{lv: int(matrix.loc[idx, lv]) for lv in matrix.columns}}
                    for idx in matrix.index]
            parts.append(table(rows, [("irm", "IRM \\ model"), *[(lv, lv) for lv in matrix.columns]],
                               numeric=tuple(matrix.columns)))
        parts.append("<h3>Where they disagree most</h3>")
        if study.disagreements.empty:
            parts.append("<p>The model and the IRM agree on every rated commitment's ambition.</p>")
        else:
            parts.append(table(
                study.disagreements.head(TOP_DISAGREEMENTS).to_dict("records"),
                [("plan", "Plan"), ("number", "N°"), ("title", "Title"), ("ambition", "Model"),
                 ("irm_ambition", "IRM"), ("distance", "Distance"),
                 ("ambition_confidence", "Model confidence"), ("value_mismatches", "Values differ")],
                formats={"ambition_confidence": percent, "value_mismatches": _codes},
                numeric=("distance", "ambition_confidence")))

    parts.append("<h2>Commitments</h2>")
    parts.append(_commitments_table(c))

    if not study.failures.empty:
        parts.append("<h2>Files that failed</h2><ul>")
        parts += [f"<li><code>{esc(r['file'])}</code>: {esc(r['reason'])}</li>"
                  for r in study.failures.to_dict("records")]
        parts.append("</ul>")
    return page(title, "\n".join(parts), lang="en")


def _summary_table(s) -> str:
    cols: list[tuple[str, str]] = [("plan", "Plan"), ("commitments", "Commitments")]
    cols += [(f"share_{c}", VALUE_NAMES[c]["en"]) for c in VALUE_CODES]
    cols += [("share_open_gov_lens", "Open-government lens")]
    cols += [(f"share_ambition_{lv}", f"Ambition: {lv}") for lv in AMBITION_LEVELS]
    cols += [("share_e_government", "E-government"), ("share_restates_functions", "Restates functions"),
             ("share_verifiable", "Verifiable"), ("share_recycled", "Recycled"),
             ("irm_rated", "IRM rated")]
    has_irm = s["irm_rated"].fillna(0).astype(int).gt(0).any()
    if has_irm:
        cols += [(f"irm_share_ambition_{lv}", f"IRM: {lv}") for lv in AMBITION_LEVELS]
        cols += [("irm_share_open_gov_lens", "IRM: lens"), ("irm_share_verifiable", "IRM: verifiable")]
    share_cols = [k for k, _ in cols if "share" in k]
    return table(s.to_dict("records"), cols, formats={k: percent for k in share_cols},
                 numeric=[k for k, _ in cols if k not in ("plan",)])


def _recycled_table(c) -> str:
    if c.empty or not c["recycled"].any():
        return "<p>No commitment repeats one from an earlier plan of its country.</p>"
    rows = c[c["recycled"]].to_dict("records")
    return table(rows, [("plan", "Plan"), ("number", "N°"), ("title", "Title"),
                        ("recycled_from_plan", "Earlier plan"), ("recycled_from_number", "N°"),
                        ("recycled_from_title", "Earlier title"),
                        ("recycled_similarity", "Similarity")],
                 formats={"recycled_similarity": number}, numeric=("recycled_similarity",))


def _commitments_table(c) -> str:
    if c.empty:
        return "<p>No commitments.</p>"
    cols = [("plan", "Plan"), ("number", "N°"), ("title", "Title"), ("institution", "Institution"),
            ("values", "Values"), ("ambition", "Ambition"), ("flags", "Flags")]
    if c["irm_ambition"].notna().any():
        cols.append(("irm_ambition", "IRM ambition"))
    cols.append(("recycled", "Recycled"))
    return table(c.to_dict("records"), cols, formats={
        "recycled": lambda v: "yes" if v else "", "values": _joined, "flags": _joined})


def _joined(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, (list, tuple)) else _codes(value)


def _codes(value: Any) -> str:
    if not isinstance(value, str) or not value:
        return ""
    try:
        return ", ".join(json.loads(value))
    except ValueError:
        return value

