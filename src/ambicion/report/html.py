"""The study report: one self-contained HTML page with the summary, plots and IRM agreement.

Why one page: researchers mail it, archive it and open it offline, so styles are inline,
figures are embedded PNGs and nothing refers to the network. Every piece of text that came
from a document is escaped. The page renders the tables it is given (`StudyTables`); it
computes no statistics of its own, so it cannot disagree with the CSV files beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional

from ..i18n import catalogue
from ..labels import AMBITION_LEVELS, FLAG_CODES, VALUE_CODES
from . import plots
from .htmlkit import esc, img, number, page, percent, table
from .study_text import counted, indicator_name, label, names, texts

if TYPE_CHECKING:
    import pandas as pd

TOP_DISAGREEMENTS = 15


@dataclass(frozen=True, eq=False)
class StudyTables:
    """What the report shows: the study's tables, already computed (see `ambicion.rows`)."""

    commitments: "pd.DataFrame"
    summary: "pd.DataFrame"
    agreement: "pd.DataFrame"
    ambition_matrix: Optional["pd.DataFrame"]  # IRM levels as rows, model levels as columns
    disagreements: "pd.DataFrame"
    failures: "pd.DataFrame"
    plans: int
    reviews: int
    recycled_threshold: float


def study_html(s: StudyTables, title: str | None = None, lang: str = "en") -> str:
    """Render the study as a complete HTML document in `lang` ("en" or "es")."""
    lang = "es" if lang == "es" else "en"
    t = texts(lang)
    title = title or t["title"]
    parts: list[str] = [f"<h1>{esc(title)}</h1>"]
    counts = t["counts_failed"] if len(s.failures) else t["counts"]
    parts.append('<p class="muted">' + esc(counts.format(
        plans=counted("plans", s.plans, lang), reviews=counted("reviews", s.reviews, lang),
        commitments=counted("commitments", len(s.commitments), lang),
        failed=counted("failed", len(s.failures), lang))) + "</p>")

    parts.append(f"<h2>{esc(t['summary'])}</h2>")
    if s.summary.empty:
        parts.append(f"<p>{esc(t['no_plan'])}</p>")
    else:
        parts.append(f'<p class="muted">{esc(t["summary_note"])}</p>')
        parts.append(_scroll(_summary_table(s.summary, lang)))
        parts += _over_time(s.summary, lang)
        parts += _per_plan(s.summary, lang)

    parts.append(f"<h2>{esc(t['recycled'])}</h2>")
    parts.append(f'<p class="muted">{esc(t["recycled_note"].format(threshold=f"{s.recycled_threshold:.2f}"))}</p>')
    parts.append(_recycled_table(s.commitments, lang))

    if not s.agreement.empty:
        parts += _agreement(s, lang)

    parts.append(f"<h2>{esc(t['commitments'])}</h2>")
    parts.append(_commitments_table(s.commitments, lang))

    if not s.failures.empty:
        parts.append(f"<h2>{esc(t['failures'])}</h2><ul>")
        said = catalogue(lang).reason  # the library writes reasons in English
        parts += [f"<li><code>{esc(r['file'])}</code>: {esc(said(str(r['reason'])))}</li>"
                  for r in s.failures.to_dict("records")]
        parts.append("</ul>")
    return page(title, "\n".join(parts), lang=lang)


def _scroll(html: str) -> str:
    """Wide tables scroll sideways inside the page instead of running off it."""
    return f'<div class="scroll">{html}</div>'


# ---------------------------------------------------------------- figures


def _series_of_members(summary: "pd.DataFrame") -> list[tuple[str, "pd.DataFrame"]]:
    """(country, its plans in period order) for every member with two plans or more.

    Plans whose country is not known are left out: nothing says they are one member's.
    """
    out = []
    countries = summary["country"].fillna("").astype(str).str.strip()
    for country in dict.fromkeys(c for c in countries if c):
        rows = summary[countries == country]
        if len(rows) >= 2:
            years = rows["year_start"].astype("Float64").fillna(float("inf"))
            out.append((country, rows.assign(_y=years.to_numpy()).sort_values(
                ["_y", "period"], kind="stable").drop(columns="_y")))
    return out


