"""Find commitments that repeat one from an earlier plan of the same country.

Why: the IRM's recurring complaint is that plans re-announce what earlier plans already
promised. For every commitment we report its closest match among commitments of the same
country in plans that started in an earlier year, the similarity, and a `recycled` flag
above a threshold kept in `data/recycled.json` (with a note on how it was chosen).

Similarity is the mean of two TF-IDF cosines over the commitment text: word 1–2-grams
(catches reused phrasing) and character 3–5-grams within words (robust to light edits,
inflections, accents and changed numbers). The vectorisers are fitted on all commitments of
the study, so rare shared phrases weigh more than the boilerplate every plan uses.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Sequence

from .labels import fold

if TYPE_CHECKING:
    import pandas as pd

RECYCLED_COLUMNS: tuple[str, ...] = (
    "recycled", "recycled_similarity", "recycled_from_plan", "recycled_from_source",
    "recycled_from_number", "recycled_from_title",
)


@dataclass(frozen=True)
class RecycledSettings:
    threshold: float
    note: str


@lru_cache(maxsize=1)
def settings() -> RecycledSettings:
    """The shipped threshold and the note that justifies it."""
    raw = json.loads(resources.files("ambicion").joinpath("data/recycled.json").read_text("utf-8"))
    return RecycledSettings(threshold=float(raw["threshold"]), note=str(raw.get("note", "")))


def similarity_matrix(texts: Sequence[str]):
    """Pairwise similarity (numpy array, 0..1) of `texts` as described in the module doc."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    n = len(texts)
    if n == 0:
        return np.zeros((0, 0))
    total = np.zeros((n, n))
    vectorisers = (
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True,
                        strip_accents="unicode", lowercase=True),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                        strip_accents="unicode", lowercase=True),
    )
    for vec in vectorisers:
        try:
            m = vec.fit_transform(list(texts))
        except ValueError:  # every text empty: nothing to compare
            continue
        total += (m @ m.T).toarray()
    return np.clip(total / len(vectorisers), 0.0, 1.0)


def find_recycled(frame: "pd.DataFrame", threshold: float | None = None) -> "pd.DataFrame":
    """For each row of `frame` (columns country, year_start, plan, source, number, title,
    text), the closest commitment of the same country in a plan that started earlier.

    Returns a frame aligned on `frame.index` with RECYCLED_COLUMNS; rows with no earlier
    plan get a missing similarity and `recycled=False`.
    """
    import numpy as np
    import pandas as pd

    limit = settings().threshold if threshold is None else threshold
    out = pd.DataFrame(index=frame.index, columns=list(RECYCLED_COLUMNS), dtype=object)
    out["recycled"] = False
    out["recycled_similarity"] = np.nan
    if frame.empty:
        return out.astype({"recycled": bool, "recycled_similarity": float})
    sims = similarity_matrix([str(t or "") for t in frame["text"].tolist()])
    countries = [fold(str(c or "")) for c in frame["country"].tolist()]
    years = [None if v is None or (isinstance(v, float) and math.isnan(v)) else int(v)
             for v in frame["year_start"].tolist()]
    rows = frame.reset_index(drop=True)
    for i in range(len(rows)):
        if years[i] is None:
            continue
        earlier = [j for j in range(len(rows)) if j != i and years[j] is not None
                   and years[j] < years[i] and countries[j] == countries[i]]
        if not earlier:
            continue
        best = max(earlier, key=lambda j: (sims[i, j], -j))
        idx = frame.index[i]
        out.at[idx, "recycled_similarity"] = round(float(sims[i, best]), 4)
        out.at[idx, "recycled"] = bool(sims[i, best] >= limit)
        out.at[idx, "recycled_from_plan"] = rows.at[best, "plan"]
        out.at[idx, "recycled_from_source"] = rows.at[best, "source"]
        out.at[idx, "recycled_from_number"] = rows.at[best, "number"]
        out.at[idx, "recycled_from_title"] = rows.at[best, "title"]
    return out.astype({"recycled": bool, "recycled_similarity": float})
