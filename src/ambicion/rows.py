"""One flat row per judged commitment: the plan's fields, the model's labels, the IRM's ratings.

Why one module: the study tables, the CSV/Parquet outputs and the forum's spreadsheet all
need the same column names, and researchers rely on them across versions.

Cell types, as researchers get them (`Study.commitments`, `commitments.parquet`):
- LIST_COLUMNS hold real lists: `values` and `flags` lists of codes; `ambition_reasons`,
  `verifiability` and `suggestions` lists of sentences; `evidence` a list of
  {label, start, end, text, rule} records whose offsets index `text`. CSV and XLSX cells,
  which cannot hold lists, carry them as JSON text (`json.loads` gives the list back).
- `ambition` and `irm_ambition` are ordered categoricals (unclear < modest < substantial).
- every other text column has one string dtype (pandas' `str`: NaN marks missing); numbers that may be missing
  are Int64/float, yes/no answers that may be missing are `boolean`.
- Missing values are documented, not accidental: the `irm_*` columns are missing where no
  review rated the commitment (all of them when no review was given), and each review
  generation fills only the indicators it has (current reviews: verifiable, lens, potential
  results, promising; older ones: specificity, relevance, potential impact, completion,
  opened government, starred). `restated_*` are missing when no function matched;
  `recycled_from_*` and `recycled_similarity` when the commitment is not recycled.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from .labels import AMBITION_LEVELS, FLAG_CODES, VALUE_CODES
from .model import Assessment, Commitment, Flag, IrmRating, Pair, Plan, Review, ValueScore
from .periods import period_years

PLAN_COLUMNS: tuple[str, ...] = (
    "source", "plan", "plan_title", "country", "period", "year_start", "year_end", "language",
    "layout", "id", "number", "title", "institution", "text", "milestones_count", "pages",
    "page_start", "page_end",
)


LIST_COLUMNS: tuple[str, ...] = (
    "values", "ambition_reasons", "flags", "evidence", "verifiability", "suggestions",
)
CATEGORY_COLUMNS: tuple[str, ...] = ("ambition", "irm_ambition")


def assessment_columns() -> tuple[str, ...]:
    """The model's columns, in order."""
    cols: list[str] = ["values"]
    for code in VALUE_CODES:
        cols += [f"value_{code}", f"value_{code}_prob"]
    cols += ["open_gov_lens", "ambition", "ambition_confidence"]
    cols += [f"ambition_prob_{level}" for level in AMBITION_LEVELS]
    cols += ["ambition_reasons", "flags"]
    for code in FLAG_CODES:
        cols += [f"flag_{code}", f"flag_{code}_prob"]
    cols += ["restated_function", "restated_similarity", "evidence", "verifiability",
             "suggestions"]
    return tuple(cols)


IRM_COLUMNS: tuple[str, ...] = (
    "irm_review", "irm_review_kind", "irm_number", "irm_title", "irm_match",
    "irm_title_similarity", "irm_verifiable", "irm_open_gov_lens", "irm_potential_results",
    "irm_potential_results_label", "irm_promising", "irm_specificity",
    *(f"irm_value_{code}" for code in VALUE_CODES),
    "irm_potential_impact", "irm_potential_impact_label", "irm_completion",
    "irm_opened_government", "irm_starred", "irm_ambition", "irm_cluster",
)

# which review to believe first when several cover one plan: ratings made at design time
# describe the commitment as written, which is what the model judges
REVIEW_PREFERENCE: tuple[str, ...] = (
    "action_plan_review", "progress_report", "end_of_term_report", "results_report",
)


def plan_label(plan: Plan) -> str:
    """A short human name for a plan: "country period", else its title, else the file name."""
    if plan.country and plan.period:
        return f"{plan.country} {plan.period}"
    return plan.title or Path(plan.source).stem


def plan_row(plan: Plan, c: Commitment) -> dict[str, Any]:
    """The plan's own fields for one commitment."""
    y0, y1 = period_years(plan.period)
    prov = c.provenance
    p0 = prov.page_start if prov else None
    p1 = prov.page_end if prov else None
    pages = "" if p0 is None else (str(p0) if p1 in (None, p0) else f"{p0}-{p1}")
    return {
        "source": plan.source, "plan": plan_label(plan), "plan_title": plan.title,
        "country": plan.country, "period": plan.period, "year_start": y0, "year_end": y1,
        "language": c.language, "layout": plan.layout, "id": c.id, "number": c.number,
        "title": c.title, "institution": "; ".join(c.institutions), "text": c.text,
        "milestones_count": len(c.milestones), "pages": pages, "page_start": p0, "page_end": p1,
    }