def _over_time(summary: "pd.DataFrame", lang: str) -> list[str]:
    t = texts(lang)
    out = [f"<h2>{esc(t['over_time'])}</h2>"]
    members = _series_of_members(summary)
    if not members:
        return out + [f'<p class="muted">{esc(t["over_time_none"])}</p>']
    out.append(f'<p class="muted">{esc(t["over_time_note"])}</p>')
    for country, rows in members:
        name = country
        out.append(f"<h3>{esc(name)}</h3>")
        drawn = plots.values_plot(rows, lang, over_time=True,
                                  title=t["values_over_time"].format(country=name))
        out.append(img(drawn.png, t["values_over_time"].format(country=name),
                       t["cap_values"] + (t["cap_values_irm"] if drawn.irm else "")))
        drawn = plots.flags_plot(rows, lang, over_time=True,
                                 title=t["flags_over_time"].format(country=name))
        out.append(img(drawn.png, t["flags_over_time"].format(country=name), t["cap_flags"]))
    return out


def _per_plan(summary: "pd.DataFrame", lang: str) -> list[str]:
    """Plan-by-plan bars: the ambition distribution always; values and flags too when some
    plans are not in an over-time series (other members, or a member's only plan)."""
    t = texts(lang)
    out = [f"<h2>{esc(t['per_plan'])}</h2>"]
    drawn = plots.ambition_plot(summary, lang, title=t["ambition_per_plan"])
    out.append(img(drawn.png, t["ambition_per_plan"],
                   t["cap_ambition"] + (t["cap_ambition_irm"] if drawn.irm else "")))
    covered = sum(len(rows) for _, rows in _series_of_members(summary))
    if covered < len(summary):
        drawn = plots.values_plot(summary, lang, over_time=False, title=t["values_per_plan"])
        out.append(img(drawn.png, t["values_per_plan"],
                       t["cap_values_bars"] + (t["cap_values_bars_irm"] if drawn.irm else "")))
        drawn = plots.flags_plot(summary, lang, over_time=False, title=t["flags_per_plan"])
        out.append(img(drawn.png, t["flags_per_plan"], t["cap_flags_bars"]))
    return out


# ---------------------------------------------------------------- tables


def _summary_table(s: "pd.DataFrame", lang: str) -> str:
    t = texts(lang)
    cols: list[tuple[str, str]] = [("plan", t["plan"]), ("commitments", t["col_commitments"])]
    cols += [(f"share_{c}", label("value", c, lang)) for c in VALUE_CODES]
    cols += [("share_open_gov_lens", t["col_lens"])]
    cols += [(f"share_ambition_{lv}", f"{t['ambition']}: {label('ambition', lv, lang)}")
             for lv in AMBITION_LEVELS]
    cols += [(f"share_{c}", label("flag", c, lang)) for c in FLAG_CODES if c != "not_verifiable"]
    cols += [("share_verifiable", t["col_verifiable"]), ("share_recycled", t["col_recycled"]),
             ("irm_rated", t["col_irm_rated"])]
    has_irm = s["irm_rated"].fillna(0).astype(int).gt(0).any()
    if has_irm:
        cols += [(f"irm_share_ambition_{lv}", t["col_irm"].format(name=label("ambition", lv, lang)))
                 for lv in AMBITION_LEVELS]
        cols += [("irm_share_open_gov_lens", t["col_irm"].format(name=t["col_lens"])),
                 ("irm_share_verifiable", t["col_irm"].format(name=t["col_verifiable"]))]
    share_cols = [k for k, _ in cols if "share" in k]
    return table(s.to_dict("records"), cols, formats={k: percent for k in share_cols},
                 numeric=[k for k, _ in cols if k != "plan"])


