"""The rule matcher's indexes find exactly what trying every pattern at every token finds."""

from __future__ import annotations

import random

import pytest

from ambicion.judge.api import default_model_dir
from ambicion.nlp.components import _NEGATABLE, _NEGATIONS, _SENTENCE_END, token_view
from ambicion.nlp.pipeline import pipeline_for


def _reference_end(elements, norms, lowers, stops, i, e):
    """The plain definition: the longest end of elements[e:] matched from token i, or -1."""
    if e == len(elements):
        return i
    kind, arg = elements[e]
    if kind == "gap":
        ends = []
        j = i
        while True:
            ends.append(_reference_end(elements, norms, lowers, stops, j, e + 1))
            if j >= len(norms) or j - i >= arg or stops[j]:
                break
            j += 1
        return max(ends)
    if i >= len(norms):
        return -1
    word = lowers[i] if kind == "lower" else norms[i]
    ok = word.startswith(arg) if kind == "prefix" else word in arg
    return _reference_end(elements, norms, lowers, stops, i + 1, e + 1) if ok else -1


def _reference(matcher, doc):
    view = token_view(doc)
    norms, lowers = view.norms, view.lowers
    stops = [t in _SENTENCE_END or "\n" in t for t in view.texts]
    hits = []
    for i in range(len(norms)):
        negated = any(lowers[k] in _NEGATIONS for k in range(max(0, i - 2), i))
        for pattern, elements in matcher._compiled:
            if negated and pattern.family in _NEGATABLE:
                continue
            end = _reference_end(elements, norms, lowers, stops, i, 0)
            if end > i:
                hits.append((i, end, pattern.family, pattern.id))
    kept = []
    for family in sorted({h[2] for h in hits}):
        taken: set[int] = set()
        for h in sorted((h for h in hits if h[2] == family), key=lambda h: (h[0] - h[1], h[0], h[3])):
            if not taken & set(range(h[0], h[1])):
                taken.update(range(h[0], h[1]))
                kept.append(h)
    return sorted(kept)


def _texts(matcher, lang: str, count: int) -> list[str]:
    """Random texts made of the patterns' own words, fillers, negations and sentence ends."""
    rng = random.Random(f"rules-{lang}")
    words: list[str] = []
    for _pattern, elements in matcher._compiled:
        for kind, arg in elements:
            if kind in ("norm", "lower"):
                words.extend(sorted(arg))
            elif kind == "prefix":
                words.extend(p + "ción" for p in arg)
    fillers = ["la", "de", "los", "the", "of", "un", "nuevo", "new", "no", "sin", "not", "without",
               ".", ";", ":", ",", "\n", "y", "and"]
    return [" ".join(rng.choice(words if rng.random() < 0.6 else fillers) for _ in range(rng.randint(5, 120)))
            for _ in range(count)]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_indexed_matching_equals_trying_every_pattern_everywhere(lang):
    nlp = pipeline_for(lang, str(default_model_dir()))
    matcher = nlp.get_pipe("ambicion_rules")
    matcher.patterns  # compile
    texts = _texts(matcher, lang, 150)
    found = 0
    for doc in nlp.pipe(texts):
        got = [(m.start, m.end, m.family, m.rule) for m in doc._.ambicion_matches]
        assert got == _reference(matcher, doc), doc.text[:200]
        found += len(got)
    assert found > 500  # the texts do exercise the patterns