def evidence_records(a: Assessment) -> list[dict[str, Any]]:
    """Every evidence span of `a`, labelled with what it supports ("value:…", "flag:…")."""
    out: list[dict[str, Any]] = []
    for v in a.values:
        for e in v.evidence:
            out.append({"label": f"value:{v.code}", "start": e.start, "end": e.end,
                        "text": e.text, "rule": e.rule})
    for f in a.flags:
        for e in f.evidence:
            out.append({"label": f"flag:{f.code}", "start": e.start, "end": e.end,
                        "text": e.text, "rule": e.rule})
    return out


def assessment_row(a: Assessment) -> dict[str, Any]:
    """The model's labels, probabilities, flags and evidence for one commitment."""
    row: dict[str, Any] = {"values": list(a.value_codes)}
    values: dict[str, ValueScore] = {v.code: v for v in a.values}
    for code in VALUE_CODES:
        v = values.get(code)
        row[f"value_{code}"] = bool(v.present) if v else False
        row[f"value_{code}_prob"] = float(v.probability) if v else None
    row["open_gov_lens"] = bool(a.open_gov_lens)
    row["ambition"] = a.ambition
    probs = dict(a.ambition_probabilities or {})
    row["ambition_confidence"] = float(probs[a.ambition]) if a.ambition in probs else None
    for level in AMBITION_LEVELS:
        row[f"ambition_prob_{level}"] = float(probs[level]) if level in probs else None
    row["ambition_reasons"] = list(a.ambition_reasons)
    row["flags"] = list(a.flag_codes)
    flags: dict[str, Flag] = {f.code: f for f in a.flags}
    for code in FLAG_CODES:
        f = flags.get(code)
        row[f"flag_{code}"] = bool(f.present) if f else False
        row[f"flag_{code}_prob"] = float(f.probability) if f else None
    restated = flags.get("restates_functions")
    row["restated_function"] = restated.matched_function if restated else None
    row["restated_similarity"] = restated.similarity if restated else None
    row["evidence"] = evidence_records(a)
    row["verifiability"] = list(a.verifiability)
    row["suggestions"] = list(a.suggestions)
    return row


def irm_row(matches: Sequence[tuple[Review, Pair]]) -> dict[str, Any]:
    """The IRM's columns for one commitment, merged over the reviews that rated it.

    `matches` is ordered by preference; each column takes the first value a review gives.
    """
    row: dict[str, Any] = {col: None for col in IRM_COLUMNS}
    for review, pair in matches:
        for key, value in _rating_fields(review, pair).items():
            if row[key] is None and value is not None:
                row[key] = value
    return row


def _rating_fields(review: Review, pair: Pair) -> dict[str, Any]:
    r: IrmRating = pair.rating

    def norm(x):
        return x.normalized if x else None

    fields: dict[str, Any] = {
        "irm_review": review.source, "irm_review_kind": review.kind or None,
        "irm_number": r.number, "irm_title": r.title, "irm_match": pair.method,
        "irm_title_similarity": float(pair.title_similarity), "irm_verifiable": r.verifiable,
        "irm_open_gov_lens": r.open_gov_lens, "irm_potential_results": norm(r.potential_results),
        "irm_potential_results_label": r.potential_results.original if r.potential_results else None,
        "irm_promising": r.promising, "irm_specificity": norm(r.specificity),
        "irm_potential_impact": norm(r.potential_impact),
        "irm_potential_impact_label": r.potential_impact.original if r.potential_impact else None,
        "irm_completion": norm(r.completion), "irm_opened_government": norm(r.opened_government),
        "irm_starred": r.starred, "irm_ambition": r.ambition,
        "irm_cluster": "; ".join(r.cluster) or None,
    }
    for code in VALUE_CODES:
        fields[f"irm_value_{code}"] = (r.relevance or {}).get(code)
    return fields


def review_rank(review: Review) -> int:
    kind = review.kind or ""
    return REVIEW_PREFERENCE.index(kind) if kind in REVIEW_PREFERENCE else len(REVIEW_PREFERENCE)
