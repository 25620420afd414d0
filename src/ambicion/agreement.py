"""How often the model agrees with the IRM, and where it disagrees most.

Why these measures: accuracy is easy to read but flatters a model on an unbalanced scale, so
Cohen's kappa (agreement beyond chance) sits beside it; for the ordinal ambition scale a
linearly weighted kappa also credits near misses. Only commitments the IRM actually rated on
an indicator count for it.

Kappa is computed here (`cohen_kappa`) as scikit-learn's `cohen_kappa_score` computes it, to
the bit: importing scikit-learn (which pulls in scipy.stats) for it, and for recycled
detection, cost every batch about 0.7 s of CPU, far more than the tables themselves.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .labels import AMBITION_LEVELS, VALUE_CODES

if TYPE_CHECKING:
    import pandas as pd

AGREEMENT_COLUMNS = ("scope", "indicator", "n", "accuracy", "kappa", "kappa_linear")
CONFUSION_COLUMNS = ("indicator", "irm", "model", "count")
DISAGREEMENT_COLUMNS = (
    "plan", "source", "id", "number", "title", "ambition", "irm_ambition", "distance",
    "ambition_confidence", "values", "irm_values", "value_mismatches",
)


def indicator_pairs(commitments: "pd.DataFrame") -> dict[str, tuple[list[str], "pd.DataFrame"]]:
    """indicator -> (ordered categories, frame with columns irm, model, plan) of rated rows."""
    import pandas as pd

    out: dict[str, tuple[list[str], pd.DataFrame]] = {}
    if commitments.empty:
        return out

    def add(name: str, categories: list[str], irm: "pd.Series", model: "pd.Series") -> None:
        mask = irm.notna() & model.notna()
        if mask.any():
            out[name] = (categories, pd.DataFrame({
                "irm": irm[mask].map(_label), "model": model[mask].map(_label),
                "plan": commitments.loc[mask, "plan"]}))

    add("ambition", list(AMBITION_LEVELS), commitments["irm_ambition"], commitments["ambition"])
    for code in VALUE_CODES:
        add(code, ["no", "yes"], commitments[f"irm_value_{code}"], commitments[f"value_{code}"])
    add("open_gov_lens", ["no", "yes"], commitments["irm_open_gov_lens"],
        commitments["open_gov_lens"])
    verifiable = ~commitments["flag_not_verifiable"].astype(bool)
    add("verifiable", ["no", "yes"], commitments["irm_verifiable"], verifiable)
    return out


def agreement_table(commitments: "pd.DataFrame") -> "pd.DataFrame":
    """Rows (scope, indicator, n, accuracy, kappa, kappa_linear); scope "all" then per plan."""
    import pandas as pd

    rows = []
    for name, (cats, pairs) in indicator_pairs(commitments).items():
        rows.append(_metrics("all", name, cats, pairs))
        if pairs["plan"].nunique() > 1:
            for plan, group in pairs.groupby("plan", sort=False):
                rows.append(_metrics(str(plan), name, cats, group))
    return pd.DataFrame(rows, columns=list(AGREEMENT_COLUMNS))


def confusion_table(commitments: "pd.DataFrame") -> "pd.DataFrame":
    """Long confusion matrices over all plans: one row per (indicator, irm, model) cell."""
    import pandas as pd

    rows = []
    for name, (cats, pairs) in indicator_pairs(commitments).items():
        counts = pairs.groupby(["irm", "model"]).size()
        for irm in cats:
            for model in cats:
                rows.append({"indicator": name, "irm": irm, "model": model,
                             "count": int(counts.get((irm, model), 0))})
    return pd.DataFrame(rows, columns=list(CONFUSION_COLUMNS))


def confusion_matrix(confusion: "pd.DataFrame", indicator: str) -> "pd.DataFrame":
    """One indicator's matrix: IRM levels as rows, model levels as columns."""
    part = confusion[confusion["indicator"] == indicator]
    order = list(dict.fromkeys(part["irm"]))
    return part.pivot(index="irm", columns="model", values="count").reindex(
        index=order, columns=order)


