"""Find commitments that repeat one from an earlier plan of the same country.

Why: the IRM's recurring complaint is that plans re-announce what earlier plans already
promised. For every commitment we report its closest match among commitments of the same
country in plans that started in an earlier year, the similarity, and a `recycled` flag
above a threshold kept in `data/recycled.json` (with a note on how it was chosen).

Similarity is the mean of two TF-IDF cosines over the commitment text: word 1–2-grams
(catches reused phrasing) and character 3–5-grams within words (robust to light edits,
inflections, accents and changed numbers). The vectorisers are fitted on all commitments of
the study, so rare shared phrases weigh more than the boilerplate every plan uses.

Counting a text's n-grams is most of the work and needs only that text, so it is a step of
its own (`count_grams`): a batch counts each plan's commitments as the plan is judged, while
other files are still being read, and only weighs and compares them after the last one.

The n-grams and weights are scikit-learn's TfidfVectorizer's (sublinear tf, smooth idf, L2
rows, accents stripped), bit for bit, computed by `tfidf.py` so that a batch does not pay for
importing scikit-learn.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Iterable, Sequence

from .labels import fold
from .tfidf import ANALYZERS, weigh

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


@dataclass(frozen=True, eq=False)
class Grams:
    """One text's n-gram counts, one mapping per view (word 1–2, char_wb 3–5), each term in
    the order it first occurs, as the vectorisers' counting pass meets them."""

    counts: tuple[dict[str, int], ...]


def count_grams(texts: Iterable[str]) -> list[Grams]:
    """Each text's n-grams counted, ready for `find_recycled(..., grams=...)`."""
    return [Grams(tuple(dict(Counter(analyze(str(t or "")))) for analyze in ANALYZERS))
            for t in texts]


def _counts_matrix(counts: Sequence[dict[str, int]]):
    """The document-term matrix the vectoriser's own counting builds from these texts.

    Same columns (terms sorted), and within each row the same order of entries (terms by
    first occurrence in the study), because the sums of the L2 norm and of the cosines run
    in that order: built any other way, similarities could differ in their last bits from
    those the vectoriser gives when it counts the texts itself. None when no text has a term.
    """
    import numpy as np
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    indices: list[int] = []
    values: list[int] = []
    indptr = [0]
    for row in counts:
        indices.extend(vocabulary.setdefault(term, len(vocabulary)) for term in row)
        values.extend(row.values())
        indptr.append(len(indices))
    if not vocabulary:
        return None
    matrix = csr_matrix((np.asarray(values, dtype=np.intc), np.asarray(indices, dtype=np.int32),
                         np.asarray(indptr, dtype=np.int32)),
                        shape=(len(counts), len(vocabulary)), dtype=np.float64)
    matrix.sort_indices()  # by first occurrence, as counted
    rank = np.empty(len(vocabulary), dtype=matrix.indices.dtype)
    for new, (_, old) in enumerate(sorted(vocabulary.items())):
        rank[old] = new
    matrix.indices = rank.take(matrix.indices)  # columns in term order; entries stay put
    return matrix


def _vectors(grams: Sequence[Grams]) -> list:
    """The texts as L2-normalised TF-IDF rows, one sparse matrix per view (None for a view
    in which every text is empty): the vectorisers' fit_transform, from counts made before."""
    out: list = []
    for view in (0, 1):
        matrix = _counts_matrix([g.counts[view] for g in grams])
        out.append(None if matrix is None else weigh(matrix))
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
    return _block(_vectors(count_grams(texts)), np.arange(len(texts)))


def find_recycled(frame: "pd.DataFrame", threshold: float | None = None,
                  grams: Sequence[Grams] | None = None) -> "pd.DataFrame":
    """For each row of `frame` (columns country, year_start, plan, source, number, title,
    text), the closest commitment of the same country in a plan that started earlier.

    `grams` are the rows' texts already counted (`count_grams`, one per row, in order);
    the result is the same as without them. Returns a frame aligned on `frame.index` with
    RECYCLED_COLUMNS; rows with no earlier plan get a missing similarity and
    `recycled=False`. Similarities are computed one country at a time, so memory grows
    with the largest country, not the whole study.
    """
    import numpy as np
    import pandas as pd

    limit = settings().threshold if threshold is None else threshold
    out = pd.DataFrame(index=frame.index, columns=list(RECYCLED_COLUMNS), dtype=object)
    out["recycled"] = False
    out["recycled_similarity"] = np.nan
    if frame.empty:
        return out.astype({"recycled": bool, "recycled_similarity": float})
    if grams is None:
        grams = count_grams(frame["text"].tolist())
    elif len(grams) != len(frame):
        raise ValueError(f"{len(grams)} counted texts for {len(frame)} rows")
    vectors = _vectors(grams)
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
