"""Per-plan summary of the commitments table: shares of values, ambition and flags.

Why computed only from the commitments table: the summary must agree with the rows a
researcher can inspect, so it is a pure function of them (and tests recompute it).
Shares are fractions of the plan's commitments (0..1); IRM shares are fractions of the
commitments the IRM rated on that indicator, and missing when it rated none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .labels import AMBITION_LEVELS, FLAG_CODES, VALUE_CODES

if TYPE_CHECKING:
    import pandas as pd

KEY_COLUMNS = ("plan", "source", "country", "period", "year_start")


def summary_columns() -> list[str]:
    cols = [*KEY_COLUMNS, "commitments"]
    cols += [f"share_{code}" for code in VALUE_CODES]
    cols += ["share_open_gov_lens"]
    cols += [f"share_ambition_{level}" for level in AMBITION_LEVELS]
    cols += [f"share_{code}" for code in FLAG_CODES]
    cols += ["share_verifiable", "recycled", "share_recycled", "irm_rated"]
    cols += [f"irm_share_{code}" for code in VALUE_CODES]
    cols += ["irm_share_open_gov_lens"]
    cols += [f"irm_share_ambition_{level}" for level in AMBITION_LEVELS]
    cols += ["irm_share_verifiable", "irm_promising", "irm_starred"]
    return cols


def summarise(commitments: "pd.DataFrame") -> "pd.DataFrame":
    """One row per plan (in the table's order of plans) with the shares described above."""
    import pandas as pd

    rows = []
    if commitments.empty:
        return pd.DataFrame(columns=summary_columns())
    for source, group in commitments.groupby("source", sort=False):
        first = group.iloc[0]
        row = {k: first[k] for k in KEY_COLUMNS}
        row["commitments"] = int(len(group))
        for code in VALUE_CODES:
            row[f"share_{code}"] = _share(group[f"value_{code}"])
        row["share_open_gov_lens"] = _share(group["open_gov_lens"])
        for level in AMBITION_LEVELS:
            row[f"share_ambition_{level}"] = _share(group["ambition"] == level)
        for code in FLAG_CODES:
            row[f"share_{code}"] = _share(group[f"flag_{code}"])
        row["share_verifiable"] = _share(~group["flag_not_verifiable"].astype(bool))
        row["recycled"] = int(group["recycled"].astype(bool).sum())
        row["share_recycled"] = _share(group["recycled"])
        rated = group["irm_review"].notna()
        row["irm_rated"] = int(rated.sum())
        for code in VALUE_CODES:
            row[f"irm_share_{code}"] = _share(group[f"irm_value_{code}"])
        row["irm_share_open_gov_lens"] = _share(group["irm_open_gov_lens"])
        amb = group["irm_ambition"].dropna()
        for level in AMBITION_LEVELS:
            row[f"irm_share_ambition_{level}"] = _share(amb == level)
        row["irm_share_verifiable"] = _share(group["irm_verifiable"])
        row["irm_promising"] = _count_true(group["irm_promising"])
        row["irm_starred"] = _count_true(group["irm_starred"])
        rows.append(row)
    return pd.DataFrame(rows, columns=summary_columns())


def _share(column: "pd.Series") -> float | None:
    """Fraction of True among the known values; None when none is known."""
    known = column.dropna()
    if known.empty:
        return None
    return round(float(known.astype(bool).mean()), 4)


def _count_true(column: "pd.Series") -> int | None:
    known = column.dropna()
    return None if known.empty else int(known.astype(bool).sum())