def disagreements_table(commitments: "pd.DataFrame") -> "pd.DataFrame":
    """Commitments whose model ambition differs from the IRM's, worst first.

    Worst means furthest apart on the ordinal scale, then most confident model.
    """
    import pandas as pd

    if commitments.empty:
        return pd.DataFrame(columns=list(DISAGREEMENT_COLUMNS))
    rated = commitments[commitments["irm_ambition"].isin(AMBITION_LEVELS)
                        & commitments["ambition"].isin(AMBITION_LEVELS)]
    rated = rated[rated["irm_ambition"] != rated["ambition"]]
    rows = []
    for _, r in rated.iterrows():
        model_vals = [c for c in VALUE_CODES if bool(r[f"value_{c}"])]
        irm_known = {c: r[f"irm_value_{c}"] for c in VALUE_CODES
                     if r[f"irm_value_{c}"] is not None and not pd.isna(r[f"irm_value_{c}"])}
        irm_vals = [c for c, v in irm_known.items() if bool(v)]
        mismatch = [c for c, v in irm_known.items() if bool(v) != bool(r[f"value_{c}"])]
        rows.append({
            "plan": r["plan"], "source": r["source"], "id": r["id"], "number": r["number"],
            "title": r["title"], "ambition": r["ambition"], "irm_ambition": r["irm_ambition"],
            "distance": abs(AMBITION_LEVELS.index(r["ambition"])
                            - AMBITION_LEVELS.index(r["irm_ambition"])),
            "ambition_confidence": r["ambition_confidence"],
            "values": "; ".join(model_vals),
            "irm_values": "; ".join(irm_vals) if irm_known else None,
            "value_mismatches": json.dumps(mismatch) if irm_known else None,
        })
    frame = pd.DataFrame(rows, columns=list(DISAGREEMENT_COLUMNS))
    if frame.empty:
        return frame
    frame["_conf"] = frame["ambition_confidence"].fillna(0.0)
    frame = frame.sort_values(["distance", "_conf"], ascending=[False, False], kind="stable")
    return frame.drop(columns="_conf").reset_index(drop=True)


def _metrics(scope: str, name: str, cats: list[str], pairs: "pd.DataFrame") -> dict:
    irm, model = pairs["irm"].tolist(), pairs["model"].tolist()
    n = len(irm)
    accuracy = sum(a == b for a, b in zip(irm, model)) / n
    kappa = cohen_kappa(irm, model, cats)
    linear = cohen_kappa(irm, model, cats, linear=True) if len(cats) > 2 else kappa
    return {"scope": scope, "indicator": name, "n": n, "accuracy": round(accuracy, 4),
            "kappa": _round(kappa), "kappa_linear": _round(linear)}


def cohen_kappa(first: list[str], second: list[str], labels: list[str], linear: bool = False) -> float:
    """Cohen's kappa of two raters' labels over `labels` (pairs with another label left out),
    unweighted or linearly weighted; nan when undefined (a single label in common).

    The steps and numpy operations of scikit-learn's `cohen_kappa_score(first, second,
    labels=labels, weights=...)`, so the value is the same to the last bit (tested against it).
    """
    import numpy as np

    if len(first) != len(second):
        raise ValueError(f"{len(first)} labels against {len(second)}")
    if not first:
        return float("nan")
    if not set(first) & set(labels):
        raise ValueError("At least one label in `labels` must be present in the first rater's")
    n = len(labels)
    index = {label: k for k, label in enumerate(labels)}
    confusion = np.zeros((n, n), dtype=np.int64)
    for a, b in zip(first, second):
        i, j = index.get(a), index.get(b)
        if i is not None and j is not None:
            confusion[i, j] += 1
    confusion = confusion.astype(np.float64, copy=False)
    sum0 = np.sum(confusion, axis=0)
    sum1 = np.sum(confusion, axis=1)
    total = np.sum(sum0)
    if total == 0:
        return float("nan")
    expected = np.outer(sum0, sum1) / total
    if linear:
        weights = np.zeros((n, n), dtype=np.float64)
        weights += np.arange(n)
        weights = np.abs(weights - weights.T)
    else:
        weights = np.ones((n, n), dtype=np.float64)
        weights.flat[::n + 1] = 0
    numerator = np.sum(weights * confusion)
    denominator = np.sum(weights * expected)
    if denominator == 0:
        return float("nan")
    return float(1 - numerator / denominator)


def _round(x: float) -> float | None:
    return None if x != x else round(x, 4)


def _label(v: object) -> str:
    if isinstance(v, str):
        return v
    return "yes" if bool(v) else "no"
