"""Patterns rewritten to open on a plain character (so the engine can jump to it) find what the
forms they replaced find; those forms are kept here as the reference."""

from __future__ import annotations

import random
import re

import pytest

from ambicion.dates import _DATE_ANCHOR
from ambicion.judge.alternation import word_start
from ambicion.judge.verifiability import INLINE_MILESTONE, NUMERIC_TARGET

OLD_NUMERIC_TARGET = re.compile(
    r"(?<![\w°º/\-.])(\d{1,3}(?:[.,]\d{3})*(?:[.,]\d+)?)\s*(%|por\s*ciento|percent\b|[a-záéíóúñ]{4,})", re.I)
OLD_INLINE_MILESTONE = re.compile(r"\b(?:hito|milestone|meta|entregable|deliverable)\s*(?:n[°º.o]*\s*)?\d", re.I)
OLD_DATE_ANCHOR = re.compile(r"(?:19|20)\d{2}|\d[/.\-]\d")

PIECES = ["1", "19", "20", "2024", "1999", "3.500", "12,5", "100", "7", "0", "/", ".", "-", ",", "°", "º", "%",
          "por ciento", "Por  Ciento", "percent", "percentage", "personas", "días", "Hito", "HITO", "hito",
          "milestone", "Meta", "metas", "entregable", "deliverable", "n°", "Nº", "no.", "xhito", "a", "É",
          "ſ", "ı", "İ", "K", " ", "  ", "\n", "x", "_", "٣", "(", ")"]


def _texts(seed: str, count: int = 3000):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(PIECES) + rng.choice(["", "", " "]) for _ in range(rng.randint(1, 30)))


@pytest.mark.parametrize("new, old, how", [
    (NUMERIC_TARGET, OLD_NUMERIC_TARGET, "groups"),
    (INLINE_MILESTONE, OLD_INLINE_MILESTONE, "spans"),
    (_DATE_ANCHOR, OLD_DATE_ANCHOR, "spans"),
])
def test_same_matches_as_the_old_form(new, old, how):
    found = 0
    for text in _texts(old.pattern):
        want = [(m.span(), m.groups() if how == "groups" else ()) for m in old.finditer(text)]
        got = [(m.span(), m.groups() if how == "groups" else ()) for m in new.finditer(text)]
        assert got == want, text
        found += len(want)
    assert found > 500  # the texts do hold matches


def test_word_start_keeps_the_alternation():
    words = ["Leyes", "Ley", "Act", "Acta", "Ómnibus"]
    fast = re.compile(word_start(words))
    plain = re.compile(r"\b(?:" + "|".join(words) + ")")
    for text in ["Leyes Ley", "xLey Ley", "Acta Act", "_Act", "Ómnibus", "aÓmnibus", "Ley", "9Ley", "-Ley"]:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], text
    assert word_start(["(x", "Ley"]).startswith(r"\b")  # not every word starts with a letter
