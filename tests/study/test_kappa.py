"""`agreement.cohen_kappa` is scikit-learn's `cohen_kappa_score`, to the bit."""

from __future__ import annotations

import math
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from ambicion.agreement import cohen_kappa
from ambicion.labels import AMBITION_LEVELS

SCALES = [["no", "yes"], list(AMBITION_LEVELS), ["a", "b", "c", "d", "e", "f", "g", "h", "i"]]


def _reference(first, second, labels, linear):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(cohen_kappa_score(first, second, labels=labels,
                                       weights="linear" if linear else None))


@st.composite
def raters(draw):
    """Two raters' labels on a scale, now and then with a label off the scale."""
    labels = draw(st.sampled_from(SCALES))
    pool = st.sampled_from(labels) | st.just("other")
    n = draw(st.integers(1, 400))
    first = draw(st.lists(pool, min_size=n, max_size=n))
    second = draw(st.lists(pool, min_size=n, max_size=n))
    return first, second, labels


@settings(max_examples=300, deadline=None)
@given(raters(), st.booleans())
def test_same_value_as_scikit_learn(pair, linear) -> None:
    first, second, labels = pair
    if not set(first) & set(labels):
        with pytest.raises(ValueError):
            _reference(first, second, labels, linear)
        with pytest.raises(ValueError):
            cohen_kappa(first, second, labels, linear)
        return
    theirs, ours = _reference(first, second, labels, linear), cohen_kappa(first, second, labels, linear)
    assert (math.isnan(theirs) and math.isnan(ours)) or ours.hex() == theirs.hex()


def test_constant_raters_and_near_misses() -> None:
    assert math.isnan(cohen_kappa(["yes"] * 5, ["yes"] * 5, ["no", "yes"]))
    levels = list(AMBITION_LEVELS)
    first, second = levels * 2, [levels[0], levels[0], levels[1], *levels]
    assert cohen_kappa(first, second, levels, linear=True) > cohen_kappa(first, second, levels) > 0
    assert cohen_kappa(levels, levels, levels) == 1.0