def _agreement(s: StudyTables, lang: str) -> list[str]:
    t = texts(lang)
    out = [f"<h2>{esc(t['agreement'])}</h2>"]
    out.append(_scroll(table(
        s.agreement.to_dict("records"),
        [("scope", t["scope"]), ("indicator", t["indicator"]), ("n", t["n"]),
         ("accuracy", t["accuracy"]), ("kappa", t["kappa"]), ("kappa_linear", t["kappa_linear"])],
        formats={"scope": lambda v: t["scope_all"] if v == "all" else str(v),
                 "indicator": lambda v: indicator_name(str(v), lang),
                 "accuracy": percent, "kappa": number, "kappa_linear": number},
        numeric=("n", "accuracy", "kappa", "kappa_linear"))))
    matrix = s.ambition_matrix
    if matrix is not None and not matrix.empty:
        out.append(img(plots.confusion_plot(matrix, t["confusion_title"], lang), t["confusion_title"],
                       t["confusion_caption"]))
        rows = [{"irm": label("ambition", str(idx), lang),
                 **{lv: int(matrix.loc[idx, lv]) for lv in matrix.columns}} for idx in matrix.index]
        out.append(table(rows, [("irm", t["irm_vs_model"]),
                                *[(lv, label("ambition", str(lv), lang)) for lv in matrix.columns]],
                         numeric=tuple(matrix.columns)))
    out.append(f"<h3>{esc(t['disagree'])}</h3>")
    if s.disagreements.empty:
        out.append(f"<p>{esc(t['agree_all'])}</p>")
    else:
        out.append(_scroll(table(
            s.disagreements.head(TOP_DISAGREEMENTS).to_dict("records"),
            [("plan", t["plan"]), ("number", t["number"]), ("title", t["title_col"]),
             ("ambition", t["ambition"]), ("irm_ambition", t["irm_ambition"]),
             ("distance", t["distance"]), ("ambition_confidence", t["confidence"]),
             ("value_mismatches", t["values_differ"])],
            formats={"ambition": lambda v: _ambition(v, lang), "irm_ambition": lambda v: _ambition(v, lang),
                     "ambition_confidence": percent, "value_mismatches": lambda v: names(v, "value", lang)},
            numeric=("distance", "ambition_confidence"))))
    return out


def _recycled_table(c: "pd.DataFrame", lang: str) -> str:
    t = texts(lang)
    if c.empty or not c["recycled"].any():
        return f"<p>{esc(t['no_recycled'])}</p>"
    rows = c[c["recycled"]].to_dict("records")
    return _scroll(table(rows, [("plan", t["plan"]), ("number", t["number"]), ("title", t["title_col"]),
                                ("recycled_from_plan", t["earlier_plan"]),
                                ("recycled_from_number", t["number"]),
                                ("recycled_from_title", t["earlier_title"]),
                                ("recycled_similarity", t["similarity"])],
                         formats={"recycled_similarity": number}, numeric=("recycled_similarity",)))


def _commitments_table(c: "pd.DataFrame", lang: str) -> str:
    t = texts(lang)
    if c.empty:
        return f"<p>{esc(t['no_commitments'])}</p>"
    cols = [("plan", t["plan"]), ("number", t["number"]), ("title", t["title_col"]),
            ("institution", t["institution"]), ("values", t["values"]), ("ambition", t["ambition"]),
            ("flags", t["flags"])]
    if c["irm_ambition"].notna().any():
        cols.append(("irm_ambition", t["irm_ambition"]))
    cols.append(("recycled", t["col_recycled"]))
    return _scroll(table(c.to_dict("records"), cols, formats={
        "values": lambda v: names(v, "value", lang), "flags": lambda v: names(v, "flag", lang),
        "ambition": lambda v: _ambition(v, lang), "irm_ambition": lambda v: _ambition(v, lang),
        "recycled": lambda v: t["yes"] if v else ""}))


def _ambition(value: Any, lang: str) -> str:
    if not isinstance(value, str) or not value:
        return ""
    return label("ambition", value, lang)
