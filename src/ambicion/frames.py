"""Tidy pandas tables from the data model, and the safe writers for them.

One row per commitment (or rating), with stable column names, so researchers can rely on
them across versions. Writers pick the format by extension, write atomically, and
neutralise spreadsheet formulas in CSV/XLSX cells.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Protocol, Sequence

from .errors import OutputError
from .io import atomic_path, atomic_write

if TYPE_CHECKING:
    import pandas as pd


# What the tables read from a Plan and a Review. Structural types, so this module needs no
# import of `model` (whose `to_dataframe` methods call it): no import circle.
class PlanLike(Protocol):
    @property
    def source(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def country(self) -> str: ...
    @property
    def period(self) -> str: ...
    @property
    def layout(self) -> str: ...
    @property
    def commitments(self) -> Sequence[Any]: ...


class ReviewLike(Protocol):
    @property
    def source(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def country(self) -> str: ...
    @property
    def period(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def language(self) -> str: ...
    @property
    def ratings(self) -> Sequence[Any]: ...

COMMITMENT_COLUMNS: tuple[str, ...] = (
    "source", "plan_title", "country", "period", "language", "layout", "id", "number", "title",
    "institutions", "problem", "what", "how", "values_claim", "additional", "description",
    "dates", "other_actors", "milestones_count", "milestones", "page_start", "page_end", "text",
)

RATING_COLUMNS: tuple[str, ...] = (
    "source", "review_title", "country", "period", "review_kind", "language", "number", "title",
    "verifiable", "open_gov_lens", "potential_results", "potential_results_label", "promising",
    "specificity", "specificity_label", "relevance_access_to_information",
    "relevance_civic_participation", "relevance_public_accountability",
    "relevance_technology_innovation", "potential_impact", "potential_impact_label",
    "completion", "completion_label", "opened_government", "opened_government_label", "starred",
    "irm_ambition", "cluster", "page_start", "page_end",
)


def commitments_frame(plan: PlanLike) -> "pd.DataFrame":
    """One row per commitment of `plan` (columns: COMMITMENT_COLUMNS)."""
    import pandas as pd

    rows = []
    for c in plan.commitments:
        prov = c.provenance
        rows.append({
            "source": plan.source, "plan_title": plan.title, "country": plan.country,
            "period": plan.period, "language": c.language, "layout": plan.layout, "id": c.id,
            "number": c.number, "title": c.title, "institutions": "; ".join(c.institutions),
            "problem": c.problem, "what": c.what, "how": c.how, "values_claim": c.values_claim,
            "additional": c.additional, "description": c.description, "dates": c.dates,
            "other_actors": c.other_actors, "milestones_count": len(c.milestones),
            "milestones": json.dumps([m.to_dict() for m in c.milestones], ensure_ascii=False),
            "page_start": prov.page_start if prov else None,
            "page_end": prov.page_end if prov else None, "text": c.text,
        })
    return pd.DataFrame(rows, columns=list(COMMITMENT_COLUMNS))


def ratings_frame(review: ReviewLike) -> "pd.DataFrame":
    """One row per IRM rating of `review` (columns: RATING_COLUMNS)."""
    import pandas as pd

    def norm(r):
        return r.normalized if r else None

    def orig(r):
        return r.original if r else None

    rows = []
    for r in review.ratings:
        prov = r.provenance
        row = {
            "source": review.source, "review_title": review.title, "country": review.country,
            "period": review.period, "review_kind": review.kind, "language": review.language,
            "number": r.number, "title": r.title, "verifiable": r.verifiable,
            "open_gov_lens": r.open_gov_lens, "potential_results": norm(r.potential_results),
            "potential_results_label": orig(r.potential_results), "promising": r.promising,
            "specificity": norm(r.specificity), "specificity_label": orig(r.specificity),
            "potential_impact": norm(r.potential_impact),
            "potential_impact_label": orig(r.potential_impact),
            "completion": norm(r.completion), "completion_label": orig(r.completion),
            "opened_government": norm(r.opened_government),
            "opened_government_label": orig(r.opened_government), "starred": r.starred,
            "irm_ambition": r.ambition, "cluster": "; ".join(r.cluster),
            "page_start": prov.page_start if prov else None,
            "page_end": prov.page_end if prov else None,
        }
        for code in ("access_to_information", "civic_participation", "public_accountability",
                     "technology_innovation"):
            row[f"relevance_{code}"] = r.relevance.get(code) if r.relevance else None
        rows.append(row)
    return pd.DataFrame(rows, columns=list(RATING_COLUMNS))


# ---------------------------------------------------------------- writers

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


# control characters XML (so XLSX) cannot hold; tab, line feed and carriage return it can
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def neutralize(value: object) -> object:
    """Prefix a quote to text a spreadsheet would run as a formula (CSV/XLSX injection), and
    turn control characters a workbook cannot store into spaces (openpyxl would refuse them)."""
    if isinstance(value, str):
        value = _XML_ILLEGAL.sub(" ", value)
        if value.startswith(FORMULA_PREFIXES):
            return "'" + value
    return value


def spreadsheet_safe(frame: "pd.DataFrame") -> "pd.DataFrame":
    """A copy of `frame` whose text cells cannot start a formula; list cells (which CSV and
    XLSX cannot hold) become JSON text."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object and any(isinstance(v, (list, tuple, dict)) for v in out[col]):
            out[col] = [json.dumps(_plain_nested(v), ensure_ascii=False)
                        if isinstance(v, (list, tuple, dict)) else v for v in out[col]]
        if out[col].dtype == object or str(out[col].dtype).startswith("str"):
            out[col] = out[col].map(neutralize)
    out.columns = [neutralize(str(c)) for c in out.columns]
    return out


def write_records(frame: "pd.DataFrame", target: str | Path | None,
                  inputs: Iterable[str | Path] = ()) -> None:
    """Write `frame` by the target's extension (.jsonl, .csv, .parquet, .xlsx); None = stdout JSONL."""
    if target is None or str(target) == "-":
        for line in _jsonl_lines(frame):
            sys.stdout.write(line)
        return
    target = Path(target)
    suffix = target.suffix.lower()
    if suffix in {".jsonl", ".ndjson"}:
        with atomic_write(target, inputs=inputs) as fh:
            fh.writelines(_jsonl_lines(frame))
    elif suffix == ".csv":
        with atomic_write(target, inputs=inputs, encoding="utf-8-sig", newline="") as fh:
            spreadsheet_safe(frame).to_csv(fh, index=False)
    elif suffix == ".parquet":
        with atomic_path(target, inputs=inputs) as tmp:
            frame.to_parquet(tmp, index=False)
    elif suffix == ".xlsx":
        with atomic_path(target, inputs=inputs) as tmp:
            spreadsheet_safe(frame).to_excel(tmp, index=False, engine="openpyxl")
    else:
        raise OutputError(target, "unknown output format; use .jsonl, .csv, .parquet or .xlsx")


def _jsonl_lines(frame: "pd.DataFrame") -> Iterable[str]:
    for record in frame.to_dict(orient="records"):
        clean = {k: _plain(v) for k, v in record.items()}
        yield json.dumps(clean, ensure_ascii=False) + "\n"


def _plain_nested(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return [_plain_nested(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain_nested(v) for k, v in value.items()}
    return _plain(value)


def _plain(value: object) -> object:
    try:
        import pandas as pd

        if value is not None and not isinstance(value, (list, dict, str)) and pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "item"):
        return value.item()  # numpy scalars
    return value
