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
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Sequence

from .labels import fold

if TYPE_CHECKING:
    import numpy as np
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


def _vectors(texts: Sequence[str]) -> list:
    """The texts as L2-normalised TF-IDF rows, one sparse matrix per vectoriser."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorisers = (
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True,
                        strip_accents="unicode", lowercase=True),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                        strip_accents="unicode", lowercase=True),
    )
    out = []
    for vec in vectorisers:
        try:
            out.append(vec.fit_transform(list(texts)))
        except ValueError:  # every text empty: nothing to compare on this view
            out.append(None)
    return out


def _block(vectors: list, rows) -> np.ndarray:
    """Mean cosine similarity among `rows` over the vectorisers (0..1)."""
    import numpy as np

    total = np.zeros((len(rows), len(rows)))
    for m in vectors:
        if m is not None:
            sub = m[rows]
            total += (sub @ sub.T).toarray()
    return np.clip(total / len(vectors), 0.0, 1.0)


def similarity_matrix(texts: Sequence[str]):
    """Pairwise similarity (numpy array, 0..1) of `texts` as described in the module doc."""
    import numpy as np

    if len(texts) == 0:
        return np.zeros((0, 0))
    return _block(_vectors(texts), np.arange(len(texts)))


def find_recycled(frame: "pd.DataFrame", threshold: float | None = None) -> "pd.DataFrame":
    """For each row of `frame` (columns country, year_start, plan, source, number, title,
    text), the closest commitment of the same country in a plan that started earlier.

    Returns a frame aligned on `frame.index` with RECYCLED_COLUMNS; rows with no earlier
    plan get a missing similarity and `recycled=False`. Similarities are computed one
    country at a time, so memory grows with the largest country, not the whole study.
    """
    import numpy as np
    import pandas as pd

    limit = settings().threshold if threshold is None else threshold
    out = pd.DataFrame(index=frame.index, columns=list(RECYCLED_COLUMNS), dtype=object)
    out["recycled"] = False
    out["recycled_similarity"] = np.nan
    if frame.empty:
        return out.astype({"recycled": bool, "recycled_similarity": float})
    vectors = _vectors([str(t or "") for t in frame["text"].tolist()])
    countries = np.array([fold(str(c or "")) for c in frame["country"].tolist()], dtype=object)
    years = np.array([np.nan if v is None or pd.isna(v) else float(v)
                      for v in frame["year_start"].tolist()])
    rows = frame.reset_index(drop=True)
    for country in dict.fromkeys(countries.tolist()):
        idx = np.flatnonzero(countries == country)
        y = years[idx]
        earlier = y[None, :] < y[:, None]  # NaN compares False: undated plans never match
        if not earlier.any():
            continue
        sims = np.where(earlier, _block(vectors, idx), -1.0)
        for k in np.flatnonzero(earlier.any(axis=1)):
            best = int(np.argmax(sims[k]))
            i, j = int(idx[k]), int(idx[best])
            target = frame.index[i]
            out.at[target, "recycled_similarity"] = round(float(sims[k, best]), 4)
            out.at[target, "recycled"] = bool(sims[k, best] >= limit)
            out.at[target, "recycled_from_plan"] = rows.at[j, "plan"]
            out.at[target, "recycled_from_source"] = rows.at[j, "source"]
            out.at[target, "recycled_from_number"] = rows.at[j, "number"]
            out.at[target, "recycled_from_title"] = rows.at[j, "title"]
    return out.astype({"recycled": bool, "recycled_similarity": float})
