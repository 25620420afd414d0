"""A case-sensitive search of the lower-cased text finds what re.IGNORECASE finds in the text."""

from __future__ import annotations

import random
import re

import pytest

from ambicion.judge.caseless import Caseless, lower_case_only, lowered
from ambicion.judge.process import _caseless
from ambicion.judge.verifiability import INLINE_MILESTONE


@pytest.mark.parametrize("pattern, safe", [
    ("foros?\\s+multi", True), ("[eé]xito", True), ("n[°º.o]*\\d", True), ("\\bley\\b", True),
    ("[^\\W\\d_]+", True), ("Ley", False), ("[A-Z]x", False), ("\\x41", False), ("\\N{LATIN SMALL LETTER A}", False),
    ("(?P<Unit>x)", False), ("µ", False), ("\\\\n", True), ("ŝx", False),
])
def test_only_lower_case_letters_count_as_safe(pattern, safe):
    assert lower_case_only(pattern) is safe


@pytest.mark.parametrize("text, kept", [("Foro MULTIACTOR", True), ("Über año", True), ("İzmir", False),
                                        ("ıi", False), ("ſ", False), ("“Cita” – 5 %", True)])
def test_lowered_only_where_offsets_and_folding_agree(text, kept):
    assert (lowered(text) is not None) is kept


def _shipped() -> list[Caseless]:
    return [*_caseless(), INLINE_MILESTONE]


def test_the_shipped_patterns_take_the_fast_path():
    assert all(c.plain is not None for c in _shipped())


@pytest.mark.parametrize("n", range(len(_shipped())))
def test_same_matches_as_ignorecase_on_random_texts(n):
    c = _shipped()[n]
    # the pattern's own words (a letter-first alternation spells them apart: those are given)
    words = re.findall(r"[a-záéíóúñ]{2,}", c.folded.pattern) + ["hito", "milestone", "meta", "entregable", "3"]
    odd = ["ſ", "K", "İ", "ı", "É", "Á", "FORO", "Multi", "HITO", "Meta", "-", " ", "\n", "AGA", "ogp.", "12",
           "3.500", "45 %", "Por Ciento", "N°", "nº", "Σ", "ΣΑΣ", "ß", "ẞ", "µ", "ǅ", "Ⅻ", "“", "\u00a0"]
    rng = random.Random(f"caseless-{n}")
    checked = 0
    for _ in range(400):
        pieces = []
        for _ in range(rng.randint(1, 20)):
            if rng.random() < 0.3:  # a run of the pattern's own words, in its order: often a match
                k = rng.randrange(len(words))
                pieces += words[k:k + rng.randint(1, 4)]
            else:
                pieces.append(rng.choice(words + odd))
        pieces = [p.upper() if rng.random() < 0.2 else p.title() if rng.random() < 0.2 else p for p in pieces]
        text = rng.choice([" ", "", "  "]).join(pieces)
        got = [(m.span(), [g.lower() if g else g for g in m.groups()]) for m in c.finditer(text)]
        want = [(m.span(), [g.lower() if g else g for g in m.groups()]) for m in c.folded.finditer(text)]
        assert got == want, text
        assert len(c.findall(text)) == len(c.folded.findall(text)), text
        for start in range(0, len(text), 7):
            end = min(len(text), start + 11)
            assert c.search_in(text, start, end) == bool(c.folded.search(text[start:end])), text
        checked += bool(want)
    assert checked > 40  # the texts do hold matches
